/**
 * Application and network load balancers from `aws elbv2` describe-load-balancers,
 * describe-listeners, describe-target-groups and describe-target-health (one file per target
 * group, named after it: its output does not say which group it describes). A listener forwards
 * to its target groups' registered targets; their ENIs become the load balancer's.
 */
import { makeId, partId } from '../../model/ids.js';
import type { Listener, ListenerProtocol, LoadBalancerTarget } from '../../model/topology.js';
import type { SourceRef } from '../common/source.js';
import type { AwsContext } from './context.js';
import type { ElbListener, ElbTargetGroup, ElbTargetHealth } from './input-hubs.js';

const PROTOCOLS: ReadonlySet<string> = new Set(['http', 'https', 'tcp', 'udp', 'tls', 'tcp_udp']);

/** `app/NAME/ID` of `arn:…:loadbalancer/app/NAME/ID`; `NAME/ID` of `arn:…:targetgroup/NAME/ID`. */
function arnTail(arn: string, resource: string): string | undefined {
    const at = arn.indexOf(`:${resource}/`);
    return at < 0 ? undefined : arn.slice(at + resource.length + 2);
}

/** The describe-target-health outputs of a target group: files whose name holds its `NAME-ID` (or its id). */
function healthOf(context: AwsContext, group: ElbTargetGroup): Array<{ item: ElbTargetHealth; source: SourceRef }> | undefined {
    const tail = group.TargetGroupArn ? arnTail(group.TargetGroupArn, 'targetgroup') : undefined;
    if (!tail) return undefined;
    const id = tail.split('/').pop()!;
    const found = context.snapshot.TargetHealthDescriptions.filter(
        h => h.source.file.includes(tail.replace('/', '-')) || h.source.file.includes(id)
    );
    const files = new Set(context.snapshot.TargetHealthDescriptions.map(h => h.source.file));
    return found.length > 0 || [...files].some(f => f.includes(id)) ? found : undefined;
}

export function importLoadBalancers(context: AwsContext): void {
    const { draft, snapshot } = context;
    const groups = new Map(snapshot.TargetGroups.filter(g => g.item.TargetGroupArn).map(g => [g.item.TargetGroupArn!, g]));
    for (const { item: lb, source } of snapshot.LoadBalancers) {
        const what = `load balancer ${lb.LoadBalancerName ?? lb.LoadBalancerArn ?? '?'}`;
        if (lb.Type !== 'application' && lb.Type !== 'network') {
            draft.report.leftOut(source, what, `${lb.Type ?? 'unknown'} load balancers are not in the language`);
            continue;
        }
        if (lb.State?.Code === 'failed') {
            draft.report.leftOut(source, what, 'its state is failed');
            continue;
        }
        const vpc = lb.VpcId ? context.vpcs.get(lb.VpcId) : undefined;
        if (!lb.LoadBalancerArn || !vpc) {
            draft.report.leftOut(source, what, `its VPC ${lb.VpcId ?? '?'} is not in the snapshot`);
            continue;
        }
        const name = draft.names.name('load-balancer', lb.LoadBalancerName ?? lb.LoadBalancerArn, vpc.name);
        const id = makeId('load-balancer', name, vpc.name);
        const subnets = (lb.AvailabilityZones ?? [])
            .map(z => context.ids.get(z.SubnetId ?? ''))
            .filter((s): s is string => s !== undefined);
        const securityGroups = (lb.SecurityGroups ?? []).map(g => context.ids.get(g)).filter((g): g is string => g !== undefined);
        const listeners = snapshot.Listeners.filter(l => l.item.LoadBalancerArn === lb.LoadBalancerArn)
            .map(l => listener(context, l.item, l.source, groups, what))
            .filter((l): l is Omit<Listener, 'id'> => l !== undefined)
            .map((l, i) => ({ ...l, id: partId(id, i) }));
        draft.topology.loadBalancers.push({
            kind: 'load-balancer',
            id,
            name,
            vpc: vpc.id,
            type: lb.Type,
            scheme: lb.Scheme === 'internal' ? 'internal' : 'internet-facing',
            subnets: subnets.map(value => ({ value })),
            // An ALB always has a group; AWS gives it the VPC's default when none is named.
            securityGroups: securityGroups.length > 0 || lb.Type === 'network' ? securityGroups : [vpc.defaultSecurityGroup],
            listeners
        });
        context.ids.set(lb.LoadBalancerArn, id);
        draft.origin(id, lb.LoadBalancerArn, source);
        // Its ENIs are described `ELB app/NAME/ID`: they are the load balancer's, not stand-in instances.
        const tail = arnTail(lb.LoadBalancerArn, 'loadbalancer');
        for (const { item: eni } of snapshot.NetworkInterfaces)
            if (eni.NetworkInterfaceId && tail && eni.Description === `ELB ${tail}`) context.eniOwners.set(eni.NetworkInterfaceId, id);
    }
}

function listener(
    context: AwsContext,
    l: ElbListener,
    source: SourceRef,
    groups: Map<string, { item: ElbTargetGroup; source: SourceRef }>,
    owner: string
): Omit<Listener, 'id'> | undefined {
    const { report } = context.draft;
    const what = `listener ${l.Protocol ?? '?'} ${l.Port ?? '?'} of ${owner}`;
    const protocol = (l.Protocol ?? '').toLowerCase();
    if (!PROTOCOLS.has(protocol) || l.Port === undefined) {
        report.leftOut(source, what, `the language's listeners are http, https, tcp, udp, tls and tcp_udp`);
        return undefined;
    }
    const actions = [...(l.DefaultActions ?? [])].sort((a, b) => (a.Order ?? 0) - (b.Order ?? 0));
    for (const action of actions.filter(a => a.Type !== 'forward'))
        report.leftOut(source, `the ${action.Type ?? '?'} action of ${what}`, 'the language forwards a listener to its targets only');
    const forward = actions.find(a => a.Type === 'forward');
    const arns = forward
        ? (forward.ForwardConfig?.TargetGroups?.map(g => g.TargetGroupArn) ?? [forward.TargetGroupArn]).filter((a): a is string => !!a)
        : [];
    if (arns.length > 1)
        report.leftOut(
            source,
            `the weights of ${what}`,
            'the language forwards to every target alike: the targets of all its groups are imported'
        );
    const targets: LoadBalancerTarget[] = [];
    const ports = new Set<number>();
    for (const arn of arns) {
        const group = groups.get(arn);
        if (!group) {
            report.leftOut(source, `target group ${arn} of ${what}`, 'not in the snapshot: add describe-target-groups output');
            continue;
        }
        if (group.item.TargetType === 'lambda' || group.item.TargetType === 'alb') {
            report.leftOut(
                group.source,
                `target group ${group.item.TargetGroupName ?? arn}`,
                `${group.item.TargetType} targets are not in the language`
            );
            continue;
        }
        const health = healthOf(context, group.item);
        if (!health) {
            report.leftOut(
                group.source,
                `the targets of ${group.item.TargetGroupName ?? arn}`,
                'add its describe-target-health output, in a file named after the group (as --print-commands does)'
            );
            continue;
        }
        for (const { item: h, source: at } of health) {
            const targetId = h.Target?.Id;
            if (!targetId) continue;
            if (group.item.TargetType === 'ip') targets.push({ kind: 'ip', address: targetId });
            else {
                const instance = context.ids.get(targetId);
                if (!instance) {
                    report.leftOut(at, `target ${targetId} of ${group.item.TargetGroupName ?? arn}`, 'the instance is not in the snapshot');
                    continue;
                }
                targets.push({ kind: 'instance', instance });
            }
            const port = h.Target?.Port ?? group.item.Port;
            if (port !== undefined) ports.add(port);
        }
    }
    const [targetPort, ...others] = [...ports];
    if (others.length > 0)
        report.leftOut(
            source,
            `the target ports ${[...ports].join(', ')} of ${what}`,
            `the language has one target port per listener: ${targetPort} is imported`
        );
    return {
        protocol: protocol as ListenerProtocol,
        port: l.Port,
        targets,
        targetPort: targets.length > 0 && targetPort !== undefined ? targetPort : l.Port
    };
}

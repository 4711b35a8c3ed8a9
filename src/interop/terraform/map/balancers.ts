/**
 * Load balancers (`aws_lb`/`aws_alb` with their listeners, target groups and target group
 * attachments), endpoint services (`aws_vpc_endpoint_service` and its `_allowed_principal`s) and
 * customer-managed prefix lists (`aws_ec2_managed_prefix_list` and `_entry`), which AWS keeps per
 * region and the language per VPC: each VPC whose rules or routes name one gets its own copy.
 */
import { makeId, partId } from '../../../model/ids.js';
import type { Listener, ListenerProtocol, LoadBalancerTarget, Vpc } from '../../../model/topology.js';
import type { Value } from '../hcl/values.js';
import type { ResourceInstance } from '../instances.js';
import { blocks, bool, designTag, list, num, type MapContext, str } from './context.js';
import { resourceName } from '../instances.js';

const PROTOCOLS: ReadonlySet<string> = new Set(['http', 'https', 'tcp', 'udp', 'tls', 'tcp_udp']);

export function mapLoadBalancers(ctx: MapContext): void {
    const listeners = ctx.ofType('aws_lb_listener', 'aws_alb_listener');
    const attachments = ctx.ofType('aws_lb_target_group_attachment', 'aws_alb_target_group_attachment');
    for (const i of ctx.ofType('aws_lb', 'aws_alb')) {
        const v = i.values;
        const type = str(v.load_balancer_type) ?? 'application';
        if (type !== 'application' && type !== 'network') {
            ctx.leftOut(i, i.address, `a ${type} load balancer: the language has application and network load balancers`);
            continue;
        }
        const subnetIds = [...list(v.subnets), ...blocks(v.subnet_mapping).map(m => m.subnet_id)]
            .map(s => ctx.element(s))
            .filter((s): s is string => s !== undefined);
        const vpc = ctx.find(ctx.topology.vpcs, ctx.find(ctx.topology.subnets, subnetIds[0])?.vpc);
        if (!vpc) {
            ctx.leftOut(i, i.address, 'none of its subnets is in this import, so neither is its VPC');
            continue;
        }
        const name = ctx.name(i, 'load-balancer', vpc.name);
        const id = makeId('load-balancer', name, vpc.name);
        const groups = list(v.security_groups)
            .map(g => ctx.element(g))
            .filter((g): g is string => g !== undefined);
        const own = listeners.filter(l => ctx.target(l.values.load_balancer_arn)?.address === i.address);
        ctx.topology.loadBalancers.push({
            kind: 'load-balancer',
            id,
            name,
            vpc: vpc.id,
            type,
            scheme: bool(v.internal, false) ? 'internal' : 'internet-facing',
            subnets: subnetIds.map(value => ({ value })),
            // An ALB always has a group; AWS gives it the VPC's default when none is named.
            securityGroups: groups.length > 0 || type === 'network' ? groups : [vpc.defaultSecurityGroup],
            listeners: own
                .map(l => listener(ctx, l, attachments))
                .filter((l): l is Omit<Listener, 'id'> => l !== undefined)
                .map((l, n) => ({ ...l, id: partId(id, n) }))
        });
        ctx.register(i, id);
        for (const l of own) ctx.register(l, id);
    }
}

function listener(ctx: MapContext, l: ResourceInstance, attachments: ResourceInstance[]): Omit<Listener, 'id'> | undefined {
    const v = l.values;
    const protocol = (str(v.protocol) ?? 'HTTP').toLowerCase();
    const port = num(v.port);
    if (!PROTOCOLS.has(protocol) || port === undefined) {
        ctx.leftOut(l, l.address, `protocol ${protocol} or its port is not one the language's listeners have`);
        return undefined;
    }
    const groups: Value[] = [];
    for (const action of blocks(v.default_action)) {
        if (str(action.type) !== 'forward') {
            ctx.leftOut(
                l,
                `${l.address}: default_action ${str(action.type) ?? '?'}`,
                'the language forwards a listener to its targets only'
            );
            continue;
        }
        if (action.target_group_arn !== undefined && action.target_group_arn !== null) groups.push(action.target_group_arn);
        for (const f of blocks(action.forward)) for (const g of blocks(f.target_group)) if (g.arn !== undefined) groups.push(g.arn);
    }
    if (groups.length > 1)
        ctx.leftOut(
            l,
            `${l.address}: weighted forwarding`,
            'the language forwards to every target alike: the targets of all its groups are imported'
        );
    const targets: LoadBalancerTarget[] = [];
    const ports = new Set<number>();
    for (const g of groups) {
        const group = ctx.target(g);
        if (!group) {
            ctx.leftOut(l, `${l.address}: target group ${String(g)}`, 'not in this import');
            continue;
        }
        const targetType = str(group.values.target_type) ?? 'instance';
        if (targetType !== 'instance' && targetType !== 'ip') {
            ctx.leftOut(group, group.address, `${targetType} targets are not in the language`);
            continue;
        }
        ctx.register(group, '');
        for (const a of attachments.filter(x => ctx.target(x.values.target_group_arn)?.address === group.address)) {
            const instance = targetType === 'instance' ? ctx.element(a.values.target_id) : undefined;
            const address = targetType === 'ip' ? str(a.values.target_id) : undefined;
            if (instance) targets.push({ kind: 'instance', instance });
            else if (address) targets.push({ kind: 'ip', address });
            else {
                ctx.leftOut(a, a.address, 'its target is not an instance in this import or a known address');
                continue;
            }
            ctx.register(a, '');
            const p = num(a.values.port) ?? num(group.values.port);
            if (p !== undefined) ports.add(p);
        }
    }
    const [targetPort, ...others] = [...ports];
    if (others.length > 0)
        ctx.leftOut(
            l,
            `${l.address}: target ports ${[...ports].join(', ')}`,
            `the language has one target port per listener: ${targetPort} is imported`
        );
    return {
        protocol: protocol as ListenerProtocol,
        port,
        targets,
        targetPort: targets.length > 0 && targetPort !== undefined ? targetPort : port
    };
}

export function mapEndpointServices(ctx: MapContext): void {
    for (const i of ctx.ofType('aws_vpc_endpoint_service')) {
        const v = i.values;
        if (list(v.gateway_load_balancer_arns).length > 0)
            ctx.leftOut(i, `${i.address}: gateway_load_balancer_arns`, 'the language has no gateway load balancers');
        const lbs = list(v.network_load_balancer_arns).map(a => ctx.find(ctx.topology.loadBalancers, ctx.element(a)));
        const lb = lbs.find(l => l !== undefined);
        if (!lb) {
            ctx.leftOut(i, i.address, 'its network load balancer is not in this import, so neither is its VPC');
            continue;
        }
        if (lbs.length > 1)
            ctx.leftOut(
                i,
                `${i.address}: network_load_balancer_arns`,
                `the language fronts an endpoint service with one load balancer: ${lb.name} is imported`
            );
        const vpc = ctx.find(ctx.topology.vpcs, lb.vpc)!;
        const name = ctx.name(i, 'endpoint-service', vpc.name);
        const id = makeId('endpoint-service', name, vpc.name);
        ctx.topology.endpointServices.push({
            kind: 'endpoint-service',
            id,
            name,
            vpc: vpc.id,
            loadBalancer: lb.id,
            allowedPrincipals: list(v.allowed_principals)
                .filter((p): p is string => typeof p === 'string')
                .map(value => ({ value })),
            acceptanceRequired: bool(v.acceptance_required, false),
            accepted: []
        });
        ctx.register(i, id);
    }
    for (const i of ctx.ofType('aws_vpc_endpoint_service_allowed_principal')) {
        const service = ctx.find(ctx.topology.endpointServices, ctx.element(i.values.vpc_endpoint_service_id));
        const principal = str(i.values.principal_arn);
        if (!service || !principal) {
            ctx.leftOut(i, i.address, service ? 'its principal is not known before apply' : 'its endpoint service is not in this import');
            continue;
        }
        if (!service.allowedPrincipals.some(p => p.value === principal)) service.allowedPrincipals.push({ value: principal });
        ctx.register(i, service.id);
    }
}

/** `aws_vpc_endpoint_connection_accepter`: the endpoint joins its service's accepted ones (after the endpoints are mapped). */
export function mapEndpointAccepters(ctx: MapContext): void {
    for (const i of ctx.ofType('aws_vpc_endpoint_connection_accepter')) {
        const service = ctx.find(ctx.topology.endpointServices, ctx.element(i.values.vpc_endpoint_service_id));
        const endpoint = ctx.find(ctx.topology.interfaceEndpoints, ctx.element(i.values.vpc_endpoint_id));
        if (!service || !endpoint) {
            ctx.leftOut(
                i,
                i.address,
                service ? 'its endpoint is not an interface endpoint in this import' : 'its endpoint service is not in this import'
            );
            continue;
        }
        if (!service.accepted.some(a => a.value === endpoint.id)) service.accepted.push({ value: endpoint.id });
        ctx.register(i, service.id);
    }
}

/** How an interface endpoint names an endpoint service of this import (`VPC.NAME`), from its `service_name`. */
export function endpointServiceName(ctx: MapContext, v: Value | undefined): string | undefined {
    const service = ctx.find(ctx.topology.endpointServices, ctx.element(v));
    const vpc = service && ctx.find(ctx.topology.vpcs, service.vpc);
    return service && vpc ? `${vpc.name}.${service.name}` : undefined;
}

/**
 * The AWS-managed list a value names: a gateway endpoint's (`aws_vpc_endpoint.s3.prefix_list_id`)
 * or one a data source finds by name (`data.aws_prefix_list` or `data.aws_ec2_managed_prefix_list`
 * with `name = "com.amazonaws.REGION.SERVICE"`, as `vpc-lab export` writes it).
 */
export function managedList(
    ctx: MapContext,
    v: Value | undefined,
    region = ctx.region
): { kind: 'prefix-list'; service: string; region: string } | undefined {
    // The data source's id stands in as the list's name (see `dataSourceValue`).
    const named = typeof v === 'string' ? /^com\.amazonaws\.([a-z0-9-]+)\.([a-z0-9-]+)$/.exec(v) : null;
    if (named) return { kind: 'prefix-list', service: named[2]!, region: named[1]! };
    const owner = ctx.target(v);
    if (owner?.type !== 'aws_vpc_endpoint') return undefined;
    const service = /([^.]+)$/.exec(str(owner.values.service_name) ?? '')?.[1];
    return service ? { kind: 'prefix-list', service, region } : undefined;
}

/** A customer-managed list named in a rule or route of `vpc`, as that VPC's own list (made on first use). */
export function customerList(
    ctx: MapContext,
    v: Value | undefined,
    vpc: Vpc | undefined
): { kind: 'prefix-list'; service: string; region: string; list: string } | undefined {
    const i = ctx.target(v);
    if (!i || i.type !== 'aws_ec2_managed_prefix_list' || !vpc) return undefined;
    return listIn(ctx, i, vpc);
}

function listIn(ctx: MapContext, i: ResourceInstance, vpc: Vpc): { kind: 'prefix-list'; service: string; region: string; list: string } {
    const key = `${i.address} in ${vpc.id}`;
    let id = copies.get(ctx)?.get(key);
    if (id === undefined) {
        const raw = resourceName(i);
        // A list named like an AWS service would read back as that service's list.
        const name = ctx.names.name('prefix-list', ['s3', 'dynamodb'].includes(raw) ? `${raw}-list` : raw, vpc.name);
        id = makeId('prefix-list', name, vpc.name);
        const entries = [
            ...blocks(i.values.entry).map(e => str(e.cidr)),
            ...ctx
                .ofType('aws_ec2_managed_prefix_list_entry')
                .filter(e => ctx.target(e.values.prefix_list_id)?.address === i.address)
                .map(e => (ctx.register(e, ''), str(e.values.cidr)))
        ].filter((c): c is string => c !== undefined);
        ctx.topology.prefixLists.push({
            kind: 'prefix-list',
            id,
            name,
            vpc: vpc.id,
            maxEntries: num(i.values.max_entries) ?? entries.length,
            entries: entries.map(value => ({ value }))
        });
        ctx.register(i, id);
        const map = copies.get(ctx) ?? new Map<string, string>();
        copies.set(ctx, map.set(key, id));
    }
    return { kind: 'prefix-list', service: ctx.find(ctx.topology.prefixLists, id)!.name, region: vpc.region, list: id };
}

const copies = new WeakMap<MapContext, Map<string, string>>();

/** Lists that no rule or route of the import names: said, since the language keeps a list in the VPC that uses it. */
export function reportUnusedLists(ctx: MapContext): void {
    for (const i of ctx.ofType('aws_ec2_managed_prefix_list', 'aws_ec2_managed_prefix_list_entry')) {
        if (ctx.isMapped(i)) continue;
        // The VPC `vpc-lab export` says the list was declared in: an address in the list's own root
        // module, which an import of several roots names with the root's folder first.
        const home = designTag(i, 'vpc');
        const root = i.address.slice(0, i.address.indexOf('/') + 1);
        const at = home === undefined ? undefined : ctx.at(`${root}${home}`);
        const vpc = at && ctx.find(ctx.topology.vpcs, ctx.elementOf(at));
        if (vpc && i.type === 'aws_ec2_managed_prefix_list') {
            listIn(ctx, i, vpc);
            continue;
        }
        ctx.leftOut(
            i,
            i.address,
            'no rule or route of this import names the list, and the language keeps a prefix list in the VPC that uses it'
        );
    }
}

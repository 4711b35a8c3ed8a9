/**
 * Instances and network interfaces. Every ENI that carries traffic becomes something probes can
 * start from or reach: an instance's interfaces are instances (its first under its own name), and
 * the ENIs of services the language has no kind for (load balancers, Lambda, RDS…) are instances
 * named after what they are, with a comment and a stand-in note saying so.
 */
import type { Instance as AwsInstance, NetworkInterface } from '@aws-sdk/client-ec2';
import { makeId } from '../../model/ids.js';
import type { Instance } from '../../model/topology.js';
import type { SourceRef } from '../common/source.js';
import { awsName, label, type AwsContext } from './context.js';

interface EniFacts {
    vpcId?: string;
    subnetId?: string;
    ip?: string;
    ipv6?: string;
    publicIp?: string;
    groups: string[];
}

function addInstance(context: AwsContext, rawName: string, facts: EniFacts, source: SourceRef, what: string): string | undefined {
    const { draft } = context;
    const vpc = facts.vpcId ? context.vpcs.get(facts.vpcId) : undefined;
    const subnet = facts.subnetId ? context.ids.get(facts.subnetId) : undefined;
    if (!vpc || !subnet) {
        draft.report.leftOut(source, what, `its VPC or subnet (${facts.vpcId ?? '?'}, ${facts.subnetId ?? '?'}) is not in the snapshot`);
        return undefined;
    }
    const name = draft.names.name('instance', rawName, vpc.name);
    const id = makeId('instance', name, vpc.name);
    const groups = facts.groups.map(g => context.ids.get(g)).filter((g): g is string => g !== undefined);
    const instance: Instance = {
        kind: 'instance',
        id,
        name,
        vpc: vpc.id,
        subnet,
        ip: facts.ip ? { value: facts.ip } : undefined,
        ipv6: facts.ipv6 ? { value: facts.ipv6 } : undefined,
        publicIp: facts.publicIp ? { value: facts.publicIp } : undefined,
        securityGroups: groups.length > 0 ? groups : [vpc.defaultSecurityGroup]
    };
    draft.topology.instances.push(instance);
    return id;
}

function eniFacts(eni: NetworkInterface): EniFacts {
    return {
        vpcId: eni.VpcId,
        subnetId: eni.SubnetId,
        ip: eni.PrivateIpAddress,
        ipv6: eni.Ipv6Addresses?.[0]?.Ipv6Address,
        publicIp: eni.Association?.PublicIp,
        groups: (eni.Groups ?? []).map(g => g.GroupId!).filter(Boolean)
    };
}

function noteSecondaryAddresses(
    context: AwsContext,
    eni: { PrivateIpAddresses?: Array<{ Primary?: boolean; PrivateIpAddress?: string }>; NetworkInterfaceId?: string },
    source: SourceRef
): void {
    const extra = (eni.PrivateIpAddresses ?? []).filter(a => a.Primary === false && a.PrivateIpAddress).map(a => a.PrivateIpAddress!);
    if (extra.length > 0)
        context.draft.report.leftOut(
            source,
            `secondary private addresses ${extra.join(', ')} of ${eni.NetworkInterfaceId ?? 'an interface'}`,
            'an instance in the language has one private IPv4 address'
        );
}

export function importInstances(context: AwsContext): void {
    const { draft, snapshot } = context;
    for (const { item: reservation, source } of snapshot.Reservations) {
        (reservation.Instances ?? []).forEach((i, n) => {
            const at = { ...source, path: `${source.path}.Instances[${n}]` };
            importInstance(context, i, at);
        });
    }
    void draft;
}

function importInstance(context: AwsContext, i: AwsInstance, source: SourceRef): void {
    const what = `instance ${label(i.InstanceId, i.Tags)}`;
    const state = i.State?.Name;
    if (state === 'terminated' || state === 'shutting-down') {
        context.draft.report.leftOut(source, what, `its state is ${state}`);
        return;
    }
    const name = awsName(i.Tags, i.InstanceId);
    const interfaces = [...(i.NetworkInterfaces ?? [])].sort((a, b) => (a.Attachment?.DeviceIndex ?? 0) - (b.Attachment?.DeviceIndex ?? 0));
    const primary = interfaces[0];
    const id = addInstance(
        context,
        name,
        {
            vpcId: i.VpcId ?? primary?.VpcId,
            subnetId: i.SubnetId ?? primary?.SubnetId,
            ip: i.PrivateIpAddress,
            ipv6: i.Ipv6Address ?? primary?.Ipv6Addresses?.[0]?.Ipv6Address,
            publicIp: i.PublicIpAddress,
            groups: (primary?.Groups ?? i.SecurityGroups ?? []).map(g => g.GroupId!).filter(Boolean)
        },
        source,
        what
    );
    if (!id) return;
    if (i.InstanceId) context.ids.set(i.InstanceId, id);
    context.draft.origin(id, label(i.InstanceId, i.Tags), source);
    if (state === 'stopped' || state === 'stopping')
        context.draft.note(id, `stopped when described (${state}); its addresses are as AWS reported them`);
    if (primary?.NetworkInterfaceId) {
        context.eniOwners.set(primary.NetworkInterfaceId, id);
        noteSecondaryAddresses(context, primary, source);
    }
    for (const eni of interfaces.slice(1)) {
        const index = eni.Attachment?.DeviceIndex ?? 0;
        const extra = addInstance(
            context,
            `${name}-eni${index}`,
            {
                vpcId: eni.VpcId,
                subnetId: eni.SubnetId,
                ip: eni.PrivateIpAddress,
                ipv6: eni.Ipv6Addresses?.[0]?.Ipv6Address,
                publicIp: eni.Association?.PublicIp,
                groups: (eni.Groups ?? []).map(g => g.GroupId!).filter(Boolean)
            },
            source,
            `interface ${eni.NetworkInterfaceId ?? index} of ${what}`
        );
        if (!extra) continue;
        if (eni.NetworkInterfaceId) context.eniOwners.set(eni.NetworkInterfaceId, extra);
        context.draft.origin(
            extra,
            `${eni.NetworkInterfaceId ?? '?'}, interface ${index} of ${label(i.InstanceId, i.Tags)}`,
            source,
            'an instance of its own here: the language gives an instance one network interface'
        );
        noteSecondaryAddresses(context, eni, source);
    }
}

/** What a requester-managed or service ENI belongs to, from its type, requester and description. */
export function serviceOf(eni: NetworkInterface): { name: string; what: string } | undefined {
    const description = eni.Description ?? '';
    const elb = /^ELB (?:(app|net|gwy)\/)?([^/]+)/.exec(description);
    if (eni.InterfaceType === 'load_balancer' || eni.InterfaceType === 'network_load_balancer' || elb) {
        const kind = elb?.[1] === 'net' || eni.InterfaceType === 'network_load_balancer' ? 'nlb' : elb?.[1] === 'app' ? 'alb' : 'elb';
        return {
            name: `${kind}-${elb?.[2] ?? eni.NetworkInterfaceId}`,
            what: `the network interface of load balancer ${elb ? description.slice(4) : eni.NetworkInterfaceId}`
        };
    }
    const lambda = /^AWS Lambda VPC ENI-(.+?)(?:-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?$/.exec(description);
    if (eni.InterfaceType === 'lambda' || lambda)
        return {
            name: `lambda-${lambda?.[1] ?? eni.NetworkInterfaceId}`,
            what: `a network interface of Lambda function ${lambda?.[1] ?? '(unnamed)'}`
        };
    if (/^RDSNetworkInterface/.test(description) || eni.RequesterId === 'amazon-rds')
        return { name: `rds-${eni.NetworkInterfaceId}`, what: 'the network interface of an RDS database' };
    if (/^ElastiCache/.test(description) || eni.RequesterId === 'amazon-elasticache')
        return { name: `elasticache-${eni.NetworkInterfaceId}`, what: 'the network interface of an ElastiCache node' };
    if (/^EFS mount target/.test(description)) return { name: `efs-${eni.NetworkInterfaceId}`, what: 'an EFS mount target' };
    if (eni.InterfaceType === 'api_gateway_managed')
        return { name: `apigw-${eni.NetworkInterfaceId}`, what: 'an API Gateway VPC link interface' };
    if (eni.RequesterManaged || (eni.InterfaceType && eni.InterfaceType !== 'interface')) {
        return {
            name: `${eni.InterfaceType && eni.InterfaceType !== 'interface' ? eni.InterfaceType.replace(/_/g, '-') : 'service'}-${eni.NetworkInterfaceId}`,
            what: `a network interface managed by ${eni.RequesterId ?? 'an AWS service'}${description ? ` ("${description}")` : ''}`
        };
    }
    return undefined;
}

/** ENIs not already covered by an instance, NAT gateway or endpoint of the snapshot. */
export function importNetworkInterfaces(context: AwsContext): void {
    const { draft, snapshot } = context;
    for (const { item: eni, source } of snapshot.NetworkInterfaces) {
        if (!eni.NetworkInterfaceId || context.eniOwners.has(eni.NetworkInterfaceId)) continue;
        const what = `network interface ${label(eni.NetworkInterfaceId, eni.TagSet)}`;
        const type = eni.InterfaceType;
        if (type === 'natGateway' || type === 'vpc_endpoint') {
            draft.report.leftOut(
                source,
                what,
                `its ${type === 'natGateway' ? 'NAT gateway' : 'endpoint'} is not in the snapshot (add describe-${type === 'natGateway' ? 'nat-gateways' : 'vpc-endpoints'} output)`
            );
            continue;
        }
        if (type === 'transit_gateway' || type === 'gateway_load_balancer' || type === 'gateway_load_balancer_endpoint') {
            draft.report.leftOut(source, what, `${type.replace(/_/g, ' ')} interfaces are not importable yet`);
            continue;
        }
        const instanceId = eni.Attachment?.InstanceId;
        if (instanceId && !eni.RequesterManaged) {
            const owner = context.ids.get(instanceId);
            const index = eni.Attachment?.DeviceIndex ?? 0;
            const id = addInstance(context, owner || index > 0 ? `${instanceId}-eni${index}` : instanceId, eniFacts(eni), source, what);
            if (!id) continue;
            context.eniOwners.set(eni.NetworkInterfaceId, id);
            if (index === 0 && !owner) context.ids.set(instanceId, id);
            draft.origin(id, `${eni.NetworkInterfaceId}, interface ${index} of ${instanceId}`, source);
            noteSecondaryAddresses(context, eni, source);
            continue;
        }
        const service = serviceOf(eni);
        if (!service) {
            draft.report.leftOut(source, what, 'attached to nothing, it carries no traffic');
            continue;
        }
        const id = addInstance(context, awsName(eni.TagSet, service.name), eniFacts(eni), source, what);
        if (!id) continue;
        context.eniOwners.set(eni.NetworkInterfaceId, id);
        draft.origin(
            id,
            eni.NetworkInterfaceId,
            source,
            `${service.what}: an instance stands for it, since the language has no kind for it yet`
        );
        draft.report.standIn(source, `${what}, ${service.what}`, 'an instance of that name stands for it, so probes can reach it');
    }
}

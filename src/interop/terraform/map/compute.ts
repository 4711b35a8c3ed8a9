/**
 * Instances (with their primary network interface), peering connections and flow logs.
 * A public IPv4 address AWS assigns at launch (`associate_public_ip_address`, or the subnet's
 * `map_public_ip_on_launch`) or an Elastic IP gets a stated stand-in from 203.0.113.0/24.
 */
import { makeId } from '../../../model/ids.js';
import type { Instance, Subnet } from '../../../model/topology.js';
import type { Value } from '../hcl/values.js';
import type { ResourceInstance } from '../instances.js';
import { bool, designTag, list, type MapContext, num, str } from './context.js';

function publicStandIn(n: number): string {
    return `203.0.113.${((n - 1) % 254) + 1}`;
}

export function mapInstances(ctx: MapContext): void {
    const enis = ctx.ofType('aws_network_interface');
    const usedEnis = new Set<ResourceInstance>();
    const eips = elasticIps(ctx);
    for (const i of ctx.ofType('aws_instance')) {
        const primary = (Array.isArray(i.values.network_interface) ? i.values.network_interface : [])
            .map(b =>
                b && typeof b === 'object' && !Array.isArray(b) ? ctx.target((b as Record<string, never>).network_interface_id) : undefined
            )
            .find((e): e is ResourceInstance => e !== undefined);
        if (primary) usedEnis.add(primary);
        const source = primary?.values ?? i.values;
        const subnet = ctx.find(ctx.topology.subnets, ctx.element(primary ? source.subnet_id : i.values.subnet_id));
        if (!subnet) {
            ctx.leftOut(
                i,
                i.address,
                i.values.subnet_id === undefined && !primary
                    ? 'no subnet_id: it would launch in the default VPC'
                    : 'its subnet is not in this import'
            );
            continue;
        }
        const vpc = ctx.find(ctx.topology.vpcs, subnet.vpc)!;
        const name = ctx.name(i, 'instance', vpc.name);
        const id = makeId('instance', name, vpc.name);
        const groupRefs = primary ? list(primary.values.security_groups) : list(i.values.vpc_security_group_ids);
        const groups = groupRefs.map(g => ctx.element(g)).filter((g): g is string => g !== undefined);
        if (groups.length < groupRefs.length) ctx.leftOut(i, `${i.address}: security groups`, 'some of its groups are not in this import');
        const ip = str(primary ? (list(source.private_ips)[0] ?? source.private_ip) : i.values.private_ip);
        const ipv6 = str(list(source.ipv6_addresses)[0]);
        const instance: Instance = {
            kind: 'instance',
            id,
            name,
            vpc: vpc.id,
            subnet: subnet.id,
            ...(ip ? { ip: { value: ip } } : {}),
            ...(ipv6 ? { ipv6: { value: ipv6 } } : {}),
            securityGroups: groups.length ? groups : [vpc.defaultSecurityGroup]
        };
        const designIpv6 = !ipv6 && (num(i.values.ipv6_address_count) ?? 0) > 0 ? designTag(i, 'ipv6') : undefined;
        if (designIpv6) {
            instance.ipv6 = { value: designIpv6 };
            ctx.standIn(
                i,
                `${i.address}: ipv6_addresses = [${designIpv6}]`,
                "AWS picks the address at launch; the design's, from its vpc-lab:ipv6 tag"
            );
        } else if (!ipv6 && (num(i.values.ipv6_address_count) ?? 0) > 0)
            ctx.leftOut(i, `${i.address}: ipv6_address_count`, 'AWS picks the addresses at launch; write ipv6_addresses to import them');
        publicAddress(ctx, eips, i, instance, subnet, primary);
        ctx.topology.instances.push(instance);
        ctx.register(i, id);
        if (primary) ctx.register(primary, id);
    }
    for (const e of enis) {
        if (usedEnis.has(e)) continue;
        const attached =
            ctx.ofType('aws_network_interface_attachment').some(a => ctx.target(a.values.network_interface_id) === e) ||
            list(e.values.attachment).length > 0;
        ctx.leftOut(
            e,
            e.address,
            attached
                ? 'a secondary network interface: the language gives an instance one interface'
                : 'a network interface attached to no instance'
        );
    }
    for (const a of ctx.ofType('aws_network_interface_attachment'))
        if (!ctx.isMapped(a)) ctx.leftOut(a, a.address, 'a secondary network interface: the language gives an instance one interface');
}

/** Elastic IPs by the instance or network interface they are associated with. */
function elasticIps(ctx: MapContext): Map<ResourceInstance, ResourceInstance> {
    const eips = new Map<ResourceInstance, ResourceInstance>();
    for (const e of ctx.ofType('aws_eip')) {
        const owner = ctx.target(e.values.instance) ?? ctx.target(e.values.network_interface);
        if (owner) eips.set(owner, e);
    }
    for (const a of ctx.ofType('aws_eip_association')) {
        const owner = ctx.target(a.values.instance_id) ?? ctx.target(a.values.network_interface_id);
        const eip = ctx.target(a.values.allocation_id);
        if (owner && eip) {
            eips.set(owner, eip);
            ctx.register(a, '');
        }
    }
    return eips;
}

function publicAddress(
    ctx: MapContext,
    eips: Map<ResourceInstance, ResourceInstance>,
    i: ResourceInstance,
    instance: Instance,
    subnet: Subnet,
    eni?: ResourceInstance
): void {
    const eip = eips.get(i) ?? (eni && eips.get(eni));
    if (eip) {
        const known = str(eip.values.public_ip);
        const ip = known ?? publicStandIn(ctx.nextStandIn());
        if (!known) ctx.standIn(eip, `${eip.address}: public_ip = ${ip}`, 'AWS allocates the Elastic IP at apply');
        instance.publicIp = { value: ip };
        ctx.register(eip, instance.id);
        return;
    }
    const known = str(i.values.public_ip);
    if (known) {
        instance.publicIp = { value: known };
        return;
    }
    const subnetInstance = ctx.sourceOf(subnet.id);
    const auto =
        i.values.associate_public_ip_address !== undefined && i.values.associate_public_ip_address !== null
            ? bool(i.values.associate_public_ip_address, false)
            : bool(subnetInstance?.values.map_public_ip_on_launch, false);
    if (!auto) return;
    const design = designTag(i, 'public-ip');
    const ip = design ?? publicStandIn(ctx.nextStandIn());
    instance.publicIp = { value: ip };
    ctx.standIn(
        i,
        `${i.address}: public_ip = ${ip}`,
        design
            ? "AWS assigns the public address at launch; the design's, from its vpc-lab:public-ip tag"
            : 'AWS assigns the public address at launch'
    );
}

export function mapPeerings(ctx: MapContext): void {
    for (const i of ctx.ofType('aws_vpc_peering_connection')) {
        const requester = ctx.vpcOf(i.values.vpc_id);
        const accepter = ctx.vpcOf(i.values.peer_vpc_id);
        if (!requester || !accepter) {
            ctx.leftOut(i, i.address, `${requester ? 'the accepter' : 'the requester'} VPC is not in this import`);
            continue;
        }
        const name = ctx.name(i, 'peering');
        const id = makeId('peering', name);
        const sides = [i.values.accepter, i.values.requester].flatMap(list);
        const options = ctx
            .ofType('aws_vpc_peering_connection_options')
            .filter(o => peeringOf(ctx, o.values.vpc_peering_connection_id) === i);
        const dns = [...sides, ...options.flatMap(o => [...list(o.values.accepter), ...list(o.values.requester)])].some(
            s =>
                s !== null &&
                typeof s === 'object' &&
                !Array.isArray(s) &&
                bool((s as Record<string, never>).allow_remote_vpc_dns_resolution, false)
        );
        ctx.topology.peerings.push({ kind: 'peering', id, name, requester: requester.id, accepter: accepter.id, dnsResolution: dns });
        ctx.register(i, id);
        for (const o of options) ctx.register(o, id);
    }
    for (const i of ctx.ofType('aws_vpc_peering_connection_accepter')) {
        const id = ctx.element(i.values.vpc_peering_connection_id);
        if (id) ctx.register(i, id);
        else ctx.leftOut(i, i.address, 'the peering it accepts is not in this import');
    }
    for (const i of ctx.ofType('aws_vpc_peering_connection_options'))
        if (!ctx.isMapped(i)) ctx.leftOut(i, i.address, 'its peering is not in this import');
}

/** The peering a value names: directly, or through the accepter's side (its options name the accepter in its own folder). */
function peeringOf(ctx: MapContext, v: Value | undefined): ResourceInstance | undefined {
    const target = ctx.target(v);
    return target?.type === 'aws_vpc_peering_connection_accepter' ? ctx.target(target.values.vpc_peering_connection_id) : target;
}

export function mapFlowLogs(ctx: MapContext): void {
    for (const i of ctx.ofType('aws_flow_log')) {
        const v = i.values;
        const vpcId = ctx.element(v.vpc_id);
        const subnet = ctx.find(ctx.topology.subnets, ctx.element(v.subnet_id));
        const eniOwner = v.eni_id !== undefined ? ctx.element(v.eni_id) : undefined;
        // A network interface is that of an instance, a NAT gateway or an interface endpoint (network_interface_id(s)).
        const owner = [...ctx.topology.instances, ...ctx.topology.natGateways, ...ctx.topology.interfaceEndpoints].find(
            n => n.id === eniOwner
        );
        const vpc = ctx.find(ctx.topology.vpcs, vpcId ?? subnet?.vpc ?? owner?.vpc);
        if (!vpc) {
            ctx.leftOut(
                i,
                i.address,
                v.transit_gateway_id !== undefined ? 'a transit gateway flow log' : 'what it captures is not in this import'
            );
            continue;
        }
        const name = ctx.name(i, 'flow-log', vpc.name);
        const id = makeId('flow-log', name, vpc.name);
        const type = str(v.log_destination_type) ?? 'cloud-watch-logs';
        const target = destinationOf(ctx, i, type);
        const traffic = (str(v.traffic_type) ?? 'ALL').toLowerCase();
        const format = str(v.log_format);
        ctx.topology.flowLogs.push({
            kind: 'flow-log',
            id,
            name,
            vpc: vpc.id,
            capture: subnet
                ? { level: 'subnet', target: subnet.id }
                : eniOwner
                  ? { level: 'eni', target: eniOwner }
                  : { level: 'vpc', target: vpc.id },
            traffic: traffic === 'accept' || traffic === 'reject' ? traffic : 'all',
            ...(target ? { destination: { kind: type === 's3' ? 's3' : 'cloudwatch', target } } : {}),
            aggregationSeconds: num(v.max_aggregation_interval) === 60 ? 60 : 600,
            ...(format ? { format: { value: format } } : {})
        });
        ctx.register(i, id);
    }
}

function destinationOf(ctx: MapContext, i: ResourceInstance, type: string): string | undefined {
    const v = i.values;
    if (type === 'kinesis-data-firehose') {
        ctx.leftOut(i, `${i.address}: log_destination`, 'delivery to Kinesis Data Firehose is not modelled');
        return undefined;
    }
    const dest = v.log_destination ?? v.log_group_name;
    // For CloudWatch Logs the provider takes the log group's ARN; the language names the group.
    const group =
        typeof dest === 'string' && type === 'cloud-watch-logs'
            ? /^arn:aws[a-z-]*:logs:[^:]*:\d*:log-group:([^:]+)(?::\*)?$/.exec(dest)
            : null;
    if (group) return group[1];
    if (typeof dest === 'string') return dest;
    const owner = ctx.target(dest);
    if (owner?.type === 'aws_s3_bucket' && str(owner.values.bucket)) return `arn:aws:s3:::${str(owner.values.bucket)}`;
    if (owner?.type === 'aws_cloudwatch_log_group' && str(owner.values.name)) {
        ctx.register(owner, '');
        return str(owner.values.name);
    }
    ctx.leftOut(i, `${i.address}: log_destination`, 'not known before apply');
    return undefined;
}

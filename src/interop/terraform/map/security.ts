/**
 * Security groups and network ACLs with their rules, inline or as separate resources. As the AWS
 * provider documents: a group Terraform creates has no egress rule unless one is given (the
 * provider deletes AWS's allow-all egress); `aws_default_security_group` and
 * `aws_default_network_acl` remove every rule they do not list; a new network ACL denies all.
 */
import { makeId, partId } from '../../../model/ids.js';
import type { NetworkAcl, PortRange, Protocol, RulePeer, SecurityGroup, Vpc } from '../../../model/topology.js';
import { Ref, Unknown, type Value } from '../hcl/values.js';
import type { ResourceInstance } from '../instances.js';
import { blocks, bool, list, type MapContext, num, str } from './context.js';
import { customerList, managedList } from './balancers.js';
import { vpcOfDefault } from './routing.js';

const PROTOCOLS: Record<string, Protocol> = {
    '-1': 'all',
    all: 'all',
    tcp: 'tcp',
    '6': 'tcp',
    udp: 'udp',
    '17': 'udp',
    icmp: 'icmp',
    '1': 'icmp',
    // ICMPv6, as the export writes the language's `icmp` in an IPv6 rule.
    '58': 'icmp',
    icmpv6: 'icmp'
};

export function protocolOf(v: Value | undefined): Protocol | undefined {
    return PROTOCOLS[String(v ?? '').toLowerCase()];
}

export function portsOf(protocol: Protocol, from: Value | undefined, to: Value | undefined): PortRange | undefined {
    if (protocol !== 'tcp' && protocol !== 'udp') return undefined;
    const a = num(from);
    const b = num(to) ?? a;
    if (a === undefined || b === undefined || (a <= 0 && b >= 65535) || a === -1) return undefined;
    return { from: a, to: b };
}

/** A rule's prefix list: a customer-managed list of the import, or an AWS-managed one (see `managedList`). */
function prefixListPeer(ctx: MapContext, v: Value, vpc: string): RulePeer | string {
    const home = ctx.find(ctx.topology.vpcs, vpc);
    const own = customerList(ctx, v, home);
    if (own) return own;
    return (
        managedList(ctx, v, home?.region ?? ctx.region) ??
        'not the prefix list of a gateway endpoint or a customer-managed list in this import'
    );
}

interface RuleSpec {
    direction: 'ingress' | 'egress';
    protocol: Value;
    from?: Value;
    to?: Value;
    peers: Array<RulePeer | string>;
}

function addRules(ctx: MapContext, i: ResourceInstance, group: SecurityGroup, spec: RuleSpec): void {
    const protocol = protocolOf(spec.protocol);
    if (!protocol) {
        ctx.leftOut(i, `${i.address}: ${spec.direction} protocol ${String(spec.protocol)}`, 'the language has tcp, udp, icmp and all');
        return;
    }
    const ports = portsOf(protocol, spec.from, spec.to);
    for (const peer of spec.peers) {
        if (typeof peer === 'string') {
            ctx.leftOut(i, `${i.address}: ${spec.direction} rule`, peer);
            continue;
        }
        group.rules.push({
            id: partId(group.id, group.rules.length),
            direction: spec.direction,
            protocol,
            ...(ports ? { ports } : {}),
            peer
        });
    }
}

function inlinePeers(ctx: MapContext, group: SecurityGroup, r: Record<string, Value>): Array<RulePeer | string> {
    const groupPeer = (v: Value): RulePeer | string => {
        const id = ctx.element(v);
        return id ? { kind: 'sg', group: id } : `the group ${ctx.target(v)?.address ?? String(v)} is not in this import`;
    };
    return [
        ...list(r.cidr_blocks).map(c => ({ kind: 'cidr', cidr: String(c) }) as RulePeer),
        ...list(r.ipv6_cidr_blocks).map(c => ({ kind: 'cidr', cidr: String(c) }) as RulePeer),
        ...list(r.prefix_list_ids).map(p => prefixListPeer(ctx, p, group.vpc)),
        ...list(r.security_groups).map(groupPeer),
        ...(bool(r.self, false) ? [{ kind: 'sg', group: group.id } as RulePeer] : [])
    ];
}

export function mapSecurityGroups(ctx: MapContext): void {
    const groups = ctx.ofType('aws_security_group', 'aws_default_security_group');
    for (const i of groups) {
        const isDefault = i.type === 'aws_default_security_group';
        const vpc = ctx.vpcOf(i.values.vpc_id);
        if (!vpc) {
            ctx.leftOut(i, i.address, 'its VPC is not in this import');
            continue;
        }
        const name = ctx.name(i, 'security-group', vpc.name);
        const group: SecurityGroup = { kind: 'security-group', id: makeId('security-group', name, vpc.name), name, vpc: vpc.id, rules: [] };
        ctx.topology.securityGroups.push(group);
        ctx.register(i, group.id);
        if (isDefault) replaceDefaultGroup(ctx, vpc, group);
    }
    // Inline rules after every group exists: they name each other.
    for (const i of groups) {
        const group = ctx.find(ctx.topology.securityGroups, ctx.elementOf(i));
        if (!group) continue;
        for (const direction of ['ingress', 'egress'] as const) {
            for (const r of blocks(i.values[direction]))
                addRules(ctx, i, group, {
                    direction,
                    protocol: r.protocol ?? null,
                    from: r.from_port,
                    to: r.to_port,
                    peers: inlinePeers(ctx, group, r)
                });
        }
    }
    for (const i of ctx.ofType('aws_security_group_rule')) {
        const group = ctx.find(ctx.topology.securityGroups, ctx.element(i.values.security_group_id));
        if (!group) {
            ctx.leftOut(i, i.address, 'its security group is not in this import');
            continue;
        }
        const peers = inlinePeers(ctx, group, i.values);
        if (i.values.source_security_group_id) {
            const id = referencedGroup(ctx, i.values.source_security_group_id);
            peers.push(id ? { kind: 'sg', group: id } : 'its source group is not in this import');
        }
        addRules(ctx, i, group, {
            direction: str(i.values.type) === 'egress' ? 'egress' : 'ingress',
            protocol: i.values.protocol ?? null,
            from: i.values.from_port,
            to: i.values.to_port,
            peers
        });
        ctx.register(i, group.id);
    }
    for (const i of ctx.ofType('aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule')) {
        const group = ctx.find(ctx.topology.securityGroups, ctx.element(i.values.security_group_id));
        if (!group) {
            ctx.leftOut(i, i.address, 'its security group is not in this import');
            continue;
        }
        const v = i.values;
        const peer: RulePeer | string = str(v.cidr_ipv4)
            ? { kind: 'cidr', cidr: str(v.cidr_ipv4)! }
            : str(v.cidr_ipv6)
              ? { kind: 'cidr', cidr: str(v.cidr_ipv6)! }
              : v.prefix_list_id
                ? prefixListPeer(ctx, v.prefix_list_id, group.vpc)
                : v.referenced_security_group_id
                  ? referencedGroup(ctx, v.referenced_security_group_id)
                      ? { kind: 'sg', group: referencedGroup(ctx, v.referenced_security_group_id)! }
                      : 'its referenced group is not in this import'
                  : 'it names no source or destination';
        addRules(ctx, i, group, {
            direction: i.type.endsWith('ingress_rule') ? 'ingress' : 'egress',
            protocol: v.ip_protocol ?? null,
            from: v.from_port,
            to: v.to_port,
            peers: [peer]
        });
        ctx.register(i, group.id);
    }
    // A group left with no egress rule (the provider deletes AWS's default one) is printed `egress none`.
}

/** A group a rule names: by id, or as AWS names a group of a peered VPC in another account, `ACCOUNT/sg-id`. */
function referencedGroup(ctx: MapContext, v: Value): string | undefined {
    const direct = ctx.element(v);
    if (direct) return direct;
    const [account, ref] = v instanceof Unknown && v.pieces?.length === 2 ? v.pieces : [];
    if (typeof account === 'string' && /^\d{12}\/$/.test(account) && ref instanceof Ref) return ctx.element(ref);
    const id = typeof v === 'string' ? /^\d{12}\/(.+)$/.exec(v)?.[1] : undefined;
    return id === undefined ? undefined : ctx.element(id);
}

/** Instances and endpoints that name no group get the VPC's default group: now this one. */
function replaceDefaultGroup(ctx: MapContext, vpc: Vpc, group: SecurityGroup): void {
    const old = vpc.defaultSecurityGroup;
    ctx.topology.securityGroups = ctx.topology.securityGroups.filter(g => g.id !== old);
    vpc.defaultSecurityGroup = group.id;
}

function aclRule(
    ctx: MapContext,
    i: ResourceInstance,
    acl: NetworkAcl,
    r: Record<string, Value>,
    direction: 'inbound' | 'outbound',
    keys: { number: string; action: string }
): void {
    const protocol = protocolOf(r.protocol);
    const number = num(r[keys.number]);
    const action = str(r[keys.action])?.toLowerCase();
    const cidr = str(r.cidr_block) || str(r.ipv6_cidr_block);
    if (!protocol || number === undefined || (action !== 'allow' && action !== 'deny') || !cidr) {
        ctx.leftOut(
            i,
            `${i.address}: ${direction} rule ${number ?? '?'}`,
            !protocol
                ? `protocol ${String(r.protocol)}: the language has tcp, udp, icmp and all`
                : 'its number, action or CIDR block is not known'
        );
        return;
    }
    const ports = portsOf(protocol, r.from_port, r.to_port);
    acl.rules.push({
        id: partId(acl.id, direction, number),
        direction,
        number,
        action,
        protocol,
        ...(ports ? { ports } : {}),
        peer: { kind: 'cidr', cidr }
    });
}

export function mapNetworkAcls(ctx: MapContext): void {
    for (const i of ctx.ofType('aws_network_acl', 'aws_default_network_acl')) {
        const isDefault = i.type === 'aws_default_network_acl';
        const vpc = isDefault ? vpcOfDefault(ctx, i.values.default_network_acl_id, 'default_network_acl_id') : ctx.vpcOf(i.values.vpc_id);
        if (!vpc) {
            ctx.leftOut(i, i.address, 'its VPC is not in this import');
            continue;
        }
        const name = ctx.name(i, 'network-acl', vpc.name);
        const acl: NetworkAcl = { kind: 'network-acl', id: makeId('network-acl', name, vpc.name), name, vpc: vpc.id, rules: [] };
        ctx.topology.networkAcls.push(acl);
        ctx.register(i, acl.id);
        for (const r of blocks(i.values.ingress)) aclRule(ctx, i, acl, r, 'inbound', { number: 'rule_no', action: 'action' });
        for (const r of blocks(i.values.egress)) aclRule(ctx, i, acl, r, 'outbound', { number: 'rule_no', action: 'action' });
        if (isDefault) {
            // The default ACL stays with every subnet not associated with another one: written
            // as a named ACL, it is associated with each of them.
            ctx.topology.networkAcls = ctx.topology.networkAcls.filter(a => a.id !== vpc.defaultNetworkAcl);
            for (const s of ctx.topology.subnets) if (s.vpc === vpc.id && s.networkAcl === vpc.defaultNetworkAcl) s.networkAcl = acl.id;
            vpc.defaultNetworkAcl = acl.id;
        }
        for (const s of list(i.values.subnet_ids)) associate(ctx, i, acl, s);
    }
    for (const i of ctx.ofType('aws_network_acl_rule')) {
        const acl = ctx.find(ctx.topology.networkAcls, ctx.element(i.values.network_acl_id));
        if (!acl) {
            ctx.leftOut(i, i.address, 'its network ACL is not in this import');
            continue;
        }
        aclRule(ctx, i, acl, i.values, bool(i.values.egress, false) ? 'outbound' : 'inbound', {
            number: 'rule_number',
            action: 'rule_action'
        });
        ctx.register(i, acl.id);
    }
    for (const i of ctx.ofType('aws_network_acl_association')) {
        const acl = ctx.find(ctx.topology.networkAcls, ctx.element(i.values.network_acl_id));
        if (!acl) {
            ctx.leftOut(i, i.address, 'its network ACL is not in this import');
            continue;
        }
        associate(ctx, i, acl, i.values.subnet_id);
        ctx.register(i, acl.id);
    }
    // The default ACLs AWS creates are in AWS's order already (inbound, then outbound), which the printer expects.
    for (const acl of ctx.topology.networkAcls) if (!acl.implicit) acl.rules.sort((a, b) => a.number - b.number);
}

function associate(ctx: MapContext, i: ResourceInstance, acl: NetworkAcl, subnetRef: Value | undefined): void {
    const subnet = ctx.find(ctx.topology.subnets, ctx.element(subnetRef));
    if (!subnet) {
        ctx.leftOut(i, `${i.address}: subnet ${String(subnetRef)}`, 'the subnet is not in this import');
        return;
    }
    subnet.networkAcl = acl.id;
}

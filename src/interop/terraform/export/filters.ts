/**
 * Security groups and network ACLs as Terraform, with the rule resources the AWS provider
 * recommends (`aws_vpc_security_group_ingress_rule`/`_egress_rule`, one rule each, and
 * `aws_network_acl_rule`). The provider removes the allow-all outbound rule AWS gives a new
 * group, so the rules the language adds implicitly are written out like the others.
 */
import type { NetworkAcl, NetworkAclRule, RulePeer, SecurityGroup, SecurityGroupRule, Vpc } from '../../../model/topology.js';
import { tags, type ExportContext, type Folder } from './context.js';
import { expr, type HclValue } from './hcl.js';

function isIpv6(peer: RulePeer): boolean {
    return peer.kind === 'cidr' && peer.cidr.includes(':');
}

function protocolAndPorts(rule: SecurityGroupRule): Record<string, HclValue> {
    if (rule.protocol === 'all') return { ip_protocol: '-1' };
    if (rule.protocol === 'icmp') return { ip_protocol: isIpv6(rule.peer) ? 'icmpv6' : 'icmp', from_port: -1, to_port: -1 };
    return { ip_protocol: rule.protocol, from_port: rule.ports?.from ?? 0, to_port: rule.ports?.to ?? 65535 };
}

export function prefixListId(context: ExportContext, folder: Folder, service: string, region: string): HclValue {
    const name = `${service}_${region}`.replace(/[^A-Za-z0-9_]/g, '_');
    return expr(`${context.dataSource(folder, 'aws_prefix_list', name, { name: `com.amazonaws.${region}.${service}` })}.id`);
}

/** The id of a group a rule or an instance names: a group of the design, or the VPC's default group. */
export function groupIdFrom(context: ExportContext, folder: Folder, groupId: string): HclValue | undefined {
    const group = context.element<SecurityGroup>(groupId);
    if (!group) return undefined;
    if (group.implicit) return context.refFrom(folder, group.vpc, 'default_security_group_id');
    return context.refFrom(folder, group.id);
}

function peerAttributes(
    context: ExportContext,
    folder: Folder,
    group: SecurityGroup,
    rule: SecurityGroupRule
): Record<string, HclValue> | string {
    const peer = rule.peer;
    if (peer.kind === 'cidr') return { [peer.cidr.includes(':') ? 'cidr_ipv6' : 'cidr_ipv4']: peer.cidr };
    if (peer.kind === 'prefix-list')
        return {
            prefix_list_id:
                (peer.list ? context.refFrom(folder, peer.list) : undefined) ?? prefixListId(context, folder, peer.service, peer.region)
        };
    const other = peer.group ? groupIdFrom(context, folder, peer.group) : undefined;
    if (!other) return 'it names a security group that does not resolve';
    const otherVpc = context.vpcOf(peer.group!);
    const ownVpc = context.element<Vpc>(group.vpc);
    // A group of another account is named `ACCOUNT/sg-…`, as the EC2 API takes it.
    if (otherVpc && ownVpc && otherVpc.account !== ownVpc.account && typeof other === 'object' && other !== null && 'expr' in other) {
        return { referenced_security_group_id: expr(`"${otherVpc.account}/\${${other.expr}}"`) };
    }
    return { referenced_security_group_id: other };
}

/**
 * Writes the group, and gives back what writes its rules: called once every group is written, so
 * that a rule may name a group written after its own.
 */
export function exportSecurityGroup(context: ExportContext, group: SecurityGroup): () => void {
    const vpc = context.element<Vpc>(group.vpc)!;
    const folder = context.folderOfVpc(vpc);
    const name = context.allocate(folder, 'aws_security_group', group.name, `${vpc.name}-${group.name}`);
    context.resource(
        folder,
        group.id,
        'aws_security_group',
        name,
        {
            name: `${vpc.name}-${group.name}`,
            description: `security-group ${group.name} of VPC ${vpc.name}`,
            vpc_id: context.refFrom(folder, vpc.id),
            tags: tags(group.name)
        },
        [],
        [`security-group ${vpc.name}.${group.name}`]
    );
    return () =>
        group.rules.forEach((rule, i) => {
            const peer = peerAttributes(context, folder, group, rule);
            if (typeof peer === 'string') return context.leftOut({ id: rule.id, loc: rule.loc }, peer);
            const type = rule.direction === 'ingress' ? 'aws_vpc_security_group_ingress_rule' : 'aws_vpc_security_group_egress_rule';
            const ruleName = context.allocate(folder, type, `${name}-${i + 1}`);
            const comment = rule.implicit
                ? ['AWS gives a new group this outbound rule; the provider removes it, so it is written out']
                : undefined;
            context.resource(
                folder,
                undefined,
                type,
                ruleName,
                { security_group_id: context.refFrom(folder, group.id), ...protocolAndPorts(rule), ...peer },
                [],
                comment
            );
        });
}

const PROTOCOL_NUMBER = { tcp: '6', udp: '17', icmp: '1', all: '-1' } as const;

function entry(
    context: ExportContext,
    folder: Folder,
    acl: NetworkAcl,
    rule: NetworkAclRule
): Record<string, HclValue | undefined> | undefined {
    if (rule.peer.kind !== 'cidr') {
        context.leftOut({ id: rule.id, loc: rule.loc }, 'a network ACL rule can name only a CIDR block, not a prefix list');
        return undefined;
    }
    const ipv6 = rule.peer.cidr.includes(':');
    const attributes: Record<string, HclValue | undefined> = {
        network_acl_id: context.refFrom(folder, acl.id),
        rule_number: rule.number,
        egress: rule.direction === 'outbound',
        protocol: rule.protocol === 'icmp' && ipv6 ? '58' : PROTOCOL_NUMBER[rule.protocol],
        rule_action: rule.action,
        [ipv6 ? 'ipv6_cidr_block' : 'cidr_block']: rule.peer.cidr
    };
    if (rule.protocol === 'tcp' || rule.protocol === 'udp')
        Object.assign(attributes, { from_port: rule.ports?.from ?? 0, to_port: rule.ports?.to ?? 65535 });
    if (rule.protocol === 'icmp') Object.assign(attributes, { icmp_type: -1, icmp_code: -1 });
    return attributes;
}

export function exportNetworkAcl(context: ExportContext, acl: NetworkAcl): void {
    const vpc = context.element<Vpc>(acl.vpc)!;
    const folder = context.folderOfVpc(vpc);
    const name = context.allocate(folder, 'aws_network_acl', acl.name, `${vpc.name}-${acl.name}`);
    context.resource(
        folder,
        acl.id,
        'aws_network_acl',
        name,
        { vpc_id: context.refFrom(folder, vpc.id), tags: tags(acl.name) },
        [],
        [`network-acl ${vpc.name}.${acl.name}: a new network ACL denies everything its rules do not allow`]
    );
    for (const rule of acl.rules) {
        const attributes = entry(context, folder, acl, rule);
        if (!attributes) continue;
        const ruleName = context.allocate(folder, 'aws_network_acl_rule', `${name}-${rule.direction}-${rule.number}`);
        context.resource(folder, undefined, 'aws_network_acl_rule', ruleName, attributes);
    }
    for (const subnet of context.where(context.topology.subnets, 'networkAcl', acl.id)) {
        const subnetRef = context.refFrom(folder, subnet.id);
        if (!subnetRef) continue;
        const association = context.allocate(folder, 'aws_network_acl_association', subnet.name, `${vpc.name}-${subnet.name}`);
        context.resource(folder, undefined, 'aws_network_acl_association', association, {
            network_acl_id: context.refFrom(folder, acl.id),
            subnet_id: subnetRef
        });
    }
}

/**
 * Security groups and network ACLs as CloudFormation.
 *
 * Rules whose peer is a CIDR block or a prefix list are written on the group itself
 * (`SecurityGroupIngress`, `SecurityGroupEgress`), as AWS's examples write them. Rules that name
 * another group become separate `AWS::EC2::SecurityGroupIngress`/`Egress` resources, the case
 * AWS's page gives them for: groups that name each other inline would form a dependency cycle.
 * So do rules whose prefix list is another stack's output: inline, they would make the whole group
 * wait for that output (the stack's conditions follow references), where a rule resource waits alone.
 *
 * Egress is written on the group when the design names any: CloudFormation (like the console)
 * gives a group AWS's allow-all outbound rule only when the template lists none, which is also the
 * language's rule. If a group's egress rules are all separate resources, its inline list holds one
 * rule to the loopback address, the documented way to drop the default rule without opening anything.
 */
import type { NetworkAcl, NetworkAclRule, RulePeer, SecurityGroup, SecurityGroupRule, Vpc } from '../../../model/topology.js';
import type { ExportContext, Stack } from './context.js';
import { tags } from './context.js';
import { getAtt, ref, type Value } from './template.js';

function isIpv6(peer: RulePeer): boolean {
    return peer.kind === 'cidr' && peer.cidr.includes(':');
}

function protocolAndPorts(rule: SecurityGroupRule): Record<string, Value> {
    if (rule.protocol === 'all') return { IpProtocol: '-1' };
    if (rule.protocol === 'icmp') return { IpProtocol: isIpv6(rule.peer) ? 'icmpv6' : 'icmp', FromPort: -1, ToPort: -1 };
    return { IpProtocol: rule.protocol, FromPort: rule.ports?.from ?? 0, ToPort: rule.ports?.to ?? 65535 };
}

/** The group id a rule may name: a group of the design, or the VPC's default group. */
export function groupIdFrom(context: ExportContext, stack: Stack, groupId: string): Value | undefined {
    const group = context.element<SecurityGroup>(groupId);
    if (!group) return undefined;
    if (group.implicit) return context.refFrom(stack, group.vpc, 'DefaultSecurityGroup');
    return context.refFrom(stack, group.id, 'GroupId');
}

function peerProperties(
    context: ExportContext,
    stack: Stack,
    group: SecurityGroup,
    rule: SecurityGroupRule,
    source: boolean
): Record<string, Value> | string {
    const peer = rule.peer;
    if (peer.kind === 'cidr') return { [peer.cidr.includes(':') ? 'CidrIpv6' : source ? 'CidrIp' : 'CidrIp']: peer.cidr };
    const customer = peer.kind === 'prefix-list' && peer.list ? context.refFrom(stack, peer.list) : undefined;
    if (customer) return { [source ? 'SourcePrefixListId' : 'DestinationPrefixListId']: customer };
    if (peer.kind === 'prefix-list')
        return { [source ? 'SourcePrefixListId' : 'DestinationPrefixListId']: ref(managedListParameter(stack, peer.service, peer.region)) };
    const other = peer.group ? groupIdFrom(context, stack, peer.group) : undefined;
    if (!other) return 'it names a security group that does not resolve';
    const properties: Record<string, Value> = { [source ? 'SourceSecurityGroupId' : 'DestinationSecurityGroupId']: other };
    const otherVpc = context.vpcOf(peer.group!);
    const ownVpc = context.element<Vpc>(group.vpc);
    if (source && otherVpc && ownVpc && otherVpc.account !== ownVpc.account) properties.SourceSecurityGroupOwnerId = otherVpc.account;
    return properties;
}

/** Whether a rule can be written on its group: a CIDR block, an AWS-managed prefix list, or a customer one of the same stack. */
function inline(context: ExportContext, stack: Stack, rule: SecurityGroupRule): boolean {
    const peer = rule.peer;
    if (peer.kind === 'cidr') return true;
    if (peer.kind !== 'prefix-list') return false;
    const list = peer.list ? context.logicalId(peer.list) : undefined;
    return !list || list.stack === stack;
}

export function exportSecurityGroup(context: ExportContext, group: SecurityGroup): void {
    const vpc = context.element<Vpc>(group.vpc)!;
    const stack = context.stackOfVpc(vpc);
    const id = context.logicalId(group.id)!.id;
    const written = { ingress: [] as Value[], egress: [] as Value[] };
    const separate: SecurityGroupRule[] = [];
    let egressRules = 0;
    for (const rule of group.rules) {
        if (rule.implicit) continue;
        if (rule.direction === 'egress') egressRules++;
        if (!inline(context, stack, rule)) {
            separate.push(rule);
            continue;
        }
        const peer = peerProperties(context, stack, group, rule, rule.direction === 'ingress');
        if (typeof peer === 'string') context.leftOut({ id: rule.id, loc: rule.loc }, peer);
        else written[rule.direction].push({ ...protocolAndPorts(rule), ...peer });
    }
    if (egressRules > 0 && written.egress.length === 0) {
        written.egress.push({
            IpProtocol: '-1',
            CidrIp: '127.0.0.1/32',
            Description: 'Replaces the default allow-all outbound rule: the design lists its own'
        });
    }
    const properties: Record<string, Value> = {
        GroupDescription: `security-group ${group.name} of VPC ${vpc.name}`,
        VpcId: ref(context.logicalId(vpc.id)!.id)
    };
    if (written.ingress.length > 0) properties.SecurityGroupIngress = written.ingress;
    if (written.egress.length > 0) properties.SecurityGroupEgress = written.egress;
    properties.Tags = tags(group.name);
    stack.template.add(id, { Type: 'AWS::EC2::SecurityGroup', Properties: properties }, [`security-group ${vpc.name}.${group.name}`]);
    separate.sort((a, b) => (a.direction === b.direction ? 0 : a.direction === 'ingress' ? -1 : 1));
    separate.forEach((rule, i) => {
        const peer = peerProperties(context, stack, group, rule, rule.direction === 'ingress');
        if (typeof peer === 'string') return context.leftOut({ id: rule.id, loc: rule.loc }, peer);
        const ruleId = stack.template.allocate(group.name, rule.direction, String(i + 1));
        stack.template.add(ruleId, {
            Type: rule.direction === 'ingress' ? 'AWS::EC2::SecurityGroupIngress' : 'AWS::EC2::SecurityGroupEgress',
            Properties: { GroupId: getAtt(id, 'GroupId'), ...protocolAndPorts(rule), ...peer }
        });
    });
}

const PROTOCOL_NUMBER = { tcp: '6', udp: '17', icmp: '1', all: '-1' } as const;

function entry(context: ExportContext, aclId: string, rule: NetworkAclRule): Record<string, Value> | undefined {
    if (rule.peer.kind !== 'cidr') {
        context.leftOut({ id: rule.id, loc: rule.loc }, 'a network ACL rule can name only a CIDR block, not a prefix list');
        return undefined;
    }
    const ipv6 = rule.peer.cidr.includes(':');
    const properties: Record<string, Value> = {
        NetworkAclId: ref(aclId),
        RuleNumber: rule.number,
        Protocol: rule.protocol === 'icmp' && ipv6 ? '58' : PROTOCOL_NUMBER[rule.protocol],
        RuleAction: rule.action,
        Egress: rule.direction === 'outbound',
        [ipv6 ? 'Ipv6CidrBlock' : 'CidrBlock']: rule.peer.cidr
    };
    if (rule.protocol === 'tcp' || rule.protocol === 'udp')
        properties.PortRange = { From: rule.ports?.from ?? 0, To: rule.ports?.to ?? 65535 };
    if (rule.protocol === 'icmp') properties.Icmp = { Code: -1, Type: -1 };
    return properties;
}

export function exportNetworkAcl(context: ExportContext, acl: NetworkAcl): void {
    const vpc = context.element<Vpc>(acl.vpc)!;
    const stack = context.stackOfVpc(vpc);
    const id = context.name(acl.id, stack, vpc.name, acl.name, 'network-acl');
    stack.template.add(
        id,
        { Type: 'AWS::EC2::NetworkAcl', Properties: { VpcId: ref(context.logicalId(vpc.id)!.id), Tags: tags(acl.name) } },
        [`network-acl ${vpc.name}.${acl.name}: a new network ACL denies everything its entries do not allow`]
    );
    for (const rule of acl.rules) {
        const properties = entry(context, id, rule);
        if (!properties) continue;
        const entryId = stack.template.allocate(acl.name, rule.direction, String(rule.number));
        stack.template.add(entryId, { Type: 'AWS::EC2::NetworkAclEntry', Properties: properties });
    }
    for (const subnet of context.where(context.topology.subnets, 'networkAcl', acl.id)) {
        const subnetId = context.logicalId(subnet.id);
        if (!subnetId) continue;
        const association = stack.template.allocate(vpc.name, subnet.name, 'network-acl-association');
        stack.template.add(association, {
            Type: 'AWS::EC2::SubnetNetworkAclAssociation',
            Properties: { SubnetId: ref(subnetId.id), NetworkAclId: ref(id) }
        });
    }
}

/**
 * The parameter that takes an AWS-managed prefix list's id (AWS assigns it per account and region),
 * named in the template's `Metadata` so that the import reads it back as that service's list.
 */
export function managedListParameter(stack: Stack, service: string, region: string): string {
    return stack.template.parameter([service, region, 'prefix-list'], {
        Type: 'String',
        Description: `The id of the AWS-managed prefix list com.amazonaws.${region}.${service} (aws ec2 describe-prefix-lists)`,
        managedPrefixList: `com.amazonaws.${region}.${service}`
    });
}

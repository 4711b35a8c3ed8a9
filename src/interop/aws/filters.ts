/** Security groups (describe-security-groups and/or describe-security-group-rules) and network ACLs. */
import type { IpPermission, SecurityGroup as AwsGroup, SecurityGroupRule as AwsRule } from '@aws-sdk/client-ec2';
import { defaultEgressRules } from '../../model/defaults.js';
import { makeId, partId } from '../../model/ids.js';
import type { NetworkAclRule, RulePeer, SecurityGroup, SecurityGroupRule, Vpc } from '../../model/topology.js';
import { parseServiceName } from '../../simulator/services.js';
import { icmpNarrowing, portsOf, protocolOf } from '../common/protocols.js';
import type { SourceRef } from '../common/source.js';
import { awsName, label, type AwsContext } from './context.js';
import { customerList } from './privatelink.js';

/** One rule as both describe calls can give it: a permission's single peer. */
interface FlatRule {
    egress: boolean;
    protocol?: string;
    from?: number;
    to?: number;
    cidr?: string;
    prefixList?: string;
    group?: { id?: string; userId?: string; vpcId?: string };
    source: SourceRef;
}

function flatten(permissions: readonly IpPermission[] | undefined, egress: boolean, source: SourceRef, key: string): FlatRule[] {
    return (permissions ?? []).flatMap((p, i) => {
        const base = {
            egress,
            protocol: p.IpProtocol,
            from: p.FromPort,
            to: p.ToPort,
            source: { ...source, path: `${source.path}.${key}[${i}]` }
        };
        return [
            ...(p.IpRanges ?? []).map(r => ({ ...base, cidr: r.CidrIp })),
            ...(p.Ipv6Ranges ?? []).map(r => ({ ...base, cidr: r.CidrIpv6 })),
            ...(p.PrefixListIds ?? []).map(r => ({ ...base, prefixList: r.PrefixListId })),
            ...(p.UserIdGroupPairs ?? []).map(g => ({ ...base, group: { id: g.GroupId, userId: g.UserId, vpcId: g.VpcId } }))
        ];
    });
}

function fromRuleApi(rule: AwsRule, source: SourceRef): FlatRule {
    return {
        egress: rule.IsEgress === true,
        protocol: rule.IpProtocol,
        from: rule.FromPort,
        to: rule.ToPort,
        source,
        cidr: rule.CidrIpv4 ?? rule.CidrIpv6,
        prefixList: rule.PrefixListId,
        group: rule.ReferencedGroupInfo
            ? { id: rule.ReferencedGroupInfo.GroupId, userId: rule.ReferencedGroupInfo.UserId, vpcId: rule.ReferencedGroupInfo.VpcId }
            : undefined
    };
}

/** AWS's default group, untouched: all from its own members in, all out. */
function isUntouchedDefault(group: AwsGroup, rules: readonly FlatRule[]): boolean {
    const ingress = rules.filter(r => !r.egress);
    const egress = rules.filter(r => r.egress);
    return (
        group.GroupName === 'default' &&
        ingress.length === 1 &&
        ingress[0]!.group?.id === group.GroupId &&
        protocolOf(ingress[0]!.protocol) === 'all' &&
        egress.length >= 1 &&
        egress.every(r => protocolOf(r.protocol) === 'all' && (r.cidr === '0.0.0.0/0' || r.cidr === '::/0'))
    );
}

export function importSecurityGroups(context: AwsContext): void {
    const { draft, snapshot } = context;
    const fromRulesApi = new Map<string, FlatRule[]>();
    for (const { item, source } of snapshot.SecurityGroupRules) {
        if (!item.GroupId) continue;
        const list = fromRulesApi.get(item.GroupId) ?? [];
        list.push(fromRuleApi(item, source));
        fromRulesApi.set(item.GroupId, list);
    }
    const declared: Array<{ group: SecurityGroup; vpc: Vpc; rules: FlatRule[]; aws: AwsGroup; source: SourceRef }> = [];
    for (const { item: g, source } of snapshot.SecurityGroups) {
        const vpc = g.VpcId ? context.vpcs.get(g.VpcId) : undefined;
        if (!g.GroupId || !vpc) {
            draft.report.leftOut(
                source,
                `security group ${label(g.GroupId, g.Tags)}`,
                `its VPC ${g.VpcId ?? '(EC2-Classic)'} is not in the snapshot`
            );
            continue;
        }
        const rules = fromRulesApi.get(g.GroupId) ?? [
            ...flatten(g.IpPermissions, false, source, 'IpPermissions'),
            ...flatten(g.IpPermissionsEgress, true, source, 'IpPermissionsEgress')
        ];
        if (isUntouchedDefault(g, rules)) {
            context.ids.set(g.GroupId, vpc.defaultSecurityGroup);
            continue;
        }
        const name = draft.names.name('security-group', awsName(g.Tags, g.GroupId), vpc.name);
        const group: SecurityGroup = { kind: 'security-group', id: makeId('security-group', name, vpc.name), name, vpc: vpc.id, rules: [] };
        draft.topology.securityGroups.push(group);
        context.ids.set(g.GroupId, group.id);
        draft.origin(group.id, `${label(g.GroupId, g.Tags)} ${g.GroupName ?? ''}`.trim(), source);
        declared.push({ group, vpc, rules, aws: g, source });
    }
    for (const { group, vpc, rules } of declared) {
        for (const rule of rules) {
            const converted = convertRule(context, rule, vpc, group);
            if (converted) group.rules.push({ id: partId(group.id, group.rules.length), ...converted });
        }
        // A group with no egress rule (its default one revoked) denies all outbound: printed `egress none`.
    }
}

function convertRule(context: AwsContext, rule: FlatRule, vpc: Vpc, group: SecurityGroup): Omit<SecurityGroupRule, 'id'> | undefined {
    const { report } = context.draft;
    const protocol = protocolOf(rule.protocol);
    const what = `${rule.egress ? 'egress' : 'ingress'} rule of ${group.name} (protocol ${rule.protocol ?? '-1'})`;
    if (!protocol) {
        report.leftOut(rule.source, what, 'the language has tcp, udp, icmp and all, not this protocol');
        return undefined;
    }
    const narrowed = icmpNarrowing(protocol, rule.from, rule.to);
    if (narrowed) report.leftOut(rule.source, `${what}: ${narrowed}`, 'the language has no ICMP types; imported as all ICMP');
    const peer = rulePeer(context, rule, vpc, what);
    if (!peer) return undefined;
    return { direction: rule.egress ? 'egress' : 'ingress', protocol, ports: portsOf(protocol, rule.from, rule.to), peer };
}

function rulePeer(context: AwsContext, rule: FlatRule, vpc: Vpc, what: string): RulePeer | undefined {
    if (rule.cidr) return { kind: 'cidr', cidr: rule.cidr };
    if (rule.prefixList) {
        const list = context.prefixLists.get(rule.prefixList);
        const service = list?.awsManaged ? parseServiceName(list.name) : undefined;
        if (service?.region && (service.service === 's3' || service.service === 'dynamodb'))
            return { kind: 'prefix-list', service: service.service, region: service.region };
        const own = list && !list.awsManaged ? customerList(context, rule.prefixList, vpc) : undefined;
        if (own) return own;
        context.draft.report.leftOut(
            rule.source,
            `${what}: prefix list ${rule.prefixList}`,
            list
                ? `${list.name} is not an S3 or DynamoDB list of AWS, nor a customer-managed list of the VPC's region`
                : 'an unknown prefix list: add describe-prefix-lists / describe-managed-prefix-lists output'
        );
        return undefined;
    }
    if (rule.group?.id) return { kind: 'sg', group: context.ids.get(rule.group.id) ?? placeholderGroup(context, rule, vpc) };
    context.draft.report.leftOut(rule.source, what, 'it names no peer');
    return undefined;
}

/**
 * A group outside the snapshot (another account's, or one not described): an empty group of that
 * id stands for it, in its own VPC when that VPC is known (a peer's placeholder), so the rule keeps
 * its meaning: members of that group, of whom the snapshot has none.
 */
function placeholderGroup(context: AwsContext, rule: FlatRule, vpc: Vpc): string {
    const { draft } = context;
    const awsId = rule.group!.id!;
    const home = (rule.group!.vpcId && context.vpcs.get(rule.group!.vpcId)) || vpc;
    const name = draft.names.name('security-group', awsId, home.name);
    const id = makeId('security-group', name, home.name);
    draft.topology.securityGroups.push({ kind: 'security-group', id, name, vpc: home.id, rules: defaultEgressRules(id, home) });
    context.ids.set(awsId, id);
    const owner = rule.group!.userId ? ` of account ${rule.group!.userId}` : '';
    draft.origin(id, `${awsId}${owner}: referenced by a rule, not in the snapshot`, rule.source);
    draft.report.standIn(
        rule.source,
        `security group ${awsId}${owner}`,
        'an empty group of that name stands for it, so the rule that names it stays resolvable'
    );
    return id;
}

export function importNetworkAcls(context: AwsContext): void {
    const { draft, snapshot } = context;
    const subnets = new Map(draft.topology.subnets.map(s => [s.id, s]));
    for (const { item: acl, source } of snapshot.NetworkAcls) {
        const vpc = acl.VpcId ? context.vpcs.get(acl.VpcId) : undefined;
        if (!acl.NetworkAclId || !vpc) {
            draft.report.leftOut(
                source,
                `network ACL ${label(acl.NetworkAclId, acl.Tags)}`,
                `its VPC ${acl.VpcId ?? '(none)'} is not in the snapshot`
            );
            continue;
        }
        const entries = (acl.Entries ?? [])
            .map((e, i) => ({ e, source: { ...source, path: `${source.path}.Entries[${i}]` } }))
            .filter(({ e }) => e.RuleNumber !== undefined && e.RuleNumber < 32767);
        let id: string;
        const untouched =
            acl.IsDefault &&
            entries.every(
                ({ e }) =>
                    protocolOf(e.Protocol) === 'all' &&
                    e.RuleAction === 'allow' &&
                    (e.CidrBlock === '0.0.0.0/0' || e.Ipv6CidrBlock === '::/0')
            ) &&
            entries.length >= 2;
        if (untouched) {
            id = vpc.defaultNetworkAcl;
        } else {
            const name = draft.names.name('network-acl', awsName(acl.Tags, acl.NetworkAclId), vpc.name);
            id = makeId('network-acl', name, vpc.name);
            const rules: NetworkAclRule[] = [];
            for (const { e, source: at } of entries) {
                const protocol = protocolOf(e.Protocol);
                const what = `${e.Egress ? 'outbound' : 'inbound'} rule ${e.RuleNumber} of ${label(acl.NetworkAclId, acl.Tags)}`;
                if (!protocol) {
                    draft.report.leftOut(at, what, `protocol ${e.Protocol}: the language has tcp, udp, icmp and all`);
                    continue;
                }
                const cidr = e.CidrBlock ?? e.Ipv6CidrBlock;
                if (!cidr) {
                    draft.report.leftOut(at, what, 'it names no CIDR block');
                    continue;
                }
                const narrowed = icmpNarrowing(protocol, e.IcmpTypeCode?.Type, e.IcmpTypeCode?.Code);
                if (narrowed) draft.report.leftOut(at, `${what}: ${narrowed}`, 'the language has no ICMP types; imported as all ICMP');
                rules.push({
                    id: partId(id, rules.length),
                    direction: e.Egress ? 'outbound' : 'inbound',
                    number: e.RuleNumber!,
                    action: e.RuleAction === 'deny' ? 'deny' : 'allow',
                    protocol,
                    ports: portsOf(protocol, e.PortRange?.From, e.PortRange?.To),
                    peer: { kind: 'cidr', cidr }
                });
            }
            draft.topology.networkAcls.push({ kind: 'network-acl', id, name, vpc: vpc.id, rules });
            draft.origin(id, label(acl.NetworkAclId, acl.Tags), source);
        }
        context.ids.set(acl.NetworkAclId, id);
        for (const association of acl.Associations ?? []) {
            const subnet = association.SubnetId ? subnets.get(context.ids.get(association.SubnetId) ?? '') : undefined;
            if (subnet) subnet.networkAcl = id;
        }
    }
}

/** Security-group rules (inline and separate resources) and network ACL entries, as the resource pages define their properties. */
import { defaultEgressRules } from '../../model/defaults.js';
import { makeId, partId } from '../../model/ids.js';
import type { NetworkAcl, RulePeer, SecurityGroup, SecurityGroupRule, Vpc } from '../../model/topology.js';
import { icmpNarrowing, portsOf, protocolOf } from '../common/protocols.js';
import { target, type BuildContext, what } from './build.js';
import { customerList } from './hubs.js';
import type { Resource } from './stacks.js';
import { ManagedPrefixList, ResourceRef, Unknown } from './values.js';

type Props = Record<string, unknown>;

/** The model group a group reference names: a group of the templates, a VPC's default group, or a placeholder. */
function groupOf(context: BuildContext, value: unknown, owner: unknown, home: Vpc, resource: Resource): string | { why: string } {
    if (value instanceof Unknown) return { why: value.why };
    const referenced = target(context, value);
    if (referenced && value instanceof ResourceRef && value.attribute === 'DefaultSecurityGroup') {
        const vpc = context.vpcs.get(referenced);
        return vpc ? vpc.defaultSecurityGroup : { why: `${referenced.logicalId} was not imported` };
    }
    if (referenced) {
        const declared = context.declared.get(referenced);
        return declared?.kind === 'security-group' ? declared.id : { why: `${referenced.logicalId} is no imported security group` };
    }
    if (typeof value === 'string') {
        // A group outside the templates (often another account's): an empty group of that id stands for it.
        const existing = context.draft.topology.securityGroups.find(g => g.vpc === home.id && g.name === value);
        if (existing) return existing.id;
        const name = context.draft.names.name('security-group', value, home.name);
        const id = makeId('security-group', name, home.name);
        context.draft.topology.securityGroups.push({ kind: 'security-group', id, name, vpc: home.id, rules: defaultEgressRules(id, home) });
        const of = typeof owner === 'string' ? ` of account ${owner}` : '';
        context.draft.origin(id, `${value}${of}: referenced by ${resource.logicalId}, not in the templates`, resource.source);
        context.draft.report.standIn(
            resource.source,
            `security group ${value}${of}`,
            'an empty group of that name stands for it, so the rule that names it stays resolvable'
        );
        return id;
    }
    return { why: 'it names no group' };
}

/** One rule's model form from its properties (`Source…` for ingress, `Destination…` for egress), or why not. */
export function securityGroupRule(
    context: BuildContext,
    props: Props,
    direction: 'ingress' | 'egress',
    home: Vpc,
    resource: Resource,
    label: string
): Omit<SecurityGroupRule, 'id'> | undefined {
    const report = context.draft.report;
    const protocol = protocolOf(props.IpProtocol as string | number | undefined);
    if (!protocol) {
        report.leftOut(
            resource.source,
            `${label} of ${what(resource)} (protocol ${String(props.IpProtocol)})`,
            'the language has tcp, udp, icmp and all'
        );
        return undefined;
    }
    const narrowed = icmpNarrowing(protocol, num(props.FromPort), num(props.ToPort));
    if (narrowed)
        report.leftOut(
            resource.source,
            `${label} of ${what(resource)}: ${narrowed}`,
            'the language has no ICMP types; imported as all ICMP'
        );
    const side = direction === 'ingress' ? 'Source' : 'Destination';
    let peer: RulePeer;
    if (typeof props.CidrIp === 'string') peer = { kind: 'cidr', cidr: props.CidrIp };
    else if (typeof props.CidrIpv6 === 'string') peer = { kind: 'cidr', cidr: props.CidrIpv6 };
    else if (props[`${side}SecurityGroupId`] !== undefined) {
        const group = groupOf(context, props[`${side}SecurityGroupId`], props.SourceSecurityGroupOwnerId, home, resource);
        if (typeof group !== 'string') {
            report.leftOut(resource.source, `${label} of ${what(resource)}`, group.why);
            return undefined;
        }
        peer = { kind: 'sg', group };
    } else if (props[`${side}PrefixListId`] instanceof ManagedPrefixList) {
        const list = props[`${side}PrefixListId`] as ManagedPrefixList;
        peer = { kind: 'prefix-list', service: list.service, region: list.region };
    } else if (customerList(context, props[`${side}PrefixListId`], home)) {
        peer = customerList(context, props[`${side}PrefixListId`], home)!;
    } else if (props[`${side}PrefixListId`] !== undefined) {
        report.leftOut(
            resource.source,
            `${label} of ${what(resource)}: prefix list ${String(props[`${side}PrefixListId`])}`,
            "a prefix list by id is not known before deployment (write AWS-managed lists as the language's prefix-list s3|dynamodb); or a customer-managed list of the templates"
        );
        return undefined;
    } else if (props.SourceSecurityGroupName !== undefined) {
        report.leftOut(resource.source, `${label} of ${what(resource)}`, 'a group by name exists only in a default VPC');
        return undefined;
    } else {
        // CloudFormation creates the stack without the rule when no peer is given (the resource pages say so).
        report.leftOut(resource.source, `${label} of ${what(resource)}`, 'it names no CIDR, group or prefix list, so AWS adds no rule');
        return undefined;
    }
    return { direction, protocol, ports: portsOf(protocol, num(props.FromPort), num(props.ToPort)), peer };
}

function num(value: unknown): number | undefined {
    if (value === undefined || value === null || value === '') return undefined;
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
}

/**
 * A group's inline rules. Without SecurityGroupEgress AWS adds an allow-all egress rule (the
 * AWS::EC2::SecurityGroup page); separate AWS::EC2::SecurityGroupEgress resources are added after
 * creation and do not remove it (see `addRule`).
 */
export function inlineRules(context: BuildContext, group: SecurityGroup, props: Props, home: Vpc, resource: Resource): void {
    for (const [key, direction] of [
        ['SecurityGroupIngress', 'ingress'],
        ['SecurityGroupEgress', 'egress']
    ] as const) {
        (Array.isArray(props[key]) ? (props[key] as Props[]) : []).forEach((rule, i) => {
            const converted = securityGroupRule(context, rule, direction, home, resource, `${key}[${i}]`);
            if (converted) group.rules.push({ id: partId(group.id, group.rules.length), ...converted });
        });
    }
    if (!Array.isArray(props.SecurityGroupEgress) || props.SecurityGroupEgress.length === 0)
        group.rules.push(...defaultEgressRules(group.id, home));
}

/** A separate rule resource. An egress rule added to a group that kept AWS's default egress keeps that default, now written out. */
export function addRule(group: SecurityGroup, rule: Omit<SecurityGroupRule, 'id'>): void {
    if (rule.direction === 'egress') for (const r of group.rules) if (r.implicit) delete r.implicit;
    group.rules.push({ id: partId(group.id, group.rules.length), ...rule });
}

export function aclEntry(context: BuildContext, acl: NetworkAcl, props: Props, resource: Resource): void {
    const report = context.draft.report;
    const protocol = protocolOf(props.Protocol as string | number | undefined);
    const number = num(props.RuleNumber);
    const cidr =
        typeof props.CidrBlock === 'string' ? props.CidrBlock : typeof props.Ipv6CidrBlock === 'string' ? props.Ipv6CidrBlock : undefined;
    if (!protocol || number === undefined || !cidr) {
        report.leftOut(
            resource.source,
            what(resource),
            !protocol
                ? `protocol ${String(props.Protocol)}: the language has tcp, udp, icmp and all`
                : number === undefined
                  ? 'it has no RuleNumber'
                  : 'it names no CIDR block'
        );
        return;
    }
    const icmp = props.Icmp as Props | undefined;
    const narrowed = icmpNarrowing(protocol, num(icmp?.Type), num(icmp?.Code));
    if (narrowed) report.leftOut(resource.source, `${what(resource)}: ${narrowed}`, 'the language has no ICMP types; imported as all ICMP');
    const range = props.PortRange as Props | undefined;
    acl.rules.push({
        id: partId(acl.id, acl.rules.length),
        direction: props.Egress === true || props.Egress === 'true' ? 'outbound' : 'inbound',
        number,
        action: String(props.RuleAction).toLowerCase() === 'deny' ? 'deny' : 'allow',
        protocol,
        ports: portsOf(protocol, num(range?.From), num(range?.To)),
        peer: { kind: 'cidr', cidr }
    });
}

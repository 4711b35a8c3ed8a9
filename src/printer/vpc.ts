/** A VPC and its members, in the kinds' order, each kind's elements in the model's order. */
import {
    defaultNetworkAcl,
    defaultNetworkAclId,
    defaultSecurityGroup,
    defaultSecurityGroupId,
    mainRouteTableId
} from '../model/defaults.js';
import {
    Defaults,
    type FlowLog,
    type Gateway,
    type GatewayEndpoint,
    type EndpointService,
    type Instance,
    type InterfaceEndpoint,
    type LoadBalancer,
    type NatGateway,
    type NetworkAcl,
    type PrefixList,
    type RouteTable,
    type SecurityGroup,
    type Subnet,
    type Topology,
    type TransitGatewayAttachment,
    type Vpc
} from '../model/topology.js';
import type { PrintContext } from './context.js';
import { accountReference, printAttachment, printEndpointService, printLoadBalancer, printPrefixList } from './hubs.js';
import { PRINTED_KINDS, type VpcMemberKind } from './kinds.js';
import type { Entry, Statement } from './layout.js';
import { quote } from './names.js';
import { address, policy, prefixList, rulePeer, service, traffic, word } from './traffic.js';

type Member =
    | Subnet
    | RouteTable
    | Gateway
    | NatGateway
    | SecurityGroup
    | NetworkAcl
    | Instance
    | GatewayEndpoint
    | InterfaceEndpoint
    | FlowLog
    | TransitGatewayAttachment
    | LoadBalancer
    | EndpointService
    | PrefixList;

const LISTS: { readonly [K in VpcMemberKind]: (t: Topology) => readonly Member[] } = {
    subnet: t => t.subnets,
    'route-table': t => t.routeTables,
    'internet-gateway': t => t.gateways,
    'egress-only-internet-gateway': t => t.gateways,
    'nat-gateway': t => t.natGateways,
    'security-group': t => t.securityGroups,
    'network-acl': t => t.networkAcls,
    instance: t => t.instances,
    'gateway-endpoint': t => t.gatewayEndpoints,
    'interface-endpoint': t => t.interfaceEndpoints,
    'flow-log': t => t.flowLogs,
    'transit-gateway-attachment': t => t.transitGatewayAttachments,
    'load-balancer': t => t.loadBalancers,
    'endpoint-service': t => t.endpointServices,
    'prefix-list': t => t.prefixLists
};

export function printVpc(vpc: Vpc, ctx: PrintContext): Statement {
    let head = `vpc ${ctx.declared(vpc)}`;
    const account = accountReference(vpc, ctx);
    if (account !== undefined) head += ` account ${account}`;
    if (vpc.region !== Defaults.region) head += ` region ${word(vpc.region, ctx, vpc.id, 'region')}`;
    checkDefaults(vpc, ctx);
    const settings: string[] = [
        ...vpc.cidrs.map(c => `cidr ${address(c.value, ctx, vpc.id, 'CIDR block')}`),
        ...vpc.ipv6.map(c => `ipv6 ${address(c.value, ctx, vpc.id, 'IPv6 block')}`),
        ...(vpc.dnsSupport === Defaults.dnsSupport ? [] : [`dns-support ${onOff(vpc.dnsSupport)}`]),
        ...(vpc.dnsHostnames === Defaults.dnsHostnames ? [] : [`dns-hostnames ${onOff(vpc.dnsHostnames)}`])
    ];
    const entries: Entry[] = [...settings];
    let group: string | undefined;
    for (const member of indexOf(ctx).members.get(vpc.id) ?? []) {
        const list = PRINTED_KINDS[member.kind as VpcMemberKind].list;
        entries.push({
            ...printMember(member, vpc, ctx),
            comments: ctx.commentsOf(member.id),
            blankBefore: list !== group && entries.length > 0
        });
        group = list;
    }
    return { head, layout: 'members', entries, comments: ctx.commentsOf(vpc.id) };
}

interface VpcIndex {
    /** Each VPC's printed members, kind by kind in the kinds' order, each kind in the model's order. */
    members: Map<string, Member[]>;
    /** The first route table, network ACL or security group of each id. */
    byId: Map<string, Member>;
}

const indexes = new WeakMap<PrintContext, VpcIndex>();

/** Made once per printing: each VPC looking through every member list would be quadratic in a large workspace. */
function indexOf(ctx: PrintContext): VpcIndex {
    let index = indexes.get(ctx);
    if (index) return index;
    index = { members: new Map(), byId: new Map() };
    for (const kind of Object.keys(LISTS) as VpcMemberKind[]) {
        for (const member of LISTS[kind](ctx.topology)) {
            if (member.kind !== kind || isImplicit(member)) continue;
            const same = index.members.get(member.vpc);
            if (same) same.push(member);
            else index.members.set(member.vpc, [member]);
        }
    }
    const t = ctx.topology;
    for (const element of [...t.routeTables, ...t.networkAcls, ...t.securityGroups])
        if (!index.byId.has(element.id)) index.byId.set(element.id, element);
    indexes.set(ctx, index);
    return index;
}

function isImplicit(member: Member): boolean {
    return 'implicit' in member && member.implicit === true;
}

function onOff(value: boolean): string {
    return value ? 'on' : 'off';
}

/** What AWS creates with a VPC is printed by leaving it out, so it must be what the language creates. */
function checkDefaults(vpc: Vpc, ctx: PrintContext): void {
    const byId = indexOf(ctx).byId;
    const main = byId.get(vpc.mainRouteTable) as RouteTable | undefined;
    if (vpc.mainRouteTable === mainRouteTableId(vpc.name)) {
        if (main && main.routes.length > 0)
            ctx.problem(
                vpc.id,
                `VPC ${vpc.name}: its implicit main route table has routes; declare the table (\`route-table NAME main\`) to keep them`
            );
    } else if (!main?.main) {
        ctx.problem(vpc.id, `VPC ${vpc.name}: its main route table is not a table marked main`);
    }
    if (vpc.defaultNetworkAcl !== defaultNetworkAclId(vpc.name) || vpc.defaultSecurityGroup !== defaultSecurityGroupId(vpc.name)) {
        ctx.problem(vpc.id, `VPC ${vpc.name}: its default network ACL or security group is not the one the language creates`);
    }
    const acl = byId.get(vpc.defaultNetworkAcl) as NetworkAcl | undefined;
    if (acl && !sameRules(acl.rules, defaultNetworkAcl(vpc).rules))
        ctx.problem(
            vpc.id,
            `VPC ${vpc.name}: the rules of its default network ACL are not AWS's defaults, and the language cannot change them`
        );
    const group = byId.get(vpc.defaultSecurityGroup) as SecurityGroup | undefined;
    if (group && !sameRules(group.rules, defaultSecurityGroup(vpc).rules))
        ctx.problem(
            vpc.id,
            `VPC ${vpc.name}: the rules of its default security group are not AWS's defaults, and the language cannot change them`
        );
}

/** Rules alike field by field, in order, locations aside: as their JSON texts would compare, without making them. */
function sameRules(a: readonly object[], b: readonly object[]): boolean {
    const fields = (r: object) => Object.entries(r).filter(([k, v]) => k !== 'loc' && !k.endsWith('Loc') && v !== undefined);
    return (
        a.length === b.length &&
        a.every((rule, i) => {
            const x = fields(rule);
            const y = fields(b[i]!);
            return (
                x.length === y.length &&
                x.every(([k, v], j) => k === y[j]![0] && (v === y[j]![1] || JSON.stringify(v) === JSON.stringify(y[j]![1])))
            );
        })
    );
}

function printMember(member: Member, vpc: Vpc, ctx: PrintContext): Statement {
    const keyword = PRINTED_KINDS[member.kind].keyword;
    const layout = PRINTED_KINDS[member.kind].layout;
    const head = `${keyword} ${ctx.declared(member)}`;
    switch (member.kind) {
        case 'subnet':
            return {
                head: head + (member.az === `${vpc.region}a` ? '' : ` az ${word(member.az, ctx, member.id, 'availability zone')}`),
                layout,
                entries: subnetProps(member, vpc, ctx)
            };
        case 'route-table':
            return {
                head: member.main ? `${head} main` : head,
                layout,
                entries: member.routes.map(r => routeLine(r, vpc, ctx, member.id))
            };
        case 'internet-gateway':
        case 'egress-only-internet-gateway':
            return { head, layout, entries: [] };
        case 'nat-gateway':
            return { head: natHead(head, member, vpc, ctx), layout, entries: [] };
        case 'security-group':
            return { head, layout, entries: securityGroupRules(member, vpc, ctx) };
        case 'network-acl':
            return {
                head,
                layout,
                entries: member.rules.map(
                    r =>
                        `${r.direction} ${ruleNumber(r.number, ctx, member.id)} ${r.action} ${traffic(r.protocol, r.ports, ctx, member.id)} ${r.direction === 'inbound' ? 'from' : 'to'} ${naclPeer(r.peer, vpc, ctx, member.id)}`
                )
            };
        case 'instance':
            return instance(head, member, vpc, ctx);
        case 'gateway-endpoint':
            return gatewayEndpoint(head, member, vpc, ctx);
        case 'interface-endpoint':
            return interfaceEndpoint(head, member, vpc, ctx);
        case 'flow-log':
            return { head, layout, braces: true, entries: flowLogProps(member, vpc, ctx) };
        case 'transit-gateway-attachment':
            return printAttachment(head, member, vpc, ctx);
        case 'load-balancer':
            return printLoadBalancer(head, member, vpc, ctx);
        case 'endpoint-service':
            return printEndpointService(head, member, vpc, ctx);
        case 'prefix-list':
            return printPrefixList(head, member, ctx);
    }
}

function subnetProps(subnet: Subnet, vpc: Vpc, ctx: PrintContext): string[] {
    const props: string[] = [];
    if (subnet.cidr) props.push(`cidr ${address(subnet.cidr.value, ctx, subnet.id, 'CIDR block')}`);
    if (subnet.ipv6) props.push(`ipv6 ${address(subnet.ipv6.value, ctx, subnet.id, 'IPv6 block')}`);
    if (subnet.routeTableExplicit) {
        if ((indexOf(ctx).byId.get(subnet.routeTable ?? '') as RouteTable | undefined)?.implicit)
            ctx.problem(
                subnet.id,
                `subnet ${ctx.display(subnet.id)}: is associated explicitly with the implicit main route table, which the language names only by leaving the association out`
            );
        else props.push(`route-table ${ctx.reference(subnet.routeTable, vpc.id, subnet.id, 'route table') ?? '?'}`);
    } else if (subnet.routeTable !== vpc.mainRouteTable) {
        ctx.problem(
            subnet.id,
            `subnet ${ctx.display(subnet.id)}: uses a route table other than the main one without an explicit association`
        );
    }
    if (subnet.networkAcl === undefined)
        ctx.problem(subnet.id, `subnet ${ctx.display(subnet.id)}: has no network ACL; left out, it gets the VPC's default`);
    else if (subnet.networkAcl !== vpc.defaultNetworkAcl)
        props.push(`network-acl ${ctx.reference(subnet.networkAcl, vpc.id, subnet.id, 'network ACL') ?? '?'}`);
    return props;
}

function routeLine(route: RouteTable['routes'][number], vpc: Vpc, ctx: PrintContext, owner: string): string {
    const destination =
        route.destination.kind === 'cidr'
            ? address(route.destination.cidr, ctx, owner, 'route destination')
            : prefixList(route.destination.service, route.destination.region, vpc.region, ctx, owner);
    return `route ${destination} -> ${ctx.reference(route.target?.id, vpc.id, owner, 'route target') ?? '?'}`;
}

function natHead(head: string, nat: NatGateway, vpc: Vpc, ctx: PrintContext): string {
    let text = `${head} subnet ${ctx.reference(nat.subnet, vpc.id, nat.id, 'subnet') ?? '?'}`;
    if (nat.ip) text += ` ip ${address(nat.ip.value, ctx, nat.id, 'private address')}`;
    if (nat.publicIp) text += ` elastic-ip ${address(nat.publicIp.value, ctx, nat.id, 'Elastic IP address')}`;
    return text;
}

function securityGroupRules(group: SecurityGroup, vpc: Vpc, ctx: PrintContext): string[] {
    const written = group.rules.filter(r => !r.implicit);
    const implicit = group.rules.filter(r => r.implicit);
    const egress = written.some(r => r.direction === 'egress');
    if (egress && implicit.length > 0)
        ctx.problem(
            group.id,
            `security group ${ctx.display(group.id)}: has AWS's default outbound rule besides its own, which writing egress rules replaces`
        );
    const lines = written.map(
        r =>
            `${r.direction} ${traffic(r.protocol, r.ports, ctx, group.id)} ${r.direction === 'ingress' ? 'from' : 'to'} ${rulePeer(r.peer, vpc.id, vpc.region, ctx, group.id)}`
    );
    // A group written without egress rules gets AWS's default one: no outbound rule at all is said so.
    if (!egress && implicit.length === 0) lines.push('egress none');
    return lines;
}

function ruleNumber(n: number, ctx: PrintContext, owner: string): number {
    if (!Number.isInteger(n) || n < 0) ctx.problem(owner, `${ctx.display(owner)}: rule number ${n} is not a whole number`);
    return n;
}

function naclPeer(peer: NetworkAcl['rules'][number]['peer'], vpc: Vpc, ctx: PrintContext, owner: string): string {
    if (peer.kind === 'sg') ctx.problem(owner, `${ctx.display(owner)}: a network ACL rule cannot name a security group`);
    return rulePeer(peer, vpc.id, vpc.region, ctx, owner);
}

function instance(head: string, node: Instance, vpc: Vpc, ctx: PrintContext): Statement {
    const props: string[] = [];
    if (node.ip) props.push(`ip ${address(node.ip.value, ctx, node.id, 'private address')}`);
    if (node.ipv6) props.push(`ipv6 ${address(node.ipv6.value, ctx, node.id, 'IPv6 address')}`);
    if (node.publicIp) props.push(`public-ip ${address(node.publicIp.value, ctx, node.id, 'public address')}`);
    const groups = securityGroups(node.securityGroups, vpc, ctx, node.id);
    if (groups) props.push(groups);
    return { head: `${head} subnet ${ctx.reference(node.subnet, vpc.id, node.id, 'subnet') ?? '?'}`, layout: 'props', entries: props };
}

/** `security-groups a, b`, or nothing for the VPC's default group alone. */
function securityGroups(ids: readonly string[], vpc: Vpc, ctx: PrintContext, owner: string): string | undefined {
    if (ids.length === 1 && ids[0] === vpc.defaultSecurityGroup) return undefined;
    if (ids.length === 0) {
        ctx.problem(owner, `${ctx.display(owner)}: has no security group; left out, it gets the VPC's default group`);
        return undefined;
    }
    if (ids.some(id => ctx.isDefaultSecurityGroup(id)))
        ctx.problem(owner, `${ctx.display(owner)}: names the VPC's default security group beside others, which the language cannot name`);
    return `security-groups ${ids.map(id => ctx.reference(id, vpc.id, owner, 'security group') ?? '?').join(', ')}`;
}

function gatewayEndpoint(head: string, node: GatewayEndpoint, vpc: Vpc, ctx: PrintContext): Statement {
    let text = `${head} service ${service(node.service, ctx, node.id)}`;
    if (node.region !== vpc.region) text += ` region ${word(node.region, ctx, node.id, 'region')}`;
    const entries: Entry[] = [];
    if (node.routeTables.length > 0)
        entries.push(`route-tables ${node.routeTables.map(t => ctx.reference(t.value, vpc.id, node.id, 'route table') ?? '?').join(', ')}`);
    if (node.policy) entries.push(policy(node.policy, ctx, node.id));
    return { head: text, layout: 'props', entries };
}

function interfaceEndpoint(head: string, node: InterfaceEndpoint, vpc: Vpc, ctx: PrintContext): Statement {
    const name =
        node.region === vpc.region
            ? service(node.service, ctx, node.id)
            : `com.amazonaws.${word(node.region, ctx, node.id, 'region')}.${service(node.service, ctx, node.id)}`;
    const entries: Entry[] = [];
    if (node.subnets.length > 0)
        entries.push(`subnets ${node.subnets.map(s => ctx.reference(s.value, vpc.id, node.id, 'subnet') ?? '?').join(', ')}`);
    if (node.securityGroupsExplicit) {
        const groups =
            node.securityGroups.length === 1 && node.securityGroups[0] === vpc.defaultSecurityGroup
                ? undefined
                : securityGroups(node.securityGroups, vpc, ctx, node.id);
        if (groups) entries.push(groups);
        else
            ctx.problem(
                node.id,
                `${ctx.display(node.id)}: names the VPC's default security group, which the language writes by naming none`
            );
    } else if (!(node.securityGroups.length === 1 && node.securityGroups[0] === vpc.defaultSecurityGroup)) {
        ctx.problem(node.id, `${ctx.display(node.id)}: has security groups that are not marked as named`);
    }
    if (node.privateDns !== Defaults.privateDns) entries.push(`private-dns ${onOff(node.privateDns)}`);
    if (node.policy) entries.push(policy(node.policy, ctx, node.id));
    return { head: `${head} service ${name}`, layout: 'props', entries };
}

function flowLogProps(log: FlowLog, vpc: Vpc, ctx: PrintContext): string[] {
    const props: string[] = [];
    if (log.capture.level !== 'vpc')
        props.push(
            `capture ${log.capture.level} ${ctx.reference(log.capture.target, vpc.id, log.id, `captured ${log.capture.level === 'eni' ? 'ENI owner' : 'subnet'}`) ?? '?'}`
        );
    else if (log.capture.target !== vpc.id)
        ctx.problem(log.id, `flow log ${ctx.display(log.id)}: captures another VPC, which the language writes only as its own`);
    if (log.traffic !== Defaults.traffic) props.push(`traffic ${log.traffic}`);
    if (log.destination) props.push(`destination ${log.destination.kind} ${quote(log.destination.target)}`);
    if (log.aggregationSeconds === 60) props.push('aggregation 1m');
    else if (log.aggregationSeconds !== Defaults.aggregationSeconds)
        ctx.problem(log.id, `flow log ${ctx.display(log.id)}: aggregates over ${log.aggregationSeconds} seconds; AWS offers 60 or 600`);
    if (log.format) props.push(`format ${quote(log.format.value)}`);
    return props;
}

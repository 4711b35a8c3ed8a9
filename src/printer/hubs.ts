/**
 * Transit gateways (workspace scope, with their route tables), TGW peerings, and the VPC members
 * that connect VPCs to each other or to clients: TGW attachments, load balancers, endpoint
 * services and customer-managed prefix lists.
 */
import { DEFAULT_TGW_TABLE } from '../model/transit.js';
import {
    Defaults,
    type EndpointService,
    type Listener,
    type LoadBalancer,
    type PrefixList,
    type TgwRouteTable,
    type TransitGateway,
    type TransitGatewayAttachment,
    type TransitGatewayPeering,
    type Vpc
} from '../model/topology.js';
import type { PrintContext } from './context.js';
import type { Entry, Statement } from './layout.js';
import { isWritableName, quote } from './names.js';
import { address, word } from './traffic.js';

function onOff(value: boolean): string {
    return value ? 'on' : 'off';
}

/** The account a workspace element names: none for the default number, else the (first) account with its number. */
export function accountReference(
    owner: { id: string; kind: string; name: string; account: string },
    ctx: PrintContext
): string | undefined {
    if (owner.account === Defaults.accountNumber) return undefined;
    const account = ctx.topology.accounts.find(a => a.number === owner.account);
    if (!account) {
        ctx.problem(
            owner.id,
            `${owner.kind === 'vpc' ? 'VPC' : 'transit gateway'} ${owner.name}: no account of the topology has its account number ${owner.account}`
        );
        return undefined;
    }
    return ctx.reference(account.id, undefined, owner.id, 'account');
}

/**
 * `transit-gateway NAME [account A] [region R] { default-… off  route-table T { … } }`. The
 * `default` table AWS creates is left out unless something is written in it.
 */
export function printTransitGateway(tgw: TransitGateway, ctx: PrintContext): Statement {
    let head = `transit-gateway ${ctx.declared(tgw)}`;
    const account = accountReference(tgw, ctx);
    if (account !== undefined) head += ` account ${account}`;
    if (tgw.region !== Defaults.region) head += ` region ${word(tgw.region, ctx, tgw.id, 'region')}`;
    const entries: Entry[] = [];
    if (tgw.defaultAssociation !== Defaults.defaultAssociation) entries.push(`default-association ${onOff(tgw.defaultAssociation)}`);
    if (tgw.defaultPropagation !== Defaults.defaultPropagation) entries.push(`default-propagation ${onOff(tgw.defaultPropagation)}`);
    const implicitDefault = tgw.routeTables.find(t => t.implicit);
    if (implicitDefault && !(tgw.defaultAssociation || tgw.defaultPropagation))
        ctx.problem(tgw.id, `transit gateway ${tgw.name}: has AWS's default route table while both defaults are off`);
    if (implicitDefault && implicitDefault.associations.length + implicitDefault.propagations.length + implicitDefault.routes.length > 0)
        ctx.problem(
            tgw.id,
            `transit gateway ${tgw.name}: its implicit default route table has entries; declare \`route-table default\` to keep them`
        );
    const names = new Set<string>();
    for (const table of tgw.routeTables) {
        if (names.has(table.name)) ctx.problem(tgw.id, `transit gateway ${tgw.name}: route table ${table.name} is declared more than once`);
        names.add(table.name);
        if (!table.implicit) entries.push(tgwRouteTable(table, tgw, ctx));
    }
    // AWS makes the default table while either default is on: one written elsewhere would be a second.
    if ((tgw.defaultAssociation || tgw.defaultPropagation) && !names.has(DEFAULT_TGW_TABLE))
        ctx.problem(
            tgw.id,
            `transit gateway ${tgw.name}: has no \`${DEFAULT_TGW_TABLE}\` route table, which AWS creates while a default is on`
        );
    return { head, layout: entries.length > 0 ? 'members' : 'line', entries };
}

function tgwRouteTable(table: TgwRouteTable, tgw: TransitGateway, ctx: PrintContext): Statement {
    if (!isWritableName(table.name))
        ctx.problem(tgw.id, `transit gateway ${tgw.name}: route table '${table.name}' is not a name the language can write`);
    const attachments = (list: TgwRouteTable['associations'], what: string) =>
        list.map(a => ctx.reference(a.value, undefined, tgw.id, what) ?? '?').join(', ');
    const entries: Entry[] = [];
    if (table.associations.length > 0) entries.push(`associate ${attachments(table.associations, 'associated attachment')}`);
    if (table.propagations.length > 0) entries.push(`propagate ${attachments(table.propagations, 'propagating attachment')}`);
    for (const route of table.routes) {
        const destination = address(route.destination.value, ctx, tgw.id, 'route destination');
        if (route.blackhole) {
            if (route.target) ctx.problem(tgw.id, `transit gateway ${tgw.name}: a blackhole route to ${destination} also names a target`);
            entries.push(`route ${destination} blackhole`);
        } else {
            const bare = ctx.reference(route.target?.id, undefined, tgw.id, 'route target') ?? '?';
            // A TGW peering of the same name would take a bare attachment name: write the attachment with its VPC.
            const shadowed =
                route.target?.kind === 'transit-gateway-attachment' && ctx.topology.transitGatewayPeerings.some(p => p.name === bare);
            entries.push(
                `route ${destination} -> ${shadowed ? (ctx.reference(route.target?.id, '', tgw.id, 'route target') ?? bare) : bare}`
            );
        }
    }
    return { head: `route-table ${table.name}`, layout: 'list', entries };
}

export function printTransitGatewayPeering(peering: TransitGatewayPeering, ctx: PrintContext): Statement {
    const requester = ctx.reference(peering.requester, undefined, peering.id, 'requester transit gateway') ?? '?';
    const accepter = ctx.reference(peering.accepter, undefined, peering.id, 'accepter transit gateway') ?? '?';
    return {
        head: `transit-gateway-peering ${ctx.declared(peering)} requester ${requester} accepter ${accepter}`,
        layout: 'line',
        entries: []
    };
}

export function printAttachment(head: string, node: TransitGatewayAttachment, vpc: Vpc, ctx: PrintContext): Statement {
    const entries: Entry[] = [];
    if (node.subnets.length > 0)
        entries.push(`subnets ${node.subnets.map(s => ctx.reference(s.value, vpc.id, node.id, 'subnet') ?? '?').join(', ')}`);
    if (node.applianceMode) entries.push('appliance-mode on');
    const tgw = ctx.reference(node.transitGateway, undefined, node.id, 'transit gateway') ?? '?';
    return { head: `${head} transit-gateway ${tgw}`, layout: 'props', entries };
}

/** `load-balancer NAME type T scheme S { subnets …  security-groups …  listener … }`: type and scheme always, as people write them. */
export function printLoadBalancer(head: string, node: LoadBalancer, vpc: Vpc, ctx: PrintContext): Statement {
    const entries: Entry[] = [];
    if (node.subnets.length > 0)
        entries.push(`subnets ${node.subnets.map(s => ctx.reference(s.value, vpc.id, node.id, 'subnet') ?? '?').join(', ')}`);
    const groups = loadBalancerGroups(node, vpc, ctx);
    if (groups) entries.push(groups);
    entries.push(...node.listeners.map(l => listener(l, node, vpc, ctx)));
    return { head: `${head} type ${node.type} scheme ${node.scheme}`, layout: 'list', entries };
}

/** An ALB without groups named gets the VPC's default group; an NLB without any has none. */
function loadBalancerGroups(node: LoadBalancer, vpc: Vpc, ctx: PrintContext): string | undefined {
    const ids = node.securityGroups;
    const onlyDefault = ids.length === 1 && ids[0] === vpc.defaultSecurityGroup;
    if (node.type === 'application' && onlyDefault) return undefined;
    if (ids.length === 0) {
        if (node.type === 'application')
            ctx.problem(
                node.id,
                `${ctx.display(node.id)}: an application load balancer without a security group gets the VPC's default one`
            );
        return undefined;
    }
    if (ids.some(id => ctx.isDefaultSecurityGroup(id)))
        ctx.problem(node.id, `${ctx.display(node.id)}: names the VPC's default security group, which the language cannot name`);
    return `security-groups ${ids.map(id => ctx.reference(id, vpc.id, node.id, 'security group') ?? '?').join(', ')}`;
}

function listener(l: Listener, node: LoadBalancer, vpc: Vpc, ctx: PrintContext): string {
    let text = `listener ${l.protocol} ${port(l.port, ctx, node.id)}`;
    if (l.targets.length === 0) {
        if (l.targetPort !== l.port)
            ctx.problem(
                node.id,
                `${ctx.display(node.id)}: listener ${l.port} has a target port but no target, and the language writes the port after its targets`
            );
        return text;
    }
    const targets = l.targets.map(t =>
        t.kind === 'ip'
            ? address(t.address, ctx, node.id, 'target address')
            : (ctx.reference(t.instance, vpc.id, node.id, 'target instance') ?? '?')
    );
    text += ` -> ${targets.join(', ')}`;
    if (l.targetPort !== l.port) text += ` port ${port(l.targetPort, ctx, node.id)}`;
    return text;
}

function port(n: number, ctx: PrintContext, owner: string): number {
    if (!Number.isInteger(n) || n < 0) ctx.problem(owner, `${ctx.display(owner)}: port ${n} is not a whole number`);
    return n;
}

const ROOT_ARN = /^arn:aws:iam::(\d{12}):root$/;

export function printEndpointService(head: string, node: EndpointService, vpc: Vpc, ctx: PrintContext): Statement {
    const entries: Entry[] = [];
    if (node.loadBalancer !== undefined || node.loadBalancerLoc !== undefined)
        entries.push(`load-balancer ${ctx.reference(node.loadBalancer, vpc.id, node.id, 'load balancer') ?? '?'}`);
    if (node.allowedPrincipals.length > 0)
        // An account's root is written as its id, as the language reads a bare id.
        entries.push(`allowed-principals ${node.allowedPrincipals.map(p => quote(ROOT_ARN.exec(p.value)?.[1] ?? p.value)).join(', ')}`);
    if (node.acceptanceRequired !== Defaults.acceptanceRequired) entries.push(`acceptance-required ${onOff(node.acceptanceRequired)}`);
    if (node.accepted.length > 0)
        entries.push(`accept ${node.accepted.map(e => ctx.reference(e.value, vpc.id, node.id, 'accepted endpoint') ?? '?').join(', ')}`);
    return { head, layout: 'list', entries };
}

/** `prefix-list NAME [max-entries N] { a, b }`: the block is part of the statement, written even when empty. */
export function printPrefixList(head: string, node: PrefixList, ctx: PrintContext): Statement {
    const entries = node.entries.map(e => address(e.value, ctx, node.id, 'entry'));
    const text = node.maxEntries === entries.length ? head : `${head} max-entries ${port(node.maxEntries, ctx, node.id)}`;
    return { head: text, layout: 'props', braces: true, entries: entries.length > 0 ? [entries.join(', ')] : [] };
}

/**
 * The AST→model conversion of transit gateways, load balancers, endpoint services and
 * customer-managed prefix lists: part of `to-model.ts`'s bridge, kept apart for size. Only
 * what the source says is converted; AWS's defaults that depend on other documents (which
 * attachments the default TGW route table gets) are worked out in `model/transit.ts`.
 */
import type { AstNode, Reference } from 'langium';
import {
    Defaults,
    type EndpointService,
    type Listener,
    type LoadBalancer,
    type LoadBalancerTarget,
    type Located,
    type PrefixList,
    type SourceLocation,
    type TgwRouteTable,
    type TransitGateway,
    type TransitGatewayAttachment,
    type TransitGatewayPeering,
    type Vpc
} from '../model/topology.js';
import { partId } from '../model/ids.js';
import { DEFAULT_TGW_TABLE, implicitTgwTables } from '../model/transit.js';
import * as ast from './generated/ast.js';

/** What the builder offers the conversions here. */
export interface Converter {
    idOf(ref: Reference | undefined): string | undefined;
    range(node: AstNode | undefined, property?: string): SourceLocation | undefined;
    refLoc(ref: Reference | undefined): SourceLocation | undefined;
    groups(props: ast.SecurityGroupsProp[]): string[];
    accountNumberOf(node: ast.Account | undefined): string;
}

function refs(c: Converter, list: Array<Reference | undefined>): Located[] {
    return list.map(r => ({ value: c.idOf(r) ?? '', loc: c.refLoc(r) })).filter(l => l.value !== '');
}

export function transitGateway(c: Converter, node: ast.TransitGateway, id: string): TransitGateway {
    const account = node.options.find(ast.isAccountProp)?.account?.ref;
    const setting = (found: { value?: string } | undefined, fallback: boolean) =>
        found?.value === undefined ? fallback : found.value === 'on';
    const defaultAssociation = setting(node.members.filter(ast.isDefaultAssociationProp).pop(), Defaults.defaultAssociation);
    const defaultPropagation = setting(node.members.filter(ast.isDefaultPropagationProp).pop(), Defaults.defaultPropagation);
    const routeTables: TgwRouteTable[] = node.members
        .filter(ast.isTgwRouteTable)
        .filter(t => typeof t.table === 'string')
        .map(table => {
            const tableId = partId(id, table.table);
            return {
                id: tableId,
                name: table.table,
                loc: c.range(table, 'table'),
                associations: refs(
                    c,
                    table.entries.filter(ast.isTgwAssociate).flatMap(e => e.attachments)
                ),
                propagations: refs(
                    c,
                    table.entries.filter(ast.isTgwPropagate).flatMap(e => e.attachments)
                ),
                routes: table.entries
                    .filter(ast.isTgwRoute)
                    .filter(r => typeof r.destination === 'string')
                    .map((route, i) => {
                        const target = route.target?.ref;
                        const targetId = c.idOf(route.target);
                        return {
                            id: partId(tableId, i),
                            destination: { value: route.destination, loc: c.range(route, 'destination') },
                            target:
                                target && targetId
                                    ? {
                                          kind: ast.isTransitGatewayPeering(target)
                                              ? ('transit-gateway-peering' as const)
                                              : ('transit-gateway-attachment' as const),
                                          id: targetId
                                      }
                                    : undefined,
                            targetLoc: c.refLoc(route.target),
                            blackhole: route.blackhole,
                            loc: c.range(route)
                        };
                    })
            };
        });
    // The default table exists while either default is on, written or not.
    if (!routeTables.some(t => t.name === DEFAULT_TGW_TABLE))
        routeTables.unshift(...implicitTgwTables(id, defaultAssociation, defaultPropagation));
    return {
        kind: 'transit-gateway',
        id,
        name: node.name,
        loc: c.range(node, 'name'),
        account: account ? c.accountNumberOf(account) : Defaults.accountNumber,
        region: node.options.find(ast.isRegionProp)?.region ?? Defaults.region,
        defaultAssociation,
        defaultPropagation,
        routeTables
    };
}

export function transitGatewayPeering(c: Converter, node: ast.TransitGatewayPeering, id: string): TransitGatewayPeering {
    return {
        kind: 'transit-gateway-peering',
        id,
        name: node.name,
        loc: c.range(node, 'name'),
        requester: c.idOf(node.requester),
        accepter: c.idOf(node.accepter),
        requesterLoc: c.refLoc(node.requester),
        accepterLoc: c.refLoc(node.accepter)
    };
}

export function transitGatewayAttachment(c: Converter, node: ast.TransitGatewayAttachment, id: string, vpc: Vpc): TransitGatewayAttachment {
    return {
        kind: 'transit-gateway-attachment',
        id,
        vpc: vpc.id,
        name: node.name,
        loc: c.range(node, 'name'),
        transitGateway: c.idOf(node.transitGateway),
        transitGatewayLoc: c.refLoc(node.transitGateway),
        subnets: refs(
            c,
            node.props.filter(ast.isSubnetsProp).flatMap(p => p.subnets)
        ),
        applianceMode: node.props.filter(ast.isApplianceModeProp).pop()?.value === 'on'
    };
}

export function loadBalancer(c: Converter, node: ast.LoadBalancer, id: string, vpc: Vpc): LoadBalancer {
    const type = node.balancer ?? Defaults.loadBalancerType;
    const groups = c.groups(node.props.filter(ast.isSecurityGroupsProp));
    const listeners: Listener[] = node.props
        .filter(ast.isListener)
        .filter(l => l.protocol && typeof l.port === 'number')
        .map((listener, i) => ({
            id: partId(id, i),
            protocol: listener.protocol,
            port: listener.port,
            targets: listener.targets.map((t): LoadBalancerTarget =>
                t.address !== undefined
                    ? { kind: 'ip', address: t.address, loc: c.range(t) }
                    : { kind: 'instance', instance: c.idOf(t.instance), loc: c.range(t) }
            ),
            targetPort: listener.targetPort ?? listener.port,
            loc: c.range(listener)
        }));
    return {
        kind: 'load-balancer',
        id,
        vpc: vpc.id,
        name: node.name,
        loc: c.range(node, 'name'),
        type,
        scheme: node.scheme ?? Defaults.loadBalancerScheme,
        subnets: refs(
            c,
            node.props.filter(ast.isSubnetsProp).flatMap(p => p.subnets)
        ),
        // An ALB always has a group (the VPC's default when none is named); an NLB may have none.
        securityGroups: groups.length > 0 || type === 'network' ? groups : [vpc.defaultSecurityGroup],
        listeners
    };
}

export function endpointService(c: Converter, node: ast.EndpointService, id: string, vpc: Vpc): EndpointService {
    const lb = node.props.filter(ast.isLoadBalancerProp).shift();
    const acceptance = node.props.filter(ast.isAcceptanceRequiredProp).pop();
    return {
        kind: 'endpoint-service',
        id,
        vpc: vpc.id,
        name: node.name,
        loc: c.range(node, 'name'),
        loadBalancer: c.idOf(lb?.loadBalancer),
        loadBalancerLoc: c.refLoc(lb?.loadBalancer),
        allowedPrincipals: node.props
            .filter(ast.isAllowedPrincipalsProp)
            .flatMap(p => p.principals.map(text => ({ value: principalArn(unquote(text)), loc: c.range(p, 'principals') }))),
        acceptanceRequired: acceptance ? acceptance.value === 'on' : Defaults.acceptanceRequired,
        accepted: refs(
            c,
            node.props.filter(ast.isAcceptProp).flatMap(p => p.endpoints)
        )
    };
}

export function prefixList(c: Converter, node: ast.PrefixList, id: string, vpc: Vpc): PrefixList {
    const entries = node.entries.map((value, i) => ({ value, loc: entryLoc(c, node, i) }));
    return {
        kind: 'prefix-list',
        id,
        vpc: vpc.id,
        name: node.name,
        loc: c.range(node, 'name'),
        maxEntries: node.maxEntries ?? entries.length,
        maxEntriesLoc: node.maxEntries === undefined ? undefined : c.range(node, 'maxEntries'),
        entries
    };
}

/** The i-th entry's own token. */
function entryLoc(c: Converter, node: ast.PrefixList, i: number): SourceLocation | undefined {
    const whole = c.range(node);
    const cst = node.$cstNode;
    if (!whole || !cst || !('content' in cst)) return undefined;
    const tokens = (cst as { content: Array<{ text: string; range: SourceLocation['range'] }> }).content.filter(
        t => t.text === node.entries[i]
    );
    const token = tokens[node.entries.slice(0, i).filter(e => e === node.entries[i]).length];
    return token ? { uri: whole.uri, range: { start: { ...token.range.start }, end: { ...token.range.end } } } : undefined;
}

function unquote(text: string): string {
    return text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1).replace(/\\(.)/g, '$1') : text;
}

/** AWS takes ARNs: a bare 12-digit account id is short for the account's root. */
export function principalArn(text: string): string {
    return /^\d{12}$/.test(text) ? `arn:aws:iam::${text}:root` : text;
}

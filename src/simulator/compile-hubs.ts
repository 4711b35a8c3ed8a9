/**
 * Compiles what joins VPCs or fronts workloads: transit gateways (route tables with static and
 * propagated routes, sorted for longest-prefix match), their attachments' ENIs, load balancers'
 * ENIs and PrivateLink endpoint services.
 */
import { eniPlaceId } from '../model/ids.js';
import { DEFAULT_TGW_TABLE } from '../model/transit.js';
import type { EndpointService, LoadBalancer, TransitGateway, TransitGatewayAttachment, TransitGatewayPeering } from '../model/topology.js';
import { addrOf, spanOf, type Addr, type Span } from './cidr.js';
import { compileTgwRouting, type TgwRouting } from './tgw-routes.js';
import { eniIdFor, stableHash, type CEni, type CGroup, type CSubnet, type CVpc, type Compiled } from './compile.js';

export interface CAttachment {
    model: TransitGatewayAttachment;
    vpc: CVpc;
    tgw?: CTgw;
    /** One per attachment subnet, in the order written. */
    enis: CEni[];
}

export type CTgwHop = { kind: 'attachment'; attachment: CAttachment } | { kind: 'peering'; peering: TransitGatewayPeering };

export interface CTgwRoute {
    span: Span;
    /** The prefix as the route table shows it. */
    text: string;
    /** Written in the source; otherwise propagated from an attachment's VPC. */
    static: boolean;
    blackhole: boolean;
    /** Undefined for a blackhole, or a target that did not resolve. */
    next?: CTgwHop;
}

export interface CTgwTable {
    id: string;
    name: string;
    tgw: CTgw;
    /** Longest prefix first; among equal prefixes, static before propagated (AWS prefers static). */
    routes: CTgwRoute[];
}

export interface CTgw {
    model: TransitGateway;
    tables: CTgwTable[];
    /** The table each attachment or TGW peering is associated with, by its id. */
    associationOf: Map<string, CTgwTable>;
}

export interface CLoadBalancer {
    model: LoadBalancer;
    vpc: CVpc;
    /** One per subnet (a load balancer node per AZ). */
    enis: CEni[];
    groups: CGroup[];
}

export interface CEndpointService {
    model: EndpointService;
    vpc: CVpc;
    loadBalancer?: CLoadBalancer;
}

/** What the compiled topology holds of them. */
export interface CompiledHubs {
    tgws: Map<string, CTgw>;
    attachments: Map<string, CAttachment>;
    loadBalancers: Map<string, CLoadBalancer>;
    endpointServices: Map<string, CEndpointService>;
}

export function emptyHubs(): CompiledHubs {
    return { tgws: new Map(), attachments: new Map(), loadBalancers: new Map(), endpointServices: new Map() };
}

type AddEni = (eni: CEni) => void;
type FreeAddress = (subnet: CSubnet, family: 4 | 6) => Addr | undefined;

/** The ENI places of an element with one ENI per subnet of its VPC: its id and a free IPv4 address in each. */
function* placements(compiled: Compiled, model: { id: string; subnets: ReadonlyArray<{ value: string }> }, vpc: CVpc, free: FreeAddress) {
    for (const { value } of model.subnets) {
        const subnet = compiled.subnets.get(value);
        if (!subnet || subnet.vpc !== vpc) continue;
        const ipv4 = free(subnet, 4);
        const place = eniPlaceId(model.id, value);
        yield { subnet, place, eniId: eniIdFor(place), ipv4: typeof ipv4 === 'number' ? ipv4 : undefined };
    }
}

/**
 * Attachment and load-balancer ENIs, with addresses taken after every other ENI's (so adding a
 * load balancer never moves an instance's generated address).
 */
export function compileHubEnis(compiled: Compiled, add: AddEni, free: FreeAddress, groupsOf: (ids: readonly string[]) => CGroup[]): void {
    const { topology } = compiled;
    for (const model of topology.transitGatewayAttachments) {
        const vpc = compiled.vpcs.get(model.vpc);
        if (!vpc || compiled.attachments.has(model.id)) continue;
        const attachment: CAttachment = { model, vpc, enis: [] };
        compiled.attachments.set(model.id, attachment);
        vpc.attachments.push(attachment);
        for (const { subnet, eniId, ipv4 } of placements(compiled, model, vpc, free)) {
            const eni: CEni = {
                eniId,
                kind: 'transit-gateway-attachment',
                owner: model.id,
                name: model.name,
                subnet,
                ipv4,
                groups: [],
                attachment
            };
            attachment.enis.push(eni);
            add(eni);
        }
    }
    for (const model of topology.loadBalancers) {
        const vpc = compiled.vpcs.get(model.vpc);
        if (!vpc || compiled.loadBalancers.has(model.id)) continue;
        const groups = groupsOf(model.securityGroups);
        const lb: CLoadBalancer = { model, vpc, enis: [], groups };
        compiled.loadBalancers.set(model.id, lb);
        for (const { subnet, place, eniId, ipv4 } of placements(compiled, model, vpc, free)) {
            const eni: CEni = {
                eniId,
                kind: 'load-balancer',
                owner: model.id,
                name: model.name,
                subnet,
                ipv4,
                publicIp: model.scheme === 'internet-facing' ? loadBalancerPublicIp(compiled, place) : undefined,
                groups,
                loadBalancer: lb
            };
            lb.enis.push(eni);
            add(eni);
        }
    }
}

/**
 * An internet-facing node's public address: AWS picks one of its own (not an Elastic IP the
 * source writes). Stable for the same node, in 34.192.0.0/10, skipping any already in use.
 */
function loadBalancerPublicIp(compiled: Compiled, place: string): number {
    for (let salt = 0; ; salt++) {
        const k = stableHash(`${place}/${salt}`);
        const addr = addrOf(`34.${192 + (k % 64)}.${(k >>> 8) % 256}.${1 + ((k >>> 16) % 254)}`) as number;
        if (!compiled.publicIps.has(addr)) return addr;
    }
}

/** Transit gateways' route tables and endpoint services, once every ENI exists. */
export function compileHubs(compiled: Compiled): void {
    const { topology } = compiled;
    for (const model of topology.transitGateways) {
        if (!compiled.tgws.has(model.id)) compiled.tgws.set(model.id, { model, tables: [], associationOf: new Map() });
    }
    for (const attachment of compiled.attachments.values()) attachment.tgw = compiled.tgws.get(attachment.model.transitGateway ?? '');
    const routing = compiled.tgws.size > 0 ? compileTgwRouting(topology) : undefined;
    for (const tgw of compiled.tgws.values()) compileTgwTables(compiled, tgw, routing!);
    for (const model of topology.endpointServices) {
        const vpc = compiled.vpcs.get(model.vpc);
        if (!vpc || compiled.endpointServices.has(model.id)) continue;
        compiled.endpointServices.set(model.id, { model, vpc, loadBalancer: compiled.loadBalancers.get(model.loadBalancer ?? '') });
    }
}

/**
 * The tables as `tgw-routes.ts` fills them (the checks read the same ones), sorted for the walk:
 * longest prefix first, static before propagated among equal prefixes.
 */
function compileTgwTables(compiled: Compiled, tgw: CTgw, routing: TgwRouting): void {
    const peerings = compiled.topology.transitGatewayPeerings.filter(p => p.requester === tgw.model.id || p.accepter === tgw.model.id);
    const tables = routing.tables.get(tgw.model.id) ?? [];
    const associated = new Set(tables.flatMap(t => t.associations));
    for (const table of tables) {
        const c: CTgwTable = { id: table.id, name: table.name, tgw, routes: [] };
        for (const route of table.routes) {
            const span = spanOf(route.block.text);
            if (!span) continue;
            const target = route.target;
            const attachment = target?.kind === 'transit-gateway-attachment' ? compiled.attachments.get(target.id) : undefined;
            const peering = target?.kind === 'transit-gateway-peering' ? peerings.find(p => p.id === target.id) : undefined;
            if (route.origin === 'propagated' && attachment?.tgw !== tgw) continue;
            c.routes.push({
                span,
                text: route.block.text,
                static: route.origin === 'static',
                blackhole: route.blackhole,
                next: attachment ? { kind: 'attachment', attachment } : peering ? { kind: 'peering', peering } : undefined
            });
        }
        c.routes.sort((a, b) => b.span.prefix - a.span.prefix || Number(b.static) - Number(a.static));
        tgw.tables.push(c);
        for (const id of table.associations) if (!tgw.associationOf.has(id)) tgw.associationOf.set(id, c);
        // A TGW peering that no table names is associated like any new attachment: with the default table.
        if (table.name === DEFAULT_TGW_TABLE && tgw.model.defaultAssociation)
            for (const p of peerings) if (!associated.has(p.id) && !tgw.associationOf.has(p.id)) tgw.associationOf.set(p.id, c);
    }
}

/** Longest-prefix match in a TGW route table (static first among equal prefixes). */
export function tgwLookup(table: CTgwTable, addr: Addr): CTgwRoute | undefined {
    const v6 = typeof addr === 'bigint';
    for (const route of table.routes) {
        const span = route.span;
        if (span.v6 === v6 && addr >= span.first && addr <= span.last) return route;
    }
    return undefined;
}

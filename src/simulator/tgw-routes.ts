/**
 * A transit gateway's route tables as AWS fills them: static and blackhole routes as written,
 * propagated routes from the blocks of each propagating attachment's VPC. Shared by the checks
 * and the simulator so both answer "where does the TGW send this?" the same way.
 */
import { effectiveTgwTables } from '../model/transit.js';
import type { Topology, TransitGateway, TransitGatewayAttachment } from '../model/topology.js';
import { contains, parseCidr, type Address, type Block } from './cidr.js';

export interface TgwTableRoute {
    block: Block;
    origin: 'static' | 'propagated';
    /** Absent for a blackhole. */
    target?: { kind: 'transit-gateway-attachment' | 'transit-gateway-peering'; id: string };
    blackhole: boolean;
}

export interface TgwTable {
    id: string;
    name: string;
    transitGateway: string;
    /** The attachments whose traffic this table routes (attachment ids). */
    associations: string[];
    routes: TgwTableRoute[];
}

/** Every transit gateway's effective route tables, by gateway id. */
export interface TgwRouting {
    tables: Map<string, TgwTable[]>;
    attachments: Map<string, TransitGatewayAttachment>;
}

/** The VPC blocks each attachment propagates: every valid IPv4 and IPv6 block of its VPC. */
function vpcBlocks(topology: Topology): Map<string, Block[]> {
    const blocks = new Map<string, Block[]>();
    for (const vpc of topology.vpcs) {
        if (blocks.has(vpc.id)) continue;
        const parsed = [...vpc.cidrs, ...vpc.ipv6].map(c => parseCidr(c.value));
        blocks.set(
            vpc.id,
            parsed.flatMap(p => (p.ok ? [p.value] : []))
        );
    }
    return blocks;
}

function compileGateway(
    topology: Topology,
    tgw: TransitGateway,
    attachments: Map<string, TransitGatewayAttachment>,
    blocks: Map<string, Block[]>
): TgwTable[] {
    const written = new Map(tgw.routeTables.map(t => [t.id, t]));
    return effectiveTgwTables(topology, tgw).map(effective => {
        const routes: TgwTableRoute[] = [];
        for (const route of written.get(effective.id)?.routes ?? []) {
            const parsed = parseCidr(route.destination.value);
            if (!parsed.ok) continue;
            if (route.blackhole) routes.push({ block: parsed.value, origin: 'static', blackhole: true });
            else if (route.target) routes.push({ block: parsed.value, origin: 'static', target: route.target, blackhole: false });
        }
        for (const id of new Set(effective.propagations)) {
            const attachment = attachments.get(id);
            if (!attachment) continue;
            for (const block of blocks.get(attachment.vpc) ?? []) {
                routes.push({ block, origin: 'propagated', target: { kind: 'transit-gateway-attachment', id }, blackhole: false });
            }
        }
        return { id: effective.id, name: effective.name, transitGateway: tgw.id, associations: effective.associations, routes };
    });
}

/** Compiles every transit gateway's route tables once. */
export function compileTgwRouting(topology: Topology): TgwRouting {
    const attachments = new Map(topology.transitGatewayAttachments.map(a => [a.id, a]));
    const blocks = vpcBlocks(topology);
    const tables = new Map<string, TgwTable[]>();
    for (const tgw of topology.transitGateways) {
        if (!tables.has(tgw.id)) tables.set(tgw.id, compileGateway(topology, tgw, attachments, blocks));
    }
    return { tables, attachments };
}

/** The table an attachment's traffic is routed by (AWS associates it with exactly one), if any. */
export function associatedTable(routing: TgwRouting, attachmentId: string): TgwTable | undefined {
    const attachment = routing.attachments.get(attachmentId);
    const tables = attachment?.transitGateway ? routing.tables.get(attachment.transitGateway) : undefined;
    return tables?.find(t => t.associations.includes(attachmentId));
}

/**
 * The route a table uses for a destination (an address or a whole block): the longest prefix that
 * contains it, a static route (blackholes included) over a propagated one of the same prefix.
 */
export function lookupTgwRoute(table: TgwTable, destination: Address | Block): TgwTableRoute | undefined {
    let best: TgwTableRoute | undefined;
    for (const route of table.routes) {
        if (route.block.family !== destination.family || !contains(route.block, destination)) continue;
        if (
            !best ||
            route.block.prefix > best.block.prefix ||
            (route.block.prefix === best.block.prefix && route.origin === 'static' && best.origin === 'propagated')
        )
            best = route;
    }
    return best;
}

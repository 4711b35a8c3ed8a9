/**
 * Which VPCs a transit gateway delivers a VPC route's traffic to, and which of their route tables
 * lack the way back. A hub joins every spoke to every other, so the answers are cached per run:
 * the routes of each gateway table that win for their own block, each VPC's subnets grouped by
 * route table, and each table's routes to a gateway.
 */
import type { RouteTable, Subnet, TransitGatewayAttachment, Vpc } from '../model/topology.js';
import { contains, overlaps, type Block } from '../simulator/cidr.js';
import { lookupTgwRoute, type TgwRouting, type TgwTable, type TgwTableRoute } from '../simulator/tgw-routes.js';
import type { TopologyIndex } from '../simulator/topology-index.js';

export interface Missing {
    vpc: Vpc;
    table: RouteTable;
    subnets: string[];
}

interface TableGroup {
    table: RouteTable;
    subnets: Subnet[];
    /** The blocks the table routes to each gateway, by gateway id. */
    back: Map<string, Block[]>;
}

export class ReturnRoutes {
    private readonly winners = new Map<TgwTable, Set<TgwTableRoute>>();
    private readonly groups = new Map<string, TableGroup[]>();
    private readonly hitCache = new Map<Block, Map<string, Array<{ group: TableGroup; hit: Subnet[]; vpc: Vpc }>>>();
    private readonly sources = new Map<string, Block[]>();

    constructor(
        private readonly index: TopologyIndex,
        private readonly routing: TgwRouting
    ) {}

    /** The addresses traffic leaving through a table comes from: its subnets' blocks, or the VPC's when no subnet uses it. */
    sourcesOf(table: RouteTable, vpc: Vpc): Block[] {
        let blocks = this.sources.get(table.id);
        if (!blocks) {
            const subnets = this.index.subnetsUsing(table);
            blocks = subnets.length > 0 ? subnets.flatMap(s => this.index.subnetBlocks(s)) : (this.index.vpcs.get(vpc.id)?.blocks ?? []);
            this.sources.set(table.id, blocks);
        }
        return blocks;
    }

    /**
     * The route tables of the VPCs the gateway delivers `destination` to (each part of it by the
     * route the table really picks for that part) that have no route to `sources` through `tgw`.
     */
    missing(tgwTable: TgwTable, destination: Block, from: TransitGatewayAttachment, sources: Block[], tgw: string): Missing[] {
        const missing = new Map<string, Missing>();
        for (const { attachment, part } of this.reached(tgwTable, destination)) {
            const reached = this.routing.attachments.get(attachment);
            if (!reached || reached.vpc === from.vpc) continue;
            for (const { group, hit, vpc } of this.hits(reached.vpc, part)) {
                if (this.routesBack(group, tgw).some(back => sources.some(s => overlaps(back, s)))) continue;
                const entry = missing.get(group.table.id) ?? { vpc, table: group.table, subnets: [] };
                for (const s of hit) if (!entry.subnets.includes(s.name)) entry.subnets.push(s.name);
                missing.set(group.table.id, entry);
            }
        }
        return [...missing.values()];
    }

    /** The subnets of a VPC that a part of a destination falls in, grouped by route table: the same for every sender. */
    private hits(vpcId: string, part: Block): Array<{ group: TableGroup; hit: Subnet[]; vpc: Vpc }> {
        let byVpc = this.hitCache.get(part);
        if (!byVpc) this.hitCache.set(part, (byVpc = new Map()));
        let hits = byVpc.get(vpcId);
        if (!hits) {
            const view = this.index.vpcs.get(vpcId);
            hits = [];
            for (const group of view ? this.groupsOf(vpcId) : []) {
                const hit = group.subnets.filter(s => this.index.subnetBlocks(s).some(b => overlaps(b, part)));
                if (hit.length > 0) hits.push({ group, hit, vpc: view!.vpc });
            }
            byVpc.set(vpcId, hits);
        }
        return hits;
    }

    /** The attachments the table sends some part of `destination` to, with that part. */
    private reached(table: TgwTable, destination: Block): Array<{ attachment: string; part: Block }> {
        const parts: Array<{ attachment: string; part: Block }> = [];
        const add = (route: TgwTableRoute | undefined, part: Block) => {
            if (route && !route.blackhole && route.target?.kind === 'transit-gateway-attachment')
                parts.push({ attachment: route.target.id, part });
        };
        add(lookupTgwRoute(table, destination), destination);
        const winners = this.winnersOf(table);
        for (const route of table.routes) {
            if (route.block.prefix > destination.prefix && contains(destination, route.block) && winners.has(route))
                add(route, route.block);
        }
        return parts;
    }

    /** The routes the table picks for their own whole block. */
    private winnersOf(table: TgwTable): Set<TgwTableRoute> {
        let winners = this.winners.get(table);
        if (!winners) {
            winners = new Set(table.routes.filter(r => lookupTgwRoute(table, r.block) === r));
            this.winners.set(table, winners);
        }
        return winners;
    }

    private groupsOf(vpcId: string): TableGroup[] {
        let groups = this.groups.get(vpcId);
        if (!groups) {
            const byTable = new Map<string, TableGroup>();
            for (const subnet of this.index.vpcs.get(vpcId)?.subnets ?? []) {
                const table = this.index.routeTableOf(subnet);
                if (!table) continue;
                const group: TableGroup = byTable.get(table.id) ?? { table, subnets: [], back: new Map() };
                group.subnets.push(subnet);
                byTable.set(table.id, group);
            }
            groups = [...byTable.values()];
            this.groups.set(vpcId, groups);
        }
        return groups;
    }

    /** The blocks a table routes to the gateway. */
    private routesBack(group: TableGroup, tgw: string): Block[] {
        let blocks = group.back.get(tgw);
        if (!blocks) {
            blocks = group.table.routes.flatMap(r => {
                const block = r.target?.id === tgw ? this.index.routeBlock(r) : undefined;
                return block ? [block] : [];
            });
            group.back.set(tgw, blocks);
        }
        return blocks;
    }
}

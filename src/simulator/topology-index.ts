/** Lookups over a topology by id and by VPC, built once and shared by checks and the simulator. */
import type { Peering, Route, RouteTable, Subnet, Topology, Vpc } from '../model/topology.js';
import { VPC_LISTS, type ElementListKey, type ModelElement, type VpcListKey } from '../model/kinds.js';
import { qualifiedNameOfId } from '../model/ids.js';
import { parseCidr, type Block } from './cidr.js';

export type { ElementListKey };
export type AnyElement = ModelElement;

export function allElements(topology: Topology): AnyElement[] {
    return (Object.keys(topology) as Array<keyof Topology>).flatMap<AnyElement>(key =>
        key === 'documents' ? [] : (topology[key] as AnyElement[])
    );
}

/** One VPC's resources (the topology's lists, narrowed to the VPC) and its peerings. */
export interface VpcView extends Pick<Topology, VpcListKey | 'peerings'> {
    vpc: Vpc;
    /** Every valid IPv4 and IPv6 block of the VPC. */
    blocks: Block[];
}

/** The two lookups an index answers from; a composed index (the editor's) supplies its own. */
export interface IndexParts {
    byId: Pick<ReadonlyMap<string, AnyElement>, 'get'>;
    vpcs: Pick<ReadonlyMap<string, VpcView>, 'get' | 'values'>;
    /** Overrides `peeringBetween` (to notice the lookup). */
    peeringBetween?: (a: string, b: string) => Peering | undefined;
}

export class TopologyIndex {
    readonly byId: IndexParts['byId'];
    readonly vpcs: IndexParts['vpcs'];

    constructor(
        readonly topology: Topology,
        parts?: IndexParts
    ) {
        if (parts) {
            this.byId = parts.byId;
            this.vpcs = parts.vpcs;
            if (parts.peeringBetween) this.peeringBetween = parts.peeringBetween;
            return;
        }
        const byId = new Map<string, AnyElement>();
        const vpcs = new Map<string, VpcView>();
        this.byId = byId;
        this.vpcs = vpcs;
        for (const element of allElements(topology)) if (!byId.has(element.id)) byId.set(element.id, element);
        for (const vpc of topology.vpcs) {
            if (vpcs.has(vpc.id)) continue;
            const blocks: Block[] = [];
            for (const { value } of [...vpc.cidrs, ...vpc.ipv6]) {
                const parsed = parseCidr(value);
                if (parsed.ok) blocks.push(parsed.value);
            }
            vpcs.set(vpc.id, { vpc, blocks, peerings: [], ...emptyVpcLists() });
        }
        for (const list of VPC_LISTS) {
            for (const item of topology[list]) (vpcs.get(item.vpc)?.[list] as unknown[] | undefined)?.push(item);
        }
        for (const peering of topology.peerings) {
            for (const side of new Set([peering.requester, peering.accepter])) {
                if (side) vpcs.get(side)?.peerings.push(peering);
            }
        }
    }

    get<T extends AnyElement>(id: string | undefined): T | undefined {
        return id === undefined ? undefined : (this.byId.get(id) as T | undefined);
    }

    vpcOf(element: { vpc: string }): Vpc | undefined {
        return this.vpcs.get(element.vpc)?.vpc;
    }

    /** The peering joining two VPCs (the first one written, when there are several). */
    peeringBetween(a: string, b: string): Peering | undefined {
        return this.vpcs.get(a)?.peerings.find(p => (p.requester === a && p.accepter === b) || (p.requester === b && p.accepter === a));
    }

    /** The side of a peering that is not `vpcId`, or undefined when `vpcId` is not on it. */
    peerOf(peering: Peering, vpcId: string): string | undefined {
        if (peering.requester === vpcId) return peering.accepter;
        if (peering.accepter === vpcId) return peering.requester;
        return undefined;
    }

    /** The route table a subnet uses: its own, or its VPC's main table. */
    routeTableOf(subnet: Subnet): RouteTable | undefined {
        return this.get<RouteTable>(subnet.routeTable ?? this.vpcs.get(subnet.vpc)?.vpc.mainRouteTable);
    }

    private readonly subnetBlockCache = new Map<string, Block[]>();

    /** A subnet's valid IPv4 and IPv6 blocks. */
    subnetBlocks(subnet: Subnet): Block[] {
        let blocks = this.subnetBlockCache.get(subnet.id);
        if (!blocks) {
            blocks = [];
            for (const located of [subnet.cidr, subnet.ipv6]) {
                const parsed = located && parseCidr(located.value);
                if (parsed?.ok) blocks.push(parsed.value);
            }
            this.subnetBlockCache.set(subnet.id, blocks);
        }
        return blocks;
    }

    /** The subnets that use a route table, explicitly or as their VPC's main table. */
    subnetsUsing(table: RouteTable): Subnet[] {
        return (this.vpcs.get(table.vpc)?.subnets ?? []).filter(subnet => this.routeTableOf(subnet)?.id === table.id);
    }

    private readonly routeBlockCache = new WeakMap<Route, Block | null>();

    /** A route's destination block, when it is a valid CIDR (not a prefix list). */
    routeBlock(route: Route): Block | undefined {
        let block = this.routeBlockCache.get(route);
        if (block === undefined) {
            const parsed = route.destination.kind === 'cidr' ? parseCidr(route.destination.cidr) : undefined;
            block = parsed?.ok ? parsed.value : null;
            this.routeBlockCache.set(route, block);
        }
        return block ?? undefined;
    }
}

/** Empty lists of everything a VPC holds. */
export function emptyVpcLists(): Pick<Topology, VpcListKey> {
    return Object.fromEntries(VPC_LISTS.map(list => [list, []])) as unknown as Pick<Topology, VpcListKey>;
}

/** A short name for messages: `web` inside its VPC, `app.web` from elsewhere. */
export function displayName(element: { id: string; name: string }): string {
    return qualifiedNameOfId(element.id) ?? element.name;
}

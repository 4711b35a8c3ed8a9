/**
 * Where the VPCs go: regions stacked, their VPCs packed in rows no wider than the panel, the
 * internet and the AWS services above them, edges drawn straight between box borders. Placing is
 * linear in the number of boxes, so the first paint of a thousand VPCs waits on drawing only.
 *
 * Level of detail: a small estate is drawn whole; a large one as its regions and VPCs, each VPC
 * a summary with its counts, until one is opened (`only`).
 */
import type { SourceLocation, Topology } from '../model/topology.js';
import { endpointServiceIdOf, eniPlaceId } from '../protocol.js';
import { indexOf, interior, servicesOf, type Box, type Edge, type Interior, type Layout } from './layout.js';

/** Above this many VPCs the estate opens as summaries: ten VPCs' subnets are still readable side by side. */
export const DETAIL_LIMIT = 12;

export interface EstateOptions {
    /** The width available at zoom 1, in CSS px. */
    width: number;
    /** Draw only this VPC, opened (the breadcrumb leads back to the estate). */
    only?: string | null;
    /** Force summaries (or details) whatever the estate's size. */
    detail?: 'full' | 'summary';
    /** Told the share of the VPCs placed so far (0 to 1), every few hundred VPCs. */
    onProgress?: (share: number) => void;
    /** A summary's counts, when counted already (the worker is sent these instead of the subnets). */
    counts?: Map<string, VpcCounts>;
}

/** What a VPC's summary box says of its inside. */
export interface VpcCounts {
    azs: number;
    subnets: number;
    instances: number;
}

const MARGIN = 16;
const GAP = 24;
const REGION_PAD = { top: 34, side: 14, bottom: 14 };
const NODE = { w: 170, h: 36 };
const SUMMARY = { w: 236, h: 92 };
const HUB = { w: 190, h: 64 };
/** The narrowest a region's inside gets: one subnet column. */
const SUBNET_MIN = 236;

interface Item {
    id: string;
    w: number;
    h: number;
    draw(x: number, y: number): void;
}

/** Shelf packing: items left to right, a new row when the next would pass `width`. */
function pack(items: Item[], width: number, left: number, top: number): { w: number; h: number } {
    let x = left;
    let y = top;
    let rowHeight = 0;
    let widest = 0;
    for (const item of items) {
        if (x > left && x + item.w > left + width) {
            x = left;
            y += rowHeight + GAP;
            rowHeight = 0;
        }
        item.draw(x, y);
        x += item.w + GAP;
        rowHeight = Math.max(rowHeight, item.h);
        widest = Math.max(widest, x - GAP - left);
    }
    return { w: widest, h: items.length === 0 ? 0 : y + rowHeight - top };
}

/** The point where the segment from a box's centre towards `to` leaves the box. */
function border(box: Box, to: { x: number; y: number }): { x: number; y: number } {
    const cx = box.x + box.w / 2;
    const cy = box.y + box.h / 2;
    const dx = to.x - cx;
    const dy = to.y - cy;
    if (dx === 0 && dy === 0) return { x: cx, y: cy };
    const t = Math.min(dx === 0 ? Infinity : box.w / 2 / Math.abs(dx), dy === 0 ? Infinity : box.h / 2 / Math.abs(dy));
    return { x: cx + dx * t, y: cy + dy * t };
}

function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A VPC's interior on demand, for the summaries zoomed into: the index is built once, at the first. */
export function detailSource(topology: Topology): (vpc: string) => Interior | undefined {
    let index: ReturnType<typeof indexOf> | undefined;
    const vpcs = new Map(topology.vpcs.map(v => [v.id, v]));
    return id => {
        const vpc = vpcs.get(id);
        if (!vpc) return undefined;
        index ??= indexOf(topology);
        return interior(vpc, index);
    };
}

/** The VPC each element belongs to (a transit gateway's route tables: their gateway). */
export function ownersOf(topology: Topology): Map<string, string> {
    const owners = new Map<string, string>();
    for (const list of [
        topology.subnets,
        topology.gateways,
        topology.natGateways,
        topology.instances,
        topology.interfaceEndpoints,
        topology.gatewayEndpoints,
        topology.routeTables,
        topology.networkAcls,
        topology.securityGroups,
        topology.flowLogs,
        topology.transitGatewayAttachments,
        topology.loadBalancers,
        topology.endpointServices
    ]) {
        for (const element of list as ReadonlyArray<{ id: string; vpc?: string }>) if (element.vpc) owners.set(element.id, element.vpc);
    }
    for (const tgw of topology.transitGateways) for (const table of tgw.routeTables) owners.set(table.id, tgw.id);
    return owners;
}

export function vpcCounts(topology: Topology): Map<string, VpcCounts> {
    const counts = new Map<string, VpcCounts>();
    const azs = new Map<string, Set<string>>();
    const of = (vpc: string) => {
        let c = counts.get(vpc);
        if (!c) counts.set(vpc, (c = { azs: 0, subnets: 0, instances: 0 }));
        return c;
    };
    for (const s of topology.subnets) {
        of(s.vpc).subnets++;
        let set = azs.get(s.vpc);
        if (!set) azs.set(s.vpc, (set = new Set()));
        set.add(s.az);
    }
    for (const [vpc, set] of azs) of(vpc).azs = set.size;
    for (const i of topology.instances) if (i.vpc) of(i.vpc).instances++;
    return counts;
}

/**
 * The part of a topology a summary layout reads: the VPCs, their links and hubs, the top row's
 * services, without the subnets, instances, tables and rules (their counts go in
 * `EstateOptions.counts`) and without source locations (`withLocations` puts back the boxes').
 * The worker is sent this: copying the whole topology to it cost more than placing the VPCs.
 */
export function summaryInput(topology: Topology): Topology {
    const value = <T>({ value }: { value: T }) => ({ value });
    return {
        ...topology,
        vpcs: topology.vpcs.map(v => ({ ...v, loc: undefined, cidrs: v.cidrs.map(value), ipv6: v.ipv6.map(value) })),
        peerings: topology.peerings.map(p => ({ ...p, loc: undefined, requesterLoc: undefined, accepterLoc: undefined })),
        transitGatewayAttachments: topology.transitGatewayAttachments.map(a => ({
            ...a,
            loc: undefined,
            transitGatewayLoc: undefined,
            subnets: a.subnets.map(value)
        })),
        gateways: topology.gateways.map(g => ({ ...g, loc: undefined })),
        probes: topology.probes.map(p => ({
            ...p,
            loc: undefined,
            destinationLoc: undefined,
            protocolLoc: undefined,
            expectLoc: undefined
        })),
        subnets: [],
        instances: [],
        routeTables: [],
        networkAcls: [],
        securityGroups: [],
        natGateways: [],
        flowLogs: [],
        loadBalancers: [],
        prefixLists: []
    };
}

/** A summary layout made from `summaryInput`, with its boxes' source locations and the owners from the whole topology. */
export function withLocations(layout: Layout, topology: Topology): Layout {
    const located = new Map<string, SourceLocation | undefined>();
    for (const list of [topology.vpcs, topology.transitGateways, topology.buckets]) for (const e of list) located.set(e.id, e.loc);
    for (const box of layout.boxes) if (located.has(box.id)) box.loc = located.get(box.id);
    return { ...layout, owners: ownersOf(topology) };
}

export function layoutEstate(topology: Topology, options: EstateOptions): Layout {
    const vpcs = options.only ? topology.vpcs.filter(v => v.id === options.only) : topology.vpcs;
    const summary = options.detail ? options.detail === 'summary' : !options.only && vpcs.length > DETAIL_LIMIT;
    // A summary needs counts only: the interiors' index is built for a drawing with interiors.
    const index = summary ? undefined : indexOf(topology);
    const counts = summary ? (options.counts ?? vpcCounts(topology)) : undefined;
    const inner = Math.max(SUBNET_MIN, options.width - 2 * MARGIN - 2 * REGION_PAD.side);
    const boxes: Box[] = [];
    const byId = new Map<string, Box>();
    const add = (box: Box) => {
        boxes.push(box);
        byId.set(box.id, box);
    };
    const owners = ownersOf(topology);
    const shown = new Set(vpcs.map(v => v.id));
    const services = options.only
        ? servicesOf({
              ...topology,
              gatewayEndpoints: topology.gatewayEndpoints.filter(e => shown.has(e.vpc)),
              interfaceEndpoints: topology.interfaceEndpoints.filter(e => shown.has(e.vpc)),
              probes: [],
              buckets: []
          })
        : servicesOf(topology);
    const hasInternet =
        topology.gateways.some(g => shown.has(g.vpc)) ||
        (!options.only && topology.probes.some(p => p.source.kind === 'internet' || p.destination.kind === 'internet'));

    let y = MARGIN;
    const top: Item[] = [
        ...(hasInternet ? [{ id: 'internet', title: 'Internet', kind: 'internet' as const }] : []),
        ...services.map(s => ({ id: `service:${s}`, title: `${s} (AWS service)`, kind: 'service' as const }))
    ].map(node => ({
        id: node.id,
        ...NODE,
        draw: (x: number, yy: number) => add({ id: node.id, kind: node.kind, x, y: yy, ...NODE, title: node.title, lines: [] })
    }));
    const topSize = pack(top, inner + 2 * REGION_PAD.side, MARGIN, y);
    if (top.length > 0) y += topSize.h + GAP;
    let width = topSize.w;

    const attachedTo = new Set(topology.transitGatewayAttachments.filter(a => shown.has(a.vpc)).map(a => a.transitGateway));
    const hubs = topology.transitGateways.filter(t => !options.only || attachedTo.has(t.id)).map(t => t.region);
    const regions = [
        ...new Set([...vpcs.map(v => v.region), ...hubs, ...(options.only ? [] : topology.buckets.map(b => b.region))])
    ].sort();
    const accounts = new Map(topology.accounts.map(a => [a.number, a]));
    let placed = 0;
    for (const region of regions) {
        const regionBox: Box = { id: `region:${region}`, kind: 'region', x: MARGIN, y, w: 0, h: 0, title: region, lines: [] };
        add(regionBox);
        const items: Item[] = [];
        for (const vpc of vpcs.filter(v => v.region === region)) {
            if (options.onProgress && ++placed % 250 === 0) options.onProgress(placed / vpcs.length);
            const account = accounts.get(vpc.account);
            const blocks = [...vpc.cidrs, ...vpc.ipv6].map(c => c.value).join('  ');
            const where = `account ${account ? `${account.name} (${account.number})` : vpc.account}`;
            if (counts) {
                const c = counts.get(vpc.id) ?? { azs: 0, subnets: 0, instances: 0 };
                const said = `${plural(c.azs, 'AZ')} · ${plural(c.subnets, 'subnet')} · ${plural(c.instances, 'instance')}`;
                items.push({
                    id: vpc.id,
                    ...SUMMARY,
                    draw: (x, yy) =>
                        add({
                            id: vpc.id,
                            kind: 'vpc',
                            x,
                            y: yy,
                            ...SUMMARY,
                            title: `VPC ${vpc.name}`,
                            lines: [blocks, said, where],
                            loc: vpc.loc,
                            collapsed: true
                        })
                });
            } else if (index) {
                const inside: Interior = interior(vpc, index, inner);
                items.push({
                    id: vpc.id,
                    w: inside.w,
                    h: inside.h,
                    draw: (x, yy) => {
                        add({
                            id: vpc.id,
                            kind: 'vpc',
                            x,
                            y: yy,
                            w: inside.w,
                            h: inside.h,
                            title: `VPC ${vpc.name}`,
                            lines: [blocks, `${where} · ${vpc.region}`],
                            loc: vpc.loc
                        });
                        for (const b of inside.boxes) add({ ...b, x: b.x + x, y: b.y + yy });
                    }
                });
            }
        }
        // A transit gateway is a hub in its region, among the VPCs it joins (opened alone, a VPC shows the gateways it attaches to).
        for (const tgw of topology.transitGateways.filter(t => t.region === region && (!options.only || attachedTo.has(t.id)))) {
            const attachments = topology.transitGatewayAttachments.filter(a => a.transitGateway === tgw.id).length;
            items.push({
                id: tgw.id,
                ...HUB,
                draw: (x, yy) =>
                    add({
                        id: tgw.id,
                        kind: 'transit-gateway',
                        x,
                        y: yy,
                        ...HUB,
                        title: tgw.name,
                        lines: ['transit gateway', `${plural(attachments, 'attachment')} · ${plural(tgw.routeTables.length, 'table')}`],
                        loc: tgw.loc
                    })
            });
        }
        if (!options.only) {
            for (const bucket of topology.buckets.filter(b => b.region === region)) {
                items.push({
                    id: bucket.id,
                    ...NODE,
                    draw: (x, yy) =>
                        add({
                            id: bucket.id,
                            kind: 'bucket',
                            x,
                            y: yy,
                            ...NODE,
                            title: `bucket ${bucket.name}`,
                            lines: [bucket.privateTo.length > 0 ? `private to ${bucket.privateTo.join(', ')}` : 'no endpoint condition'],
                            loc: bucket.loc
                        })
                });
            }
        }
        const size = pack(items, inner, MARGIN + REGION_PAD.side, y + REGION_PAD.top);
        regionBox.w = Math.max(size.w + 2 * REGION_PAD.side, 200);
        regionBox.h = REGION_PAD.top + size.h + REGION_PAD.bottom;
        y += regionBox.h + GAP;
        width = Math.max(width, regionBox.w);
    }

    const edges: Edge[] = [];
    const vpcOf = new Map(topology.vpcs.map(v => [v.id, v]));
    const line = (id: string, kind: Edge['kind'], from: string, to: string, extra: Partial<Edge> = {}) => {
        const a = byId.get(from);
        const b = byId.get(to);
        if (!a || !b) return;
        const ca = { x: a.x + a.w / 2, y: a.y + a.h / 2 };
        const cb = { x: b.x + b.w / 2, y: b.y + b.h / 2 };
        edges.push({ id, kind, points: [border(a, cb), border(b, ca)], ...extra });
    };
    for (const p of topology.peerings) {
        const a = p.requester ? vpcOf.get(p.requester) : undefined;
        const b = p.accepter ? vpcOf.get(p.accepter) : undefined;
        if (!a || !b) continue;
        const crossRegion = a.region !== b.region;
        const crossAccount = a.account !== b.account;
        const marks = [crossRegion ? 'cross-region' : '', crossAccount ? 'cross-account' : ''].filter(Boolean).join(', ');
        line(p.id, 'peering', a.id, b.id, { label: `${p.name}${marks ? ` (${marks})` : ''}`, crossRegion, crossAccount });
    }
    // The hubs and PrivateLink link whatever is drawn: an ENI in a VPC's interior, else the VPC's summary.
    const drawnOr = (id: string, vpc: string) => (byId.has(id) ? id : vpc);
    for (const a of topology.transitGatewayAttachments) {
        if (!a.transitGateway || !shown.has(a.vpc)) continue;
        const from = a.subnets.length > 0 && !summary ? eniPlaceId(a.id, a.subnets[0]!.value) : a.vpc;
        line(`edge:${a.id}`, 'transit-gateway', drawnOr(from, a.vpc), a.transitGateway);
    }
    for (const p of topology.transitGatewayPeerings) {
        if (!p.requester || !p.accepter) continue;
        const [a, b] = [topology.transitGateways.find(t => t.id === p.requester), topology.transitGateways.find(t => t.id === p.accepter)];
        const crossRegion = !!a && !!b && a.region !== b.region;
        line(p.id, 'transit-gateway-peering', p.requester, p.accepter, { label: p.name, crossRegion });
    }
    const providers = new Map(topology.endpointServices.map(e => [e.id, e]));
    for (const e of topology.interfaceEndpoints) {
        const id = endpointServiceIdOf(e);
        const service = id === undefined ? undefined : providers.get(id);
        if (!service) continue;
        const consumer = e.subnets.length > 0 ? eniPlaceId(e.id, e.subnets[0]!.value) : e.vpc;
        line(`edge:${e.id}`, 'privatelink', drawnOr(consumer, e.vpc), drawnOr(service.id, service.vpc), { label: 'PrivateLink' });
    }
    if (!summary) {
        for (const g of topology.gateways) line(`edge:${g.id}`, 'internet', 'internet', byId.has(g.id) ? g.id : g.vpc);
        for (const e of [...topology.gatewayEndpoints, ...topology.interfaceEndpoints])
            line(`edge:${e.id}`, 'service', e.vpc, `service:${e.service}`);
        for (const b of topology.buckets) line(`edge:${b.id}`, 'bucket', 'service:s3', b.id);
    }
    return { width: width + 2 * MARGIN, height: y - GAP + MARGIN, boxes, edges, owners };
}

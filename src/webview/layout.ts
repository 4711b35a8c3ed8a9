/**
 * Where everything goes on the diagram. Inside a VPC the layout is a fixed grid, as the AWS
 * console draws it (one column per Availability Zone, subnets stacked in it, gateways on the
 * VPC's edge); elkjs places the VPCs inside their regions (compound nodes), the internet, the
 * services and the buckets, and routes the peering edges between them.
 */
import ElkBundled from 'elkjs/lib/elk.bundled.js';
import type { ELK as ElkApi, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type { SourceLocation, Topology, Vpc } from '../model/topology.js';
import type { DrawnKind } from '../model/kinds.js';
import { eniPlaceId } from '../model/ids.js';

// The bundle is CommonJS: its constructor is the default export once bundled, the module itself under Node's typing.
const Elk = ((ElkBundled as unknown as { default?: unknown }).default ?? ElkBundled) as new () => ElkApi;

/** The registry's drawn kinds, and the frames and places the diagram adds. */
export type BoxKind = DrawnKind | 'region' | 'az' | 'internet' | 'service';

export interface Box {
    id: string;
    kind: BoxKind;
    x: number; y: number; w: number; h: number;
    title: string;
    lines: string[];
    /** Where the element is written, for "reveal in the editor". */
    loc?: SourceLocation;
}

export interface Edge {
    id: string;
    kind: 'peering' | 'internet' | 'service' | 'bucket';
    points: Array<{ x: number; y: number }>;
    label?: string;
    crossRegion?: boolean;
    crossAccount?: boolean;
}

export interface Layout { width: number; height: number; boxes: Box[]; edges: Edge[] }

const SUBNET_W = 210;
const COLUMN_GAP = 14;
const PAD = 12;
const CHIP_H = 20;
const LINE_H = 15;
const VPC_HEADER = 52;
const GATEWAY_W = 96;

/** Above this many VPCs, regions are packed as tiles and edges drawn straight: layered layout would take seconds. */
export const LAYERED_LIMIT = 150;

interface Interior { w: number; h: number; boxes: Box[] }

function chipLines(count: number): number {
    return count * (CHIP_H + 4);
}

/** A VPC's own grid, relative to its top-left corner. */
function interior(vpc: Vpc, index: TopologyIndex): Interior {
    const boxes: Box[] = [];
    const subnets = index.subnets.get(vpc.id) ?? [];
    const azs = [...new Set(subnets.map(s => s.az))].sort();
    const gateways = index.gateways.get(vpc.id) ?? [];
    const gatewayEndpoints = index.gatewayEndpoints.get(vpc.id) ?? [];
    const top = VPC_HEADER + (gateways.length > 0 ? 18 : 0);
    let height = top;
    azs.forEach((az, column) => {
        const x = PAD + column * (SUBNET_W + COLUMN_GAP);
        let y = top + 18;
        const columnBox: Box = { id: `az:${vpc.id}:${az}`, kind: 'az', x, y: top, w: SUBNET_W, h: 0, title: az, lines: [] };
        boxes.push(columnBox);
        for (const subnet of subnets.filter(s => s.az === az)) {
            const chips = index.chips.get(subnet.id) ?? [];
            const blocks = [subnet.cidr?.value, subnet.ipv6?.value].filter((b): b is string => !!b);
            const h = 24 + blocks.length * LINE_H + 2 * (LINE_H + 2) + chipLines(chips.length) + 6;
            boxes.push({ id: subnet.id, kind: 'subnet', x, y, w: SUBNET_W, h, title: subnet.name, lines: blocks, loc: subnet.loc });
            let cy = y + 22 + blocks.length * LINE_H;
            const table = subnet.routeTable === undefined ? undefined : index.routeTables.get(subnet.routeTable);
            boxes.push({ id: `rt@${subnet.id}`, kind: 'route-table', x: x + 6, y: cy, w: SUBNET_W - 12, h: LINE_H, title: `route table ${table?.name ?? '?'}${subnet.routeTableExplicit ? '' : ' (main)'}`, lines: [], loc: table?.loc });
            cy += LINE_H + 2;
            const acl = subnet.networkAcl === undefined ? undefined : index.networkAcls.get(subnet.networkAcl);
            boxes.push({ id: `acl@${subnet.id}`, kind: 'network-acl', x: x + 6, y: cy, w: SUBNET_W - 12, h: LINE_H, title: `network ACL ${acl?.implicit ? 'default' : acl?.name ?? '?'}`, lines: [], loc: acl?.loc });
            cy += LINE_H + 6;
            for (const chip of chips) {
                boxes.push({ ...chip, x: x + 6, y: cy, w: SUBNET_W - 12, h: CHIP_H });
                cy += CHIP_H + 4;
            }
            y += h + 10;
        }
        columnBox.h = y - top;
        height = Math.max(height, y);
    });
    const width = Math.max(PAD * 2 + Math.max(1, azs.length) * (SUBNET_W + COLUMN_GAP) - COLUMN_GAP, PAD * 2 + gateways.length * (GATEWAY_W + 8), 260);
    gateways.forEach((g, i) => {
        boxes.push({ id: g.id, kind: g.kind, x: width - PAD - (i + 1) * (GATEWAY_W + 8) + 8, y: -10, w: GATEWAY_W, h: 22, title: g.name, lines: [g.kind === 'internet-gateway' ? 'internet gateway' : 'egress-only IGW'], loc: g.loc });
    });
    if (gatewayEndpoints.length > 0) {
        height += 4;
        for (const endpoint of gatewayEndpoints) {
            const tables = endpoint.routeTables.map(t => index.routeTables.get(t.value)?.name ?? t.value).join(', ');
            boxes.push({ id: endpoint.id, kind: 'gateway-endpoint', x: PAD, y: height, w: width - 2 * PAD, h: CHIP_H + LINE_H, title: `${endpoint.name}: gateway endpoint for ${endpoint.service}`, lines: [`prefix list pl-${endpoint.service} in ${tables || 'no route table'}${endpoint.policy ? ' · policy' : ''}`], loc: endpoint.loc });
            height += CHIP_H + LINE_H + 6;
        }
    }
    return { w: width, h: height + PAD, boxes };
}

interface TopologyIndex {
    subnets: Map<string, Topology['subnets']>;
    gateways: Map<string, Topology['gateways']>;
    gatewayEndpoints: Map<string, Topology['gatewayEndpoints']>;
    /** The chips drawn inside each subnet: instances, NAT gateways, interface endpoint ENIs. */
    chips: Map<string, Box[]>;
    routeTables: Map<string, Topology['routeTables'][number]>;
    networkAcls: Map<string, Topology['networkAcls'][number]>;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, T[]> {
    const map = new Map<string, T[]>();
    for (const item of items) {
        const k = key(item);
        if (k === undefined) continue;
        const list = map.get(k);
        if (list) list.push(item); else map.set(k, [item]);
    }
    return map;
}

function indexOf(topology: Topology): TopologyIndex {
    const chips = new Map<string, Box[]>();
    const add = (subnet: string | undefined, box: Omit<Box, 'x' | 'y' | 'w' | 'h'>) => {
        if (!subnet) return;
        const list = chips.get(subnet);
        const full = { ...box, x: 0, y: 0, w: 0, h: 0 };
        if (list) list.push(full); else chips.set(subnet, [full]);
    };
    for (const i of topology.instances) add(i.subnet, { id: i.id, kind: 'instance', title: i.name, lines: [[i.ip?.value, i.publicIp?.value].filter(Boolean).join(' · ')], loc: i.loc });
    for (const n of topology.natGateways) add(n.subnet, { id: n.id, kind: 'nat-gateway', title: n.name, lines: [`NAT ${n.publicIp?.value ?? ''}`.trim()], loc: n.loc });
    // An endpoint's subnets are subnet ids: one ENI in each.
    for (const e of topology.interfaceEndpoints) {
        for (const { value: subnet } of e.subnets) add(subnet, { id: eniPlaceId(e.id, subnet), kind: 'interface-endpoint', title: e.name, lines: [`endpoint ENI · ${e.service}`], loc: e.loc });
    }
    return {
        subnets: groupBy(topology.subnets, s => s.vpc),
        gateways: groupBy(topology.gateways, g => g.vpc),
        gatewayEndpoints: groupBy(topology.gatewayEndpoints, e => e.vpc),
        chips,
        routeTables: new Map(topology.routeTables.map(t => [t.id, t])),
        networkAcls: new Map(topology.networkAcls.map(a => [a.id, a]))
    };
}

/** The services the diagram shows: those an endpoint serves or a probe or bucket uses. */
function servicesOf(topology: Topology): string[] {
    const services = new Set<string>();
    for (const e of topology.gatewayEndpoints) services.add(e.service);
    for (const e of topology.interfaceEndpoints) services.add(e.service);
    for (const p of topology.probes) if (p.destination.kind === 'service') services.add(p.destination.service);
    if (topology.buckets.length > 0) services.add('s3');
    return [...services].sort();
}

/** The last graph laid out by elkjs, and where it put everything. */
let lastLayout: { key: string; laid: ElkNode } | undefined;

export async function layout(topology: Topology): Promise<Layout> {
    const index = indexOf(topology);
    const interiors = new Map(topology.vpcs.map(v => [v.id, interior(v, index)]));
    const regions = [...new Set([...topology.vpcs.map(v => v.region), ...topology.buckets.map(b => b.region)])].sort();
    const layered = topology.vpcs.length <= LAYERED_LIMIT;
    const services = servicesOf(topology);
    const hasInternet = topology.gateways.length > 0 || topology.probes.some(p => p.source.kind === 'internet' || p.destination.kind === 'internet');

    const edges: ElkExtendedEdge[] = [];
    const accountOf = new Map(topology.vpcs.map(v => [v.id, v]));
    for (const p of topology.peerings) {
        if (p.requester && p.accepter && accountOf.has(p.requester) && accountOf.has(p.accepter)) edges.push({ id: p.id, sources: [p.requester], targets: [p.accepter] });
    }
    if (layered) {
        if (hasInternet) for (const g of topology.gateways) edges.push({ id: `edge:${g.id}`, sources: ['internet'], targets: [g.vpc] });
        for (const e of topology.gatewayEndpoints) if (services.includes(e.service)) edges.push({ id: `edge:${e.id}`, sources: [e.vpc], targets: [`service:${e.service}`] });
        for (const e of topology.interfaceEndpoints) if (services.includes(e.service)) edges.push({ id: `edge:${e.id}`, sources: [e.vpc], targets: [`service:${e.service}`] });
        for (const b of topology.buckets) edges.push({ id: `edge:${b.id}`, sources: ['service:s3'], targets: [b.id] });
    }

    const graph: ElkNode = {
        id: 'root',
        layoutOptions: layered
            ? { 'elk.algorithm': 'layered', 'elk.direction': 'DOWN', 'elk.hierarchyHandling': 'INCLUDE_CHILDREN', 'elk.edgeRouting': 'ORTHOGONAL', 'elk.spacing.nodeNode': '40', 'elk.layered.spacing.nodeNodeBetweenLayers': '60', 'elk.padding': '[top=20,left=20,bottom=20,right=20]' }
            : { 'elk.algorithm': 'rectpacking', 'elk.spacing.nodeNode': '30', 'elk.padding': '[top=20,left=20,bottom=20,right=20]' },
        children: [
            ...(hasInternet ? [{ id: 'internet', width: 140, height: 36 }] : []),
            ...services.map(s => ({ id: `service:${s}`, width: 150, height: 36 })),
            ...regions.map(region => ({
                id: `region:${region}`,
                layoutOptions: { 'elk.padding': '[top=34,left=16,bottom=16,right=16]', ...(layered ? {} : { 'elk.algorithm': 'rectpacking', 'elk.spacing.nodeNode': '24' }) },
                children: [
                    ...topology.vpcs.filter(v => v.region === region).map(v => ({ id: v.id, width: interiors.get(v.id)!.w, height: interiors.get(v.id)!.h })),
                    ...topology.buckets.filter(b => b.region === region).map(b => ({ id: b.id, width: 150, height: 36 }))
                ]
            }))
        ],
        edges
    };
    // Typing moves locations far more often than it changes what is drawn: the same graph keeps its layout.
    const key = JSON.stringify(graph);
    const laid = key === lastLayout?.key ? lastLayout.laid : await new Elk().layout(graph);
    lastLayout = { key, laid };

    const boxes: Box[] = [];
    const centre = new Map<string, { x: number; y: number }>();
    const vpcById = new Map(topology.vpcs.map(v => [v.id, v]));
    const bucketById = new Map(topology.buckets.map(b => [b.id, b]));
    const place = (node: ElkNode, ox: number, oy: number) => {
        const x = ox + (node.x ?? 0);
        const y = oy + (node.y ?? 0);
        const w = node.width ?? 0;
        const h = node.height ?? 0;
        centre.set(node.id, { x: x + w / 2, y: y + h / 2 });
        const vpc = vpcById.get(node.id);
        const bucket = bucketById.get(node.id);
        if (node.id.startsWith('region:')) {
            const region = node.id.slice('region:'.length);
            boxes.push({ id: node.id, kind: 'region', x, y, w, h, title: region, lines: [] });
        } else if (vpc) {
            const account = topology.accounts.find(a => a.number === vpc.account);
            boxes.push({ id: vpc.id, kind: 'vpc', x, y, w, h, title: `VPC ${vpc.name}`, lines: [[...vpc.cidrs, ...vpc.ipv6].map(c => c.value).join('  '), `account ${account ? `${account.name} (${account.number})` : vpc.account} · ${vpc.region}`], loc: vpc.loc });
            for (const b of interiors.get(vpc.id)!.boxes) boxes.push({ ...b, x: b.x + x, y: b.y + y });
        } else if (bucket) {
            boxes.push({ id: bucket.id, kind: 'bucket', x, y, w, h, title: `bucket ${bucket.name}`, lines: [bucket.privateTo.length > 0 ? `private to ${bucket.privateTo.join(', ')}` : 'no endpoint condition'], loc: bucket.loc });
        } else if (node.id === 'internet') {
            boxes.push({ id: 'internet', kind: 'internet', x, y, w, h, title: 'Internet', lines: [] });
        } else if (node.id.startsWith('service:')) {
            boxes.push({ id: node.id, kind: 'service', x, y, w, h, title: `${node.id.slice('service:'.length)} (AWS service)`, lines: [] });
        }
        for (const child of node.children ?? []) place(child, x, y);
    };
    for (const child of laid.children ?? []) place(child, 0, 0);

    const peeringById = new Map(topology.peerings.map(p => [p.id, p]));
    const out: Edge[] = (laid.edges ?? []).map((edge: ElkExtendedEdge) => {
        const e = edge as ElkExtendedEdge;
        const section = e.sections?.[0];
        const points = section
            ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint]
            : [centre.get(e.sources[0]!), centre.get(e.targets[0]!)].filter((p): p is { x: number; y: number } => !!p);
        const peering = peeringById.get(e.id);
        if (peering) {
            const a = vpcById.get(peering.requester!)!;
            const b = vpcById.get(peering.accepter!)!;
            const crossRegion = a.region !== b.region;
            const crossAccount = a.account !== b.account;
            const marks = [crossRegion ? 'cross-region' : '', crossAccount ? 'cross-account' : ''].filter(Boolean).join(', ');
            return { id: e.id, kind: 'peering', points, label: `${peering.name}${marks ? ` (${marks})` : ''}`, crossRegion, crossAccount };
        }
        const kind = e.sources[0] === 'internet' ? 'internet' : e.targets[0]!.startsWith('service:') ? 'service' : 'bucket';
        return { id: e.id, kind, points };
    });
    return { width: laid.width ?? 0, height: laid.height ?? 0, boxes, edges: out };
}

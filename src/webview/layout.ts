/**
 * What goes inside a VPC on the diagram. The grid is the one the AWS console and AWS's diagrams
 * use: one column per Availability Zone, subnets stacked in it, gateways on the VPC's edge; the
 * columns wrap into rows when the panel is narrower than the VPC, so the drawing keeps its size
 * instead of shrinking. `estate.ts` places the VPCs, regions and edges around these interiors.
 */
import type { SourceLocation, Topology, Vpc } from '../model/topology.js';
import type { DrawnKind } from '../model/kinds.js';
import { endpointServiceIdOf, eniPlaceId } from '../protocol.js';

/** The registry's drawn kinds, and the frames and places the diagram adds. */
export type BoxKind = DrawnKind | 'region' | 'az' | 'internet' | 'service';

export interface Box {
    id: string;
    kind: BoxKind;
    x: number;
    y: number;
    w: number;
    h: number;
    title: string;
    lines: string[];
    /** Where the element is written, for "reveal in the editor". */
    loc?: SourceLocation;
    /** A VPC drawn as a summary (its counts): opening it shows its interior. */
    collapsed?: boolean;
    /** Extra classes: `public` or `private` for a subnet. */
    tags?: string[];
}

export interface Edge {
    id: string;
    /** Open: more kinds of connection between VPCs (transit gateways, PrivateLink) draw the same way. */
    kind: 'peering' | 'internet' | 'service' | 'bucket' | (string & {});
    points: Array<{ x: number; y: number }>;
    label?: string;
    crossRegion?: boolean;
    crossAccount?: boolean;
}

export interface Layout {
    width: number;
    height: number;
    boxes: Box[];
    edges: Edge[];
    /** The VPC each element belongs to: where a hop or the cursor lands when its own box is not drawn. */
    owners: Map<string, string>;
}

const SUBNET_W = 210;
const COLUMN_GAP = 14;
const PAD = 12;
const CHIP_H = 20;
const LINE_H = 15;
const VPC_HEADER = 52;
const GATEWAY_W = 96;
/** No interior is narrower than this, whatever it holds. */
export const INTERIOR_MIN_W = 260;

export interface Interior {
    w: number;
    h: number;
    boxes: Box[];
}

function chipLines(count: number): number {
    return count * (CHIP_H + 4);
}

/** A VPC's own grid, relative to its top-left corner, at most `maxWidth` wide when its AZ columns can wrap. */
export function interior(vpc: Vpc, index: TopologyIndex, maxWidth = Infinity): Interior {
    const boxes: Box[] = [];
    const subnets = index.subnets.get(vpc.id) ?? [];
    const azs = [...new Set(subnets.map(s => s.az))].sort();
    const gateways = index.gateways.get(vpc.id) ?? [];
    const gatewayEndpoints = index.gatewayEndpoints.get(vpc.id) ?? [];
    const top = VPC_HEADER + (gateways.length > 0 ? 18 : 0);
    const perRow = Math.max(1, Math.min(azs.length, Math.floor((maxWidth - 2 * PAD + COLUMN_GAP) / (SUBNET_W + COLUMN_GAP))));
    let height = top;
    let rowTop = top;
    azs.forEach((az, i) => {
        const column = i % perRow;
        if (i > 0 && column === 0) rowTop = height + 10;
        const x = PAD + column * (SUBNET_W + COLUMN_GAP);
        let y = rowTop + 18;
        const columnBox: Box = { id: `az:${vpc.id}:${az}`, kind: 'az', x, y: rowTop, w: SUBNET_W, h: 0, title: az, lines: [] };
        boxes.push(columnBox);
        for (const subnet of subnets.filter(s => s.az === az)) {
            const chips = index.chips.get(subnet.id) ?? [];
            const blocks = [subnet.cidr?.value, subnet.ipv6?.value].filter((b): b is string => !!b);
            const h = 24 + blocks.length * LINE_H + 2 * (LINE_H + 2) + chipLines(chips.length) + 6;
            const open = index.publicSubnets.has(subnet.id);
            boxes.push({
                id: subnet.id,
                kind: 'subnet',
                x,
                y,
                w: SUBNET_W,
                h,
                title: subnet.name,
                lines: blocks,
                loc: subnet.loc,
                tags: [open ? 'public' : 'private']
            });
            let cy = y + 22 + blocks.length * LINE_H;
            const table = subnet.routeTable === undefined ? undefined : index.routeTables.get(subnet.routeTable);
            boxes.push({
                id: `rt@${subnet.id}`,
                kind: 'route-table',
                x: x + 6,
                y: cy,
                w: SUBNET_W - 12,
                h: LINE_H,
                title: `route table ${table?.name ?? '?'}${subnet.routeTableExplicit ? '' : ' (main)'}`,
                lines: [],
                loc: table?.loc
            });
            cy += LINE_H + 2;
            const acl = subnet.networkAcl === undefined ? undefined : index.networkAcls.get(subnet.networkAcl);
            boxes.push({
                id: `acl@${subnet.id}`,
                kind: 'network-acl',
                x: x + 6,
                y: cy,
                w: SUBNET_W - 12,
                h: LINE_H,
                title: `network ACL ${acl?.implicit ? 'default' : (acl?.name ?? '?')}`,
                lines: [],
                loc: acl?.loc
            });
            cy += LINE_H + 6;
            for (const chip of chips) {
                boxes.push({ ...chip, x: x + 6, y: cy, w: SUBNET_W - 12, h: CHIP_H });
                cy += CHIP_H + 4;
            }
            y += h + 10;
        }
        columnBox.h = y - rowTop;
        height = Math.max(height, y);
    });
    const width = Math.max(
        PAD * 2 + Math.max(1, perRow) * (SUBNET_W + COLUMN_GAP) - COLUMN_GAP,
        PAD * 2 + gateways.length * (GATEWAY_W + 8),
        INTERIOR_MIN_W
    );
    gateways.forEach((g, i) => {
        boxes.push({
            id: g.id,
            kind: g.kind,
            x: width - PAD - (i + 1) * (GATEWAY_W + 8) + 8,
            y: -10,
            w: GATEWAY_W,
            h: 22,
            title: g.name,
            lines: [g.kind === 'internet-gateway' ? 'internet gateway' : 'egress-only IGW'],
            loc: g.loc
        });
    });
    if (gatewayEndpoints.length > 0) {
        height += 4;
        for (const endpoint of gatewayEndpoints) {
            const tables = endpoint.routeTables.map(t => index.routeTables.get(t.value)?.name ?? t.value).join(', ');
            boxes.push({
                id: endpoint.id,
                kind: 'gateway-endpoint',
                x: PAD,
                y: height,
                w: width - 2 * PAD,
                h: CHIP_H + LINE_H,
                title: `${endpoint.name}: gateway endpoint for ${endpoint.service}`,
                lines: [`prefix list pl-${endpoint.service} in ${tables || 'no route table'}${endpoint.policy ? ' · policy' : ''}`],
                loc: endpoint.loc
            });
            height += CHIP_H + LINE_H + 6;
        }
    }
    // An endpoint service is a bar along the VPC's foot, like a gateway endpoint: it has no place in a subnet.
    for (const service of index.endpointServices.get(vpc.id) ?? []) {
        height += 4;
        const lb = service.loadBalancer === undefined ? undefined : index.loadBalancers.get(service.loadBalancer);
        const who =
            service.allowedPrincipals.length === 0 ? 'no principal allowed' : `${service.allowedPrincipals.length} principal(s) allowed`;
        boxes.push({
            id: service.id,
            kind: 'endpoint-service',
            x: PAD,
            y: height,
            w: width - 2 * PAD,
            h: CHIP_H + LINE_H,
            title: `${service.name}: endpoint service (PrivateLink)`,
            lines: [`behind ${lb ? lb.name : 'no load balancer'} · ${who}${service.acceptanceRequired ? ' · acceptance' : ''}`],
            loc: service.loc
        });
        height += CHIP_H + LINE_H + 6;
    }
    return { w: width, h: height + PAD, boxes };
}

export interface TopologyIndex {
    /** Subnets whose route table sends the default route to an internet gateway: AWS's definition of a public subnet. */
    publicSubnets: Set<string>;
    subnets: Map<string, Topology['subnets']>;
    gateways: Map<string, Topology['gateways']>;
    gatewayEndpoints: Map<string, Topology['gatewayEndpoints']>;
    endpointServices: Map<string, Topology['endpointServices']>;
    loadBalancers: Map<string, Topology['loadBalancers'][number]>;
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
        if (list) list.push(item);
        else map.set(k, [item]);
    }
    return map;
}

export function indexOf(topology: Topology): TopologyIndex {
    const chips = new Map<string, Box[]>();
    const add = (subnet: string | undefined, box: Omit<Box, 'x' | 'y' | 'w' | 'h'>) => {
        if (!subnet) return;
        const list = chips.get(subnet);
        const full = { ...box, x: 0, y: 0, w: 0, h: 0 };
        if (list) list.push(full);
        else chips.set(subnet, [full]);
    };
    for (const i of topology.instances)
        add(i.subnet, {
            id: i.id,
            kind: 'instance',
            title: i.name,
            lines: [[i.ip?.value, i.publicIp?.value].filter(Boolean).join(' · ')],
            loc: i.loc
        });
    for (const n of topology.natGateways)
        add(n.subnet, { id: n.id, kind: 'nat-gateway', title: n.name, lines: [`NAT ${n.publicIp?.value ?? ''}`.trim()], loc: n.loc });
    // An interface endpoint, a load balancer (its nodes) and a transit gateway attachment have one ENI in each of their subnets.
    const inEachSubnet = (
        owner: { id: string; name: string; subnets: ReadonlyArray<{ value: string }>; loc?: SourceLocation },
        kind: 'interface-endpoint' | 'load-balancer' | 'transit-gateway-attachment',
        line: string
    ) => {
        for (const { value: subnet } of owner.subnets)
            add(subnet, { id: eniPlaceId(owner.id, subnet), kind, title: owner.name, lines: [line], loc: owner.loc });
    };
    for (const e of topology.interfaceEndpoints) inEachSubnet(e, 'interface-endpoint', `endpoint ENI · ${e.service}`);
    for (const lb of topology.loadBalancers)
        inEachSubnet(
            lb,
            'load-balancer',
            `${lb.type === 'application' ? 'ALB' : 'NLB'} · ${lb.scheme} · ${lb.listeners.map(l => `${l.protocol} ${l.port}`).join(', ')}`
        );
    for (const a of topology.transitGatewayAttachments) inEachSubnet(a, 'transit-gateway-attachment', 'transit gateway attachment ENI');
    const publicTables = new Set(
        topology.routeTables
            .filter(t =>
                t.routes.some(
                    r =>
                        r.target?.kind === 'internet-gateway' &&
                        r.destination.kind === 'cidr' &&
                        (r.destination.cidr === '0.0.0.0/0' || r.destination.cidr === '::/0')
                )
            )
            .map(t => t.id)
    );
    return {
        publicSubnets: new Set(topology.subnets.filter(s => s.routeTable !== undefined && publicTables.has(s.routeTable)).map(s => s.id)),
        subnets: groupBy(topology.subnets, s => s.vpc),
        gateways: groupBy(topology.gateways, g => g.vpc),
        gatewayEndpoints: groupBy(topology.gatewayEndpoints, e => e.vpc),
        endpointServices: groupBy(topology.endpointServices, e => e.vpc),
        loadBalancers: new Map(topology.loadBalancers.map(l => [l.id, l])),
        chips,
        routeTables: new Map(topology.routeTables.map(t => [t.id, t])),
        networkAcls: new Map(topology.networkAcls.map(a => [a.id, a]))
    };
}

/** The services the diagram shows: those an endpoint serves or a probe or bucket uses. */
export function servicesOf(topology: Topology): string[] {
    const services = new Set<string>();
    for (const e of topology.gatewayEndpoints) services.add(e.service);
    // An endpoint to a VPC's endpoint service links to that VPC, not to an AWS service box.
    const own = new Set(topology.endpointServices.map(s => s.id));
    for (const e of topology.interfaceEndpoints) {
        const provider = endpointServiceIdOf(e);
        if (provider === undefined || !own.has(provider)) services.add(e.service);
    }
    for (const p of topology.probes) if (p.destination.kind === 'service') services.add(p.destination.service);
    if (topology.buckets.length > 0) services.add('s3');
    return [...services].sort();
}

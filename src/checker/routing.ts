/** Route tables: duplicates, target families, foreign targets, transitive peering, return routes, NAT. */
import { qualifiedNameOfId } from '../model/ids.js';
import { routeDestinationText } from '../model/route-text.js';
import type { Gateway, GatewayEndpoint, NatGateway, Peering, Route, RouteTable, Subnet, Topology, Vpc } from '../model/topology.js';
import { contains, isNat64Prefix, overlaps, parseCidr, type Block } from '../simulator/cidr.js';
import { displayName, type TopologyIndex } from '../simulator/topology-index.js';
import type { Check, Report } from './finding.js';
import { serviceRegionProblem } from './services.js';

function destinationBlock(route: Route): Block | undefined {
    if (route.destination.kind !== 'cidr') return undefined;
    const parsed = parseCidr(route.destination.cidr);
    return parsed.ok ? parsed.value : undefined;
}

function destinationText(route: Route): string {
    return routeDestinationText(route.destination);
}

function destinationKey(route: Route): string | undefined {
    const d = route.destination;
    if (d.kind === 'prefix-list') return `pl:${d.service}:${d.region}`;
    const block = destinationBlock(route);
    return block ? `${block.family}:${block.first}/${block.prefix}` : undefined;
}

export const checkRouteDuplicates: Check = ({ topology }, report) => {
    for (const table of topology.routeTables) {
        const seen = new Map<string, Route>();
        for (const route of table.routes) {
            const key = destinationKey(route);
            if (key === undefined) continue;
            const earlier = seen.get(key);
            if (earlier) {
                report({
                    code: 'route-duplicate',
                    elementId: route.id,
                    loc: route.destination.loc,
                    message: `Route table ${table.name} already has a route for ${destinationText(earlier)}: a table holds one route per destination, so AWS refuses this one.`,
                    related: [{ message: `the first route for ${destinationText(earlier)}`, loc: earlier.destination.loc }]
                });
            } else {
                seen.set(key, route);
            }
        }
    }
};

/** Each route's target: that it is this VPC's and can carry the destination (routes through a peering: `checkPeeringRoutes`). */
export const checkRouteTargets: Check = (context, report) => {
    const { topology, index } = context;
    for (const table of topology.routeTables) {
        const vpc = index.vpcs.get(table.vpc)?.vpc;
        if (!vpc) continue;
        for (const route of table.routes) {
            const d = route.destination;
            if (d.kind === 'prefix-list') {
                const problem = serviceRegionProblem(d.region, vpc);
                if (problem) report({ code: 'gateway-endpoint-region', elementId: route.id, loc: d.loc, message: problem });
            }
            if (!route.target || route.target.kind === 'peering') continue;
            if (route.target.kind === 'transit-gateway') {
                checkTransitGatewayRoute(topology, route, table.vpc, vpc.name, report);
                continue;
            }
            const target = index.get(route.target.id);
            if (!target) continue;
            const owner = (target as { vpc: string }).vpc;
            if (owner !== table.vpc) {
                const ownerName = index.vpcs.get(owner)?.vpc.name ?? owner;
                if (target.kind === 'gateway-endpoint') {
                    report({
                        code: 'gateway-endpoint-remote',
                        elementId: route.id,
                        loc: route.targetLoc,
                        message: `${displayName(target)} is a gateway endpoint of VPC ${ownerName}: a gateway endpoint serves only its own VPC, never a peer (nor VPN, Direct Connect or a transit gateway). Create a ${(target as GatewayEndpoint).service} gateway endpoint in ${vpc.name}.`
                    });
                } else {
                    report({
                        code: 'route-target-foreign',
                        elementId: route.id,
                        loc: route.targetLoc,
                        message: `${displayName(target)} belongs to VPC ${ownerName}: a route in ${vpc.name} can only target ${vpc.name}'s own gateways, NAT gateways, endpoints and instances, or one of its peerings.`
                    });
                }
                continue;
            }
            checkTargetFamily(route, target as Gateway | NatGateway | GatewayEndpoint | { kind: 'instance'; name: string }, report, kind =>
                replacementTarget(context.topology, table.vpc, kind)
            );
        }
    }
};

/** Routes through a peering: the peering is the VPC's, the destination is inside the peer (not transitive), and the peer routes back. */
export const checkPeeringRoutes: Check = ({ topology, index }, report) => {
    for (const table of topology.routeTables) {
        const vpc = index.vpcs.get(table.vpc)?.vpc;
        if (!vpc) continue;
        for (const route of table.routes) {
            if (route.target?.kind !== 'peering') continue;
            const target = index.get<Peering>(route.target.id);
            if (target?.kind === 'peering') checkPeeringRoute(index, table, vpc, route, target, report);
        }
    }
};

/** The name of a gateway of `kind` in the VPC, for the quick fix that points a route at the right family. */
function replacementTarget(
    topology: Topology,
    vpc: string,
    kind: 'internet-gateway' | 'egress-only-internet-gateway' | 'nat-gateway'
): string | undefined {
    const candidates: Array<{ vpc: string; name: string; kind: string }> =
        kind === 'nat-gateway' ? topology.natGateways : topology.gateways;
    return candidates.find(g => g.vpc === vpc && g.kind === kind)?.name;
}

function checkTargetFamily(
    route: Route,
    target: { kind: string; name: string; service?: string },
    report: Report,
    replacement: (kind: 'internet-gateway' | 'egress-only-internet-gateway' | 'nat-gateway') => string | undefined
): void {
    const d = route.destination;
    const block = destinationBlock(route);
    const ipv4 = d.kind === 'prefix-list' || block?.family === 4;
    const loc = route.targetLoc;
    if (target.kind === 'egress-only-internet-gateway' && ipv4) {
        report({
            code: 'route-target-family',
            elementId: route.id,
            loc,
            message: `${target.name} is an egress-only internet gateway, which carries IPv6 only; ${destinationText(route)} is IPv4. Send IPv4 to an internet gateway or a NAT gateway.`,
            data: { replacement: replacement('nat-gateway') ?? replacement('internet-gateway') }
        });
    } else if (target.kind === 'nat-gateway' && block?.family === 6 && !isNat64Prefix(block)) {
        report({
            code: 'route-target-family',
            elementId: route.id,
            loc,
            message: `${target.name} is a NAT gateway, which translates IPv4 (and the NAT64 prefix 64:ff9b::/96); ${destinationText(route)} is IPv6. Send outbound IPv6 to an egress-only internet gateway.`,
            data: { replacement: replacement('egress-only-internet-gateway') }
        });
    } else if (target.kind === 'gateway-endpoint' && d.kind === 'cidr') {
        report({
            code: 'route-target-family',
            elementId: route.id,
            loc,
            message: `${target.name} is a gateway endpoint: it is the target only of its service's prefix-list route, which AWS adds itself to the route tables you associate (\`route-tables\`).`
        });
    } else if (target.kind === 'gateway-endpoint' && d.kind === 'prefix-list' && target.service && d.service !== target.service) {
        report({
            code: 'route-target-family',
            elementId: route.id,
            loc,
            message: `${target.name} is the gateway endpoint for ${target.service}; the prefix list for ${d.service} needs a ${d.service} endpoint.`
        });
    }
}

function checkPeeringRoute(index: TopologyIndex, table: RouteTable, vpc: Vpc, route: Route, peering: Peering, report: Report): void {
    if (!peering.requester || !peering.accepter) return;
    const peerId = index.peerOf(peering, table.vpc);
    if (peerId === undefined) {
        const sides = [peering.requester, peering.accepter].map(id => index.vpcs.get(id ?? '')?.vpc.name ?? '?').join(' and ');
        report({
            code: 'route-target-foreign',
            elementId: route.id,
            loc: route.targetLoc,
            message: `Peering ${peering.name} joins ${sides}; ${vpc.name} is not one of its two VPCs, so its routes cannot use it.`
        });
        return;
    }
    const peer = index.vpcs.get(peerId);
    if (!peer) return;
    const d = route.destination;
    if (d.kind === 'prefix-list') {
        report({
            code: 'transitive-routing',
            elementId: route.id,
            loc: d.loc,
            message: `Peering is not transitive: ${vpc.name} cannot reach ${d.service} through ${peer.vpc.name}'s gateway endpoint (no edge-to-edge routing). Give ${vpc.name} its own gateway endpoint.`
        });
        return;
    }
    const block = index.routeBlock(route);
    if (!block) return;
    if (peer.blocks.some(b => contains(b, block))) {
        checkReturnRoute(index, table, vpc, route, block, peering, peer.vpc, report);
        return;
    }
    const peerBlocks = peer.blocks.map(b => b.text).join(', ') || 'no blocks';
    const via =
        block.prefix === 0
            ? `${peer.vpc.name}'s internet gateway or NAT gateway cannot be used from a peer (no edge-to-edge routing)`
            : `addresses beyond ${peer.vpc.name} (another peer, VPN or gateway) are not reachable through it`;
    report({
        code: 'transitive-routing',
        elementId: route.id,
        loc: d.loc,
        message: `${block.text} is not inside ${peer.vpc.name}'s blocks (${peerBlocks}): peering is not transitive, and ${via}.`,
        data: { peerBlocks: peer.blocks.map(b => b.text) }
    });
}

/**
 * Traffic through a peering needs routes both ways. The replies leave from the peer subnets the
 * route reaches, through their route tables; each must route the sources back through the peering.
 */
/** The addresses traffic leaving through a table comes from: its subnets' blocks, or the VPC's when no subnet uses it. */
const sourceCache = new WeakMap<RouteTable, Block[]>();
function sourcesOf(index: TopologyIndex, table: RouteTable, vpc: Vpc): Block[] {
    let sources = sourceCache.get(table);
    if (!sources) {
        const subnets = index.subnetsUsing(table);
        sources = subnets.length > 0 ? subnets.flatMap(s => index.subnetBlocks(s)) : (index.vpcs.get(vpc.id)?.blocks ?? []);
        sourceCache.set(table, sources);
    }
    return sources;
}

function checkReturnRoute(
    index: TopologyIndex,
    table: RouteTable,
    vpc: Vpc,
    route: Route,
    destination: Block,
    peering: Peering,
    peerVpc: Vpc,
    report: Report
): void {
    const sources = sourcesOf(index, table, vpc).filter(b => b.family === destination.family);
    if (sources.length === 0) return;
    const reached = (index.vpcs.get(peerVpc.id)?.subnets ?? []).filter(s => index.subnetBlocks(s).some(b => overlaps(b, destination)));
    const tables = new Map<string, { table: RouteTable; subnets: string[] }>();
    for (const subnet of reached) {
        const returnTable = index.routeTableOf(subnet);
        if (!returnTable) continue;
        const entry = tables.get(returnTable.id) ?? { table: returnTable, subnets: [] };
        entry.subnets.push(subnet.name);
        tables.set(returnTable.id, entry);
    }
    const missing = [...tables.values()].filter(
        ({ table: t }) =>
            !t.routes.some(r => {
                if (r.target?.id !== peering.id) return false;
                const back = index.routeBlock(r);
                return back !== undefined && sources.some(s => overlaps(back, s));
            })
    );
    if (missing.length === 0) return;
    const names = missing.map(m => `${m.table.name} (used by ${m.subnets.join(', ')})`).join('; ');
    const back =
        sources.length === 1
            ? sources[0]!.text
            : (index.vpcs.get(vpc.id)?.blocks.find(b => b.family === destination.family)?.text ?? sources[0]!.text);
    report({
        code: 'peering-missing-return-route',
        elementId: route.id,
        loc: route.targetLoc,
        message: `Replies cannot come back: ${peerVpc.name}'s route table ${names} has no route to ${back} through ${peering.name}. Each side of a peering adds its own routes; add \`route ${back} -> ${peering.name}\` there.`,
        data: { returnTables: missing.map(m => m.table.id), returnDestination: back, peering: peering.id },
        related: missing.flatMap(m => (m.table.loc ? [{ message: `${peerVpc.name}'s route table ${m.table.name}`, loc: m.table.loc }] : []))
    });
}

export const checkNatGateways: Check = ({ topology, index }, report) => {
    for (const nat of topology.natGateways) {
        const subnet = index.get<Subnet>(nat.subnet);
        if (!subnet) continue;
        if (subnet.vpc !== nat.vpc) {
            report({
                code: 'route-target-foreign',
                elementId: nat.id,
                loc: nat.loc,
                message: `NAT gateway ${nat.name} is placed in subnet ${displayName(subnet)} of another VPC; a NAT gateway lives in a subnet of its own VPC.`
            });
            continue;
        }
        const table = index.routeTableOf(subnet);
        const ok = table?.routes.some(r => {
            const block = destinationBlock(r);
            return block?.family === 4 && block.prefix === 0 && index.get(r.target?.id)?.kind === 'internet-gateway';
        });
        if (!ok) {
            report({
                code: 'nat-no-internet',
                elementId: nat.id,
                loc: nat.loc,
                message: `NAT gateway ${nat.name} sits in subnet ${subnet.name}, whose route table ${table?.name ?? '(none)'} has no 0.0.0.0/0 route to an internet gateway: a public NAT gateway reaches the internet only from a public subnet.`
            });
        }
    }
};

export const checkGatewayEndpoints: Check = ({ topology, index }, report) => {
    for (const endpoint of topology.gatewayEndpoints) {
        const vpc = index.vpcs.get(endpoint.vpc)?.vpc;
        if (endpoint.service !== 's3' && endpoint.service !== 'dynamodb') {
            report({
                code: 'gateway-endpoint-service',
                elementId: endpoint.id,
                loc: endpoint.serviceLoc,
                message: `Gateway endpoints exist only for S3 and DynamoDB; for ${endpoint.service} use an interface endpoint (PrivateLink).`
            });
        }
        if (vpc) {
            const problem = serviceRegionProblem(endpoint.region, vpc);
            if (problem) report({ code: 'gateway-endpoint-region', elementId: endpoint.id, loc: endpoint.serviceLoc, message: problem });
        }
        for (const { value, loc } of endpoint.routeTables) {
            const table = index.get<RouteTable>(value);
            if (table && table.vpc !== endpoint.vpc) {
                report({
                    code: 'gateway-endpoint-remote',
                    elementId: endpoint.id,
                    loc,
                    message: `Route table ${displayName(table)} belongs to another VPC: a gateway endpoint can be associated only with route tables of its own VPC (${vpc?.name}).`
                });
            }
        }
    }
};

/** A transit gateway is workspace-wide: a VPC route may name one only when the VPC is attached to it. */
function checkTransitGatewayRoute(topology: Topology, route: Route, vpcId: string, vpcName: string, report: Report): void {
    const tgw = route.target!.id;
    if (topology.transitGatewayAttachments.some(a => a.vpc === vpcId && a.transitGateway === tgw)) return;
    const name = qualifiedNameOfId(tgw) ?? tgw;
    report({
        code: 'tgw-route-no-attachment',
        elementId: route.id,
        loc: route.targetLoc,
        message: `${vpcName} has no attachment to transit gateway ${name}, so this route sends traffic nowhere: attach the VPC with \`transit-gateway-attachment NAME transit-gateway ${name} { subnets … }\` (one subnet per AZ).`
    });
}

/**
 * The route targets that carry a packet out of a subnet without a hub of their own: the internet
 * and egress-only gateways, a NAT gateway, a peering, a gateway endpoint and an appliance instance.
 * The walk's `forward` picks one by the route's target; each records its hops on the walk.
 */
import type { Gateway, GatewayEndpoint, Peering } from '../model/topology.js';
import { formatAddr, inSpan } from './cidr.js';
import { stableHash, type CEni, type CRoute, type CSubnet } from './compile.js';
import type { Destination } from './dns.js';
import type { Arrival, Walk } from './engine.js';
import type { Packet } from './filters.js';
import { vpcDnsAddress } from './link-local.js';
import { nat64Target } from './nat64.js';
import { isPrivateHop, lookup, targetName } from './paths.js';
import { atService, judgePolicy } from './aws-services.js';
import { onTheInternet } from './internet.js';

/** Out through the internet gateway (1:1 translation to the sender's public IPv4) or the egress-only gateway (IPv6). */
export function toInternetGateway(
    walk: Walk,
    subnet: CSubnet,
    target: { kind: 'internet-gateway' | 'egress-only-internet-gateway'; gateway: Gateway },
    packet: Packet,
    sender: CEni,
    destination: Destination
): void {
    const vpc = subnet.vpc;
    const gateway = target.gateway;
    let out = packet;
    if (target.kind === 'internet-gateway' && !packet.v6) {
        const publicIp = sender.publicIp;
        if (publicIp === undefined) {
            return walk.fail(
                'internet-gateway',
                gateway.name,
                vpc,
                'NO_PUBLIC_IP',
                () =>
                    `${sender.name} has no public or Elastic IP: the internet gateway translates only addresses that have one, so private IPv4 cannot reach the internet this way (use a NAT gateway)`,
                gateway.id
            );
        }
        out = { ...packet, src: publicIp };
    }
    walk.setPath(2);
    walk.leaveSubnet(subnet, packet);
    walk.hop(
        target.kind,
        gateway.name,
        vpc,
        () =>
            target.kind === 'egress-only-internet-gateway'
                ? `${gateway.name} lets IPv6 out and only replies back in (stateful, outbound only)`
                : packet.v6
                  ? `${gateway.name}: IPv6 addresses are public, no translation`
                  : `${gateway.name} translates ${formatAddr(packet.src)} to its public address ${formatAddr(out.src)} (1:1)`,
        gateway.id
    );
    onTheInternet(walk, out, destination);
}

/** Through a NAT gateway: its own address out (or NAT64 to the embedded IPv4), then its subnet's route onward. */
export function throughNatGateway(walk: Walk, subnet: CSubnet, nat: CEni, packet: Packet, destination: Destination): void {
    const vpc = subnet.vpc;
    // NAT64: DNS64 gave the client 64:ff9b::/96 plus the IPv4 address; the NAT gateway speaks IPv4 onward.
    const embedded = packet.v6 ? nat64Target(packet.dst) : undefined;
    if ((packet.v6 && embedded === undefined) || nat.ipv4 === undefined) {
        return walk.fail(
            'nat-gateway',
            nat.name,
            vpc,
            'NO_ROUTE',
            () =>
                nat.ipv4 === undefined
                    ? `${nat.name} has no private IPv4 address to translate to`
                    : `${nat.name} translates IPv4, and IPv6 only toward the NAT64 prefix 64:ff9b::/96; ${formatAddr(packet.dst)} is outside it`,
            nat.owner
        );
    }
    walk.setPath(1);
    walk.crossSubnets(subnet, nat, packet);
    const translated: Packet = {
        ...packet,
        v6: false,
        src: nat.ipv4,
        dst: embedded ?? packet.dst,
        sport: 1024 + (stableHash(`${walk.probe.id}/nat`) % 64512)
    };
    walk.hop(
        'nat-gateway',
        nat.name,
        vpc,
        () =>
            embedded !== undefined
                ? `${nat.name} translates IPv6 to IPv4 (NAT64): ${formatAddr(packet.src)}:${packet.sport} becomes its own address ${formatAddr(nat.ipv4!)}:${translated.sport}, and ${formatAddr(packet.dst)} becomes the IPv4 address embedded in its last 32 bits, ${formatAddr(embedded)} (DNS64 built the IPv6 address from the name's A record); replies are translated back to IPv6`
                : `${nat.name} translates ${formatAddr(packet.src)}:${packet.sport} to its own address ${formatAddr(nat.ipv4!)}:${translated.sport}; replies are translated back`,
        nat.owner
    );
    const next = nat.subnet.table && lookup(nat.subnet.table, translated.dst);
    if (!next || (next.target.kind !== 'internet-gateway' && !isPrivateHop(next))) {
        return walk.fail(
            'nat-gateway',
            nat.name,
            vpc,
            'NAT_NO_INTERNET',
            () =>
                `${nat.name}'s subnet ${nat.subnet.model.name} ${next ? `sends ${formatAddr(translated.dst)} to ${targetName(next)}` : `has no route for ${formatAddr(translated.dst)}`}, not to an internet gateway: the NAT gateway cannot reach the internet`,
            nat.owner
        );
    }
    walk.departFrom(nat, translated);
    walk.forward(nat.subnet, translated, nat, destination);
}

/** How traffic came into the VPC it is routed on from, for a message. */
function cameFrom(arrival: Arrival): string {
    switch (arrival.kind) {
        case 'transit-gateway':
            return ` through ${arrival.tgw.model.name}`;
        case 'peering':
            return ` through ${arrival.name}`;
        case 'internet':
            return ' from the internet';
        default:
            return ' from outside it';
    }
}

/** Through a peering into the peer VPC: only between addresses of the two VPCs' own blocks (not transitive). */
export function throughPeering(
    walk: Walk,
    subnet: CSubnet,
    peering: Peering,
    packet: Packet,
    sender: CEni,
    destination: Destination,
    arrival: Arrival
): void {
    const vpc = subnet.vpc;
    const peerId = walk.compiled.index.peerOf(peering, vpc.model.id);
    const peer = peerId ? walk.compiled.vpcs.get(peerId) : undefined;
    if (!peer)
        return walk.fail('peering', peering.name, vpc, 'NO_ROUTE', () => `${peering.name} does not join ${vpc.model.name}`, peering.id);
    const notTransitive = (detail: () => string) => walk.fail('peering', peering.name, vpc, 'NOT_TRANSITIVE', detail, peering.id);
    if (!peer.spans.some(s => inSpan(packet.dst, s))) {
        return notTransitive(
            () =>
                `${formatAddr(packet.dst)} is not inside ${peer.model.name}'s blocks (${peer.spans.map(s => s.text).join(', ')}): peering is not transitive, so ${peering.name} cannot carry it further`
        );
    }
    // No edge-to-edge routing: the peering carries only traffic between the two VPCs' own
    // addresses, so what entered this VPC from elsewhere (a transit gateway, another peering, an
    // appliance's forwarding) and still carries its outside source is dropped. A load balancer's
    // node is a service of this VPC and is left to the load balancer's own rules.
    if (arrival.kind !== 'load-balancer' && !vpc.spans.some(s => inSpan(packet.src, s))) {
        return notTransitive(
            () =>
                `the source ${formatAddr(packet.src)} is not inside ${vpc.model.name}'s blocks (${vpc.spans.map(s => s.text).join(', ')}): a peering carries only traffic between its two VPCs' own addresses, so ${peering.name} cannot carry what came into ${vpc.model.name}${cameFrom(arrival)}`
        );
    }
    walk.setPath(peer.model.region !== vpc.model.region ? 5 : 4);
    walk.leaveSubnet(subnet, packet);
    const crossRegion = peer.model.region !== vpc.model.region;
    const crossAccount = peer.model.account !== vpc.model.account;
    walk.hop(
        'peering',
        peering.name,
        vpc,
        () =>
            `${peering.name} carries it to ${peer.model.name}${crossAccount ? ` (account ${peer.model.account})` : ''}${crossRegion ? `, ${vpc.model.region} → ${peer.model.region}: the traffic stays on the AWS global network, encrypted` : ', privately inside the region'}`,
        peering.id
    );
    const eni = peer.enis.get(packet.dst);
    if (!eni) {
        return walk.fail(
            'peering',
            peering.name,
            peer,
            'NO_ROUTE',
            () =>
                packet.dst === vpcDnsAddress(peer)
                    ? `${formatAddr(packet.dst)} is ${peer.model.name}'s Amazon DNS server, which answers only instances inside ${peer.model.name}; from another VPC, resolve its names through your own VPC's DNS (peering DNS resolution) or a Route 53 Resolver inbound endpoint`
                    : `no ENI in ${peer.model.name} has the address ${formatAddr(packet.dst)}`,
            peering.id
        );
    }
    walk.arriveAt(eni, packet);
    walk.enterSubnet(eni.subnet, packet);
    walk.arrive(eni, packet, sender, { kind: 'peering', id: peering.id, name: peering.name }, destination);
}

/** To the service through a gateway endpoint of the same region, judged by the endpoint's policy. */
export function toGatewayEndpoint(
    walk: Walk,
    subnet: CSubnet,
    route: CRoute,
    endpoint: GatewayEndpoint,
    packet: Packet,
    destination: Destination
): void {
    const vpc = subnet.vpc;
    const region = route.prefixList?.region ?? endpoint.region;
    if (region !== vpc.model.region || endpoint.region !== vpc.model.region) {
        return walk.fail(
            'gateway-endpoint',
            endpoint.name,
            vpc,
            'CROSS_REGION_ENDPOINT',
            () => `${endpoint.name} is a gateway endpoint for ${vpc.model.region}; it cannot reach ${endpoint.service} in ${region}`,
            endpoint.id
        );
    }
    walk.setPath(2, endpoint.service);
    walk.leaveSubnet(subnet, packet);
    walk.hop(
        'gateway-endpoint',
        endpoint.name,
        vpc,
        () =>
            `${endpoint.name} carries ${endpoint.service} traffic privately (the prefix-list route wins over the default route); no internet gateway or NAT needed`,
        endpoint.id
    );
    judgePolicy(walk, endpoint.policy, endpoint.name);
    // An address inside the service's prefix list, probed by address, reaches that service too.
    atService(walk, destination.service ? destination : { ...destination, service: { service: endpoint.service, region } }, endpoint.id);
}

/** Through an appliance instance that forwards what is not addressed to it, then on by its own subnet's routes. */
export function throughAppliance(
    walk: Walk,
    subnet: CSubnet,
    appliance: CEni,
    packet: Packet,
    destination: Destination,
    arrival: Arrival
): void {
    const vpc = subnet.vpc;
    walk.setPath(1);
    walk.crossSubnets(subnet, appliance, packet);
    walk.hop(
        'instance',
        appliance.name,
        vpc,
        () =>
            `${appliance.name} receives the packet for ${formatAddr(packet.dst)} and forwards it (an appliance: its source/destination check must be off)`,
        appliance.owner
    );
    walk.departFrom(appliance, packet);
    walk.forward(appliance.subnet, packet, appliance, destination, arrival);
}

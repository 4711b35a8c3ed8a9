/**
 * The internet side of a walk: a packet that left through an internet gateway (to a host, a
 * service, or back in through a public address), and a probe that starts on the internet and
 * comes in through the destination VPC's internet gateway.
 */
import { addrOf, formatAddr } from './cidr.js';
import { INTERNET_CLIENT_V4, INTERNET_CLIENT_V6, type CEni } from './compile.js';
import type { Destination } from './dns.js';
import type { Walk } from './engine.js';
import type { Packet } from './filters.js';
import { isLinkLocal } from './link-local.js';
import { loadBalancerFromInternet } from './load-balancers.js';
import { describe, isPrivate, lookup } from './paths.js';
import { atService } from './aws-services.js';

/** The packet is on the internet: to a service, back into a VPC through a public address, or to a host. */
export function onTheInternet(walk: Walk, packet: Packet, destination: Destination): void {
    if (destination.service) {
        atService(walk, destination, undefined);
        return;
    }
    if (isPrivate(packet.dst)) {
        return walk.fail(
            'internet',
            'internet',
            null,
            'NO_ROUTE',
            () =>
                `${formatAddr(packet.dst)} is a private address: the internet does not route it (a private destination needs a route through a peering, VPN or transit gateway)`
        );
    }
    const target = typeof packet.dst === 'number' ? walk.compiled.publicIps.get(packet.dst) : undefined;
    if (target) {
        walk.hop(
            'internet',
            'internet',
            null,
            () =>
                `${formatAddr(packet.dst)} is the public address of ${target.name}: the packet comes back in through its VPC's internet gateway`
        );
        enterFromInternet(walk, target, packet);
        return;
    }
    walk.hop('internet', 'internet', null, () => `${formatAddr(packet.dst)} is on the internet; the host answers`);
}

/** From the internet: the destination's public address, its VPC's internet gateway, then the instance. */
export function fromInternet(walk: Walk, protocol: number, sport: number, dport: number): void {
    const destination = walk.probe.destination;
    let eni: CEni | undefined;
    let v6 = false;
    if (destination.kind === 'instance' || destination.kind === 'public-dns') {
        eni = walk.compiled.enisByOwner.get(destination.instance ?? '')?.[0];
        if (!eni) return walk.fail('internet', 'internet', null, 'NO_ROUTE', () => 'the destination has no ENI');
        if (eni.publicIp === undefined) {
            return walk.fail(
                'internet',
                'internet',
                null,
                'NO_PUBLIC_IP',
                () =>
                    `${eni!.name} has no public or Elastic IP: nothing on the internet can address it (a private subnet's instance is reached through a load balancer or a bastion)`,
                eni.owner
            );
        }
    } else if (destination.kind === 'address' || (destination.kind === 'internet' && destination.address !== undefined)) {
        const addr = addrOf(destination.address);
        if (addr === undefined)
            return walk.fail('internet', 'internet', null, 'NO_ROUTE', () => `'${destination.address}' is not an address`);
        v6 = typeof addr === 'bigint';
        eni = typeof addr === 'number' ? walk.compiled.publicIps.get(addr) : walk.compiled.enis.find(e => e.ipv6 === addr);
        if (!eni) {
            return walk.fail('internet', 'internet', null, 'NO_ROUTE', () =>
                isLinkLocal(addr)
                    ? `${formatAddr(addr)} is link-local: it exists only on each instance's own link (instance metadata, Time Sync and the Amazon DNS server answer there), so nothing on the internet can reach it`
                    : `no ENI in the workspace has the public address ${formatAddr(addr)}${isPrivate(addr) ? ' (a private address is not routed on the internet)' : ''}`
            );
        }
    } else if (destination.kind === 'load-balancer') {
        const entry = loadBalancerFromInternet(walk.compiled, destination.loadBalancer);
        if ('why' in entry) return walk.fail('internet', 'internet', null, 'NO_ROUTE', () => entry.why, destination.loadBalancer);
        eni = entry.eni;
        walk.hop('dns', entry.dns.name, null, entry.dns.detail);
    } else {
        return walk.fail(
            'internet',
            'internet',
            null,
            'NO_ROUTE',
            () => 'from the internet, a probe reaches an instance by its public address; services and endpoints are not addressed this way'
        );
    }
    const client = v6 ? INTERNET_CLIENT_V6 : INTERNET_CLIENT_V4;
    const dst = v6 ? eni.ipv6! : eni.publicIp!;
    const packet: Packet = { v6, src: client, dst, protocol, sport, dport };
    walk.hop('internet', 'internet', null, () => `a client at ${formatAddr(client)} opens ${describe(packet)} to ${formatAddr(dst)}`);
    enterFromInternet(walk, eni, packet);
}

/** Through the destination VPC's internet gateway (the 1:1 translation back to the private address). */
function enterFromInternet(walk: Walk, eni: CEni, packet: Packet): void {
    const vpc = eni.subnet.vpc;
    if (packet.v6) {
        const table = eni.subnet.table;
        const route = table && lookup(table, packet.src);
        if (!vpc.igw || route?.target.kind === 'egress-only-internet-gateway') {
            const gateway = vpc.eigw ?? vpc.igw;
            return walk.fail(
                gateway ? 'egress-only-internet-gateway' : 'internet-gateway',
                gateway?.name ?? 'none',
                vpc,
                vpc.eigw ? 'EIGW_INBOUND' : 'NO_ROUTE',
                () =>
                    vpc.eigw
                        ? `${eni.name}'s subnet reaches the internet over IPv6 through the egress-only internet gateway ${vpc.eigw.name}, which lets connections out and drops those started from the internet`
                        : `${vpc.model.name} has no internet gateway`,
                gateway?.id
            );
        }
    }
    if (!vpc.igw)
        return walk.fail(
            'internet-gateway',
            'none',
            vpc,
            'NO_ROUTE',
            () => `${vpc.model.name} has no internet gateway: nothing from the internet reaches it`
        );
    if (eni.kind !== 'instance' && eni.kind !== 'load-balancer')
        return walk.fail(
            'internet-gateway',
            vpc.igw.name,
            vpc,
            'NO_ROUTE',
            () => `${formatAddr(packet.dst)} belongs to ${eni.name}, a NAT gateway: it accepts no connections from the internet`,
            vpc.igw.id
        );
    if (!packet.v6 && eni.ipv4 === undefined)
        return walk.fail(
            'internet-gateway',
            vpc.igw.name,
            vpc,
            'NO_ROUTE',
            () => `${eni.name} has no private IPv4 address for ${formatAddr(packet.dst)} to translate to`,
            vpc.igw.id
        );
    const inside: Packet = packet.v6 ? packet : { ...packet, dst: eni.ipv4! };
    walk.hop(
        'internet-gateway',
        vpc.igw.name,
        vpc,
        () =>
            packet.v6
                ? `${vpc.igw!.name} lets IPv6 in to ${formatAddr(inside.dst)}`
                : `${vpc.igw!.name} translates ${formatAddr(packet.dst)} to ${eni.name}'s private address ${formatAddr(inside.dst)}`,
        vpc.igw.id
    );
    walk.arriveAt(eni, inside);
    walk.enterSubnet(eni.subnet, inside);
    walk.arrive(eni, inside, undefined, { kind: 'internet', vpc }, { addr: inside.dst, eni });
}

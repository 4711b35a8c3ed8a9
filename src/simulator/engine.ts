/**
 * Carries one probe hop by hop as AWS would carry a new connection and its reply. A security
 * group or network ACL that blocks is recorded and the walk goes on as if it had allowed the
 * packet, so every blocker on the path is found; a routing dead end stops the walk.
 * With `trace` off no text is built: the same walk answers the matrix and the benchmark fast.
 */
import { eniPlaceId } from '../model/ids.js';
import { assertNever, unknownKind } from '../model/assert-never.js';
import type { RejectReason } from '../model/reasons.js';
import type { Probe } from '../model/topology.js';
import type { Blocker, Hop, HopKind, ProbeResult, Remedy } from '../model/trace.js';
import { formatAddr, type Addr } from './cidr.js';
import { describe, groupNames, lookup, targetName } from './paths.js';
import { PROTOCOL_NUMBER, stableHash, type CEni, type CSubnet, type CVpc, type Compiled } from './compile.js';
import { resolveDestination, type Destination } from './dns.js';
import { naclDecides, reply, securityGroupAllows, type Packet } from './filters.js';
import type { FlowObservation } from './flow-fields.js';
import { linkVerdict, reservedRole } from './link-local.js';
import type { CAttachment, CTgw } from './compile-hubs.js';
import { returnThroughTransit, throughTransitGateway } from './transit.js';
import { atLoadBalancer, preservedByGroup } from './load-balancers.js';
import { atService, judgePolicy } from './aws-services.js';
import { fromInternet } from './internet.js';
import { naclRemedy, sgRemedy } from './remedies.js';
import { throughAppliance, throughNatGateway, throughPeering, toGatewayEndpoint, toInternetGateway } from './route-targets.js';
import { throughEndpointService } from './endpoint-services.js';

const HOP_LIMIT = 16;

/** How the packet entered the VPC it is delivered in: the reply must leave the same way. */
export type Arrival =
    | { kind: 'local' }
    | { kind: 'peering'; id: string; name: string }
    | { kind: 'internet'; vpc: CVpc }
    /** Out of `exit`, the attachment into this VPC, sent by `from`, the source VPC's attachment. */
    | { kind: 'transit-gateway'; tgw: CTgw; exit: CAttachment; from: CAttachment }
    /** From a load balancer's node; `preserved`: the packet still carries the client's address. */
    | { kind: 'load-balancer'; node: CEni; preserved: boolean }
    /** Into a provider's load balancer through an endpoint service. */
    | { kind: 'privatelink' };

/**
 * `only`: a crossing that AWS evaluates for the request alone or for the reply alone (the network
 * ACLs around a transit gateway's ENIs are not symmetric).
 */
export interface NaclCrossing {
    subnet: CSubnet;
    direction: 'inbound' | 'outbound';
    packet: Packet;
    only?: 'request' | 'reply';
}

/**
 * One step of the request: what an ENI saw (when flows are recorded) and the network ACL crossing
 * of its subnet next to it. The reply replays the steps backwards, each the other way round.
 */
interface Step {
    observation?: FlowObservation;
    crossing?: NaclCrossing;
}

export class Walk {
    readonly hops: Hop[] = [];
    readonly blockers: Blocker[] = [];
    private readonly steps: Step[] = [];
    /** What each ENI on the path logged, when the walk records flows. */
    readonly flows: FlowObservation[] = [];
    /** The ENI observation a drop right now would mark REJECT. */
    private current: FlowObservation | undefined;
    /** Set at the first drop: packets past it are not seen by any ENI. */
    private lost = false;
    /** The destination answered but has no route back: only its own ENI sees the reply. */
    private returnBroken = false;
    private tables = 0;
    /** Hops passed: equal to hops.length when tracing; the fast path counts without recording. */
    private hopCount = 0;

    constructor(
        readonly compiled: Compiled,
        readonly probe: Probe,
        readonly trace: boolean,
        readonly recordFlows = false
    ) {}

    /**
     * Records what `eni` sees of `packet`; its own address stands for the far end's view (dstaddr/srcaddr),
     * except at a transit gateway's ENI, which routes packets that are not addressed to it.
     */
    private observe(eni: CEni, direction: 'ingress' | 'egress', packet: Packet, reply = false): FlowObservation | undefined {
        if (!this.recordFlows || this.lost) return undefined;
        // AWS logs the ENI's primary private IPv4 address when it has none of the packet's family (a NAT gateway doing NAT64).
        const own = eni.kind === 'transit-gateway-attachment' ? undefined : packet.v6 ? (eni.ipv6 ?? eni.ipv4) : eni.ipv4;
        const observation: FlowObservation = {
            eni,
            direction,
            reply,
            protocol: packet.protocol,
            sport: packet.sport,
            dport: packet.dport,
            action: 'ACCEPT',
            src: direction === 'egress' ? (own ?? packet.src) : packet.src,
            dst: direction === 'ingress' ? (own ?? packet.dst) : packet.dst,
            pktSrc: packet.src,
            pktDst: packet.dst
        };
        this.flows.push(observation);
        return observation;
    }

    /** The packet leaves `eni` (before its security groups and its subnet's ACL judge it). */
    departFrom(eni: CEni, packet: Packet): void {
        this.current = this.observe(eni, 'egress', packet);
        this.steps.push({ observation: this.current });
    }

    /** The packet reaches `eni` (before its subnet's ACL and its security groups judge it). */
    arriveAt(eni: CEni, packet: Packet): void {
        this.current = this.observe(eni, 'ingress', packet);
        this.steps.push({ observation: this.current });
    }

    // ---- recording -----------------------------------------------------------------------

    hop(kind: HopKind, name: string, vpc: CVpc | null, detail: () => string, elementId?: string, at?: string): void {
        this.hopCount++;
        if (!this.trace) return;
        const hop: Hop = { kind, name, vpc: vpc?.model.name ?? null, action: 'ACCEPT', detail: detail(), elementId };
        if (at !== undefined) hop.at = at;
        this.hops.push(hop);
    }

    /** Marks the last hop as the one that rejects; the walk goes on. */
    block(reason: RejectReason, detail: () => string, remedy?: Remedy): void {
        const index = this.hopCount - 1;
        // Policies answer at the API (the connection itself is accepted, an error comes back);
        // a missing return route drops only the reply. Everything else drops the packet here.
        if (reason === 'NO_RETURN_ROUTE') this.returnBroken = true;
        else if (!this.lost && reason !== 'ENDPOINT_POLICY' && reason !== 'BUCKET_POLICY') {
            this.lost = true;
            if (this.current) this.current.action = 'REJECT';
        }
        const text = this.trace ? detail() : '';
        if (this.trace && index >= 0) this.hops[index] = { ...this.hops[index]!, action: 'REJECT', detail: text };
        this.blockers.push(remedy ? { hop: index, reason, detail: text, remedy } : { hop: index, reason, detail: text });
    }

    /** Set when a routing dead end ends the walk: nothing downstream can be judged. */
    stopped = false;

    /** Records a rejecting hop and ends the walk (callers return right after). */
    fail(kind: HopKind, name: string, vpc: CVpc | null, reason: RejectReason, detail: () => string, elementId?: string, at?: string): void {
        this.hop(kind, name, vpc, detail, elementId, at);
        this.block(reason, detail);
        this.stopped = true;
    }

    // ---- the walk --------------------------------------------------------------------------

    run(): void {
        this.start();
        if (!this.stopped) this.replies();
    }

    private start(): void {
        const probe = this.probe;
        const protocol = PROTOCOL_NUMBER[probe.protocol];
        const sport = 49152 + (stableHash(probe.id) % 16384);
        const dport = probe.protocol === 'tcp' || probe.protocol === 'udp' ? (probe.port ?? 0) : 0;
        if (probe.source.kind === 'internet') {
            fromInternet(this, protocol, sport, dport);
            return;
        }
        const source = this.compiled.enisByOwner.get(probe.source.instance ?? '')?.[0];
        if (!source)
            return this.fail(
                'instance',
                probe.source.instance ?? '?',
                null,
                'NO_ROUTE',
                () => 'the source instance has no ENI: its subnet does not resolve'
            );
        const destination = this.resolve(source);
        if (!destination) return;
        const v6 = typeof destination.addr === 'bigint';
        if (
            (probe.destination.kind === 'address' || probe.destination.kind === 'internet') &&
            this.onTheLink(source, destination.addr, protocol, dport)
        )
            return;
        const src = v6 ? source.ipv6 : source.ipv4;
        if (src === undefined) {
            return this.fail(
                'instance',
                source.name,
                source.subnet.vpc,
                'NO_ROUTE',
                () => `${source.name} has no IPv${v6 ? 6 : 4} address, so it cannot reach ${formatAddr(destination.addr)}`,
                source.owner
            );
        }
        const packet: Packet = { v6, src, dst: destination.addr, protocol, sport, dport };
        if (destination.eni === source && src === destination.addr) {
            this.hop(
                'instance',
                source.name,
                source.subnet.vpc,
                () =>
                    `${formatAddr(src)} is ${source.name}'s own address: the packet never leaves the instance, so no group, ACL or route is involved`,
                source.owner
            );
            return;
        }
        this.hop(
            'instance',
            source.name,
            source.subnet.vpc,
            () => `${source.name} opens ${describe(packet)} from ${formatAddr(src)}:${sport}`,
            source.owner
        );
        this.departFrom(source, packet);
        const verdict = securityGroupAllows(source, 'egress', packet, destination.eni);
        this.hop(
            'security-group',
            this.trace ? groupNames(source) : '',
            source.subnet.vpc,
            () => (verdict ? `${verdict.group.name}: ${verdict.rule.text} allows ${describe(packet)} to ${formatAddr(packet.dst)}` : ''),
            verdict?.group.id ?? source.groups[0]?.id,
            placeOf(source)
        );
        if (!verdict)
            this.block(
                'SG_EGRESS',
                () => `no egress rule of ${groupNames(source)} allows ${describe(packet)} to ${formatAddr(packet.dst)}`,
                this.trace ? sgRemedy(source, 'egress', packet.dst, this.probe) : undefined
            );
        this.forward(source.subnet, packet, source, destination);
    }

    /**
     * Instance metadata, Amazon Time Sync, the Amazon DNS server and the rest of link-local space:
     * answered (or not) on the instance's own link, so no security group, network ACL, route table
     * or flow log is involved. Returns whether `addr` was one of them.
     */
    private onTheLink(source: CEni, addr: Addr, protocol: number, dport: number): boolean {
        const verdict = linkVerdict(source, addr, protocol, dport);
        if (!verdict) return false;
        const vpc = source.subnet.vpc;
        this.hop('instance', source.name, vpc, verdict.opens, source.owner);
        if (verdict.answered) this.hop(verdict.hop, formatAddr(addr), vpc, verdict.detail);
        else this.fail(verdict.hop, formatAddr(addr), vpc, 'NO_ROUTE', verdict.detail);
        return true;
    }

    private resolve(source: CEni): Destination | undefined {
        const result = resolveDestination(this.compiled, this.probe, source);
        if (result.dns) this.hop('dns', result.dns.name, source.subnet.vpc, result.dns.detail);
        if ('reason' in result) {
            this.fail('dns', result.name, source.subnet.vpc, result.reason, () => result.detail);
            return undefined;
        }
        return result;
    }

    /** Routes a packet leaving `subnet` from `sender` (an instance, a NAT gateway or an appliance). */
    forward(subnet: CSubnet, packet: Packet, sender: CEni, destination: Destination, arrival: Arrival = { kind: 'local' }): void {
        const vpc = subnet.vpc;
        if (++this.tables > HOP_LIMIT) {
            return this.fail(
                'route-table',
                subnet.table?.model.name ?? '?',
                vpc,
                'NO_ROUTE',
                () => `routing loop: the packet has passed ${HOP_LIMIT} route tables without arriving (hop limit reached)`,
                subnet.table?.model.id,
                subnet.model.id
            );
        }
        const table = subnet.table;
        if (!table)
            return this.fail(
                'route-table',
                '?',
                vpc,
                'NO_ROUTE',
                () => `subnet ${subnet.model.name} has no route table`,
                undefined,
                subnet.model.id
            );
        const route = lookup(table, packet.dst);
        if (!route) {
            if (
                destination.service &&
                destination.service.region !== vpc.model.region &&
                vpc.gatewayEndpoints.some(e => e.service === destination.service!.service)
            ) {
                return this.fail(
                    'route-table',
                    table.model.name,
                    vpc,
                    'CROSS_REGION_ENDPOINT',
                    () =>
                        `no route in ${table.model.name} matches ${destination.service!.service} in ${destination.service!.region}: the ${destination.service!.service} gateway endpoint serves only ${vpc.model.region}, and no internet path exists`,
                    table.model.id,
                    subnet.model.id
                );
            }
            return this.fail(
                'route-table',
                table.model.name,
                vpc,
                'NO_ROUTE',
                () => `no route in ${table.model.name} matches ${formatAddr(packet.dst)}`,
                table.model.id,
                subnet.model.id
            );
        }
        this.hop(
            'route-table',
            table.model.name,
            vpc,
            () =>
                `${formatAddr(packet.dst)} matches ${route.text} -> ${targetName(route)}${route.target.kind === 'local' ? '' : ` (longest prefix, /${route.span.prefix})`}`,
            table.model.id,
            subnet.model.id
        );
        const target = route.target;
        switch (target.kind) {
            case 'local': {
                const eni = vpc.enis.get(packet.dst);
                if (!eni) {
                    return this.fail(
                        'route-table',
                        table.model.name,
                        vpc,
                        'NO_ROUTE',
                        () => {
                            const role = reservedRole(packet.dst, vpc);
                            return `no ENI in ${vpc.model.name} has the address ${formatAddr(packet.dst)}${role ? `: it is ${role}, which answers no connection` : ''}`;
                        },
                        table.model.id
                    );
                }
                this.setPath(1);
                this.crossSubnets(subnet, eni, packet);
                this.arrive(eni, packet, sender, arrival, destination);
                return;
            }
            case 'blackhole':
                return this.fail('route-table', table.model.name, vpc, 'NO_ROUTE', () => target.why, table.model.id);
                return;
            case 'internet-gateway':
            case 'egress-only-internet-gateway':
                return toInternetGateway(this, subnet, target, packet, sender, destination);
            case 'nat-gateway':
                return throughNatGateway(this, subnet, target.nat, packet, destination);
            case 'peering':
                return throughPeering(this, subnet, target.peering, packet, sender, destination, arrival);
            case 'gateway-endpoint':
                return toGatewayEndpoint(this, subnet, route, target.endpoint, packet, destination);
            case 'instance':
                return throughAppliance(this, subnet, target.eni, packet, destination, arrival);
            case 'transit-gateway':
                return throughTransitGateway(this, subnet, target.tgw, packet, sender, destination);
            default:
                // A target compiled without a case here is refused: traffic is never delivered through what is not simulated.
                return this.fail(
                    'route-table',
                    table.model.name,
                    vpc,
                    'NO_ROUTE',
                    () => `the route's target is a ${unknownKind(target)}, which the simulator does not carry traffic through`,
                    table.model.id
                );
        }
    }

    /** Delivery to the destination ENI: its security groups, then the way back. */
    arrive(eni: CEni, packet: Packet, sender: CEni | undefined, arrival: Arrival, destination: Destination): void {
        const vpc = eni.subnet.vpc;
        if (eni.kind === 'load-balancer') return atLoadBalancer(this, eni, packet, sender, arrival);
        if (eni.kind === 'transit-gateway-attachment') {
            return this.fail(
                'transit-gateway-attachment',
                eni.name,
                vpc,
                'NO_ROUTE',
                () =>
                    `${formatAddr(packet.dst)} is ${eni.name}'s ENI: a transit gateway routes packets, it accepts no connections of its own`,
                eni.owner
            );
        }
        if (eni.kind === 'nat-gateway') {
            return this.fail(
                'nat-gateway',
                eni.name,
                vpc,
                'NO_ROUTE',
                () => `${eni.name} is a NAT gateway: it never accepts connections, it only translates those its subnets start`,
                eni.owner
            );
        }
        if (eni.kind === 'interface-endpoint') {
            const endpoint = eni.endpoint!;
            this.hop(
                'interface-endpoint',
                endpoint.model.name,
                vpc,
                () =>
                    `${endpoint.model.name}${endpoint.model.name === endpoint.model.service ? '' : ` (${endpoint.model.service})`} answers on its ENI ${formatAddr(packet.dst)} in ${eni.subnet.model.name} (${eni.subnet.model.az})`,
                endpoint.model.id,
                placeOf(eni)
            );
            if (packet.protocol !== 6)
                this.block(
                    'ENDPOINT_PROTOCOL',
                    () =>
                        `${endpoint.model.name} is an interface endpoint: PrivateLink carries TCP only, and this is ${this.probe.protocol}`
                );
        }
        const verdict = securityGroupAllows(eni, 'ingress', packet, sender) ?? preservedByGroup(eni, packet, arrival);
        this.hop(
            'security-group',
            this.trace ? groupNames(eni) : '',
            vpc,
            () =>
                verdict
                    ? `${verdict.group.name}: ${verdict.rule.text} allows ${describe(packet)} from ${formatAddr(packet.src)}${verdict.rule.group && arrival.kind === 'load-balancer' && arrival.preserved ? ` (the client's address, preserved by ${arrival.node.name}, whose group the rule names)` : ''}`
                    : '',
            verdict?.group.id ?? eni.groups[0]?.id,
            placeOf(eni)
        );
        if (!verdict)
            this.block(
                'SG_INGRESS',
                () => `no rule of ${groupNames(eni)} allows ${describe(packet)} from ${formatAddr(packet.src)}`,
                this.trace ? sgRemedy(eni, 'ingress', packet.src, this.probe) : undefined
            );
        if (eni.kind === 'interface-endpoint') {
            judgePolicy(this, eni.endpoint!.model.policy, eni.endpoint!.model.name);
            this.returnRoute(eni, packet, arrival);
            if (eni.endpoint!.endpointService) return throughEndpointService(this, eni, packet);
            const service = { service: eni.endpoint!.model.service, region: eni.endpoint!.model.region };
            atService(this, { ...destination, service }, eni.endpoint!.model.id);
            return;
        }
        this.hop(
            'instance',
            eni.name,
            vpc,
            () =>
                this.blockers.length > 0
                    ? `${eni.name} would accept ${describe(packet)} on ${formatAddr(packet.dst)} once the blockers above are fixed`
                    : `${eni.name} accepts ${describe(packet)} on ${formatAddr(packet.dst)}`,
            eni.owner
        );
        this.returnRoute(eni, packet, arrival);
    }

    /** The reply leaves from the destination's subnet: its route table must send it back the way it came. */
    returnRoute(eni: CEni, packet: Packet, arrival: Arrival): void {
        // A load balancer's node and PrivateLink carry the reply back themselves.
        if (arrival.kind === 'load-balancer' || arrival.kind === 'privatelink') return;
        if (arrival.kind === 'transit-gateway') return returnThroughTransit(this, eni, packet, arrival);
        const table = eni.subnet.table;
        const vpc = eni.subnet.vpc;
        const route = table && lookup(table, packet.src);
        const ok =
            route !== undefined &&
            (arrival.kind === 'local'
                ? route.target.kind === 'local'
                : arrival.kind === 'peering'
                  ? route.target.kind === 'peering' && route.target.peering.id === arrival.id
                  : route.target.kind === 'internet-gateway');
        if (ok) return;
        const expected = arrival.kind === 'local' ? 'local' : arrival.kind === 'peering' ? arrival.name : 'the internet gateway';
        this.hop('route-table', table?.model.name ?? '?', vpc, () => '', table?.model.id);
        this.block(
            'NO_RETURN_ROUTE',
            () =>
                `the reply to ${formatAddr(packet.src)} cannot go back: ${table?.model.name ?? 'the route table'} ${route ? `sends it to ${targetName(route)}` : 'has no route for it'}, not ${expected}`
        );
    }

    // ---- network ACLs: on the way out, on the way in, and for the replies ---------------------

    /** From a subnet to an ENI of the same VPC: out through one ACL and in through the other, unless it is one subnet. */
    crossSubnets(from: CSubnet, to: CEni, packet: Packet): void {
        if (from !== to.subnet) this.leaveSubnet(from, packet);
        this.arriveAt(to, packet);
        if (from !== to.subnet) this.enterSubnet(to.subnet, packet);
    }

    /** Attaches a crossing to the step of the ENI it borders (its observation), or to a step of its own. */
    private cross(crossing: NaclCrossing): void {
        const last = this.steps[this.steps.length - 1];
        if (last && !last.crossing && last.observation?.eni.subnet === crossing.subnet) last.crossing = crossing;
        else this.steps.push({ crossing });
    }

    leaveSubnet(subnet: CSubnet, packet: Packet, only?: 'request' | 'reply'): void {
        if (only !== 'reply') this.nacl(subnet, 'outbound', packet, 'NACL_OUTBOUND');
        this.cross({ subnet, direction: 'outbound', packet, only });
        if (only !== 'reply') this.current = undefined;
    }

    enterSubnet(subnet: CSubnet, packet: Packet, only?: 'request' | 'reply'): void {
        if (only !== 'reply') this.nacl(subnet, 'inbound', packet, 'NACL_INBOUND');
        this.cross({ subnet, direction: 'inbound', packet, only });
    }

    /** The traffic-path of the ENI observation the packet is leaving (and the AWS service it goes to). */
    setPath(path: number, service?: string): void {
        if (this.current?.direction === 'egress') {
            this.current.trafficPath = path;
            if (service) this.current.awsService = service.toUpperCase() === 'S3' ? 'S3' : service === 'dynamodb' ? 'DYNAMODB' : service;
        }
    }

    private nacl(subnet: CSubnet, direction: 'inbound' | 'outbound', packet: Packet, reason: RejectReason, isReply = false): void {
        const acl = subnet.nacl;
        if (!acl) return;
        const rule = naclDecides(acl, direction, packet);
        const allowed = rule?.allow === true;
        const peer = direction === 'inbound' ? packet.src : packet.dst;
        const what = () =>
            `${isReply ? (this.lost ? 'the reply (if the request got through), ' : 'the reply, ') : ''}${describe(packet)} ${direction === 'inbound' ? 'from' : 'to'} ${formatAddr(peer)}`;
        this.hop(
            'network-acl',
            acl.name,
            subnet.vpc,
            () =>
                rule
                    ? `${acl.name} (${direction}, subnet ${subnet.model.name}): ${rule.text}; ${what()} ${allowed ? 'passes' : 'is dropped'}`
                    : `${acl.name} (${direction}, subnet ${subnet.model.name}): no rule matches ${what()}, so the final * rule denies it`,
            acl.id,
            subnet.model.id
        );
        if (!allowed)
            this.block(
                reason,
                () => this.hops[this.hops.length - 1]?.detail ?? '',
                this.trace ? naclRemedy(acl, direction, packet, rule, this.probe, isReply) : undefined
            );
    }

    /**
     * NACLs are stateless: every boundary the request crossed, the reply crosses the other way; every
     * ENI that saw the request sees the reply, in the other direction. A rejected request has no reply.
     */
    private replies(): void {
        let answered = !this.lost;
        for (let i = this.steps.length - 1; i >= 0; i--) {
            const { observation, crossing } = this.steps[i]!;
            if (observation && answered) {
                if (this.returnBroken) answered = false;
                const back = reply({
                    v6: typeof observation.pktSrc === 'bigint',
                    src: observation.pktSrc,
                    dst: observation.pktDst,
                    protocol: observation.protocol,
                    sport: observation.sport,
                    dport: observation.dport
                });
                this.current = this.observe(observation.eni, observation.direction === 'ingress' ? 'egress' : 'ingress', back, true);
            }
            if (crossing && crossing.only !== 'request')
                this.nacl(
                    crossing.subnet,
                    crossing.direction === 'inbound' ? 'outbound' : 'inbound',
                    reply(crossing.packet),
                    'NACL_RETURN',
                    true
                );
        }
    }

    /** The destination as the probe names it: `db-1`, `internet 8.8.8.8`, `service s3 region eu-west-1`, … */
    private destinationLabel(): string {
        const d = this.probe.destination;
        const name = (id: string | undefined) => (id ? this.compiled.index.get(id)?.name : undefined) ?? '?';
        switch (d.kind) {
            case 'instance':
                return name(d.instance);
            case 'address':
                return d.address;
            case 'internet':
                return d.address === undefined ? 'internet' : `internet ${d.address}`;
            case 'service':
                return `service ${d.service}${d.region ? ` region ${d.region}` : ''}`;
            case 'endpoint':
                return `endpoint ${name(d.endpoint)}${d.az ? ` az ${d.az}` : ''}`;
            case 'public-dns':
                return `public-dns ${name(d.instance)}`;
            case 'load-balancer':
                return `load-balancer ${name(d.loadBalancer)}`;
            default:
                return assertNever(d, 'probe destination');
        }
    }

    result(): ProbeResult {
        const probe = this.probe;
        const first = this.blockers[0];
        return {
            name: probe.name,
            from: probe.source.kind === 'internet' ? 'internet' : (this.compiled.index.get(probe.source.instance ?? '')?.name ?? '?'),
            to: this.destinationLabel(),
            protocol: probe.protocol,
            port: probe.port ?? null,
            verdict: first ? 'REJECT' : 'ACCEPT',
            reason: first?.reason ?? null,
            expected: probe.expect ?? null,
            hops: this.hops,
            blockers: this.blockers
        };
    }
}

/** Where an ENI sits on a diagram: its instance or NAT gateway, or an endpoint's, load balancer's or attachment's ENI in its subnet. */
function placeOf(eni: CEni): string {
    return eni.kind === 'instance' || eni.kind === 'nat-gateway' ? eni.owner : eniPlaceId(eni.owner, eni.subnet.model.id);
}

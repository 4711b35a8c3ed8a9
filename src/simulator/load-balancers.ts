/**
 * Load balancers as AWS's Elastic Load Balancing guides describe them: a listener takes the
 * client's connection on a node (one ENI per subnet); an ALB ends it and opens a new one from the
 * node's private address to a target; an NLB passes it on with the client's address to instance
 * targets (client IP preservation), from its own address to IP targets over TCP/TLS (preservation
 * is off by default there), and always from its own address for traffic that came through
 * PrivateLink. ALBs always have security groups; an NLB only when it was given some.
 */
import { eniPlaceId } from '../model/ids.js';
import type { ListenerProtocol, LoadBalancerTarget } from '../model/topology.js';
import { addrOf, formatAddr, type Addr } from './cidr.js';
import { stableHash, type CEni, type Compiled } from './compile.js';
import type { CLoadBalancer } from './compile-hubs.js';
import type { Destination, Unresolved } from './dns.js';
import type { Arrival, Walk } from './engine.js';
import { securityGroupAllows, type Packet, type SgVerdict } from './filters.js';
import { describe, groupNames } from './paths.js';

/** Which probe protocols a listener takes: an ALB speaks HTTP(S) over TCP; TCP_UDP takes both. */
function listenerCarries(protocol: ListenerProtocol, ipProtocol: number): boolean {
    if (ipProtocol === 17) return protocol === 'udp' || protocol === 'tcp_udp';
    return ipProtocol === 6 && protocol !== 'udp';
}

function dnsName(lb: CLoadBalancer): string {
    const id = stableHash(lb.model.id).toString(16).padStart(8, '0');
    const prefix = lb.model.scheme === 'internal' ? 'internal-' : '';
    return `${prefix}${lb.model.name}-${id}.${lb.vpc.model.region}.elb.amazonaws.com`;
}

/** The node a client uses: the one in its own AZ when there is one (the DNS name lists every node). */
function nodeFor(lb: CLoadBalancer, az: string | undefined, usable: (eni: CEni) => boolean): CEni | undefined {
    return lb.enis.find(e => usable(e) && e.subnet.model.az === az) ?? lb.enis.find(usable);
}

/** `probe INSTANCE -> load-balancer NAME`: its DNS name, private nodes for an internal one, public for an internet-facing one. */
export function resolveLoadBalancer(compiled: Compiled, id: string | undefined, source: CEni): Destination | Unresolved {
    const lb = compiled.loadBalancers.get(id ?? '');
    if (!lb) return { reason: 'NO_ROUTE', name: '?', detail: 'the load balancer does not resolve' };
    const name = dnsName(lb);
    const internal = lb.model.scheme === 'internal';
    const node = nodeFor(lb, source.subnet.model.az, e => (internal ? e.ipv4 : e.publicIp) !== undefined);
    const addr = node && (internal ? node.ipv4 : node.publicIp);
    if (!node || addr === undefined)
        return { reason: 'NO_ROUTE', name, detail: `${lb.model.name} has no node: it names no subnet of its VPC` };
    return {
        addr,
        eni: node,
        dns: {
            name,
            detail: () =>
                internal
                    ? `${name} resolves to the private addresses of ${lb.model.name}'s nodes; the client uses ${formatAddr(addr)} in ${node.subnet.model.name} (${node.subnet.model.az})`
                    : `${name} resolves to the public addresses of ${lb.model.name}'s nodes, even from inside its VPC (it is internet-facing): the client uses ${formatAddr(addr)}, reached through the internet`
        }
    };
}

/** `probe internet -> load-balancer NAME`: only an internet-facing load balancer has public addresses. */
export function loadBalancerFromInternet(
    compiled: Compiled,
    id: string | undefined
): { eni: CEni; dns: { name: string; detail: () => string } } | { why: string } {
    const lb = compiled.loadBalancers.get(id ?? '');
    if (!lb) return { why: 'the load balancer does not resolve' };
    if (lb.model.scheme === 'internal')
        return {
            why: `${lb.model.name} is internal: its DNS name resolves to private addresses only, which the internet does not route (an internet-facing load balancer is needed)`
        };
    const eni = lb.enis.find(e => e.publicIp !== undefined);
    if (!eni) return { why: `${lb.model.name} has no node: it names no subnet of its VPC` };
    const name = dnsName(lb);
    return {
        eni,
        dns: {
            name,
            detail: () =>
                `${name} resolves to the public addresses of ${lb.model.name}'s nodes; the client uses ${formatAddr(eni.publicIp!)}`
        }
    };
}

/**
 * A target's group that names the NLB's group admits the traffic the NLB passes on with the
 * client's address (AWS: reference the load balancer's security group in the targets' rules).
 */
export function preservedByGroup(eni: CEni, packet: Packet, arrival: Arrival): SgVerdict | undefined {
    if (arrival.kind !== 'load-balancer' || !arrival.preserved || arrival.node.ipv4 === undefined) return undefined;
    const verdict = securityGroupAllows(eni, 'ingress', { ...packet, src: arrival.node.ipv4 }, arrival.node);
    return verdict?.rule.group ? verdict : undefined;
}

interface ResolvedTarget {
    target: LoadBalancerTarget;
    addr: Addr;
    eni?: CEni;
    label: string;
}

function resolveTargets(compiled: Compiled, lb: CLoadBalancer, targets: readonly LoadBalancerTarget[]): ResolvedTarget[] {
    const resolved: ResolvedTarget[] = [];
    for (const target of targets) {
        if (target.kind === 'instance') {
            const eni = compiled.enisByOwner.get(target.instance ?? '')?.[0];
            if (eni?.ipv4 !== undefined) resolved.push({ target, addr: eni.ipv4, eni, label: eni.name });
        } else {
            const addr = addrOf(target.address);
            if (addr !== undefined) resolved.push({ target, addr, eni: lb.vpc.enis.get(addr), label: target.address });
        }
    }
    return resolved;
}

/** The client's packet reached `node`, a load balancer's ENI: listener, security groups, then the target. */
export function atLoadBalancer(walk: Walk, node: CEni, packet: Packet, sender: CEni | undefined, arrival: Arrival): void {
    const lb = node.loadBalancer!;
    const model = lb.model;
    const vpc = node.subnet.vpc;
    const place = eniPlaceId(model.id, node.subnet.model.id);
    const privateLink = arrival.kind === 'privatelink';
    if (lb.groups.length > 0) {
        const verdict = securityGroupAllows(node, 'ingress', packet, sender);
        walk.hop(
            'security-group',
            walk.trace ? groupNames(node) : '',
            vpc,
            () =>
                verdict
                    ? `${verdict.group.name}: ${verdict.rule.text} allows ${describe(packet)} from ${formatAddr(packet.src)}${privateLink ? " (through PrivateLink the NLB's groups judge the consumer's private address: EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic is on by default)" : ''}`
                    : '',
            verdict?.group.id ?? lb.groups[0]?.id,
            place
        );
        if (!verdict)
            walk.block(
                'SG_INGRESS',
                () => `no rule of ${groupNames(node)} (${model.name}'s groups) allows ${describe(packet)} from ${formatAddr(packet.src)}`
            );
    }
    const listener = model.listeners.find(l => l.port === packet.dport && listenerCarries(l.protocol, packet.protocol));
    if (!listener)
        return walk.fail(
            'load-balancer',
            model.name,
            vpc,
            'LB_NO_LISTENER',
            () =>
                `${model.name} has no listener for ${describe(packet)}${model.listeners.length > 0 ? ` (its listeners: ${model.listeners.map(l => `${l.protocol} ${l.port}`).join(', ')})` : ' (it has no listener at all)'}: a load balancer answers only on its listeners' ports`,
            model.id,
            place
        );
    walk.hop(
        'load-balancer',
        model.name,
        vpc,
        () =>
            `${model.name} (${model.type === 'application' ? 'ALB' : 'NLB'}, ${model.scheme}) takes ${describe(packet)} on its listener ${listener.protocol} ${listener.port}, at its node ${formatAddr(packet.dst)} in ${node.subnet.model.name} (${node.subnet.model.az})`,
        model.id,
        place
    );
    walk.returnRoute(node, packet, arrival);
    const targets = resolveTargets(walk.compiled, lb, listener.targets);
    // An ALB balances across zones always; an NLB keeps to its node's zone unless cross-zone is on (off by default).
    const chosen =
        (model.type === 'network' ? targets.find(t => t.eni?.subnet.model.az === node.subnet.model.az) : undefined) ?? targets[0];
    if (!chosen || node.ipv4 === undefined)
        return walk.fail(
            'load-balancer',
            model.name,
            vpc,
            'NO_ROUTE',
            () =>
                `listener ${listener.protocol} ${listener.port} of ${model.name} has no target that resolves: the load balancer has nowhere to send the connection`,
            model.id,
            place
        );
    const network = model.type === 'network';
    const udp = listener.protocol === 'udp' || listener.protocol === 'tcp_udp';
    const preserved = network && !privateLink && (chosen.target.kind === 'instance' || udp);
    const leg: Packet = {
        v6: false,
        src: preserved ? packet.src : node.ipv4,
        dst: chosen.addr,
        protocol: packet.protocol,
        sport: preserved ? packet.sport : 1024 + (stableHash(`${walk.probe.id}/lb`) % 64512),
        dport: listener.targetPort
    };
    walk.hop(
        'load-balancer',
        model.name,
        vpc,
        () => {
            const to = `${chosen.label} (${formatAddr(chosen.addr)}) on port ${listener.targetPort}`;
            if (!network)
                return `${model.name} ends the client's connection and opens a new one from its own address ${formatAddr(node.ipv4!)} to ${to}: the target sees the ALB, not the client`;
            if (privateLink)
                return `${model.name} passes the connection to ${to} from its own address ${formatAddr(node.ipv4!)}: traffic that comes through PrivateLink never carries the consumer's address`;
            if (preserved)
                return `${model.name} passes the connection to ${to} keeping the client's address ${formatAddr(packet.src)} (client IP preservation${chosen.target.kind === 'instance' ? ', always on for instance targets' : `, on by default for ${listener.protocol.toUpperCase()}`})`;
            return `${model.name} passes the connection to ${to} from its own address ${formatAddr(node.ipv4!)}: client IP preservation is off by default for ${listener.protocol.toUpperCase()} to IP targets`;
        },
        model.id,
        place
    );
    walk.departFrom(node, leg);
    if (lb.groups.length > 0) {
        const verdict = securityGroupAllows(node, 'egress', leg, chosen.eni);
        walk.hop(
            'security-group',
            walk.trace ? groupNames(node) : '',
            vpc,
            () => (verdict ? `${verdict.group.name}: ${verdict.rule.text} allows ${describe(leg)} to ${formatAddr(leg.dst)}` : ''),
            verdict?.group.id ?? lb.groups[0]?.id,
            place
        );
        if (!verdict)
            walk.block(
                'SG_EGRESS',
                () => `no egress rule of ${groupNames(node)} (${model.name}'s groups) allows ${describe(leg)} to ${formatAddr(leg.dst)}`
            );
    }
    walk.forward(node.subnet, leg, node, { addr: chosen.addr, eni: chosen.eni }, { kind: 'load-balancer', node, preserved });
}

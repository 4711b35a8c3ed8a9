/** Security groups (stateful, allow rules only) and network ACLs (stateless, numbered, first match wins). */
import { inSpan, type Addr } from './cidr.js';
import type { CEni, CGroup, CNacl, CNaclRule, CRule } from './compile.js';

export interface Packet {
    v6: boolean;
    src: Addr;
    dst: Addr;
    protocol: number;
    sport: number;
    dport: number;
}

function protocolMatches(rule: CRule, protocol: number): boolean {
    return rule.protocol === -1 || rule.protocol === protocol;
}

/** TCP and UDP match on the destination port; ICMP and `all` rules cover every port. */
function portMatches(rule: CRule, packet: Packet): boolean {
    if (rule.protocol === -1 || packet.protocol === 1) return true;
    return packet.dport >= rule.from && packet.dport <= rule.to;
}

/** Does `rule` name `peer` (the far end's address, and the ENI behind it when known)? */
function peerMatches(rule: CRule, peerAddr: Addr, peerEni: CEni | undefined, group: CGroup): boolean {
    if (rule.span) return inSpan(peerAddr, rule.span);
    if (rule.group) {
        // A group reference matches members' private addresses only, in its VPC or a same-region peer.
        if (!peerEni || (peerEni.ipv4 !== peerAddr && peerEni.ipv6 !== peerAddr)) return false;
        if (rule.group.vpc !== group.vpc && rule.group.vpc.model.region !== group.vpc.model.region) return false;
        return peerEni.groups.includes(rule.group);
    }
    return false;
}

export interface SgVerdict {
    group: CGroup;
    rule: CRule;
}

/** The first rule of the ENI's groups that allows the packet, or undefined (nothing allows it). */
export function securityGroupAllows(
    eni: CEni,
    direction: 'ingress' | 'egress',
    packet: Packet,
    peerEni: CEni | undefined
): SgVerdict | undefined {
    const peerAddr = direction === 'ingress' ? packet.src : packet.dst;
    for (const group of eni.groups) {
        for (const rule of direction === 'ingress' ? group.ingress : group.egress) {
            if (protocolMatches(rule, packet.protocol) && portMatches(rule, packet) && peerMatches(rule, peerAddr, peerEni, group))
                return { group, rule };
        }
    }
    return undefined;
}

/** The rule that decides the packet (lowest number that matches), or undefined for the implicit `*` deny. */
export function naclDecides(nacl: CNacl, direction: 'inbound' | 'outbound', packet: Packet): CNaclRule | undefined {
    const peer = direction === 'inbound' ? packet.src : packet.dst;
    for (const rule of direction === 'inbound' ? nacl.inbound : nacl.outbound) {
        if (protocolMatches(rule, packet.protocol) && portMatches(rule, packet) && rule.span && inSpan(peer, rule.span)) return rule;
    }
    return undefined;
}

export function reply(packet: Packet): Packet {
    return { v6: packet.v6, src: packet.dst, dst: packet.src, protocol: packet.protocol, sport: packet.dport, dport: packet.sport };
}

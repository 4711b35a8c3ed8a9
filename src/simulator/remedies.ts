/** The one-rule fixes a blocked probe offers: the narrowest security-group rule or network-ACL entry that lets it through. */
import type { Probe } from '../model/topology.js';
import type { Remedy } from '../model/trace.js';
import { hostBlock, type Addr } from './cidr.js';
import type { CEni, CNacl, CNaclRule } from './compile.js';
import type { Packet } from './filters.js';

/** The probe's traffic as a rule writes it: `tcp 443`, `udp 0-65535`, `icmp`; `ports` overrides the probe's port. */
function ruleTraffic(probe: Probe, ports?: string): string {
    const { protocol, port } = probe;
    return protocol === 'tcp' || protocol === 'udp' ? `${protocol} ${ports ?? port ?? '0-65535'}` : protocol;
}

/** The narrowest rule that admits this probe's traffic to or from `peer`, in the ENI's first group. */
export function sgRemedy(eni: CEni, direction: 'ingress' | 'egress', peer: Addr, probe: Probe): Remedy | undefined {
    const group = eni.groups[0];
    if (!group) return undefined;
    return {
        kind: 'security-group-rule',
        element: group.id,
        rule: `${direction} ${ruleTraffic(probe)} ${direction === 'ingress' ? 'from' : 'to'} ${hostBlock(peer)}`
    };
}

/**
 * The entry that lets this packet through `acl`: an allow for exactly its peer, numbered below the
 * entry that denied it (or anywhere free when only the final `*` denied). Replies go to the
 * client's ephemeral port, so their entry allows 1024-65535, as AWS's guides recommend.
 */
export function naclRemedy(
    acl: CNacl,
    direction: 'inbound' | 'outbound',
    packet: Packet,
    denied: CNaclRule | undefined,
    probe: Probe,
    isReply: boolean
): Remedy | undefined {
    const used = new Set((direction === 'inbound' ? acl.inbound : acl.outbound).map(r => r.number));
    let number: number | undefined;
    for (let n = denied ? denied.number - 1 : Math.min(32766, Math.max(0, ...used) + 10); n >= 1 && number === undefined; n--)
        if (!used.has(n)) number = n;
    if (number === undefined) return undefined;
    const peer = direction === 'inbound' ? packet.src : packet.dst;
    return {
        kind: 'network-acl-rule',
        element: acl.id,
        rule: `${direction} ${number} allow ${ruleTraffic(probe, isReply ? '1024-65535' : undefined)} ${direction === 'inbound' ? 'from' : 'to'} ${hostBlock(peer)}`
    };
}

/**
 * The traffic a diff tries every flow with. Every tcp and udp port that some rule of either side
 * treats differently from the others is represented, so no change to any rule's ports goes
 * unseen: the rules' port ranges cut 0-65535 into stretches, and stretches that exactly the same
 * ranges cover behave alike everywhere, so one port per distinct set of covering ranges is enough.
 * It is the port a reviewer would recognise where there is one (a default, a probe's, a range's
 * first port). The default set is always tried, so that the usual services show by name even
 * when no rule names them: ssh 22, http 80, https 443, rdp 3389, PostgreSQL 5432, MySQL 3306,
 * Redis 6379, DNS udp 53, and icmp.
 */
import type { Traffic } from '../model/diff.js';
import type { Protocol, Topology } from '../model/topology.js';

export const DEFAULT_TRAFFIC: readonly Traffic[] = [
    ...[22, 80, 443, 3389, 5432, 3306, 6379].map(port => ({ protocol: 'tcp' as const, port })),
    { protocol: 'udp', port: 53 },
    { protocol: 'icmp', port: null }
];

interface Ranges {
    /** By `from * 65536 + to`. */
    tcp: Map<number, [number, number]>;
    udp: Map<number, [number, number]>;
}

function collect(topologies: readonly Topology[]): { ranges: Ranges; named: Record<'tcp' | 'udp', Set<number>> } {
    const ranges: Ranges = { tcp: new Map(), udp: new Map() };
    const named = { tcp: new Set<number>(), udp: new Set<number>() };
    const add = (protocol: Protocol, ports: { from: number; to: number } | undefined) => {
        if ((protocol !== 'tcp' && protocol !== 'udp') || !ports) return;
        const key = ports.from * 65536 + ports.to;
        if (!ranges[protocol].has(key)) ranges[protocol].set(key, [ports.from, ports.to]);
        named[protocol].add(ports.from);
    };
    // Both sides of a diff share the groups and ACLs of every unchanged document: each is read once.
    const seen = new Set<object>();
    for (const t of topologies) {
        for (const group of t.securityGroups) {
            if (seen.has(group)) continue;
            seen.add(group);
            for (const rule of group.rules) add(rule.protocol, rule.ports);
        }
        for (const acl of t.networkAcls) {
            if (seen.has(acl)) continue;
            seen.add(acl);
            for (const rule of acl.rules) add(rule.protocol, rule.ports);
        }
        for (const probe of t.probes)
            if ((probe.protocol === 'tcp' || probe.protocol === 'udp') && probe.port !== undefined) named[probe.protocol].add(probe.port);
    }
    return { ranges, named };
}

/** One port per stretch of ports that the same ranges cover, preferring a default, then a named port. */
function portsFor(ranges: Map<number, [number, number]>, named: Set<number>, defaults: readonly number[]): number[] {
    const list = [...ranges.values()];
    const bounds = new Set<number>([0]);
    for (const [from, to] of list) {
        bounds.add(from);
        if (to < 65535) bounds.add(to + 1);
    }
    const starts = [...bounds].sort((a, b) => a - b);
    const signature = (port: number) =>
        list
            .map(([from, to], i) => (from <= port && port <= to ? i : -1))
            .filter(i => i >= 0)
            .join(',');
    const bySignature = new Map<string, number>();
    const preference = (port: number) => (defaults.includes(port) ? 0 : named.has(port) ? 1 : 2);
    const consider = (port: number) => {
        const key = signature(port);
        const current = bySignature.get(key);
        if (current === undefined || preference(port) < preference(current)) bySignature.set(key, port);
    };
    starts.forEach(start => consider(start));
    for (const port of [...named, ...defaults]) consider(port);
    const chosen = new Set([...bySignature.values(), ...defaults, ...named]);
    return [...chosen].sort((a, b) => a - b);
}

/** The traffic to try between two topologies: the defaults, the probes' ports, one port per way rules treat ports. */
export function trafficFor(before: Topology, after: Topology): Traffic[] {
    const { ranges, named } = collect([before, after]);
    const defaults = (protocol: 'tcp' | 'udp') => DEFAULT_TRAFFIC.filter(t => t.protocol === protocol).map(t => t.port!);
    const out: Traffic[] = [];
    for (const protocol of ['tcp', 'udp'] as const) {
        for (const port of portsFor(ranges[protocol], named[protocol], defaults(protocol))) out.push({ protocol, port });
    }
    out.push({ protocol: 'icmp', port: null });
    return out;
}

/** Route lookup and the words the walk uses for routes, packets and groups. */
import { unknownKind } from '../model/assert-never.js';
import { inSpan, spanOf, type Addr } from './cidr.js';
import type { CEni, CRoute, CTable } from './compile.js';
import type { Packet } from './filters.js';

/** Longest-prefix match; routes are sorted longest first, local first among equals. */
export function lookup(table: CTable, addr: Addr): CRoute | undefined {
    const v6 = typeof addr === 'bigint';
    for (const route of table.routes) {
        const span = route.span;
        if (span.v6 === v6 && addr >= span.first && addr <= span.last) return route;
    }
    return undefined;
}

export function targetName(route: CRoute): string {
    const t = route.target;
    switch (t.kind) {
        case 'local':
            return 'local';
        case 'internet-gateway':
        case 'egress-only-internet-gateway':
            return t.gateway.name;
        case 'nat-gateway':
            return t.nat.name;
        case 'peering':
            return t.peering.name;
        case 'gateway-endpoint':
            return t.endpoint.name;
        case 'instance':
            return t.eni.name;
        case 'transit-gateway':
            return t.tgw.model.name;
        case 'blackhole':
            return t.text;
        default:
            return unknownKind(t);
    }
}

export function isPrivateHop(route: CRoute): boolean {
    return route.target.kind === 'local' || route.target.kind === 'peering' || route.target.kind === 'transit-gateway';
}

/** Addresses the internet does not route: RFC 1918, shared (100.64/10), link-local, IPv6 unique-local and link-local. */
export const NOT_ROUTED = [
    '10.0.0.0/8',
    '172.16.0.0/12',
    '192.168.0.0/16',
    '100.64.0.0/10',
    '169.254.0.0/16',
    '127.0.0.0/8',
    'fc00::/7',
    'fe80::/10'
].map(text => spanOf(text)!);
export function isPrivate(addr: Addr): boolean {
    return NOT_ROUTED.some(span => inSpan(addr, span));
}

export function describe(packet: Packet): string {
    const name = packet.protocol === 6 ? 'tcp' : packet.protocol === 17 ? 'udp' : packet.protocol === 1 ? 'icmp' : 'traffic';
    return packet.protocol === 6 || packet.protocol === 17 ? `${name} ${packet.dport}` : name;
}

export function groupNames(eni: CEni): string {
    return eni.groups.map(g => g.name).join(', ') || '(no security group)';
}

/** NAT64 as a NAT gateway does it: IPv6 toward 64:ff9b::/96 (RFC 6052's well-known prefix) leaves as IPv4. */
import { inSpan, spanOf, type Addr } from './cidr.js';

export const NAT64_PREFIX = spanOf('64:ff9b::/96')!;

/** The IPv4 address a 64:ff9b::/96 address embeds in its last 32 bits (64:ff9b::cb00:7105 → 203.0.113.5), or undefined. */
export function nat64Target(addr: Addr): number | undefined {
    return typeof addr === 'bigint' && inSpan(addr, NAT64_PREFIX) ? Number(addr & 0xffffffffn) : undefined;
}

/**
 * IP protocols as AWS APIs write them (`-1`, `tcp`, `6`, `icmp`, `1`, `58`…) and as the language
 * has them (`all`, `tcp`, `udp`, `icmp`); ports as AWS writes them (-1 or absent for all).
 */
import type { PortRange, Protocol } from '../../model/topology.js';

const NUMBERS: Readonly<Record<string, Protocol>> = {
    '-1': 'all',
    all: 'all',
    '6': 'tcp',
    tcp: 'tcp',
    '17': 'udp',
    udp: 'udp',
    '1': 'icmp',
    icmp: 'icmp',
    // The language's `icmp` is ICMP of the traffic's family: ICMPv6 for IPv6 (as the exports write it).
    '58': 'icmp',
    icmpv6: 'icmp'
};

/** The language's protocol, or undefined for one it has no word for (ESP `50`, GRE `47`…). */
export function protocolOf(value: string | number | undefined): Protocol | undefined {
    if (value === undefined) return 'all';
    return NUMBERS[String(value).toLowerCase()];
}

/**
 * The port range of a TCP/UDP rule, undefined for all ports (-1, absent, or 0–65535 as written by
 * some tools). ICMP's type and code travel in the same fields and are not ports.
 */
export function portsOf(protocol: Protocol, from: number | undefined, to: number | undefined): PortRange | undefined {
    if (protocol !== 'tcp' && protocol !== 'udp') return undefined;
    if (from === undefined || from < 0) return undefined;
    const end = to === undefined || to < 0 ? from : to;
    if (from === 0 && end === 65535) return undefined;
    return { from, to: end };
}

/** For an ICMP rule: the type it is narrowed to, when it is (AWS writes -1 for every type). */
export function icmpNarrowing(protocol: Protocol, type: number | undefined, code: number | undefined): string | undefined {
    if (protocol !== 'icmp') return undefined;
    if (type === undefined || type < 0) return undefined;
    return code !== undefined && code >= 0 ? `ICMP type ${type} code ${code}` : `ICMP type ${type}`;
}

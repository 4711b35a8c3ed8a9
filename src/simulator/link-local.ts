/**
 * The addresses an instance reaches without its VPC's network: instance metadata, Amazon Time
 * Sync and the Amazon DNS server. AWS's VPC guide: security groups and network ACLs do not filter
 * traffic to or from link-local addresses (169.254.0.0/16) or the AWS-reserved addresses of a
 * subnet (the DNS server at the VPC's base plus two among them), and flow logs record none of it.
 */
import { addrOf, formatAddr, inSpan, spanOf, type Addr, type Span } from './cidr.js';
import type { CEni, CVpc } from './compile.js';
import type { Packet } from './filters.js';
import { describe, groupNames } from './paths.js';

export interface AmazonEndpoint {
    /** The hop that explains it: `amazon-dns` for the DNS server, `link-local` for the others. */
    hop: 'link-local' | 'amazon-dns';
    /** What answers there, in AWS's words. */
    name: string;
    /** Where it listens, e.g. `tcp 80 (HTTP)`. */
    listens: string;
    /** protocol number → ports it answers on. */
    ports: ReadonlyMap<number, readonly number[]>;
    /** The IPv6 forms (fd00:ec2::…) answer only on Nitro instances with an IPv6 address. */
    v6: boolean;
    /** What a student should know in one clause. */
    note: string;
}

const TCP = 6;
const UDP = 17;

const METADATA = {
    hop: 'link-local',
    name: 'the instance metadata service (IMDS)',
    listens: 'tcp 80 (HTTP)',
    ports: new Map([[TCP, [80]]]),
    note: 'it serves the instance its own metadata and role credentials'
} as const;
const TIME_SYNC = {
    hop: 'link-local',
    name: 'Amazon Time Sync Service',
    listens: 'udp 123 (NTP)',
    ports: new Map([[UDP, [123]]]),
    note: 'it serves time to every instance'
} as const;
const DNS = {
    hop: 'amazon-dns',
    name: 'the Amazon DNS server (Route 53 Resolver)',
    listens: 'udp and tcp 53',
    ports: new Map([
        [UDP, [53]],
        [TCP, [53]]
    ]),
    note: 'it resolves names for the VPC'
} as const;

const FIXED: ReadonlyArray<[string, Omit<AmazonEndpoint, 'v6'>]> = [
    ['169.254.169.254', METADATA],
    ['fd00:ec2::254', METADATA],
    ['169.254.169.123', TIME_SYNC],
    ['fd00:ec2::123', TIME_SYNC],
    ['169.254.169.253', DNS],
    ['fd00:ec2::253', DNS]
];

const ENDPOINTS = new Map<Addr, AmazonEndpoint>(FIXED.map(([text, e]) => [addrOf(text)!, { ...e, v6: text.includes(':') }]));

export const LINK_LOCAL: readonly Span[] = [spanOf('169.254.0.0/16')!, spanOf('fe80::/10')!];

export function isLinkLocal(addr: Addr): boolean {
    return LINK_LOCAL.some(span => inSpan(addr, span));
}

/** The Amazon DNS server's address in the VPC: the base of its primary IPv4 block plus two. */
export function vpcDnsAddress(vpc: CVpc): number | undefined {
    const primary = spanOf(vpc.model.cidrs[0]?.value);
    return primary && !primary.v6 ? (primary.first as number) + 2 : undefined;
}

/** What answers at `addr` for an instance in `vpc` without crossing the VPC's network, if anything. */
export function amazonEndpoint(addr: Addr, vpc: CVpc): AmazonEndpoint | undefined {
    const fixed = ENDPOINTS.get(addr);
    if (fixed) return fixed;
    return addr === vpcDnsAddress(vpc) ? { ...DNS, v6: false } : undefined;
}

/** Whether the endpoint answers this protocol and port (a probe of `all` traffic includes its port). */
export function answers(endpoint: AmazonEndpoint, protocol: number, port: number): boolean {
    if (protocol === -1) return true;
    return endpoint.ports.get(protocol)?.includes(port) ?? false;
}

/** `169.254.169.254` or `10.0.0.2 (VPC base +2)`: the address as a student would recognise it. */
export function endpointAddressText(addr: Addr, vpc: CVpc): string {
    return addr === vpcDnsAddress(vpc) ? `${formatAddr(addr)} (${vpc.model.name}'s base address plus two)` : formatAddr(addr);
}

/** Which of the five addresses AWS reserves in a subnet `addr` is, in words, or undefined. */
export function reservedRole(addr: Addr, vpc: CVpc): string | undefined {
    for (const subnet of vpc.subnets) {
        const span = subnet.spans.find(x => inSpan(addr, x));
        if (!span) continue;
        const offset = BigInt(addr) - BigInt(span.first);
        const name = subnet.model.name;
        if (addr === span.last) return `the last address of subnet ${name}, which AWS reserves (a VPC has no broadcast)`;
        if (offset === 0n) return `the network address of subnet ${name}`;
        if (offset === 1n) return `the VPC router's address in subnet ${name}`;
        if (offset === 2n) return `reserved by AWS in subnet ${name} (the Amazon DNS server answers only at the VPC's base plus two)`;
        if (offset === 3n) return `reserved by AWS in subnet ${name} for future use`;
        return undefined;
    }
    return undefined;
}

/** What happens to a connection an instance opens to a link-local or Amazon-reserved address; texts are built only when asked. */
export interface LinkVerdict {
    hop: 'link-local' | 'amazon-dns' | 'aws-reserved';
    answered: boolean;
    /** The source's opening hop. */
    opens: () => string;
    /** Why it is answered, or why nothing answers. */
    detail: () => string;
}

/** Undefined when `addr` is an ordinary address, which the VPC's network carries. */
export function linkVerdict(source: CEni, addr: Addr, protocol: number, dport: number): LinkVerdict | undefined {
    const vpc = source.subnet.vpc;
    const endpoint = amazonEndpoint(addr, vpc);
    const reserved = endpoint ? undefined : reservedRole(addr, vpc);
    if (!endpoint && !reserved && !isLinkLocal(addr)) return undefined;
    const v6 = typeof addr === 'bigint';
    const src = v6 ? source.ipv6 : source.ipv4;
    const packet: Packet = { v6, src: src ?? (v6 ? 0n : 0), dst: addr, protocol, sport: 0, dport };
    const where = endpoint ? endpointAddressText(addr, vpc) : formatAddr(addr);
    const opens = () => `${source.name} opens ${describe(packet)} to ${where}`;
    const refused = (hop: LinkVerdict['hop'], detail: () => string): LinkVerdict => ({ hop, answered: false, opens, detail });
    if (reserved) {
        return refused(
            'aws-reserved',
            () =>
                `${formatAddr(addr)} is ${reserved}: no instance can hold it and it answers no connection (security groups and network ACLs do not filter traffic to AWS-reserved addresses, so nothing on the way decides)`
        );
    }
    if (!endpoint) {
        return refused(
            'link-local',
            () =>
                `${formatAddr(addr)} is a link-local address: it exists only on the instance's own link and no router forwards it, so no route table is consulted; on that link AWS answers only at 169.254.169.254 (instance metadata), 169.254.169.123 (Amazon Time Sync) and 169.254.169.253 (Amazon DNS), and nothing answers here`
        );
    }
    const name = endpoint.name;
    if (src === undefined) {
        return refused(endpoint.hop, () =>
            v6
                ? `${formatAddr(addr)} is the IPv6 address of ${name}, reachable only from instances with an IPv6 address (Nitro instances in a subnet with an IPv6 block); ${source.name} has none, so it uses the IPv4 address instead`
                : `${source.name} has no IPv4 address, so it cannot use ${formatAddr(addr)}; an IPv6-only instance reaches ${name} at its fd00:ec2:: address`
        );
    }
    if (endpoint.hop === 'amazon-dns' && !vpc.model.dnsSupport) {
        return refused(
            'amazon-dns',
            () =>
                `${vpc.model.name} has dns-support off: ${name} does not answer at ${where} (or at 169.254.169.253); turn dns-support on, or run your own DNS server`
        );
    }
    if (!answers(endpoint, protocol, dport)) {
        return refused(
            endpoint.hop,
            () =>
                `nothing at ${where} answers ${describe(packet)}: ${name} listens on ${endpoint.listens} only (no rule filtered the packet; no service takes it)`
        );
    }
    const metadataV6 = endpoint.v6 && endpoint.ports.get(6)?.includes(80) === true;
    const nitro = endpoint.v6
        ? ` The IPv6 form answers on Nitro instances${metadataV6 ? " once the metadata service's IPv6 endpoint is turned on (it is off by default; vpc-lab assumes it is on)" : ''}.`
        : '';
    return {
        hop: endpoint.hop,
        answered: true,
        opens,
        detail: () =>
            `${name} answers ${describe(packet)} at ${where}: ${endpoint.note}. Security groups and network ACLs do not filter traffic to link-local or AWS-reserved addresses, and flow logs do not record it, whatever ${source.name}'s security groups (${groupNames(source)}) allow.${nitro}`
    };
}

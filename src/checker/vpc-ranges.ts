/**
 * Which address ranges a VPC may use: AWS's "IPv4 CIDR block association restrictions" table (the
 * VPC guide, "VPC CIDR blocks"), the special-purpose ranges no network of hosts can take, and the
 * 172.17.0.0/16 range the guide asks VPCs to avoid.
 */
import { contains, overlaps, parseCidr, type Block } from '../simulator/cidr.js';

/** A block written in this file, known to be valid. */
function known(text: string): Block {
    const parsed = parseCidr(text);
    if (!parsed.ok) throw new Error(text);
    return parsed.value;
}

/** Ranges AWS refuses as VPC blocks, with why (RFC 6890's special-purpose registry; AWS keeps link-local for its own endpoints). */
const RESERVED: ReadonlyArray<[Block, string]> = [
    [known('0.0.0.0/8'), "0.0.0.0/8 means 'this network' (RFC 1122): no host takes an address in it"],
    [known('127.0.0.0/8'), '127.0.0.0/8 is loopback: every host keeps it for itself'],
    [
        known('169.254.0.0/16'),
        '169.254.0.0/16 is link-local: every instance reaches instance metadata (169.254.169.254), Amazon Time Sync and the Amazon DNS server there, so no VPC may use it'
    ],
    [known('224.0.0.0/4'), "224.0.0.0/4 is multicast: group addresses, never a host's"],
    [known('240.0.0.0/4'), '240.0.0.0/4 is reserved (255.255.255.255, the limited broadcast address, is in it)'],
    [known('fe80::/10'), 'fe80::/10 is IPv6 link-local: it exists on every link and is never routed'],
    [known('ff00::/8'), "ff00::/8 is IPv6 multicast: group addresses, never a host's"]
];

/** Why AWS refuses `block` as any block of a VPC, or undefined. */
export function reservedRangeProblem(block: Block): string | undefined {
    return RESERVED.find(([range]) => overlaps(range, block))?.[1];
}

const SERVICE_RANGE = known('172.17.0.0/16');

/** 172.17.0.0/16, which some AWS services use (the guide names AWS Cloud9 and Amazon SageMaker AI). */
export function usesServiceRange(block: Block): boolean {
    return overlaps(SERVICE_RANGE, block);
}

type Range4 = 'rfc1918-10' | 'rfc1918-172' | 'rfc1918-192' | '198.19' | 'public';

const RANGES: Array<[Range4, Block]> = [
    ['rfc1918-10', known('10.0.0.0/8')],
    ['rfc1918-172', known('172.16.0.0/12')],
    ['rfc1918-192', known('192.168.0.0/16')],
    ['198.19', known('198.19.0.0/16')]
];
const DEFAULT_VPC_RANGE = known('172.31.0.0/16');
const TEN_15 = known('10.0.0.0/15');
const TEN_16 = known('10.0.0.0/16');

function rangeOf(block: Block): Range4 {
    return RANGES.find(([, range]) => contains(range, block))?.[0] ?? 'public';
}

const RANGE_TEXT: Record<Range4, string> = {
    'rfc1918-10': '10.0.0.0/8',
    'rfc1918-172': '172.16.0.0/12',
    'rfc1918-192': '192.168.0.0/16',
    '198.19': '198.19.0.0/16',
    public: 'a publicly routable range (or 100.64.0.0/10)'
};

/**
 * Why AWS refuses to associate `secondary` with a VPC whose primary block is `primary` (and whose
 * blocks are `all`), row by row of the association-restrictions table; undefined when it is permitted.
 */
export function associationProblem(primary: Block, secondary: Block, all: readonly Block[]): string | undefined {
    const p = rangeOf(primary);
    const s = rangeOf(secondary);
    const rfc1918 = (r: Range4) => r.startsWith('rfc1918');
    if (s === '198.19' && p !== '198.19') return `a VPC whose primary block is in ${RANGE_TEXT[p]} cannot add a block from 198.19.0.0/16`;
    if (rfc1918(s) && s !== p)
        return `a VPC whose primary block is in ${RANGE_TEXT[p]} cannot add a block from ${RANGE_TEXT[s]}: the other RFC 1918 ranges are restricted`;
    if (p === 'rfc1918-172' && s === 'rfc1918-172' && overlaps(secondary, DEFAULT_VPC_RANGE)) {
        return 'a VPC whose primary block is in 172.16.0.0/12 cannot add a block from 172.31.0.0/16';
    }
    if (p === 'rfc1918-10' && contains(TEN_16, secondary) && all.some(b => b !== secondary && contains(TEN_15, b))) {
        return 'when a block of the VPC is in 10.0.0.0/15, AWS does not add a block from 10.0.0.0/16';
    }
    return undefined;
}

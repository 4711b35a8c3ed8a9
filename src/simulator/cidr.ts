/**
 * The one module that touches ip-num. Everything else sees blocks as numeric intervals
 * [first, last] of one address family, which sort, compare and contain cheaply.
 * ip-num's parsing costs microseconds per call, so results are memoised by text.
 */
import { IPv4, IPv4CidrRange, IPv4Prefix, IPv6, IPv6CidrRange, IPv6Prefix, collapseIPv6Number } from 'ip-num';

export type Family = 4 | 6;

export interface Block {
    family: Family;
    first: bigint;
    last: bigint;
    prefix: number;
    /** The text as written. */
    text: string;
}

export interface Address {
    family: Family;
    value: bigint;
    text: string;
}

export type CidrProblem = { kind: 'invalid'; message: string } | { kind: 'host-bits'; message: string; network: string };

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: CidrProblem };

const blockCache = new Map<string, Parsed<Block>>();
const addressCache = new Map<string, Parsed<Address>>();
const spanCache = new Map<string, Span | null>();
const CACHE_LIMIT = 200_000;

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, value);
    return value;
}

/** Parses `10.0.0.0/16` or `2600:1f18::/56`; a CIDR with host bits set is a problem that names its network. */
export function parseCidr(text: string): Parsed<Block> {
    const hit = blockCache.get(text);
    if (hit) return hit;
    return remember(blockCache, text, guarded(text, computeCidr));
}

/** ip-num throws on some inputs its validators pass; such text is simply not a valid block. */
function guarded<T>(text: string, compute: (text: string) => Parsed<T>): Parsed<T> {
    try {
        return compute(text);
    } catch {
        return invalid(`'${text}' is not a valid IPv${familyOf(text)} ${text.includes('/') ? 'CIDR block' : 'address'}.`);
    }
}

function computeCidr(text: string): Parsed<Block> {
    const slash = text.indexOf('/');
    if (slash < 0) return invalid(`'${text}' is an address, not a CIDR block: add a prefix length such as /24.`);
    const family: Family = text.includes(':') ? 6 : 4;
    const prefixText = text.slice(slash + 1);
    const prefix = /^(?:0|[1-9][0-9]{0,2})$/.test(prefixText) ? Number(prefixText) : NaN;
    const maxPrefix = family === 4 ? 32 : 128;
    if (!(prefix >= 0 && prefix <= maxPrefix)) {
        return invalid(`'${text}' has prefix length /${prefixText}; an IPv${family} prefix is 0 to ${maxPrefix}.`);
    }
    const address = parseAddress(text.slice(0, slash));
    if (!address.ok) return address;
    if (address.value.family !== family) return invalid(`'${text}' is not a valid CIDR block.`);
    const size = family === 4 ? IPv4Prefix.fromNumber(BigInt(prefix)).toRangeSize() : IPv6Prefix.fromNumber(BigInt(prefix)).toRangeSize();
    const first = address.value.value;
    if (first % size !== 0n) {
        const network =
            family === 4
                ? IPv4CidrRange.fromCidr(text).getFirst().toString()
                : collapseIPv6Number(IPv6CidrRange.fromCidr(text).getFirst().toString());
        const cidr = `${network}/${prefix}`;
        return {
            ok: false,
            problem: {
                kind: 'host-bits',
                network: cidr,
                message: `'${text}' has host bits set: the block starting at that prefix is ${cidr}.`
            }
        };
    }
    return { ok: true, value: { family, first, last: first + size - 1n, prefix, text } };
}

/** Parses a single IPv4 or IPv6 address. */
export function parseAddress(text: string): Parsed<Address> {
    const hit = addressCache.get(text);
    if (hit) return hit;
    return remember(addressCache, text, guarded(text, computeAddress));
}

function computeAddress(text: string): Parsed<Address> {
    if (text.includes('/')) return invalid(`'${text}' is a CIDR block; an address is expected here (no /prefix).`);
    // ip-num's constructors validate; the reason given is the product's own, never ip-num's text.
    if (text.includes(':')) {
        try {
            return { ok: true, value: { family: 6, value: IPv6.fromString(text).getValue(), text } };
        } catch {
            return invalid(`'${text}' is not a valid IPv6 address${reason(ipv6Problem(text))}.`);
        }
    }
    try {
        return { ok: true, value: { family: 4, value: IPv4.fromString(text).getValue(), text } };
    } catch {
        return invalid(`'${text}' is not a valid IPv4 address${reason(ipv4Problem(text))}.`);
    }
}

function reason(problem: string | undefined): string {
    return problem ? ` (${problem})` : '';
}

/** Why text is no IPv4 address, in the product's words. */
function ipv4Problem(text: string): string | undefined {
    const parts = text.split('.');
    if (parts.length !== 4) return `an IPv4 address is four numbers separated by dots; it has ${parts.length}`;
    if (parts.some(p => !/^[0-9]{1,3}$/.test(p) || Number(p) > 255)) return 'each of its four numbers is 0 to 255';
    return undefined;
}

/** Why text is no IPv6 address, in the product's words. */
function ipv6Problem(text: string): string | undefined {
    if ((text.match(/::/g) ?? []).length > 1) return '`::` may appear once';
    const groups = text.split(':').filter(g => g !== '');
    if (groups.some(g => !/^[0-9a-fA-F]{1,4}$/.test(g) && !g.includes('.'))) return 'each group is one to four hexadecimal digits';
    if (groups.length > 8 || (!text.includes('::') && groups.length !== 8))
        return 'it has eight groups of hexadecimal digits, or fewer with `::`';
    return undefined;
}

function invalid(message: string): { ok: false; problem: CidrProblem } {
    return { ok: false, problem: { kind: 'invalid', message } };
}

export function familyOf(text: string): Family {
    return text.includes(':') ? 6 : 4;
}

export function contains(outer: Block, inner: Block | Address): boolean {
    if (outer.family !== inner.family) return false;
    if ('value' in inner) return inner.value >= outer.first && inner.value <= outer.last;
    return inner.first >= outer.first && inner.last <= outer.last;
}

export function overlaps(a: Block, b: Block): boolean {
    return a.family === b.family && a.first <= b.last && b.first <= a.last;
}

/** Number of addresses in the block. */
export function size(block: Block): bigint {
    return block.last - block.first + 1n;
}

/** Formats an address of a family the way AWS shows it (IPv6 collapsed). */
export function formatAddress(family: Family, value: bigint): string {
    return family === 4 ? IPv4.fromNumber(value).toString() : collapseIPv6Number(IPv6.fromBigInt(value).toString());
}

/**
 * The five addresses AWS reserves in every subnet: the network address, the VPC router (+1),
 * Amazon DNS (+2), one kept for future use (+3) and the last address. IPv6 subnets likewise.
 */
export function reservedAddresses(subnet: Block): { value: bigint; role: string }[] {
    const { first, last } = subnet;
    return [
        { value: first, role: 'the network address' },
        { value: first + 1n, role: 'the VPC router' },
        { value: first + 2n, role: 'the Amazon DNS server' },
        { value: first + 3n, role: 'reserved by AWS for future use' },
        {
            value: last,
            role: subnet.family === 4 ? 'the network broadcast address (AWS does not support broadcast)' : 'the last address of the block'
        }
    ].filter(r => r.value <= last);
}

/** Addresses left for ENIs in a subnet of this block: its size less the five AWS reserves. */
export function usableAddresses(subnet: Block): bigint {
    const total = size(subnet);
    return total > 5n ? total - 5n : 0n;
}

/** The block whose interval is the whole family: `0.0.0.0/0` or `::/0`. */
export function isDefaultRoute(block: Block): boolean {
    return block.prefix === 0;
}

/** The NAT64 prefix a NAT gateway serves for DNS64 (`64:ff9b::/96`). */
export function isNat64Prefix(block: Block): boolean {
    const nat64 = parseCidr('64:ff9b::/96');
    return nat64.ok && block.family === 6 && block.first === nat64.value.first && block.prefix === 96;
}

/** Sorts blocks by start, then by size (larger first), for sweep-line interval checks. */
export function compareBlocks(a: Block, b: Block): number {
    if (a.family !== b.family) return a.family - b.family;
    if (a.first !== b.first) return a.first < b.first ? -1 : 1;
    return a.last === b.last ? 0 : a.last > b.last ? -1 : 1;
}

/**
 * For each item whose block overlaps the block of an item before it (in input order), returns
 * that item and the first earlier item it overlaps. CIDR blocks are either nested or disjoint,
 * so sorting by start (larger first) lays them out as a tree: a block overlaps exactly its
 * ancestors and descendants. One sort and two passes: O(n log n) whatever the overlaps.
 */
export function findOverlaps<T>(items: readonly T[], blockOf: (item: T) => Block | undefined): Array<{ later: T; earlier: T }> {
    interface Node {
        block: Block;
        order: number;
        parent: number;
        pathMin: number;
        subtreeMin: number;
    }
    const nodes: Node[] = [];
    items.forEach((item, order) => {
        const block = blockOf(item);
        if (block) nodes.push({ block, order, parent: -1, pathMin: Infinity, subtreeMin: order });
    });
    nodes.sort((x, y) => compareBlocks(x.block, y.block) || x.order - y.order);
    const stack: number[] = [];
    nodes.forEach((node, index) => {
        while (stack.length > 0 && !contains(nodes[stack[stack.length - 1]!]!.block, node.block)) stack.pop();
        const parent = stack[stack.length - 1];
        if (parent !== undefined) {
            node.parent = parent;
            node.pathMin = Math.min(nodes[parent]!.pathMin, nodes[parent]!.order);
        }
        stack.push(index);
    });
    for (let index = nodes.length - 1; index >= 0; index--) {
        const node = nodes[index]!;
        if (node.parent >= 0) {
            const parent = nodes[node.parent]!;
            parent.subtreeMin = Math.min(parent.subtreeMin, node.subtreeMin);
        }
    }
    const childMin = new Map<number, number>();
    for (const node of nodes) {
        if (node.parent >= 0) {
            const previous = childMin.get(node.parent) ?? Infinity;
            childMin.set(node.parent, Math.min(previous, node.subtreeMin));
        }
    }
    const result: Array<{ later: T; earlier: T; order: number }> = [];
    nodes.forEach((node, index) => {
        const earliest = Math.min(node.pathMin, childMin.get(index) ?? Infinity);
        if (earliest < node.order) result.push({ later: items[node.order]!, earlier: items[earliest]!, order: node.order });
    });
    return result.sort((a, b) => a.order - b.order).map(({ later, earlier }) => ({ later, earlier }));
}

/**
 * The simulator's compact form: IPv4 as plain numbers (fast to compare), IPv6 as bigints.
 * Converted once from ip-num's values when a topology is compiled.
 */
export type Addr = number | bigint;

export interface Span {
    v6: boolean;
    first: Addr;
    last: Addr;
    prefix: number;
    text: string;
}

export function toSpan(block: Block): Span {
    return block.family === 4
        ? { v6: false, first: Number(block.first), last: Number(block.last), prefix: block.prefix, text: block.text }
        : { v6: true, first: block.first, last: block.last, prefix: block.prefix, text: block.text };
}

export function toAddr(address: Address): Addr {
    return address.family === 4 ? Number(address.value) : address.value;
}

export function inSpan(addr: Addr, span: Span): boolean {
    return (typeof addr === 'bigint') === span.v6 && addr >= span.first && addr <= span.last;
}

export function formatAddr(addr: Addr): string {
    return typeof addr === 'bigint' ? formatAddress(6, addr) : formatAddress(4, BigInt(addr));
}

/** The block of exactly one address: `10.0.1.10/32`, `2600::1/128`. */
export function hostBlock(addr: Addr): string {
    return `${formatAddr(addr)}/${typeof addr === 'bigint' ? 128 : 32}`;
}

/** Parses an address into the compact form, or undefined. */
export function addrOf(text: string | undefined): Addr | undefined {
    if (text === undefined) return undefined;
    const parsed = parseAddress(text);
    return parsed.ok ? toAddr(parsed.value) : undefined;
}

/** Parses a block into the compact form, or undefined. */
export function spanOf(text: string | undefined): Span | undefined {
    if (text === undefined) return undefined;
    // Spans are never changed once made: one object per text, shared by every rule and route that names it.
    const hit = spanCache.get(text);
    if (hit !== undefined) return hit ?? undefined;
    const parsed = parseCidr(text);
    return remember(spanCache, text, parsed.ok ? toSpan(parsed.value) : null) ?? undefined;
}

/** The address `offset` places into a span (negative offsets count back from its last address). */
export function addrAt(span: Span, offset: number): Addr {
    if (span.v6) return offset >= 0 ? (span.first as bigint) + BigInt(offset) : (span.last as bigint) + BigInt(offset) + 1n;
    return offset >= 0 ? (span.first as number) + offset : (span.last as number) + offset + 1;
}

/**
 * The first block of length `prefix` inside `parent` that overlaps none of `used`, or undefined
 * when the parent is full. Candidates are aligned to their size, as every CIDR block is.
 */
export function nextFreeBlock(parent: Block, used: readonly Block[], prefix: number): string | undefined {
    const bits = parent.family === 4 ? 32 : 128;
    if (prefix < parent.prefix || prefix > bits) return undefined;
    const step = 1n << BigInt(bits - prefix);
    const taken = used.filter(b => b.family === parent.family && overlaps(b, parent)).sort(compareBlocks);
    let candidate = parent.first;
    for (const block of taken) {
        if (block.last < candidate) continue;
        if (block.first > candidate + step - 1n) break;
        candidate = ((block.last + 1n + step - 1n) / step) * step;
    }
    return candidate + step - 1n <= parent.last ? `${formatAddress(parent.family, candidate)}/${prefix}` : undefined;
}

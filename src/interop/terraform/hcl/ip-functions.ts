/**
 * Terraform's IP network functions, as documented on developer.hashicorp.com: the prefix's host
 * bits are ignored (Go's net.ParseCIDR), netnum and hostnum must fit, a negative hostnum counts
 * back from the end of the range.
 */
import { formatAddress, parseAddress } from '../../../simulator/cidr.js';
import { EvalError } from './values.js';

interface Net {
    family: 4 | 6;
    base: bigint;
    prefix: number;
    bits: number;
}

function parseNet(text: string, fn: string): Net {
    const slash = text.indexOf('/');
    const addr = parseAddress(slash < 0 ? text : text.slice(0, slash));
    const prefix = Number(text.slice(slash + 1));
    if (slash < 0 || !addr.ok || !Number.isInteger(prefix)) throw new EvalError(`${fn}: invalid CIDR expression "${text}"`);
    const bits = addr.value.family === 4 ? 32 : 128;
    if (prefix < 0 || prefix > bits) throw new EvalError(`${fn}: invalid CIDR expression "${text}"`);
    const hostBits = BigInt(bits - prefix);
    const base = (addr.value.value >> hostBits) << hostBits;
    return { family: addr.value.family, base, prefix, bits };
}

export function cidrsubnet(prefix: string, newbits: number, netnum: number): string {
    const net = parseNet(prefix, 'cidrsubnet');
    const length = net.prefix + newbits;
    if (!Number.isInteger(newbits) || newbits < 0) throw new EvalError('cidrsubnet: newbits must be a whole number of zero or more');
    if (length > net.bits) throw new EvalError(`cidrsubnet: insufficient address space to extend prefix of ${net.prefix} by ${newbits}`);
    if (!Number.isInteger(netnum) || netnum < 0 || BigInt(netnum) >= 1n << BigInt(newbits)) {
        throw new EvalError(`cidrsubnet: prefix extension of ${newbits} does not accommodate a subnet numbered ${netnum}`);
    }
    const base = net.base | (BigInt(netnum) << BigInt(net.bits - length));
    return `${formatAddress(net.family, base)}/${length}`;
}

export function cidrhost(prefix: string, hostnum: number): string {
    const net = parseNet(prefix, 'cidrhost');
    const size = 1n << BigInt(net.bits - net.prefix);
    const n = BigInt(hostnum);
    if (!Number.isInteger(hostnum) || n >= size || -n > size)
        throw new EvalError(`cidrhost: prefix of ${net.prefix} does not accommodate a host numbered ${hostnum}`);
    return formatAddress(net.family, net.base + (n < 0n ? size + n : n));
}

export function cidrnetmask(prefix: string): string {
    const net = parseNet(prefix, 'cidrnetmask');
    if (net.family !== 4) throw new EvalError('cidrnetmask: only IPv4 prefixes have a netmask');
    return formatAddress(4, ((1n << 32n) - 1n) ^ ((1n << BigInt(32 - net.prefix)) - 1n));
}

/**
 * Consecutive subnets of the given sizes, each at the first address after the previous one
 * aligned to its own size (Terraform's cidrsubnets).
 */
export function cidrsubnets(prefix: string, newbits: number[]): string[] {
    const net = parseNet(prefix, 'cidrsubnets');
    const end = net.base + (1n << BigInt(net.bits - net.prefix));
    let next = net.base;
    return newbits.map((nb, i) => {
        const length = net.prefix + nb;
        if (!Number.isInteger(nb) || nb < 1 || length > net.bits)
            throw new EvalError(`cidrsubnets: invalid new bits ${nb} for argument ${i + 2}`);
        const size = 1n << BigInt(net.bits - length);
        const start = ((next + size - 1n) / size) * size;
        if (start + size > end)
            throw new EvalError(
                `cidrsubnets: not enough remaining address space for a subnet with a prefix of ${length} bits after ${formatAddress(net.family, next - 1n)}`
            );
        next = start + size;
        return `${formatAddress(net.family, start)}/${length}`;
    });
}

/**
 * `Fn::Cidr [ipBlock, count, cidrBits]` as CloudFormation computes it: `count` (1–256) consecutive
 * blocks from the start of ipBlock, each with `cidrBits` host bits, i.e. a prefix of 32 − cidrBits
 * (IPv4) or 128 − cidrBits (IPv6). `cidrBits` is the size of each block's host part, not its
 * prefix length: `!Cidr ["192.168.0.0/24", 6, 5]` gives six /27s.
 */
import { formatAddress, parseAddress } from '../../simulator/cidr.js';

export type CidrResult = { ok: true; blocks: string[] } | { ok: false; why: string };

export function fnCidr(ipBlock: string, count: number, cidrBits: number): CidrResult {
    const slash = ipBlock.indexOf('/');
    const address = parseAddress(slash < 0 ? ipBlock : ipBlock.slice(0, slash));
    const prefix = Number(ipBlock.slice(slash + 1));
    if (slash < 0 || !address.ok || !Number.isInteger(prefix)) return { ok: false, why: `'${ipBlock}' is not a CIDR block` };
    const width = address.value.family === 4 ? 32 : 128;
    if (prefix < 0 || prefix > width) return { ok: false, why: `'${ipBlock}' has prefix /${prefix}` };
    if (!Number.isInteger(count) || count < 1 || count > 256) return { ok: false, why: `count ${count} is outside 1–256` };
    if (!Number.isInteger(cidrBits) || cidrBits < 0 || cidrBits > width)
        return { ok: false, why: `cidrBits ${cidrBits} is outside 0–${width}` };
    const newPrefix = width - cidrBits;
    if (newPrefix < prefix) return { ok: false, why: `blocks of ${cidrBits} host bits (/${newPrefix}) are larger than ${ipBlock}` };
    const available = 1n << BigInt(newPrefix - prefix);
    if (BigInt(count) > available) return { ok: false, why: `${ipBlock} holds ${available} blocks of /${newPrefix}, not ${count}` };
    const hostBits = BigInt(width - prefix);
    // The network of ipBlock (host bits cleared), then steps of one new block.
    const base = (address.value.value >> hostBits) << hostBits;
    const step = 1n << BigInt(cidrBits);
    const blocks: string[] = [];
    for (let i = 0n; i < BigInt(count); i++) blocks.push(`${formatAddress(address.value.family, base + i * step)}/${newPrefix}`);
    return { ok: true, blocks };
}

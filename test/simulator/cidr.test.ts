/** Pins what vpc-lab takes from ip-num: parsing, containment, overlap and the reserved addresses. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
    contains,
    findOverlaps,
    formatAddress,
    nextFreeBlock,
    overlaps,
    parseAddress,
    parseCidr,
    reservedAddresses,
    type Block
} from '../../src/simulator/cidr.js';

function block(text: string): Block {
    const parsed = parseCidr(text);
    if (!parsed.ok) throw new Error(parsed.problem.message);
    return parsed.value;
}

describe('cidr', () => {
    it('parses IPv4 and IPv6 blocks into intervals', () => {
        const v4 = block('10.0.0.0/16');
        expect([v4.family, v4.prefix, v4.last - v4.first + 1n]).toEqual([4, 16, 65536n]);
        const v6 = block('2600:1f18:1234:ab00::/56');
        expect([v6.family, v6.prefix, v6.last - v6.first + 1n]).toEqual([6, 56, 2n ** 72n]);
        expect(block('::/0').prefix).toBe(0);
    });

    it('names the network of a block with host bits set', () => {
        const parsed = parseCidr('10.0.0.1/16');
        expect(parsed.ok ? undefined : parsed.problem).toMatchObject({ kind: 'host-bits', network: '10.0.0.0/16' });
        const v6 = parseCidr('2600:1f18:1234:ab01::/56');
        expect(v6.ok ? undefined : v6.problem).toMatchObject({ kind: 'host-bits', network: '2600:1f18:1234:ab00::/56' });
    });

    it('rejects malformed text with a reason', () => {
        for (const text of ['10.0.0.256/16', '10.0.0/16', '10.0.0.0/33', '2600:zz::/56', '10.0.0.0']) {
            const parsed = parseCidr(text);
            expect(parsed.ok, text).toBe(false);
        }
        expect(parseAddress('10.0.1.10/24').ok).toBe(false);
    });

    it('treats containment as overlap, and adjacent blocks as disjoint', () => {
        expect(overlaps(block('10.0.0.0/16'), block('10.0.1.0/24'))).toBe(true);
        expect(overlaps(block('10.0.0.0/17'), block('10.0.128.0/17'))).toBe(false);
        expect(overlaps(block('10.0.0.0/16'), block('2600::/56'))).toBe(false);
        expect(contains(block('10.0.0.0/16'), block('10.0.128.0/17'))).toBe(true);
        expect(contains(block('10.0.128.0/17'), block('10.0.0.0/16'))).toBe(false);
    });

    it('lists the five reserved addresses of a subnet', () => {
        const reserved = reservedAddresses(block('10.0.0.0/24')).map(r => formatAddress(4, r.value));
        expect(reserved).toEqual(['10.0.0.0', '10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.255']);
        const v6 = reservedAddresses(block('2600:1f18:1234:ab01::/64')).map(r => formatAddress(6, r.value));
        expect(v6).toEqual([
            '2600:1f18:1234:ab01::',
            '2600:1f18:1234:ab01::1',
            '2600:1f18:1234:ab01::2',
            '2600:1f18:1234:ab01::3',
            '2600:1f18:1234:ab01:ffff:ffff:ffff:ffff'
        ]);
    });

    it('never throws, whatever text the lexer lets through', () => {
        const v6 = fc.stringMatching(/^(?:[0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F.]*(?:\/[0-9]+)?$/);
        const v4 = fc.stringMatching(/^[0-9]+(?:\.[0-9]+)+(?:\/[0-9]+)?$/);
        fc.assert(
            fc.property(fc.oneof(v4, v6), text => {
                const block = parseCidr(text);
                const address = parseAddress(text);
                expect(typeof block.ok).toBe('boolean');
                expect(typeof address.ok).toBe('boolean');
            }),
            { numRuns: 5000 }
        );
        expect(parseCidr('::0:a:a/00').ok).toBe(false);
    });

    it('finds exactly the blocks that overlap an earlier one, as the all-pairs answer does', () => {
        const arbitraryBlock = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 8, max: 24 })).map(([octet, prefix]) => {
            const parsed = parseCidr(`10.${octet}.0.0/16`);
            if (!parsed.ok) throw new Error('bad');
            const size = 2n ** BigInt(32 - prefix);
            const first = (parsed.value.first / size) * size;
            return { family: 4 as const, first, last: first + size - 1n, prefix, text: `${formatAddress(4, first)}/${prefix}` };
        });
        fc.assert(
            fc.property(fc.array(arbitraryBlock, { maxLength: 40 }), blocks => {
                const fast = findOverlaps(blocks, b => b).map(p => blocks.indexOf(p.later));
                const slow: number[] = [];
                blocks.forEach((b, i) => {
                    if (blocks.slice(0, i).some(e => overlaps(e, b))) slow.push(i);
                });
                expect(fast).toEqual(slow);
            }),
            { numRuns: 300 }
        );
    });

    it('finds the next free block: after the used ones, aligned, and none when the parent is full', () => {
        const vpc = block('10.0.0.0/16');
        expect(nextFreeBlock(vpc, [], 24)).toBe('10.0.0.0/24');
        expect(nextFreeBlock(vpc, [block('10.0.0.0/24'), block('10.0.1.0/24')], 24)).toBe('10.0.2.0/24');
        expect(nextFreeBlock(vpc, [block('10.0.0.0/28')], 24)).toBe('10.0.1.0/24');
        expect(nextFreeBlock(vpc, [block('10.0.0.0/17')], 17)).toBe('10.0.128.0/17');
        expect(nextFreeBlock(vpc, [block('10.0.0.0/17'), block('10.0.128.0/17')], 24)).toBeUndefined();
        expect(nextFreeBlock(block('2600:1f18:1234:ab00::/56'), [block('2600:1f18:1234:ab00::/64')], 64)).toBe('2600:1f18:1234:ab01::/64');
    });

    it('finds the lowest free aligned block, as a scan of every candidate does', () => {
        const parent = block('10.0.0.0/24');
        const used = fc
            .array(fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 25, max: 30 })), { maxLength: 8 })
            .map(list => list.map(([offset, prefix]) => block(`10.0.0.${offset & ~((1 << (32 - prefix)) - 1)}/${prefix}`)));
        fc.assert(
            fc.property(used, fc.integer({ min: 24, max: 30 }), (blocks, prefix) => {
                const step = 1n << BigInt(32 - prefix);
                let expected: string | undefined;
                for (let start = parent.first; start + step - 1n <= parent.last; start += step) {
                    const candidate = block(`${formatAddress(4, start)}/${prefix}`);
                    if (!blocks.some(b => overlaps(b, candidate))) {
                        expected = candidate.text;
                        break;
                    }
                }
                expect(nextFreeBlock(parent, blocks, prefix)).toBe(expected);
            }),
            { numRuns: 300 }
        );
    });
});

/**
 * Property: whatever the text - mutated, truncated or spliced from the examples - checking never
 * throws, always ends, and every diagnostic range lies inside its document.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { simulate } from '../../src/simulator/simulate.js';
import { check } from '../helpers.js';

const folder = new URL('../../examples/', import.meta.url);
const sources = readdirSync(folder)
    .filter(f => f.endsWith('.vpc'))
    .map(f => readFileSync(new URL(f, folder), 'utf8'));
sources.push(readFileSync(new URL('../fixtures/language-reference.vpc', import.meta.url), 'utf8'));

const pieces = [
    '{',
    '}',
    '->',
    '/',
    '.',
    ',',
    ':',
    '"',
    '/*',
    '//',
    '\n',
    ' ',
    '10.0.0.0/16',
    '::/0',
    'vpc',
    'subnet',
    'route',
    'main',
    'probe',
    'cidr',
    'sg',
    'prefix-list',
    '-',
    '0',
    '65536',
    'ip',
    'az',
    'x-',
    '255.255.255.255/0',
    '\u00e9',
    '\t',
    '${',
    'peering'
];

const mutation = fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...pieces) }),
    fc.record({
        kind: fc.constant('splice' as const),
        at: fc.nat(),
        from: fc.nat(),
        source: fc.nat(),
        length: fc.integer({ min: 1, max: 200 })
    })
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function apply(text: string, m: Mutation): string {
    const at = text.length === 0 ? 0 : m.at % (text.length + 1);
    switch (m.kind) {
        case 'truncate':
            return text.slice(0, at);
        case 'delete':
            return text.slice(0, at) + text.slice(at + m.length);
        case 'insert':
            return text.slice(0, at) + m.text + text.slice(at);
        case 'splice': {
            const other = sources[m.source % sources.length]!;
            const from = m.from % (other.length + 1);
            return text.slice(0, at) + other.slice(from, from + m.length) + text.slice(at);
        }
        default:
            return text;
    }
}

describe('checking arbitrary damage to real files', () => {
    // Langium catches a check that throws and logs it; here that is a failure.
    let errors: unknown[][] = [];
    beforeEach(() => {
        errors = [];
        vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
            errors.push(args);
        });
    });
    afterEach(() => {
        vi.restoreAllMocks();
    });

    it('never throws and keeps every range inside its document', async () => {
        await fc.assert(
            fc.asyncProperty(
                fc.nat({ max: sources.length - 1 }),
                fc.array(mutation, { minLength: 1, maxLength: 6 }),
                async (index, mutations) => {
                    errors = [];
                    const text = mutations.reduce(apply, sources[index]!);
                    const result = await check({ 'a.vpc': text, 'b.vpc': sources[(index + 1) % sources.length]! });
                    for (const document of result.documents) {
                        const lines = document.textDocument.getText().split('\n');
                        for (const d of document.diagnostics ?? []) {
                            for (const p of [d.range.start, d.range.end]) {
                                expect(p.line).toBeGreaterThanOrEqual(0);
                                expect(p.line).toBeLessThan(lines.length);
                                expect(p.character).toBeGreaterThanOrEqual(0);
                                expect(p.character).toBeLessThanOrEqual(lines[p.line]!.length);
                            }
                            expect(typeof d.code).toBe('string');
                        }
                    }
                    expect(errors.map(e => (e[1] instanceof Error ? e[1].stack : String(e[0])))).toEqual([]);
                }
            ),
            {
                numRuns: Number(process.env.VPC_LAB_FUZZ_RUNS ?? 150),
                ...(process.env.VPC_LAB_FUZZ_SEED ? { seed: Number(process.env.VPC_LAB_FUZZ_SEED) } : {})
            }
        );
    }, 120_000);
});

describe('ENIs without an IPv4 address', () => {
    it('a private-DNS endpoint whose only subnet is IPv6-only does not capture the service name', async () => {
        const result = await check(`vpc v {
  cidr 10.0.0.0/16
  ipv6 2600:1f18:1234:ab00::/56
  dns-hostnames on
  subnet app az us-east-1a { cidr 10.0.1.0/24 }
  subnet v6 az us-east-1b { ipv6 2600:1f18:1234:ab06::/64 }
  security-group ep { ingress tcp 443 from 10.0.0.0/16 }
  interface-endpoint ssm service ssm { subnets v6 security-groups ep }
  instance web subnet app { ip 10.0.1.10 }
}
probe web -> service ssm tcp 443
`);
        const [probe] = simulate(result.services.workspace.WorkspaceModel.get().topology);
        expect(probe!.hops[0]!.detail).toMatch(/resolves to the service's public address/);
    });
});

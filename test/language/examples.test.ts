/**
 * Every example checks clean or carries exactly the diagnostics its comments announce:
 * `// ✗ code` for an error, `// ⚠ code` for a warning, `// ℹ code` for a note, on that line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { check } from '../helpers.js';

const folder = new URL('../../examples/', import.meta.url);
const examples = readdirSync(folder)
    .filter(f => f.endsWith('.vpc'))
    .sort();
const MARK = { '✗': 1, '⚠': 2, ℹ: 3 } as const;

function announced(text: string): string[] {
    return text
        .split('\n')
        .flatMap((line, i) =>
            [...line.matchAll(/\/\/.*?([✗⚠ℹ]) ([a-z0-9-]+)/gu)].map(m => `${i + 1} ${MARK[m[1] as keyof typeof MARK]} ${m[2]}`)
        );
}

describe('examples', () => {
    it('include the tour and one topology per concept checked so far', () => {
        expect(examples).toEqual(
            expect.arrayContaining([
                'tour.vpc',
                'peering-overlap.vpc',
                'hub-and-spokes.vpc',
                'subnet-sizing.vpc',
                'flow-logs.vpc',
                'stateful-vs-stateless.vpc',
                'gateway-endpoints.vpc',
                'interface-endpoints.vpc',
                'ipv6-egress.vpc',
                'transit-hub.vpc',
                'three-tier.vpc',
                'saas-privatelink.vpc'
            ])
        );
    });

    for (const name of examples) {
        it(`${name} has exactly the diagnostics it announces`, async () => {
            const text = readFileSync(new URL(name, folder), 'utf8');
            const result = await check({ [name]: text });
            const found = result.diagnostics.map(d => `${d.range.start.line + 1} ${d.severity} ${d.code}`).sort();
            expect(found).toEqual(announced(text).sort());
        });
    }

    it('the tour checks clean', async () => {
        const result = await check(readFileSync(new URL('tour.vpc', folder), 'utf8'));
        expect(result.diagnostics.map(d => d.message)).toEqual([]);
    });
});

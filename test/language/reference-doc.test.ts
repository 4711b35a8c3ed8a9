/**
 * Every `vpc` code block of docs/language.md checks without errors: a whole-file block as it is,
 * and so does a `vpc fragment` block (members of a VPC) once wrapped in a VPC.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { check } from '../helpers.js';

const doc = readFileSync(new URL('../../docs/language.md', import.meta.url), 'utf8');
const blocks = [...doc.matchAll(/^```vpc( fragment)?\n([\s\S]*?)^```$/gm)].map(m => ({
    fragment: m[1] !== undefined,
    text: m[2]!,
    line: doc.slice(0, m.index).split('\n').length
}));

describe('docs/language.md', () => {
    it('has code blocks of both sorts', () => {
        expect(blocks.filter(b => b.fragment).length).toBeGreaterThan(5);
        expect(blocks.filter(b => !b.fragment).length).toBeGreaterThan(5);
    });

    for (const block of blocks) {
        it(`block at line ${block.line} checks without errors${block.fragment ? ' inside a VPC' : ''}`, async () => {
            const text = block.fragment ? `vpc doc {\n  cidr 10.0.0.0/16\n  ipv6 2600:1f18:1234:ab00::/56\n${block.text}}\n` : block.text;
            const result = await check(text);
            const found = result.diagnostics.filter(d => d.severity === 1);
            expect(found.map(d => `${d.range.start.line + 1} [${d.code}] ${d.message}`)).toEqual([]);
        });
    }

    it('lists every keyword that may be a name, and every reject reason', async () => {
        const { NAME_KEYWORDS } = await import('../../src/printer/names.js');
        const { REJECT_REASONS } = await import('../../src/model/reasons.js');
        for (const word of NAME_KEYWORDS) expect(doc).toContain(`\`${word}\``);
        for (const reason of REJECT_REASONS) expect(doc).toContain(`\`${reason}\``);
    });
});

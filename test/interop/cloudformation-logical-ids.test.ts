/** Logical ids of the CloudFormation export: PascalCase from the words given, repeats left out, unique in their template. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Template } from '../../src/interop/cloudformation/export/template.js';

const unit = { name: 'a-us-east-1', account: '123456789012', region: 'us-east-1' };

/** The rule as words: the alphanumeric runs, each dropped when equal (in any case) to the one before, in PascalCase, 240 characters at most. */
function expected(words: string[]): string {
    const parts = words
        .join('-')
        .split(/[^A-Za-z0-9]+/)
        .filter(Boolean);
    const distinct = parts.filter((word, i) => i === 0 || word.toLowerCase() !== parts[i - 1]!.toLowerCase());
    const text = distinct.map(w => w[0]!.toUpperCase() + w.slice(1)).join('');
    return (/^[0-9]/.test(text) ? `N${text}` : text || 'Unnamed').slice(0, 240);
}

describe('logical ids', () => {
    it('joins the words in PascalCase without a word repeated, N before a digit, Unnamed for none', () => {
        const template = new Template(unit, []);
        expect(template.allocate('app', 'app-vpc')).toBe('AppVpc');
        expect(template.allocate('web-1', 'ingress', '1')).toBe('Web1Ingress1');
        expect(template.allocate('10-net', 'Net', 'subnet')).toBe('N10NetSubnet');
        expect(template.allocate('--', '')).toBe('Unnamed');
        expect(template.allocate('app', 'App', 'APP', 'vpc')).toBe('AppVpc2');
    });

    it('gives any words the id the rule says, numbered on when taken', () => {
        const word = fc.string({ unit: fc.constantFrom(...'aAbB019-_. é') });
        fc.assert(
            fc.property(fc.array(fc.array(word, { maxLength: 4 }), { minLength: 1, maxLength: 6 }), lists => {
                const template = new Template(unit, []);
                const seen = new Set<string>();
                for (const words of lists) {
                    const id = template.allocate(...words);
                    expect(seen.has(id)).toBe(false);
                    seen.add(id);
                    const base = expected(words);
                    expect(id === base || (id.startsWith(base) && /^\d+$/.test(id.slice(base.length)))).toBe(true);
                }
            })
        );
        fc.assert(
            fc.property(fc.array(word, { maxLength: 5 }), words => {
                expect(new Template(unit, []).allocate(...words)).toBe(expected(words));
            })
        );
    });
});

/** The generated docs match the registries they come from. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { conceptsDoc, diagnosticsDoc, manifestWithSeverities } from '../src/docs/generate.js';
import { allCodes } from '../src/model/codes.js';
import { CONCEPTS } from '../src/language/lsp/concepts.js';

describe('generated docs', () => {
    it('docs/concepts.md is up to date (npm run docs)', () => {
        expect(readFileSync('docs/concepts.md', 'utf8')).toBe(conceptsDoc());
        for (const c of Object.values(CONCEPTS)) expect(conceptsDoc()).toContain(c.text);
    });

    it('docs/diagnostics.md is up to date (npm run docs) and lists every code', () => {
        const doc = readFileSync('docs/diagnostics.md', 'utf8');
        expect(doc).toBe(diagnosticsDoc());
        for (const code of allCodes) expect(doc).toContain(`\n## ${code}\n`);
    });

    it('package.json offers every code in the vpc.severity setting, with its default (npm run docs)', () => {
        const text = readFileSync('package.json', 'utf8');
        expect(text).toBe(manifestWithSeverities(text));
        const properties = JSON.parse(text).contributes.configuration.properties['vpc.severity'].properties as Record<string, unknown>;
        expect(Object.keys(properties).sort()).toEqual([...allCodes].sort());
    });
});

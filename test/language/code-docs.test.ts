/** Every diagnostic's documented example really produces it. */
import { describe, expect, it } from 'vitest';
import { CODE_DOCS } from '../../src/model/code-docs.js';
import { check } from '../helpers.js';

describe('the examples in docs/diagnostics.md', () => {
    for (const [code, doc] of Object.entries(CODE_DOCS)) {
        it(`${code}: its example reports it`, async () => {
            const result = await check(`${doc.example}\n`);
            expect(result.codes(), doc.example).toContain(code);
        });
    }
});

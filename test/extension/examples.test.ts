/** "VPC: Open a Teaching Example" without an argument: the quick pick lists every shipped example once, the walkthrough's first. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { examplePicks, TEACHING_EXAMPLES, teachingExample } from '../../src/extension/examples.js';
import { WALKTHROUGH_STEPS } from '../../src/extension/walkthrough-steps.js';
import { root } from '../cli/run.js';

describe('the teaching examples offered by VPC: Open a Teaching Example', () => {
    it('lists each file of examples/ exactly once, and nothing else', () => {
        const shipped = readdirSync(join(root, 'examples'))
            .filter(f => f.endsWith('.vpc'))
            .sort();
        const listed = TEACHING_EXAMPLES.map(e => e.file);
        expect(new Set(listed).size).toBe(listed.length);
        expect([...listed].sort()).toEqual(shipped);
    });

    it("puts the walkthrough's examples first, in the walkthrough's order", () => {
        expect(TEACHING_EXAMPLES.slice(0, WALKTHROUGH_STEPS.length).map(e => e.file)).toEqual(WALKTHROUGH_STEPS.map(s => s.file));
    });

    it('gives each a title and a one-line description that fit a quick pick', () => {
        const titles = TEACHING_EXAMPLES.map(e => e.title);
        expect(new Set(titles).size).toBe(titles.length);
        for (const e of TEACHING_EXAMPLES) {
            expect(e.title.length, e.file).toBeGreaterThan(5);
            expect(e.title.length, e.file).toBeLessThanOrEqual(45);
            expect(e.detail, e.file).not.toMatch(/\n/);
            expect(e.detail.length, e.file).toBeLessThanOrEqual(120);
        }
    });

    it('shows the title as the label, the file beside it and the description under it, and knows each file back', () => {
        const picks = examplePicks();
        expect(picks).toHaveLength(TEACHING_EXAMPLES.length);
        expect(picks[0]).toEqual({
            label: 'Flow logs at three capture levels',
            description: 'flow-logs.vpc',
            detail: TEACHING_EXAMPLES[0]!.detail,
            file: 'flow-logs.vpc'
        });
        for (const pick of picks) expect(teachingExample(pick.file)?.title).toBe(pick.label);
        expect(teachingExample('missing.vpc')).toBeUndefined();
        expect(teachingExample(undefined)).toBeUndefined();
    });

    it("the README's table of examples names the same files", () => {
        const readme = readFileSync(join(root, 'README.md'), 'utf8');
        const table = readme.slice(readme.indexOf('## Examples'));
        const named = [...table.matchAll(/^\| \[`([\w-]+\.vpc)`\]\(examples\/\1\)/gm)].map(m => m[1]);
        expect([...new Set(named)].sort()).toEqual(TEACHING_EXAMPLES.map(e => e.file).sort());
    });
});

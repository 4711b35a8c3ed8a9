/** The walkthrough: each step opens an example that exists, has a page, and is done only when every probe of its file passes. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { completedSteps, stepContext, WALKTHROUGH_STEPS } from '../../src/extension/walkthrough-steps.js';
import type { ProbesResult } from '../../src/protocol.js';
import { root } from '../cli/run.js';

const probe = (file: string, met: boolean | null, verdict: 'ACCEPT' | 'REJECT' = 'ACCEPT') =>
    ({
        id: `probe:${file}`,
        name: 'p',
        text: 'a -> b tcp 1',
        verdict,
        reason: null,
        hops: [],
        blockers: [],
        met,
        loc: {
            uri: `file:///home/me/.vscode/extensions/vpc-lab/examples/${file}`,
            range: { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } }
        }
    }) as unknown as ProbesResult[number];

describe('the first-hour walkthrough', () => {
    it('declares one step per teaching example, each with its page, its example and its completion context', () => {
        const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
        const [walkthrough] = pkg.contributes.walkthroughs;
        expect(walkthrough.steps.map((s: { id: string }) => s.id)).toEqual(WALKTHROUGH_STEPS.map(s => s.id));
        for (const [i, step] of WALKTHROUGH_STEPS.entries()) {
            const declared = walkthrough.steps[i];
            expect(existsSync(join(root, 'examples', step.file)), step.file).toBe(true);
            expect(existsSync(join(root, declared.media.markdown)), declared.media.markdown).toBe(true);
            expect(declared.completionEvents).toEqual([`onContext:${stepContext(step)}`]);
            expect(declared.description).toContain(`command:vpc-lab.openExample?${encodeURIComponent(JSON.stringify([step.file]))}`);
        }
        expect(pkg.contributes.commands.map((c: { command: string }) => c.command)).toContain('vpc-lab.openExample');
    });

    it('a step is done when its file has probes and all meet their expectation; a failing or absent one leaves it open', () => {
        expect(completedSteps([])).toEqual([]);
        expect(completedSteps([probe('flow-logs.vpc', true), probe('flow-logs.vpc', null, 'ACCEPT')]).map(s => s.id)).toEqual(['flowLogs']);
        expect(completedSteps([probe('flow-logs.vpc', true), probe('flow-logs.vpc', false)])).toEqual([]);
        // Without an expectation, a rejected probe is not as it should be.
        expect(completedSteps([probe('ipv6-egress.vpc', null, 'REJECT')])).toEqual([]);
        // A file of the same name elsewhere counts; a file that only ends alike does not.
        expect(completedSteps([probe('my-tour.vpc', true)])).toEqual([]);
        expect(completedSteps([probe('tour.vpc', true)]).map(s => s.id)).toEqual(['peering']);
    });
});

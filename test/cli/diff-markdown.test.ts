/**
 * The Markdown report is posted as a pull-request comment, which GitHub refuses beyond 65,536
 * characters: a large change keeps its headline and table, and its folded details are cut at a
 * line with what is left out said.
 */
import { describe, expect, it } from 'vitest';
import type { DiffReport, ReportCause } from '../../src/cli/diff-report.js';
import { COMMENT_LIMIT, formatDiffMarkdown } from '../../src/cli/diff-text.js';

function report(elements: number, exposed: number): DiffReport {
    const changed: ReportCause[] = Array.from({ length: elements }, (_, i) => ({
        change: 'added',
        text: `subnet v${i}.private-${i} cidr 10.${i % 256}.${Math.floor(i / 256)}.0/24`,
        after: { file: `vpcs/v${i}.vpc`, line: 10 + i, column: 1 }
    }));
    return {
        before: 'main',
        after: 'working tree',
        summary: { opened: exposed, closed: 0, reason: 0, probes: 0, elements, findingsAdded: 0, findingsGone: 0 },
        exposure: Array.from({ length: exposed }, (_, i) => ({ to: `v${i}.web-${i}`, traffic: 'tcp 443' })),
        traffic: ['tcp 443'],
        flows: Array.from({ length: exposed }, (_, i) => ({
            change: 'opened' as const,
            traffic: ['tcp 443'],
            from: ['internet'],
            to: [`v${i}.web-${i}`],
            before: { verdict: 'REJECT' as const, reason: 'SG_INGRESS' },
            after: { verdict: 'ACCEPT' as const, reason: null },
            causes: changed.slice(0, 40)
        })),
        probes: [],
        findings: { added: [], gone: [] },
        elements: changed
    };
}

describe('diff --format markdown', () => {
    it('a small change is posted whole: the details are not cut', () => {
        const markdown = formatDiffMarkdown(report(3, 1));
        expect(markdown).not.toContain('more lines');
        expect(markdown).toContain('added subnet v2.private-2 cidr 10.2.0.0/24 (vpcs/v2.vpc:12)');
        expect(markdown.trimEnd().endsWith('</details>')).toBe(true);
    });

    it('a change of thousands of elements fits in one comment: headline, table, and details cut at a line with the count left out', () => {
        const markdown = formatDiffMarkdown(report(5000, 300));
        expect(markdown.length).toBeLessThanOrEqual(COMMENT_LIMIT);
        expect(markdown.split('\n')[0]).toMatch(/^### 🔓 Reachability: 300 flows changed: 300 newly open/);
        // The exposure line names the first few and counts the rest.
        expect(markdown).toMatch(/\*\*Newly reachable from the internet:\*\* `v0\.web-0` tcp 443, .* and 290 more/);
        // Twenty table rows, each cell bounded, then the rest counted.
        expect(
            markdown.match(/^\| opened \| tcp 443 \| internet \| v\d+\.web-\d+ \| REJECT SG_INGRESS \| ACCEPT \| added subnet /gm)
        ).toHaveLength(20);
        for (const row of markdown.split('\n').filter(l => l.startsWith('| opened'))) expect(row.length).toBeLessThan(500);
        expect(markdown).toContain('… and 280 more rows below.');
        const cut = /… (\d+) more lines: the whole report is in/.exec(markdown);
        expect(Number(cut?.[1])).toBeGreaterThan(1000);
        expect(markdown.trimEnd().endsWith('</details>')).toBe(true);
        // The fence is closed after the cut, so the comment renders.
        expect(markdown.match(/^```/gm)).toHaveLength(2);
    });
});

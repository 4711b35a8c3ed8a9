/**
 * The preview's Changes tab in a real browser: a comparison (computed as the language server does,
 * from test/fixtures/compare: ssh opened to the world on web-1) posted to the page of the AFTER
 * side, its groups, the deciding hops and causes of a change, and its two paths on the diagram.
 * Expected verdicts follow AWS's documentation: an instance with a public IPv4 address behind an
 * internet gateway route is reachable from the internet on what its security groups admit.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../src/cli/workspace.js';
import { compareResult } from '../../src/language-server/compare-result.js';
import type { CompareResult } from '../../src/protocol.js';
import { diffTopologies } from '../../src/simulator/diff.js';
import { launchChromium } from '../e2e/browser.js';
import { root, vpcLab } from '../cli/run.js';

let browser: Browser;
let folder: string;
let page: Page;
let result: CompareResult;
const errors: string[] = [];

beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'vpc-changes-'));
    for (const side of ['before', 'after']) copyFileSync(join(root, `test/fixtures/compare/${side}.vpc`), join(folder, `${side}.vpc`));
    const [before, after] = await Promise.all(
        ['before', 'after'].map(async side => (await loadWorkspace([join(folder, `${side}.vpc`)])).model())
    );
    const diff = diffTopologies(before!.topology, after!.topology, { compiled: { before: before!.compiled(), after: after!.compiled() } });
    result = { revision: 'HEAD', commit: 'a'.repeat(40), ...compareResult(diff, before!, after!) };
    const run = vpcLab(['preview', join(folder, 'after.vpc'), '-o', join(folder, 'after.html')]);
    expect(run.code).toBe(0);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', e => errors.push(String(e)));
    page.on('console', m => {
        if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`file://${join(folder, 'after.html')}`);
    await page.waitForSelector('body[data-ready]');
});

afterAll(async () => {
    await browser?.close();
    rmSync(folder, { recursive: true, force: true });
});

describe('the Changes tab', () => {
    it('says how to start a comparison until one arrives', async () => {
        await page.click('#tab-changes');
        expect(await page.locator('#view-changes').innerText()).toContain('Compare Reachability with');
    });

    it('groups the changed flows and probes, newly open first', async () => {
        await page.evaluate(data => window.postMessage({ type: 'compare', data }, '*'), result);
        await page.waitForSelector('.change-group');
        expect(await page.locator('.compare-head').innerText()).toContain('Compared with HEAD (aaaaaaa)');
        expect(await page.locator('.change-group').evaluateAll(n => n.map(g => g.getAttribute('data-group')))).toEqual(['opened']);
        const titles = await page.locator('.change .change-title').allInnerTexts();
        expect(titles.sort()).toEqual([
            'app.db-1 → app.web-1 tcp 22',
            'internet → app.web-1 tcp 22',
            'probe admin: internet -> web-1 tcp 22'
        ]);
        expect(await page.locator('.change', { hasText: 'internet → app.web-1' }).locator('.change-verdicts').innerText()).toBe(
            'REJECT SG_INGRESS → ACCEPT'
        );
    });

    it('a chosen change shows the deciding hop on each side and the line that caused it, which reveals', async () => {
        const item = page.locator('.change', { hasText: 'internet → app.web-1 tcp 22' });
        await item.click();
        expect(await item.getAttribute('aria-selected')).toBe('true');
        expect(await item.locator('.hop.compare-before').innerText()).toMatch(/^before: security-group web-sg/);
        expect(await item.locator('.hop.compare-after').innerText()).toMatch(/^after: /);
        const cause = item.locator('button.cause');
        expect(await cause.innerText()).toMatch(/^added .*ingress tcp 22 from 0\.0\.0\.0\/0 after\.vpc:13$/);
        await cause.click();
        expect(await page.locator('.status-line').innerText()).toMatch(/after\.vpc:13:/);
    });

    it("draws the chosen change's paths on the diagram in two colours, before dashed", async () => {
        await page.click('.change.selected button.show-diagram');
        expect(await page.locator('#view-diagram').isVisible()).toBe(true);
        const before = page.locator('polyline.compare-path.compare-before');
        const after = page.locator('polyline.compare-path.compare-after');
        expect(await before.count()).toBe(1);
        expect(await after.count()).toBe(1);
        const style = (line: typeof before) =>
            line.evaluate(n => {
                const s = getComputedStyle(n);
                return { stroke: s.stroke, dash: s.strokeDasharray };
            });
        const [b, a] = [await style(before), await style(after)];
        expect(b.stroke).not.toBe(a.stroke);
        expect(b.dash).not.toBe('none');
        expect(a.dash).toBe('none');
        // Both sides come in from the internet to web-1: its box is on both paths.
        const marked = (cls: string) => page.locator(`g.box.${cls}`).evaluateAll(n => n.map(g => g.getAttribute('data-id')));
        expect(await marked('compare-before')).toContain('instance:app.web-1');
        expect(await marked('compare-after')).toContain('instance:app.web-1');
        expect(await marked('compare-after')).toContain('internet');
    });

    it('keeps the paths when the diagram is drawn again, and clears them when the comparison ends', async () => {
        const ready = await page.evaluate(() => document.body.dataset.ready);
        await page.evaluate(() =>
            window.postMessage({ type: 'update', data: JSON.parse(document.getElementById('vpc-lab-data')!.textContent!) }, '*')
        );
        await page.waitForFunction(previous => document.body.dataset.ready !== previous, ready);
        expect(await page.locator('polyline.compare-path').count()).toBe(2);
        await page.evaluate(() => window.postMessage({ type: 'compare', data: { revision: 1, changes: 'x' } }, '*'));
        await page.evaluate(() => new Promise(r => setTimeout(r, 50)));
        expect(await page.locator('polyline.compare-path').count()).toBe(2);
        await page.evaluate(() => window.postMessage({ type: 'compare', data: null }, '*'));
        await page.waitForFunction(() => document.querySelectorAll('polyline.compare-path').length === 0);
        expect(await page.locator('g.box.compare-after').count()).toBe(0);
        expect(errors).toEqual([]);
    });

    it('shows an unreadable revision as one line', async () => {
        await page.evaluate(() =>
            window.postMessage(
                {
                    type: 'compare',
                    data: { revision: 'nope', commit: '', changes: [], elements: [], error: "git knows no revision 'nope'" }
                },
                '*'
            )
        );
        await page.click('#tab-changes');
        expect(await page.locator('#view-changes .banner').innerText()).toBe("git knows no revision 'nope'");
    });
});

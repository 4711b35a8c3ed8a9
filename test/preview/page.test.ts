/**
 * The standalone preview page in a real browser: the page `vpc-lab preview` writes for the tour,
 * its diagram, a rejected probe's path, the matrix, the flow-log records, both themes, and input
 * it must not trust.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../src/cli/workspace.js';
import { launchChromium } from '../e2e/browser.js';
import { root, vpcLab } from '../cli/run.js';

let browser: Browser;
let folder: string;
let page: Page;
const errors: string[] = [];

async function open(file: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    const p = await browser.newPage({ viewport: { width: 1400, height: 900 }, colorScheme });
    p.on('pageerror', e => errors.push(String(e)));
    p.on('console', m => {
        if (m.type() === 'error') errors.push(m.text());
    });
    // The page may load nothing from the network: any request but the file itself fails the test.
    p.on('request', r => {
        // blob: is the page's own script, started again as its layout worker.
        if (!/^(file|data|blob):/.test(r.url())) errors.push(`network request: ${r.url()}`);
    });
    await p.goto(`file://${file}`);
    await p.waitForSelector('body[data-ready]');
    return p;
}

beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'vpc-preview-'));
    const run = vpcLab(['preview', 'examples/tour.vpc', '-o', join(folder, 'tour.html')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    browser = await launchChromium();
    page = await open(join(folder, 'tour.html'));
});

afterAll(async () => {
    await browser?.close();
    rmSync(folder, { recursive: true, force: true });
});

describe('the standalone preview of the tour', () => {
    it('draws every VPC and subnet of the tour, inside its region', async () => {
        const workspace = await loadWorkspace([join(root, 'examples/tour.vpc')]);
        const { topology } = workspace.model();
        const drawn = async (kind: string) =>
            (await page.locator(`g.box-${kind}`).evaluateAll(nodes => nodes.map(n => n.getAttribute('data-id')))).sort();
        expect(await drawn('vpc')).toEqual(topology.vpcs.map(v => v.id).sort());
        expect(await drawn('subnet')).toEqual(topology.subnets.map(s => s.id).sort());
        expect(await drawn('region')).toEqual(['region:eu-west-1', 'region:us-east-1']);
        // Each subnet box lies inside its VPC's box.
        for (const subnet of topology.subnets) {
            const inner = await page.locator(`g.box[data-id="${subnet.id}"] > rect`).boundingBox();
            const outer = await page.locator(`g.box[data-id="${subnet.vpc}"] > rect`).boundingBox();
            expect(inner!.x).toBeGreaterThanOrEqual(outer!.x);
            expect(inner!.y + inner!.height).toBeLessThanOrEqual(outer!.y + outer!.height + 0.5);
        }
        // Each interface endpoint has an ENI in each of its subnets, inside that subnet's box.
        for (const endpoint of topology.interfaceEndpoints) {
            for (const { value: subnet } of endpoint.subnets) {
                const eni = await page.locator(`g.box-interface-endpoint[data-id="${endpoint.id}@${subnet}"] > rect`).boundingBox();
                const box = await page.locator(`g.box[data-id="${subnet}"] > rect`).boundingBox();
                expect(eni, `${endpoint.id} in ${subnet}`).not.toBeNull();
                expect(eni!.y).toBeGreaterThanOrEqual(box!.y);
                expect(eni!.y + eni!.height).toBeLessThanOrEqual(box!.y + box!.height + 0.5);
            }
        }
        // A gateway endpoint names the route tables it adds its prefix list to.
        expect(await page.locator('g.box[data-id="gateway-endpoint:app.s3gw"] text.line').textContent()).toContain(
            'prefix list pl-s3 in private'
        );
        // The cross-region, cross-account peering is marked as both.
        await expect
            .poll(() => page.locator('g.edge[data-id="peering:app-eu"]').getAttribute('class'))
            .toMatch(/cross-region.*cross-account|cross-account.*cross-region/);
        expect(errors).toEqual([]);
    });

    it('a rejected probe: its path highlighted, the blocker in red, the hop table naming the deciding hop', async () => {
        await page.click('[data-probe="probe:s3-delete"]');
        const marked = async (cls: string) =>
            (await page.locator(`g.box.${cls}`).evaluateAll(nodes => nodes.map(n => n.getAttribute('data-id')))).sort();
        expect(await marked('on-path')).toEqual(
            expect.arrayContaining([
                'instance:app.app-1',
                'rt@subnet:app.private-a',
                'acl@subnet:app.private-a',
                'gateway-endpoint:app.s3gw',
                'service:s3',
                'bucket:app-assets'
            ])
        );
        expect(await marked('blocked')).toEqual(['gateway-endpoint:app.s3gw']);
        expect(await marked('deciding')).toEqual(['gateway-endpoint:app.s3gw']);
        const deciding = page.locator('.hop-table tr.deciding');
        await expect.poll(() => deciding.count()).toBe(1);
        const row = await deciding.innerText();
        expect(row).toContain('gateway-endpoint');
        expect(row).toContain('s3gw');
        expect(row).toContain('ENDPOINT_POLICY');
        expect(await page.locator('.hops .summary').innerText()).toMatch(/REJECT ENDPOINT_POLICY: decided at hop \d+/);
        // Selecting another probe moves the highlight: an accepted one has no blocker.
        await page.click('[data-probe="probe:s3-get"]');
        expect(await marked('blocked')).toEqual([]);
        expect(await marked('on-path')).toContain('gateway-endpoint:app.s3gw');
    });

    it('is keyboard-accessible: probes are reached with Tab and chosen with Enter; tabs move with the arrow keys', async () => {
        await page.locator('[data-probe="probe:private-in"]').focus();
        await page.keyboard.press('Enter');
        expect(await page.locator('[data-probe="probe:private-in"]').getAttribute('aria-selected')).toBe('true');
        expect(await page.locator('.hop-table tr.deciding').innerText()).toContain('NO_PUBLIC_IP');
        await page.locator('#tab-diagram').focus();
        await page.keyboard.press('ArrowRight');
        expect(await page.locator('#tab-matrix').getAttribute('aria-selected')).toBe('true');
        await page.keyboard.press('ArrowLeft');
        expect(await page.locator('#view-diagram').isVisible()).toBe(true);
        // Diagram elements are focusable and say what Enter does.
        expect(await page.locator('g.box[data-id="instance:app.web-1"]').getAttribute('tabindex')).toBe('0');
        await page.locator('g.box[data-id="instance:app.web-1"]').focus();
        await page.keyboard.press('Enter');
        expect(await page.locator('.status-line').innerText()).toMatch(/tour\.vpc:\d+/);
    });

    it("shows the reachability matrix with the simulator's verdicts", async () => {
        await page.click('#tab-matrix');
        const matrix = page.locator('#view-matrix table.matrix');
        expect(await matrix.locator('tbody tr').count()).toBe(5);
        const cell = (from: string, to: string) => matrix.locator(`td[title^="${from} → ${to}:"]`);
        expect(await cell('app.app-1', 'app.web-1').getAttribute('title')).toBe('app.app-1 → app.web-1: ACCEPT');
        expect(await cell('app.app-1', 'data.db-1').getAttribute('title')).toBe('app.app-1 → data.db-1: REJECT SG_INGRESS');
        expect(await cell('analytics.an-1', 'internet').getAttribute('title')).toBe('analytics.an-1 → internet: REJECT NO_ROUTE');
        // The CLI's matrix says the same for every cell.
        const cli = JSON.parse(vpcLab(['matrix', 'examples/tour.vpc', '--format', 'json']).stdout) as {
            sources: string[];
            destinations: string[];
            cells: Array<Array<{ verdict: string; reason: string | null }>>;
        };
        const titles = await matrix.locator('tbody td').evaluateAll(cells => cells.map(c => c.getAttribute('title')));
        expect(titles).toEqual(
            cli.sources.flatMap((row, r) =>
                cli.destinations.map(
                    (col, c) =>
                        `${row} → ${col}: ${cli.cells[r]![c]!.verdict}${cli.cells[r]![c]!.reason ? ` ${cli.cells[r]![c]!.reason}` : ''}`
                )
            )
        );
    });

    it('lists the flow-log records the probes produced, filterable by flow log, ENI and action', async () => {
        expect(vpcLab(['preview', 'examples/flow-logs.vpc', '-o', join(folder, 'flow-logs.html')]).code).toBe(0);
        const page = await open(join(folder, 'flow-logs.html'));
        await page.click('#tab-flow-logs');
        const rows = page.locator('table.records tbody tr');
        const simulated = JSON.parse(vpcLab(['simulate', 'examples/flow-logs.vpc', '--format', 'json']).stdout) as {
            flowLogs: Array<{ flowLog: string; record: string }>;
        };
        expect(await rows.count()).toBe(simulated.flowLogs.length);
        expect(await page.locator('table.records td.record').allInnerTexts()).toEqual(simulated.flowLogs.map(f => f.record));
        await page.selectOption('select[name="action"]', 'REJECT');
        const rejected = simulated.flowLogs.filter(f => f.record.includes(' REJECT ')).length;
        expect(rejected).toBeGreaterThan(0);
        expect(await rows.count()).toBe(rejected);
        for (const text of await page.locator('table.records td.record').allInnerTexts()) expect(text).toContain(' REJECT ');
        await page.selectOption('select[name="action"]', '');
        const eni = await page.locator('select[name="eni"] option').nth(1).getAttribute('value');
        await page.selectOption('select[name="eni"]', eni!);
        const texts = await page.locator('table.records td.record').allInnerTexts();
        expect(texts.length).toBe(simulated.flowLogs.filter(f => f.record.split(' ')[2] === eni).length);
        expect(await page.locator('.flow-logs .count').innerText()).toContain(`${texts.length} of ${simulated.flowLogs.length} records`);
        await page.selectOption('select[name="eni"]', '');
        // By flow log: the rows of one, and its own fields as the column header.
        await page.selectOption('select[name="flowLog"]', { label: 'private-rejects' });
        expect(await rows.count()).toBe(simulated.flowLogs.filter(f => f.flowLog === 'private-rejects').length);
        expect(new Set(await page.locator('table.records tbody td:first-child').allInnerTexts())).toEqual(new Set(['private-rejects']));
        await page.close();
    });

    it('follows the light, the dark and the high-contrast theme; screenshots of each', async () => {
        // The README's screenshots of this page are made by `npm run screenshots`; these are the test's own.
        const screenshots = join(root, '.test-results', 'screenshots');
        mkdirSync(screenshots, { recursive: true });
        const shots: Record<string, string> = {};
        for (const scheme of ['light', 'dark'] as const) {
            const themed = await open(join(folder, 'tour.html'), scheme);
            await themed.click('[data-probe="probe:db-from-public"]');
            const background = await themed.evaluate(() => getComputedStyle(document.body).backgroundColor);
            shots[scheme] = background;
            await themed.screenshot({ path: join(screenshots, `preview-${scheme}.png`) });
            await themed.close();
        }
        // High contrast: black, and every subnet framed in a colour that stands out from it.
        const contrast = await open(`${join(folder, 'tour.html')}#high-contrast`);
        await contrast.click('[data-probe="probe:db-from-public"]');
        shots.contrast = await contrast.evaluate(() => getComputedStyle(document.body).backgroundColor);
        const frame = await contrast.locator('g.box[data-id="subnet:app.public-a"] > rect').evaluate(r => getComputedStyle(r).stroke);
        await contrast.screenshot({ path: join(screenshots, 'preview-high-contrast.png') });
        await contrast.close();
        const luminance = (rgb: string) =>
            rgb
                .match(/\d+/g)!
                .slice(0, 3)
                .map(Number)
                .reduce((a, b) => a + b, 0);
        expect(luminance(shots.light!)).toBeGreaterThan(600);
        expect(luminance(shots.dark!)).toBeLessThan(150);
        expect(luminance(shots.contrast!)).toBe(0);
        expect(luminance(frame)).toBeGreaterThan(400);
        expect(existsSync(join(screenshots, 'preview-dark.png'))).toBe(true);
    });

    it('an update that only moves the text keeps the layout, and elements reveal their new places', async () => {
        await page.click('#tab-diagram');
        const where = () =>
            page
                .locator('g.box-vpc, g.box-subnet')
                .evaluateAll(nodes => nodes.map(n => `${n.getAttribute('data-id')} ${n.getAttribute('transform')}`));
        const before = await where();
        const ready = await page.evaluate(() => document.body.dataset.ready);
        await page.evaluate(() => {
            // Two lines inserted at the top of the file: every location moves down by two.
            const text = document
                .getElementById('vpc-lab-data')!
                .textContent!.replace(/"line":(\d+)/g, (_, n: string) => `"line":${Number(n) + 2}`);
            window.postMessage({ type: 'update', data: JSON.parse(text) }, '*');
        });
        await page.waitForFunction(previous => document.body.dataset.ready !== previous, ready);
        expect(await where()).toEqual(before);
        await page.locator('g.box[data-id="instance:app.web-1"]').focus();
        await page.keyboard.press('Enter');
        const line =
            readFileSync(join(root, 'examples/tour.vpc'), 'utf8')
                .split('\n')
                .findIndex(l => l.includes('instance web-1 subnet')) + 1;
        expect(await page.locator('.status-line').innerText()).toContain(`tour.vpc:${line + 2}:`);
    });

    it('ignores messages of the wrong shape, and keeps the last good diagram with a banner while the text has syntax errors', async () => {
        await page.click('#tab-diagram');
        const before = await page.locator('g.box-vpc').count();
        await page.evaluate(() => {
            window.postMessage({ type: 'update', data: 'not a preview' }, '*');
            window.postMessage({ type: 'select-probe', probeId: 42 }, '*');
            window.postMessage({ type: 'show-tab', tab: '<img src=x onerror=alert(1)>' }, '*');
            window.postMessage('junk', '*');
        });
        const ready = await page.evaluate(() => document.body.dataset.ready);
        // A broken update: syntax errors and a topology reduced to nothing.
        await page.evaluate(() => {
            const embedded = JSON.parse(document.getElementById('vpc-lab-data')!.textContent!);
            embedded.topology.vpcs = [];
            embedded.topology.subnets = [];
            embedded.problems = {
                errors: 1,
                warnings: 0,
                syntaxErrors: 1,
                firstSyntaxError: {
                    loc: { uri: 'file:///w/tour.vpc', range: { start: { line: 8, character: 2 }, end: { line: 8, character: 3 } } },
                    message: 'Expected a name, but found `{`'
                }
            };
            window.postMessage({ type: 'update', data: embedded }, '*');
        });
        await page.waitForFunction(previous => document.body.dataset.ready !== previous, ready);
        expect(await page.locator('g.box-vpc').count()).toBe(before);
        const banner = page.locator('.banner');
        expect(await banner.isVisible()).toBe(true);
        expect(await banner.innerText()).toContain('tour.vpc:9');
        expect(await banner.innerText()).toContain('last topology that parsed');
        expect(errors).toEqual([]);
    });
});

describe("the page inside a webview (a stand-in for VS Code's webview API)", () => {
    it('posts reveal and selection messages, and keeps tab, selection and zoom across a reload', async () => {
        const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
        // acquireVsCodeApi as VS Code gives it: state that outlives a reload, and a message channel.
        await context.addInitScript(() => {
            const w = window as unknown as { acquireVsCodeApi: () => unknown; posted: unknown[] };
            w.posted = [];
            w.acquireVsCodeApi = () => ({
                postMessage: (m: unknown) => {
                    w.posted.push(m);
                },
                getState: () => JSON.parse(sessionStorage.getItem('state') ?? 'null'),
                setState: (s: unknown) => {
                    sessionStorage.setItem('state', JSON.stringify(s));
                }
            });
        });
        const webview = await context.newPage();
        await webview.goto(`file://${join(folder, 'tour.html')}`);
        await webview.waitForSelector('body[data-ready]');
        const posted = () => webview.evaluate(() => (window as unknown as { posted: Array<{ type: string }> }).posted);
        expect((await posted())[0]).toEqual({ type: 'ready' });
        await webview.click('g.box[data-id="subnet:app.private-a"] > text.title');
        const reveal = (await posted()).find(m => m.type === 'reveal') as unknown as {
            loc: { uri: string; range: { start: { line: number } } };
        };
        expect(reveal.loc.uri).toMatch(/tour\.vpc$/);
        const lines = readFileSync(join(root, 'examples/tour.vpc'), 'utf8').split('\n');
        expect(lines[reveal.loc.range.start.line]).toContain('subnet private-a');
        // The innermost box acts, once: not the VPC around the subnet as well.
        expect((await posted()).filter(m => m.type === 'reveal')).toHaveLength(1);
        // Enter on a focused box inside another reveals that box alone.
        await webview.focus('g.box[data-id="instance:app.app-1"]');
        await webview.keyboard.press('Enter');
        const reveals = (await posted()).filter(m => m.type === 'reveal') as unknown as Array<{
            loc: { range: { start: { line: number } } };
        }>;
        expect(reveals).toHaveLength(2);
        expect(lines[reveals[1]!.loc.range.start.line]).toContain('instance app-1');
        await webview.click('[data-probe="probe:db"]');
        expect(await posted()).toContainEqual({ type: 'selected', probeId: 'probe:db' });
        await webview.click('button[aria-label="Zoom in"]');
        const zoom = await webview.locator('g.viewport').getAttribute('transform');
        await webview.click('#tab-matrix');
        await webview.reload();
        await webview.waitForSelector('body[data-ready]');
        expect(await webview.locator('#tab-matrix').getAttribute('aria-selected')).toBe('true');
        expect(await webview.locator('[data-probe="probe:db"]').getAttribute('aria-selected')).toBe('true');
        expect(await webview.locator('g.viewport').getAttribute('transform')).toBe(zoom);
        await context.close();
    });
});

describe('vpc-lab preview on bad input', () => {
    it('refuses a missing file, a non-HTML output and writing over its input, and writes nothing', () => {
        const dir = mkdtempSync(join(tmpdir(), 'vpc-preview-bad-'));
        try {
            const missing = vpcLab(['preview', join(dir, 'nope.vpc'), '-o', join(dir, 'out.html')]);
            expect(missing.code).toBe(2);
            expect(missing.stderr).toMatch(/nope\.vpc/);
            expect(existsSync(join(dir, 'out.html'))).toBe(false);
            const notHtml = vpcLab(['preview', 'examples/tour.vpc', '-o', join(dir, 'out.txt')]);
            expect(notHtml.code).toBe(2);
            expect(notHtml.stderr).toMatch(/\.html/);
            const input = join(dir, 'x.html');
            writeFileSync(input, 'vpc a { cidr 10.0.0.0/16 }\n');
            const over = vpcLab(['preview', input, '-o', input]);
            expect(over.code).toBe(2);
            expect(readFileSync(input, 'utf8')).toBe('vpc a { cidr 10.0.0.0/16 }\n');
            const noFolder = vpcLab(['preview', 'examples/tour.vpc', '-o', join(dir, 'missing', 'out.html')]);
            expect(noFolder.code).toBe(2);
            expect(noFolder.stderr).toMatch(/folder does not exist/);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it('a file with syntax errors still gives a page, with a banner, and exits 1', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'vpc-preview-syntax-'));
        try {
            writeFileSync(
                join(dir, 'broken.vpc'),
                'vpc a {\n  cidr 10.0.0.0/16\n  subnet s az us-east-1a { cidr 10.0.1.0/24 }\n  route-table {\n}\n'
            );
            const run = vpcLab(['preview', join(dir, 'broken.vpc'), '-o', join(dir, 'broken.html')]);
            expect(run.code).toBe(1);
            const broken = await open(join(dir, 'broken.html'));
            expect(await broken.locator('.banner').innerText()).toMatch(/syntax error.*broken\.vpc:\d+/s);
            expect(await broken.locator('g.box-subnet').count()).toBe(1);
            await broken.close();
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});

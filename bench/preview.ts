/**
 * The preview on the 1,000-VPC workspace (with 200 probes added): the standalone page written by
 * `vpc-lab preview`, and its time to first paint in Chromium (from navigation to the diagram drawn).
 * The page lays out in the webview's own process, so the editor never waits on it; this measures
 * how long the user does.
 */
import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, ensureChromium } from '../test/e2e/setup.js';
import { median, writeWorkspace, type Goal } from './check.js';
import { generateWorkspace } from './generate.js';

export interface PreviewBench {
    rows: Array<[string, string]>;
    goals: Goal[];
    failures: string[];
}

const PROBES = 200;

/**
 * `paint`: from the page's navigation to the frame that shows the diagram, as the page's own clock
 * tells it; `load`: the same seen from outside (opening the tab, Playwright's round trips included);
 * `contentful`: Chromium's own first-contentful-paint, the frame on screen once rasterised (in
 * software here: no GPU). One load before the measured ones is not counted: the first page of a
 * browser just started pays for the browser's own start (its first renderer, its font cache).
 */
async function firstPaint(
    file: string,
    runs: number
): Promise<{ load: number; paint: number; render: number; first: number; contentful: number }> {
    const browser = await chromium.launch({ executablePath: ensureChromium(), args: chromiumArgs });
    try {
        const loads: number[] = [];
        const renders: number[] = [];
        const firsts: number[] = [];
        const paints: number[] = [];
        const contentful: number[] = [];
        for (let i = -1; i < runs; i++) {
            const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
            const started = performance.now();
            await page.goto(`file://${file}`);
            await page.waitForSelector('body[data-paint-ms]', { timeout: 300_000 });
            loads.push(performance.now() - started);
            paints.push(Number(await page.evaluate(() => document.body.dataset.paintMs)));
            // The whole drawing is done once the page says it is ready (a large estate's boxes out of view come after the first frame).
            await page.waitForSelector('body[data-ready]', { state: 'attached', timeout: 300_000 });
            renders.push(Number(await page.evaluate(() => document.body.dataset.renderMs)));
            firsts.push(Number(await page.evaluate(() => document.body.dataset.firstRenderMs)));
            contentful.push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN));
            await page.close();
            if (i < 0) for (const list of [loads, paints, renders, firsts, contentful]) list.pop();
        }
        return {
            load: median(loads),
            paint: median(paints),
            render: median(renders),
            first: median(firsts),
            contentful: median(contentful)
        };
    } finally {
        await browser.close();
    }
}

export async function benchPreview(root: string, runs = 3): Promise<PreviewBench> {
    const dir = join(root, '.vpc-lab', 'bench-preview');
    const workspace = generateWorkspace(1000);
    writeWorkspace(workspace, dir);
    const probes = Array.from({ length: PROBES }, (_, k) => `probe p${k}: i${k * 5} -> i${k * 5 + 1} tcp ${2000 + (k % 8)}`);
    writeFileSync(join(dir, 'probes.vpc'), probes.join('\n') + '\n');
    const page = join(root, '.vpc-lab', 'bench-preview.html');
    const cli = join(root, 'bin', 'vpc-lab.cjs');
    const walls: number[] = [];
    for (let i = 0; i < runs; i++) {
        const started = performance.now();
        const run = spawnSync(process.execPath, [cli, 'preview', dir, '-o', page], { encoding: 'utf8' });
        walls.push(performance.now() - started);
        if (run.status !== 0) throw new Error(`vpc-lab preview failed: ${run.stderr}`);
    }
    const size = statSync(page).size;
    const big = await firstPaint(page, runs);
    const tour = join(root, '.vpc-lab', 'bench-tour.html');
    spawnSync(process.execPath, [cli, 'preview', join(root, 'examples', 'tour.vpc'), '-o', tour]);
    // The tour loads in a fraction of a second: more loads, for a median that one slow load cannot move.
    const tourRuns = 3 * runs;
    const small = await firstPaint(tour, tourRuns);
    const FIRST_PAINT_GOAL = 1000;
    const TOUR_GOAL = 150;
    return {
        rows: [
            ['workspace', `1,000 VPCs, 10,000 subnets, 1,000 instances, ${PROBES} probes`],
            ['`vpc-lab preview` (parse, check, simulate, write the page)', `${median(walls).toFixed(0)} ms wall, median of ${runs}`],
            ['page size (data, script and styles in one file)', `${(size / 2 ** 20).toFixed(1)} MiB`],
            [
                "time to first paint in Chromium (navigation to the frame showing the regions and VPC summaries, by the page's clock)",
                `${big.paint.toFixed(0)} ms, median of ${runs}`
            ],
            ["of which placing and drawing what the first frame shows (the page's data read before)", `${big.first.toFixed(0)} ms`],
            ['placing and drawing everything (the VPCs out of view after the first frame)', `${big.render.toFixed(0)} ms`],
            ['the same seen from the test driver (opening the tab and its round trips included)', `${big.load.toFixed(0)} ms`],
            [
                'the tour: time to first paint',
                `${small.paint.toFixed(0)} ms, median of ${tourRuns} (layout and drawing ${small.first.toFixed(0)} ms; ${small.load.toFixed(0)} ms from the driver)`
            ],
            [
                "Chromium's first-contentful-paint, the first frame with text on screen once rasterised (without a GPU here; the workspace's is its bar and progress, before the diagram): the workspace, the tour",
                `${big.contentful.toFixed(0)} ms, ${small.contentful.toFixed(0)} ms`
            ]
        ],
        goals: [
            {
                goal: 'first paint of the 1,000-VPC preview < 1 s',
                measured: `${big.paint.toFixed(0)} ms`,
                met: big.paint < FIRST_PAINT_GOAL
            },
            { goal: 'first paint of the tour < 150 ms', measured: `${small.paint.toFixed(0)} ms`, met: small.paint < TOUR_GOAL }
        ],
        failures: []
    };
}

/**
 * The preview as a person uses it, in Chromium: legible beside the editor (500 px) and full
 * screen (1,400 px), a large estate opening as its VPCs, a VPC opened alone and back, the search
 * box by keyboard, the diagram following the editor's cursor, and the SVG download.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWorkspace } from '../../bench/check.js';
import { generateWorkspace } from '../../bench/generate.js';
import { launchChromium } from '../e2e/browser.js';
import { root, vpcLab } from '../cli/run.js';

let browser: Browser;
let folder: string;
const errors: string[] = [];

async function open(file: string, width: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    page.on('pageerror', e => errors.push(String(e)));
    await page.goto(`file://${file}`);
    await page.waitForSelector('body[data-ready]');
    return page;
}

/** Each drawn text's font size as it appears on screen: its CSS size times the scale the transforms give it. */
function screenSizes(page: Page): Promise<Array<{ text: string; px: number }>> {
    return page.locator('svg.diagram g.box text').evaluateAll(nodes =>
        nodes.flatMap(node => {
            const text = node as SVGTextElement;
            const box = text.getBBox();
            const rect = text.getBoundingClientRect();
            if (box.height === 0 || rect.height === 0) return [];
            return [{ text: text.textContent ?? '', px: (parseFloat(getComputedStyle(text).fontSize) * rect.height) / box.height }];
        })
    );
}

function write(name: string, vpcs: number): string {
    const dir = join(folder, name);
    writeWorkspace(generateWorkspace(vpcs), dir);
    const page = join(folder, `${name}.html`);
    expect(vpcLab(['preview', dir, '-o', page]).code).toBe(0);
    return page;
}

let tour: string;
let ten: string;
let forty: string;

beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'vpc-legible-'));
    tour = join(folder, 'tour.html');
    expect(vpcLab(['preview', 'examples/tour.vpc', '-o', tour]).code).toBe(0);
    ten = write('ten', 10);
    forty = write('forty', 40);
    browser = await launchChromium();
});

afterAll(async () => {
    await browser?.close();
    rmSync(folder, { recursive: true, force: true });
});

describe('legible at any width', () => {
    for (const width of [500, 1400]) {
        for (const [name, file] of [
            ['the tour', () => tour],
            ['a ten-VPC workspace', () => ten]
        ] as const) {
            it(`${name} at ${width} px: every label at least 11 px on screen, the first VPC in view, the diagram given the width`, async () => {
                const page = await open(file(), width);
                expect(await page.evaluate(() => document.body.dataset.detail)).toBe('full');
                const sizes = await screenSizes(page);
                expect(sizes.length).toBeGreaterThan(20);
                const smallest = sizes.reduce((a, b) => (a.px <= b.px ? a : b));
                expect(smallest.px, `"${smallest.text}"`).toBeGreaterThanOrEqual(11);
                // The default zoom shows a readable part, starting at the top-left VPC, not the whole estate as a thumbnail.
                const canvas = (await page.locator('.canvas').boundingBox())!;
                const vpc = (await page.locator('g.box-vpc > rect').first().boundingBox())!;
                expect(vpc.x).toBeGreaterThanOrEqual(canvas.x);
                expect(vpc.y).toBeLessThan(canvas.y + canvas.height);
                expect(vpc.x + vpc.width).toBeLessThanOrEqual(canvas.x + canvas.width + 1);
                if (width < 900) {
                    // Beside the editor: the probes are a closed drawer, the diagram has the panel's width.
                    expect(canvas.width).toBeGreaterThanOrEqual(width - 2);
                    expect(await page.locator('.drawer-toggle').getAttribute('aria-expanded')).toBe('false');
                    expect(await page.locator('[data-probe]').first().isVisible()).toBe(false);
                    await page.click('.drawer-toggle');
                    expect(await page.locator('.side-content').isVisible()).toBe(true);
                }
                await page.close();
            });
        }
    }

    it('subnets are coloured as AWS draws them: public (default route to an internet gateway) apart from private', async () => {
        const page = await open(tour, 1400);
        const classOf = (id: string) => page.locator(`g.box[data-id="${id}"]`).getAttribute('class');
        expect(await classOf('subnet:app.public-a')).toContain('public');
        expect(await classOf('subnet:app.private-a')).toContain('private');
        const fill = (id: string) => page.locator(`g.box[data-id="${id}"] > rect`).evaluate(r => getComputedStyle(r).fill);
        expect(await fill('subnet:app.public-a')).not.toBe(await fill('subnet:app.private-a'));
        await page.close();
    });
});

describe('level of detail', () => {
    it('a 40-VPC estate opens as its VPCs with their counts; a VPC opens alone and the breadcrumb leads back', async () => {
        const page = await open(forty, 1400);
        expect(await page.evaluate(() => document.body.dataset.detail)).toBe('summary');
        expect(await page.locator('g.box-vpc.collapsed').count()).toBe(40);
        expect(await page.locator('g.box-subnet').count()).toBe(0);
        expect(await page.locator('g.box[data-id="vpc:v3"] text.line').allTextContents()).toContain('3 AZs · 10 subnets · 1 instance');
        // Every VPC is peered with the next: the edges are drawn between the summaries.
        expect(await page.locator('g.edge-peering').count()).toBe(40);
        for (const t of await screenSizes(page)) expect(t.px).toBeGreaterThanOrEqual(11);
        await page.locator('g.box[data-id="vpc:v3"]').focus();
        await page.keyboard.press('Enter');
        expect(await page.locator('g.box-subnet').count()).toBe(10);
        expect(await page.locator('g.box-vpc').count()).toBe(1);
        expect(await page.locator('.crumbs').innerText()).toContain('VPC v3');
        await page.click('.crumbs button');
        // Back to the estate: placed again by the worker, drawn when it answers.
        await expect.poll(() => page.locator('g.box-vpc.collapsed').count()).toBe(40);
        await page.close();
    });
});

describe('zoom-driven detail', () => {
    it("at the estate's fit zoom no subnet is drawn; zooming into one VPC draws its subnets, legible, and zooming out removes them", async () => {
        const page = await open(forty, 1400);
        await page.click('button[aria-label="Fit to window"]');
        await page.evaluate(() => new Promise(requestAnimationFrame));
        expect(await page.locator('g.box-subnet').count()).toBe(0);
        // Wheel in over v3, following it as it grows, until its interior appears.
        const vpc = page.locator('g.box[data-id="vpc:v3"] > rect');
        for (let i = 0; i < 20 && (await page.locator('g.detail[data-vpc="vpc:v3"]').count()) === 0; i++) {
            const b = (await vpc.boundingBox())!;
            await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
            await page.mouse.wheel(0, -300);
            await page.evaluate(() => new Promise(requestAnimationFrame));
        }
        const subnets = page.locator('g.detail[data-vpc="vpc:v3"] g.box-subnet');
        await expect.poll(() => subnets.count()).toBe(10);
        const texts = await page.locator('g.detail[data-vpc="vpc:v3"] text').evaluateAll(nodes =>
            nodes.flatMap(node => {
                const text = node as SVGTextElement;
                const height = text.getBBox().height;
                return height === 0 ? [] : [(parseFloat(getComputedStyle(text).fontSize) * text.getBoundingClientRect().height) / height];
            })
        );
        expect(texts.length).toBeGreaterThan(30);
        expect(Math.min(...texts)).toBeGreaterThanOrEqual(11);
        // Only what is on screen: the VPCs far from v3 keep their summaries.
        expect(await page.locator('g.detail').count()).toBeLessThan(40);
        expect(await page.locator('g.detail[data-vpc="vpc:v39"]').count()).toBe(0);
        await page.click('button[aria-label="Fit to window"]');
        await expect.poll(() => page.locator('g.box-subnet').count()).toBe(0);
        await page.close();
    });
});

describe('focus', () => {
    it('the search box finds an element by name with the keyboard alone, opening its VPC when the estate is summarised', async () => {
        const page = await open(forty, 1400);
        await page.keyboard.press('Control+f');
        expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
        await page.keyboard.type('s7');
        const options = page.locator('#search-results [role="option"]');
        expect(await options.count()).toBeGreaterThan(1);
        expect(await page.locator('.search-input').getAttribute('aria-activedescendant')).toBe('search-0');
        await page.keyboard.press('ArrowDown');
        expect(await page.locator('.search-input').getAttribute('aria-activedescendant')).toBe('search-1');
        await page.keyboard.press('ArrowUp');
        const first = await options.first().getAttribute('data-id');
        expect(first).toMatch(/^subnet:v\d+\.s7$/);
        await page.keyboard.press('Enter');
        expect(await page.locator('#search-results').isVisible()).toBe(false);
        expect(await page.locator('g.box.current').getAttribute('data-id')).toBe(first);
        // Its box is on screen.
        const box = (await page.locator('g.box.current > rect').boundingBox())!;
        const canvas = (await page.locator('.canvas').boundingBox())!;
        expect(box.y).toBeGreaterThanOrEqual(canvas.y - 1);
        expect(box.y).toBeLessThan(canvas.y + canvas.height);
        await page.close();
    });

    it("follows the editor: a cursor on a subnet's line marks that subnet and scrolls it into view", async () => {
        const page = await open(tour, 500);
        const uri = JSON.parse((await page.locator('#vpc-lab-data').textContent()) ?? '{}').topology.vpcs[0].loc.uri as string;
        const line = readFileSync(join(root, 'examples/tour.vpc'), 'utf8')
            .split('\n')
            .findIndex(l => /^\s*subnet private-b\b/.test(l));
        expect(line).toBeGreaterThan(0);
        await page.evaluate(([u, l]) => window.postMessage({ type: 'cursor', uri: u, line: l, character: 4 }, '*'), [uri, line] as const);
        await expect.poll(() => page.locator('g.box.current').getAttribute('data-id')).toBe('subnet:app.private-b');
        const box = (await page.locator('g.box.current > rect').boundingBox())!;
        const canvas = (await page.locator('.canvas').boundingBox())!;
        expect(box.y + 20).toBeGreaterThan(canvas.y);
        expect(box.y).toBeLessThan(canvas.y + canvas.height);
        await page.close();
    });

    it('selecting a probe fits its path in view', async () => {
        const page = await open(tour, 1400);
        await page.click('[data-probe="probe:cross-region"]');
        const canvas = (await page.locator('.canvas').boundingBox())!;
        for (const step of await page.locator('.path-step').all()) {
            const b = (await step.boundingBox())!;
            expect(b.x).toBeGreaterThanOrEqual(canvas.x - 1);
            expect(b.x + b.width).toBeLessThanOrEqual(canvas.x + canvas.width + 1);
            expect(b.y).toBeGreaterThanOrEqual(canvas.y - 1);
            expect(b.y + b.height).toBeLessThanOrEqual(canvas.y + canvas.height + 1);
        }
        await page.close();
    });
});

describe('a probe selected beside the editor', () => {
    it('at 500 px the path is fitted from its start with every label on screen still at least 11 px', async () => {
        const page = await open(tour, 500);
        await page.click('.drawer-toggle');
        await page.click('[data-probe="probe:cross-region"]');
        const canvas = (await page.locator('.canvas').boundingBox())!;
        const steps = page.locator('.path-step');
        expect(await steps.count()).toBeGreaterThan(3);
        const first = (await steps.first().boundingBox())!;
        expect(first.x).toBeGreaterThanOrEqual(canvas.x - 1);
        expect(first.x + first.width).toBeLessThanOrEqual(canvas.x + canvas.width + 1);
        expect(first.y).toBeGreaterThanOrEqual(canvas.y - 1);
        expect(first.y + first.height).toBeLessThanOrEqual(canvas.y + canvas.height + 1);
        const zoom = await page.evaluate(() => document.querySelector('g.viewport')?.getAttribute('transform') ?? '');
        expect(Number(/scale\(([\d.]+)\)/.exec(zoom)?.[1])).toBeGreaterThanOrEqual(1);
        const onScreen = (await screenSizes(page)).filter(t => t.px > 0);
        expect(Math.min(...onScreen.map(t => t.px))).toBeGreaterThanOrEqual(11);
        await page.close();
    });
});

describe('export', () => {
    it('the SVG button downloads the diagram as a standalone SVG document with its colours written in', async () => {
        const page = await open(tour, 1400);
        const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[aria-label="Save the diagram as SVG"]')]);
        const path = await download.path();
        const svg = readFileSync(path!, 'utf8');
        expect(svg.startsWith('<?xml')).toBe(true);
        expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
        expect(svg).toContain('VPC app');
        expect(svg).not.toContain('var(--');
        expect(download.suggestedFilename()).toBe('vpc-diagram.svg');
        expect(errors).toEqual([]);
        await page.close();
    });

    it('vpc-lab preview --svg / --png writes the diagram the page draws; without Chromium, one line and exit 2, nothing written', () => {
        const svg = join(folder, 'tour.svg');
        const png = join(folder, 'tour.png');
        const run = vpcLab(['preview', 'examples/tour.vpc', '--svg', svg, '--png', png]);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        const text = readFileSync(svg, 'utf8');
        expect(text.startsWith('<?xml')).toBe(true);
        for (const name of ['VPC app', 'VPC data', 'public-a', 'us-east-1']) expect(text).toContain(name);
        expect(readFileSync(png).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
        const missing = vpcLab(['preview', 'examples/tour.vpc', '--svg', join(folder, 'none.svg')], {
            env: { VPC_LAB_CHROMIUM: join(folder, 'no-chromium') }
        });
        expect(missing.code).toBe(2);
        expect(missing.stderr.trim().split('\n')).toHaveLength(1);
        expect(missing.stderr).toMatch(/Chromium, which is not installed/);
        expect(existsSync(join(folder, 'none.svg'))).toBe(false);
        const wrong = vpcLab(['preview', 'examples/tour.vpc', '--png', join(folder, 'x.jpg')]);
        expect(wrong.code).toBe(2);
        expect(wrong.stderr).toMatch(/--png a file name ending in \.png/);
    });

    it('vpc-lab preview --svg of an estate laid out as a summary (more VPCs than are drawn in detail) waits for its layout', () => {
        // Forty VPCs are laid out as a summary, which the page hands to its worker when it has one.
        const svg = join(folder, 'forty.svg');
        const run = vpcLab(['preview', join(folder, 'forty'), '--svg', svg]);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        const text = readFileSync(svg, 'utf8');
        const [, width, height] = /<svg[^>]*\bwidth="(\d+)" height="(\d+)"/.exec(text) ?? [];
        expect(Number(width)).toBeGreaterThan(400);
        expect(Number(height)).toBeGreaterThan(400);
        for (const name of ['VPC v0', 'VPC v39']) expect(text).toContain(name);
    });
});

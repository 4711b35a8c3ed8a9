/**
 * A large estate is placed off the page's thread: the page lays it out in a worker started from
 * its own script (as the CSP allows), shows its progress, and answers input meanwhile.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWorkspace } from '../../bench/check.js';
import { generateWorkspace } from '../../bench/generate.js';
import { launchChromium } from '../e2e/browser.js';
import { vpcLab } from '../cli/run.js';

let browser: Browser;
let folder: string;
let page: string;

beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'vpc-responsive-'));
    writeWorkspace(generateWorkspace(40), join(folder, 'forty'));
    page = join(folder, 'forty.html');
    expect(vpcLab(['preview', join(folder, 'forty'), '-o', page]).code).toBe(0);
    browser = await launchChromium();
});

afterAll(async () => {
    await browser?.close();
    rmSync(folder, { recursive: true, force: true });
});

describe('layout off the main thread', () => {
    it('a large estate is placed by the worker, with its progress shown, while a key typed in the search box is answered', async () => {
        const tab = await browser.newPage({ viewport: { width: 1400, height: 800 } });
        const errors: string[] = [];
        tab.on('pageerror', e => errors.push(String(e)));
        await tab.goto(`file://${page}`);
        await tab.waitForSelector('body[data-ready]');
        // The CSP lets the page start its worker: the 40 VPCs were placed there.
        expect(await tab.evaluate(() => document.body.dataset.layout)).toBe('worker');
        // Every keydown notes whether the layout was still running when the page answered it.
        await tab.evaluate(() => {
            (window as unknown as { seen: string[] }).seen = [];
            window.addEventListener(
                'keydown',
                () => (window as unknown as { seen: string[] }).seen.push(document.body.dataset.layout ?? ''),
                true
            );
        });
        // The same estate a thousand times over: 40,000 VPCs and 400,000 subnets, enough for the worker to take longer than typing two keys.
        await tab.evaluate(() => {
            const data = JSON.parse(document.getElementById('vpc-lab-data')!.textContent!);
            const t = data.topology;
            const copies = Array.from({ length: 1000 }, (_, k) => k);
            const vpcs = copies.flatMap(k => t.vpcs.map((v: { id: string }) => ({ ...v, id: `${v.id}-${k}` })));
            const subnets = copies.flatMap(k =>
                t.subnets.map((s: { id: string; vpc: string }) => ({ ...s, id: `${s.id}-${k}`, vpc: `${s.vpc}-${k}` }))
            );
            window.postMessage({ type: 'update', data: { ...data, topology: { ...t, vpcs, subnets, peerings: [] } } }, '*');
        });
        await tab.waitForSelector('body[data-layout="running"]');
        await tab.waitForSelector('.layout-progress:not([hidden])');
        expect(await tab.locator('.layout-progress').innerText()).toContain('Placing 40,000 VPCs');
        await tab.locator('.search-input').focus();
        await tab.keyboard.type('v1');
        const seen = await tab.evaluate(() => (window as unknown as { seen: string[] }).seen);
        expect(seen[0]).toBe('running');
        expect(await tab.locator('.search-input').inputValue()).toBe('v1');
        await tab.waitForSelector('body[data-layout="worker"]', { timeout: 60_000 });
        await tab.waitForFunction(() => document.querySelectorAll('g.box-vpc').length === 40000, undefined, { timeout: 60_000 });
        expect(await tab.locator('.layout-progress').isHidden()).toBe(true);
        expect(errors).toEqual([]);
        await tab.close();
    }, 120_000);
});

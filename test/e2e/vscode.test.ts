/**
 * The extension inside a real VS Code (code-server: Code-OSS with a Node extension host). The API
 * suite in test/vscode runs in the extension host and reports each test; then a person's session
 * in Chromium: open the tour, see a squiggle and the Problems row, hover a keyword, open the
 * preview and click a probe inside the webview. code-server and Chromium are installed on first
 * use (test/e2e/setup.ts); nothing here is skipped.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.js';
import { e2eFolder, ensureCodeServer, root, screenshotFolder, startCodeServer, type CodeServer } from './setup.js';
import { buildSuite, installVsix, runApiSuite, runCommand, workspace, type Outcome } from './vscode-host.js';

/** The suite's tests, by mocha's full title: a test added there without a line here fails below. */
const API_TESTS = [
    'activates on a .vpc file and starts the language server',
    'reports diagnostics with their codes, and none on the clean tour',
    'hover explains a keyword and a CIDR block',
    'completion offers keywords and the names in scope',
    'go to definition leads from a reference to its declaration',
    'VPC: Open Preview to the Side opens the panel with every probe simulated',
    'the ▶ trace lens runs VPC: Trace Probe on its probe and shows it in the preview',
    'VPC: Run Probes lists every probe and fills the status bar',
    'VPC: Compare Reachability with… shows what the unsaved edit opens compared with HEAD',
    "the walkthrough opens a teaching example, and a step is done once its file's probes pass",
    'VPC: Open a Teaching Example from the command palette asks which, with a quick pick, and opens the one chosen',
    'a step that asks for a fix is done once the failing probe passes, not before',
    'VPC: Export Flow Logs… writes the records as AWS lays them out',
    "a severity setting changes a code's severity, or turns it off",
    'VPC: Import from CloudFormation… writes a folder of the workspace, opens the first file with the preview, and never writes over a file',
    'VPC: Import from AWS CLI Output… reads a folder of describe-* output into the workspace',
    'VPC: Import from Terraform… reads a configuration with the variables given',
    'VPC: Export to CloudFormation… and to Terraform… write beside the file, never over a file, and refuse a design with errors'
].map(t => `vpc-lab in VS Code ${t}`);

let server: CodeServer;
let browser: Browser;
let api: { code: number; outcomes: Outcome[]; log: string[] };
const resultsFile = join(e2eFolder, 'run', 'api-results.json');

beforeAll(async () => {
    const entry = ensureCodeServer();
    const extensions = join(e2eFolder, 'extensions');
    installVsix(entry, extensions);
    await buildSuite();
    rmSync(resultsFile, { force: true });
    server = await startCodeServer(extensions, 'session', { VPC_LAB_VSCODE_RESULTS: resultsFile });
    browser = await launchChromium();
    api = await runApiSuite(browser, server.url, server.port, workspace('api'), resultsFile);
}, 600_000);

afterAll(async () => {
    await browser?.close();
    server?.stop();
});

describe('inside VS Code: the API suite', () => {
    it('ran every test of the suite, and only those', () => {
        expect(
            api.outcomes.map(o => o.title),
            `extension host log:\n${api.log.join('\n')}\n\ncode-server log:\n${server.log()}`
        ).toEqual(API_TESTS);
    });

    for (const title of API_TESTS) {
        it(title.replace('vpc-lab in VS Code ', ''), () => {
            const outcome = api.outcomes.find(o => o.title === title);
            expect(outcome?.error ?? outcome?.state).toBe('passed');
        });
    }

    it('the run ended with exit code 0', () => {
        expect(api.code).toBe(0);
    });
});

describe('inside VS Code: as a person uses it', () => {
    let page: Page;

    beforeAll(async () => {
        page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
        await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace('person'))}`);
        await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
        // Quick open the tour.
        await page.locator('.monaco-workbench .part.editor').waitFor();
        await page.keyboard.press('Control+P');
        await page.locator('.quick-input-widget input').fill('tour.vpc');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'tour.vpc' }).first().waitFor();
        await page.keyboard.press('Enter');
        await page.locator('.monaco-editor .view-lines').first().waitFor();
    }, 120_000);

    afterAll(async () => {
        await page?.close();
    });

    it('a mistake typed into the tour is squiggled and listed in Problems with its code', async () => {
        // Each wait names its step, so a failure says which one ran out, and shows the page as it was.
        const step = async (name: string, wait: () => Promise<unknown>) => {
            try {
                await wait();
            } catch (error) {
                await page.screenshot({ path: join(e2eFolder, 'run', 'typed-mistake.png') }).catch(() => undefined);
                throw new Error(`${name}: ${(error as Error).message.split('\n')[0]}`);
            }
        };
        // The tour's own editor, by its file's tab, once the language server has answered (the probes in the status bar).
        await step('the tour is the active tab', () =>
            page.locator('.tabs-container .tab.active', { hasText: 'tour.vpc' }).waitFor({ timeout: 30_000 })
        );
        const editor = page.locator('.editor-instance .monaco-editor').first();
        await step('the server answers for the tour', () =>
            page
                .locator('.statusbar-item', { hasText: /✓ \d+ probes/ })
                .first()
                .waitFor({ timeout: 90_000 })
        );
        // Type only once the editor has the focus, and see the text land.
        await editor.locator('.view-lines').click();
        await step('the editor has the focus', () =>
            page.locator('.editor-instance .monaco-editor.focused').first().waitFor({ timeout: 30_000 })
        );
        await page.keyboard.press('Control+End');
        await page.keyboard.type('\nvpc scratch { cidr 10.9.0.1/16 }\n');
        await step('the typed text lands', () =>
            editor.locator('.view-line', { hasText: 'vpc scratch' }).first().waitFor({ timeout: 30_000 })
        );
        // The server's code lenses (▶ trace above each probe) may arrive after the text and push the
        // typed line below the view, where the editor draws no squiggle: bring the end back into view.
        await step('the mistake is squiggled', async () => {
            for (let attempt = 1; ; attempt++) {
                try {
                    return await editor.locator('.squiggly-error').first().waitFor({ timeout: 10_000 });
                } catch (error) {
                    if (attempt === 6) throw error;
                    await page.keyboard.press('Control+End');
                }
            }
        });
        await page.keyboard.press('Control+Shift+M');
        const row = page.locator('.markers-panel .monaco-list-row', { hasText: '10.9.0.1/16' });
        await step('Problems lists it', () => row.first().waitFor({ timeout: 30_000 }));
        expect(await row.first().innerText()).toContain('cidr-host-bits');
        expect(await row.first().innerText()).toContain('write 10.9.0.0/16');
    }, 300_000);

    it('hovering a keyword explains it', async () => {
        // Back to the editor (Problems has the focus), to the top of the tour.
        await page.locator('.monaco-editor .view-lines').first().click();
        await page.keyboard.press('Control+Home');
        const keyword = page.locator('.monaco-editor .view-line span', { hasText: /^egress-only-internet-gateway$/ }).first();
        await keyword.hover();
        const hover = page.locator('.monaco-hover .hover-contents, .monaco-hover .markdown-hover').first();
        await hover.waitFor({ timeout: 30_000 });
        expect(await hover.innerText()).toMatch(/IPv6/);
    }, 180_000);

    it('opens the preview from the palette and traces a probe clicked inside the webview', async () => {
        await page.keyboard.press('Escape');
        await runCommand(page, 'VPC: Open Preview to the Side');
        const webview = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
        // Beside the editor the panel is narrow: the probes are in a drawer, closed until opened.
        const drawer = webview.locator('.drawer-toggle');
        await drawer.waitFor({ timeout: 60_000 });
        await webview.locator('body[data-ready]').waitFor({ state: 'attached', timeout: 60_000 });
        if ((await drawer.getAttribute('aria-expanded')) === 'false') await drawer.click();
        const probe = webview.locator('[data-probe="probe:s3-delete"]');
        await probe.waitFor({ timeout: 60_000 });
        await probe.click();
        const deciding = webview.locator('.hop-table tr.deciding');
        await deciding.waitFor();
        expect(await deciding.innerText()).toContain('ENDPOINT_POLICY');
        expect(await webview.locator('g.box.blocked').getAttribute('data-id')).toBe('gateway-endpoint:app.s3gw');
        // The tour's four VPCs, the mistakes file's and the one just typed.
        expect(await webview.locator('g.box-vpc').count()).toBe(6);
    }, 180_000);

    it('clicking an element of the diagram reveals its definition in the editor', async () => {
        const webview = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
        const line =
            readFileSync(join(root, 'examples/tour.vpc'), 'utf8')
                .split('\n')
                .findIndex(l => l.includes('instance app-1 subnet')) + 1;
        await webview.locator('g.box[data-id="instance:app.app-1"] > text.title').click();
        // The editor's cursor moves to the instance's name: the status bar says where.
        await page
            .locator('.statusbar-item', { hasText: new RegExp(`Ln ${line}, Col \\d+`) })
            .first()
            .waitFor({ timeout: 30_000 });
        const selected = await page.locator('.monaco-editor .view-line', { hasText: 'instance app-1 subnet' }).count();
        expect(selected).toBeGreaterThan(0);
    }, 180_000);

    it('the diagram follows the cursor in the editor: the element on its line is outlined', async () => {
        const webview = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
        // Go to the line of a subnet in the tour with the editor's own Go to Line.
        const line =
            readFileSync(join(root, 'examples/tour.vpc'), 'utf8')
                .split('\n')
                .findIndex(l => /^\s*subnet private-b\b/.test(l)) + 1;
        await page.locator('.monaco-editor .view-lines').first().click();
        await page.keyboard.press('Control+G');
        await page.locator('.quick-input-widget input').fill(`:${line}`);
        await page.keyboard.press('Enter');
        await page
            .locator('.statusbar-item', { hasText: new RegExp(`Ln ${line}, Col \\d+`) })
            .first()
            .waitFor({ timeout: 30_000 });
        await webview.locator('g.box.current[data-id="subnet:app.private-b"]').waitFor({ timeout: 30_000 });
        await page.screenshot({ path: join(screenshotFolder(), 'vscode-preview.png') });
    }, 180_000);
});

/**
 * Running the extension inside code-server: the API suite (as @vscode/test-electron runs it,
 * through the workbench's test payload) and a browser session as a person uses VS Code.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { e2eFolder, packageJson, root } from './setup.js';

export const suiteBundle = join(e2eFolder, 'suite', 'index.cjs');

/** Bundles the mocha suite (test/vscode) into one CommonJS module the extension host can load. */
export async function buildSuite(): Promise<string> {
    await build({
        entryPoints: [join(root, 'test/vscode/index.ts')],
        outfile: suiteBundle,
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        external: ['vscode', 'mocha'],
        sourcemap: 'inline',
        logLevel: 'warning'
    });
    return suiteBundle;
}

/** A fresh copy of the test workspace: the tour and a file with mistakes, committed in a git repository. */
export function workspace(name: string): string {
    const folder = join(e2eFolder, 'workspaces', name);
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    copyFileSync(join(root, 'examples/tour.vpc'), join(folder, 'tour.vpc'));
    copyFileSync(join(root, 'test/fixtures/vscode/mistakes.vpc'), join(folder, 'mistakes.vpc'));
    // A repository of its own, the files committed: what "Compare Reachability with…" compares with.
    const git = (...args: string[]) =>
        execFileSync('git', ['-c', 'user.name=vpc-lab', '-c', 'user.email=vpc-lab@example.com', '-c', 'commit.gpgsign=false', ...args], {
            cwd: folder,
            stdio: 'pipe'
        });
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'the tour');
    return folder;
}

/** Packages the extension as users get it and installs it into `extensionsDir` with code-server's own installer. */
export function installVsix(codeServerEntry: string, extensionsDir: string): string {
    const vsix = join(e2eFolder, 'vpc-lab.vsix');
    rmSync(vsix, { force: true });
    execFileSync(
        process.execPath,
        [
            join(root, 'node_modules/@vscode/vsce/vsce'),
            'package',
            '--no-dependencies',
            '--allow-missing-repository',
            '--no-rewrite-relative-links',
            '--out',
            vsix
        ],
        { cwd: root, stdio: 'pipe' }
    );
    rmSync(extensionsDir, { recursive: true, force: true });
    mkdirSync(extensionsDir, { recursive: true });
    execFileSync(process.execPath, [codeServerEntry, '--extensions-dir', extensionsDir, '--install-extension', vsix], {
        stdio: 'pipe',
        env: { ...process.env, HOME: join(e2eFolder, 'run', 'install-home') }
    });
    const { publisher, name, version } = packageJson();
    const installed = join(extensionsDir, `${publisher}.${name}-${version}`);
    if (!existsSync(join(installed, 'out', 'extension.cjs'))) throw new Error(`the .vsix did not install into ${installed}`);
    return installed;
}

export interface Outcome {
    title: string;
    state: 'passed' | 'failed';
    error?: string;
    ms: number;
}

/**
 * Opens the workbench with the test payload; the extension host runs the suite and the page
 * reports the exit code through `codeAutomationExit`, as VS Code's own smoke tests do.
 */
export async function runApiSuite(
    browser: Browser,
    url: string,
    port: number,
    folder: string,
    resultsFile: string
): Promise<{ code: number; outcomes: Outcome[]; log: string[] }> {
    const page = await browser.newPage();
    const log: string[] = [];
    try {
        const exited = new Promise<number>(resolve => {
            void page.exposeFunction('codeAutomationExit', (code: number) => {
                resolve(code);
            });
        });
        await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
            log.push(`${type}: ${args.map(String).join(' ')}`);
        });
        const remote = (path: string) => `vscode-remote://127.0.0.1:${port}${path}`;
        const payload = [
            ['extensionDevelopmentPath', remote(root.replace(/\/$/, ''))],
            ['extensionTestsPath', remote(suiteBundle)]
        ];
        await page.goto(`${url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
        const code = await exited;
        const outcomes = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Outcome[]) : [];
        return { code, outcomes, log };
    } finally {
        await page.close();
    }
}

/** Runs a command from the palette by its title, as a person would. */
export async function runCommand(page: Page, title: string): Promise<void> {
    await page.keyboard.press('Control+Shift+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
    await page.keyboard.press('Enter');
}

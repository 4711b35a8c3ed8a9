/** The `.vsix` users install: what it holds, what it leaves out, its size, and a manifest VS Code can load. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../cli/run.js';

let folder: string;
let vsix: string;
let entries: Map<string, number>;

function list(file: string): Promise<Map<string, number>> {
    return new Promise((resolve, reject) => {
        yauzl.open(file, { lazyEntries: true }, (error, zip) => {
            if (error || !zip) return reject(error);
            const found = new Map<string, number>();
            zip.on('entry', (entry: yauzl.Entry) => {
                found.set(entry.fileName, entry.uncompressedSize);
                zip.readEntry();
            });
            zip.on('end', () => resolve(found));
            zip.on('error', reject);
            zip.readEntry();
        });
    });
}

function read(file: string, name: string): Promise<string> {
    return new Promise((resolve, reject) => {
        yauzl.open(file, { lazyEntries: true }, (error, zip) => {
            if (error || !zip) return reject(error);
            zip.on('entry', (entry: yauzl.Entry) => {
                if (entry.fileName !== name) return zip.readEntry();
                zip.openReadStream(entry, (e, stream) => {
                    if (e || !stream) return reject(e);
                    const chunks: Buffer[] = [];
                    stream.on('data', c => chunks.push(c as Buffer));
                    stream.on('end', () => {
                        zip.close();
                        resolve(Buffer.concat(chunks).toString('utf8'));
                    });
                });
            });
            zip.on('end', () => reject(new Error(`${name} is not in the package`)));
            zip.readEntry();
        });
    });
}

beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'vpc-vsix-'));
    vsix = join(folder, 'vpc-lab.vsix');
    // The same vsce call as `npm run package`, on the bundles `npm test` has just built; no network.
    const run = spawnSync(
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
        { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 }
    );
    expect(run.status, run.stderr + run.stdout).toBe(0);
}, 120_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the .vsix', () => {
    it('holds the bundled extension, server and page, the grammar, README, licence and icon', async () => {
        entries = await list(vsix);
        for (const name of [
            'extension/package.json',
            'extension/out/extension.cjs',
            'extension/out/server.cjs',
            'extension/out/webview.js',
            'extension/out/webview.css',
            'extension/syntaxes/vpc.tmLanguage.json',
            'extension/syntaxes/language-configuration.json',
            'extension/images/icon.png',
            'extension/readme.md',
            'extension.vsixmanifest'
        ]) {
            expect([...entries.keys()], name).toContain(name);
        }
        expect([...entries.keys()].some(n => /^extension\/licen[cs]e/i.test(n))).toBe(true);
    });

    it('leaves out node_modules, sources, tests and source maps, and stays under 5 MB', () => {
        const names = [...entries.keys()];
        expect(names.filter(n => /node_modules|\/src\/|\/test\/|\.map$|\.ts$|\.vscode-test/.test(n))).toEqual([]);
        expect(statSync(vsix).size).toBeLessThan(5 * 1024 * 1024);
    });

    it('has a manifest whose entry points, grammar and icons are all in the package', async () => {
        const manifest = JSON.parse(await read(vsix, 'extension/package.json')) as {
            main: string;
            icon: string;
            activationEvents: string[];
            contributes: {
                grammars: Array<{ path: string }>;
                languages: Array<{ configuration: string; icon: { light: string; dark: string } }>;
                commands: Array<{ command: string; title: string }>;
            };
        };
        const inside = (path: string) => entries.has(`extension/${path.replace(/^\.\//, '')}`);
        expect(inside(manifest.main)).toBe(true);
        expect(inside(manifest.icon)).toBe(true);
        for (const g of manifest.contributes.grammars) expect(inside(g.path)).toBe(true);
        for (const l of manifest.contributes.languages) {
            expect(inside(l.configuration)).toBe(true);
            expect(inside(l.icon.light)).toBe(true);
        }
        expect(manifest.contributes.commands.map(c => c.title).sort()).toEqual([
            'Compare Reachability with…',
            'Export Flow Logs…',
            'Export to CloudFormation…',
            'Export to Terraform…',
            'Import from AWS CLI Output…',
            'Import from CloudFormation…',
            'Import from Terraform…',
            'Open Preview to the Side',
            'Open a Teaching Example',
            'Run Probes',
            'Show Reachability Matrix',
            'Trace Probe'
        ]);
        // The walkthrough's pages and the examples its steps open are in the package.
        const walkthroughs = (manifest.contributes as unknown as { walkthroughs: Array<{ steps: Array<{ media: { markdown: string } }> }> })
            .walkthroughs;
        for (const step of walkthroughs[0]!.steps) expect(inside(step.media.markdown), step.media.markdown).toBe(true);
        expect(inside('examples/tour.vpc')).toBe(true);
        // The language server reads and formats Terraform with HashiCorp's WebAssembly, shipped beside it.
        expect(inside('out/hcl2json.wasm.gz') && inside('out/hcl-tools.wasm.gz')).toBe(true);
        // Activation on the language and the commands only, never on start-up.
        expect(
            manifest.activationEvents.filter(e => !/^(onLanguage:vpc|onCommand:vpc-lab\.|onWebviewPanel:vpcLab\.preview)/.test(e))
        ).toEqual([]);
        // The extension bundle loads the server from the package, not from node_modules.
        expect(await read(vsix, 'extension/out/extension.cjs')).toContain('out/server.cjs');
    });
});

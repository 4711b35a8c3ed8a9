/**
 * What the browser and VS Code tests need, installed on first use into the ignored `.vscode-test/`
 * folder (or from Debian's packages): Chromium, and code-server (VS Code with a Node extension host,
 * the one VS Code that runs on machines that cannot download VS Code itself). Nothing is skipped:
 * a missing piece is installed, or the test fails saying what is missing.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const e2eFolder = join(root, '.vscode-test');
export const CODE_SERVER_VERSION = '4.100.3';
const codeServerFolder = join(e2eFolder, 'code-server');
export const codeServerEntry = join(codeServerFolder, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

function asRoot(command: string, args: string[]): void {
    const isRoot = process.getuid?.() === 0;
    const [cmd, argv] = isRoot ? [command, args] : ['sudo', ['-n', command, ...args]];
    execFileSync(cmd, argv, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

let aptUpdated = false;
function aptInstall(packages: string[]): void {
    if (!aptUpdated) {
        asRoot('apt-get', ['update', '-qq']);
        aptUpdated = true;
    }
    asRoot('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages]);
}

const CHROMIUM = '/usr/bin/chromium';

/** Debian's Chromium: the only browser these machines can install. */
export function ensureChromium(): string {
    if (!existsSync(CHROMIUM)) aptInstall(['chromium']);
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing and apt-get could not install it`);
    return CHROMIUM;
}

export const chromiumArgs = [
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic'
];

/** code-server into `.vscode-test/code-server`, as found by trying on these machines (docs: VSCODE-E2E). */
export function ensureCodeServer(): string {
    if (existsSync(codeServerEntry)) return codeServerEntry;
    const missing = ['rg', 'krb5-config'].filter(tool => {
        try {
            execFileSync('which', [tool], { stdio: 'ignore' });
            return false;
        } catch {
            return true;
        }
    });
    if (missing.length > 0) aptInstall(['libkrb5-dev', 'ripgrep']);
    const tmp = join(e2eFolder, 'tmp');
    // @vscode/ripgrep downloads rg at install time; give it Debian's from its cache instead.
    const cache = join(tmp, 'vscode-ripgrep-cache-1.15.11');
    mkdirSync(cache, { recursive: true });
    const rg = execFileSync('which', ['rg'], { encoding: 'utf8' }).trim();
    const staging = join(tmp, 'rg-staging');
    mkdirSync(staging, { recursive: true });
    execFileSync('cp', [rg, join(staging, 'rg')]);
    execFileSync('tar', ['-czf', join(cache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz'), '-C', staging, 'rg']);
    mkdirSync(codeServerFolder, { recursive: true });
    writeFileSync(
        join(codeServerFolder, 'package.json'),
        JSON.stringify({ name: 'vpc-lab-vscode-host', private: true, dependencies: { 'code-server': CODE_SERVER_VERSION } }, null, 2)
    );
    const env = {
        ...process.env,
        TMPDIR: tmp,
        npm_config_unsafe_perm: 'true',
        npm_config_yes: 'true',
        npm_config_audit: 'false',
        npm_config_fund: 'false',
        npm_config_update_notifier: 'false'
    };
    const npm = (args: string[]) => execFileSync('npm', args, { cwd: codeServerFolder, env, stdio: ['ignore', 'inherit', 'inherit'] });
    npm(['install', '--no-package-lock']);
    // npm 11 holds dependencies' install scripts until approved: code-server's build its native modules.
    try {
        npm(['install-scripts', 'approve', '--all']);
        npm(['rebuild']);
    } catch {
        /* older npm runs them during install */
    }
    if (!existsSync(codeServerEntry)) throw new Error(`code-server ${CODE_SERVER_VERSION} did not install into ${codeServerFolder}`);
    return codeServerEntry;
}

export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
        });
    });
}

export interface CodeServer {
    url: string;
    port: number;
    process: ChildProcess;
    stop(): void;
    log(): string;
}

/** Starts code-server on a free port in its own process group, with a fresh profile; resolves once /healthz answers. */
export async function startCodeServer(extensionsDir: string, name: string, extraEnv: Record<string, string> = {}): Promise<CodeServer> {
    const entry = ensureCodeServer();
    const port = await freePort();
    const home = join(e2eFolder, 'run', name);
    rmSync(home, { recursive: true, force: true });
    const userData = join(home, 'user-data');
    mkdirSync(join(userData, 'User'), { recursive: true });
    mkdirSync(join(home, 'tmp'), { recursive: true });
    writeFileSync(
        join(userData, 'User', 'settings.json'),
        JSON.stringify(
            {
                'workbench.startupEditor': 'none',
                'telemetry.telemetryLevel': 'off',
                'update.mode': 'none',
                'extensions.autoUpdate': false,
                'extensions.autoCheckUpdates': false,
                'workbench.enableExperiments': false,
                'security.workspace.trust.enabled': false,
                'workbench.tips.enabled': false,
                'editor.hover.delay': 200,
                'chat.disableAIFeatures': true
            },
            null,
            2
        )
    );
    let output = '';
    const child = spawn(
        process.execPath,
        [
            entry,
            '--auth',
            'none',
            '--bind-addr',
            `127.0.0.1:${port}`,
            '--disable-telemetry',
            '--disable-update-check',
            '--disable-workspace-trust',
            '--user-data-dir',
            userData,
            '--extensions-dir',
            extensionsDir
        ],
        {
            detached: true,
            env: {
                ...process.env,
                ...extraEnv,
                HOME: home,
                TMPDIR: join(home, 'tmp'),
                EXTENSIONS_GALLERY: '{"serviceUrl":""}',
                VSCODE_PROXY_URI: ''
            },
            stdio: ['ignore', 'pipe', 'pipe']
        }
    );
    child.stdout!.on('data', chunk => {
        output += String(chunk);
    });
    child.stderr!.on('data', chunk => {
        output += String(chunk);
    });
    const stop = () => {
        try {
            process.kill(-child.pid!, 'SIGKILL');
        } catch {
            /* already gone */
        }
    };
    const url = `http://127.0.0.1:${port}`;
    // Ready once it says it listens (an event, not a sleep); /healthz then confirms it answers.
    const listening = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s:\n${output}`)), 60_000);
        const check = () => {
            if (/HTTP server listening/.test(output)) {
                clearTimeout(timer);
                resolve();
            }
        };
        child.stdout!.on('data', check);
        child.stderr!.on('data', check);
        child.once('exit', code => {
            clearTimeout(timer);
            reject(new Error(`code-server exited with ${code}:\n${output}`));
        });
    });
    try {
        await listening;
        const response = await fetch(`${url}/healthz`);
        if (!response.ok) throw new Error(`code-server's /healthz answered ${response.status}`);
    } catch (error) {
        stop();
        throw error;
    }
    return { url, port, process: child, stop, log: () => output };
}

export function packageJson(): { name: string; publisher: string; version: string } {
    return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; publisher: string; version: string };
}

/** Where tests save screenshots: docs/images when VPC_LAB_UPDATE_SCREENSHOTS is set (for the README), else .test-results. */
export function screenshotFolder(): string {
    const folder = process.env.VPC_LAB_UPDATE_SCREENSHOTS ? join(root, 'docs', 'images') : join(root, '.test-results', 'screenshots');
    mkdirSync(folder, { recursive: true });
    return folder;
}

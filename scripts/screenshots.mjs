// Remakes the README's screenshots of the preview (docs/images/preview-*.png): the page
// `vpc-lab preview` writes, opened in Debian's Chromium through playwright-core as the preview
// tests open it, in the light, dark and high-contrast themes, with a probe's path drawn.
// Run `npm run build` first; `npm run screenshots` writes the images and prints their sizes.
// Each is reduced to a 256-colour palette by Debian's pngquant (installed through apt-get when
// missing): the images ship inside the .vsix too, which must stay under 5 MB.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const images = join(root, 'docs', 'images');
const CHROMIUM = '/usr/bin/chromium';
const PNGQUANT = '/usr/bin/pngquant';
// Wide enough for the probes beside the diagram, narrow enough that the README shows the labels near their own size.
const viewport = { width: 1200, height: 1000 };
const BESIDE_THE_EDITOR = 'vscode-preview.png';
// A README image larger than this is too heavy for a page read on a phone.
const MAX_BYTES = 300_000;

/** What to draw: the page of an example, a theme, and the probe whose path is shown. */
const shots = [
    { file: 'preview-light.png', example: 'tour.vpc', scheme: 'light', probe: 'probe:db-from-public' },
    { file: 'preview-dark.png', example: 'tour.vpc', scheme: 'dark', probe: 'probe:db-from-public' },
    { file: 'preview-high-contrast.png', example: 'tour.vpc', scheme: 'dark', highContrast: true, probe: 'probe:db-from-public' },
    { file: 'preview-transit-hub.png', example: 'transit-hub.vpc', scheme: 'light', probe: 'probe:spoke-to-spoke' }
];

/** Reduced to a 256-colour palette in place (unless that would be larger), then held to the size limit. */
function quantise(file) {
    const path = join(images, file);
    const quantized = spawnSync(PNGQUANT, ['--force', '--skip-if-larger', '--speed', '1', '--output', path, '256', path], {
        encoding: 'utf8'
    });
    // 98: the palette image would be larger; the full-colour one stays.
    if (quantized.status !== 0 && quantized.status !== 98) fail(`pngquant ${file}: ${quantized.stderr.trim()}`);
    const bytes = statSync(path).size;
    console.log(`docs/images/${file}  ${Math.round(bytes / 1024)} kB`);
    if (bytes > MAX_BYTES) fail(`docs/images/${file} is ${Math.round(bytes / 1024)} kB, over ${MAX_BYTES / 1000} kB`);
}

function fail(message) {
    console.error(`screenshots: ${message}`);
    process.exit(1);
}

if (!existsSync(CHROMIUM)) fail(`${CHROMIUM} is missing: install Debian's chromium (the preview tests install it on first use)`);
if (!existsSync(PNGQUANT)) {
    const asRoot = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
    for (const args of [
        ['apt-get', 'update', '-qq'],
        ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'pngquant']
    ]) {
        const [command, ...rest] = [...asRoot, ...args];
        spawnSync(command, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    }
    if (!existsSync(PNGQUANT)) fail(`${PNGQUANT} is missing and apt-get could not install it`);
}
if (!existsSync(join(root, 'out', 'cli.mjs'))) fail('the command line is not built: run npm run build first');

const folder = mkdtempSync(join(tmpdir(), 'vpc-lab-screenshots-'));
const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic'
    ]
});
try {
    const pages = new Map();
    for (const shot of shots) {
        let page = pages.get(shot.example);
        if (!page) {
            page = join(folder, shot.example.replace(/\.vpc$/, '.html'));
            const run = spawnSync(
                process.execPath,
                [join(root, 'bin', 'vpc-lab.cjs'), 'preview', join('examples', shot.example), '-o', page],
                {
                    cwd: root,
                    encoding: 'utf8'
                }
            );
            if (run.status !== 0) fail(`vpc-lab preview ${shot.example} failed: ${run.stderr.trim()}`);
            pages.set(shot.example, page);
        }
        const tab = await browser.newPage({ viewport, colorScheme: shot.scheme, deviceScaleFactor: 1 });
        await tab.goto(`file://${page}${shot.highContrast ? '#high-contrast' : ''}`);
        await tab.waitForSelector('body[data-ready]');
        if (shot.probe) await tab.click(`[data-probe="${shot.probe}"]`);
        await tab.screenshot({ path: join(images, shot.file) });
        await tab.close();
        quantise(shot.file);
    }
    // The preview beside the editor is taken by the code-server test (`VPC_LAB_UPDATE_SCREENSHOTS=1 npx vitest run
    // test/e2e/vscode.test.ts`) in full colour: it gets the same palette here.
    if (existsSync(join(images, BESIDE_THE_EDITOR))) quantise(BESIDE_THE_EDITOR);
} finally {
    await browser.close();
    rmSync(folder, { recursive: true, force: true });
}

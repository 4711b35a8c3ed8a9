/**
 * `vpc-lab preview --svg FILE / --png FILE`: the diagram drawn by the page itself, in Debian's
 * Chromium run headless (no browser library: Chromium's own `--dump-dom` and `--screenshot`).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where Chromium is: `VPC_LAB_CHROMIUM` when set (and only there), else Debian's and Ubuntu's usual places. */
export function findChromium(): string | undefined {
    const chosen = process.env.VPC_LAB_CHROMIUM;
    const candidates = chosen ? [chosen] : ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
    return candidates.find((c): c is string => !!c && existsSync(c));
}

const FLAGS = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--hide-scrollbars',
    '--virtual-time-budget=10000'
];

/** The SVG document the page's renderer makes of the page `html`, laid out for a window `width` px wide. */
export async function renderSvg(chromium: string, html: string, width = 1400): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'vpc-lab-picture-'));
    try {
        const page = join(dir, 'page.html');
        await writeFile(page, html);
        const { stdout } = await run(
            chromium,
            [
                ...FLAGS,
                `--user-data-dir=${join(dir, 'profile')}`,
                `--window-size=${width},900`,
                '--dump-dom',
                `${pathToFileURL(page).href}#export-svg`
            ],
            { maxBuffer: 512 * 2 ** 20, timeout: 120_000 }
        );
        const found = /<script type="image\/svg\+xml" id="vpc-lab-export">([\s\S]*?)<\/script>/.exec(stdout);
        if (!found?.[1]) throw new Error('the page drew no diagram');
        return found[1];
    } finally {
        await rm(dir, { recursive: true, force: true });
    }
}

/** The SVG as a PNG of its own size, at twice the pixels for sharp text in documents. */
export async function renderPng(chromium: string, svg: string): Promise<Buffer> {
    const dir = await mkdtemp(join(tmpdir(), 'vpc-lab-picture-'));
    try {
        const width = Number(/<svg[^>]*\bwidth="(\d+)"/.exec(svg)?.[1] ?? 1400);
        const height = Number(/<svg[^>]*\bheight="(\d+)"/.exec(svg)?.[1] ?? 900);
        const source = join(dir, 'diagram.svg');
        const png = join(dir, 'diagram.png');
        await writeFile(source, svg);
        await run(
            chromium,
            [
                ...FLAGS,
                `--user-data-dir=${join(dir, 'profile')}`,
                '--force-device-scale-factor=2',
                `--window-size=${width},${height}`,
                `--screenshot=${png}`,
                pathToFileURL(source).href
            ],
            { timeout: 120_000 }
        );
        return await readFile(png);
    } finally {
        await rm(dir, { recursive: true, force: true });
    }
}

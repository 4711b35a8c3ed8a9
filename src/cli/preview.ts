/** `vpc-lab preview PATH... [-o FILE.html] [--svg FILE.svg] [--png FILE.png]`: the preview page as one self-contained file, and its diagram as a picture. */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeFsError } from '../io/errors.js';
import { problemsOf } from '../language/problems.js';
import { previewHtml } from '../protocol.js';
import { previewData } from '../simulator/build-preview.js';
import { ExitCode, reportLoadErrors, startOption } from './output.js';
import { findChromium, renderPng, renderSvg } from './preview-picture.js';
import { displayPath, loadWorkspace } from './workspace.js';

export interface PreviewCliOptions {
    output?: string;
    svg?: string;
    png?: string;
    start?: string;
}

/** Written whole under a temporary name, then renamed: an interrupted run leaves no half file. False (and said) when it cannot be written. */
async function writeWhole(path: string, content: string | Buffer): Promise<boolean> {
    const temporary = `${path}.${process.pid}.tmp`;
    try {
        await writeFile(temporary, content);
        await rename(temporary, path);
        return true;
    } catch (error) {
        await rm(temporary, { force: true }).catch(() => undefined);
        const code = (error as NodeJS.ErrnoException).code;
        process.stderr.write(
            `vpc-lab: cannot write ${displayPath(path)}: ${code === 'ENOENT' ? 'its folder does not exist' : describeFsError(error)}\n`
        );
        return false;
    }
}

/** The page's script and styles, built next to this bundle by `npm run build`. */
async function pageAssets(): Promise<{ script: string; style: string }> {
    const folder = new URL('.', import.meta.url);
    const [script, style] = await Promise.all([
        readFile(new URL('webview.js', folder), 'utf8'),
        readFile(new URL('webview.css', folder), 'utf8')
    ]);
    return { script, style };
}

export async function previewCommand(paths: string[], options: PreviewCliOptions): Promise<number> {
    const start = startOption(options.start);
    if (start === undefined) return ExitCode.Usage;
    if (!options.output && !options.svg && !options.png) {
        process.stderr.write('vpc-lab: say what to write: -o FILE.html (the page), --svg FILE.svg or --png FILE.png (the diagram)\n');
        return ExitCode.Usage;
    }
    const targets: Array<[string | undefined, RegExp, string, string]> = [
        [options.output, /\.html?$/i, '-o', '.html'],
        [options.svg, /\.svg$/i, '--svg', '.svg'],
        [options.png, /\.png$/i, '--png', '.png']
    ];
    for (const [given, shape, flag, ending] of targets) {
        if (given !== undefined && !shape.test(given)) {
            process.stderr.write(`vpc-lab: give ${flag} a file name ending in ${ending}, not '${given}'\n`);
            return ExitCode.Usage;
        }
    }
    const chromium = options.svg || options.png ? findChromium() : undefined;
    if ((options.svg || options.png) && !chromium) {
        process.stderr.write(
            'vpc-lab: --svg and --png draw the diagram in Chromium, which is not installed (apt-get install chromium, or set VPC_LAB_CHROMIUM to its path)\n'
        );
        return ExitCode.Usage;
    }
    const outputs = [options.output, options.svg, options.png].filter((o): o is string => !!o).map(o => resolve(o));
    for (const output of outputs) {
        const existing = await stat(output).catch(() => undefined);
        if (existing && !existing.isFile()) {
            process.stderr.write(
                `vpc-lab: cannot write ${displayPath(output)}: it is ${existing.isDirectory() ? 'a folder' : 'not a regular file'}\n`
            );
            return ExitCode.Usage;
        }
    }
    const workspace = await loadWorkspace(paths);
    reportLoadErrors(workspace.errors);
    if (workspace.errors.length > 0) return ExitCode.Usage;
    const over = outputs.find(output => workspace.files.some(f => resolve(fileURLToPath(f.uri)) === output));
    if (over) {
        process.stderr.write(`vpc-lab: refusing to write over the input ${displayPath(over)}\n`);
        return ExitCode.Usage;
    }
    let assets: { script: string; style: string };
    try {
        assets = await pageAssets();
    } catch {
        process.stderr.write("vpc-lab: the preview page's script is missing; run `npm run build` first\n");
        return ExitCode.Usage;
    }
    const { topology, compiled } = workspace.model();
    const data = previewData(topology, compiled(), { startMs: start, problems: problemsOf(workspace.documents) });
    const title = `vpc-lab · ${workspace.files
        .map(f => basename(f.display))
        .slice(0, 3)
        .join(', ')}${workspace.files.length > 3 ? '…' : ''}`;
    const html = previewHtml({
        title,
        nonce: randomBytes(16).toString('base64'),
        script: { inline: assets.script },
        style: { inline: assets.style },
        data
    });
    if (options.output) {
        const output = resolve(options.output);
        if (!(await writeWhole(output, html))) return ExitCode.Usage;
        const failed = data.probes.filter(p => p.met === false).length;
        process.stdout.write(
            `Wrote ${displayPath(output)} (${(html.length / 1024).toFixed(0)} KiB): ${topology.vpcs.length} VPC${topology.vpcs.length === 1 ? '' : 's'}, ${data.probes.length} probe${data.probes.length === 1 ? '' : 's'} (${failed} expectation${failed === 1 ? '' : 's'} failed), ${data.records.length} flow-log record${data.records.length === 1 ? '' : 's'}\n`
        );
    }
    if (chromium) {
        let svg: string;
        let png: Buffer | undefined;
        try {
            svg = await renderSvg(chromium, html);
            if (options.png) png = await renderPng(chromium, svg);
        } catch {
            process.stderr.write(
                'vpc-lab: Chromium could not draw the diagram (it stopped or timed out); try again, or write the page with -o\n'
            );
            return ExitCode.Usage;
        }
        if (options.svg && !(await writeWhole(resolve(options.svg), svg))) return ExitCode.Usage;
        if (options.png && png && !(await writeWhole(resolve(options.png), png))) return ExitCode.Usage;
        for (const file of [options.svg, options.png]) if (file) process.stdout.write(`Wrote ${displayPath(resolve(file))}\n`);
    }
    return data.problems.errors > 0 ? ExitCode.Errors : ExitCode.Ok;
}

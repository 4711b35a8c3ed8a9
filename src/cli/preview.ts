/** `vpc-lab preview PATH... -o FILE.html`: the preview page as one self-contained file. */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeFsError } from '../io/errors.js';
import { problemsOf } from '../language/problems.js';
import { previewHtml } from '../protocol.js';
import { previewData } from '../simulator/build-preview.js';
import { ExitCode, reportLoadErrors, startOption } from './output.js';
import { displayPath, loadWorkspace } from './workspace.js';

export interface PreviewCliOptions { output: string; start?: string }

/** The page's script and styles, built next to this bundle by `npm run build`. */
async function pageAssets(): Promise<{ script: string; style: string }> {
    const folder = new URL('.', import.meta.url);
    const [script, style] = await Promise.all([readFile(new URL('webview.js', folder), 'utf8'), readFile(new URL('webview.css', folder), 'utf8')]);
    return { script, style };
}

export async function previewCommand(paths: string[], options: PreviewCliOptions): Promise<number> {
    const start = startOption(options.start);
    if (start === undefined) return ExitCode.Usage;
    const output = resolve(options.output);
    if (!/\.html?$/i.test(output)) {
        process.stderr.write(`vpc-lab: the page is HTML: give -o a file name ending in .html, not '${options.output}'\n`);
        return ExitCode.Usage;
    }
    const existing = await stat(output).catch(() => undefined);
    if (existing && !existing.isFile()) {
        process.stderr.write(`vpc-lab: cannot write ${displayPath(output)}: it is ${existing.isDirectory() ? 'a folder' : 'not a regular file'}\n`);
        return ExitCode.Usage;
    }
    const workspace = await loadWorkspace(paths);
    reportLoadErrors(workspace.errors);
    if (workspace.errors.length > 0) return ExitCode.Usage;
    if (workspace.files.some(f => resolve(fileURLToPath(f.uri)) === output)) {
        process.stderr.write(`vpc-lab: refusing to write the page over the input ${displayPath(output)}\n`);
        return ExitCode.Usage;
    }
    let assets: { script: string; style: string };
    try {
        assets = await pageAssets();
    } catch {
        process.stderr.write('vpc-lab: the preview page\'s script is missing; run `npm run build` first\n');
        return ExitCode.Usage;
    }
    const { topology, compiled } = workspace.model();
    const data = previewData(topology, compiled(), { startMs: start, problems: problemsOf(workspace.documents) });
    const title = `vpc-lab · ${workspace.files.map(f => basename(f.display)).slice(0, 3).join(', ')}${workspace.files.length > 3 ? '…' : ''}`;
    const html = previewHtml({ title, nonce: randomBytes(16).toString('base64'), script: { inline: assets.script }, style: { inline: assets.style }, data });
    // Written whole under a temporary name, then renamed: an interrupted run leaves no half page.
    const temporary = `${output}.${process.pid}.tmp`;
    try {
        await writeFile(temporary, html);
        await rename(temporary, output);
    } catch (error) {
        await rm(temporary, { force: true }).catch(() => undefined);
        const code = (error as NodeJS.ErrnoException).code;
        process.stderr.write(`vpc-lab: cannot write ${displayPath(output)}: ${code === 'ENOENT' ? 'its folder does not exist' : describeFsError(error)}\n`);
        return ExitCode.Usage;
    }
    const failed = data.probes.filter(p => p.met === false).length;
    process.stdout.write(`Wrote ${displayPath(output)} (${(html.length / 1024).toFixed(0)} KiB): ${topology.vpcs.length} VPC${topology.vpcs.length === 1 ? '' : 's'}, ${data.probes.length} probe${data.probes.length === 1 ? '' : 's'} (${failed} expectation${failed === 1 ? '' : 's'} failed), ${data.records.length} flow-log record${data.records.length === 1 ? '' : 's'}\n`);
    return data.problems.errors > 0 ? ExitCode.Errors : ExitCode.Ok;
}

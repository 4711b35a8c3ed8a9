/** `vpc-lab export PATH... --format cloudformation|terraform -o OUT`: the design as templates or configurations people deploy. */
import { existsSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportCloudFormation, type NotExported } from '../interop/cloudformation/export/index.js';
import { exportTerraform } from '../interop/terraform/export/index.js';
import { describeFsError } from '../io/errors.js';
import { collectDiagnostics } from './diagnostics.js';
import { ExitCode, reportLoadErrors } from './output.js';
import { displayPath, loadWorkspace } from './workspace.js';

export interface ExportCliOptions {
    format: 'cloudformation' | 'terraform';
    output: string;
}

function where(item: NotExported): string {
    if (!item.loc) return item.element;
    const file = displayPath(fileURLToPath(item.loc.uri));
    return `${file}:${item.loc.range.start.line + 1}`;
}

export async function exportCommand(paths: string[], options: ExportCliOptions): Promise<number> {
    const out = resolve(options.output);
    if (existsSync(out) && !statSync(out).isDirectory()) {
        process.stderr.write(`vpc-lab: ${displayPath(out)} is a file; -o takes a folder to write the templates into\n`);
        return ExitCode.Usage;
    }
    const workspace = await loadWorkspace(paths);
    reportLoadErrors(workspace.errors);
    if (workspace.errors.length > 0) return ExitCode.Usage;
    // A design AWS would refuse gives templates that fail to deploy; an unmet probe expectation does not.
    const errors = collectDiagnostics(workspace).filter(d => d.severity === 'error' && d.code !== 'probe-expectation');
    if (errors.length > 0) {
        process.stderr.write(
            `vpc-lab: the design has ${errors.length} error${errors.length === 1 ? '' : 's'} (first: ${errors[0]!.file}:${errors[0]!.line}: ${errors[0]!.message}); fix them before exporting: vpc-lab check lists them\n`
        );
        return ExitCode.Errors;
    }
    const topology = workspace.model().topology;
    const what = options.format === 'terraform' ? 'Terraform' : 'CloudFormation';
    const listing = (items: NotExported[]): string[] =>
        items.length === 0
            ? []
            : [`Not exported (the design has them; ${what} cannot say them):`, ...items.map(n => `  ${where(n)}: ${n.why}`)];
    let targets: Array<{ path: string; text: string }>;
    let header: string[];
    let notExported: NotExported[];
    let summary: string;
    if (options.format === 'terraform') {
        const exported = await exportTerraform(topology, listing);
        notExported = exported.notExported;
        header = [];
        targets = exported.files.map(f => ({ path: join(out, f.path), text: f.text }));
        const resources = exported.files.reduce((n, f) => n + f.blocks.filter(b => b.type === 'resource').length, 0);
        const folders = [...new Set(exported.files.map(f => f.path.split('/')[0]!))];
        summary = `Wrote ${exported.files.length} file${exported.files.length === 1 ? '' : 's'} (${resources} resources) in ${folders.length} folder${folders.length === 1 ? '' : 's'} to ${displayPath(out)}: ${folders.join(', ')}`;
    } else {
        const exported = exportCloudFormation(topology);
        notExported = exported.notExported;
        header = listing(notExported);
        targets = exported.templates.map(t => ({ path: join(out, t.name), text: t.text }));
        const resources = exported.templates.reduce((n, t) => n + Object.keys(t.json.Resources as object).length, 0);
        summary = `Wrote ${exported.templates.length} template${exported.templates.length === 1 ? '' : 's'} (${resources} resources) to ${displayPath(out)}: ${exported.templates.map(t => t.name).join(', ')}`;
    }
    const existing = targets.filter(t => existsSync(t.path));
    if (existing.length > 0) {
        process.stderr.write(
            `vpc-lab: ${existing.map(t => displayPath(t.path)).join(', ')} already exist${existing.length === 1 ? 's' : ''}; nothing was written (export never writes over a file)\n`
        );
        return ExitCode.Usage;
    }
    try {
        await mkdir(out, { recursive: true });
        for (const target of targets) {
            await mkdir(dirname(target.path), { recursive: true });
            const text = header.length > 0 ? header.map(l => `# ${l}`).join('\n') + '\n' + target.text : target.text;
            await writeFile(target.path, text, { flag: 'wx' });
        }
    } catch (error) {
        process.stderr.write(`vpc-lab: cannot write into ${displayPath(out)}: ${describeFsError(error)}\n`);
        return ExitCode.Usage;
    }
    for (const item of notExported) process.stderr.write(`${where(item)}: not exported: ${item.why}\n`);
    process.stdout.write(`${summary}\n`);
    return notExported.length > 0 ? ExitCode.Errors : ExitCode.Ok;
}

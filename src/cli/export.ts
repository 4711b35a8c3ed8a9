/** `vpc-lab export PATH... --format cloudformation -o OUT`: the design as templates people deploy. */
import { existsSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportCloudFormation, type NotExported } from '../interop/cloudformation/export/index.js';
import { describeFsError } from '../io/errors.js';
import { collectDiagnostics } from './diagnostics.js';
import { ExitCode, reportLoadErrors } from './output.js';
import { displayPath, loadWorkspace } from './workspace.js';

export interface ExportCliOptions {
    format: 'cloudformation';
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
    const { templates, notExported } = exportCloudFormation(workspace.model().topology);
    const header =
        notExported.length === 0
            ? []
            : ['Not exported (the design has them; CloudFormation cannot say them):', ...notExported.map(n => `  ${where(n)}: ${n.why}`)];
    const targets = templates.map(t => ({ path: join(out, t.name), text: t.text }));
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
            const text = header.length > 0 ? header.map(l => `# ${l}`).join('\n') + '\n' + target.text : target.text;
            await writeFile(target.path, text, { flag: 'wx' });
        }
    } catch (error) {
        process.stderr.write(`vpc-lab: cannot write into ${displayPath(out)}: ${describeFsError(error)}\n`);
        return ExitCode.Usage;
    }
    for (const item of notExported) process.stderr.write(`${where(item)}: not exported: ${item.why}\n`);
    const resources = templates.reduce((n, t) => n + Object.keys(t.json.Resources as object).length, 0);
    process.stdout.write(
        `Wrote ${templates.length} template${templates.length === 1 ? '' : 's'} (${resources} resources) to ${displayPath(out)}: ${templates.map(t => t.name).join(', ')}\n`
    );
    return notExported.length > 0 ? ExitCode.Errors : ExitCode.Ok;
}

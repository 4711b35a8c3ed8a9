/** `vpc-lab export PATH... --format cloudformation|terraform -o OUT`: the design as templates or configurations people deploy. */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
    ExportClashError,
    HclRuntimeError,
    prepareExport,
    writeExportFiles,
    type NotExported,
    type PreparedExport
} from '../interop/run-export.js';
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
    let prepared: PreparedExport;
    try {
        prepared = await prepareExport(workspace.model().topology, options.format, where);
    } catch (error) {
        if (!(error instanceof HclRuntimeError)) throw error;
        process.stderr.write(`vpc-lab: ${error.message}; nothing was written\n`);
        return ExitCode.Usage;
    }
    try {
        await writeExportFiles(out, prepared.files);
    } catch (error) {
        if (error instanceof ExportClashError) {
            const existing = error.existing;
            process.stderr.write(
                `vpc-lab: ${existing.map(displayPath).join(', ')} already exist${existing.length === 1 ? 's' : ''}; nothing was written (export never writes over a file)\n`
            );
        } else process.stderr.write(`vpc-lab: cannot write into ${displayPath(out)}: ${describeFsError(error)}\n`);
        return ExitCode.Usage;
    }
    for (const item of prepared.notExported) process.stderr.write(`${where(item)}: not exported: ${item.why}\n`);
    process.stdout.write(`${prepared.summary(displayPath(out))}\n`);
    return prepared.notExported.length > 0 ? ExitCode.Errors : ExitCode.Ok;
}

/** `vpc-lab check PATH... [--format text|json|sarif]` */
import { collectDiagnostics } from './diagnostics.js';
import { toSarif } from './sarif.js';
import { colorsFor, formatText } from './text-report.js';
import { loadWorkspace } from './workspace.js';
import { ExitCode, writeOut, reportLoadErrors } from './output.js';

export type CheckFormat = 'text' | 'json' | 'sarif';

export async function checkCommand(paths: string[], options: { format: CheckFormat }, version: string): Promise<number> {
    const workspace = await loadWorkspace(paths);
    reportLoadErrors(workspace.errors);
    const diagnostics = collectDiagnostics(workspace);
    if (options.format === 'json') {
        await writeOut(JSON.stringify({ diagnostics: diagnostics.map(({ related: _related, ...d }) => d) }, null, 2) + '\n');
    } else if (options.format === 'sarif') {
        await writeOut(
            JSON.stringify(
                toSarif(
                    diagnostics,
                    workspace.files.map(f => f.display),
                    version
                ),
                null,
                2
            ) + '\n'
        );
    } else if (workspace.files.length > 0 || workspace.errors.length === 0) {
        const sources = new Map(workspace.files.map(f => [f.display, f.text]));
        await writeOut(formatText(diagnostics, sources, workspace.files.length, colorsFor(process.stdout)) + '\n');
    }
    if (workspace.errors.length > 0) return ExitCode.Usage;
    return diagnostics.some(d => d.severity === 'error') ? ExitCode.Errors : ExitCode.Ok;
}

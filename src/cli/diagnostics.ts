/** Diagnostics of a built workspace in the command line's plain shape (lines and columns from 1). */
import type { Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { isDiagnosticCode, type DiagnosticCode, type Severity } from '../model/codes.js';
import type { Workspace } from './workspace.js';

export interface CliDiagnostic {
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    severity: Severity;
    code: DiagnosticCode;
    message: string;
    related?: Array<{ file: string; line: number; column: number; message: string }>;
}

const SEVERITY: Record<number, Severity> = {
    [DiagnosticSeverity.Error]: 'error',
    [DiagnosticSeverity.Warning]: 'warning',
    [DiagnosticSeverity.Information]: 'info',
    [DiagnosticSeverity.Hint]: 'hint'
};

export function collectDiagnostics(workspace: Workspace): CliDiagnostic[] {
    const displayByUri = new Map(workspace.files.map(f => [f.uri, f.display]));
    const result: CliDiagnostic[] = [];
    workspace.documents.forEach((document, i) => {
        const file = workspace.files[i]!.display;
        const sorted = [...(document.diagnostics ?? [])].sort(byPosition);
        for (const d of sorted) {
            result.push({
                file,
                line: d.range.start.line + 1,
                column: d.range.start.character + 1,
                endLine: d.range.end.line + 1,
                endColumn: d.range.end.character + 1,
                severity: SEVERITY[d.severity ?? DiagnosticSeverity.Error] ?? 'error',
                code: isDiagnosticCode(d.code) ? d.code : 'syntax',
                message: typeof d.message === 'string' ? d.message : d.message.value,
                related: d.relatedInformation?.map(r => ({
                    file: displayByUri.get(r.location.uri) ?? r.location.uri,
                    line: r.location.range.start.line + 1,
                    column: r.location.range.start.character + 1,
                    message: String(r.message)
                }))
            });
        }
    });
    return result;
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
    return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/** Per-code severities chosen by the user (editor settings or `vpc-lab.json`); `off` drops the code. */
import { DiagnosticSeverity } from 'vscode-languageserver';
import { isDiagnosticCode, type DiagnosticCode, type Severity } from '../model/codes.js';

export type SeverityOverride = Severity | 'off';

const LSP: Record<Severity, DiagnosticSeverity> = {
    error: DiagnosticSeverity.Error,
    warning: DiagnosticSeverity.Warning,
    info: DiagnosticSeverity.Information,
    hint: DiagnosticSeverity.Hint
};

export class SeveritySettings {
    private overrides = new Map<DiagnosticCode, SeverityOverride>();

    /** Replaces the overrides; unknown codes and values are returned so callers can report them. */
    set(settings: Record<string, unknown>): string[] {
        const problems: string[] = [];
        const next = new Map<DiagnosticCode, SeverityOverride>();
        for (const [code, value] of Object.entries(settings)) {
            if (!isDiagnosticCode(code)) {
                problems.push(`unknown diagnostic code '${code}'`);
                continue;
            }
            if (value === 'off' || (typeof value === 'string' && value in LSP)) next.set(code, value as SeverityOverride);
            else problems.push(`'${String(value)}' for ${code} is not one of error, warning, info, hint, off`);
        }
        this.overrides = next;
        return problems;
    }

    /** The LSP severity to publish, or undefined when the code is turned off. */
    severityOf(code: DiagnosticCode, current: DiagnosticSeverity | undefined): DiagnosticSeverity | undefined {
        const override = this.overrides.get(code);
        if (override === 'off') return undefined;
        return override ? LSP[override] : current;
    }
}

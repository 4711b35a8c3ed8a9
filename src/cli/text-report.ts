/** Compiler-style text: `file:line:col  severity  code  message`, the source line and a caret underline. */
import pc from 'picocolors';
import type { Severity } from '../model/codes.js';
import type { CliDiagnostic } from './diagnostics.js';

export type Colors = ReturnType<typeof pc.createColors>;

/** Colour only on a terminal, and never when NO_COLOR is set (FORCE_COLOR forces it on). */
export function colorsFor(stream: NodeJS.WriteStream): Colors {
    const env = process.env;
    const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
    const enabled = forced || (Boolean(stream.isTTY) && env.NO_COLOR === undefined && env.TERM !== 'dumb');
    return pc.createColors(enabled);
}

function paint(c: Colors, severity: Severity, text: string): string {
    switch (severity) {
        case 'error': return c.red(c.bold(text));
        case 'warning': return c.yellow(c.bold(text));
        case 'info': return c.blue(text);
        default: return c.dim(text);
    }
}

function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatText(diagnostics: readonly CliDiagnostic[], sources: ReadonlyMap<string, string>, fileCount: number, c: Colors): string {
    const out: string[] = [];
    const lineCache = new Map<string, string[]>();
    const linesOf = (file: string) => {
        let lines = lineCache.get(file);
        if (!lines) { lines = (sources.get(file) ?? '').split(/\r?\n/); lineCache.set(file, lines); }
        return lines;
    };
    for (const d of diagnostics) {
        out.push(`${c.bold(`${d.file}:${d.line}:${d.column}`)}  ${paint(c, d.severity, d.severity)}  ${c.dim(d.code)}  ${d.message}`);
        const source = linesOf(d.file)[d.line - 1];
        if (source !== undefined) {
            const gutter = String(d.line).length;
            const shown = source.replace(/\t/g, ' ');
            const start = Math.min(d.column - 1, shown.length);
            const end = d.endLine === d.line ? Math.max(d.endColumn - 1, start + 1) : Math.max(shown.length, start + 1);
            out.push(`${c.dim(`${String(d.line).padStart(gutter)} |`)} ${shown}`);
            out.push(`${c.dim(`${' '.repeat(gutter)} |`)} ${' '.repeat(start)}${paint(c, d.severity, '^'.repeat(Math.max(1, end - start)))}`);
        }
        for (const r of d.related ?? []) out.push(c.dim(`    ${r.file}:${r.line}:${r.column}: ${r.message}`));
        out.push('');
    }
    const count = (s: Severity) => diagnostics.filter(d => d.severity === s).length;
    const parts = [plural(count('error'), 'error'), plural(count('warning'), 'warning')];
    const infos = count('info') + count('hint');
    if (infos > 0) parts.push(plural(infos, 'note'));
    const files = plural(fileCount, 'file');
    if (diagnostics.length === 0) out.push(c.green(`✓ no problems in ${files}`));
    else out.push(`${count('error') > 0 ? c.red('✗') : c.yellow('!')} ${parts.join(', ')} in ${files}`);
    return out.join('\n');
}

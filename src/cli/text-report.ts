/** Compiler-style text: `file:line:col  severity  code  message`, the source line and a caret underline. */
import pc from 'picocolors';
import type { Severity } from '../model/codes.js';
import type { CliDiagnostic } from './diagnostics.js';
import { displayWidth } from './text-width.js';

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
        case 'error':
            return c.red(c.bold(text));
        case 'warning':
            return c.yellow(c.bold(text));
        case 'info':
            return c.blue(text);
        default:
            return c.dim(text);
    }
}

function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Source lines longer than this many UTF-16 units are shown clipped around the token. */
const SHOWN_UNITS = 120;
/** How much of the clipped line goes before the token. */
const CONTEXT_BEFORE = 40;

/** Control characters would move the cursor or colour the terminal: a tab is a space, the rest a visible stand-in. */
function printable(text: string): string {
    return text.replace(/\t/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '\ufffd');
}

/** Moves an index off the second half of a surrogate pair, so a clip never splits a character. */
function boundary(text: string, index: number): number {
    const unit = text.charCodeAt(index);
    return unit >= 0xdc00 && unit <= 0xdfff && index > 0 ? index - 1 : index;
}

/**
 * The part of a source line to show for the range [start, end) (UTF-16 units), with the caret's
 * offset and width in terminal columns: a long line is clipped around the token with `…` on the
 * cut side, and wide characters count two columns.
 */
export function excerpt(line: string, start: number, end: number): { text: string; caretAt: number; caretWidth: number } {
    start = Math.min(Math.max(start, 0), line.length);
    end = Math.min(Math.max(end, start + 1), line.length);
    let from = 0;
    let to = line.length;
    if (line.length > SHOWN_UNITS) {
        from = boundary(line, Math.max(0, Math.min(start - CONTEXT_BEFORE, line.length - SHOWN_UNITS)));
        to = boundary(line, Math.min(line.length, from + SHOWN_UNITS));
    }
    const before = (from > 0 ? '…' : '') + printable(line.slice(from, start));
    const token = printable(line.slice(start, Math.min(end, to)));
    const text = before + token + printable(line.slice(Math.min(end, to), to)) + (to < line.length ? '…' : '');
    return { text, caretAt: displayWidth(before), caretWidth: Math.max(1, displayWidth(token)) };
}

export function formatText(
    diagnostics: readonly CliDiagnostic[],
    sources: ReadonlyMap<string, string>,
    fileCount: number,
    c: Colors
): string {
    const out: string[] = [];
    const lineCache = new Map<string, string[]>();
    const linesOf = (file: string) => {
        let lines = lineCache.get(file);
        // Line breaks as the language server counts them: CR LF, LF, or CR alone.
        if (!lines) {
            lines = (sources.get(file) ?? '').split(/\r\n|\r|\n/);
            lineCache.set(file, lines);
        }
        return lines;
    };
    for (const d of diagnostics) {
        out.push(
            `${c.bold(`${d.file}:${d.line}:${d.column}`)}  ${paint(c, d.severity, d.severity)}  ${c.dim(d.code)}  ${printable(d.message)}`
        );
        const source = linesOf(d.file)[d.line - 1];
        if (source !== undefined) {
            const gutter = String(d.line).length;
            const end = d.endLine === d.line ? d.endColumn - 1 : source.length;
            const shown = excerpt(source, d.column - 1, end);
            out.push(`${c.dim(`${String(d.line).padStart(gutter)} |`)} ${shown.text}`);
            out.push(
                `${c.dim(`${' '.repeat(gutter)} |`)} ${' '.repeat(shown.caretAt)}${paint(c, d.severity, '^'.repeat(shown.caretWidth))}`
            );
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

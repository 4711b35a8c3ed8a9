/**
 * The formatter's layout (src/language/lsp/vpc-formatter.ts), built instead of repaired: a
 * statement is a head and optional block entries; a VPC's block is one member per line, a list
 * block (routes, rules, policy statements, flow-log settings) one entry per line when it holds more
 * than one, and any other block stays on its line as `{ a b }` unless it holds a policy of several
 * statements.
 */

export const INDENT = '  ';

/** How a statement's block is laid out (the kinds registry's `layout`). */
export type Layout = 'line' | 'props' | 'list' | 'members';

export interface Statement {
    head: string;
    layout: Layout;
    entries: Entry[];
    /** Written even when empty (`flow-log x { }`, `policy { }`). */
    braces?: boolean;
    /** Comment lines above the statement, text after `//`. */
    comments?: readonly string[];
    /** A blank line before it (a new group of members). */
    blankBefore?: boolean;
}

export type Entry = string | Statement;

function isMultiLine(statement: Statement): boolean {
    if (statement.layout === 'members') return true;
    if (statement.layout === 'list' && statement.entries.length > 1) return true;
    return statement.entries.some(e => typeof e !== 'string' && e.layout === 'list' && e.entries.length > 1);
}

function commentLine(line: string, indent: string): string {
    return `${indent}//${line === '' ? '' : ` ${line}`}`.trimEnd();
}

/** Comment lines onto `out`: a comment of several lines gives a `//` line each. */
function pushComments(out: string[], comments: readonly string[] | undefined, indent: string): void {
    if (!comments) return;
    for (const c of comments) {
        if (c.includes('\n') || c.includes('\r')) for (const line of c.split(/\r\n|\r|\n/)) out.push(commentLine(line, indent));
        else out.push(commentLine(c, indent));
    }
}

function inline(entry: Entry): string {
    if (typeof entry === 'string') return entry;
    if (entry.entries.length === 0) return entry.braces ? `${entry.head} { }` : entry.head;
    return `${entry.head} { ${entry.entries.map(inline).join(' ')} }`;
}

/** A statement's lines onto `out` (one array for a whole document: printing an import makes tens of thousands of statements). */
function renderInto(out: string[], statement: Entry, indent: string, blankBefore: boolean): void {
    if (typeof statement === 'string') {
        out.push(indent + statement);
        return;
    }
    if (blankBefore) out.push('');
    pushComments(out, statement.comments, indent);
    if (!isMultiLine(statement) || (statement.entries.length === 0 && statement.layout !== 'members')) {
        out.push(indent + inline(statement));
        return;
    }
    out.push(`${indent}${statement.head} {`);
    const inner = indent + INDENT;
    for (const entry of statement.entries) renderInto(out, entry, inner, typeof entry !== 'string' && entry.blankBefore === true);
    out.push(`${indent}}`);
}

/** The statement's lines at an indentation, comments first. */
export function render(statement: Entry, indent = ''): string[] {
    const out: string[] = [];
    renderInto(out, statement, indent, typeof statement !== 'string' && statement.blankBefore === true);
    return out;
}

/** A document: header comments and a blank line, then the statements, a blank line before each new group. */
export function renderDocument(header: readonly string[] | undefined, statements: readonly Statement[]): string {
    return withHeader(header, renderBody(statements));
}

/** The statements' text, to be put under a header made later (`withHeader`). */
export function renderBody(statements: readonly Statement[]): string {
    const lines: string[] = [];
    statements.forEach((statement, i) => renderInto(lines, statement, '', i > 0 && statement.blankBefore === true));
    return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** A body's text under header comments, a blank line between (every statement gives at least a line). */
export function withHeader(header: readonly string[] | undefined, body: string): string {
    const lines: string[] = [];
    pushComments(lines, header, '');
    if (lines.length === 0) return body;
    return body === '' ? `${lines.join('\n')}\n` : `${lines.join('\n')}\n\n${body}`;
}

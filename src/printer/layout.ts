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

function commentLines(comments: readonly string[] | undefined, indent: string): string[] {
    return (comments ?? []).flatMap(c => c.split(/\r\n|\r|\n/)).map(line => `${indent}//${line === '' ? '' : ` ${line}`}`.trimEnd());
}

function inline(entry: Entry): string {
    if (typeof entry === 'string') return entry;
    if (entry.entries.length === 0) return entry.braces ? `${entry.head} { }` : entry.head;
    return `${entry.head} { ${entry.entries.map(inline).join(' ')} }`;
}

/** The statement's lines at an indentation, comments first. */
export function render(statement: Entry, indent = ''): string[] {
    if (typeof statement === 'string') return [indent + statement];
    const lines = [...(statement.blankBefore ? [''] : []), ...commentLines(statement.comments, indent)];
    if (!isMultiLine(statement) || (statement.entries.length === 0 && statement.layout !== 'members')) {
        return [...lines, indent + inline(statement)];
    }
    lines.push(`${indent}${statement.head} {`);
    for (const entry of statement.entries) lines.push(...render(entry, indent + INDENT));
    lines.push(`${indent}}`);
    return lines;
}

/** A document: header comments and a blank line, then the statements, a blank line before each new group. */
export function renderDocument(header: readonly string[] | undefined, statements: readonly Statement[]): string {
    const head = commentLines(header, '');
    const body = statements.flatMap((statement, i) => render({ ...statement, blankBefore: i > 0 && statement.blankBefore === true }));
    const lines = head.length > 0 && body.length > 0 ? [...head, '', ...body] : [...head, ...body];
    return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

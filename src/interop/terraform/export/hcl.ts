/**
 * Terraform configuration as data, and its text before `terraform fmt` lays it out: blocks with
 * labels, attributes, nested blocks. Values are JSON-like; an expression Terraform evaluates
 * (a reference, a function call) is written as `expr(...)`, verbatim.
 */
export interface Expression {
    expr: string;
}
/** A function call whose arguments are values (`jsonencode({...})`). */
export interface Call {
    call: string;
    args: HclValue[];
}
export type HclValue = string | number | boolean | null | Expression | Call | HclValue[] | { [key: string]: HclValue };

export interface Block {
    type: string;
    labels: string[];
    /** Comment lines written above the block. */
    comment?: string[];
    body: BodyItem[];
}
export type BodyItem = { attribute: string; value: HclValue } | { block: Block };

export function expr(text: string): Expression {
    return { expr: text };
}

export function call(name: string, ...args: HclValue[]): Call {
    return { call: name, args };
}

function isCall(value: HclValue): value is Call {
    return (
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        typeof (value as Call).call === 'string' &&
        Array.isArray((value as Call).args) &&
        Object.keys(value).length === 2
    );
}

export function isExpression(value: HclValue): value is Expression {
    return (
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        typeof (value as Expression).expr === 'string' &&
        Object.keys(value).length === 1
    );
}

export function block(
    type: string,
    labels: string[],
    attributes: Record<string, HclValue | undefined>,
    nested: Block[] = [],
    comment?: string[]
): Block {
    const body: BodyItem[] = [];
    for (const [attribute, value] of Object.entries(attributes)) if (value !== undefined) body.push({ attribute, value });
    for (const b of nested) body.push({ block: b });
    return { type, labels, body, ...(comment && comment.length ? { comment } : {}) };
}

/** A string literal: HCL escapes `${` and `%{` as well as JSON's characters. */
function quote(text: string): string {
    return JSON.stringify(text).replace(/\$\{/g, '$$$${').replace(/%\{/g, '%%{');
}

function key(name: string): string {
    return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) ? name : quote(name);
}

function value(v: HclValue, indent: string): string {
    if (v === null) return 'null';
    if (typeof v === 'string') return quote(v);
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (Array.isArray(v)) return v.length === 0 ? '[]' : `[${v.map(x => value(x, indent)).join(', ')}]`;
    if (isExpression(v)) return v.expr;
    if (isCall(v)) return `${v.call}(${v.args.map(a => value(a, indent)).join(', ')})`;
    const inner = `${indent}  `;
    const entries = Object.entries(v);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, x]) => `${inner}${key(k)} = ${value(x, inner)}`).join('\n')}\n${indent}}`;
}

function blockText(b: Block, indent: string): string {
    const lines: string[] = [];
    for (const c of b.comment ?? []) lines.push(`${indent}# ${c}`);
    lines.push(`${indent}${[b.type, ...b.labels.map(quote)].join(' ')} {`);
    const inner = `${indent}  `;
    let previousWasBlock = false;
    b.body.forEach((item, i) => {
        if ('attribute' in item) {
            if (previousWasBlock) lines.push('');
            lines.push(`${inner}${item.attribute} = ${value(item.value, inner)}`);
            previousWasBlock = false;
        } else {
            if (i > 0) lines.push('');
            lines.push(blockText(item.block, inner));
            previousWasBlock = true;
        }
    });
    lines.push(`${indent}}`);
    return lines.join('\n');
}

/** The blocks as unformatted HCL, separated by blank lines; `terraform fmt` aligns them. */
export function hclText(blocks: Block[], header: string[] = []): string {
    return hclChunks(blocks, header, Infinity).join('\n');
}

/**
 * The same text cut between top-level blocks into pieces of about `maxChars` (a block is never
 * cut): joined with a newline they are `hclText`, and so, since `terraform fmt` aligns only
 * within a block, are their formatted texts.
 */
export function hclChunks(blocks: Block[], header: string[], maxChars: number): string[] {
    const head = header.map(l => `# ${l}`.trimEnd()).join('\n');
    const chunks: string[] = [];
    let current: string[] = head ? [head] : [];
    let size = head.length;
    for (const b of blocks) {
        const text = blockText(b, '');
        if (current.length > 0 && size + text.length > maxChars) {
            chunks.push(`${current.join('\n\n')}\n`);
            current = [];
            size = 0;
        }
        current.push(text);
        size += text.length + 2;
    }
    if (current.length > 0 || chunks.length === 0) chunks.push(`${current.join('\n\n')}\n`);
    return chunks;
}

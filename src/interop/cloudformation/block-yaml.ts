/**
 * A reader for the block-style YAML that `vpc-lab export` writes and most templates keep to:
 * block mappings and sequences, one-line plain and quoted scalars, literal block scalars and the
 * short-form tags. On such text it gives what js-yaml gives (plain scalars are typed by js-yaml's
 * own core-schema rules) several times faster, because it reads line by line rather than
 * character by character. At the first thing outside that subset (flow collections, folded or
 * multi-line scalars, escapes, tabs, carriage returns, odd indentation, a duplicate key...) it
 * returns undefined and js-yaml decides, so it never accepts text js-yaml would refuse.
 */
import { types } from 'js-yaml';
import { SHORT_FORMS } from './template.js';

/** Thrown at the first construct outside the subset; caught once, at the top. */
class Outside extends Error {}

function outside(): never {
    throw new Outside();
}

/** Tabs, carriage returns, characters js-yaml refuses, surrogates, byte-order marks, document markers and directives. */
const UNSUPPORTED_TEXT = /[\t\r\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]|^(?:---|\.\.\.|%)/m;

const IMPLICIT = [types.null, types.bool, types.int, types.float];

/** A plain scalar's value by YAML 1.2's core schema, through js-yaml's own resolvers. */
function plainValue(text: string): unknown {
    const c = text.charCodeAt(0);
    // Only ~ n N t T f F, digits, + - and . can begin a null, boolean, integer or float.
    const typed =
        c === 126 ||
        c === 110 ||
        c === 78 ||
        c === 116 ||
        c === 84 ||
        c === 102 ||
        c === 70 ||
        (c >= 48 && c <= 57) ||
        c === 43 ||
        c === 45 ||
        c === 46;
    if (typed) for (const type of IMPLICIT) if (type.resolve(text)) return type.construct(text);
    return text;
}

/** Characters that cannot begin a plain scalar here (YAML's indicators; `-`, `?` and `:` only before a space). */
function plainStart(line: string, at: number): boolean {
    const c = line[at];
    if (c === undefined || '!&*[]{},#|>\'"%@`'.includes(c)) return false;
    if (c === '-' || c === '?' || c === ':') {
        const next = line[at + 1];
        return next !== undefined && next !== ' ';
    }
    return true;
}

const spacesFrom = (line: string, at: number): number => {
    while (line.charCodeAt(at) === 32) at++;
    return at;
};

/** After a value: nothing, or spaces then a comment. */
function restIsEmpty(line: string, at: number): boolean {
    const q = spacesFrom(line, at);
    return q === line.length || (q > at && line[q] === '#');
}

/** A quoted scalar at `at` on one line: its text and the index after the closing quote. */
function quoted(line: string, at: number): [string, number] {
    const quote = line[at];
    if (quote === '"') {
        const end = line.indexOf('"', at + 1);
        if (end < 0 || line.lastIndexOf('\\', end) > at) outside();
        return [line.slice(at + 1, end), end + 1];
    }
    let text = '';
    let from = at + 1;
    for (;;) {
        const end = line.indexOf("'", from);
        if (end < 0) outside();
        text += line.slice(from, end);
        if (line[end + 1] !== "'") return [text, end + 1];
        text += "'";
        from = end + 2;
    }
}

/** The index of the `:` ending a mapping key that begins at `at`, or -1 when the line holds no key there. */
function keyColon(line: string, at: number): number {
    const c = line[at];
    if (c === '"' || c === "'") {
        const end = spacesFrom(line, quoted(line, at)[1]);
        return line[end] === ':' && (end + 1 === line.length || line[end + 1] === ' ') ? end : -1;
    }
    if (!plainStart(line, at)) return -1;
    for (let i = at; i < line.length; i++) {
        const ch = line.charCodeAt(i);
        if (ch === 58 && (i + 1 === line.length || line.charCodeAt(i + 1) === 32)) return i;
        if (ch === 35 && line.charCodeAt(i - 1) === 32) return -1;
    }
    return -1;
}

const isEntry = (line: string, at: number): boolean => line[at] === '-' && (at + 1 === line.length || line[at + 1] === ' ');

class Reader {
    private at = 0;
    /** The column where each line's content begins; an entry `- key: v` moves it to the key. */
    private readonly starts: Int32Array;

    constructor(private readonly lines: string[]) {
        this.starts = new Int32Array(lines.length).fill(-1);
    }

    /** Skips empty and comment lines; the column of the next content line, or -1 at the end. */
    private next(): number {
        for (; this.at < this.lines.length; this.at++) {
            if (this.starts[this.at]! >= 0) return this.starts[this.at]!;
            const line = this.lines[this.at]!;
            const column = spacesFrom(line, 0);
            if (column === line.length || line[column] === '#') continue;
            this.starts[this.at] = column;
            return column;
        }
        return -1;
    }

    document(): unknown {
        if (this.next() !== 0 || isEntry(this.lines[this.at]!, 0)) outside();
        const root = this.mapping(0);
        if (this.next() >= 0) outside();
        return root;
    }

    private block(column: number): unknown {
        return isEntry(this.lines[this.at]!, column) ? this.sequence(column) : this.mapping(column);
    }

    private mapping(indent: number): Record<string, unknown> {
        const out: Record<string, unknown> = {};
        for (let column = this.next(); column >= 0 && column >= indent; column = this.next()) {
            if (column > indent) outside();
            const line = this.lines[this.at]!;
            const colon = keyColon(line, column);
            if (colon < 0) outside();
            const first = line[column];
            const key = first === '"' || first === "'" ? quoted(line, column)[0] : String(plainValue(line.slice(column, colon).trimEnd()));
            if (key === '__proto__' || key === '<<' || Object.prototype.hasOwnProperty.call(out, key)) outside();
            out[key] = this.valueAfter(line, colon + 1, indent, true);
        }
        return out;
    }

    private sequence(indent: number): unknown[] {
        const out: unknown[] = [];
        for (let column = this.next(); column >= 0 && column >= indent; column = this.next()) {
            if (column > indent) outside();
            const line = this.lines[this.at]!;
            if (!isEntry(line, column)) break;
            const item = spacesFrom(line, column + 1);
            if (item < line.length && line[item] !== '#' && (keyColon(line, item) >= 0 || isEntry(line, item))) {
                // `- key: value` or `- - x`: a block node whose column is that of its first character.
                this.starts[this.at] = item;
                out.push(this.block(item));
            } else out.push(this.valueAfter(line, column + 1, indent, false));
        }
        return out;
    }

    /** The value after a key's `:` or an entry's `-`; `sameIndentSequence` lets a key's sequence sit at the key's column. */
    private valueAfter(line: string, from: number, indent: number, sameIndentSequence: boolean): unknown {
        const at = spacesFrom(line, from);
        if (at === line.length || (at > from && line[at] === '#')) {
            this.at++;
            return this.below(indent, sameIndentSequence);
        }
        if (at === from) outside();
        const c = line[at];
        if (c === '!') {
            const end = line.indexOf(' ', at);
            const name = SHORT_FORMS[line.slice(at, end < 0 ? line.length : end)] ?? outside();
            const data =
                end < 0 || restIsEmpty(line, end) ? this.taggedBelow(indent) : this.scalar(line, spacesFrom(line, end), indent, true);
            if (name === 'Fn::GetAtt' && typeof data === 'string') {
                const dot = data.indexOf('.');
                return { [name]: dot < 0 ? [data] : [data.slice(0, dot), data.slice(dot + 1)] };
            }
            return { [name]: data };
        }
        return this.scalar(line, at, indent, false);
    }

    /** A tag alone on its line tags the node below, indented deeper (a sequence at the key's column is left to js-yaml). */
    private taggedBelow(indent: number): unknown {
        this.at++;
        const data = this.below(indent, false);
        return data === null ? outside() : data;
    }

    /** A scalar on the rest of the line (`raw`: tagged, so a plain one keeps its text untyped). */
    private scalar(line: string, at: number, indent: number, raw: boolean): unknown {
        const c = line[at];
        if (c === '"' || c === "'") {
            const [text, end] = quoted(line, at);
            if (!restIsEmpty(line, end)) outside();
            this.at++;
            return text;
        }
        if (c === '|') {
            const strip = line[at + 1] === '-';
            if (!restIsEmpty(line, at + (strip ? 2 : 1))) outside();
            this.at++;
            return this.literal(indent, strip);
        }
        if (!plainStart(line, at)) outside();
        const comment = line.indexOf(' #', at);
        const text = line.slice(at, comment < 0 ? line.length : comment).trimEnd();
        if (text.includes(': ') || text.endsWith(':')) outside();
        this.at++;
        return raw ? text : plainValue(text);
    }

    /** The node on the lines below a key or entry with nothing after it: null when there is none. */
    private below(indent: number, sameIndentSequence: boolean): unknown {
        const column = this.next();
        if (column > indent) return this.block(column);
        if (column === indent && sameIndentSequence && isEntry(this.lines[this.at]!, column)) return this.sequence(column);
        return null;
    }

    /** A literal block scalar (`|` keeps one final line break, `|-` none) whose header was on the line before. */
    private literal(indent: number, strip: boolean): string {
        const first = this.lines[this.at];
        const column = first === undefined ? 0 : spacesFrom(first, 0);
        // Leading empty lines and explicit indentation are left to js-yaml.
        if (first === undefined || column === first.length || column <= indent) outside();
        const kept: string[] = [];
        let end = this.at;
        for (let i = this.at; i < this.lines.length; i++) {
            const line = this.lines[i]!;
            const spaces = spacesFrom(line, 0);
            if (spaces === line.length) {
                if (spaces > column) outside();
                continue;
            }
            if (spaces < column) break;
            for (let j = end; j < i; j++) kept.push('');
            kept.push(line.slice(column));
            end = i + 1;
        }
        // A block that runs to the end of a text without a final line break: left to js-yaml.
        if (end >= this.lines.length) outside();
        this.at = end;
        const text = kept.join('\n');
        return strip ? text : `${text}\n`;
    }
}

/** The template's values, or undefined when the text is not in the subset this reader knows. */
export function readBlockYaml(text: string): unknown {
    if (UNSUPPORTED_TEXT.test(text)) return undefined;
    try {
        return new Reader(text.split('\n')).document();
    } catch (error) {
        if (error instanceof Outside) return undefined;
        throw error;
    }
}

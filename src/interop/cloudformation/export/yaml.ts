/**
 * A template as the YAML people write: block style, CloudFormation's short-form tags as AWS's
 * own examples use them (`VpcId: !Ref AppVpc`, `GroupId: !GetAtt AppWebSg.GroupId`,
 * `!If [HasX, !Ref X, !Ref AWS::NoValue]`), and the comments the export attached to parameters,
 * resources and outputs placed between entries, where a comment line cannot change what the
 * YAML says.
 *
 * Hand-written rather than js-yaml's `dump`: template data is only maps, lists, strings,
 * numbers, booleans and null, and the dump of the 1,000-VPC bench estate (26 MB in 251 files)
 * took 2.2 s of a 5.2 s export, plus 0.3 s re-indenting its output; this writer puts each line
 * at its indent once.
 *
 * A string is written plain only when it reads back as the same string under YAML 1.2's core
 * schema and under YAML 1.1 (where `yes`, `on`, `y`, `12:30` and `0x1F` are not strings); a
 * multi-line one as a literal block when every line survives it; anything else double-quoted as
 * JSON writes it (a JSON string is a YAML double-quoted scalar), with the characters YAML 1.1
 * takes for line breaks or refuses escaped.
 */
import { SHORT_FORMS } from '../template.js';
import type { Value } from './template.js';

/** `Fn::GetAtt` → `!GetAtt`. */
const TAG_OF: ReadonlyMap<string, string> = new Map(Object.entries(SHORT_FORMS).map(([tag, name]) => [name, tag]));

/** Sections whose entries may carry a comment (by the entry's name). */
const SECTIONS = new Set(['Parameters', 'Resources', 'Outputs']);

/** A flow sequence after a short form (`!Select [0, !GetAZs ""]`) is kept to this many characters; longer ones are written as blocks. */
const FLOW_WIDTH = 72;

/** Implicit keys are limited to 1,024 characters in YAML: longer ones are written as explicit keys (`? key`). */
const LONG_KEY = 1000;

// Character classes of the plain-scalar rule, by char code (ASCII).
const LEADING = new Uint8Array(128);
for (const c of '-?:,[]{}#&*!|>\'"%@`~<= \\') LEADING[c.charCodeAt(0)] = 1;
const FLOW_INDICATOR = new Uint8Array(128);
for (const c of ',[]{}') FLOW_INDICATOR[c.charCodeAt(0)] = 1;
/** true/false, yes/no, on/off, y/n, null and ~ in any case: booleans or null in YAML 1.1 or 1.2. */
const KEYWORDS = new Set(['true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', 'null', '~']);
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const EXPONENT = /^[eE][-+]?[0-9]+$/;

/**
 * Whether a string can be written without quotes and read back as itself by a YAML 1.1 or 1.2
 * reader: printable ASCII only, no leading indicator or space, no `: ` or ` #`, not a keyword,
 * and nothing that starts like a number, date or time unless it holds a `/` (a CIDR block; no
 * number, date or time has one) or is an IPv4 address.
 */
export function plainSafe(text: string, flow: boolean): boolean {
    const n = text.length;
    if (n === 0) return false;
    const first = text.charCodeAt(0);
    if (first >= 128 || LEADING[first]) return false;
    const last = text.charCodeAt(n - 1);
    if (last === 32 || last === 58) return false;
    let slash = false;
    for (let i = 0; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c < 32 || c > 126) return false;
        if (c === 58 && text.charCodeAt(i + 1) === 32) return false;
        if (c === 35 && text.charCodeAt(i - 1) === 32) return false;
        if (flow && FLOW_INDICATOR[c]) return false;
        if (c === 47) slash = true;
    }
    if (n <= 5 && KEYWORDS.has(text.toLowerCase())) return false;
    // Digits, `+` and `.` begin numbers (`1_000`, `0x1F`, `+.inf`, `.nan`), dates and YAML 1.1's base-60 `12:30`.
    if ((first >= 48 && first <= 57) || first === 43 || first === 46) return slash || IPV4.test(text);
    // The `yaml` package's YAML 1.1 schema reads `e5` as a float.
    return !((first === 101 || first === 69) && EXPONENT.test(text));
}

/** Characters JSON leaves raw that YAML 1.1 reads as line breaks, or that YAML does not take unescaped. */
const UNSAFE_RAW = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;

function quoted(text: string): string {
    const json = JSON.stringify(text);
    return UNSAFE_RAW.test(json) ? json.replace(UNSAFE_RAW, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}

/** Whether a multi-line string survives a literal block (`|-`) exactly: printable ASCII lines, none starting or ending with a space. */
function literalSafe(text: string): boolean {
    const n = text.length;
    if (n === 0 || text.charCodeAt(0) === 10 || text.charCodeAt(n - 1) === 10) return false;
    let lineStart = true;
    let lines = 1;
    for (let i = 0; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) {
            if (text.charCodeAt(i - 1) === 32) return false;
            lineStart = true;
            lines++;
            continue;
        }
        if (c < 32 || c > 126) return false;
        if (lineStart && c === 32) return false;
        lineStart = false;
    }
    return lines > 1 && text.charCodeAt(n - 1) !== 32;
}

function numberText(value: number): string {
    if (Number.isNaN(value)) return '.nan';
    if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
    // Negative zero is written `0`, as the JSON form of the same template writes it.
    if (value === 0) return '0';
    const text = String(value);
    // YAML 1.1 reads an exponent as a float only after a dot (`1.0e+21`).
    const e = text.indexOf('e');
    return e >= 0 && !text.includes('.') ? `${text.slice(0, e)}.0${text.slice(e)}` : text;
}

function inlineScalar(value: string | number | boolean | null, flow: boolean): string {
    if (typeof value === 'string') return plainSafe(value, flow) ? value : quoted(value);
    if (typeof value === 'number') return numberText(value);
    return value === null ? 'null' : String(value);
}

function keyText(key: string): string {
    return plainSafe(key, false) ? key : quoted(key);
}

/** The short form of an intrinsic written as a one-key map, when it reads back as the same data: its tag and argument. */
function shortForm(value: { [key: string]: Value }): [string, Value] | undefined {
    let name: string | undefined;
    for (const key in value) {
        if (name !== undefined) return undefined;
        name = key;
    }
    if (name === undefined) return undefined;
    const tag = TAG_OF.get(name);
    if (!tag) return undefined;
    const argument = value[name]!;
    if (name === 'Ref' || name === 'Condition') return typeof argument === 'string' ? [tag, argument] : undefined;
    // `!GetAtt A.B` reads back as [A, B] when A has no dot; the string form `Fn::GetAtt: A.B` is kept long.
    if (name === 'Fn::GetAtt') {
        if (!Array.isArray(argument)) return undefined;
        const [id, attribute] = argument;
        if (argument.length === 2 && typeof id === 'string' && typeof attribute === 'string' && !id.includes('.')) {
            const dotted = `${id}.${attribute}`;
            if (plainSafe(dotted, true)) return [tag, dotted];
        }
        return [tag, argument];
    }
    return argument !== null && typeof argument === 'object' ? [tag, argument] : typeof argument === 'string' ? [tag, argument] : undefined;
}

function isMap(value: Value): value is { [key: string]: Value } {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isEmptyMap(value: { [key: string]: Value }): boolean {
    for (const _ in value) return false;
    return true;
}

/** A list in flow style (`[a, !Ref B]`), or undefined when an item is a map or the text is too long. */
function flowList(list: Value[]): string | undefined {
    let text = '[';
    for (let i = 0; i < list.length; i++) {
        const item = list[i]!;
        let part: string | undefined;
        if (item === null || typeof item !== 'object') part = inlineScalar(item, true);
        else if (Array.isArray(item)) part = flowList(item);
        else {
            const short = shortForm(item);
            if (!short) return undefined;
            const [tag, argument] = short;
            if (typeof argument === 'string') part = `${tag} ${inlineScalar(argument, true)}`;
            else if (Array.isArray(argument)) {
                const inner = flowList(argument);
                part = inner === undefined ? undefined : `${tag} ${inner}`;
            }
        }
        if (part === undefined) return undefined;
        text += i === 0 ? part : `, ${part}`;
        if (text.length > FLOW_WIDTH) return undefined;
    }
    return `${text}]`;
}

/** Runs of spaces by length, so that an indent is never built again. */
const SPACES: string[] = [];
const spaces = (n: number): string => (SPACES[n] ??= ' '.repeat(n));

/**
 * The text as pieces joined once at the end: a string grown by `+=` in V8 is a tree of a node per
 * piece, every one of which survives until the end (it was most of the export's garbage
 * collection). A line is few pieces: what starts it (its indent, a sequence's `- `, and the key
 * with its colon) is one string kept per template, since keys repeat in every resource. Each
 * method is given what starts its first line (`lead`) and ends after a line break.
 */
class Writer {
    readonly out: string[] = [];
    private readonly starts = new Map<string, Map<string, string>>();
    /** By what starts the line, then by key: the line's start up to its value (`key: `), or up to its line break (`key:`). */
    private readonly keyStarts = [new Map<string, Map<string, string>>(), new Map<string, Map<string, string>>()] as const;

    /** `lead`, the key and its colon, or undefined for a key too long to be implicit. */
    private keyStart(lead: string, key: string, sameLine: boolean): string | undefined {
        const byLead = this.keyStarts[sameLine ? 0 : 1];
        let known = byLead.get(lead);
        if (!known) byLead.set(lead, (known = new Map()));
        let start = known.get(key);
        if (start === undefined) {
            const name = keyText(key);
            if (name.length > LONG_KEY) return undefined;
            known.set(key, (start = `${lead}${name}${sameLine ? ': ' : ':\n'}`));
        }
        return start;
    }

    /** `lead` followed by `text`, one string for each pair. */
    private start(lead: string, text: string): string {
        let known = this.starts.get(lead);
        if (!known) this.starts.set(lead, (known = new Map()));
        let joined = known.get(text);
        if (joined === undefined) known.set(text, (joined = lead + text));
        return joined;
    }

    /** `key: value`, the key at `indent` after `lead` (its indent, or a sequence item's `- `). */
    entry(key: string, value: Value, indent: number, lead: string): void {
        const scalar = value === null || typeof value !== 'object';
        const short = scalar || Array.isArray(value) ? undefined : shortForm(value);
        const empty = scalar ? false : Array.isArray(value) ? value.length === 0 : !short && isEmptyMap(value);
        // On the key's line: a scalar, a short form, or an empty list or map.
        const sameLine = scalar || short !== undefined || empty;
        const start = this.keyStart(lead, key, sameLine);
        if (start !== undefined) this.out.push(start);
        else this.out.push(lead, '? ', keyText(key), '\n', spaces(indent), sameLine ? ': ' : ':\n');
        if (scalar) return this.scalar(value, indent + 2);
        if (short) return this.tagged(short[0], short[1], indent + 2);
        if (Array.isArray(value)) {
            if (empty) this.out.push('[]\n');
            else this.sequence(value, indent + 2, spaces(indent + 2));
        } else if (empty) this.out.push('{}\n');
        else this.mapping(value, indent + 2, spaces(indent + 2));
    }

    /** A scalar where the line is; a literal block's lines at `blockIndent`. */
    private scalar(value: string | number | boolean | null, blockIndent: number): void {
        if (typeof value === 'string' && value.includes('\n') && literalSafe(value)) {
            this.out.push('|-\n');
            for (const line of value.split('\n')) {
                if (line !== '') this.out.push(spaces(blockIndent), line);
                this.out.push('\n');
            }
            return;
        }
        this.out.push(inlineScalar(value, false), '\n');
    }

    private tagged(tag: string, argument: Value, argumentIndent: number): void {
        if (typeof argument === 'string') {
            this.out.push(this.start(tag, ' '));
            return this.scalar(argument, argumentIndent);
        }
        if (Array.isArray(argument)) {
            const flow = flowList(argument);
            if (flow !== undefined) this.out.push(this.start(tag, ' '), flow, '\n');
            else {
                this.out.push(this.start(tag, '\n'));
                this.sequence(argument, argumentIndent, spaces(argumentIndent));
            }
            return;
        }
        if (isMap(argument) && !isEmptyMap(argument)) {
            this.out.push(this.start(tag, '\n'));
            this.mapping(argument, argumentIndent, spaces(argumentIndent));
        } else this.out.push(this.start(tag, ' {}\n'));
    }

    mapping(value: { [key: string]: Value }, indent: number, lead: string): void {
        let first = true;
        for (const key in value) {
            this.entry(key, value[key]!, indent, first ? lead : spaces(indent));
            first = false;
        }
    }

    /** Items at `indent`, their content two columns in (a list item that is a list starts on the same line: `- - a`). */
    private sequence(list: Value[], indent: number, lead: string): void {
        for (let i = 0; i < list.length; i++) this.item(list[i]!, indent + 2, this.start(i === 0 ? lead : spaces(indent), '- '));
    }

    private item(value: Value, indent: number, lead: string): void {
        if (value === null || typeof value !== 'object') {
            this.out.push(lead);
            return this.scalar(value, indent);
        }
        if (Array.isArray(value)) {
            if (value.length > 0) this.sequence(value, indent, lead);
            else this.out.push(lead, '[]\n');
            return;
        }
        const short = shortForm(value);
        if (short) {
            this.out.push(lead);
            return this.tagged(short[0], short[1], indent);
        }
        if (isEmptyMap(value)) this.out.push(lead, '{}\n');
        else this.mapping(value, indent, lead);
    }
}

/** What a comment line cannot hold: line breaks (YAML 1.1's too) and what YAML refuses in a file. */
const NOT_IN_COMMENT = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;

/** Whether a comment line can be written as it is: printable ASCII, not ending in a space (most are: `subnet app.a`). */
function plainComment(line: string): boolean {
    const n = line.length;
    for (let i = 0; i < n; i++) {
        const c = line.charCodeAt(i);
        if (c < 32 || c > 126) return false;
    }
    return n > 0 && line.charCodeAt(n - 1) !== 32;
}

const commentLine = (line: string, indent: string) =>
    plainComment(line) ? `${indent}# ${line}\n` : `${indent}# ${line.replace(NOT_IN_COMMENT, ' ')}\n`.replace(/[ \t]+\n$/, '\n');

const comment = (lines: readonly string[], indent: string) =>
    lines.length === 1 ? commentLine(lines[0]!, indent) : lines.map(line => commentLine(line, indent)).join('');

/** Template data as YAML: `comments` above the parameters, resources and outputs they name, `header` at the top. */
export function jsonYaml(json: Record<string, Value>, comments: ReadonlyMap<string, string[]>, header: readonly string[] = []): string {
    const writer = new Writer();
    if (header.length > 0) writer.out.push(comment(header, ''), '\n');
    for (const key in json) {
        const value = json[key]!;
        if (!SECTIONS.has(key) || !isMap(value) || isEmptyMap(value)) {
            writer.entry(key, value, 0, '');
            continue;
        }
        writer.out.push(keyText(key), ':\n');
        for (const name in value) {
            const lines = comments.get(name);
            if (lines) writer.out.push(comment(lines, '  '));
            // Not through the cache of line starts: a resource's name is written once.
            writer.out.push('  ');
            writer.entry(name, value[name]!, 2, '');
        }
    }
    return writer.out.join('');
}

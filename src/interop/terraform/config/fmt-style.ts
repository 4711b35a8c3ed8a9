/**
 * A reader for `.tf` text in the plain style `vpc-lab export` writes (and `terraform fmt` keeps):
 * one item a line, blocks with quoted labels, attributes whose values are strings without escapes
 * or templates, whole numbers, `true`/`false`/`null`, references, function calls, one-line lists,
 * and objects written one entry a line. It gives exactly what HashiCorp's parser gives through
 * `@cdktn/hcl2json` (literals as values, other expressions as `${source}`, blocks grouped by type
 * and labels into lists, every object's keys in sorted order); anything outside that subset it
 * refuses, and the text goes to HashiCorp's parser, so every message about HCL stays the parser's.
 *
 * Why a reader of our own: the parser runs as Go compiled to WebAssembly and reads about 20,000
 * lines a second a core, so the 870,000 lines of a 1,000-VPC export take half a minute even on
 * every core; this subset reads in a fraction of a second. Its agreement with the parser is tested
 * on exports of every example and of random designs, on text in other styles and on random edits
 * (test/interop/terraform/fmt-style.test.ts).
 */
import type { Block, FileBlocks, RawObject } from './read.js';
import { Body, parsed, place, refuse, Refused, writeBody, writeObject, type Top } from './fmt-style-tree.js';

/** Names that are literals or keywords wherever an expression, an attribute or an object key starts. */
const RESERVED = new Set(['true', 'false', 'null', 'for', 'in', 'if', 'else', 'endif', 'endfor']);

/**
 * Control characters (tabs and carriage returns included), a byte-order mark, and the replacement
 * character that stands for bytes that are not UTF-8: left to the parser wherever they are. Other
 * characters beyond ASCII are read only inside strings (as the parser gives them) and comments;
 * elsewhere the reading meets only spaces, newlines and the characters of its tokens.
 */
const unusual = (c: number): boolean => c < 32 || c === 127 || c === 0xfeff || c === 0xfffd;

/** The kinds of block the import lists with their lines; the number of labels each has. */
const LINED = new Map([
    ['resource', 2],
    ['data', 2],
    ['module', 1],
    ['variable', 1],
    ['output', 1]
]);

const SPACE = 32;
const NEWLINE = 10;
const QUOTE = 34;

/** An identifier as HCL scans one, restricted to ASCII and a letter first. */
const identStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const identPart = (c: number): boolean => identStart(c) || (c >= 48 && c <= 57) || c === 95 || c === 45;
const digit = (c: number): boolean => c >= 48 && c <= 57;

/** Reads from line to line; each reading method leaves `end` where what it read ends. */
class Reader {
    /** The line being read. */
    line = 1;
    end = 0;
    readonly tops: Top[] = [];
    readonly root = new Body();
    /** Blocks of the kinds in LINED, wherever they are, with one or two labels. */
    readonly lined: Top[] = [];
    /**
     * Whether the top-level blocks cannot be listed straight from the reading as the import lists
     * them from the parser's output: a block of a kind in LINED nested, with other labels, or twice.
     */
    irregular = false;

    constructor(private readonly text: string) {}

    /** Reads the whole text into `root` (and `tops`, `lined`); refuses what is outside the style. */
    read(): void {
        const { text, root } = this;
        const open: Body[] = [root];
        let at = 0;
        while (at < text.length) {
            const p = this.spaces(at);
            if (p === text.length) break;
            const c = text.charCodeAt(p);
            if (c === NEWLINE) {
                at = this.nextLine(p);
                continue;
            }
            if (c === 35 /* # */) {
                at = this.nextLine(this.comment(p));
                continue;
            }
            if (c === 125 /* } */) {
                if (open.length === 1) refuse();
                open.pop();
                at = this.nextLine(this.endOfLine(p + 1));
                continue;
            }
            const nameEnd = this.ident(p);
            const name = text.slice(p, nameEnd);
            const q = this.spaces(nameEnd);
            const body = open[open.length - 1]!;
            if (text.charCodeAt(q) === 61 /* = */) {
                // An attribute and a block of one name: the parser's conversion has no one answer.
                if (this.reserved(p, nameEnd) !== undefined || body.keys.includes(name) || body.blocks?.items.has(name)) refuse();
                if (body === root && LINED.has(name)) this.irregular = true;
                body.values.push(this.entryValue(q + 1));
                body.keys.push(name);
            } else {
                const inner = new Body();
                if (body.keys.includes(name)) refuse();
                if (this.blockHeader(name, nameEnd, body, inner, body === root)) open.push(inner);
            }
            at = this.nextLine(this.end);
        }
        if (open.length !== 1) refuse();
    }

    /** `"a" "b" {` after a block's type, to the end of its line; true when the block's body follows. */
    private blockHeader(type: string, from: number, parent: Body, body: Body, top: boolean): boolean {
        const { text } = this;
        const labels: string[] = [];
        let q = from;
        for (;;) {
            const p = this.spaces(q);
            if (text.charCodeAt(p) !== QUOTE) {
                q = p;
                break;
            }
            // Labels are written apart from what comes before them.
            if (p === q) refuse();
            labels.push(this.quoted(p));
            q = this.end;
        }
        if (text.charCodeAt(q) !== 123 /* { */) refuse();
        const p = this.spaces(q + 1);
        const empty = text.charCodeAt(p) === 125;
        this.end = this.endOfLine(empty ? p + 1 : p);
        const first = place(parent, type, labels, body);
        const block = { type, labels, body, line: this.line };
        if (top) this.tops.push(block);
        const count = LINED.get(type);
        if (count !== undefined) {
            if (!top || !first || labels.length !== count || labels.includes('')) this.irregular = true;
            if (labels.length >= 1 && labels.length <= 2 && !labels.includes('')) this.lined.push(block);
        }
        return !empty;
    }

    /** After an `=`: a value to the end of the line, or an object written one entry a line. */
    private entryValue(from: number): string {
        const p = this.spaces(from);
        if (this.text.charCodeAt(p) === 123 /* { */) {
            const eol = this.spaces(p + 1);
            if (eol === this.text.length || this.text.charCodeAt(eol) === NEWLINE) return this.object(this.nextLine(eol));
        }
        const raw = this.value(p);
        this.end = this.endOfLine(this.end);
        return raw;
    }

    /** The entries from `at` (a line start) to the line holding the object's `}`, where it ends. */
    private object(at: number): string {
        const { text } = this;
        const keys: string[] = [];
        const values: string[] = [];
        for (;;) {
            const p = this.spaces(at);
            const c = text.charCodeAt(p);
            if (c === 125 /* } */) {
                this.end = this.endOfLine(p + 1);
                const out: string[] = [];
                writeObject(keys, values, out);
                return out.join('');
            }
            let key: string;
            if (c === QUOTE) key = this.quoted(p);
            else {
                this.end = this.ident(p);
                if (this.reserved(p, this.end) !== undefined) refuse();
                key = text.slice(p, this.end);
            }
            if (keys.includes(key)) refuse();
            const q = this.spaces(this.end);
            if (text.charCodeAt(q) !== 61 /* = */) refuse();
            values.push(this.entryValue(q + 1));
            keys.push(key);
            at = this.nextLine(this.end);
        }
    }

    /** One value within a line, as JSON text. */
    private value(start: number): string {
        const { text } = this;
        const c = text.charCodeAt(start);
        if (c === QUOTE) return this.string(start);
        if (c === 91 /* [ */) {
            let list = '[';
            let i = this.spaces(start + 1);
            if (text.charCodeAt(i) === 93 /* ] */) {
                this.end = i + 1;
                return '[]';
            }
            for (;;) {
                list += this.value(i);
                i = this.spaces(this.end);
                const d = text.charCodeAt(i);
                if (d === 93) {
                    this.end = i + 1;
                    return list + ']';
                }
                list += ',';
                if (d !== 44 /* , */) refuse();
                i = this.spaces(i + 1);
            }
        }
        if (c === 123 /* { */) {
            const i = this.spaces(start + 1);
            if (text.charCodeAt(i) !== 125) refuse();
            this.end = i + 1;
            return '{}';
        }
        if (c === 45 /* - */ || digit(c)) return this.number(start);
        let end = this.ident(start);
        const word = this.reserved(start, end);
        const d = text.charCodeAt(end);
        if (word !== undefined) {
            if (d === 46 /* . */ || d === 91 || d === 40 /* ( */ || (word !== 'true' && word !== 'false' && word !== 'null')) refuse();
            this.end = end;
            return word;
        }
        if (d === 40 /* ( */) {
            // A function call: its arguments are checked, the call is kept as its source.
            end = this.spaces(end + 1);
            if (text.charCodeAt(end) !== 41 /* ) */) {
                for (;;) {
                    this.value(end);
                    end = this.spaces(this.end);
                    const e = text.charCodeAt(end);
                    if (e === 41) break;
                    if (e !== 44) refuse();
                    end = this.spaces(end + 1);
                }
            }
            end++;
            const e = text.charCodeAt(end);
            if (e === 91 || e === 46) refuse();
            this.end = end;
            // Its source holds no backslashes or control characters (strings within it have none): only quotes need escaping.
            return `"\${${text.slice(start, end).replaceAll('"', '\\"')}}"`;
        }
        while (text.charCodeAt(end) === 46) end = this.ident(end + 1);
        const e = text.charCodeAt(end);
        if (e === 91 || e === 46) refuse();
        this.end = end;
        return `"\${${text.slice(start, end)}}"`;
    }

    /** The identifier from `start` to `end` when it is one of RESERVED (read only then). */
    private reserved(start: number, end: number): string | undefined {
        const c = this.text.charCodeAt(start);
        // t(rue) f(alse|or) n(ull) i(n|f) e(lse|nd…)
        if (end - start > 6 || (c !== 116 && c !== 102 && c !== 110 && c !== 105 && c !== 101)) return undefined;
        const word = this.text.slice(start, end);
        return RESERVED.has(word) ? word : undefined;
    }

    /** A quoted string with no escapes and no template, as JSON text (in composed form, as the parser gives it). */
    private string(start: number): string {
        const { text } = this;
        let ascii = true;
        for (let i = start + 1; i < text.length; i++) {
            const c = text.charCodeAt(i);
            if (c === QUOTE) {
                const s = text.slice(start, i + 1);
                if (!ascii && s.normalize('NFC') !== s) refuse();
                this.end = i + 1;
                return s;
            }
            if (c === 92 /* \ */ || unusual(c)) refuse();
            if ((c === 36 /* $ */ || c === 37) /* % */ && text.charCodeAt(i + 1) === 123) refuse();
            if (c > 126) ascii = false;
        }
        return refuse();
    }

    /** A label or an object's quoted key: printable ASCII without escapes, `$` or `%`. */
    private quoted(start: number): string {
        const { text } = this;
        for (let i = start + 1; i < text.length; i++) {
            const c = text.charCodeAt(i);
            if (c === QUOTE) {
                this.end = i + 1;
                return text.slice(start + 1, i);
            }
            if (c < 32 || c > 126 || c === 92 || c === 36 || c === 37) refuse();
        }
        return refuse();
    }

    /** A whole number with no leading zeros, exactly representable, not -0: its digits. */
    private number(start: number): string {
        const { text } = this;
        let i = text.charCodeAt(start) === 45 ? start + 1 : start;
        const first = i;
        while (digit(text.charCodeAt(i))) i++;
        const digits = i - first;
        if (digits === 0 || digits > 15 || (digits > 1 && text.charCodeAt(first) === 48)) refuse();
        const after = text.charCodeAt(i);
        if (identPart(after) || after === 46) refuse();
        if (digits === 1 && text.charCodeAt(first) === 48 && first > start) refuse();
        this.end = i;
        return text.slice(start, i);
    }

    private ident(at: number): number {
        const { text } = this;
        if (!identStart(text.charCodeAt(at))) refuse();
        let i = at + 1;
        while (identPart(text.charCodeAt(i))) i++;
        return i;
    }

    /** A `#` comment from `at`: where its line ends. */
    private comment(at: number): number {
        const { text } = this;
        let i = at + 1;
        for (let c = text.charCodeAt(i); c !== NEWLINE && i < text.length; c = text.charCodeAt(++i)) if (unusual(c)) refuse();
        return i;
    }

    private spaces(at: number): number {
        while (this.text.charCodeAt(at) === SPACE) at++;
        return at;
    }

    /** Where the line ends after `at`, which holds only spaces to there. */
    private endOfLine(at: number): number {
        const p = this.spaces(at);
        if (p !== this.text.length && this.text.charCodeAt(p) !== NEWLINE) refuse();
        return p;
    }

    /** The start of the line after the newline at `eol` (or the end of the text). */
    private nextLine(eol: number): number {
        if (eol < 0 || eol >= this.text.length) return this.text.length;
        this.line++;
        return eol + 1;
    }
}

/** As the import lists them: in the order of the parser's object's keys (sorted; as JavaScript orders keys, integer-like names first). */
function inKeyOrder(blocks: Block[]): Block[] {
    const byName: Record<string, Block> = {};
    for (const block of blocks.sort((x, y) => (x.name < y.name ? -1 : 1))) byName[block.name] = block;
    return Object.values(byName);
}

/** A file read in the plain style. */
export class PlainFile {
    constructor(private readonly reader: Reader) {}

    /** The parse, as HashiCorp's parser gives it. */
    json(): RawObject {
        return parsed(out => writeBody(this.reader.root, out));
    }

    /** The line of each block of a kind in LINED, keyed `KIND a b` (`KIND a ` for one label), the last of a key kept. */
    lines(): Map<string, number> {
        return new Map(this.reader.lined.map(t => [`${t.type} ${t.labels[0]} ${t.labels[1] ?? ''}`, t.line]));
    }

    /**
     * The file's blocks listed kind by kind in Terraform's order, and the rest of its parse, as the
     * import makes them from the parser's output; straight from the reading, without the parse's
     * grouping. Undefined when the file's blocks are irregular (see Reader.irregular).
     */
    blocks(file: string): { blocks: FileBlocks; rest: RawObject } | undefined {
        const parts = this.parts();
        return parts && blocksOfParts(parts, file);
    }

    /** What the listing of the blocks is made from, as text (the bodies parsed at once: JSON.parse builds them fastest). */
    parts(): PlainParts | undefined {
        if (this.reader.irregular) return undefined;
        const tops: Array<string | number> = [];
        const bodies: string[] = ['['];
        for (const t of this.reader.tops) {
            if (!LINED.has(t.type)) continue;
            tops.push(t.type, t.labels[0]!, t.labels[1] ?? '', t.line);
            if (bodies.length > 1) bodies.push(',');
            writeBody(t.body, bodies);
        }
        bodies.push(']');
        const rest: string[] = [];
        writeBody(this.reader.root, rest, type => !LINED.has(type));
        return { tops, bodies: bodies.join(''), rest: rest.join('') };
    }
}

/** A file's blocks of the kinds in LINED and the rest of its parse, as JSON text. */
export interface PlainParts {
    /** Kind, first label, second label ('' for none) and line of each block, in the file's order. */
    tops: Array<string | number>;
    /** The blocks' bodies: a JSON list. */
    bodies: string;
    /** The rest of the parse: a JSON object. */
    rest: string;
}

/** The blocks listed kind by kind in Terraform's order, with the rest of the parse (see PlainFile.blocks). */
export function blocksOfParts(parts: PlainParts, file: string): { blocks: FileBlocks; rest: RawObject } {
    const { tops } = parts;
    const bodies = JSON.parse(parts.bodies) as RawObject[];
    const blocks: FileBlocks = { resources: [], data: [], modules: [], variables: [], outputs: [] };
    const variables: Block[] = [];
    const outputs: Block[] = [];
    for (let i = 0, n = 0; i < tops.length; i += 4, n++) {
        const kind = tops[i] as string;
        const a = tops[i + 1] as string;
        const b = tops[i + 2] as string;
        // The fields in the order read.ts gives them, so that every block has one shape.
        const block: Block = {
            type: b === '' ? '' : a,
            name: b === '' ? a : b,
            body: bodies[n]!,
            file,
            line: tops[i + 3] as number,
            ordinal: 0
        };
        if (kind === 'resource') blocks.resources.push(block);
        else if (kind === 'data') blocks.data.push(block);
        else if (kind === 'module') blocks.modules.push(block);
        else if (kind === 'variable') variables.push(block);
        else outputs.push(block);
    }
    blocks.variables = inKeyOrder(variables);
    blocks.outputs = inKeyOrder(outputs);
    return { blocks, rest: JSON.parse(parts.rest) as RawObject };
}

/** A `.tf` file read in the plain style, or undefined when its text is outside the style. */
export function readFmtStyle(text: string): PlainFile | undefined {
    const reader = new Reader(text);
    try {
        reader.read();
        return new PlainFile(reader);
    } catch (e) {
        if (e instanceof Refused) return undefined;
        throw e;
    }
}

/**
 * The reading of templates written in the export's own style (export/yaml.ts): block mappings and
 * sequences, one-line plain and double-quoted scalars, `|-` literal blocks, the short-form tags,
 * one-line flow sequences, `[]` and `{}`, full-line comments. It gives exactly what js-yaml gives for such
 * text and refuses (undefined) everything else, which js-yaml and then the `yaml` package read.
 *
 * Hand-written rather than left to js-yaml, a general reader, because of what it saves: over the
 * 21.9 MB of the bench's 1,000-VPC export js-yaml took 1.6–1.9 s of a core, this reading
 * 0.5–0.7 s (a line at a time, one slice per scalar, no tokens), which is most of what brings
 * that import under 2 s. Plain scalars are resolved by js-yaml's own core-schema types, so `1e3`,
 * `0x1F`, `~` and `True` mean here what they mean to js-yaml.
 */
import {
    COLON,
    DASH,
    INDICATOR,
    longForm,
    MAX_KEY,
    PIPE,
    printable,
    QUOTE,
    refuse,
    resolvePlain,
    shortForm,
    SPACE
} from './block-yaml-scalars.js';

class BlockReader {
    /** The current content line: its number, indentation (-1 past the end), where its content starts (further in for a compact item) and where it ends. */
    private line = 0;
    private indent = -1;
    private at = 0;
    private end = 0;
    /** Where the next line starts. */
    private next = 0;
    /** Where the last double-quoted scalar, flow sequence or `{}` read ends. */
    private after = 0;
    /**
     * Plain scalars already read, by a mix of their length and three of their characters: the
     * same keys and many of the same values (`Type`, `AWS::EC2::Route`, `Name`) come back in
     * every resource, and one string each (which V8 then knows as a property name) spares a slice,
     * a resolution and, for keys, their interning every time.
     */
    private readonly seen = new Map<number, { text: string; value: unknown }>();
    /**
     * Short forms with a one-line text argument already read, by tag and argument: one value for
     * every `!Ref V12Vpc` of the template. Values read are only read after (never changed), so
     * sharing them is safe, and spares the collector a mapping (and a list for `!GetAtt`) each.
     */
    private readonly forms = new Map<string, Map<string, Record<string, unknown>>>();

    constructor(
        private readonly text: string,
        readonly lines: Map<string, number>
    ) {}

    read(): Record<string, unknown> {
        this.advance();
        if (this.indent !== 0) refuse();
        const body = this.mapping(0, undefined, true);
        if ((this.indent as number) !== -1) refuse();
        return body;
    }

    /** To the next line holding more than spaces or a comment. */
    private advance(): void {
        const text = this.text;
        const n = text.length;
        let p = this.next;
        while (p < n) {
            this.line++;
            let eol = text.indexOf('\n', p);
            if (eol < 0) eol = n;
            let q = p;
            while (q < eol && text.charCodeAt(q) === SPACE) q++;
            if (q < eol && text.charCodeAt(q) === 35) {
                for (let i = q + 1; i < eol; i++) if (!printable(text.charCodeAt(i))) refuse();
            } else if (q < eol) {
                this.indent = q - p;
                this.at = q;
                this.end = eol;
                this.next = eol + 1;
                return;
            }
            p = eol + 1;
        }
        this.indent = -1;
        this.at = this.end = this.next = n;
    }

    /** The value of the plain scalar from `p` to `end` (its text when `raw`). */
    private plain(p: number, end: number, raw = false): unknown {
        const text = this.text;
        const length = end - p;
        if (length > 40) return raw ? text.slice(p, end) : resolvePlain(text.slice(p, end));
        const slot = ((length * 131 + text.charCodeAt(p)) * 131 + text.charCodeAt(end - 1)) * 131 + text.charCodeAt((p + end) >> 1);
        const known = this.seen.get(slot);
        if (known !== undefined && known.text.length === length && text.startsWith(known.text, p)) return raw ? known.text : known.value;
        const plain = text.slice(p, end);
        const value = resolvePlain(plain);
        this.seen.set(slot, { text: plain, value });
        return raw ? plain : value;
    }

    /** Whether the content at `p` is a sequence entry (`- `). */
    private dash(p: number): boolean {
        return this.text.charCodeAt(p) === DASH && p + 1 < this.end && this.text.charCodeAt(p + 1) === SPACE;
    }

    /** The entries at `indent`, the first at the current line's content; `lines` takes each key's line. */
    private mapping(indent: number, lines?: Map<string, number>, top = false): Record<string, unknown> {
        const text = this.text;
        const object: Record<string, unknown> = {};
        while (this.indent === indent) {
            const at = this.at;
            const end = this.end;
            let key: string;
            let p: number;
            const first = text.charCodeAt(at);
            if (first === QUOTE) {
                key = this.quoted(at);
                p = this.after;
                if (text.charCodeAt(p) !== COLON) refuse();
            } else {
                if (first >= 128 || INDICATOR[first] || first === DASH) refuse();
                p = this.plainEnd(at);
                if (p === end || text.charCodeAt(p - 1) === SPACE || p - at > MAX_KEY) refuse();
                key = String(this.plain(at, p));
            }
            p++;
            if (p < end && text.charCodeAt(p) !== SPACE) refuse();
            if (key === '__proto__' || Object.prototype.hasOwnProperty.call(object, key)) refuse();
            lines?.set(key, this.line);
            while (p < end && text.charCodeAt(p) === SPACE) p++;
            if (top && key === 'Resources' && p === end) {
                this.advance();
                if (this.indent <= indent || this.dash(this.at)) refuse();
                object[key] = this.mapping(this.indent, this.lines);
            } else object[key] = this.value(p, indent);
        }
        if (this.indent > indent) refuse();
        return object;
    }

    /** The entries at `indent`, the first at the current line's content. */
    private sequence(indent: number): unknown[] {
        const text = this.text;
        const list: unknown[] = [];
        while (this.indent === indent) {
            if (!this.dash(this.at)) refuse();
            let p = this.at + 2;
            while (p < this.end && text.charCodeAt(p) === SPACE) p++;
            if (p === this.end) refuse();
            list.push(this.item(p, indent));
        }
        if (this.indent > indent) refuse();
        return list;
    }

    /** A sequence entry's content, at `p` after its dash: a compact sequence or mapping, or a one-line node. */
    private item(p: number, indent: number): unknown {
        const column = indent + (p - this.at);
        if (this.dash(p)) {
            this.at = p;
            this.indent = column;
            return this.sequence(column);
        }
        const c = this.text.charCodeAt(p);
        const key =
            c === QUOTE
                ? (this.quoted(p), this.text.charCodeAt(this.after) === COLON)
                : c < 128 && !INDICATOR[c] && c !== DASH && this.plainEnd(p) !== this.end;
        if (key) {
            this.at = p;
            this.indent = column;
            return this.mapping(column);
        }
        return this.value(p, indent);
    }

    /** The node at `p` on the current line or, when the line ends there, the block below it, indented past `parent`. */
    private value(p: number, parent: number): unknown {
        if (p === this.end) {
            this.advance();
            if (this.indent <= parent) return null;
            return this.dash(this.at) ? this.sequence(this.indent) : this.mapping(this.indent);
        }
        const text = this.text;
        const c = text.charCodeAt(p);
        if (c === 33) return this.tagged(p, parent);
        if (c === PIPE) return this.literal(p, parent);
        const value = this.scalarOrFlow(p);
        if (this.after !== this.end) refuse();
        this.advance();
        return c === QUOTE || c === 91 || c === 123 ? value : this.plain(p, this.after);
    }

    /** `{}` at `p`, the only flow mapping the export writes. */
    private emptyMapping(p: number): Record<string, unknown> {
        if (this.text.charCodeAt(p + 1) !== 125) refuse();
        this.after = p + 2;
        return {};
    }

    /** A double-quoted scalar, a flow sequence or `{}` at `p`, or undefined for a plain scalar running from `p` to the line's end. */
    private scalarOrFlow(p: number): unknown {
        const text = this.text;
        const c = text.charCodeAt(p);
        if (c === QUOTE) return this.quoted(p);
        if (c === 91) return this.flow(p);
        if (c === 123) return this.emptyMapping(p);
        if (c >= 128 || INDICATOR[c] || this.dash(p) || (p + 1 === this.end && c === DASH)) refuse();
        if (this.plainEnd(p) !== this.end) refuse();
        this.after = this.end;
        return undefined;
    }

    /** A short form at `p`: its argument on the line (never resolved: the tag says what it is), or the block below. */
    private tagged(p: number, parent: number): Record<string, unknown> {
        const text = this.text;
        const end = this.end;
        let q = p + 1;
        while (q < end && text.charCodeAt(q) !== SPACE) q++;
        const name = longForm(text.slice(p, q));
        if (name === undefined) refuse();
        while (q < end && text.charCodeAt(q) === SPACE) q++;
        if (q === end) {
            this.advance();
            if (this.indent <= parent) refuse();
            return shortForm(name, this.dash(this.at) ? this.sequence(this.indent) : this.mapping(this.indent));
        }
        if (text.charCodeAt(q) === PIPE) return shortForm(name, this.literal(q, parent));
        let argument = this.scalarOrFlow(q);
        if (this.after !== end) refuse();
        // A short form's argument is not resolved (the tag says what it is); the same `!Ref Vpc` text is one string.
        argument ??= this.plain(q, end, true);
        this.advance();
        return typeof argument === 'string' ? this.form(name, argument) : shortForm(name, argument);
    }

    private form(name: string, argument: string): Record<string, unknown> {
        let byArgument = this.forms.get(name);
        if (byArgument === undefined) this.forms.set(name, (byArgument = new Map()));
        let form = byArgument.get(argument);
        if (form === undefined) byArgument.set(argument, (form = shortForm(name, argument)));
        return form;
    }

    /**
     * A literal block with its final line breaks stripped (`|-` at `p`, ending the line), as the
     * export writes multi-line strings: lines of printable ASCII, all at the first one's
     * indentation (past `parent`), empty lines between them.
     */
    private literal(p: number, parent: number): string {
        const text = this.text;
        if (p + 2 !== this.end || text.charCodeAt(p + 1) !== DASH) refuse();
        const n = text.length;
        const lines: string[] = [];
        let blank = 0;
        let indent = -1;
        let start = this.next;
        let afterLast = start;
        while (start < n) {
            let eol = text.indexOf('\n', start);
            if (eol < 0) eol = n;
            let q = start;
            while (q < eol && text.charCodeAt(q) === SPACE) q++;
            if (q === eol) {
                // Only an empty line may stand between the block's lines: spaces on it mean more than they seem.
                if (q > start || indent < 0) refuse();
                blank++;
                start = eol + 1;
                continue;
            }
            if (indent < 0) {
                if (q - start <= parent) refuse();
                indent = q - start;
            } else if (q - start < indent) break;
            else if (q - start > indent) refuse();
            for (let i = q; i < eol; i++) {
                const c = text.charCodeAt(i);
                if (c < 32 || c > 126) refuse();
            }
            if (text.charCodeAt(eol - 1) === SPACE) refuse();
            this.line += blank + 1;
            for (; blank > 0; blank--) lines.push('');
            lines.push(text.slice(q, eol));
            start = afterLast = eol + 1;
        }
        if (indent < 0) refuse();
        // The empty lines after the block are read again as what they are.
        this.next = afterLast;
        this.advance();
        return lines.join('\n');
    }

    /**
     * Where a plain scalar at `p` on a block line ends: at the line's end, or at a colon followed
     * by a space or the end (it is then a key). Refused: a comment after it, trailing spaces and
     * anything but printable ASCII.
     */
    private plainEnd(p: number): number {
        const text = this.text;
        const end = this.end;
        for (let i = p; i < end; i++) {
            const c = text.charCodeAt(i);
            if (c < 32 || c > 126) refuse();
            if (c === COLON && (i + 1 === end || text.charCodeAt(i + 1) === SPACE)) return i;
            if (c === 35 && text.charCodeAt(i - 1) === SPACE) refuse();
        }
        if (text.charCodeAt(end - 1) === SPACE) refuse();
        return end;
    }

    /** A one-line double-quoted scalar at `p` (JSON's escapes, which mean the same in YAML); `after` is past its closing quote. */
    private quoted(p: number): string {
        const text = this.text;
        const end = this.end;
        let escaped = false;
        for (let i = p + 1; i < end; i++) {
            const c = text.charCodeAt(i);
            if (c === QUOTE) {
                this.after = i + 1;
                if (!escaped) return text.slice(p + 1, i);
                try {
                    return JSON.parse(text.slice(p, i + 1)) as string;
                } catch {
                    refuse();
                }
            }
            if (c === 92) {
                escaped = true;
                i++;
                if (i < end && !printable(text.charCodeAt(i))) refuse();
            } else if (!printable(c)) refuse();
        }
        return refuse();
    }

    /** A flow sequence at `p`, on one line: scalars, flow sequences, `{}` and short forms; `after` is past its `]`. */
    private flow(p: number): unknown[] {
        const text = this.text;
        const end = this.end;
        const list: unknown[] = [];
        let q = p + 1;
        while (q < end && text.charCodeAt(q) === SPACE) q++;
        if (text.charCodeAt(q) === 93) {
            this.after = q + 1;
            return list;
        }
        for (;;) {
            if (q >= end) refuse();
            const c = text.charCodeAt(q);
            if (c === 33) {
                let t = q + 1;
                while (t < end && text.charCodeAt(t) !== SPACE) t++;
                const name = longForm(text.slice(q, t));
                if (name === undefined) refuse();
                while (t < end && text.charCodeAt(t) === SPACE) t++;
                const argument = this.flowNode(t, false);
                list.push(shortForm(name, argument));
            } else list.push(this.flowNode(q, true));
            q = this.after;
            const stop = text.charCodeAt(q);
            if (stop === 93) {
                this.after = q + 1;
                return list;
            }
            if (stop !== 44) refuse();
            q++;
            while (q < end && text.charCodeAt(q) === SPACE) q++;
        }
    }

    /** A node inside a flow sequence at `p`, resolved when plain and untagged; `after` is where it ends. */
    private flowNode(p: number, resolve: boolean): unknown {
        const text = this.text;
        const end = this.end;
        if (p >= end) refuse();
        const c = text.charCodeAt(p);
        if (c === QUOTE) return this.quoted(p);
        if (c === 91) return this.flow(p);
        if (c === 123) return this.emptyMapping(p);
        if (c >= 128 || INDICATOR[c] || (c === DASH && (p + 1 === end || text.charCodeAt(p + 1) === SPACE))) refuse();
        let i = p;
        for (; i < end; i++) {
            const d = text.charCodeAt(i);
            if (d === 44 || d === 93) break;
            if (d < 32 || d > 126 || d === 91 || d === 123 || d === 125) refuse();
            if (d === COLON) {
                const e = i + 1 < end ? text.charCodeAt(i + 1) : SPACE;
                if (e === SPACE || e === 44 || e === 91 || e === 93 || e === 123 || e === 125) refuse();
            }
            if (d === 35 && text.charCodeAt(i - 1) === SPACE) refuse();
        }
        if (i === end || text.charCodeAt(i - 1) === SPACE) refuse();
        this.after = i;
        const plain = text.slice(p, i);
        return resolve ? resolvePlain(plain) : plain;
    }
}

/**
 * The template's values and the line of each resource when the text is in the export's style
 * (and its Resources a block mapping), else undefined.
 */
export function readBlockTemplate(text: string): { body: Record<string, unknown>; lines: Map<string, number> } | undefined {
    const reader = new BlockReader(text, new Map());
    let body: Record<string, unknown>;
    try {
        body = reader.read();
    } catch {
        // Refused, or nested past the stack's depth: the general readers decide.
        return undefined;
    }
    const resources = body.Resources;
    if (typeof resources !== 'object' || resources === null || Array.isArray(resources)) return undefined;
    return { body, lines: reader.lines };
}

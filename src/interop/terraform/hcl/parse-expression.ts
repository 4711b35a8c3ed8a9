/**
 * A parser for HCL's expression grammar (hclsyntax spec): literals, templates with `${}` and
 * `%{if}`/`%{for}` directives and strip markers, heredocs, operators in HCL's precedence,
 * conditionals, function calls with `...`, index and attribute access, legacy `.0` index,
 * splats `[*]` and `.*`, and `for` expressions. HashiCorp's parser (compiled to WebAssembly) gives
 * the configuration's structure with every expression as `${…}` text; its own expression tree is
 * an asynchronous call per expression and loses the parts of `for` expressions, so expressions are
 * parsed here.
 */
import { type BinaryOp, type Expr, HclSyntaxError, type TemplatePart } from './ast.js';

const LEVELS: BinaryOp[][] = [['||'], ['&&'], ['==', '!='], ['<', '<=', '>', '>='], ['+', '-'], ['*', '/', '%']];
const IDENT_START = /[A-Za-z_]/;
const IDENT = /[A-Za-z0-9_-]/;

/** Parses a whole expression. */
export function parseExpression(text: string): Expr {
    const p = new Parser(text);
    const e = p.expression();
    p.ws();
    if (p.pos < text.length) p.fail(`unexpected "${text[p.pos]}" after the expression`);
    return e;
}

/** Parses the contents of a quoted string (without its quotes) as a template. */
export function parseTemplate(text: string): Expr {
    const p = new Parser(text);
    const parts = p.templateParts(() => p.pos >= text.length, true);
    return simplify(parts);
}

/** A template that is only one interpolation yields that value unconverted, as HCL does. */
function simplify(parts: TemplatePart[]): Expr {
    const only = parts.length === 1 ? parts[0]! : undefined;
    if (only?.t === 'interp') return only.e;
    if (only?.t === 'text') return { t: 'lit', v: only.text };
    if (parts.length === 0) return { t: 'lit', v: '' };
    return { t: 'tmpl', parts };
}

class Parser {
    pos = 0;
    constructor(readonly src: string) {}

    fail(message: string): never {
        throw new HclSyntaxError(message, this.pos);
    }

    ws(): void {
        for (;;) {
            const c = this.src[this.pos];
            if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos++;
            else if (c === '#' || (c === '/' && this.src[this.pos + 1] === '/')) {
                while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
            } else if (c === '/' && this.src[this.pos + 1] === '*') {
                const end = this.src.indexOf('*/', this.pos + 2);
                this.pos = end < 0 ? this.src.length : end + 2;
            } else return;
        }
    }

    peek(s: string): boolean {
        this.ws();
        return this.src.startsWith(s, this.pos);
    }
    eat(s: string): boolean {
        if (this.peek(s)) {
            this.pos += s.length;
            return true;
        }
        return false;
    }
    expect(s: string): void {
        if (!this.eat(s)) this.fail(`expected "${s}"`);
    }

    ident(): string {
        this.ws();
        if (!IDENT_START.test(this.src[this.pos] ?? '')) this.fail('expected a name');
        const start = this.pos++;
        while (IDENT.test(this.src[this.pos] ?? '')) this.pos++;
        return this.src.slice(start, this.pos);
    }

    peekKeyword(word: string): boolean {
        this.ws();
        return this.src.startsWith(word, this.pos) && !IDENT.test(this.src[this.pos + word.length] ?? '');
    }

    expression(): Expr {
        const c = this.binary(0);
        if (this.eat('?')) {
            const a = this.expression();
            this.expect(':');
            return { t: 'cond', c, a, b: this.expression() };
        }
        return c;
    }

    binary(level: number): Expr {
        if (level >= LEVELS.length) return this.unary();
        let l = this.binary(level + 1);
        for (;;) {
            this.ws();
            // Longest operator first; `<<` opens a heredoc, not a comparison.
            const op = LEVELS[level]!.slice()
                .sort((a, b) => b.length - a.length)
                .find(o => this.src.startsWith(o, this.pos) && !(o === '<' && this.src[this.pos + 1] === '<'));
            if (!op) return l;
            this.pos += op.length;
            l = { t: 'binary', op, l, r: this.binary(level + 1) };
        }
    }

    unary(): Expr {
        if (this.peek('!') && this.src[this.pos + 1] !== '=') {
            this.pos++;
            return { t: 'unary', op: '!', e: this.unary() };
        }
        if (this.peek('-')) {
            this.pos++;
            return { t: 'unary', op: '-', e: this.unary() };
        }
        return this.postfix(this.term());
    }

    postfix(e: Expr): Expr {
        for (;;) {
            if (this.peek('[*]')) {
                this.pos += 3;
                e = { t: 'splat', obj: e, each: this.splatBody(true) };
            } else if (this.peek('.*')) {
                this.pos += 2;
                e = { t: 'splat', obj: e, each: this.splatBody(false) };
            } else if (this.peek('[')) {
                this.pos++;
                const key = this.expression();
                this.expect(']');
                e = { t: 'index', obj: e, key };
            } else if (this.peek('.') && !this.peek('...')) {
                this.pos++;
                this.ws();
                const digits = /^\d+/.exec(this.src.slice(this.pos));
                if (digits) {
                    this.pos += digits[0].length;
                    e = { t: 'index', obj: e, key: { t: 'lit', v: Number(digits[0]) } };
                } else e = { t: 'attr', obj: e, name: this.ident() };
            } else return e;
        }
    }

    /** The traversal after a splat: attributes, and for a full splat also indexes. */
    splatBody(full: boolean): Expr {
        let e: Expr = { t: 'anon' };
        for (;;) {
            if (this.peek('.') && !this.peek('.*') && !this.peek('...')) {
                this.pos++;
                e = { t: 'attr', obj: e, name: this.ident() };
            } else if (full && this.peek('[') && !this.peek('[*]')) {
                this.pos++;
                const key = this.expression();
                this.expect(']');
                e = { t: 'index', obj: e, key };
            } else return e;
        }
    }

    term(): Expr {
        this.ws();
        const c = this.src[this.pos];
        if (c === undefined) this.fail('expected an expression');
        if (c === '(') {
            this.pos++;
            const e = this.expression();
            this.expect(')');
            return e;
        }
        if (c === '"') {
            this.pos++;
            const parts = this.templateParts(() => this.src[this.pos] === '"', false);
            this.expect('"');
            return simplify(parts);
        }
        if (c === '<' && this.src.startsWith('<<', this.pos)) return this.heredoc();
        if (/[0-9]/.test(c)) return this.number();
        if (c === '[') return this.tupleOrFor();
        if (c === '{') return this.objectOrFor();
        if (IDENT_START.test(c)) {
            const name = this.ident();
            if (name === 'true' || name === 'false') return { t: 'lit', v: name === 'true' };
            if (name === 'null') return { t: 'lit', v: null };
            let after = this.pos;
            while (this.src[after] === ' ' || this.src[after] === '\t') after++;
            if (this.src[after] === '(') {
                this.pos = after + 1;
                const args: Expr[] = [];
                let expand = false;
                while (!this.eat(')')) {
                    args.push(this.expression());
                    if (this.eat('...')) expand = true;
                    if (!this.eat(',') && !this.peek(')')) this.fail('expected "," or ")" in the function call');
                }
                return { t: 'call', name: name.includes('::') ? name.split('::').pop()! : name, args, expand };
            }
            return { t: 'var', name };
        }
        return this.fail(`unexpected "${c}"`);
    }

    number(): Expr {
        const m = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(this.src.slice(this.pos))!;
        this.pos += m[0].length;
        return { t: 'lit', v: Number(m[0]) };
    }

    forHead(): { keyVar?: string; valVar: string; coll: Expr } {
        const first = this.ident();
        let keyVar: string | undefined;
        let valVar = first;
        if (this.eat(',')) {
            keyVar = first;
            valVar = this.ident();
        }
        if (!this.peekKeyword('in')) this.fail('expected "in" in the for expression');
        this.pos += 2;
        const coll = this.expression();
        return { ...(keyVar !== undefined ? { keyVar } : {}), valVar, coll };
    }

    tupleOrFor(): Expr {
        this.expect('[');
        if (this.peekKeyword('for')) {
            this.pos += 3;
            const head = this.forHead();
            this.expect(':');
            const valExpr = this.expression();
            const cond = this.peekKeyword('if') ? ((this.pos += 2), this.expression()) : undefined;
            this.expect(']');
            return { t: 'for', ...head, valExpr, ...(cond ? { cond } : {}), group: false, object: false };
        }
        const items: Expr[] = [];
        while (!this.eat(']')) {
            items.push(this.expression());
            if (!this.eat(',') && !this.peek(']')) this.fail('expected "," or "]" in the list');
        }
        return { t: 'tuple', items };
    }

    objectOrFor(): Expr {
        this.expect('{');
        if (this.peekKeyword('for')) {
            this.pos += 3;
            const head = this.forHead();
            this.expect(':');
            const keyExpr = this.expression();
            this.expect('=>');
            const valExpr = this.expression();
            const group = this.eat('...');
            const cond = this.peekKeyword('if') ? ((this.pos += 2), this.expression()) : undefined;
            this.expect('}');
            return { t: 'for', ...head, keyExpr, valExpr, ...(cond ? { cond } : {}), group, object: true };
        }
        const items: Array<{ key: Expr; value: Expr }> = [];
        while (!this.eat('}')) {
            this.ws();
            let key: Expr;
            if (IDENT_START.test(this.src[this.pos] ?? '')) {
                const save = this.pos;
                const name = this.ident();
                if (this.peek('=') || this.peek(':')) key = { t: 'lit', v: name };
                else {
                    this.pos = save;
                    key = this.expression();
                }
            } else key = this.expression();
            if (!this.eat('=') && !this.eat(':')) this.fail('expected "=" after the object key');
            items.push({ key, value: this.expression() });
            this.eat(',');
        }
        return { t: 'object', items };
    }

    heredoc(): Expr {
        const m = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)\r?\n/.exec(this.src.slice(this.pos));
        if (!m) this.fail('expected a heredoc marker');
        this.pos += m[0].length;
        const endRe = new RegExp(`^[ \\t]*${m[2]}[ \\t]*$`, 'm');
        const rest = this.src.slice(this.pos);
        const end = endRe.exec(rest);
        if (!end) this.fail(`the heredoc ${m[2]} has no closing marker`);
        let body = rest.slice(0, end.index);
        this.pos += end.index + end[0].length;
        if (m[1] === '-') {
            const lines = body.split('\n');
            const indents = lines.filter(l => l.trim() !== '').map(l => /^[ \t]*/.exec(l)![0].length);
            const cut = indents.length ? Math.min(...indents) : 0;
            body = lines.map(l => l.slice(cut)).join('\n');
        }
        return parseTemplate(body);
    }

    /** Template parts up to `atEnd` (or a directive keyword of an enclosing directive). */
    templateParts(atEnd: () => boolean, raw: boolean): TemplatePart[] {
        const parts: TemplatePart[] = [];
        let text = '';
        const flush = (): void => {
            if (text) parts.push({ t: 'text', text });
            text = '';
        };
        while (this.pos < this.src.length && !atEnd()) {
            const s = this.src;
            if (s.startsWith('$${', this.pos) || s.startsWith('%%{', this.pos)) {
                text += s[this.pos + 1]! + '{';
                this.pos += 3;
                continue;
            }
            if (s.startsWith('${', this.pos)) {
                this.pos += 2;
                const stripL = this.src[this.pos] === '~' ? (this.pos++, true) : false;
                const e = this.expression();
                this.ws();
                const stripR = this.src[this.pos] === '~' ? (this.pos++, true) : false;
                this.expect('}');
                if (stripL) text = text.trimEnd();
                flush();
                parts.push({ t: 'interp', e });
                if (stripR) this.stripNext();
                continue;
            }
            if (s.startsWith('%{', this.pos)) {
                const save = this.pos;
                this.pos += 2;
                if (this.src[this.pos] === '~') {
                    this.pos++;
                    text = text.trimEnd();
                }
                if (this.peekKeyword('else') || this.peekKeyword('endif') || this.peekKeyword('endfor')) {
                    this.pos = save;
                    break;
                }
                flush();
                parts.push(this.directive(atEnd, raw));
                continue;
            }
            if (!raw && s[this.pos] === '\\') {
                text += unescape(s[this.pos + 1] ?? '', this);
                continue;
            }
            text += s[this.pos++];
        }
        flush();
        return parts;
    }

    stripNext(): void {
        while (/[ \t\r\n]/.test(this.src[this.pos] ?? '')) this.pos++;
    }

    closeDirective(word: string): void {
        this.expect('%{');
        this.eat('~');
        if (!this.peekKeyword(word)) this.fail(`expected %{${word}}`);
        this.pos += word.length;
        this.ws();
        const strip = this.src[this.pos] === '~' ? (this.pos++, true) : false;
        this.expect('}');
        if (strip) this.stripNext();
    }

    directive(atEnd: () => boolean, raw: boolean): TemplatePart {
        const endOfOpen = (): void => {
            this.ws();
            const strip = this.src[this.pos] === '~' ? (this.pos++, true) : false;
            this.expect('}');
            if (strip) this.stripNext();
        };
        if (this.peekKeyword('if')) {
            this.pos += 2;
            const c = this.expression();
            endOfOpen();
            const then = this.templateParts(atEnd, raw);
            let otherwise: TemplatePart[] = [];
            const save = this.pos;
            this.expect('%{');
            this.eat('~');
            if (this.peekKeyword('else')) {
                this.pos += 4;
                endOfOpen();
                otherwise = this.templateParts(atEnd, raw);
            } else this.pos = save;
            this.closeDirective('endif');
            return { t: 'if', c, then, else: otherwise };
        }
        if (this.peekKeyword('for')) {
            this.pos += 3;
            const head = this.forHead();
            endOfOpen();
            const body = this.templateParts(atEnd, raw);
            this.closeDirective('endfor');
            return { t: 'for', ...head, body };
        }
        return this.fail('expected "if" or "for" after "%{"');
    }
}

function unescape(c: string, p: Parser): string {
    p.pos += 2;
    switch (c) {
        case 'n':
            return '\n';
        case 't':
            return '\t';
        case 'r':
            return '\r';
        case '"':
            return '"';
        case '\\':
            return '\\';
        case 'u': {
            const hex = p.src.slice(p.pos, p.pos + 4);
            p.pos += 4;
            return String.fromCharCode(parseInt(hex, 16));
        }
        default:
            return '\\' + c;
    }
}

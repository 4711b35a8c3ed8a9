/**
 * JSON with errors that say where: `JSON.parse` is fast but V8's messages often give no position,
 * so on failure a small scanner walks the text by JSON's grammar (RFC 8259) to the first offence.
 */

export interface JsonProblem {
    line: number;
    column: number;
    message: string;
}

export type JsonParsed = { ok: true; value: unknown } | { ok: false; problem: JsonProblem };

export function parseJson(text: string): JsonParsed {
    try {
        return { ok: true, value: JSON.parse(text) };
    } catch {
        return { ok: false, problem: locateJsonError(text) };
    }
}

class Stop extends Error {
    constructor(
        readonly offset: number,
        readonly what: string
    ) {
        super(what);
    }
}

/** Line and column (from 1) of the first place `text` stops being JSON, and what was expected there. */
export function locateJsonError(text: string): JsonProblem {
    let at = 0;
    const ws = () => {
        while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++;
    };
    const fail = (what: string): never => {
        throw new Stop(at, what);
    };
    const literal = (word: string) => {
        if (text.startsWith(word, at)) at += word.length;
        else fail('expected a value');
    };
    const string = () => {
        at++;
        for (;;) {
            if (at >= text.length) fail('unterminated string');
            const c = text.charCodeAt(at);
            if (c === 0x22) {
                at++;
                return;
            }
            if (c < 0x20) fail('control character in a string');
            if (c === 0x5c) {
                const e = text[at + 1];
                if (e === 'u') {
                    if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) fail('bad \\u escape');
                    at += 6;
                    continue;
                }
                if (e === undefined || !'"\\/bfnrt'.includes(e)) fail('bad escape in a string');
                at += 2;
                continue;
            }
            at++;
        }
    };
    const number = () => {
        const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(at, at + 400));
        if (!match) fail('expected a value');
        at += match![0].length;
    };
    const value = (): void => {
        ws();
        const c = text[at];
        if (c === '{') {
            at++;
            ws();
            if (text[at] === '}') {
                at++;
                return;
            }
            for (;;) {
                ws();
                if (text[at] !== '"') fail('expected a property name in double quotes');
                string();
                ws();
                if (text[at] !== ':') fail("expected ':'");
                at++;
                value();
                ws();
                if (text[at] === ',') {
                    at++;
                    continue;
                }
                if (text[at] === '}') {
                    at++;
                    return;
                }
                fail("expected ',' or '}'");
            }
        }
        if (c === '[') {
            at++;
            ws();
            if (text[at] === ']') {
                at++;
                return;
            }
            for (;;) {
                value();
                ws();
                if (text[at] === ',') {
                    at++;
                    continue;
                }
                if (text[at] === ']') {
                    at++;
                    return;
                }
                fail("expected ',' or ']'");
            }
        }
        if (c === '"') return string();
        if (c === 't') return literal('true');
        if (c === 'f') return literal('false');
        if (c === 'n') return literal('null');
        if (c === undefined) fail('unexpected end of the text');
        number();
    };
    try {
        value();
        ws();
        if (at < text.length) fail('unexpected text after the end');
        return { line: 1, column: 1, message: 'not valid JSON' };
    } catch (error) {
        if (!(error instanceof Stop)) throw error;
        const before = text.slice(0, error.offset);
        const line = before.split('\n').length;
        return { line, column: error.offset - before.lastIndexOf('\n'), message: error.what };
    }
}

/**
 * The characters, scalars and short forms of the export-style reader (block-yaml.ts): plain
 * scalars resolved by js-yaml's own core-schema types, short forms built as fast-yaml.ts builds them.
 */
import { types, type ScalarType } from 'js-yaml';
import { SHORT_FORMS } from './template.js';

/** CORE_SCHEMA's implicit types, in its order. */
const IMPLICIT: readonly ScalarType[] = [types.null, types.bool, types.int, types.float];

/** The first characters of the plain scalars one of them may take: `~`, n N t T f F, signs, `.` and digits. */
const MAY_RESOLVE = new Uint8Array(128);
for (const c of '~nNtTfF-+.0123456789') MAY_RESOLVE[c.charCodeAt(0)] = 1;

/** YAML's indicators: what a plain scalar may not begin with (`-` is taken apart). */
export const INDICATOR = new Uint8Array(128);
for (const c of '?:,[]{}#&*!|>\'"%@`') INDICATOR[c.charCodeAt(0)] = 1;

let tags: ReadonlyMap<string, string> | undefined;
/** The long form a short-form tag stands for (made on first use: template.ts, which holds them, imports this module). */
export const longForm = (tag: string): string | undefined => (tags ??= new Map(Object.entries(SHORT_FORMS))).get(tag);

/** js-yaml takes implicit keys up to 1,024 characters; the export writes longer ones as explicit keys (refused here). */
export const MAX_KEY = 1000;

export const SPACE = 32;
export const DASH = 45;
export const QUOTE = 34;
export const COLON = 58;
export const PIPE = 124;

const REFUSED = Symbol('refused');

export function refuse(): never {
    throw REFUSED;
}

export function resolvePlain(text: string): unknown {
    const c = text.charCodeAt(0);
    if (c >= 128 || !MAY_RESOLVE[c]) return text;
    for (const type of IMPLICIT) if (type.resolve(text)) return type.construct(text);
    return text;
}

/** A short form's value, as fast-yaml.ts constructs it. */
export function shortForm(name: string, data: unknown): Record<string, unknown> {
    const value: Record<string, unknown> = {};
    if (name === 'Fn::GetAtt' && typeof data === 'string') {
        const dot = data.indexOf('.');
        value[name] = dot < 0 ? [data] : [data.slice(0, dot), data.slice(dot + 1)];
    } else value[name] = data;
    return value;
}

/** Whether a character may stand as itself in a comment or a double-quoted scalar: printable, no YAML 1.1 line break, no surrogate. */
export function printable(c: number): boolean {
    return c >= 32 && (c <= 126 || (c >= 0xa0 && (c < 0xd800 || c > 0xdfff) && c < 0xfffe));
}

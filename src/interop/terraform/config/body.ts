/**
 * Evaluates the bodies HashiCorp's parser returns: strings are templates, arrays of objects are
 * nested blocks (or lists of objects: the same value either way), `dynamic` blocks expand over
 * their `for_each` with the iterator bound to `{key, value}`.
 */
import type { Expr } from '../hcl/ast.js';
import { entries, evaluate, type Scope } from '../hcl/evaluate.js';
import { parseTemplate } from '../hcl/parse-expression.js';
import { EvalError, HclSyntaxErrorOf, isOpaque, toStr, Unknown, type Value, type ValueObject } from './body-support.js';
import type { Raw, RawObject } from './read.js';

const cache = new Map<string, Expr>();

/** Parsed once per distinct text: resources expanded by count share their expressions. */
export function exprOf(text: string): Expr {
    let e = cache.get(text);
    if (!e) {
        try {
            e = parseTemplate(text);
        } catch (err) {
            throw HclSyntaxErrorOf(err, text);
        }
        if (cache.size > 100_000) cache.clear();
        cache.set(text, e);
    }
    return e;
}

export type Env = ReadonlyMap<string, Value>;

/** No names bound: what most evaluations get (an Env is only ever copied, never changed). */
export const NO_ENV: Env = new Map();

export function evalRaw(raw: Raw, scope: Scope, env: Env): Value {
    // Text with neither `${` nor `%{` has no escapes either (`$${` and `%%{` contain them): it is its value.
    if (typeof raw === 'string') return raw.includes('${') || raw.includes('%{') ? evaluate(exprOf(raw), scope, env) : raw;
    if (Array.isArray(raw))
        return raw.flatMap(item => (isBlock(item) && hasDynamic(item) ? [evalBody(item, scope, env)] : [evalRaw(item, scope, env)]));
    if (raw !== null && typeof raw === 'object') return evalBody(raw, scope, env);
    return raw;
}

function isBlock(raw: Raw): raw is RawObject {
    return raw !== null && typeof raw === 'object' && !Array.isArray(raw);
}
function hasDynamic(raw: RawObject): boolean {
    return 'dynamic' in raw;
}

const NO_SKIP: ReadonlySet<string> = new Set();

/** A block's or object's attributes; `skip` names meta-arguments that are not values. */
export function evalBody(raw: RawObject, scope: Scope, env: Env, skip: ReadonlySet<string> = NO_SKIP): ValueObject {
    const out: ValueObject = {};
    for (const rawKey in raw) {
        const rawValue = raw[rawKey]!;
        if (skip.has(rawKey)) continue;
        if (rawKey === 'dynamic' && isBlock(rawValue)) {
            expandDynamic(rawValue, scope, env, out);
            continue;
        }
        let key = rawKey;
        if (rawKey.includes('${')) {
            const k = toStr(evaluate(exprOf(rawKey), scope, env), 'object key');
            if (k instanceof Unknown) continue;
            key = k;
        }
        const value = evalRaw(rawValue, scope, env);
        // A nested block written both ways (static and dynamic) collects into one list.
        const existing = out[key];
        out[key] = Array.isArray(existing) && Array.isArray(value) ? [...existing, ...value] : value;
    }
    return out;
}

function expandDynamic(raw: RawObject, scope: Scope, env: Env, out: ValueObject): void {
    for (const [blockType, specs] of Object.entries(raw)) {
        for (const spec of Array.isArray(specs) ? specs : [specs]) {
            if (!isBlock(spec)) continue;
            const forEach = evalRaw(spec.for_each ?? null, scope, env);
            const iterator = typeof spec.iterator === 'string' ? spec.iterator.replace(/^\$\{(.*)\}$/, '$1') : blockType;
            const list = Array.isArray(out[blockType]) ? (out[blockType] as Value[]) : [];
            if (isOpaque(forEach)) {
                list.push(new Unknown(`dynamic "${blockType}" iterates over a value known only after apply`));
            } else {
                if (forEach === null) throw new EvalError(`dynamic "${blockType}": for_each is null`);
                const contents = Array.isArray(spec.content) ? spec.content : [spec.content ?? {}];
                for (const [key, value] of entries(forEach)) {
                    const inner = new Map(env);
                    inner.set(iterator, { key, value });
                    for (const content of contents) if (isBlock(content)) list.push(evalBody(content, scope, inner));
                }
            }
            out[blockType] = list;
        }
    }
}

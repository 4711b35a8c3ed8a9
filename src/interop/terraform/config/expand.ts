/** The instances a block's `count` or `for_each` makes, with what each binds (`count.index`, `each.key`/`each.value`). */
import type { Scope } from '../hcl/evaluate.js';
import { entries } from '../hcl/evaluate.js';
import { EvalError, isObject, isOpaque, toNum, Unknown, type Value } from '../hcl/values.js';
import { evalRaw, NO_ENV } from './body.js';
import type { RawObject } from './read.js';

export interface Bindings {
    count?: number;
    each?: { key: Value; value: Value };
}

/** A block without count or for_each. */
export const NO_BINDINGS: Bindings = {};

/** Instance keys of a block with count or for_each: numbers, strings, or one unkeyed. */
export function expand(body: RawObject, what: string, scope: Scope): Array<{ key?: number | string; bindings: Bindings }> | Unknown {
    if ('count' in body) {
        const n = toNum(evalRaw(body.count!, scope, NO_ENV), 'count');
        if (n instanceof Unknown) return n;
        return Array.from({ length: n }, (_, i) => ({ key: i, bindings: { count: i } }));
    }
    if ('for_each' in body) {
        const v = evalRaw(body.for_each!, scope, NO_ENV);
        if (isOpaque(v)) return v instanceof Unknown ? v : new Unknown(`for_each of ${what} uses ${v.toString()}, known only after apply`);
        if (v === null) throw new EvalError('for_each is null');
        if (Array.isArray(v)) {
            if (!v.every(x => typeof x === 'string')) throw new EvalError('for_each takes a map or a set of strings');
            return [...new Set(v as string[])].sort().map(k => ({ key: k, bindings: { each: { key: k, value: k } } }));
        }
        if (!isObject(v)) throw new EvalError('for_each takes a map or a set of strings');
        return entries(v).map(([k, value]) => ({ key: k as string, bindings: { each: { key: k, value } } }));
    }
    return [{ bindings: {} }];
}

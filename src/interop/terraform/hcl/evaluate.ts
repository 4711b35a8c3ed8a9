/**
 * Evaluates an HCL expression tree the way Terraform does at plan time. Names at the root of a
 * traversal (`var.x`, `aws_vpc.main`, `count.index`) are asked of the caller's scope, so that
 * resources are evaluated only when referenced and a reference cycle can be detected there.
 */
import type { Expr, TemplatePart } from './ast.js';
import { callFunction } from './functions.js';
import {
    elements,
    equal,
    EvalError,
    firstOpaque,
    InstanceValue,
    isObject,
    isOpaque,
    opaque,
    Ref,
    sortedKeys,
    toBool,
    toNum,
    toStr,
    typeName,
    Unknown,
    type Value,
    type ValueObject
} from './values.js';

export interface Scope {
    /**
     * The value of a root traversal such as `var.cidr` (`['var', 'cidr']`); returns how many of
     * the parts it used, so the rest are read as attributes of the value.
     */
    root(parts: string[]): { value: Value; used: number };
}

export function evaluate(e: Expr, scope: Scope, locals: ReadonlyMap<string, Value> = new Map()): Value {
    return new Evaluator(scope).eval(e, locals);
}

class Evaluator {
    constructor(readonly scope: Scope) {}

    eval(e: Expr, env: ReadonlyMap<string, Value>, anon?: Value): Value {
        switch (e.t) {
            case 'lit':
                return e.v;
            case 'tmpl':
                return this.template(e.parts, env);
            case 'anon':
                return anon ?? null;
            case 'var':
                if (env.has(e.name)) return env.get(e.name)!;
                return this.traversal([e.name], env);
            case 'attr': {
                const chain = rootChain(e);
                if (chain && !env.has(chain[0]!)) return this.traversal(chain, env);
                return getAttr(this.eval(e.obj, env, anon), e.name);
            }
            case 'index':
                return index(this.eval(e.obj, env, anon), this.eval(e.key, env, anon));
            case 'splat': {
                const source = this.eval(e.obj, env, anon);
                if (isOpaque(source)) return opaque(source);
                const list = source === null ? [] : Array.isArray(source) ? source : [source];
                return list.map(item => this.eval(e.each, env, item));
            }
            case 'call':
                return this.call(e, env, anon);
            case 'tuple':
                return e.items.map(item => this.eval(item, env, anon));
            case 'object': {
                const out: ValueObject = {};
                for (const item of e.items) {
                    const key = this.eval(item.key, env, anon);
                    const k = toStr(key, 'object key');
                    if (k instanceof Unknown) return k;
                    out[k] = this.eval(item.value, env, anon);
                }
                return out;
            }
            case 'for':
                return this.forExpr(e, env);
            case 'unary': {
                const v = this.eval(e.e, env, anon);
                const r = e.op === '!' ? toBool(v, 'operand of !') : toNum(v, 'operand of -');
                if (r instanceof Unknown) return r;
                return typeof r === 'boolean' ? !r : -r;
            }
            case 'binary':
                return this.binary(e.op, e.l, e.r, env, anon);
            case 'cond': {
                const c = toBool(this.eval(e.c, env, anon), 'condition');
                if (c instanceof Unknown) return c;
                return this.eval(c ? e.a : e.b, env, anon);
            }
        }
    }

    traversal(parts: string[], env: ReadonlyMap<string, Value>): Value {
        void env;
        const { value, used } = this.scope.root(parts);
        let v = value;
        for (let i = used; i < parts.length; i++) v = getAttr(v, parts[i]!);
        return v;
    }

    call(e: Extract<Expr, { t: 'call' }>, env: ReadonlyMap<string, Value>, anon?: Value): Value {
        if (e.name === 'try' || e.name === 'can') {
            for (const arg of e.args) {
                try {
                    const v = this.eval(arg, env, anon);
                    if (v instanceof Unknown && e.name === 'try') return v;
                    return e.name === 'can' ? (v instanceof Unknown ? v : true) : v;
                } catch (err) {
                    if (!(err instanceof EvalError)) throw err;
                    if (e.name === 'can') return false;
                }
            }
            if (e.name === 'can') return false;
            throw new EvalError('try: no argument could be evaluated without an error');
        }
        let args = e.args.map(arg => this.eval(arg, env, anon));
        if (e.expand) {
            const last = args.pop()!;
            const spread = elements(last, `last argument of ${e.name}`);
            if (spread instanceof Unknown) return spread;
            args = [...args, ...spread];
        }
        return callFunction(e.name, args);
    }

    template(parts: TemplatePart[], env: ReadonlyMap<string, Value>): Value {
        let out = '';
        // The text and references so far, while every unknown is a reference.
        let pieces: Array<string | Ref> | undefined;
        for (const part of parts) {
            if (part.t === 'text') {
                out += part.text;
                continue;
            }
            if (part.t === 'interp') {
                const v = this.eval(part.e, env);
                if (v instanceof Ref) {
                    (pieces ??= []).push(out, v);
                    out = '';
                    continue;
                }
                const s = toStr(v, 'interpolated value');
                if (s instanceof Unknown) return s;
                out += s;
            } else if (part.t === 'if') {
                const c = toBool(this.eval(part.c, env), 'template condition');
                if (c instanceof Unknown) return c;
                const s = this.template(c ? part.then : part.else, env);
                if (s instanceof Unknown) return s;
                out += s as string;
            } else {
                const coll = this.eval(part.coll, env);
                for (const [k, v] of entries(coll)) {
                    const inner = new Map(env);
                    if (part.keyVar) inner.set(part.keyVar, k);
                    inner.set(part.valVar, v);
                    const s = this.template(part.body, inner);
                    if (s instanceof Unknown) return s;
                    out += s as string;
                }
            }
        }
        if (pieces && pieces.length === 2 && pieces[0] === '' && out === '') return pieces[1]!;
        if (pieces)
            return new Unknown(
                opaque(pieces.find((p): p is Ref => p instanceof Ref)!).why,
                [...pieces, out].filter(p => p !== '')
            );
        return out;
    }

    forExpr(e: Extract<Expr, { t: 'for' }>, env: ReadonlyMap<string, Value>): Value {
        const coll = this.eval(e.coll, env);
        if (isOpaque(coll)) return opaque(coll);
        const list: Value[] = [];
        const obj: Record<string, Value> = {};
        const groups: Record<string, Value[]> = {};
        for (const [k, v] of entries(coll)) {
            const inner = new Map(env);
            if (e.keyVar) inner.set(e.keyVar, k);
            inner.set(e.valVar, v);
            if (e.cond) {
                const c = toBool(this.eval(e.cond, inner), 'for condition');
                if (c instanceof Unknown) return c;
                if (!c) continue;
            }
            const value = this.eval(e.valExpr, inner);
            if (!e.object) {
                list.push(value);
                continue;
            }
            const key = toStr(this.eval(e.keyExpr!, inner), 'for key');
            if (key instanceof Unknown) return key;
            if (e.group) (groups[key] ??= []).push(value);
            else if (key in obj)
                throw new EvalError(`duplicate object key "${key}" in the for expression (add "..." to group values by key)`);
            else obj[key] = value;
        }
        return e.object ? (e.group ? groups : obj) : list;
    }

    binary(op: string, l: Expr, r: Expr, env: ReadonlyMap<string, Value>, anon?: Value): Value {
        if (op === '&&' || op === '||') {
            const a = toBool(this.eval(l, env, anon), `operand of ${op}`);
            if (a instanceof Unknown) return a;
            const b = toBool(this.eval(r, env, anon), `operand of ${op}`);
            if (b instanceof Unknown) return b;
            return op === '&&' ? a && b : a || b;
        }
        const a = this.eval(l, env, anon);
        const b = this.eval(r, env, anon);
        if (op === '==' || op === '!=') {
            const o = firstOpaque([a, b]);
            if (o) return o;
            const same = equal(a, b);
            return op === '==' ? same : !same;
        }
        const x = toNum(a, `operand of ${op}`);
        const y = toNum(b, `operand of ${op}`);
        if (x instanceof Unknown) return x;
        if (y instanceof Unknown) return y;
        switch (op) {
            case '+':
                return x + y;
            case '-':
                return x - y;
            case '*':
                return x * y;
            case '/':
                if (y === 0) throw new EvalError('division by zero');
                return x / y;
            case '%':
                if (y === 0) throw new EvalError('modulo by zero');
                return x % y;
            case '<':
                return x < y;
            case '<=':
                return x <= y;
            case '>':
                return x > y;
            default:
                return x >= y;
        }
    }
}

/** `a.b.c` as `['a', 'b', 'c']` when the chain starts at a name. */
/** Chains by node: a parsed expression is evaluated once per resource instance that uses it. */
const chains = new WeakMap<Expr, string[] | null>();

function rootChain(e: Expr): string[] | undefined {
    let chain = chains.get(e);
    if (chain === undefined) {
        const inner = e.t === 'var' ? [] : e.t === 'attr' ? rootChain(e.obj) : undefined;
        chain = inner ? [...inner, (e as { name: string }).name] : null;
        chains.set(e, chain);
    }
    return chain ?? undefined;
}

/** Key–value pairs of a collection: index and element for lists, key and value for maps. */
export function entries(v: Value): Array<[Value, Value]> {
    if (Array.isArray(v)) return v.map((x, i) => [i, x]);
    if (isObject(v)) return sortedKeys(v).map(k => [k, v[k]!]);
    if (v === null) throw new EvalError('cannot iterate over a null value');
    if (isOpaque(v)) throw new EvalError('cannot iterate over a value known only after apply');
    throw new EvalError(`cannot iterate over a ${typeName(v)}`);
}

export function getAttr(v: Value, name: string): Value {
    if (v instanceof InstanceValue) {
        if (name in v.attrs) return v.attrs[name]!;
        return v.ref(name);
    }
    if (v instanceof Ref) return new Ref(v.address, [...v.path, name], v.instance);
    if (v instanceof Unknown) return v;
    if (isObject(v)) {
        if (!(name in v)) throw new EvalError(`this object has no attribute "${name}"`);
        return v[name]!;
    }
    if (v === null) throw new EvalError(`cannot read "${name}" of a null value`);
    if (Array.isArray(v)) throw new EvalError(`cannot read "${name}" of a list (use [*].${name} or an index)`);
    throw new EvalError(`cannot read "${name}" of a ${typeName(v)}`);
}

export function index(v: Value, key: Value): Value {
    if (isOpaque(key)) return opaque(key);
    if (v instanceof Ref) return new Ref(v.address, [...v.path, String(key)], v.instance);
    if (v instanceof Unknown) return v;
    if (Array.isArray(v)) {
        const i = toNum(key, 'index');
        if (i instanceof Unknown) return i;
        if (!Number.isInteger(i) || i < 0 || i >= v.length) throw new EvalError(`index ${i} is out of range for a list of ${v.length}`);
        return v[i]!;
    }
    if (isObject(v) || v instanceof InstanceValue) return getAttr(v, String(toStr(key, 'key')));
    throw new EvalError(`cannot index a ${typeName(v)}`);
}

/**
 * Terraform's built-in functions that networking configurations use, each as its page on
 * developer.hashicorp.com documents it. An argument known only after apply makes the result
 * unknown (`try` and `can` are evaluated lazily by the evaluator).
 */
import { formatValue } from './format.js';
import { cidrhost, cidrnetmask, cidrsubnet, cidrsubnets } from './ip-functions.js';
import {
    elements,
    equal,
    EvalError,
    firstOpaque,
    fromJson,
    InstanceValue,
    isObject,
    sortedKeys,
    toBool,
    toJson,
    toNum,
    toStr,
    typeName,
    Unknown,
    type Value,
    type ValueObject
} from './values.js';

type Fn = (args: Value[]) => Value;

function str(v: Value, fn: string): string {
    return known(toStr(v, `argument of ${fn}`));
}
function num(v: Value, fn: string): number {
    return known(toNum(v, `argument of ${fn}`));
}
function list(v: Value, fn: string): Value[] {
    return known(elements(v, `argument of ${fn}`));
}
function obj(v: Value, fn: string): ValueObject {
    if (v instanceof InstanceValue) return v.attrs;
    if (!isObject(v)) throw new EvalError(`${fn}: the argument is ${v === null ? 'null' : `a ${typeName(v)}`}, not a map or object`);
    return v;
}

/** Unwraps a converted value; an Unknown escapes as a signal caught by callFunction. */
class UnknownSignal {
    constructor(readonly value: Unknown) {}
}
function known<T>(v: T | Unknown): T {
    if (v instanceof Unknown) throw new UnknownSignal(v);
    return v;
}

function distinct(values: Value[]): Value[] {
    const out: Value[] = [];
    for (const v of values) if (!out.some(o => equal(o, v))) out.push(v);
    return out;
}

function toSet(values: Value[]): Value[] {
    const d = distinct(values);
    return d.every(v => typeof v === 'string') ? (d as string[]).slice().sort() : d;
}

function flatten(values: Value[]): Value[] {
    return values.flatMap(v => (Array.isArray(v) ? flatten(v) : [v]));
}

function rangeOf(args: number[]): number[] {
    const [start, limit, step] = args.length === 1 ? [0, args[0]!, 1] : [args[0]!, args[1]!, args[2] ?? (args[0]! <= args[1]! ? 1 : -1)];
    if (step === 0) throw new EvalError('range: step must not be zero');
    if ((step > 0 && start > limit) || (step < 0 && start < limit)) throw new EvalError('range: the step goes away from the limit');
    const out: number[] = [];
    for (let i = start; step > 0 ? i < limit : i > limit; i += step) {
        out.push(i);
        if (out.length > 1024) throw new EvalError('range: more than 1024 elements');
    }
    return out;
}

function replace(s: string, search: string, replacement: string): string {
    if (search.length > 1 && search.startsWith('/') && search.endsWith('/')) {
        const pattern = new RegExp(search.slice(1, -1), 'g');
        return s.replace(pattern, replacement.replace(/\$\{(\w+)\}/g, '$<$1>'));
    }
    return s.split(search).join(replacement);
}

const FUNCTIONS: Record<string, Fn> = {
    cidrsubnet: ([p, b, n]) => cidrsubnet(str(p!, 'cidrsubnet'), num(b!, 'cidrsubnet'), num(n!, 'cidrsubnet')),
    cidrsubnets: ([p, ...bits]) =>
        cidrsubnets(
            str(p!, 'cidrsubnets'),
            bits.map(b => num(b, 'cidrsubnets'))
        ),
    cidrhost: ([p, n]) => cidrhost(str(p!, 'cidrhost'), num(n!, 'cidrhost')),
    cidrnetmask: ([p]) => cidrnetmask(str(p!, 'cidrnetmask')),
    element: ([l, i]) => {
        const xs = list(l!, 'element');
        const n = num(i!, 'element');
        if (xs.length === 0) throw new EvalError('element: cannot use element function with an empty list');
        if (n < 0) throw new EvalError('element: cannot use a negative index');
        return xs[Math.floor(n) % xs.length]!;
    },
    length: ([v]) => {
        if (typeof v === 'string') return [...v].length;
        if (isObject(v!)) return Object.keys(v).length;
        return list(v!, 'length').length;
    },
    concat: args => args.flatMap(a => list(a, 'concat')),
    flatten: ([l]) => flatten(list(l!, 'flatten')),
    lookup: ([m, k, d]) => {
        const o = obj(m!, 'lookup');
        const key = str(k!, 'lookup');
        if (key in o) return o[key]!;
        if (d === undefined) throw new EvalError(`lookup: the map has no element "${key}" and no default was given`);
        return d;
    },
    merge: args => {
        const out: ValueObject = {};
        for (const a of args) if (a !== null) Object.assign(out, obj(a, 'merge'));
        return out;
    },
    coalesce: args => {
        const o = firstOpaque(args);
        if (o) return o;
        const found = args.find(a => a !== null && a !== '');
        if (found === undefined) throw new EvalError('coalesce: no non-null, non-empty-string arguments');
        return found;
    },
    coalescelist: args => args.find(a => list(a, 'coalescelist').length > 0) ?? [],
    compact: ([l]) => list(l!, 'compact').filter(v => v !== null && v !== ''),
    distinct: ([l]) => distinct(list(l!, 'distinct')),
    format: ([f, ...rest]) => formatValue(str(f!, 'format'), rest),
    formatlist: ([f, ...rest]) => {
        const lists = rest.filter(Array.isArray);
        const n = lists.length ? lists[0]!.length : 1;
        if (lists.some(l => l.length !== n)) throw new EvalError('formatlist: all list arguments must have the same length');
        return Array.from({ length: n }, (_, i) =>
            formatValue(
                str(f!, 'formatlist'),
                rest.map(a => (Array.isArray(a) ? a[i]! : a))
            )
        );
    },
    join: ([sep, ...ls]) =>
        ls
            .flatMap(l => list(l, 'join'))
            .map(v => str(v, 'join'))
            .join(str(sep!, 'join')),
    split: ([sep, s]) => str(s!, 'split').split(str(sep!, 'split')),
    keys: ([m]) => sortedKeys(obj(m!, 'keys')),
    values: ([m]) => {
        const o = obj(m!, 'values');
        return sortedKeys(o).map(k => o[k]!);
    },
    zipmap: ([k, v]) => {
        const ks = list(k!, 'zipmap');
        const vs = list(v!, 'zipmap');
        if (ks.length !== vs.length) throw new EvalError('zipmap: the keys and values lists have different lengths');
        return Object.fromEntries(ks.map((key, i) => [str(key, 'zipmap'), vs[i]!]));
    },
    slice: ([l, s, e]) => {
        const xs = list(l!, 'slice');
        const a = num(s!, 'slice');
        const b = num(e!, 'slice');
        if (a < 0 || b > xs.length || a > b)
            throw new EvalError(`slice: the indexes ${a} to ${b} are out of range for a list of ${xs.length}`);
        return xs.slice(a, b);
    },
    contains: ([l, v]) => list(l!, 'contains').some(x => equal(x, v!)),
    index: ([l, v]) => {
        const i = list(l!, 'index').findIndex(x => equal(x, v!));
        if (i < 0) throw new EvalError('index: the value is not in the list');
        return i;
    },
    range: args => rangeOf(args.map(a => num(a, 'range'))),
    tolist: ([l]) => list(l!, 'tolist'),
    toset: ([l]) => toSet(list(l!, 'toset')),
    tomap: ([m]) => obj(m!, 'tomap'),
    tostring: ([v]) => (v === null ? null : str(v!, 'tostring')),
    tonumber: ([v]) => (v === null ? null : num(v!, 'tonumber')),
    tobool: ([v]) => (v === null ? null : known(toBool(v!, 'argument of tobool'))),
    jsonencode: ([v]) => {
        const o = deep(v!).find(x => x instanceof Unknown);
        if (o) return o;
        return JSON.stringify(toJson(v!));
    },
    jsondecode: ([s]) => {
        try {
            return fromJson(JSON.parse(str(s!, 'jsondecode')));
        } catch (e) {
            if (e instanceof SyntaxError) throw new EvalError('jsondecode: the string is not valid JSON');
            throw e;
        }
    },
    min: args => Math.min(...flatArgs(args, 'min')),
    max: args => Math.max(...flatArgs(args, 'max')),
    sum: ([l]) => {
        const xs = list(l!, 'sum');
        if (!xs.length) throw new EvalError('sum: cannot sum an empty list');
        return xs.reduce<number>((a, x) => a + num(x, 'sum'), 0);
    },
    abs: ([n]) => Math.abs(num(n!, 'abs')),
    ceil: ([n]) => Math.ceil(num(n!, 'ceil')),
    floor: ([n]) => Math.floor(num(n!, 'floor')),
    pow: ([a, b]) => num(a!, 'pow') ** num(b!, 'pow'),
    signum: ([n]) => Math.sign(num(n!, 'signum')),
    parseint: ([s, b]) => {
        const n = parseInt(str(s!, 'parseint'), num(b!, 'parseint'));
        if (Number.isNaN(n)) throw new EvalError('parseint: the string is not a number in that base');
        return n;
    },
    replace: ([s, a, b]) => replace(str(s!, 'replace'), str(a!, 'replace'), str(b!, 'replace')),
    lower: ([s]) => str(s!, 'lower').toLowerCase(),
    upper: ([s]) => str(s!, 'upper').toUpperCase(),
    title: ([s]) => str(s!, 'title').replace(/\b\w/g, c => c.toUpperCase()),
    substr: ([s, o, l]) => {
        const chars = [...str(s!, 'substr')];
        let offset = num(o!, 'substr');
        let length = num(l!, 'substr');
        if (offset < 0) offset = Math.max(0, chars.length + offset);
        if (length < 0) length = chars.length - offset;
        return chars.slice(offset, offset + length).join('');
    },
    trimspace: ([s]) => str(s!, 'trimspace').trim(),
    trim: ([s, cs]) => {
        const set = new Set(str(cs!, 'trim'));
        const c = [...str(s!, 'trim')];
        let a = 0;
        let b = c.length;
        while (a < b && set.has(c[a]!)) a++;
        while (b > a && set.has(c[b - 1]!)) b--;
        return c.slice(a, b).join('');
    },
    trimprefix: ([s, p]) => {
        const x = str(s!, 'trimprefix');
        const y = str(p!, 'trimprefix');
        return x.startsWith(y) ? x.slice(y.length) : x;
    },
    trimsuffix: ([s, p]) => {
        const x = str(s!, 'trimsuffix');
        const y = str(p!, 'trimsuffix');
        return y && x.endsWith(y) ? x.slice(0, -y.length) : x;
    },
    startswith: ([s, p]) => str(s!, 'startswith').startsWith(str(p!, 'startswith')),
    endswith: ([s, p]) => str(s!, 'endswith').endsWith(str(p!, 'endswith')),
    strcontains: ([s, p]) => str(s!, 'strcontains').includes(str(p!, 'strcontains')),
    reverse: ([l]) => list(l!, 'reverse').slice().reverse(),
    sort: ([l]) =>
        list(l!, 'sort')
            .map(v => str(v, 'sort'))
            .sort(),
    one: ([l]) => {
        const xs = list(l!, 'one');
        if (xs.length > 1) throw new EvalError(`one: the collection has ${xs.length} elements; one takes a collection of zero or one`);
        return xs.length ? xs[0]! : null;
    },
    alltrue: ([l]) => list(l!, 'alltrue').every(v => known(toBool(v, 'element of alltrue'))),
    anytrue: ([l]) => list(l!, 'anytrue').some(v => known(toBool(v, 'element of anytrue'))),
    setunion: args => toSet(args.flatMap(a => list(a, 'setunion'))),
    setintersection: ([first, ...rest]) =>
        toSet(list(first!, 'setintersection').filter(v => rest.every(r => list(r, 'setintersection').some(x => equal(x, v))))),
    setsubtract: ([a, b]) => toSet(list(a!, 'setsubtract').filter(v => !list(b!, 'setsubtract').some(x => equal(x, v)))),
    chunklist: ([l, n]) => {
        const xs = list(l!, 'chunklist');
        const size = num(n!, 'chunklist');
        const out: Value[] = [];
        for (let i = 0; i < xs.length; i += size || xs.length || 1) out.push(xs.slice(i, i + (size || xs.length)));
        return out;
    },
    regex: ([p, s]) => {
        const m = new RegExp(str(p!, 'regex')).exec(str(s!, 'regex'));
        if (!m) throw new EvalError('regex: no match');
        return m.length > 1 ? (m.groups ? { ...m.groups } : m.slice(1)) : m[0];
    }
};

/** The leaves of a value, for functions that need every part known. */
function deep(v: Value): Value[] {
    if (Array.isArray(v)) return v.flatMap(deep);
    if (isObject(v)) return Object.values(v).flatMap(deep);
    return [v];
}

function flatArgs(args: Value[], fn: string): number[] {
    if (!args.length) throw new EvalError(`${fn}: at least one argument is required`);
    return args.map(a => num(a, fn));
}

export function isFunction(name: string): boolean {
    return name in FUNCTIONS;
}

export function callFunction(name: string, args: Value[]): Value {
    const fn = FUNCTIONS[name];
    if (!fn) throw new EvalError(`the function ${name}() is not one this import evaluates`);
    // Functions that accept unknowns per element (merge, concat, coalesce…) still cannot look
    // inside an unknown collection.
    const whole = args.find(a => a instanceof Unknown);
    if (whole) return whole;
    try {
        return fn(args);
    } catch (e) {
        if (e instanceof UnknownSignal) return e.value;
        if (e instanceof EvalError && !e.message.startsWith(`${name}:`)) throw new EvalError(`${name}: ${e.message}`);
        throw e;
    }
}

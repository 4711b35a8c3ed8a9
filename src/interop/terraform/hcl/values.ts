/**
 * Values as Terraform has them at plan time. Besides JSON's, two that a plan cannot know:
 * `Unknown` (known only after apply, or not knowable here, with the reason) and `Ref`, an
 * attribute of another resource that AWS assigns (an id, an ARN): kept symbolic so that the
 * mapping can link `vpc_id = aws_vpc.main.id` to the model's VPC. A resource instance is an
 * `InstanceValue` so that reading an attribute its configuration does not set yields a `Ref`.
 */
export class Unknown {
    constructor(
        readonly why: string,
        /**
         * A string template whose only unknowns are references, in pieces (`"111111111111/${var.sg}"`
         * → the text and the Ref): what a reader may still resolve, such as AWS's `ACCOUNT/sg-id`.
         */
        readonly pieces?: ReadonlyArray<string | Ref>
    ) {}
}

export class Ref {
    /** What the reference names, when evaluation made it from the instance itself (not compared or printed). */
    readonly #instance: object | undefined;
    constructor(
        readonly address: string,
        readonly path: readonly string[],
        instance?: object
    ) {
        this.#instance = instance;
    }
    /** The resource instance (instances.ts) the reference was read from: found without a lookup by address. */
    get instance(): object | undefined {
        return this.#instance;
    }
    toString(): string {
        return [this.address, ...this.path].join('.');
    }
}

export class InstanceValue {
    /** One Ref per attribute AWS assigns: a resource's id is read by every resource that points at it. */
    private refs: Map<string, Ref> | undefined = undefined;
    readonly #instance: object | undefined;
    constructor(
        readonly address: string,
        readonly attrs: Record<string, Value>,
        /** The resource instance it is (instances.ts), which its Refs carry. */
        instance?: object
    ) {
        this.#instance = instance;
    }
    /** `address.name`, for an attribute the configuration does not set. */
    ref(name: string): Ref {
        let ref = this.refs?.get(name);
        if (!ref) (this.refs ??= new Map()).set(name, (ref = new Ref(this.address, [name], this.#instance)));
        return ref;
    }
}

export type Value = string | number | boolean | null | Value[] | ValueObject | Unknown | Ref | InstanceValue;
export interface ValueObject {
    [key: string]: Value;
}

/** An error in the configuration's evaluation, in Terraform's terms. */
export class EvalError extends Error {}

export function isObject(v: Value): v is ValueObject {
    return (
        typeof v === 'object' &&
        v !== null &&
        !Array.isArray(v) &&
        !(v instanceof Unknown) &&
        !(v instanceof Ref) &&
        !(v instanceof InstanceValue)
    );
}

export function isOpaque(v: Value): v is Unknown | Ref {
    return v instanceof Unknown || v instanceof Ref;
}

/** The Unknown that an operation on `v` yields when `v` cannot be looked into. */
export function opaque(v: Unknown | Ref): Unknown {
    return v instanceof Unknown ? v : new Unknown(`${v.toString()} is known only after apply`);
}

export function typeName(v: Value): string {
    if (v === null) return 'null';
    if (Array.isArray(v)) return 'list';
    if (v instanceof InstanceValue) return 'object';
    if (isObject(v)) return 'object';
    return typeof v === 'object' ? 'unknown' : typeof v;
}

/** Terraform's automatic conversion to string: numbers and bools convert, other types do not. */
export function toStr(v: Value, what = 'value'): string | Unknown {
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return String(v);
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (v instanceof Unknown || v instanceof Ref) return opaque(v);
    if (v === null) throw new EvalError(`the ${what} is null where a string is required`);
    throw new EvalError(`the ${what} is a ${typeName(v)} where a string is required`);
}

export function toNum(v: Value, what = 'value'): number | Unknown {
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
    if (v instanceof Unknown || v instanceof Ref) return opaque(v);
    throw new EvalError(
        `the ${what} is ${v === null ? 'null' : typeof v === 'string' ? `"${v}"` : `a ${typeName(v)}`} where a number is required`
    );
}

export function toBool(v: Value, what = 'value'): boolean | Unknown {
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    if (v instanceof Unknown || v instanceof Ref) return opaque(v);
    throw new EvalError(`the ${what} is not a bool`);
}

/** The elements of a list, set or tuple, or of an object's values in key order (as Terraform iterates). */
export function elements(v: Value, what = 'value'): Value[] | Unknown {
    if (Array.isArray(v)) return v;
    if (v instanceof Unknown || v instanceof Ref) return opaque(v);
    if (isObject(v)) return sortedKeys(v).map(k => v[k]!);
    throw new EvalError(`the ${what} is ${v === null ? 'null' : `a ${typeName(v)}`} where a collection is required`);
}

/** Map and object keys iterate in lexical order in Terraform. */
export function sortedKeys(o: ValueObject): string[] {
    return Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function firstOpaque(values: Value[]): Unknown | undefined {
    for (const v of values) if (v instanceof Unknown || v instanceof Ref) return opaque(v);
    return undefined;
}

export function equal(a: Value, b: Value): boolean {
    if (a === b) return true;
    if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]!));
    if (isObject(a) && isObject(b)) {
        const ka = Object.keys(a);
        return ka.length === Object.keys(b).length && ka.every(k => k in b && equal(a[k]!, b[k]!));
    }
    if (a instanceof Ref && b instanceof Ref) return a.toString() === b.toString();
    if (a instanceof InstanceValue && b instanceof InstanceValue) return a.address === b.address;
    return false;
}

/**
 * Plain JSON for jsonencode and for output: unknowns are refused by the caller first. A reference
 * becomes `${address.attr}`, so that a policy document naming an endpoint's id still names it.
 */
export function toJson(v: Value): unknown {
    if (v instanceof InstanceValue) return toJson(v.attrs);
    if (v instanceof Ref) return `\${${v.toString()}}`;
    if (Array.isArray(v)) return v.map(toJson);
    if (isObject(v)) return Object.fromEntries(sortedKeys(v).map(k => [k, toJson(v[k]!)]));
    return v;
}

export function fromJson(j: unknown): Value {
    if (Array.isArray(j)) return j.map(fromJson);
    if (j !== null && typeof j === 'object') return Object.fromEntries(Object.entries(j).map(([k, x]) => [k, fromJson(x)]));
    return j as Value;
}

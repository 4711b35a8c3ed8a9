/**
 * Each describe-* item checked against the EC2 API's shapes (`ec2-shapes.ts`, generated from the
 * SDK's model) before it is converted: a value of a type the API never gives (a null, a string
 * where it gives a list) is named at its path, rather than breaking the conversion further on.
 * Members the model does not know (a newer API's, the CLI's own) are passed over.
 */
import { EC2_SHAPES } from './ec2-shapes.js';

/** "s" string, "n" number, "b" boolean, "t" timestamp, "x" anything, a structure's name, or [member type] for a list. */
export type ShapeType = string | [ShapeType];

export interface Ec2Shapes {
    /** The SDK the shapes were taken from, with its version. */
    sdk: string;
    /** The structure of the items under each list key. */
    items: Record<string, string>;
    shapes: Record<string, Record<string, ShapeType>>;
}

const SIMPLE: Record<string, { test: (v: unknown) => boolean; words: string }> = {
    s: { test: v => typeof v === 'string', words: 'a string' },
    n: { test: v => typeof v === 'number', words: 'a number' },
    b: { test: v => typeof v === 'boolean', words: 'true or false' },
    // The CLI writes times as ISO 8601 text; other tools as seconds since 1970.
    t: { test: v => typeof v === 'string' || typeof v === 'number', words: 'a time' },
    x: { test: v => v !== null, words: 'a value' }
};

function what(value: unknown): string {
    if (value === null) return 'null';
    if (Array.isArray(value)) return 'a list';
    if (typeof value === 'object') return 'an object';
    if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
    return String(value);
}

function expected(type: ShapeType): string {
    if (Array.isArray(type)) return 'a list';
    return SIMPLE[type]?.words ?? `an object (${type})`;
}

/** Whether `value` matches `type`: the quick pass over every item, making no strings. */
function fits(value: unknown, type: ShapeType): boolean {
    if (typeof type !== 'string') {
        if (!Array.isArray(value)) return false;
        const member = type[0];
        for (let i = 0; i < value.length; i++) if (!fits(value[i], member)) return false;
        return true;
    }
    switch (type) {
        case 's':
            return typeof value === 'string';
        case 'n':
            return typeof value === 'number';
        case 'b':
            return typeof value === 'boolean';
        case 't':
            return typeof value === 'string' || typeof value === 'number';
        case 'x':
            return value !== null;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const members = EC2_SHAPES.shapes[type];
    if (!members) return true;
    for (const key in value) {
        const memberType = members[key];
        if (memberType !== undefined && !fits((value as Record<string, unknown>)[key], memberType)) return false;
    }
    return true;
}

/** Where `value` first differs from `type`: `[path, message]`, or undefined when it matches (run only on what does not fit). */
function mismatch(value: unknown, type: ShapeType, path: string): [string, string] | undefined {
    if (Array.isArray(type)) {
        if (!Array.isArray(value)) return [path, `${what(value)} where the EC2 API gives ${expected(type)}`];
        const member = type[0];
        for (let i = 0; i < value.length; i++) {
            const found = mismatch(value[i], member, `${path}[${i}]`);
            if (found) return found;
        }
        return undefined;
    }
    const simple = SIMPLE[type];
    if (simple) return simple.test(value) ? undefined : [path, `${what(value)} where the EC2 API gives ${simple.words}`];
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        return [path, `${what(value)} where the EC2 API gives ${expected(type)}`];
    const members = EC2_SHAPES.shapes[type];
    if (!members) return undefined;
    for (const key in value) {
        const memberType = members[key];
        if (memberType === undefined) continue;
        const found = mismatch((value as Record<string, unknown>)[key], memberType, `${path}.${key}`);
        if (found) return found;
    }
    return undefined;
}

/**
 * The first item of a describe-* list (`key`, as the file names it) that the API could not have
 * given, as `PATH: why` (`Vpcs[0].CidrBlockAssociationSet: the string "x" where the EC2 API gives
 * a list`); undefined when all match or the key's items are not EC2's (elbv2's).
 */
export function checkItems(key: string, items: readonly unknown[], shape = EC2_SHAPES.items[key]): string | undefined {
    if (shape === undefined) {
        const at = items.findIndex(item => typeof item !== 'object' || item === null || Array.isArray(item));
        return at < 0 ? undefined : `${key}[${at}]: ${what(items[at])} where the API gives an object`;
    }
    for (let i = 0; i < items.length; i++) {
        if (fits(items[i], shape)) continue;
        const found = mismatch(items[i], shape, `${key}[${i}]`);
        if (found) return `${found[0]}: ${found[1]}`;
    }
    return undefined;
}

/** A describe-vpc-attribute output checked likewise, as `PATH: why`. */
export function checkVpcAttribute(output: unknown): string | undefined {
    const found = mismatch(output, 'DescribeVpcAttributeResult', '');
    return found && `${found[0].replace(/^\./, '')}: ${found[1]}`;
}

/** The SDK whose model the shapes come from, with its version. */
export const SHAPES_SOURCE = EC2_SHAPES.sdk;

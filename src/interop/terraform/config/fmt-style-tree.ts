/**
 * The structure fmt-style.ts reads a file into, and its writing as JSON text in the shape
 * HashiCorp's parser gives through `@cdktn/hcl2json`: blocks grouped by type and labels into
 * lists, every object's keys in sorted order.
 */
import type { RawObject } from './read.js';

export class Refused extends Error {}
const REFUSED = new Refused('outside the plain style');
/** Gives the text up to HashiCorp's parser. */
export const refuse = (): never => {
    throw REFUSED;
};

/** Blocks of one type under a label path, grouped as the parser's conversion groups them. */
export class Labels {
    readonly items = new Map<string, Labels | Blocks>();
}
export class Blocks {
    readonly bodies: Body[] = [];
}
export class Body {
    readonly keys: string[] = [];
    /** Each attribute's value as JSON text. */
    readonly values: string[] = [];
    /** Made with the first nested block: most bodies have none. */
    blocks: Labels | undefined;
}

/** A block of the file's top level. */
export interface Top {
    type: string;
    labels: string[];
    body: Body;
    line: number;
}

/** The order of `keys` sorted (as Go's JSON encoder sorts a map's), or undefined when they are in order. */
export function sortedOrder(keys: string[]): number[] | undefined {
    let inOrder = true;
    for (let i = 1; i < keys.length && inOrder; i++) inOrder = keys[i - 1]! < keys[i]!;
    if (inOrder) return undefined;
    // Insertion sort: most objects have a handful of keys.
    const order: number[] = [0];
    for (let i = 1; i < keys.length; i++) {
        let j = i - 1;
        while (j >= 0 && keys[order[j]!]! > keys[i]!) {
            order[j + 1] = order[j]!;
            j--;
        }
        order[j + 1] = i;
    }
    return order;
}

/**
 * Writes an object's JSON text onto `out`, its keys in sorted order; each value is JSON text or
 * blocks still to write. (The file is read into JSON text parsed at once: JSON.parse builds
 * objects far faster than code setting their keys one by one. Keys hold neither quotes nor
 * backslashes.)
 */
export function writeObject(keys: string[], values: Array<string | Labels | Blocks>, out: string[]): void {
    const order = sortedOrder(keys);
    out.push('{');
    for (let n = 0; n < keys.length; n++) {
        const i = order ? order[n]! : n;
        out.push(n ? ',"' : '"', keys[i]!, '":');
        const value = values[i]!;
        if (typeof value === 'string') out.push(value);
        else writeItem(value, out);
    }
    out.push('}');
}

export function writeItem(item: Labels | Blocks, out: string[]): void {
    if (item instanceof Blocks) {
        out.push('[');
        item.bodies.forEach((body, n) => {
            if (n) out.push(',');
            writeBody(body, out);
        });
        out.push(']');
    } else writeObject([...item.items.keys()], [...item.items.values()], out);
}

/** A body's attributes and blocks; `keep` chooses among its blocks' types. */
export function writeBody(body: Body, out: string[], keep?: (type: string) => boolean): void {
    const { blocks } = body;
    if (!blocks) return writeObject(body.keys, body.values, out);
    const keys: string[] = [...body.keys];
    const values: Array<string | Labels | Blocks> = [...body.values];
    for (const [key, item] of blocks.items) {
        if (keep && !keep(key)) continue;
        keys.push(key);
        values.push(item);
    }
    writeObject(keys, values, out);
}

export function parsed(write: (out: string[]) => void): RawObject {
    const out: string[] = [];
    write(out);
    return JSON.parse(out.join('')) as RawObject;
}

/** Files a block under its type and labels; false when a block of that type and those labels came before. */
export function place(parent: Body, type: string, labels: string[], body: Body): boolean {
    let at = (parent.blocks ??= new Labels());
    let key = type;
    for (const label of labels) {
        let next = at.items.get(key);
        if (next instanceof Blocks) refuse();
        if (!next) at.items.set(key, (next = new Labels()));
        at = next as Labels;
        key = label;
    }
    let blocks = at.items.get(key);
    if (blocks instanceof Labels) refuse();
    if (!blocks) at.items.set(key, (blocks = new Blocks()));
    (blocks as Blocks).bodies.push(body);
    return (blocks as Blocks).bodies.length === 1;
}

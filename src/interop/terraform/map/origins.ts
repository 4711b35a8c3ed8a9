/**
 * Where each model element came from, for the comment above it: kept as the instance that made
 * it, and written as text (`aws_subnet.a[0] (vpc-app.tf:12)`) only when asked for. An import of
 * the 1,000-VPC bench makes some 100,000 elements: their texts are made while printing, where
 * they are short-lived, rather than all at once while mapping, where they outlived it.
 */
import type { ResourceInstance } from '../instances.js';

export class Origins implements ReadonlyMap<string, string> {
    /** Element id → the instance that made it, or the text of an origin outside the import. */
    private readonly by = new Map<string, ResourceInstance | string>();

    /** The first instance to name an element is its origin; associations and rules only join it. */
    claim(elementId: string, i: ResourceInstance): void {
        if (!this.by.has(elementId)) this.by.set(elementId, i);
    }

    set(elementId: string, text: string): void {
        this.by.set(elementId, text);
    }

    /** The instance that made an element, when one of the import did. */
    instance(elementId: string): ResourceInstance | undefined {
        const o = this.by.get(elementId);
        return typeof o === 'object' ? o : undefined;
    }

    get(elementId: string): string | undefined {
        const o = this.by.get(elementId);
        return o === undefined ? undefined : text(o);
    }

    has(elementId: string): boolean {
        return this.by.has(elementId);
    }

    get size(): number {
        return this.by.size;
    }

    *entries(): MapIterator<[string, string]> {
        for (const [id, o] of this.by) yield [id, text(o)];
    }

    keys(): MapIterator<string> {
        return this.by.keys();
    }

    *values(): MapIterator<string> {
        for (const o of this.by.values()) yield text(o);
    }

    forEach(f: (value: string, key: string, map: ReadonlyMap<string, string>) => void, thisArg?: unknown): void {
        for (const [id, o] of this.by) f.call(thisArg, text(o), id, this);
    }

    [Symbol.iterator](): MapIterator<[string, string]> {
        return this.entries();
    }
}

function text(o: ResourceInstance | string): string {
    if (typeof o === 'string') return o;
    return o.sourceLoc ? `${o.address} (${o.sourceLoc.file}:${o.sourceLoc.line})` : o.address;
}

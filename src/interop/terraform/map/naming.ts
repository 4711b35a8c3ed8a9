/**
 * Names of imported elements (LANGUAGE.md §6): the resource name, with a count index or for_each
 * key appended, module names first (`module.vpc.aws_subnet.private[0]` → `vpc-private-0`);
 * characters outside letters, digits, `_` and `-` become `-`; a clash in the same namespace gets
 * `-2`, `-3`… in source order.
 */
import type { ResourceInstance } from '../instances.js';

export function elementName(i: Pick<ResourceInstance, 'name' | 'index' | 'module'>): string {
    const modules = (i.module ?? '').split(/\.?module\./).filter(Boolean).map(m => m.replace(/\[("?)(.*?)\1\]/g, '-$2'));
    const parts = [...modules, i.name, ...(i.index !== undefined ? [String(i.index)] : [])];
    return sanitize(parts.join('-'));
}

/** A valid identifier: letters, digits, `_` and `-`, not ending in `-`. */
export function sanitize(text: string): string {
    let s = text.replace(/[^A-Za-z0-9_-]/g, '-').replace(/-+$/, '');
    if (!/^[A-Za-z_]/.test(s)) s = `r-${s}`;
    return s || 'unnamed';
}

export class Namer {
    private readonly used = new Map<string, Set<string>>();

    unique(namespace: string, name: string): string {
        let taken = this.used.get(namespace);
        if (!taken) this.used.set(namespace, (taken = new Set()));
        let candidate = name;
        for (let n = 2; taken.has(candidate); n++) candidate = `${name}-${n}`;
        taken.add(candidate);
        return candidate;
    }
}

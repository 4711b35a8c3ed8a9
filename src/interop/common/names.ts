/**
 * Names of imported elements (the naming rules of the import contract): characters outside
 * letters, digits, `_` and `-` become `-`, and a name already taken in its namespace gets `-2`,
 * `-3`… in the order names are claimed (callers claim in source order).
 */
import { isModelKind, KINDS } from '../../model/kinds.js';

/**
 * The namespace a name must be unique in, as the kinds registry says: the workspace for accounts,
 * VPCs, peerings and transit gateways; else the kind's own in its VPC, except that what a route
 * target or a flow log's ENI capture may name shares one per VPC.
 */
export function namespaceOf(kind: string, vpcName?: string): string {
    const info = isModelKind(kind) ? KINDS[kind] : undefined;
    if (info?.scope === 'workspace' && info.namespace === 'shared') return 'workspace';
    if (vpcName === undefined) return `workspace:${kind}`;
    return `${vpcName}:${info?.namespace === 'shared' ? 'target' : kind}`;
}

/**
 * A name the language accepts: letters, digits, `_` and `-` (other characters become `-`), starting
 * with a letter or `_` (else `x-` is put in front, as names such as `10-0-0-0` are not identifiers),
 * not ending in `-`.
 */
export function sanitizeName(raw: string): string {
    if (isName(raw)) return raw;
    let name = raw
        .trim()
        .replace(/[^A-Za-z0-9_-]/g, '-')
        .replace(/-+$/, '');
    if (name === '') name = 'unnamed';
    if (!/^[A-Za-z_]/.test(name)) name = `x-${name}`;
    return name;
}

/** Whether `raw` is already such a name, as nearly every name an import hands out is (checked without a regular expression). */
function isName(raw: string): boolean {
    const n = raw.length;
    if (n === 0 || raw.charCodeAt(n - 1) === 45) return false;
    const first = raw.charCodeAt(0);
    if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122) || first === 95)) return false;
    for (let i = 1; i < n; i++) {
        const c = raw.charCodeAt(i);
        if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45)) return false;
    }
    return true;
}

/** Hands out names, unique per namespace. */
export class NameTable {
    private readonly taken = new Map<string, Set<string>>();

    /** The name `raw` becomes in `namespace` (see `namespaceOf`), now taken; `dotted`: each dot-separated part a name. */
    claim(namespace: string, raw: string, dotted = false): string {
        let names = this.taken.get(namespace);
        if (!names) this.taken.set(namespace, (names = new Set()));
        const base = dotted ? raw.split('.').map(sanitizeName).join('.') : sanitizeName(raw);
        let name = base;
        for (let n = 2; names.has(name); n++) name = `${base}-${n}`;
        names.add(name);
        return name;
    }

    /**
     * Shorthand: claim a name for an element of `kind` (in VPC `vpcName` when VPC-scoped). A bucket
     * keeps the dots of its S3 name, which its ARN uses.
     */
    name(kind: string, raw: string, vpcName?: string): string {
        return this.claim(namespaceOf(kind, vpcName), raw, kind === 'bucket');
    }
}

/**
 * A bucket's name as the language writes it: S3's own name, dots kept (a bucket is found by that
 * name, in probes and policies), each dot-separated label made a name the language accepts.
 */
export function bucketName(raw: string): string {
    return raw.split('.').map(sanitizeName).join('.');
}

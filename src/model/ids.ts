/**
 * The one place that writes or reads the shape of an element id. Everything else treats an id
 * as opaque text: it compares ids, looks them up, and asks this module what they are made of.
 *
 * Shapes:
 * - `kind:name` for workspace-scoped elements (`vpc:app`, `peering:app-shared`, `probe:line12`);
 * - `kind:vpc.name` for elements inside a VPC (`subnet:app.web`);
 * - either followed by `#n` when the name is declared more than once (the n-th declaration);
 * - `PARENT/part[/part…]` for the parts of an element (a rule, a route: `route-table:app.rt/0`);
 * - `OWNER@SUBNET-ID` for the ENI an element places in one subnet (an interface endpoint's).
 * Implicit elements AWS creates take names no source can write (`~main`, `~default`).
 */

export interface ParsedId {
    kind: string;
    /** The VPC's name for elements inside a VPC. */
    vpc?: string;
    name: string;
    /** n of a `#n` suffix: the n-th declaration of a clashing name. */
    duplicate?: number;
}

/** `kind:name` or `kind:vpc.name`. */
export function makeId(kind: string, name: string, vpc?: string): string {
    return vpc === undefined ? `${kind}:${name}` : `${kind}:${vpc}.${name}`;
}

/** The id of the n-th declaration (from 2) of a name declared more than once. */
export function duplicateId(id: string, n: number): string {
    return `${id}#${n}`;
}

/** The id without its `#n` suffix. */
export function baseId(id: string): string {
    const hash = id.lastIndexOf('#');
    return hash > id.indexOf(':') && /^\d+$/.test(id.slice(hash + 1)) ? id.slice(0, hash) : id;
}

/**
 * What an element id is made of, or undefined for a part or ENI id and for text that is no id.
 * A VPC-scoped id has a dot after the colon; names hold no dots, so the first dot splits.
 */
export function parseId(id: string): ParsedId | undefined {
    if (id.includes('/') || id.includes('@')) return undefined;
    const colon = id.indexOf(':');
    if (colon <= 0) return undefined;
    const kind = id.slice(0, colon);
    let rest = id.slice(colon + 1);
    let duplicate: number | undefined;
    const hash = rest.lastIndexOf('#');
    if (hash >= 0 && /^\d+$/.test(rest.slice(hash + 1))) {
        duplicate = Number(rest.slice(hash + 1));
        rest = rest.slice(0, hash);
    }
    const dot = kind === 'bucket' ? -1 : rest.indexOf('.');
    const parsed: ParsedId = dot < 0 ? { kind, name: rest } : { kind, vpc: rest.slice(0, dot), name: rest.slice(dot + 1) };
    if (duplicate !== undefined) parsed.duplicate = duplicate;
    return parsed;
}

/** The kind an id names (`subnet` of `subnet:app.web`, also of its parts). */
export function kindOfId(id: string): string {
    return id.slice(0, Math.max(0, id.indexOf(':')));
}

/** `vpc.name` (or `name` for workspace elements), without any `#n`: how messages name an element. */
export function qualifiedNameOfId(id: string): string | undefined {
    const parsed = parseId(id);
    if (!parsed) return undefined;
    return parsed.vpc === undefined ? parsed.name : `${parsed.vpc}.${parsed.name}`;
}

/** The id of the VPC an element id lives in, if it lives in one. */
export function vpcIdOf(id: string): string | undefined {
    const parsed = parseId(id);
    return parsed?.vpc === undefined ? undefined : makeId('vpc', parsed.vpc);
}

/** The id of a part of an element: a rule, a route, a statement. */
export function partId(parent: string, ...parts: Array<string | number>): string {
    // Appended rather than joined from a new array: imports make tens of thousands of rule ids.
    let id = parent;
    for (const part of parts) id += `/${part}`;
    return id;
}

/** The element a part id belongs to. */
export function ownerOfPart(id: string): string {
    const slash = id.indexOf('/');
    return slash < 0 ? id : id.slice(0, slash);
}

/** The id of the ENI an element places in a subnet (an interface endpoint has one per subnet). */
export function eniPlaceId(owner: string, subnetId: string): string {
    return `${owner}@${subnetId}`;
}

/** The owner and subnet of an ENI-place id, or undefined for any other id. */
export function parseEniPlaceId(id: string): { owner: string; subnet: string } | undefined {
    const at = id.indexOf('@');
    return at < 0 ? undefined : { owner: id.slice(0, at), subnet: id.slice(at + 1) };
}

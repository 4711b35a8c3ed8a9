/**
 * The one interface between reading Terraform (configuration, plan or state) and mapping it to
 * the model: resource instances in the shape of `terraform show -json`. Values are plain JSON
 * except `Ref` (an attribute another resource gets at apply, kept symbolic so that links can be
 * resolved to model elements) and `Unknown` (not knowable before apply, with why).
 */
import { isObject, Unknown, type Value } from './hcl/values.js';

export interface ResourceInstance {
    /** `module.vpc.aws_subnet.private[0]`. */
    address: string;
    mode: 'managed' | 'data';
    type: string;
    name: string;
    index?: number | string;
    /** `module.vpc` (or `module.a.module.b`), absent at the root. */
    module?: string;
    values: Record<string, Value>;
    sourceLoc?: { file: string; line: number };
    /** Attribute paths whose values are unknown before apply. */
    unknown: string[];
    /** The root module (folder) of a configuration the instance belongs to; absent in plans and states. */
    root?: RootModule;
}

/**
 * A root module: a folder with its own `provider "aws"` block, so one account and one region.
 * A workspace of several folders (one per account and region, as `vpc-lab export` writes them)
 * prefixes each folder's addresses with `FOLDER/`, as two folders may both have `aws_vpc.app`.
 */
export interface RootModule {
    /** `acme-us-east-1/` in a workspace of several folders, empty for a single one. */
    prefix: string;
    /** The folder as messages name it. */
    folder: string;
    region: string;
    /** The provider's `allowed_account_ids` when it names exactly one account. */
    account?: string;
}

/** Something the reader could not evaluate or follow, reported to the user. */
export interface ReadNote {
    source: string;
    what: string;
    why: string;
    /** `left-out` makes the import incomplete; `unknown` only says a value was not knowable. */
    kind: 'left-out' | 'unknown' | 'stand-in';
}

export interface ReadResult {
    instances: ResourceInstance[];
    notes: ReadNote[];
    region: string;
}

/** `aws_subnet.private`, `aws_subnet.private[0]`, `aws_subnet.private["a"]` with its module prefix. */
export function instanceAddress(module: string | undefined, type: string, name: string, index?: number | string): string {
    const base = `${module ? `${module}.` : ''}${type}.${name}`;
    if (index === undefined) return base;
    return typeof index === 'number' ? `${base}[${index}]` : `${base}[${JSON.stringify(index)}]`;
}

/**
 * The name an instance's element gets before the shared naming rules (LANGUAGE.md §6) clean it
 * and make it unique: the resource name, module names first, a count index or for_each key
 * after (`module.vpc.aws_subnet.private[0]` → `vpc-private-0`).
 */
export function resourceName(i: Pick<ResourceInstance, 'name' | 'index' | 'module'>): string {
    if (i.module === undefined && i.index === undefined) return i.name;
    const modules = (i.module ?? '')
        .split(/\.?module\./)
        .filter(Boolean)
        .map(m => m.replace(/\[("?)(.*?)\1\]/g, '-$2'));
    return [...modules, i.name, ...(i.index !== undefined ? [String(i.index)] : [])].join('-');
}

/** Whether any part of a value is unknown: most resources have none, and need no paths built. */
function hasUnknown(v: Value): boolean {
    if (v instanceof Unknown) return true;
    if (Array.isArray(v)) return v.some(hasUnknown);
    if (isObject(v)) {
        for (const k in v) if (hasUnknown(v[k]!)) return true;
    }
    return false;
}

/** What most instances have: one list for all, frozen so that it stays empty. */
const NONE = Object.freeze([]) as unknown as string[];

/** The paths of a value's unknown parts: what `ResourceInstance.unknown` lists. */
export function unknownPaths(v: Value, path = ''): string[] {
    if (!hasUnknown(v)) return NONE;
    if (v instanceof Unknown) return [path];
    if (Array.isArray(v)) return v.flatMap((x, i) => unknownPaths(x, `${path}[${i}]`));
    if (isObject(v)) return Object.entries(v).flatMap(([k, x]) => unknownPaths(x, path ? `${path}.${k}` : k));
    return [];
}

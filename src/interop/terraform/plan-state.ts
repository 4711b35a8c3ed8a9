/**
 * `terraform show -json` output, as HashiCorp's JSON output format page documents it: a state
 * (`values`) or a plan (`planned_values`, with `resource_changes[].change.after_unknown` marking
 * what is known only after apply). Where a plan does not know an id yet, the link is rebuilt
 * from the `configuration` section's `references` (`aws_vpc.main.id`), so that a subnet still
 * lands in its VPC. `format_version` majors other than 0 and 1 are refused.
 */
import { fromJson, isObject, Ref, Unknown, type Value, type ValueObject } from './hcl/values.js';
import { TerraformInputError } from './errors.js';
import type { ReadNote, ReadResult, ResourceInstance } from './instances.js';

interface JsonResource {
    address?: string;
    mode?: string;
    type?: string;
    name?: string;
    index?: number | string;
    values?: Record<string, unknown>;
}
interface JsonModule {
    address?: string;
    resources?: JsonResource[];
    child_modules?: JsonModule[];
}
interface ConfigResource {
    address?: string;
    type?: string;
    name?: string;
    expressions?: Record<string, unknown>;
}
interface ConfigModule {
    resources?: ConfigResource[];
    module_calls?: Record<string, { module?: ConfigModule }>;
}
interface ShowJson {
    format_version?: string;
    values?: { root_module?: JsonModule };
    planned_values?: { root_module?: JsonModule };
    resource_changes?: Array<{ address?: string; change?: { after_unknown?: unknown } }>;
    configuration?: { root_module?: ConfigModule };
}

export function isShowJson(json: unknown): boolean {
    return isPlain(json) && 'format_version' in json && ('values' in json || 'planned_values' in json || 'terraform_version' in json);
}

function isPlain(v: unknown): v is Record<string, unknown> {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function* resources(module: JsonModule | undefined): Generator<{ r: JsonResource; module?: string }> {
    if (!module) return;
    for (const r of module.resources ?? []) yield { r, ...(module.address ? { module: module.address } : {}) };
    for (const child of module.child_modules ?? []) yield* resources(child);
}

/** The configuration's expressions of a resource, found by its module path and `type.name`. */
function configOf(root: ConfigModule | undefined, module: string | undefined, type: string, name: string): ConfigResource | undefined {
    let m = root;
    for (const call of (module ?? '').split(/\.?module\./).filter(Boolean)) m = m?.module_calls?.[call.replace(/\[.*\]$/, '')]?.module;
    return m?.resources?.find(r => r.type === type && r.name === name);
}

/** `aws_vpc.main.id` → the instance address and attribute path it names. */
function parseReference(ref: string, module: string | undefined): { address: string; path: string[] } | undefined {
    const m = /^([a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*(?:\[[^\]]+\])?)(?:\.(.+))?$/.exec(ref);
    if (!m || /^(var|local|module|data|count|each|path|terraform|self)\./.test(ref)) return undefined;
    return { address: `${module ? `${module}.` : ''}${m[1]}`, path: m[2] ? m[2].split('.') : [] };
}

/**
 * The resource a value is known to come from. `aws_subnet.public[count.index].id` is listed
 * only as `aws_subnet.public`: that reference, without an attribute, names its id.
 */
function pickReference(refs: Array<{ address: string; path: string[] }>): { address: string; path: string[] } | undefined {
    const withPath = refs.find(r => r.path.length > 0);
    if (withPath) return withPath;
    const bare = refs[0];
    return bare ? { address: bare.address, path: ['id'] } : undefined;
}

export function readShowJson(json: unknown, file: string, region: string): ReadResult {
    if (!isShowJson(json)) throw new TerraformInputError(`${file}: not the output of terraform show -json (no format_version)`);
    const show = json as ShowJson;
    const version = String(show.format_version);
    const major = Number(version.split('.')[0]);
    if (!(major === 0 || major === 1))
        throw new TerraformInputError(`${file}: format_version ${version} is not one this import reads (it reads major versions 0 and 1)`);
    const isPlan = show.planned_values !== undefined;
    const root = isPlan ? show.planned_values?.root_module : show.values?.root_module;
    const unknownByAddress = new Map<string, unknown>();
    for (const rc of show.resource_changes ?? []) if (rc.address) unknownByAddress.set(rc.address, rc.change?.after_unknown);
    const notes: ReadNote[] = [];
    const instances: ResourceInstance[] = [];
    const addresses = new Set<string>();
    for (const { r, module } of resources(root)) {
        if (!r.type || !r.name || !r.address) continue;
        addresses.add(r.address);
        const values = fromJson(r.values ?? {}) as ValueObject;
        const unknown: string[] = [];
        const au = unknownByAddress.get(r.address);
        if (isPlan && isPlain(au)) {
            const config = configOf(show.configuration?.root_module, module, r.type, r.name);
            for (const [attr, flag] of Object.entries(au)) {
                relink(values, attr, flag, config?.expressions?.[attr], module, r.index, unknown, instances, addresses);
            }
        }
        instances.push({
            address: r.address,
            mode: r.mode === 'data' ? 'data' : 'managed',
            type: r.type,
            name: r.name,
            ...(r.index !== undefined ? { index: r.index } : {}),
            ...(module ? { module } : {}),
            values,
            unknown
        });
    }
    for (const i of instances) {
        if (i.mode === 'data') continue;
        i.values = deepResolve(i.values, i.index, addresses) as ValueObject;
    }
    return { instances, notes, region };
}

function deepResolve(v: Value, index: number | string | undefined, addresses: Set<string>): Value {
    if (v instanceof Ref) return resolveIndex(v, index, addresses);
    if (Array.isArray(v)) return v.map(x => deepResolve(x, index, addresses));
    if (v !== null && isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deepResolve(x, index, addresses)]));
    return v;
}

/** A reference to `aws_subnet.public` from an instance with count.index names the same index. */
function resolveIndex(ref: Ref, index: number | string | undefined, addresses: Set<string>): Ref {
    if (addresses.has(ref.address) || index === undefined) return ref;
    const indexed = `${ref.address}[${typeof index === 'number' ? index : JSON.stringify(index)}]`;
    return addresses.has(indexed) ? new Ref(indexed, ref.path) : ref;
}

function referencesOf(expr: unknown): string[] {
    return isPlain(expr) && Array.isArray(expr.references) ? expr.references.filter((r): r is string => typeof r === 'string') : [];
}

/** Puts a Ref (from the configuration's references) or an Unknown where a value is known only after apply. */
function relink(
    target: ValueObject | Value[],
    key: string | number,
    flag: unknown,
    expr: unknown,
    module: string | undefined,
    index: number | string | undefined,
    unknown: string[],
    _i: ResourceInstance[],
    _a: Set<string>,
    path = String(key)
): void {
    const set = (v: Value): void => {
        (target as Record<string | number, Value>)[key] = v;
    };
    if (flag === true) {
        const refs = referencesOf(expr)
            .map(r => parseReference(r, module))
            .filter((r): r is { address: string; path: string[] } => r !== undefined);
        const first = pickReference(refs);
        if (first) set(new Ref(first.address, first.path));
        else {
            set(new Unknown(`${path} is known only after apply`));
            unknown.push(path);
        }
        return;
    }
    if (Array.isArray(flag)) {
        const current = (target as Record<string | number, Value>)[key];
        const arr: Value[] = Array.isArray(current) ? current : [];
        // A list of references (`[aws_security_group.web.id]`): the n-th unknown element is the n-th resource named.
        // Each resource is listed with and without its attribute: keep one per resource.
        const all = referencesOf(expr)
            .map(r => parseReference(r, module))
            .filter((r): r is { address: string; path: string[] } => r !== undefined);
        const refs = all
            .filter(r => r.path.length > 0 || !all.some(o => o !== r && o.path.length > 0 && o.address.startsWith(r.address)))
            .map(r => (r.path.length ? r : { ...r, path: ['id'] }));
        flag.forEach((f, n) => {
            if (f === true && refs[n]) arr[n] = new Ref(refs[n].address, refs[n].path);
            else if (f === true) {
                arr[n] = new Unknown(`${path}[${n}] is known only after apply`);
                unknown.push(`${path}[${n}]`);
            } else if (isPlain(f) || Array.isArray(f)) {
                const blockExpr = Array.isArray(expr) ? expr[n] : undefined;
                const element = isObject(arr[n] ?? null) ? (arr[n] as ValueObject) : {};
                if (isPlain(f))
                    for (const [k, g] of Object.entries(f))
                        relink(
                            element,
                            k,
                            g,
                            isPlain(blockExpr) ? blockExpr[k] : undefined,
                            module,
                            index,
                            unknown,
                            _i,
                            _a,
                            `${path}[${n}].${k}`
                        );
                arr[n] = element;
            }
        });
        set(arr);
        return;
    }
    if (isPlain(flag)) {
        const current = (target as Record<string | number, Value>)[key];
        const obj: ValueObject = current !== undefined && current !== null && isObject(current) ? current : {};
        const sub = Array.isArray(expr) ? expr[0] : expr;
        for (const [k, g] of Object.entries(flag))
            relink(obj, k, g, isPlain(sub) ? sub[k] : undefined, module, index, unknown, _i, _a, `${path}.${k}`);
        set(obj);
    }
}

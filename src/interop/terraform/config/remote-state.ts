/**
 * `data "terraform_remote_state"`: the root outputs of another configuration's state, read as
 * Terraform's builtin provider reads them. With the `local` backend the state file is read:
 * `path` (default `terraform.tfstate`) for the default workspace, `WORKSPACE_DIR/NAME/terraform.tfstate`
 * (`workspace_dir` defaults to `terraform.tfstate.d`) for another, relative paths from the root
 * module, where Terraform runs; `defaults` fill what the state lacks. Other backends (s3, remote,
 * gcs…) keep their state where only their credentials reach: not read, their outputs unknown.
 *
 * A root module of the same import that keeps its state there stands in for a state not written
 * yet: its outputs, as `terraform apply` would write them. When the state file exists and such a
 * root wrote it, the ids it holds are those of that root's resources: they are read back as
 * references to them, so that what this import builds from the two folders links up.
 */
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { EvalError, fromJson, isObject, Ref, Unknown, type Value, type ValueObject } from '../hcl/values.js';
import { instanceAddress } from '../instances.js';

/** A root module of this import, as the writer of a state. */
export interface StateWriter {
    /** `network/` in a workspace of several folders. */
    prefix: string;
    /** The folder as messages name it. */
    folder: string;
    /** Its default workspace's state file (absolute), when it keeps its state with the local backend. */
    localPath?: string;
    /** Its backend block otherwise: the type and the literal settings. */
    backend?: { type: string; settings: ValueObject };
    /** Its root outputs as `terraform apply` would write them. */
    outputs(): ValueObject;
}

export interface RemoteStateResult {
    value: ValueObject;
    /** What to report: outputs unknown (why), or stood in for by a root module of this import. */
    note?: { kind: 'unknown' | 'stand-in'; why: string };
}

/** The settings that name one state in a backend: two configurations agreeing on them share it. */
const STATE_KEYS: Record<string, string[]> = {
    s3: ['bucket', 'key'],
    gcs: ['bucket', 'prefix'],
    azurerm: ['storage_account_name', 'container_name', 'key'],
    consul: ['path'],
    http: ['address'],
    remote: ['organization', 'workspaces.name']
};

/** The state file format Terraform 0.12 and later write. */
const STATE_VERSION = 4;

function setting(settings: ValueObject, key: string): Value | undefined {
    let v: Value | undefined = settings;
    for (const part of key.split('.')) {
        // A nested block written as a block (`workspaces { … }`) evaluates to a list of one object.
        if (Array.isArray(v) && v.length === 1) v = v[0];
        v = v !== undefined && isObject(v) ? v[part] : undefined;
    }
    return v;
}

function sameState(type: string, config: ValueObject, writer: StateWriter): boolean {
    const keys = STATE_KEYS[type];
    if (!keys || writer.backend?.type !== type) return false;
    if (typeof setting(config, keys[0]!) !== 'string') return false;
    return keys.every(k => setting(config, k) === setting(writer.backend!.settings, k));
}

/** `(bucket "b", key "k")`: what names the state in messages. */
function named(type: string, config: ValueObject): string {
    const parts = (STATE_KEYS[type] ?? [])
        .map(k => [k, setting(config, k)] as const)
        .filter(([, v]) => typeof v === 'string')
        .map(([k, v]) => `${k} "${String(v)}"`);
    return parts.length ? ` (${parts.join(', ')})` : '';
}

/** An object-valued argument: `config = { … }`, or the block `config { … }` of Terraform 0.11. */
function objectArg(v: Value | undefined, what: string): ValueObject | Unknown {
    if (v === undefined || v === null) return {};
    if (Array.isArray(v) && v.length === 1) v = v[0]!;
    if (v instanceof Unknown || v instanceof Ref) return new Unknown(`its ${what} is known only after apply`);
    if (!isObject(v)) throw new EvalError(`${what} must be given in an object value`);
    return v;
}

/** The state's ids of managed resources → their addresses. */
function resourceIds(state: Record<string, unknown>): Map<string, string> {
    const ids = new Map<string, string>();
    for (const r of Array.isArray(state.resources) ? (state.resources as Array<Record<string, unknown>>) : []) {
        if (r.mode !== 'managed' || typeof r.type !== 'string' || typeof r.name !== 'string') continue;
        const module = typeof r.module === 'string' ? r.module : undefined;
        for (const i of Array.isArray(r.instances) ? (r.instances as Array<Record<string, unknown>>) : []) {
            const id = (i.attributes as Record<string, unknown> | undefined)?.id;
            const key = typeof i.index_key === 'number' || typeof i.index_key === 'string' ? i.index_key : undefined;
            if (typeof id === 'string' && id !== '') ids.set(id, instanceAddress(module, r.type, r.name, key));
        }
    }
    return ids;
}

/** Ids of the writer's resources as references to them (`vpc-0a1b…` → `network/aws_vpc.main.id`). */
function relinked(v: Value, ids: Map<string, string>, prefix: string): Value {
    if (typeof v === 'string') {
        const address = ids.get(v);
        return address === undefined ? v : new Ref(prefix + address, ['id']);
    }
    if (Array.isArray(v)) return v.map(x => relinked(x, ids, prefix));
    if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, relinked(x, ids, prefix)]));
    return v;
}

/** The state file's root outputs; EvalError for a state this import cannot read. */
function stateOutputs(text: string, display: string, writer: StateWriter | undefined): ValueObject | string {
    let state: unknown;
    try {
        state = JSON.parse(text);
    } catch {
        return `${display} is not a Terraform state (not valid JSON)`;
    }
    if (typeof state !== 'object' || state === null || Array.isArray(state) || typeof (state as { version?: unknown }).version !== 'number')
        return `${display} is not a Terraform state (it has no version)`;
    const s = state as Record<string, unknown>;
    if (s.version !== STATE_VERSION)
        throw new EvalError(
            `${display}: state version ${String(s.version)} is not one this import reads (it reads version ${STATE_VERSION}, which Terraform 0.12 and later write)`
        );
    const outputs: ValueObject = {};
    const written = isObject(s.outputs as Value) ? (s.outputs as Record<string, { value?: unknown }>) : {};
    for (const [name, o] of Object.entries(written)) outputs[name] = fromJson(o?.value ?? null);
    return writer ? (relinked(outputs, resourceIds(s), writer.prefix) as ValueObject) : outputs;
}

/**
 * The data source's value from its evaluated arguments. `rootDir` is the root module's folder;
 * `cwd` only names files in messages.
 */
export function remoteStateValue(args: ValueObject, rootDir: string, cwd: string, writers: readonly StateWriter[]): RemoteStateResult {
    const unknown = (why: string): RemoteStateResult => ({ value: { ...args, outputs: new Unknown(why) }, note: { kind: 'unknown', why } });
    const backend = args.backend === '_local' ? 'local' : args.backend;
    const config = objectArg(args.config, 'config');
    const defaults = objectArg(args.defaults, 'defaults');
    const workspace = args.workspace ?? 'default';
    if (typeof backend !== 'string') return unknown('its backend is not a known string');
    if (config instanceof Unknown) return unknown(config.why);
    if (typeof workspace !== 'string') return unknown('its workspace is not a known string');
    const withDefaults = (outputs: ValueObject): ValueObject => ({ ...(defaults instanceof Unknown ? {} : defaults), ...outputs });
    const standIn = (writer: StateWriter, why: string): RemoteStateResult => ({
        value: { ...args, outputs: withDefaults(writer.outputs()) },
        note: { kind: 'stand-in', why }
    });
    if (backend !== 'local') {
        const writer = workspace === 'default' ? writers.find(w => sameState(backend, config, w)) : undefined;
        if (writer)
            return standIn(
                writer,
                `the ${backend} backend is not read: its outputs are those the configuration in ${writer.folder}, whose backend names the same state, would write at apply`
            );
        return unknown(
            `the ${backend} backend's state${named(backend, config)} is not read here, so its outputs are unknown: import the configuration that writes it together with this one, or save that state with terraform state pull and point a local backend at the file`
        );
    }
    const path = workspace === 'default' ? (config.path ?? 'terraform.tfstate') : (config.workspace_dir ?? 'terraform.tfstate.d');
    if (typeof path !== 'string') return unknown('its path is not a known string');
    // `path` is the default workspace's alone; another workspace's state is in its own folder.
    const abs = resolve(rootDir, workspace === 'default' ? path : join(path, workspace, 'terraform.tfstate'));
    const display = relative(cwd, abs) || abs;
    const writer = workspace === 'default' ? writers.find(w => w.localPath === abs) : undefined;
    let text: string;
    try {
        text = readFileSync(abs, 'utf8');
    } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT' && code !== 'ENOTDIR') return unknown(`the state ${display} cannot be read${code ? ` (${code})` : ''}`);
        if (writer)
            return standIn(
                writer,
                `no state at ${display} yet: its outputs are those the configuration in ${writer.folder} would write at apply`
            );
        return unknown(
            `no state at ${display}, so its outputs are unknown (Terraform stops there): apply the configuration that writes it first, or import that configuration together with this one`
        );
    }
    const outputs = stateOutputs(text, display, writer);
    if (typeof outputs === 'string') return unknown(`${outputs}, so its outputs are unknown`);
    return { value: { ...args, outputs: withDefaults(outputs) } };
}

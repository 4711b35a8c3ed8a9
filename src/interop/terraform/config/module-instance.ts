/**
 * One module instance under evaluation: its variables, locals, resources (expanded by `count`
 * and `for_each`), data sources and child modules, each evaluated on first reference and
 * remembered. A reference back to something still being evaluated is a cycle, as in Terraform.
 */
import { relative, resolve, sep } from 'node:path';
import type { Scope } from '../hcl/evaluate.js';
import { EvalError, InstanceValue, Unknown, type Value, type ValueObject } from '../hcl/values.js';
import { MissingVariableError, TerraformInputError } from '../errors.js';
import { instanceAddress, unknownPaths, type ReadNote, type ResourceInstance, type RootModule } from '../instances.js';
import { evalBody, evalRaw, NO_ENV } from './body.js';
import { dataSourceValue } from './data-sources.js';
import { type StandIns, withDerived } from './derived.js';
import { type Bindings, expand, NO_BINDINGS } from './expand.js';
import type { ModuleTree } from './module-tree.js';
import type { Block } from './read.js';
import { blockIndex, type BlockIndex } from './block-index.js';
import { remoteStateValue, type StateWriter } from './remote-state.js';

const RESOURCE_META = new Set(['count', 'for_each', 'depends_on', 'lifecycle', 'provider', 'provisioner', 'connection']);
const MODULE_META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

export interface Shared extends StandIns {
    notes: ReadNote[];
    /** What is under evaluation, innermost last: keys within their module instances, `owners` beside. */
    stack: string[];
    owners: ModuleInstance[];
    /** The root modules of the import, as writers of the states `terraform_remote_state` reads. */
    writers?: StateWriter[];
    /** The folder messages name files from. */
    cwd?: string;
}

function incomplete(parts: string[]): EvalError {
    return new EvalError(`"${parts.join('.')}" is not a complete reference`);
}

export class ModuleInstance {
    private readonly cache = new Map<string, Value>();
    /** Resource values by block ordinal, ahead of `cache`: references to resources are most lookups. */
    private readonly resourceValues: Array<Value | undefined>;
    /** By the blocks' ordinals too, as the values. */
    private readonly instances: Array<ResourceInstance[] | undefined>;
    private readonly children = new Map<Block, Array<{ key?: number | string; module?: ModuleInstance }>>();
    /** The module's blocks by type and name: references are looked up once per evaluation, so not by scanning. */
    private readonly blocks: BlockIndex;
    /** The scope of everything outside count and for_each: one for all. */
    private plainScope: Scope | undefined = undefined;

    constructor(
        readonly shared: Shared,
        readonly tree: ModuleTree,
        /** `module.vpc` or `module.vpc["a"]`, empty at the root. */
        readonly path: string,
        readonly input: (name: string) => Value | undefined,
        /** The root module this instance belongs to (one per folder of a workspace). */
        readonly rootModule: RootModule,
        /** Its folder: Terraform runs there, so relative paths start there. */
        readonly rootDir: string = tree.config.dir
    ) {
        this.blocks = blockIndex(tree);
        this.resourceValues = new Array<Value | undefined>(tree.config.resources.length).fill(undefined);
        this.instances = new Array<ResourceInstance[] | undefined>(tree.config.resources.length).fill(undefined);
    }

    /** Every resource instance of this module and its children, in declaration order. */
    collect(): ResourceInstance[] {
        const out: ResourceInstance[] = [];
        for (const block of this.tree.config.resources) {
            this.resource(block);
            for (const instance of this.instances[block.ordinal]!) out.push(instance);
        }
        for (const block of this.tree.config.data) this.data(block);
        for (const block of this.tree.config.modules)
            for (const child of this.moduleInstances(block)) if (child.module) out.push(...child.module.collect());
        return out;
    }

    private where(block: { file: string; line: number }): string {
        return `${block.file}:${block.line}`;
    }

    /** A key as messages name it: with the root's folder and the module's path. */
    private fullName(key: string): string {
        return `${this.rootModule.prefix}${this.path ? `${this.path}.` : ''}${key}`;
    }

    /**
     * `at` is where the value is declared, as a function: it is only needed for a message.
     * `remember`: off for what the caller keeps itself (resources, by block).
     */
    private guard(key: string, at: () => string, compute: () => Value, remember = true): Value {
        // Keyed within this instance: its root and path are the same for every key.
        const hit = remember ? this.cache.get(key) : undefined;
        if (hit !== undefined) return hit;
        const { stack, owners } = this.shared;
        for (let i = 0; i < stack.length; i++) {
            if (stack[i] !== key || owners[i] !== this) continue;
            const names = stack.slice(i).map((k, j) => owners[i + j]!.fullName(k));
            throw new TerraformInputError(`${at()}: reference cycle: ${[...names, this.fullName(key)].join(' → ')}`);
        }
        stack.push(key);
        owners.push(this);
        try {
            const value = compute();
            if (remember) this.cache.set(key, value);
            return value;
        } catch (e) {
            if (e instanceof EvalError) throw new TerraformInputError(`${at()}: ${this.fullName(key)}: ${e.message}`);
            throw e;
        } finally {
            stack.pop();
            owners.pop();
        }
    }

    scope(bindings: Bindings = NO_BINDINGS): Scope {
        if (bindings === NO_BINDINGS) return (this.plainScope ??= { root: parts => this.root(parts, NO_BINDINGS) });
        return { root: parts => this.root(parts, bindings) };
    }

    private root(parts: string[], b: Bindings): { value: Value; used: number } {
        const [head, second, third] = parts;
        // `count` and `terraform` read as whole values; `each` says first that it is out of place.
        if (parts.length < 2 && head !== 'count' && head !== 'terraform' && head !== 'each') throw incomplete(parts);
        switch (head) {
            case 'var':
                return { value: this.variable(second!), used: 2 };
            case 'local':
                return { value: this.local(second!), used: 2 };
            case 'count':
                if (b.count === undefined) throw new EvalError('count.index is used where count is not set');
                return { value: b.count, used: 2 };
            case 'each':
                if (!b.each) throw new EvalError('each is used where for_each is not set');
                if (parts.length < 2) throw incomplete(parts);
                if (second !== 'key' && second !== 'value') throw new EvalError('each has only key and value');
                return { value: b.each[second], used: 2 };
            case 'path': {
                // As Terraform has them, running in the root module's folder.
                if (second === 'module')
                    return { value: relative(this.rootDir, this.tree.config.dir).split(sep).join('/') || '.', used: 2 };
                if (second === 'root') return { value: '.', used: 2 };
                if (second === 'cwd') return { value: resolve(this.rootDir).split(sep).join('/'), used: 2 };
                throw new EvalError(`path has only module, root and cwd`);
            }
            case 'terraform':
                return { value: 'default', used: 2 };
            case 'data': {
                if (parts.length < 3) throw incomplete(parts);
                const block = this.blocks.data(second!, third!);
                if (!block) throw new EvalError(`no data source data.${second}.${third} is declared`);
                return { value: this.data(block), used: 3 };
            }
            case 'module': {
                const block = this.blocks.module(second!);
                if (!block) throw new EvalError(`no module "${second}" is called`);
                return { value: this.moduleValue(block), used: 2 };
            }
            default: {
                const block = this.blocks.resource(head!, second!);
                if (!block) throw new EvalError(`no resource ${head}.${second} is declared (or "${head}" is not a name Terraform knows)`);
                return { value: this.resource(block), used: 2 };
            }
        }
    }

    variable(name: string): Value {
        const block = this.tree.config.variables.get(name);
        if (!block) throw new EvalError(`no variable "${name}" is declared`);
        return this.guard(
            `var.${name}`,
            () => this.where(block),
            () => {
                const given = this.input(name);
                if (given !== undefined) return given;
                if ('default' in block.body) return evalRaw(block.body.default!, this.scope(), NO_ENV);
                const how = this.path
                    ? `set it in the module block of ${this.path}`
                    : `pass it with --var ${name}=VALUE, in a --var-file, or in terraform.tfvars`;
                const message = `${this.where(block)}: the variable "${name}" has no value and no default: ${how}`;
                throw this.path ? new TerraformInputError(message) : new MissingVariableError(message, name);
            }
        );
    }

    local(name: string): Value {
        const local = this.tree.config.locals.get(name);
        if (!local) throw new EvalError(`no local value "${name}" is declared`);
        return this.guard(
            `local.${name}`,
            () => local.file,
            () => evalRaw(local.raw, this.scope(), NO_ENV)
        );
    }

    resource(block: Block): Value {
        // Every reference to a resource comes here: a value already made is returned before any key is built.
        const made = this.resourceValues[block.ordinal];
        if (made !== undefined) return made;
        const label = `${block.type}.${block.name}`;
        const value = this.guard(
            label,
            () => this.where(block),
            () => this.instancesOf(block, label),
            false
        );
        this.resourceValues[block.ordinal] = value;
        return value;
    }

    /** A resource's value: its one instance, or a list (count) or object (for_each) of them. */
    private instancesOf(block: Block, label: string): Value {
        const list: ResourceInstance[] = [];
        this.instances[block.ordinal] = list;
        const body = block.body;
        if (!('count' in body) && !('for_each' in body)) return this.instance(block, undefined, NO_BINDINGS, list);
        const keys = expand(block.body, label, this.scope());
        if (keys instanceof Unknown) {
            this.shared.notes.push({
                source: this.where(block),
                what: `${this.path ? `${this.path}.` : ''}${label}`,
                why: `${keys.why}; its instances cannot be counted before apply`,
                kind: 'left-out'
            });
            return keys;
        }
        if ('count' in body) return keys.map(({ key, bindings }) => this.instance(block, key, bindings, list));
        const byKey: ValueObject = {};
        for (const { key, bindings } of keys) byKey[String(key)] = this.instance(block, key, bindings, list);
        return byKey;
    }

    /** One instance of a resource, added to `list`. */
    private instance(block: Block, key: number | string | undefined, bindings: Bindings, list: ResourceInstance[]): InstanceValue {
        const address = this.rootModule.prefix + instanceAddress(this.path || undefined, block.type, block.name, key);
        const attrs = withDerived(
            block.type,
            evalBody(block.body, this.scope(bindings), NO_ENV, RESOURCE_META),
            address,
            () => this.where(block),
            this.shared
        );
        const unknown = unknownPaths(attrs);
        // The block has the file and line: one object less per instance.
        const instance: ResourceInstance =
            key === undefined && !this.path
                ? {
                      address,
                      mode: 'managed',
                      type: block.type,
                      name: block.name,
                      values: attrs,
                      root: this.rootModule,
                      sourceLoc: block,
                      unknown
                  }
                : {
                      address,
                      mode: 'managed',
                      type: block.type,
                      name: block.name,
                      ...(key !== undefined ? { index: key } : {}),
                      ...(this.path ? { module: this.path } : {}),
                      values: attrs,
                      root: this.rootModule,
                      sourceLoc: block,
                      unknown
                  };
        list.push(instance);
        return new InstanceValue(address, attrs, instance);
    }

    data(block: Block): Value {
        const label = `data.${block.type}.${block.name}`;
        return this.guard(
            label,
            () => this.where(block),
            () => {
                const attrs = evalBody(block.body, this.scope(), NO_ENV, RESOURCE_META);
                if (block.type === 'terraform_remote_state') {
                    const { value, note } = remoteStateValue(
                        attrs,
                        this.rootDir,
                        this.shared.cwd ?? process.cwd(),
                        this.shared.writers ?? []
                    );
                    if (note)
                        this.shared.notes.push({ source: this.where(block), what: `${this.path ? `${this.path}.` : ''}${label}`, ...note });
                    return value;
                }
                const known = dataSourceValue(block.type, attrs, this.rootModule.region);
                if (known) return known;
                this.shared.notes.push({
                    source: this.where(block),
                    what: `${this.path ? `${this.path}.` : ''}${label}`,
                    why: 'a data source read from the AWS account at plan time; its values are unknown here',
                    kind: 'unknown'
                });
                return new Unknown(`${label} is read from the AWS account`);
            }
        );
    }

    private moduleInstances(block: Block): Array<{ key?: number | string; module?: ModuleInstance }> {
        const done = this.children.get(block);
        if (done) return done;
        const child = this.tree.children.get(block.name);
        const base = `${this.path ? `${this.path}.` : ''}module.${block.name}`;
        if (!child || 'unavailable' in child) {
            this.shared.notes.push({
                source: this.where(block),
                what: base,
                why: child ? child.unavailable : 'not found',
                kind: 'left-out'
            });
            this.children.set(block, []);
            return [];
        }
        const keys = expand(block.body, base, this.scope());
        if (keys instanceof Unknown) {
            this.shared.notes.push({
                source: this.where(block),
                what: base,
                why: `${keys.why}; its instances cannot be counted before apply`,
                kind: 'left-out'
            });
            this.children.set(block, []);
            return [];
        }
        const made = keys.map(({ key, bindings }) => {
            const path = key === undefined ? base : `${base}[${typeof key === 'number' ? key : JSON.stringify(key)}]`;
            const inputs = new Map<string, Value>();
            const module: ModuleInstance = new ModuleInstance(
                this.shared,
                child,
                path,
                name => {
                    if (!(name in block.body) || MODULE_META.has(name)) return undefined;
                    if (!inputs.has(name))
                        inputs.set(
                            name,
                            this.guard(
                                `${path}.input.${name}`,
                                () => this.where(block),
                                () => evalRaw(block.body[name]!, this.scope(bindings), NO_ENV)
                            )
                        );
                    return inputs.get(name);
                },
                this.rootModule,
                this.rootDir
            );
            return { ...(key !== undefined ? { key } : {}), module };
        });
        this.children.set(block, made);
        return made;
    }

    /** `module.NAME`: its outputs, read lazily so that one output may depend on another module's. */
    private moduleValue(block: Block): Value {
        const made = this.moduleInstances(block);
        if (made.length === 0 && !('count' in block.body) && !('for_each' in block.body))
            return new Unknown(`module.${block.name} is not available`);
        const outputs = made.map(m => m.module!.outputsObject());
        if ('count' in block.body) return outputs;
        if ('for_each' in block.body) return Object.fromEntries(made.map((m, i) => [String(m.key), outputs[i]!]));
        return outputs[0]!;
    }

    outputsObject(): ValueObject {
        const names = [...this.tree.config.outputs.keys()];
        const target: ValueObject = {};
        return new Proxy(target, {
            has: (_t, p) => typeof p === 'string' && names.includes(p),
            ownKeys: () => names,
            getOwnPropertyDescriptor: (_t, p) =>
                typeof p === 'string' && names.includes(p) ? { enumerable: true, configurable: true, value: this.output(p) } : undefined,
            get: (_t, p) => (typeof p === 'string' && names.includes(p) ? this.output(p) : undefined)
        });
    }

    output(name: string): Value {
        const block = this.tree.config.outputs.get(name)!;
        return this.guard(
            `output.${name}`,
            () => this.where(block),
            () => evalRaw(block.body.value ?? null, this.scope(), NO_ENV)
        );
    }
}

/**
 * Evaluates Terraform root modules into resource instances: one folder, or a workspace of
 * several (one per account and region, as `vpc-lab export --format terraform` writes them). In a
 * workspace, a root variable with no value and no default that another folder outputs under the
 * same name takes that output, as the one who applies the folders in order passes it along
 * (`vpc-lab export` describes such a variable as "The output NAME of the configuration in FOLDER").
 */
import { basename, relative, resolve } from 'node:path';
import { EvalError, type Value, type ValueObject } from '../hcl/values.js';
import { TerraformInputError } from '../errors.js';
import type { ReadResult, RootModule } from '../instances.js';
import { evalBody, evalRaw } from './body.js';
import { ModuleInstance, type Shared } from './module-instance.js';
import { readModuleTree, type ModuleTree } from './module-tree.js';
import type { RawObject } from './read.js';
import type { StateWriter } from './remote-state.js';
import { rootValues, splitVar, type VariableSources } from './root-values.js';

export interface ConfigurationOptions extends VariableSources {
    /**
     * --region. One folder: it overrides the `provider "aws"` region. Several: it is the region of
     * the folders whose provider names none. Else us-east-1.
     */
    region?: string;
    cwd?: string;
    /** The module tree when it was read already (the bench times parsing apart from evaluation). */
    tree?: ModuleTree;
}

export const DEFAULT_REGION = 'us-east-1';

/** What the exporter writes as the description of a variable another folder's output fills. */
const LINKED = /^The output (\S+) of the configuration in (\S+)$/;

export async function readConfiguration(dir: string, options: ConfigurationOptions): Promise<ReadResult> {
    return readWorkspace([{ dir, ...(options.tree ? { tree: options.tree } : {}) }], options);
}

interface Root {
    dir: string;
    tree: ModuleTree;
    module: ModuleInstance;
    info: RootModule;
    values: Map<string, Value>;
}

/** Folder names as prefixes: unique, so that the same address in two folders stays two. */
function prefixes(dirs: string[]): string[] {
    if (dirs.length === 1) return [''];
    const taken = new Set<string>();
    return dirs.map(dir => {
        let name = basename(dir);
        for (let n = 2; taken.has(name); n++) name = `${basename(dir)}-${n}`;
        taken.add(name);
        return `${name}/`;
    });
}

export async function readWorkspace(
    folders: Array<{ dir: string; tree?: ModuleTree }>,
    options: ConfigurationOptions
): Promise<ReadResult> {
    const cwd = options.cwd ?? process.cwd();
    const trees = await Promise.all(folders.map(f => f.tree ?? readModuleTree(f.dir, cwd)));
    for (const pair of options.vars ?? []) {
        const { name } = splitVar(pair);
        if (!trees.some(t => t.config.variables.has(name)))
            throw new TerraformInputError(
                folders.length === 1
                    ? `--var ${name}: the configuration declares no variable "${name}"`
                    : `--var ${name}: none of the ${folders.length} folders declares a variable "${name}"`
            );
    }
    const shared: Shared = { notes: [], stack: [], owners: [], next: 0, cwd, writers: [] };
    const names = prefixes(folders.map(f => f.dir));
    const roots: Root[] = [];
    for (const [n, folder] of folders.entries()) {
        const tree = trees[n]!;
        const values = await rootValues(folder.dir, tree.config.variables, options, cwd);
        const info: RootModule = { prefix: names[n]!, folder: tree.config.dir, region: options.region ?? DEFAULT_REGION };
        const root: Root = { dir: folder.dir, tree, values, info, module: undefined as unknown as ModuleInstance };
        root.module = new ModuleInstance(shared, tree, '', name => values.get(name) ?? linked(roots, root, name), info);
        roots.push(root);
    }
    // Before any evaluation: a provider block may read another root's state too.
    shared.writers = roots.map(root => stateWriter(root, cwd));
    for (const root of roots) settle(root, roots.length === 1 ? options.region : undefined);
    // Terraform asks for every root variable without a default before it plans anything.
    for (const root of roots) for (const name of root.tree.config.variables.keys()) root.module.variable(name);
    const instances = roots.flatMap(r => r.module.collect());
    return { instances, notes: shared.notes, region: roots[0]?.info.region ?? options.region ?? DEFAULT_REGION };
}

/** The root's region and account from its `provider "aws"` block (`forced`: --region over one folder). */
function settle(root: Root, forced: string | undefined): void {
    const config = root.tree.config;
    if (forced === undefined && config.providerRegion !== undefined) {
        const region = evalRaw(config.providerRegion, root.module.scope(), new Map());
        if (typeof region === 'string') root.info.region = region;
    }
    if (config.providerAccounts !== undefined) {
        const accounts = evalRaw(config.providerAccounts, root.module.scope(), new Map());
        if (Array.isArray(accounts) && accounts.length === 1 && typeof accounts[0] === 'string' && /^\d{12}$/.test(accounts[0]))
            root.info.account = accounts[0];
    }
}

/** A root as the writer of its state, for the other roots' `terraform_remote_state`. */
function stateWriter(root: Root, cwd: string): StateWriter {
    const { backend, data, outputs } = root.tree.config;
    const settings = backend ? literal(backend.body) : {};
    const local = !backend || backend.type === 'local';
    const path = local && typeof settings.path === 'string' ? settings.path : 'terraform.tfstate';
    return {
        prefix: root.info.prefix,
        folder: relative(cwd, root.dir) || '.',
        ...(local ? { localPath: resolve(root.dir, path) } : { backend: { type: backend.type, settings } }),
        outputs: () => {
            // What it reads of other states first: two folders reading each other's state cannot be applied in any order.
            for (const block of data) if (block.type === 'terraform_remote_state') root.module.data(block);
            return Object.fromEntries([...outputs.keys()].map(name => [name, root.module.output(name)]));
        }
    };
}

/** A backend block's settings: literals, as Terraform requires there. */
function literal(body: RawObject): ValueObject {
    try {
        return evalBody(body, NO_REFERENCES, new Map());
    } catch {
        return {};
    }
}

const NO_REFERENCES = {
    root: (): never => {
        throw new EvalError('a backend block cannot refer to anything');
    }
};

/** The output of another folder that fills a variable of this one without value or default. */
function linked(roots: readonly Root[], root: Root, name: string): Value | undefined {
    if (roots.length === 1) return undefined;
    const block = root.tree.config.variables.get(name);
    if (!block || 'default' in block.body) return undefined;
    const described = typeof block.body.description === 'string' ? LINKED.exec(block.body.description) : null;
    const others = roots.filter(r => r !== root && r.tree.config.outputs.has(name));
    const from =
        (described && described[1] === name ? others.find(r => basename(r.dir) === described[2]) : undefined) ??
        (others.length === 1 ? others[0] : undefined);
    return from?.module.output(name);
}

/**
 * Evaluates a Terraform configuration directory into resource instances. Root variables take
 * their values as HashiCorp documents, later sources overriding earlier ones: TF_VAR_ environment
 * variables, terraform.tfvars, terraform.tfvars.json, *.auto.tfvars(.json) in lexical order,
 * then --var-file files, then --var options (Terraform orders the last two as given on the
 * command line; here files come before single values).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { evaluate } from '../hcl/evaluate.js';
import { parseExpression } from '../hcl/parse-expression.js';
import { EvalError, fromJson, type Value } from '../hcl/values.js';
import { TerraformInputError } from '../errors.js';
import type { ReadResult } from '../instances.js';
import { evalRaw } from './body.js';
import { ModuleInstance, type Shared } from './module-instance.js';
import { readModuleTree, type ModuleTree } from './module-tree.js';
import { parseHclFile, type Block } from './read.js';

export interface ConfigurationOptions {
    /** --region; else the root module's `provider "aws"` region; else us-east-1. */
    region?: string;
    /** `K=V` as given on the command line. */
    vars?: string[];
    varFiles?: string[];
    env?: Record<string, string | undefined>;
    cwd?: string;
    /** The module tree when it was read already (the bench times parsing apart from evaluation). */
    tree?: ModuleTree;
}

export const DEFAULT_REGION = 'us-east-1';

const noReferences = {
    root: (parts: string[]): never => {
        throw new EvalError(`a variables file cannot refer to ${parts.join('.')}`);
    }
};

/** A value given as text (--var, TF_VAR_): a string for string variables, else an HCL expression. */
function fromText(text: string, variable: Block | undefined, source: string): Value {
    const type = typeof variable?.body.type === 'string' ? variable.body.type.replace(/^\$\{(.*)\}$/, '$1').trim() : undefined;
    if (type === undefined || type === 'string') return text;
    try {
        return evaluate(parseExpression(text), noReferences);
    } catch (e) {
        throw new TerraformInputError(
            `${source}: the value for ${variable!.name} is not a valid ${type}: ${e instanceof Error ? e.message : String(e)}`
        );
    }
}

async function readVarsFile(path: string, display: string): Promise<Record<string, Value>> {
    if (path.endsWith('.json')) {
        let text: string;
        try {
            text = await readFile(path, 'utf8');
        } catch {
            throw new TerraformInputError(`${display}: cannot be read`);
        }
        try {
            return fromJson(JSON.parse(text)) as Record<string, Value>;
        } catch {
            throw new TerraformInputError(`${display}: not valid JSON`);
        }
    }
    const raw = await parseHclFile(path, display);
    try {
        return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, evalRaw(v, noReferences, new Map())]));
    } catch (e) {
        throw new TerraformInputError(`${display}: ${e instanceof Error ? e.message : String(e)}`);
    }
}

export async function readConfiguration(dir: string, options: ConfigurationOptions): Promise<ReadResult> {
    const cwd = options.cwd ?? process.cwd();
    const tree = options.tree ?? (await readModuleTree(dir, cwd));
    const declared = tree.config.variables;
    const values = new Map<string, Value>();
    for (const [key, text] of Object.entries(options.env ?? {})) {
        if (!key.startsWith('TF_VAR_') || text === undefined) continue;
        const name = key.slice(7);
        if (declared.has(name)) values.set(name, fromText(text, declared.get(name), key));
    }
    const names = await readdir(dir).catch(() => [] as string[]);
    const automatic = [
        ...names.filter(n => n === 'terraform.tfvars'),
        ...names.filter(n => n === 'terraform.tfvars.json'),
        ...names.filter(n => n.endsWith('.auto.tfvars') || n.endsWith('.auto.tfvars.json')).sort()
    ].map(n => ({ path: join(dir, n), display: relative(cwd, join(dir, n)) }));
    const files = [...automatic, ...(options.varFiles ?? []).map(f => ({ path: f, display: f }))];
    for (const file of files) {
        for (const [name, value] of Object.entries(await readVarsFile(file.path, file.display))) values.set(name, value);
    }
    for (const pair of options.vars ?? []) {
        const eq = pair.indexOf('=');
        if (eq <= 0) throw new TerraformInputError(`--var ${pair}: expected NAME=VALUE`);
        const name = pair.slice(0, eq);
        if (!declared.has(name)) throw new TerraformInputError(`--var ${name}: the configuration declares no variable "${name}"`);
        values.set(name, fromText(pair.slice(eq + 1), declared.get(name), `--var ${name}`));
    }
    const shared: Shared = { region: options.region ?? DEFAULT_REGION, notes: [], stack: [], next: 0 };
    const root = new ModuleInstance(shared, tree, '', name => values.get(name));
    if (!options.region && tree.config.providerRegion !== undefined) {
        const region = evalRaw(tree.config.providerRegion, root.scope(), new Map());
        if (typeof region === 'string') shared.region = region;
    }
    // Terraform asks for every root variable without a default before it plans anything.
    for (const name of declared.keys()) root.variable(name);
    const instances = root.collect();
    return { instances, notes: shared.notes, region: shared.region };
}

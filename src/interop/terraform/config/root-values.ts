/**
 * The values of a root module's variables, as HashiCorp documents their sources, later ones
 * overriding earlier ones: TF_VAR_ environment variables, terraform.tfvars, terraform.tfvars.json,
 * *.auto.tfvars(.json) in lexical order, then --var-file files, then --var options (Terraform
 * orders the last two as given on the command line; here files come before single values).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { evaluate } from '../hcl/evaluate.js';
import { parseExpression } from '../hcl/parse-expression.js';
import { EvalError, fromJson, type Value } from '../hcl/values.js';
import { TerraformInputError } from '../errors.js';
import { evalRaw } from './body.js';
import type { Block } from './read.js';
import { parseHclFile } from './read.js';

export interface VariableSources {
    /** `K=V` as given on the command line. */
    vars?: string[];
    varFiles?: string[];
    env?: Record<string, string | undefined>;
}

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

/** `--var NAME=VALUE` split; a pair without a name is refused. */
export function splitVar(pair: string): { name: string; text: string } {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new TerraformInputError(`--var ${pair}: expected NAME=VALUE`);
    return { name: pair.slice(0, eq), text: pair.slice(eq + 1) };
}

/**
 * The given values of the variables one root module declares. A `--var` for a variable it does
 * not declare is skipped here: the caller refuses one that no root module declares.
 */
export async function rootValues(
    dir: string,
    declared: ReadonlyMap<string, Block>,
    sources: VariableSources,
    cwd: string
): Promise<Map<string, Value>> {
    const values = new Map<string, Value>();
    for (const [key, text] of Object.entries(sources.env ?? {})) {
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
    const files = [...automatic, ...(sources.varFiles ?? []).map(f => ({ path: f, display: f }))];
    for (const file of files) {
        for (const [name, value] of Object.entries(await readVarsFile(file.path, file.display))) values.set(name, value);
    }
    for (const pair of sources.vars ?? []) {
        const { name, text } = splitVar(pair);
        if (declared.has(name)) values.set(name, fromText(text, declared.get(name), `--var ${name}`));
    }
    return values;
}

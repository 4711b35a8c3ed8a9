/**
 * `vpc-lab import cloudformation TEMPLATE...`: templates (YAML or JSON) into one topology. Each
 * template is a stack in the given account and region; parameters take `--parameter` values, else
 * their defaults; `Fn::ImportValue` resolves between the templates given.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { findNesting, nestedFile, templateUrlsIn, type Nesting } from './nesting.js';
import { Defaults } from '../../model/topology.js';
import { TopologyDraft, type ImportResult } from '../common/draft.js';
import { ImportError } from '../common/report.js';
import type { BuildContext } from './build.js';
import { buildAll, declareAll } from './elements.js';
import { importHubs } from './hubs.js';
import { applyAll } from './modifiers.js';
import { readPaths } from './paths.js';
import { Stacks, stackMetadata } from './stacks.js';
import { parseTemplates } from './read-all.js';
import { MAX_TEMPLATE_BYTES, type Template } from './template.js';
import { ManagedPrefixList, NestedParameter, StackOutput, Unknown } from './values.js';

export interface CloudFormationOptions {
    parameters?: ReadonlyMap<string, string>;
    /** Templates larger are refused; CloudFormation's own limit (1 MB) unless said otherwise. */
    maxTemplateBytes?: number;
    account?: string;
    region?: string;
    /** The folder the template paths are relative to (and named from); the working directory by default. */
    base?: string;
}

export interface TemplateText {
    file: string;
    text: string;
}

function parameterValues(template: Template, given: ReadonlyMap<string, string>, nesting?: Nesting): Map<string, unknown> {
    const values = new Map<string, unknown>();
    // A nested stack's parameters are what its parent gives (`--parameter` names the top stack's).
    if (nesting) {
        for (const [name, raw] of Object.entries(
            (template.body.Parameters ?? {}) as Record<string, { Type?: string; Default?: unknown }>
        )) {
            const type = String(raw?.Type ?? 'String');
            const fallback = type.startsWith('AWS::SSM::Parameter::Value')
                ? new Unknown(`parameter ${name} is read from Systems Manager at deployment`)
                : raw?.Default === undefined
                  ? new Unknown(`parameter ${name} of ${template.file} is given by no value of its parent ${nesting.parent.file}`)
                  : typeof raw.Default === 'number'
                    ? String(raw.Default)
                    : raw.Default;
            values.set(
                name,
                type.startsWith('AWS::SSM::Parameter::Value')
                    ? fallback
                    : new NestedParameter(name, nesting.parent.file, nesting.logicalId, fallback)
            );
        }
        return values;
    }
    const fromStacks = stackMetadata(template).StackParameters ?? {};
    for (const [name, raw] of Object.entries((template.body.Parameters ?? {}) as Record<string, { Type?: string; Default?: unknown }>)) {
        const type = String(raw?.Type ?? 'String');
        const fromStack = fromStacks[name];
        if (!given.has(name) && fromStack) {
            values.set(name, new StackOutput(name, String(fromStack.Account), String(fromStack.Region), String(fromStack.Output)));
            continue;
        }
        const managed = /^com\.amazonaws\.([a-z0-9-]+)\.(s3|dynamodb)$/.exec(String(stackMetadata(template).PrefixLists?.[name] ?? ''));
        if (!given.has(name) && managed) {
            values.set(name, new ManagedPrefixList(managed[2]!, managed[1]!));
            continue;
        }
        const value = given.get(name) ?? raw?.Default;
        if (type.startsWith('AWS::SSM::Parameter::Value'))
            values.set(name, new Unknown(`parameter ${name} is read from Systems Manager at deployment`));
        else if (value === undefined) values.set(name, new Unknown(`parameter ${name} has no Default; give --parameter ${name}=VALUE`));
        else if (type === 'CommaDelimitedList' || type.startsWith('List<'))
            values.set(
                name,
                Array.isArray(value)
                    ? value.map(String)
                    : String(value)
                          .split(',')
                          .map(s => s.trim())
            );
        else values.set(name, typeof value === 'number' ? String(value) : value);
    }
    return values;
}

/** Converts templates already read. Throws ImportError (one line) on input CloudFormation would refuse. */
export async function convertTemplates(texts: readonly TemplateText[], options: CloudFormationOptions = {}): Promise<ImportResult> {
    const templates = await parseTemplates(texts, options.maxTemplateBytes);
    return convertParsed(templates, options);
}

/** Converts templates already parsed (see `convertTemplates`). */
export function convertParsed(templates: readonly Template[], options: CloudFormationOptions = {}): ImportResult {
    const given = options.parameters ?? new Map<string, string>();
    for (const name of given.keys()) {
        if (!templates.some(t => Object.prototype.hasOwnProperty.call(t.body.Parameters ?? {}, name))) {
            throw new ImportError(`--parameter ${name}: no template given declares a parameter ${name}`);
        }
    }
    const nesting = findNesting(templates);
    // A template `vpc-lab export` wrote says its account and region; others take the options'; a nested one its parent's.
    const settings = new Map<string, { region: string; account: string; stackName: string }>();
    const settingsOf = (t: Template, depth = 0): { region: string; account: string; stackName: string } => {
        const known = settings.get(t.file);
        if (known) return known;
        const nested = nesting.get(t.file);
        let result;
        if (nested && depth < 32) {
            const parent = settingsOf(nested.parent, depth + 1);
            result = { ...parent, stackName: `${parent.stackName}-${nested.logicalId}`.slice(0, 128) };
        } else {
            const unit = stackMetadata(t);
            result = {
                region: typeof unit.Region === 'string' ? unit.Region : (options.region ?? Defaults.region),
                account: typeof unit.Account === 'string' ? unit.Account : (options.account ?? Defaults.accountNumber),
                stackName: basename(t.file, extname(t.file)).replace(/[^A-Za-z0-9-]/g, '-')
            };
        }
        settings.set(t.file, result);
        return result;
    };
    for (const t of templates) settingsOf(t);
    const stacks = new Stacks(
        templates,
        t => settings.get(t.file)!,
        t => parameterValues(t, given, nesting.get(t.file)),
        nesting
    );
    const draft = new TopologyDraft();
    for (const t of templates) {
        const unit = stackMetadata(t);
        if (typeof unit.AccountName === 'string') draft.ensureAccount(settings.get(t.file)!.account, unit.AccountName);
    }
    const context: BuildContext = {
        stacks,
        draft,
        region: r => settings.get(r.template.file)!.region,
        account: r => settings.get(r.template.file)!.account,
        declared: new Map(),
        vpcs: new Map(),
        aliases: new Map()
    };
    declareAll(context);
    buildAll(context);
    importHubs(context);
    applyAll(context);
    readPaths(context);
    return context.draft.finish();
}

/** Reads template files (display names as given) and converts them. */
export async function importCloudFormation(paths: readonly string[], options: CloudFormationOptions = {}): Promise<ImportResult> {
    return convertTemplates(await readTemplates(paths, options.base), options);
}

/**
 * The parameters the templates declare with neither a Default nor a given value (Systems Manager
 * parameters aside: AWS reads those at deployment), in template order: what to ask for first.
 */
export async function parametersWithoutValue(
    paths: readonly string[],
    given: ReadonlyMap<string, string>,
    base?: string
): Promise<string[]> {
    const missing: string[] = [];
    const templates = await parseTemplates(await readTemplates(paths, base));
    const nesting = findNesting(templates);
    for (const template of templates) {
        if (nesting.has(template.file)) continue;
        const body = template.body;
        for (const [name, raw] of Object.entries((body.Parameters ?? {}) as Record<string, { Type?: string; Default?: unknown }>)) {
            if (String(raw?.Type ?? '').startsWith('AWS::SSM::Parameter::Value')) continue;
            if (raw?.Default === undefined && !given.has(name) && !missing.includes(name)) missing.push(name);
        }
    }
    return missing;
}

/**
 * `paths` relative to `base` (the working directory by default), and named as given; with them the
 * nested templates they name by a local `TemplateURL`, named from their parent's name.
 */
async function readTemplates(paths: readonly string[], base?: string): Promise<TemplateText[]> {
    const texts: TemplateText[] = [];
    const seen = new Set<string>();
    const queue = [...paths];
    for (let at = 0; at < queue.length; at++) {
        const path = queue[at]!;
        const full = base === undefined ? resolve(path) : resolve(base, path);
        if (seen.has(full)) continue;
        seen.add(full);
        const info = await stat(full).catch(() => undefined);
        // A nested template not found beside its parent is reported with its stack resource, not refused.
        if (!info?.isFile() && at >= paths.length) continue;
        if (!info?.isFile()) throw new ImportError(`cannot read '${path}': ${info ? 'it is a folder' : 'no such file'}`);
        if (info.size > MAX_TEMPLATE_BYTES)
            throw new ImportError(
                `${path}: ${(info.size / 2 ** 20).toFixed(1)} MB is larger than CloudFormation accepts (1 MB); not a template`
            );
        const bytes = await readFile(full);
        if (bytes.includes(0)) throw new ImportError(`${path}: not a text file`);
        const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
        texts.push({ file: path, text });
        for (const url of templateUrlsIn(text)) queue.push(nestedFile(path, url));
    }
    return texts;
}

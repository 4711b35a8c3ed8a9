/**
 * `vpc-lab import cloudformation TEMPLATE...`: templates (YAML or JSON) into one topology. Each
 * template is a stack in the given account and region; parameters take `--parameter` values, else
 * their defaults; `Fn::ImportValue` resolves between the templates given.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { Defaults } from '../../model/topology.js';
import { TopologyDraft, type ImportResult } from '../common/draft.js';
import { ImportError } from '../common/report.js';
import type { BuildContext } from './build.js';
import { buildAll, declareAll } from './elements.js';
import { applyAll } from './modifiers.js';
import { Stacks } from './stacks.js';
import { MAX_TEMPLATE_BYTES, parseTemplate, type Template } from './template.js';
import { Unknown } from './values.js';

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

function parameterValues(template: Template, given: ReadonlyMap<string, string>): Map<string, unknown> {
    const values = new Map<string, unknown>();
    for (const [name, raw] of Object.entries((template.body.Parameters ?? {}) as Record<string, { Type?: string; Default?: unknown }>)) {
        const type = String(raw?.Type ?? 'String');
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
export function convertTemplates(texts: readonly TemplateText[], options: CloudFormationOptions = {}): ImportResult {
    const templates = texts.map(t => parseTemplate(t.file, t.text, options.maxTemplateBytes));
    const given = options.parameters ?? new Map<string, string>();
    for (const name of given.keys()) {
        if (!templates.some(t => Object.prototype.hasOwnProperty.call(t.body.Parameters ?? {}, name))) {
            throw new ImportError(`--parameter ${name}: no template given declares a parameter ${name}`);
        }
    }
    const region = options.region ?? Defaults.region;
    const account = options.account ?? Defaults.accountNumber;
    const stacks = new Stacks(
        templates,
        t => ({ region, account, stackName: basename(t.file, extname(t.file)).replace(/[^A-Za-z0-9-]/g, '-') }),
        t => parameterValues(t, given)
    );
    const context: BuildContext = {
        stacks,
        draft: new TopologyDraft(),
        region: () => region,
        account: () => account,
        declared: new Map(),
        vpcs: new Map()
    };
    declareAll(context);
    buildAll(context);
    applyAll(context);
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
    for (const text of await readTemplates(paths, base)) {
        const body = parseTemplate(text.file, text.text).body;
        for (const [name, raw] of Object.entries((body.Parameters ?? {}) as Record<string, { Type?: string; Default?: unknown }>)) {
            if (String(raw?.Type ?? '').startsWith('AWS::SSM::Parameter::Value')) continue;
            if (raw?.Default === undefined && !given.has(name) && !missing.includes(name)) missing.push(name);
        }
    }
    return missing;
}

/** `paths` relative to `base` (the working directory by default), and named as given. */
async function readTemplates(paths: readonly string[], base?: string): Promise<TemplateText[]> {
    const texts: TemplateText[] = [];
    for (const path of paths) {
        const full = base === undefined ? path : resolve(base, path);
        const info = await stat(full).catch(() => undefined);
        if (!info?.isFile()) throw new ImportError(`cannot read '${path}': ${info ? 'it is a folder' : 'no such file'}`);
        if (info.size > MAX_TEMPLATE_BYTES)
            throw new ImportError(
                `${path}: ${(info.size / 2 ** 20).toFixed(1)} MB is larger than CloudFormation accepts (1 MB); not a template`
            );
        const bytes = await readFile(full);
        if (bytes.includes(0)) throw new ImportError(`${path}: not a text file`);
        texts.push({ file: path, text: bytes.toString('utf8').replace(/^\uFEFF/, '') });
    }
    return texts;
}

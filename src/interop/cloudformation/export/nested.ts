/**
 * A stack larger than CloudFormation's quotas allow (quotas.ts) as one parent template and nested
 * stacks (`AWS::CloudFormation::Stack`, its `TemplateURL` a file beside the parent, which
 * `aws cloudformation package` uploads): still one stack to deploy per account and region. A value
 * one nested stack needs from another is an output of the one, read by the parent
 * (`Fn::GetAtt Part.Outputs.X`) and given to the other as a parameter; the parent keeps the
 * stack's parameters, conditions and outputs, so other stacks see the same stack as before.
 */
import { subNames } from '../references.js';
import { partition, resourceTable, type RawResource, type ResourceTable } from './partition.js';
import { QUOTAS, quotaProblems } from './quotas.js';
import type { Value } from './template.js';
import { jsonYaml } from './yaml.js';

export interface TemplateFile {
    /** Relative to the export's folder. */
    path: string;
    json: Record<string, Value>;
    text: string;
    /** The file of the parent template, for a nested one. */
    nestedIn?: string;
    /** The quotas the template goes over (`quotaProblems`), counted once. */
    problems: string[];
}

type Json = Record<string, Value>;

interface Needed {
    producer: number;
    /** The output of the producer and parameter of the consumer. */
    name: string;
    value: Value;
    condition?: string;
}

/** The deploy commands, for the parent's description and header. */
export function deployCommands(file: string): string[] {
    return [
        `aws cloudformation package --template-file ${file} --s3-bucket BUCKET --output-template-file packaged.yaml`,
        'aws cloudformation deploy --template-file packaged.yaml --s3-bucket BUCKET --stack-name STACK'
    ];
}

/**
 * The parent and its nested templates, each within the quotas where the parent can be; `base` is
 * the parent's file name without `.yaml` (the nested ones go in the folder of that name). `json`
 * is the stack's template but for its Resources, given as lists (`ids[i]` names `resources[i]`):
 * a stack this large has tens of thousands, which a map by id would only be built to be split.
 */
export function nestStack(
    base: string,
    json: Json,
    list: { ids: readonly string[]; resources: readonly RawResource[] },
    comments: ReadonlyMap<string, string[]>,
    header: readonly string[],
    maxResources: number = QUOTAS.resources
): TemplateFile[] {
    const table = resourceTable(list.ids, list.resources);
    let capacity = maxResources;
    for (;;) {
        const files = nestOnce(base, json, table, comments, header, capacity).map(f => ({ ...f, problems: quotaProblems(f.json, f.text) }));
        const tooLarge = files.slice(1).some(f => f.problems.length > 0 || Object.keys(f.json.Resources as object).length > maxResources);
        if (!tooLarge || capacity < 20) return files;
        capacity = Math.floor(capacity * 0.8);
    }
}

function nestOnce(
    base: string,
    json: Json,
    table: ResourceTable,
    comments: ReadonlyMap<string, string[]>,
    header: readonly string[],
    capacity: number
): Array<Omit<TemplateFile, 'problems'>> {
    const { ids, resources, index } = table;
    const partOf = partition(table, capacity);
    const count = Math.max(...partOf) + 1;
    /** The nested stack of a resource by its logical id; undefined for a name that is not a resource's. */
    const where = (id: string): number | undefined => {
        const i = index.get(id);
        return i === undefined ? undefined : partOf[i];
    };
    const parameters = (json.Parameters ?? {}) as Record<string, Json>;
    const conditions = (json.Conditions ?? {}) as Record<string, Value>;
    // The names in use: the resources' (`index` has them all), the parameters', the conditions' and those made here.
    const made = new Set<string>();
    const taken = {
        has: (name: string) => index.has(name) || made.has(name) || hasOwn(parameters, name) || hasOwn(conditions, name),
        add: (name: string) => made.add(name)
    };
    const width = String(count).length < 2 ? 2 : String(count).length;
    const partNames = Array.from({ length: count }, (_, k) => {
        let name = `Part${String(k + 1).padStart(width, '0')}`;
        while (taken.has(name)) name = `Nested${name}`;
        taken.add(name);
        return name;
    });
    const file = (k: number) => `${base}/part-${String(k + 1).padStart(width, '0')}.yaml`;

    // The values crossing between stacks, by `id|attribute`: one output each, whoever reads it.
    const crossing = new Map<string, Needed>();
    const need = (id: string, attribute: string | undefined): Needed => {
        const key = `${id}|${attribute ?? ''}`;
        let found = crossing.get(key);
        if (!found) {
            let name = attribute ? `${id}${attribute.replace(/[^A-Za-z0-9]/g, '')}` : id;
            while (attribute && taken.has(name)) name = `${name}Value`;
            if (attribute) taken.add(name);
            const at = index.get(id)!;
            found = {
                producer: partOf[at]!,
                name,
                value: attribute ? { 'Fn::GetAtt': [id, attribute] } : { Ref: id },
                condition: resources[at]!.Condition
            };
            crossing.set(key, found);
        }
        return found;
    };

    const parts = Array.from({ length: count }, () => ({
        resources: {} as Json,
        parameters: new Map<string, Value>(),
        given: new Map<string, Value>(),
        outputs: new Map<string, Needed>(),
        after: new Set<number>(),
        conditions: new Set<string>(),
        /** The Name tags of its VPCs, in order, for its Description. */
        vpcs: [] as string[]
    }));
    type Part = (typeof parts)[number];
    // For a resource that names another part's: each name its properties give becomes that part's output and a parameter here; a stack parameter is declared here too.
    const externalFor =
        (part: Part, k: number) =>
        (name: string, attribute?: string): string | undefined => {
            const producer = where(name);
            if (producer === undefined) {
                if (name in parameters) usesParameter(part, name, parameters);
                return undefined;
            }
            if (producer === k) return undefined;
            const needed = need(name, attribute);
            parts[needed.producer]!.outputs.set(needed.name, needed);
            if (!part.parameters.has(needed.name)) {
                part.parameters.set(needed.name, {
                    Type: 'String',
                    Description: `${attribute ? `${name} ${attribute}` : name}, from ${partNames[needed.producer]}`,
                    ...(needed.condition ? { Default: '' } : {})
                });
                const value: Value = { 'Fn::GetAtt': [partNames[needed.producer]!, `Outputs.${needed.name}`] };
                part.given.set(needed.name, needed.condition ? { 'Fn::If': [needed.condition, value, { Ref: 'AWS::NoValue' }] } : value);
            }
            return needed.name;
        };
    ids.forEach((id, i) => {
        const k = partOf[i]!;
        const part = parts[k]!;
        const resource = resources[i]!;
        // The resource itself where nothing in it names another part (most of them): a copy otherwise.
        let copy: RawResource = resource;
        let crosses = false;
        for (let r = table.start[i]!, end = table.start[i + 1]!; r < end; r++) {
            const at = table.targets[r]!;
            if (at < 0) {
                const name = table.names[r]!;
                if (name in parameters) usesParameter(part, name, parameters);
            } else if (partOf[at] !== k) crosses = true;
        }
        if (crosses) copy = { ...resource, Properties: rewrite(resource.Properties!, externalFor(part, k)) as Json };
        if (resource.DependsOn) {
            const inside = resource.DependsOn.filter(d => where(d) === k);
            for (const d of resource.DependsOn) {
                const other = where(d);
                if (other !== undefined && other !== k) part.after.add(other);
            }
            if (inside.length < resource.DependsOn.length) {
                if (copy === resource) copy = { ...resource };
                if (inside.length > 0) copy.DependsOn = inside;
                else delete copy.DependsOn;
            }
        }
        if (resource.Condition) part.conditions.add(resource.Condition);
        part.resources[id] = copy as unknown as Value;
        if (copy.Type === 'AWS::EC2::VPC') {
            const name = ((copy.Properties?.Tags as Array<{ Key: string; Value: Value }> | undefined) ?? []).find(
                t => t.Key === 'Name'
            )?.Value;
            if (typeof name === 'string') part.vpcs.push(name);
        }
    });
    const outputs: Json = {};
    for (const [name, output] of Object.entries((json.Outputs ?? {}) as Record<string, Json>)) {
        const value = rewrite(output.Value!, (id, attribute) => {
            if (!index.has(id)) return undefined;
            const needed = need(id, attribute);
            parts[needed.producer]!.outputs.set(needed.name, needed);
            return `\u0000${partNames[needed.producer]}.Outputs.${needed.name}`;
        });
        outputs[name] = { ...output, Value: resolveMarkers(value) };
    }
    for (const part of parts) for (const output of part.outputs.values()) if (output.condition) part.conditions.add(output.condition);

    const metadata = ((json.Metadata as Json | undefined)?.['vpc-lab'] ?? {}) as Json;
    const parentFile = `${base}.yaml`;

    const children = parts.map((part, k) => {
        const conditionSet = closeConditions(part.conditions, conditions, name => usesParameter(part, name, parameters));
        const vpcs = part.vpcs;
        const child: Json = {
            AWSTemplateFormatVersion: '2010-09-09',
            Description: fitDescription(
                `Part ${k + 1} of ${count} of the stack ${parentFile} (a nested stack: deploy the parent)` +
                    (vpcs.length > 0 ? `; VPCs ${vpcs.join(', ')}` : '') +
                    '.'
            ),
            Metadata: {
                'vpc-lab': {
                    ...(metadata.Account !== undefined ? { Account: metadata.Account } : {}),
                    ...(metadata.Region !== undefined ? { Region: metadata.Region } : {}),
                    NestedIn: parentFile
                }
            }
        };
        if (part.parameters.size > 0) child.Parameters = Object.fromEntries(part.parameters);
        if (conditionSet.length > 0) child.Conditions = Object.fromEntries(conditionSet.map(c => [c, conditions[c]!]));
        child.Resources = part.resources;
        if (part.outputs.size > 0)
            child.Outputs = Object.fromEntries(
                [...part.outputs.values()].map(o => [
                    o.name,
                    {
                        ...(o.condition ? { Condition: o.condition } : {}),
                        Description: `For the other parts of ${parentFile}`,
                        Value: o.value
                    }
                ])
            );
        return { path: file(k), json: child, text: jsonYaml(child, comments), nestedIn: parentFile };
    });

    const stackResources: Json = {};
    parts.forEach((part, k) => {
        const given: Json = Object.fromEntries(part.given);
        stackResources[partNames[k]!] = {
            Type: 'AWS::CloudFormation::Stack',
            ...(part.after.size > 0 ? { DependsOn: [...part.after].sort((a, b) => a - b).map(j => partNames[j]!) } : {}),
            Properties: {
                TemplateURL: file(k),
                ...(Object.keys(given).length > 0 ? { Parameters: given } : {})
            }
        };
    });
    // Each nested stack takes the stack's own parameters it reads.
    parts.forEach((part, k) => {
        const properties = (stackResources[partNames[k]!] as Json).Properties as Json;
        const given = { ...((properties.Parameters ?? {}) as Json) };
        for (const name of part.parameters.keys()) if (name in parameters && !isSsm(parameters[name]!)) given[name] = { Ref: name };
        if (Object.keys(given).length > 0) properties.Parameters = given;
    });

    const description = String(json.Description ?? '');
    const commands = deployCommands(parentFile);
    const parent: Json = {
        AWSTemplateFormatVersion: '2010-09-09',
        Description: fitDescription(
            `${description.split('\n')[0]} In ${count} nested stacks (the files in ${base}/), within CloudFormation's quotas. Deploy: ${commands.join('; then ')}. More in the comments at the head of this file.`
        ),
        Metadata: json.Metadata!,
        ...(json.Parameters ? { Parameters: json.Parameters } : {}),
        ...(json.Conditions ? { Conditions: json.Conditions } : {}),
        Resources: stackResources,
        ...(Object.keys(outputs).length > 0 ? { Outputs: outputs } : {})
    };
    const parentHeader = [
        ...header,
        ...description.split('\n'),
        `This stack is larger than one template may be (${QUOTAS.resources} resources, ${QUOTAS.parameters} parameters, ${QUOTAS.outputs} outputs, 1 MB):`,
        `its resources are in ${count} nested stacks, the files in ${base}/, whole VPCs together where they fit. To deploy, upload them and the parent:`,
        ...commands.map(c => `  ${c}`),
        'The nested stacks pass values to each other through their outputs and this template (Fn::GetAtt PartNN.Outputs.X).'
    ];
    return [{ path: parentFile, json: parent, text: jsonYaml(parent, new Map(), parentHeader) }, ...children];
}

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

function isSsm(parameter: Json): boolean {
    return String(parameter.Type ?? '').startsWith('AWS::SSM::Parameter::Value');
}

/** A stack parameter a nested stack reads: declared there too (a Systems Manager one resolved there, not passed). */
function usesParameter(part: { parameters: Map<string, Value> }, name: string, parameters: Record<string, Json>): void {
    if (part.parameters.has(name) || !(name in parameters)) return;
    part.parameters.set(name, parameters[name]!);
}

/** The conditions named and those they name, each condition's parameters declared by `use`. */
function closeConditions(named: Set<string>, all: Record<string, Value>, use: (parameter: string) => void): string[] {
    const result = new Set<string>();
    const visit = (name: string) => {
        if (result.has(name) || !(name in all)) return;
        result.add(name);
        const walk = (value: Value) => {
            if (Array.isArray(value)) value.forEach(walk);
            else if (value && typeof value === 'object')
                for (const [key, inner] of Object.entries(value)) {
                    if (key === 'Condition' && typeof inner === 'string') visit(inner);
                    else if (key === 'Ref' && typeof inner === 'string') use(inner);
                    else walk(inner);
                }
        };
        walk(all[name]!);
    };
    for (const name of named) visit(name);
    return [...Object.keys(all)].filter(c => result.has(c));
}

/** A value with its references to other stacks' resources replaced by the name `external` gives (a parameter). */
function rewrite(value: Value, external: (id: string, attribute?: string) => string | undefined): Value {
    if (value === null || typeof value !== 'object') return value;
    // Copied only where something changed: most of a large stack's values name nothing in another part.
    if (Array.isArray(value)) {
        let copy: Value[] | undefined;
        for (let i = 0; i < value.length; i++) {
            const inner = rewrite(value[i]!, external);
            if (inner !== value[i]) (copy ??= value.slice())[i] = inner;
        }
        return copy ?? value;
    }
    // The one key of an intrinsic, found without an array of keys for each of the many small mappings.
    let key: string | undefined;
    let count = 0;
    for (const k in value) {
        key = k;
        if (++count > 1) break;
    }
    if (count === 1) {
        const inner = value[key!]!;
        if (key === 'Ref' && typeof inner === 'string') {
            const name = external(inner);
            return name ? { Ref: name } : value;
        }
        if (key === 'Fn::GetAtt') {
            const [id, attribute] = Array.isArray(inner) ? inner.map(String) : String(inner).split(/\.(.*)/s);
            const name = external(id!, attribute);
            return name ? { Ref: name } : value;
        }
        if (key === 'Fn::Sub') {
            const text = Array.isArray(inner) ? inner[0] : inner;
            const variables = Array.isArray(inner) && inner[1] && typeof inner[1] === 'object' ? (inner[1] as Record<string, Value>) : {};
            if (typeof text !== 'string') return value;
            let changed = text;
            for (const name of subNames(text)) {
                if (name in variables || name.startsWith('AWS::')) continue;
                const dot = name.indexOf('.');
                const replaced = external(dot < 0 ? name : name.slice(0, dot), dot < 0 ? undefined : name.slice(dot + 1));
                if (replaced) changed = changed.split(`\${${name}}`).join(`\${${replaced}}`);
            }
            const rest = Array.isArray(inner) ? [rewrite(inner[1]!, external)] : [];
            return { 'Fn::Sub': Array.isArray(inner) ? [changed, ...rest] : changed };
        }
    }
    let copy: Record<string, Value> | undefined;
    for (const k in value) {
        const inner = rewrite(value[k]!, external);
        if (inner !== value[k]) (copy ??= { ...value })[k] = inner;
    }
    return copy ?? value;
}

/** `{Ref: "\0Part.Outputs.X"}` (what `rewrite` made for the parent) → `Fn::GetAtt [Part, Outputs.X]`. */
function resolveMarkers(value: Value): Value {
    if (Array.isArray(value)) return value.map(resolveMarkers);
    if (value === null || typeof value !== 'object') return value;
    if (typeof value.Ref === 'string' && value.Ref.startsWith('\u0000')) {
        const [part, ...rest] = value.Ref.slice(1).split('.');
        return { 'Fn::GetAtt': [part!, rest.join('.')] };
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveMarkers(v)]));
}

/** A Description within its quota (1,024 bytes), cut at a word with an ellipsis when longer. */
export function fitDescription(text: string): string {
    if (Buffer.byteLength(text) <= QUOTAS.descriptionBytes) return text;
    let cut = text.slice(0, QUOTAS.descriptionBytes - 4);
    while (Buffer.byteLength(cut) > QUOTAS.descriptionBytes - 4) cut = cut.slice(0, -1);
    return `${cut.replace(/\s+\S*$/, '')} …`;
}

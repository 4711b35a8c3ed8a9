import type { UnitKey } from '../../common/export-plan.js';
import { visitReferences } from '../references.js';

/**
 * A CloudFormation template being built: logical ids, intrinsic functions in their long form
 * (`Ref`, `Fn::GetAtt`…, which every CloudFormation reader accepts in YAML and JSON), parameters,
 * outputs, and the comments the YAML writer places above resources.
 */

export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

export interface Resource {
    Type: string;
    Properties: Record<string, Value>;
    DependsOn?: string[];
    /** What the design said that the deployed resource cannot keep, for a reader (vpc-lab import reads it back). */
    Metadata?: Record<string, Value>;
    Condition?: string;
}

export interface Parameter {
    Type: string;
    Description: string;
    Default?: string;
    /** Given by another stack's output (that stack's account and region, the output's id): resources that need it are made only once it is given. */
    fromStack?: { account: string; region: string; output: string };
    /** The AWS-managed prefix list whose id the parameter takes (`com.amazonaws.REGION.SERVICE`). */
    managedPrefixList?: string;
}

export interface Output {
    Description: string;
    Value: Value;
    Export?: { Name: Value };
}

export const ref = (logicalId: string): Value => ({ Ref: logicalId });
export const getAtt = (logicalId: string, attribute: string): Value => ({ 'Fn::GetAtt': [logicalId, attribute] });
export const sub = (text: string): Value => ({ 'Fn::Sub': text });
export const select = (index: number, list: Value): Value => ({ 'Fn::Select': [String(index), list] });
export const cidr = (block: Value, count: number, hostBits: number): Value => ({ 'Fn::Cidr': [block, count, String(hostBits)] });

const isAlphanumeric = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** A phrase's alphanumeric runs, each as written and in lower case: `web-1` → [[web, web], [1, 1]]. */
function runsOf(phrase: string): Array<[string, string]> {
    const runs: Array<[string, string]> = [];
    let start = -1;
    for (let i = 0; i <= phrase.length; i++) {
        if (i < phrase.length && isAlphanumeric(phrase.charCodeAt(i))) {
            if (start < 0) start = i;
        } else if (start >= 0) {
            const word = phrase.slice(start, i);
            runs.push([word[0]!.toUpperCase() + word.slice(1), word.toLowerCase()]);
            start = -1;
        }
    }
    return runs;
}

/**
 * The words' alphanumeric runs as one PascalCase id, a run equal to the one before it (in any
 * case) left out (`app`, `app-vpc` → `AppVpc`), N before a leading digit, at most 240
 * characters. The runs of each phrase are kept in `known`: a large design allocates some
 * 100,000 ids from a few thousand phrases.
 */
function logicalBase(words: readonly string[], known: Map<string, Array<[string, string]>>): string {
    let text = '';
    let previous = '';
    for (const phrase of words) {
        let runs = known.get(phrase);
        if (!runs) known.set(phrase, (runs = runsOf(phrase)));
        for (const [word, lower] of runs) {
            if (lower !== previous) text += word;
            previous = lower;
        }
    }
    if (text === '') return 'Unnamed';
    return (text.charCodeAt(0) <= 57 ? `N${text}` : text).slice(0, 240);
}

const SPANNING = [
    'This design spans stacks (peerings across accounts or regions, groups referenced across them): this template takes the other',
    "stacks' outputs as parameters, and what needs them is made once they are given. Deploy every stack, then update each with the",
    "others' outputs until nothing changes (at most three rounds: VPCs, then peerings, then the routes and rules that use them)."
];

const METADATA = [
    "Metadata vpc-lab: the design's account and region for this stack, and for each parameter another stack's output fills, that",
    "stack's account, region and output, and for each prefix-list parameter the AWS-managed list it names. A resource's Metadata vpc-lab keeps what the design said and the deployment cannot keep",
    "(DesignIpv6CidrBlock, DesignIpv6Address, DesignPublicIp: AWS assigns these; a probe's expectation and destination), so that",
    '`vpc-lab import cloudformation` gives the design back. CloudFormation ignores Metadata.'
];

/** A template's sections but for its Resources, and its resources as lists (`Template.toParts`). */
export interface TemplateParts {
    json: Record<string, Value>;
    ids: string[];
    resources: Resource[];
}

/** The template as one piece of data: the Resources by logical id, in their place before the Outputs. */
export function wholeTemplate({ json, ids, resources }: TemplateParts): Record<string, Value> {
    const byId: Record<string, Value> = {};
    for (let i = 0; i < ids.length; i++) byId[ids[i]!] = resources[i] as unknown as Value;
    const { Outputs, ...head } = json;
    return { ...head, Resources: byId, ...(Outputs === undefined ? {} : { Outputs }) };
}

export class Template {
    readonly resources = new Map<string, Resource>();
    readonly parameters = new Map<string, Parameter>();
    readonly outputs = new Map<string, Output>();
    /** Comment lines above a resource, parameter or output, by logical id. */
    readonly comments = new Map<string, string[]>();
    private readonly taken = new Set<string>();
    /** The next number to try after a base, so that many ids from one base are not each a walk past all the others. */
    private readonly nextNumber = new Map<string, number>();
    /** The alphanumeric runs of each phrase ids were allocated from. */
    private readonly phrases = new Map<string, Array<[string, string]>>();

    constructor(
        readonly unit: UnitKey,
        readonly description: string[]
    ) {}

    /** A logical id not used yet in this template, from the words given. */
    allocate(...words: string[]): string {
        const base = logicalBase(words, this.phrases);
        let id = base;
        let n = this.nextNumber.get(base) ?? 2;
        if (this.taken.has(id)) {
            for (id = `${base}${n}`; this.taken.has(id);) id = `${base}${++n}`;
            this.nextNumber.set(base, n + 1);
        }
        this.taken.add(id);
        return id;
    }

    add(logicalId: string, resource: Resource, comment?: string[]): string {
        this.resources.set(logicalId, resource);
        if (comment?.length) this.comments.set(logicalId, comment);
        return logicalId;
    }

    parameter(words: string[], parameter: Parameter): string {
        const id = this.allocate(...words);
        this.parameters.set(id, parameter);
        return id;
    }

    output(words: string[], output: Output): string {
        const id = this.allocate(...words);
        this.outputs.set(id, output);
        return id;
    }

    /**
     * The template as plain data, in CloudFormation's section order, but for its Resources, given
     * as lists (`ids[i]` names `resources[i]`), each with the Condition the stack's parameters give
     * it: a stack split into nested stacks has tens of thousands, which a map by id would only be
     * built to be taken apart. `wholeTemplate` puts them in their place.
     */
    toParts(): TemplateParts {
        const conditions = this.conditions();
        const json: Record<string, Value> = {
            AWSTemplateFormatVersion: '2010-09-09',
            Description: [...this.description, ...(conditions.definitions.size > 0 ? SPANNING : []), ...METADATA].join('\n'),
            Metadata: { 'vpc-lab': this.metadata() }
        };
        if (this.parameters.size > 0) {
            json.Parameters = Object.fromEntries(
                [...this.parameters].map(([k, { fromStack: _, managedPrefixList: __, ...v }]) => [k, { ...v } as Value])
            );
        }
        if (conditions.definitions.size > 0) json.Conditions = Object.fromEntries(conditions.definitions);
        const ids: string[] = [];
        const resources: Resource[] = [];
        for (const [k, v] of this.resources) {
            const condition = conditions.of.get(k);
            ids.push(k);
            if (!condition) resources.push(v);
            else {
                const { Type, ...rest } = v;
                resources.push({ Type, Condition: condition, ...rest });
            }
        }
        if (this.outputs.size > 0) {
            json.Outputs = Object.fromEntries(
                [...this.outputs].map(([k, v]) => {
                    const condition = conditionOf(references(v.Value), this, conditions);
                    return [k, (condition ? { Condition: condition, ...v } : v) as unknown as Value];
                })
            );
        }
        return { json, ids, resources };
    }

    /** The stack's account and region, and which stack's output each cross-stack parameter takes. */
    private metadata(): Value {
        const fromStacks = [...this.parameters].filter(([, p]) => p.fromStack);
        const prefixLists = [...this.parameters].filter(([, p]) => p.managedPrefixList);
        return {
            Account: this.unit.account,
            ...(this.unit.accountName ? { AccountName: this.unit.accountName } : {}),
            Region: this.unit.region,
            ...(fromStacks.length > 0
                ? {
                      StackParameters: Object.fromEntries(
                          fromStacks.map(([id, p]) => [
                              id,
                              { Account: p.fromStack!.account, Region: p.fromStack!.region, Output: p.fromStack!.output }
                          ])
                      )
                  }
                : {}),
            ...(prefixLists.length > 0 ? { PrefixLists: Object.fromEntries(prefixLists.map(([id, p]) => [id, p.managedPrefixList!])) } : {})
        };
    }

    /**
     * Stacks refer to each other (a peering's accepter VPC, a peered group), so no stack can be
     * deployed whole first. A resource that needs another stack's output is made only once that
     * parameter is given, and so is every resource that refers to it: deploy every stack, then
     * update each with the others' outputs until nothing changes.
     */
    private conditions(): { definitions: Map<string, Value>; of: Map<string, string> } {
        const definitions = new Map<string, Value>();
        const of = new Map<string, string>();
        const needs = new Map<string, Set<string>>();
        for (const [id, parameter] of this.parameters) {
            if (!parameter.fromStack) continue;
            definitions.set(`Has${id}`, { 'Fn::Not': [{ 'Fn::Equals': [ref(id), ''] }] });
        }
        if (definitions.size === 0) return { definitions, of };
        const direct = new Map([...this.resources].map(([id, r]) => [id, references(r.Properties)]));
        const visit = (id: string, seen: Set<string>): Set<string> => {
            const known = needs.get(id);
            if (known) return known;
            const result = new Set<string>();
            needs.set(id, result);
            for (const name of direct.get(id) ?? []) {
                if (definitions.has(`Has${name}`)) result.add(`Has${name}`);
                else if (this.resources.has(name) && !seen.has(name)) for (const c of visit(name, new Set([...seen, name]))) result.add(c);
            }
            for (const name of this.resources.get(id)?.DependsOn ?? [])
                if (!seen.has(name)) for (const c of visit(name, new Set([...seen, name]))) result.add(c);
            return result;
        };
        for (const id of this.resources.keys()) {
            const set = [...visit(id, new Set([id]))].sort();
            if (set.length === 1) of.set(id, set[0]!);
            else if (set.length > 1) {
                const name = `Has${set.map(c => c.slice(3)).join('And')}`.slice(0, 255);
                definitions.set(name, { 'Fn::And': set.map(c => ({ Condition: c })) });
                of.set(id, name);
            }
        }
        return { definitions, of };
    }
}

/**
 * The logical ids (and parameters) a value names: `Ref`, `Fn::GetAtt` and the names in `Fn::Sub`
 * text, where an interface endpoint names another stack's endpoint service
 * (`com.amazonaws.vpce.${AWS::Region}.${Service}`).
 */
function references(value: Value | undefined): Set<string> {
    const found = new Set<string>();
    visitReferences(value, id => found.add(id));
    return found;
}

function conditionOf(
    names: Set<string>,
    template: Template,
    conditions: { definitions: Map<string, Value>; of: Map<string, string> }
): string | undefined {
    for (const name of names) {
        const condition = conditions.definitions.has(`Has${name}`) ? `Has${name}` : conditions.of.get(name);
        if (condition) return condition;
    }
    void template;
    return undefined;
}

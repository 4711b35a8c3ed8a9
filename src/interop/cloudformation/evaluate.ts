/**
 * CloudFormation's intrinsic functions and conditions, evaluated as its reference pages define them.
 * Resource references stay symbolic (`ResourceRef`); values only a deployment knows are `Unknown`
 * with the reason, so the mapping can say what it could not import and why.
 */
import { Buffer } from 'node:buffer';
import { availabilityZones } from '../../model/aws-catalog.js';
import { ImportError } from '../common/report.js';
import { fnCidr } from './cidr.js';
import type { Template } from './template.js';
import { NestedParameter, NO_VALUE, ResourceRef, StackOutput, Unknown } from './values.js';

export interface StackSettings {
    region: string;
    account: string;
    stackName: string;
}

/** What evaluation asks of the resource layer and of the other templates. */
export interface Resolver {
    getAtt(template: Template, logicalId: string, attribute: string): unknown;
    /** The text a reference stands for inside strings (`Fn::Sub`, `Fn::Join`): a bucket's name, else the logical id. */
    refText(ref: ResourceRef): string;
    importValue(name: string, from: Template): unknown;
    stackOutput(value: StackOutput): unknown;
    nestedParameter(value: NestedParameter): unknown;
}

const SUPPORTED = new Set([
    'Ref',
    'Condition',
    'Fn::Sub',
    'Fn::GetAtt',
    'Fn::Join',
    'Fn::Select',
    'Fn::Split',
    'Fn::GetAZs',
    'Fn::Cidr',
    'Fn::If',
    'Fn::Equals',
    'Fn::And',
    'Fn::Or',
    'Fn::Not',
    'Fn::FindInMap',
    'Fn::Base64',
    'Fn::ImportValue'
]);
/** Functions that exist but need a transform or deployment: their values are unknown here. */
const UNSUPPORTED = new Set(['Fn::Transform', 'Fn::Length', 'Fn::ToJsonString', 'Fn::ForEach', 'Fn::GetParam']);

export class Evaluator {
    private readonly conditionCache = new Map<string, boolean | Unknown>();
    private readonly conditionsInProgress: string[] = [];
    /** `Ref` of each resource, made once: a reference is only read, and the same few are named by thousands of properties. */
    private readonly refs = new Map<string, ResourceRef>();
    /** The resource being evaluated, for the line in error messages. */
    resource?: string;

    constructor(
        readonly template: Template,
        readonly settings: StackSettings,
        readonly parameters: ReadonlyMap<string, unknown>,
        private readonly resolver: Resolver
    ) {}

    private where(): string {
        const line = this.resource ? this.template.lines.get(this.resource) : undefined;
        return line ? `${this.template.file}:${line}` : this.template.file;
    }

    fail(message: string): never {
        throw new ImportError(`${this.where()}: ${message}`);
    }

    pseudo(name: string): unknown {
        const { region, account, stackName } = this.settings;
        const partition = region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
        switch (name) {
            case 'AWS::Region':
                return region;
            case 'AWS::AccountId':
                return account;
            case 'AWS::StackName':
                return stackName;
            case 'AWS::Partition':
                return partition;
            case 'AWS::URLSuffix':
                return partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
            case 'AWS::NoValue':
                return NO_VALUE;
            case 'AWS::NotificationARNs':
                return [];
            case 'AWS::StackId':
                return `arn:${partition}:cloudformation:${region}:${account}:stack/${stackName}/00000000-0000-0000-0000-000000000000`;
            default:
                return undefined;
        }
    }

    /**
     * Evaluates a template value: intrinsics applied, `AWS::NoValue` properties removed. A list or
     * mapping with nothing to apply inside is returned as it is, not copied (evaluated values are
     * only read): most of a template is plain values, and copies of them fed the collector.
     */
    evaluate(value: unknown): unknown {
        if (value === null || typeof value !== 'object') return value;
        if (Array.isArray(value)) return this.evaluateList(value);
        if (value instanceof ResourceRef || value instanceof Unknown) return value;
        const record = value as Record<string, unknown>;
        // `for in` rather than Object.keys: no array of keys made for each of the many small mappings.
        let only = '';
        let count = 0;
        for (const key in record) {
            if (++count > 1) break;
            only = key;
        }
        if (count === 1 && (SUPPORTED.has(only) || only.startsWith('Fn::'))) return this.apply(only, record[only]);
        let out: Record<string, unknown> | undefined;
        for (const key in record) {
            const raw = record[key];
            const v = this.evaluate(raw);
            if (out) {
                if (v !== NO_VALUE) out[key] = v;
            } else if (v !== raw) {
                out = {};
                for (const before in record) {
                    if (before === key) break;
                    out[before] = record[before];
                }
                if (v !== NO_VALUE) out[key] = v;
            }
        }
        return out ?? value;
    }

    private evaluateList(value: unknown[]): unknown[] {
        let out: unknown[] | undefined;
        for (let i = 0; i < value.length; i++) {
            const raw = value[i];
            const v = this.evaluate(raw);
            if (out) {
                if (v !== NO_VALUE) out.push(v);
            } else if (v !== raw) {
                out = value.slice(0, i);
                if (v !== NO_VALUE) out.push(v);
            }
        }
        return out ?? value;
    }

    private apply(fn: string, arg: unknown): unknown {
        if (UNSUPPORTED.has(fn)) return new Unknown(`${fn} needs a transform or a deployment`);
        if (!SUPPORTED.has(fn)) this.fail(`unknown intrinsic function ${fn}`);
        switch (fn) {
            case 'Ref':
                return this.ref(String(arg));
            case 'Condition':
                return this.condition(String(arg));
            case 'Fn::GetAtt': {
                const parts =
                    typeof arg === 'string'
                        ? [arg.slice(0, arg.indexOf('.')), arg.slice(arg.indexOf('.') + 1)]
                        : (this.evaluate(arg) as unknown[]);
                if (!Array.isArray(parts) || parts.length !== 2) this.fail('Fn::GetAtt takes [LogicalId, Attribute]');
                const id = String(parts[0]);
                const attribute = String(parts[1]);
                if (!this.resourceExists(id)) this.fail(`Fn::GetAtt names ${id}, which is no resource of this template`);
                return this.resolver.getAtt(this.template, id, attribute);
            }
            case 'Fn::Sub':
                return this.sub(arg);
            case 'Fn::Join': {
                const [delimiter, list] = this.list(fn, arg, 2);
                const items = this.evaluate(list);
                if (items instanceof Unknown) return items;
                if (!Array.isArray(items)) this.fail('Fn::Join takes [delimiter, [values…]]');
                return this.joinText(items as unknown[], String(delimiter));
            }
            case 'Fn::Select': {
                const [index, list] = this.list(fn, arg, 2).map(v => this.evaluate(v));
                if (list instanceof Unknown) return list;
                if (index instanceof Unknown) return index;
                const i = Number(index);
                if (!Array.isArray(list) || !Number.isInteger(i) || i < 0 || i >= list.length)
                    this.fail(`Fn::Select: index ${String(index)} is outside the list`);
                return (list as unknown[])[i];
            }
            case 'Fn::Split': {
                const [delimiter, source] = this.list(fn, arg, 2).map(v => this.evaluate(v));
                if (source instanceof Unknown) return source;
                return this.text(source).split(String(delimiter));
            }
            case 'Fn::GetAZs': {
                const region = this.evaluate(arg);
                if (region instanceof Unknown) return region;
                return availabilityZones(region === '' || region === null || region === undefined ? this.settings.region : String(region));
            }
            case 'Fn::Cidr': {
                const [block, count, bits] = this.list(fn, arg, 3).map(v => this.evaluate(v));
                for (const v of [block, count, bits]) if (v instanceof Unknown) return v;
                const result = fnCidr(this.text(block), Number(count), Number(bits));
                if (!result.ok) this.fail(`Fn::Cidr: ${result.why}`);
                return result.blocks;
            }
            case 'Fn::If': {
                const [name, yes, no] = this.list(fn, arg, 3);
                const chosen = this.condition(String(name));
                if (chosen instanceof Unknown) return chosen;
                return this.evaluate(chosen ? yes : no);
            }
            case 'Fn::Equals': {
                const [a, b] = this.list(fn, arg, 2).map(v => this.evaluate(v));
                if (a instanceof Unknown) return a;
                if (b instanceof Unknown) return b;
                return JSON.stringify(this.scalarText(a)) === JSON.stringify(this.scalarText(b));
            }
            case 'Fn::And':
            case 'Fn::Or': {
                const values = (Array.isArray(arg) ? arg : this.fail(`${fn} takes a list of conditions`)).map(v => this.evaluate(v));
                const unknown = values.find(v => v instanceof Unknown);
                if (unknown) return unknown;
                return fn === 'Fn::And' ? values.every(v => v === true) : values.some(v => v === true);
            }
            case 'Fn::Not': {
                const [value] = this.list(fn, arg, 1).map(v => this.evaluate(v));
                return value instanceof Unknown ? value : value !== true;
            }
            case 'Fn::FindInMap': {
                const [map, top, second] = this.list(fn, arg, 3).map(v => this.evaluate(v));
                for (const v of [map, top, second]) if (v instanceof Unknown) return v;
                const mappings = (this.template.body.Mappings ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
                const found = mappings[String(map)]?.[String(top)]?.[String(second)];
                if (found === undefined) this.fail(`Fn::FindInMap: no ${String(map)}.${String(top)}.${String(second)} in Mappings`);
                return this.evaluate(found);
            }
            case 'Fn::Base64': {
                const value = this.evaluate(arg);
                return value instanceof Unknown ? value : Buffer.from(this.text(value)).toString('base64');
            }
            case 'Fn::ImportValue': {
                const name = this.evaluate(arg);
                if (name instanceof Unknown) return name;
                return this.resolver.importValue(this.text(name), this.template);
            }
        }
        return this.fail(`unknown intrinsic function ${fn}`);
    }

    private list(fn: string, arg: unknown, length: number): unknown[] {
        if (!Array.isArray(arg) || arg.length < length) this.fail(`${fn} takes a list of ${length}`);
        return arg as unknown[];
    }

    private resourceExists(id: string): boolean {
        return Object.prototype.hasOwnProperty.call(this.template.body.Resources ?? {}, id);
    }

    ref(name: string): unknown {
        if (name.startsWith('AWS::')) {
            const value = this.pseudo(name);
            if (value === undefined) this.fail(`Ref to an unknown pseudo parameter ${name}`);
            return value;
        }
        if (this.parameters.has(name)) {
            const value = this.parameters.get(name);
            if (value instanceof StackOutput) return this.resolver.stackOutput(value);
            return value instanceof NestedParameter ? this.resolver.nestedParameter(value) : value;
        }
        const known = this.refs.get(name);
        if (known !== undefined) return known;
        if (this.resourceExists(name)) {
            const ref = new ResourceRef(this.template.file, name);
            this.refs.set(name, ref);
            return ref;
        }
        return this.fail(`Ref names ${name}, which is no parameter or resource of this template`);
    }

    /** A condition's value, evaluated once; a condition that names itself through others is a cycle. */
    condition(name: string): boolean | Unknown {
        const cached = this.conditionCache.get(name);
        if (cached !== undefined) return cached;
        const conditions = (this.template.body.Conditions ?? {}) as Record<string, unknown>;
        if (!(name in conditions)) this.fail(`condition ${name} is not defined in Conditions`);
        if (this.conditionsInProgress.includes(name)) this.fail(`condition cycle: ${[...this.conditionsInProgress, name].join(' → ')}`);
        this.conditionsInProgress.push(name);
        const value = this.evaluate(conditions[name]);
        this.conditionsInProgress.pop();
        const result = value instanceof Unknown ? value : value === true;
        this.conditionCache.set(name, result);
        return result;
    }

    private sub(arg: unknown): unknown {
        const [text, variables] = typeof arg === 'string' ? [arg, {}] : (this.list('Fn::Sub', arg, 1) as [unknown, unknown]);
        if (typeof text !== 'string') this.fail('Fn::Sub takes a string or [string, {variables}]');
        const vars = (this.evaluate(variables ?? {}) ?? {}) as Record<string, unknown>;
        let unknown: Unknown | undefined;
        const out = (text as string).replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
            if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
            const name = inner.trim();
            let value: unknown;
            if (name in vars) value = vars[name];
            else if (name.includes('.') && !name.startsWith('AWS::')) {
                const dot = name.indexOf('.');
                value = this.apply('Fn::GetAtt', [name.slice(0, dot), name.slice(dot + 1)]);
            } else value = this.ref(name);
            if (value instanceof Unknown) {
                unknown ??= value;
                return whole;
            }
            return this.text(value);
        });
        return unknown ?? out;
    }

    private joinText(items: unknown[], delimiter: string): unknown {
        const unknown = items.find(i => i instanceof Unknown);
        return unknown ?? items.map(i => this.text(i)).join(delimiter);
    }

    /** A value as text inside strings; CloudFormation passes numbers and booleans as their text. */
    text(value: unknown): string {
        if (value instanceof ResourceRef) return this.resolver.refText(value);
        if (Array.isArray(value)) return value.map(v => this.text(v)).join(',');
        return String(value);
    }

    private scalarText(value: unknown): unknown {
        return typeof value === 'number' || typeof value === 'boolean'
            ? String(value)
            : value instanceof ResourceRef
              ? `ref:${value.logicalId}`
              : value;
    }
}

/**
 * Checks templates against CloudFormation's resource specification (`@aws-cdk/aws-service-spec`):
 * every resource type, every property (nested ones too), every required property, every
 * `Fn::GetAtt` attribute, every `Ref`, condition and `DependsOn` target.
 */
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

interface SpecProperty {
    type: SpecType;
    required?: boolean;
}
type SpecType =
    | { type: 'string' | 'number' | 'integer' | 'boolean' | 'json' | 'date-time' | 'tag' | 'null' }
    | { type: 'array' | 'map'; element: SpecType }
    | { type: 'ref'; reference: { $ref: string } }
    | { type: 'union'; types: SpecType[] };

interface SpecResource {
    properties: Record<string, SpecProperty>;
    attributes: Record<string, unknown>;
}

const db = loadAwsServiceSpecSync();
const resources = new Map<string, SpecResource | undefined>();

export function specResource(type: string): SpecResource | undefined {
    if (!resources.has(type)) {
        const found = db.lookup('resource', 'cloudFormationType', 'equals', type);
        resources.set(type, found.length === 1 ? (found.only() as unknown as SpecResource) : undefined);
    }
    return resources.get(type);
}

const PSEUDO = new Set([
    'AWS::AccountId',
    'AWS::Region',
    'AWS::StackName',
    'AWS::StackId',
    'AWS::Partition',
    'AWS::URLSuffix',
    'AWS::NoValue',
    'AWS::NotificationARNs'
]);

function isIntrinsic(value: Json): boolean {
    return (
        value !== null &&
        typeof value === 'object' &&
        !Array.isArray(value) &&
        Object.keys(value).length === 1 &&
        /^(Ref|Fn::|Condition$)/.test(Object.keys(value)[0]!)
    );
}

function checkValue(value: Json, type: SpecType, path: string, problems: string[]): void {
    if (isIntrinsic(value)) return;
    switch (type.type) {
        case 'array':
            if (!Array.isArray(value)) problems.push(`${path}: a list is expected`);
            else value.forEach((v, i) => checkValue(v, type.element, `${path}[${i}]`, problems));
            return;
        case 'ref': {
            const definition = db.get('typeDefinition', type.reference.$ref) as unknown as { properties: Record<string, SpecProperty> };
            if (value === null || typeof value !== 'object' || Array.isArray(value)) {
                problems.push(`${path}: an object is expected`);
                return;
            }
            checkProperties(value, definition.properties, path, problems);
            return;
        }
        case 'union':
            return;
        default:
            return;
    }
}

function checkProperties(values: { [key: string]: Json }, spec: Record<string, SpecProperty>, path: string, problems: string[]): void {
    for (const [name, value] of Object.entries(values)) {
        const property = spec[name];
        if (!property) problems.push(`${path}.${name}: no such property`);
        else checkValue(value, property.type, `${path}.${name}`, problems);
    }
    for (const [name, property] of Object.entries(spec)) {
        if (property.required && !(name in values)) problems.push(`${path}.${name}: required`);
    }
}

function walk(value: Json, visit: (key: string, inner: Json) => void): void {
    if (Array.isArray(value)) value.forEach(v => walk(v, visit));
    else if (value && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) {
            visit(k, v);
            walk(v, visit);
        }
}

/** Every problem of a template, as `Resources.X.Properties.Y: why`. */
export function templateProblems(template: { [key: string]: Json }): string[] {
    const problems: string[] = [];
    const templateResources = (template.Resources ?? {}) as Record<
        string,
        { Type: string; Properties?: { [key: string]: Json }; DependsOn?: string[]; Condition?: string }
    >;
    const parameters = (template.Parameters ?? {}) as Record<string, unknown>;
    const conditions = (template.Conditions ?? {}) as Record<string, unknown>;
    for (const [id, resource] of Object.entries(templateResources)) {
        if (!/^[A-Za-z0-9]+$/.test(id)) problems.push(`${id}: a logical id is alphanumeric`);
        const spec = specResource(resource.Type);
        if (!spec) {
            problems.push(`${id}: no resource type ${resource.Type}`);
            continue;
        }
        checkProperties(resource.Properties ?? {}, spec.properties, `${id}.Properties`, problems);
        for (const dependency of resource.DependsOn ?? [])
            if (!(dependency in templateResources)) problems.push(`${id}: DependsOn ${dependency}, which does not exist`);
        if (resource.Condition && !(resource.Condition in conditions))
            problems.push(`${id}: condition ${resource.Condition} does not exist`);
    }
    walk(template as Json, (key, inner) => {
        if (key === 'Ref' && typeof inner === 'string' && !(inner in templateResources) && !(inner in parameters) && !PSEUDO.has(inner))
            problems.push(`Ref ${inner}: nothing of that name`);
        if (key === 'Fn::GetAtt' && Array.isArray(inner)) {
            const [target, attribute] = inner as [string, string];
            const resource = templateResources[target];
            if (!resource) problems.push(`GetAtt ${target}: no such resource`);
            // A nested stack's outputs: `Outputs.NestedStackOutputName` (AWS::CloudFormation::Stack's reference page).
            else if (resource.Type === 'AWS::CloudFormation::Stack' && /^Outputs\.[A-Za-z0-9]+$/.test(attribute)) return;
            else if (!(attribute in (specResource(resource.Type)?.attributes ?? {})))
                problems.push(`GetAtt ${target}.${attribute}: ${resource.Type} has no such attribute`);
        }
        if (key === 'Condition' && typeof inner === 'string' && !(inner in conditions)) problems.push(`Condition ${inner}: not defined`);
    });
    return problems;
}

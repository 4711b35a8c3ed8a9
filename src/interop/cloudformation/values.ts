/** The values an evaluated template holds besides JSON: references to resources and values not known before deployment. */

/** `Ref` (or a `…Id` attribute) of a resource: its physical id, which only the resource's mapping can name. */
export class ResourceRef {
    /** The resource it names, once looked up (a reference is looked up many times by the passes; see `Stacks.resource`). */
    resolved: unknown = undefined;

    constructor(
        readonly templateFile: string,
        readonly logicalId: string,
        readonly attribute?: string
    ) {}
}

/** A value CloudFormation knows only when it deploys (or an input not given): why, in words. */
export class Unknown {
    constructor(readonly why: string) {}
}

/**
 * A parameter that another stack's output fills (as `vpc-lab export` writes spanning designs):
 * resolved by `Ref` to that output's value when the other stack's template is given.
 */
export class StackOutput {
    constructor(
        readonly parameter: string,
        readonly account: string,
        readonly region: string,
        readonly output: string
    ) {}
}

/** A nested stack's parameter, given by its parent's `AWS::CloudFormation::Stack` resource (`Parameters`). */
export class NestedParameter {
    constructor(
        readonly parameter: string,
        readonly parentFile: string,
        readonly stackLogicalId: string,
        /** The nested template's `Default`, when the parent gives nothing. */
        readonly fallback: unknown
    ) {}
}

/** A parameter that takes the id of an AWS-managed prefix list (`vpc-lab export` says which in the template's Metadata). */
export class ManagedPrefixList {
    constructor(
        readonly service: string,
        readonly region: string
    ) {}
}

/** `AWS::NoValue`: the property is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

export function isUnknown(value: unknown): value is Unknown {
    return value instanceof Unknown;
}

/** The first Unknown inside a value, if any. */
export function findUnknown(value: unknown): Unknown | undefined {
    if (value instanceof Unknown) return value;
    if (Array.isArray(value))
        for (const item of value) {
            const u = findUnknown(item);
            if (u) return u;
        }
    else if (value && typeof value === 'object' && !(value instanceof ResourceRef))
        for (const item of Object.values(value)) {
            const u = findUnknown(item);
            if (u) return u;
        }
    return undefined;
}

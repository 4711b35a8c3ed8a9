/**
 * What every part of the CloudFormation export shares: the stacks (one per account and region),
 * which logical id each element got in which stack, how one stack refers to an element of
 * another (a parameter it is given, filled from the other stack's output), and the list of what
 * could not be exported, with why.
 */
import { qualifiedNameOfId } from '../../../model/ids.js';
import type { SourceLocation, Topology, Vpc } from '../../../model/topology.js';
import { allElements, type AnyElement } from '../../../simulator/topology-index.js';
import { pascal, ref, Template, type Value } from './template.js';

export interface NotExported {
    /** The element, as the language names it (`app.web-1`). */
    element: string;
    loc?: SourceLocation;
    why: string;
}

export interface Stack {
    /** The template's file name, `ACCOUNT-REGION.yaml`. */
    name: string;
    account: string;
    region: string;
    template: Template;
}

export class ExportContext {
    readonly stacks: Stack[] = [];
    readonly notExported: NotExported[] = [];
    private readonly byId = new Map<string, AnyElement>();
    private readonly stackByKey = new Map<string, Stack>();
    private readonly logical = new Map<string, { stack: Stack; id: string }>();
    /** Parameters made for elements of other stacks, by `stack name|element id|attribute`. */
    private readonly imported = new Map<string, string>();

    constructor(readonly topology: Topology) {
        for (const element of allElements(topology)) this.byId.set(element.id, element);
    }

    element<T extends AnyElement = AnyElement>(id: string | undefined): T | undefined {
        return id === undefined ? undefined : (this.byId.get(id) as T | undefined);
    }

    vpcOf(id: string): Vpc | undefined {
        const element = this.element(id);
        if (!element) return undefined;
        if (element.kind === 'vpc') return element;
        return 'vpc' in element && typeof element.vpc === 'string' ? this.element<Vpc>(element.vpc) : undefined;
    }

    stackFor(account: string, region: string): Stack {
        const key = `${account}|${region}`;
        let stack = this.stackByKey.get(key);
        if (!stack) {
            const accountName = this.topology.accounts.find(a => a.number === account && !a.implicit)?.name;
            stack = {
                name: `${accountName ?? account}-${region}.yaml`,
                account,
                region,
                template: new Template(account, region, [
                    `VPC design for account ${accountName ? `${accountName} (${account})` : account} in ${region}.`
                ])
            };
            this.stackByKey.set(key, stack);
            this.stacks.push(stack);
        }
        return stack;
    }

    stackOfVpc(vpc: Vpc): Stack {
        return this.stackFor(vpc.account, vpc.region);
    }

    /** Gives an element its logical id in a stack. */
    name(elementId: string, stack: Stack, ...words: string[]): string {
        const id = stack.template.allocate(...words);
        this.logical.set(elementId, { stack, id });
        return id;
    }

    /** Records the logical id a part of an element got (an instance's explicit network interface). */
    register(key: string, stack: Stack, logicalId: string): void {
        this.logical.set(key, { stack, id: logicalId });
    }

    logicalId(elementId: string): { stack: Stack; id: string } | undefined {
        return this.logical.get(elementId);
    }

    /**
     * A value that names an element (its id, or one of its attributes) from a stack: `Ref` or
     * `Fn::GetAtt` inside the element's own stack, a parameter of the asking stack otherwise
     * (the element's stack outputs the value, and the template's description says how to pass it).
     */
    refFrom(stack: Stack, elementId: string, attribute?: string): Value | undefined {
        const target = this.logical.get(elementId);
        if (!target) return undefined;
        if (target.stack === stack) return attribute ? { 'Fn::GetAtt': [target.id, attribute] } : ref(target.id);
        const key = `${stack.name}|${elementId}|${attribute ?? ''}`;
        let parameter = this.imported.get(key);
        if (!parameter) {
            const what = `${qualifiedNameOfId(elementId) ?? elementId}${attribute ? ` ${attribute}` : ''}`;
            const output = target.stack.template.output([target.id, attribute ?? 'Id'], {
                Description: `${what}, for ${stack.name}`,
                Value: attribute ? { 'Fn::GetAtt': [target.id, attribute] } : ref(target.id)
            });
            parameter = stack.template.parameter([target.id, attribute ?? 'Id'], {
                Type: 'String',
                Default: '',
                fromStack: true,
                Description: `${what}: the output ${output} of the stack deployed from ${target.stack.name}; what needs it is made once it is given`
            });
            this.imported.set(key, parameter);
            stack.template.description.push(
                `Parameter ${parameter}: the output ${output} of the stack deployed from ${target.stack.name}.`
            );
        }
        return ref(parameter);
    }

    leftOut(element: { id: string; loc?: SourceLocation }, why: string): void {
        this.notExported.push({ element: qualifiedNameOfId(element.id) ?? element.id, loc: element.loc, why });
    }
}

export function tags(name: string): Value {
    return [{ Key: 'Name', Value: name }];
}

export { pascal };

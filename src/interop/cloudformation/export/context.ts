/**
 * What every part of the CloudFormation export shares: the stacks (one per account and region),
 * which logical id each element got in which stack, how one stack refers to an element of
 * another (a parameter it is given, filled from the other stack's output), and the list of what
 * could not be exported, with why.
 */
import { qualifiedNameOfId } from '../../../model/ids.js';
import type { Topology, Vpc } from '../../../model/topology.js';
import { ExportPlan, type NotExported, type UnitKey } from '../../common/export-plan.js';
import { ref, Template, type Value } from './template.js';

export type { NotExported };

export interface Stack extends UnitKey {
    /** The template's file name, `ACCOUNT-REGION.yaml`. */
    file: string;
    template: Template;
}

export class ExportContext extends ExportPlan<Stack> {
    private readonly logical = new Map<string, { stack: Stack; id: string }>();
    /** Parameters made for elements of other stacks, by `stack name|element id|attribute`. */
    private readonly imported = new Map<string, string>();

    constructor(topology: Topology) {
        super(topology, key => ({
            ...key,
            file: `${key.name}.yaml`,
            template: new Template(key, [
                `VPC design for account ${key.accountName ? `${key.accountName} (${key.account})` : key.account} in ${key.region}.`
            ])
        }));
    }

    get stacks(): Stack[] {
        return this.units;
    }

    stackFor(account: string, region: string): Stack {
        return this.unitFor(account, region);
    }

    stackOfVpc(vpc: Vpc): Stack {
        return this.unitOfVpc(vpc);
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

    /** Element id → its logical id (and stack file), for every element named. */
    logicalIds(): Map<string, { stack: string; id: string }> {
        return new Map([...this.logical].map(([element, { stack, id }]) => [element, { stack: stack.file, id }]));
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
                Description: `${what}, for ${stack.file}`,
                Value: attribute ? { 'Fn::GetAtt': [target.id, attribute] } : ref(target.id)
            });
            parameter = stack.template.parameter([target.id, attribute ?? 'Id'], {
                Type: 'String',
                Default: '',
                fromStack: { account: target.stack.account, region: target.stack.region, output },
                Description: `${what}: the output ${output} of the stack deployed from ${target.stack.file}; what needs it is made once it is given`
            });
            this.imported.set(key, parameter);
            stack.template.description.push(
                `Parameter ${parameter}: the output ${output} of the stack deployed from ${target.stack.file}.`
            );
        }
        return ref(parameter);
    }
}

export function tags(name: string): Value {
    return [{ Key: 'Name', Value: name }];
}

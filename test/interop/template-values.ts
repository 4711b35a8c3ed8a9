/**
 * Random CloudFormation template data for the property tests of the export's YAML writer and of
 * the export-style reader: scalars, lists, mappings and intrinsics (every short form, `Fn::GetAtt`
 * pairs, `Fn::If` over nested intrinsics) nested in each other.
 */
import fc from 'fast-check';
import type { Value } from '../../src/interop/cloudformation/export/template.js';
import { SHORT_FORMS } from '../../src/interop/cloudformation/template.js';

export interface TemplateValues {
    /** Strings: values, keys and logical IDs. */
    text: fc.Arbitrary<string>;
    /** Numbers among the scalars. */
    number: fc.Arbitrary<number>;
    /** The fewest resources a template has. */
    minResources?: number;
}

/** Random template data: a description, resources and outputs. */
export function templateValues({ text, number, minResources = 0 }: TemplateValues) {
    const scalar: fc.Arbitrary<Value> = fc.oneof(
        { weight: 6, arbitrary: text },
        { weight: 1, arbitrary: fc.integer() },
        { weight: 1, arbitrary: number },
        { weight: 1, arbitrary: fc.boolean() },
        { weight: 1, arbitrary: fc.constant(null) }
    );
    const { value } = fc.letrec<{ value: Value; intrinsic: Value }>(tie => ({
        value: fc.oneof(
            { depthSize: 'small', withCrossShrink: true },
            scalar,
            tie('intrinsic'),
            fc.array(tie('value'), { maxLength: 4 }),
            fc.dictionary(text, tie('value'), { maxKeys: 4 })
        ),
        // Intrinsics with arguments of every shape, nested in each other.
        intrinsic: fc.oneof(
            fc
                .record({ name: fc.constantFrom(...Object.values(SHORT_FORMS)), argument: fc.oneof(text, tie('value')) })
                .map(({ name, argument }) => ({ [name]: argument })),
            fc.tuple(text, text).map(([id, attribute]) => ({ 'Fn::GetAtt': [id, attribute] })),
            fc.array(tie('intrinsic'), { maxLength: 3 }).map(list => ({ 'Fn::If': ['Condition', ...list] }))
        )
    }));
    const template = fc.record({
        AWSTemplateFormatVersion: fc.constant('2010-09-09'),
        Description: text,
        Resources: fc.dictionary(text, value, { minKeys: minResources, maxKeys: 5 }),
        Outputs: fc.dictionary(text, value, { maxKeys: 3 })
    });
    return template;
}

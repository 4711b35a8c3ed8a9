/** What the CloudFormation importer reads exists in CloudFormation's resource specification (@aws-cdk/aws-service-spec). */
import { describe, expect, it } from 'vitest';
import { ELEMENT_TYPES, MODIFIER_TYPES } from '../../src/interop/cloudformation/build.js';
import { HANDLED } from '../../src/interop/cloudformation/handled.js';
import { specResource } from './cloudformation-spec.js';

describe('the importer against the resource specification', () => {
    it('every type, property and Fn::GetAtt attribute it reads exists', () => {
        const problems: string[] = [];
        for (const [type, { properties, attributes = [] }] of Object.entries(HANDLED)) {
            const spec = specResource(type);
            if (!spec) {
                problems.push(`${type}: no such type`);
                continue;
            }
            for (const p of properties) if (!(p in spec.properties)) problems.push(`${type}.${p}: no such property`);
            for (const a of attributes) if (!(a in spec.attributes)) problems.push(`${type}.${a}: no such attribute`);
        }
        expect(problems).toEqual([]);
    });

    it('the table covers every type the importer builds or applies', () => {
        expect([...Object.keys(ELEMENT_TYPES), ...MODIFIER_TYPES].filter(type => !(type in HANDLED))).toEqual([]);
    });
});

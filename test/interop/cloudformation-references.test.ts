/**
 * What a template value names (src/interop/cloudformation/references.ts), as the intrinsic
 * function reference pages define it: `Ref`, `Fn::GetAtt` in both its forms, and `Fn::Sub`, whose
 * `${Name}` is a variable when the function's own map defines it, a pseudo parameter when it
 * starts with `AWS::`, a literal when written `${!Name}`, and otherwise a resource or parameter
 * (`${Name.Attribute}` an attribute). The import's cycle check reads values with it.
 */
import { describe, expect, it } from 'vitest';
import { cycleIn } from '../../src/interop/cloudformation/cycles.js';
import { subNames, visitReferences } from '../../src/interop/cloudformation/references.js';

const named = (value: unknown): Array<[string, string | undefined]> => {
    const found: Array<[string, string | undefined]> = [];
    visitReferences(value, (id, attribute) => found.push([id, attribute]));
    return found;
};

describe('the names a template value refers to', () => {
    it('reads Ref, both forms of Fn::GetAtt, and nested values in the order written', () => {
        expect(
            named({
                VpcId: { Ref: 'AppVpc' },
                Ipv6CidrBlock: { 'Fn::Select': [0, { 'Fn::GetAtt': ['AppVpc', 'Ipv6CidrBlocks'] }] },
                GroupId: { 'Fn::GetAtt': 'WebSg.GroupId' },
                Tags: [{ Key: 'Name', Value: 'web' }]
            })
        ).toEqual([
            ['AppVpc', undefined],
            ['AppVpc', 'Ipv6CidrBlocks'],
            ['WebSg', 'GroupId']
        ]);
    });

    it('reads Fn::Sub names but not its own variables, pseudo parameters or ${!literals}', () => {
        expect(subNames('arn:${AWS::Partition}:s3:::${Bucket}/${!Literal}')).toEqual(['AWS::Partition', 'Bucket']);
        expect(subNames('no names here')).toEqual([]);
        expect(named({ 'Fn::Sub': '${AWS::Region}-${Bucket.Arn}-${!Skip}' })).toEqual([['Bucket', 'Arn']]);
        // Variables defined by the function shadow resources of the same name; their values are read.
        expect(named({ 'Fn::Sub': ['${Bucket}-${Other}', { Bucket: { Ref: 'Real' }, toString: 'x' }] })).toEqual([
            ['Other', undefined],
            ['Real', undefined]
        ]);
        // A name that is only an Object property (toString) is a name like any other when no map defines it.
        expect(named({ 'Fn::Sub': '${toString}' })).toEqual([['toString', undefined]]);
    });
});

describe('the reference cycle check', () => {
    const lines = new Map([
        ['A', 2],
        ['B', 5]
    ]);
    it('finds a cycle through a Fn::Sub name', () => {
        const resources = {
            A: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Sub': '${B}-a' } } },
            B: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { Ref: 'A' } } }
        };
        expect(cycleIn('t.yaml', resources, lines)).toMatch(/^t\.yaml:2: reference cycle between resources: A → B → A/);
    });
    it('sees no cycle where the name is the Fn::Sub variable of the same name', () => {
        const resources = {
            A: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Sub': ['${B}-a', { B: 'literal' }] } } },
            B: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { Ref: 'A' } } }
        };
        expect(cycleIn('t.yaml', resources, lines)).toBeUndefined();
    });
    it('follows DependsOn, a list or one name', () => {
        const resources = {
            A: { Type: 'AWS::S3::Bucket', DependsOn: 'B' },
            B: { Type: 'AWS::S3::Bucket', DependsOn: ['A'] }
        };
        expect(cycleIn('t.yaml', resources, lines)).toMatch(/A → B → A/);
    });
});

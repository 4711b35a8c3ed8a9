/**
 * describe-* input checked against the EC2 API's own shapes (generated from @aws-sdk/client-ec2's
 * model): what the API could not have given is refused in one line naming the file and the path,
 * before anything is converted; the project's fixtures, typed with the SDK's result types, pass.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { describeOutputs } from '../../bench/aws-json.js';
import { topologyOf } from '../../bench/simulate.js';
import { importAws } from '../../src/interop/aws/index.js';
import { SHAPES_SOURCE } from '../../src/interop/aws/shapes.js';
import { hubs } from '../fixtures/aws/hubs.js';
import { endpointOnly, peered } from '../fixtures/aws/private-and-peered.js';
import { twoTier } from '../fixtures/aws/two-tier.js';
import { writeFixture } from './helpers.js';

const refusal = async (files: Record<string, object | string>): Promise<string> => {
    try {
        await importAws(writeFixture(files));
    } catch (error) {
        return (error as Error).message;
    }
    throw new Error('imported');
};

const vpc = { VpcId: 'vpc-0a', CidrBlock: '10.0.0.0/16', OwnerId: '111111111111' };

describe('describe-* input against the EC2 API model', () => {
    it('the shapes are those of the installed SDK (npm run ec2-shapes -- --check)', () => {
        const version = (
            JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@aws-sdk/client-ec2/package.json'), 'utf8')) as {
                version: string;
            }
        ).version;
        expect(SHAPES_SOURCE).toBe(`@aws-sdk/client-ec2 ${version}`);
        expect(execFileSync('node', ['scripts/ec2-shapes.mjs', '--check'], { encoding: 'utf8' })).toMatch(/matches/);
    });

    it("every fixture passes, and the bench's describe-* output of a generated estate", async () => {
        for (const fixture of [twoTier, endpointOnly, peered, hubs]) await expect(importAws(writeFixture(fixture))).resolves.toBeDefined();
        const estate = await importAws(writeFixture(describeOutputs(await topologyOf(16))));
        expect(estate.topology.vpcs).toHaveLength(16);
    });

    it('refuses, at its path, a value of a type the API never gives', async () => {
        expect(await refusal({ 'v.json': { Vpcs: [vpc, null] } })).toBe('v.json Vpcs[1]: null where the EC2 API gives an object (Vpc)');
        expect(await refusal({ 'v.json': { Vpcs: [{ ...vpc, CidrBlockAssociationSet: 'x' }] } })).toBe(
            'v.json Vpcs[0].CidrBlockAssociationSet: the string "x" where the EC2 API gives a list'
        );
        expect(await refusal({ 'v.json': { Vpcs: [{ ...vpc, CidrBlockAssociationSet: [null] }] } })).toBe(
            'v.json Vpcs[0].CidrBlockAssociationSet[0]: null where the EC2 API gives an object (VpcCidrBlockAssociation)'
        );
        expect(
            await refusal({
                'v.json': { Vpcs: [vpc] },
                's.json': { SecurityGroups: [{ GroupId: 'sg-1', VpcId: 'vpc-0a', IpPermissions: [{ IpProtocol: 'tcp', FromPort: '22' }] }] }
            })
        ).toBe('s.json SecurityGroups[0].IpPermissions[0].FromPort: the string "22" where the EC2 API gives a number');
        expect(await refusal({ 'v.json': { Vpcs: [{ ...vpc, IsDefault: 'yes' }] } })).toBe(
            'v.json Vpcs[0].IsDefault: the string "yes" where the EC2 API gives true or false'
        );
        // elbv2's items are not EC2's: only their being objects is checked.
        expect(await refusal({ 'v.json': { Vpcs: [vpc] }, 'lb.json': { LoadBalancers: [3] } })).toBe(
            'lb.json LoadBalancers[0]: 3 where the API gives an object'
        );
    });

    it('passes over members the model does not know, and reads times as text or seconds', async () => {
        const result = await importAws(
            writeFixture({
                'v.json': { Vpcs: [{ ...vpc, SomethingNew: { a: [1] } }] },
                'f.json': { FlowLogs: [{ FlowLogId: 'fl-1', CreationTime: 1700000000 }] }
            })
        );
        expect(result.topology.vpcs.map(v => v.name)).toEqual(['vpc-0a']);
    });

    it('a VPC without an id or an IPv4 block is said left out, not dropped or written empty', async () => {
        const result = await importAws(writeFixture({ 'v.json': { Vpcs: [vpc, { CidrBlock: '10.1.0.0/16' }, { VpcId: 'vpc-0c' }] } }));
        expect(result.topology.vpcs.map(v => v.name)).toEqual(['vpc-0a']);
        expect(result.report.lines()).toEqual([
            'v.json Vpcs[1]: left out: VPC ? (it has no VpcId)',
            'v.json Vpcs[2]: left out: VPC vpc-0c (it has no IPv4 block (describe-vpcs gives every VPC one))'
        ]);
    });
});

/**
 * One import through to its files: what the printed text cannot say about the imported model is a
 * note of the import (left out, exit 1), listed once and counted in the files' header.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareImport } from '../../src/interop/run-import.js';

const dir = mkdtempSync(join(tmpdir(), 'vpc-lab-run-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// An ALB given the VPC's default group beside its own: AWS takes both, the language can name only its own.
const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  AppVpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  PublicA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref AppVpc
      CidrBlock: 10.0.0.0/24
      AvailabilityZone: us-east-1a
  PublicB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref AppVpc
      CidrBlock: 10.0.1.0/24
      AvailabilityZone: us-east-1b
  AlbSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: the load balancer
      VpcId: !Ref AppVpc
  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [!Ref PublicA, !Ref PublicB]
      SecurityGroups: [!Ref AlbSg, !GetAtt AppVpc.DefaultSecurityGroup]
`;

describe('an import whose model the text cannot wholly say', () => {
    it('lists the printer’s problem once as left out, and the header counts it', async () => {
        writeFileSync(join(dir, 'alb.yaml'), TEMPLATE);
        const result = await prepareImport('cloudformation', ['alb.yaml'], { base: dir, region: 'us-east-1' });
        const notes = result.notes.filter(n => n.text.includes("names the VPC's default security group"));
        expect(notes).toHaveLength(1);
        expect(notes[0]).toMatchObject({ kind: 'left out' });
        expect(notes[0]!.text).toBe(
            "output: left out: AppVpc.Alb: names the VPC's default security group, which the language cannot name (the .vpc text cannot say it)"
        );
        expect(result.leftOut).toBe(true);
        const file = result.files.find(f => f.name !== 'workspace.vpc')!;
        expect(file.text).toMatch(/left out/);
        expect(file.text).toContain('security-groups AlbSg');
    });
});

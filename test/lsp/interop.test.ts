/**
 * `vpc/import` and `vpc/export` over a real stdio connection: what the editor's import and export
 * commands ask of the server. Expected values follow AWS's and HashiCorp's documentation:
 * `Fn::Cidr [block, count, cidrBits]` carves `count` blocks with `cidrBits` host bits each (8 host
 * bits: a /24 in IPv4), in order from the block's start; a CloudFormation parameter without a
 * `Default` must be given a value; a Terraform variable without a default must be set.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportRequest, ImportRequest } from '../../src/protocol.js';
import { LspClient } from './client.js';

/** A VPC whose block is a parameter without a Default, and two subnets carved by Fn::Cidr. */
const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  VpcCidr:
    Type: String
  Env:
    Type: String
    Default: lab
Resources:
  Network:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: !Ref VpcCidr
  Web:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Network
      AvailabilityZone: !Select [0, !GetAZs '']
      CidrBlock: !Select [0, !Cidr [!GetAtt Network.CidrBlock, 2, 8]]
  Db:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Network
      AvailabilityZone: !Select [1, !GetAZs '']
      CidrBlock: !Select [1, !Cidr [!GetAtt Network.CidrBlock, 2, 8]]
`;

const DESIGN = `vpc shop region us-east-1 {
  cidr 10.40.0.0/16
  subnet web az us-east-1a { cidr 10.40.1.0/24  route-table public }
  internet-gateway igw
  route-table public {
    route 0.0.0.0/0 -> igw
  }
  security-group web-sg {
    ingress tcp 443 from 0.0.0.0/0
  }
  instance web-1 subnet web {
    ip 10.40.1.10
    public-ip 54.0.0.40
    security-groups web-sg
  }
}
probe https: internet -> web-1 tcp 443 expect accept
`;

let client: LspClient;
let dir: string;
let designUri: string;

beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vpc-lab-interop-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'net.yaml'), TEMPLATE);
    mkdirSync(join(dir, 'tf'));
    writeFileSync(
        join(dir, 'tf', 'main.tf'),
        'variable "cidr" {\n  type = string\n}\n\nresource "aws_vpc" "main" {\n  cidr_block = var.cidr\n}\n'
    );
    writeFileSync(join(dir, 'shop.vpc'), DESIGN);
    client = new LspClient();
    await client.initialize(pathToFileURL(dir).href);
    designUri = pathToFileURL(join(dir, 'shop.vpc')).href;
    await client.open(designUri, DESIGN);
    await client.diagnosticsFor(designUri);
});

afterAll(async () => {
    await client.close();
    rmSync(dir, { recursive: true, force: true });
});

describe('importing through the server', () => {
    it('names the CloudFormation parameters without a Default first, and writes nothing', async () => {
        const out = join(dir, 'net-vpc');
        const result = await client.connection.sendRequest(ImportRequest, {
            kind: 'cloudformation',
            inputs: [join(dir, 'src', 'net.yaml')],
            folder: out,
            askMissing: true
        });
        expect(result).toEqual({ written: [], notes: [], missing: { kind: 'parameter', names: ['VpcCidr'] } });
        expect(existsSync(out)).toBe(false);
    });

    it('with the value given, writes one file per VPC, named from the workspace folder', async () => {
        const out = join(dir, 'net-vpc');
        const result = await client.connection.sendRequest(ImportRequest, {
            kind: 'cloudformation',
            inputs: [join(dir, 'src', 'net.yaml')],
            folder: out,
            parameters: { VpcCidr: '10.1.0.0/16' },
            askMissing: true
        });
        expect(result.error).toBeUndefined();
        // One VPC and nothing workspace-wide (no account, peering or bucket): no workspace.vpc.
        expect(result.written).toEqual([join(out, 'Network.vpc')]);
        expect(readdirSync(out)).toEqual(['Network.vpc']);
        const text = readFileSync(join(out, 'Network.vpc'), 'utf8');
        expect(text).toContain('cidr 10.1.0.0/16');
        // Fn::Cidr with 8 host bits: 10.1.0.0/24 first, 10.1.1.0/24 second.
        expect(text).toMatch(/subnet Web [^\n]*\{[^}]*cidr 10\.1\.0\.0\/24/);
        expect(text).toMatch(/subnet Db [^\n]*\{[^}]*cidr 10\.1\.1\.0\/24/);
        // The source is named as the command line names it from the folder it runs in, not by an absolute path.
        expect(text).toContain('// AWS::EC2::Subnet Web (src/net.yaml:');
        expect(text).not.toContain(dir);
        expect(result.summary).toBe('Imported 1 VPC, 2 subnets, 0 instances into net-vpc: Network.vpc');
    });

    it('never writes over a file: a second import into the same folder writes nothing and says which file', async () => {
        const out = join(dir, 'net-vpc');
        const before = readFileSync(join(out, 'Network.vpc'), 'utf8');
        const mtime = statSync(join(out, 'Network.vpc')).mtimeMs;
        const result = await client.connection.sendRequest(ImportRequest, {
            kind: 'cloudformation',
            inputs: [join(dir, 'src', 'net.yaml')],
            folder: out,
            parameters: { VpcCidr: '10.2.0.0/16' }
        });
        expect(result).toEqual({
            written: [],
            notes: [],
            error: `'${join(out, 'Network.vpc')}' already exists; nothing was written`
        });
        expect(readFileSync(join(out, 'Network.vpc'), 'utf8')).toBe(before);
        expect(statSync(join(out, 'Network.vpc')).mtimeMs).toBe(mtime);
    });

    it('asks for a Terraform variable without a default, then imports with it', async () => {
        const out = join(dir, 'tf-vpc');
        const asked = await client.connection.sendRequest(ImportRequest, {
            kind: 'terraform',
            inputs: [join(dir, 'tf')],
            folder: out,
            askMissing: true
        });
        expect(asked).toEqual({ written: [], notes: [], missing: { kind: 'variable', names: ['cidr'] } });
        expect(existsSync(out)).toBe(false);
        // Without asking, the answer is the command line's error line.
        const refused = await client.connection.sendRequest(ImportRequest, { kind: 'terraform', inputs: [join(dir, 'tf')], folder: out });
        expect(refused.error).toMatch(/the variable "cidr" has no value and no default: pass it with --var cidr=VALUE/);
        const result = await client.connection.sendRequest(ImportRequest, {
            kind: 'terraform',
            inputs: [join(dir, 'tf')],
            folder: out,
            vars: { cidr: '10.9.0.0/16' },
            askMissing: true
        });
        expect(result.error).toBeUndefined();
        expect(result.written.length).toBeGreaterThan(0);
        expect(result.written.every(p => p.startsWith(out) && p.endsWith('.vpc'))).toBe(true);
        expect(result.written.map(p => readFileSync(p, 'utf8')).join('\n')).toContain('cidr 10.9.0.0/16');
    });

    it('unreadable input is one line in the answer, and nothing is written', async () => {
        const empty = join(dir, 'empty');
        mkdirSync(empty);
        writeFileSync(join(empty, 'notes.txt'), 'hello');
        const out = join(dir, 'never');
        const result = await client.connection.sendRequest(ImportRequest, { kind: 'aws', inputs: [empty], folder: out });
        expect(result.written).toEqual([]);
        expect(result.error).toMatch(/^[^\n]+$/);
        const bad = await client.connection.sendRequest(ImportRequest, { kind: 'nope' as 'aws', inputs: [empty], folder: out });
        expect(bad.error).toBe('import: the kind is one of aws, cloudformation, terraform');
        expect(existsSync(out)).toBe(false);
    });
});

describe('exporting through the server', () => {
    it('writes a CloudFormation template of the workspace into the folder, and never over it again', async () => {
        const out = join(dir, 'cloudformation');
        const result = await client.connection.sendRequest(ExportRequest, { format: 'cloudformation', folder: out });
        expect(result.error).toBeUndefined();
        expect(result.written.length).toBe(1);
        expect(result.written[0]).toMatch(/\/cloudformation\/[^/]+-us-east-1\.yaml$/);
        const template = readFileSync(result.written[0]!, 'utf8');
        expect(template).toContain('AWS::EC2::VPC');
        expect(template).toContain('10.40.0.0/16');
        // The probe becomes a Reachability Analyzer path.
        expect(template).toContain('AWS::EC2::NetworkInsightsPath');
        expect(result.summary).toMatch(/^Wrote 1 template \(\d+ resources\) to cloudformation: /);

        const again = await client.connection.sendRequest(ExportRequest, { format: 'cloudformation', folder: out });
        expect(again.written).toEqual([]);
        expect(again.error).toMatch(/already exists; nothing was written \(export never writes over a file\)$/);
        expect(readFileSync(result.written[0]!, 'utf8')).toBe(template);
    });

    it('writes Terraform for the files named, in their current (unsaved) text', async () => {
        await client.change(
            designUri,
            2,
            DESIGN.replace('10.40.0.0/16', '10.41.0.0/16').replace('10.40.1.', '10.41.1.').replace('10.40.1.10', '10.41.1.10')
        );
        await client.diagnosticsFor(designUri);
        const out = join(dir, 'terraform');
        const result = await client.connection.sendRequest(ExportRequest, { format: 'terraform', folder: out, uris: [designUri] });
        expect(result.error).toBeUndefined();
        const vpc = result.written.find(p => p.endsWith('/vpc-shop.tf'));
        const probes = result.written.find(p => p.endsWith('/probes.tf'));
        expect(vpc).toBeDefined();
        expect(probes).toBeDefined();
        const text = readFileSync(vpc!, 'utf8');
        expect(text).toMatch(/resource "aws_vpc" "shop"/);
        expect(text).toContain('"10.41.0.0/16"');
        expect(readFileSync(probes!, 'utf8')).toContain('aws_ec2_network_insights_path');
    });

    it('refuses a design with errors, and a file the editor does not know', async () => {
        // A subnet outside its VPC's block: AWS refuses it (the checker's error).
        await client.change(designUri, 3, DESIGN.replace('cidr 10.40.1.0/24', 'cidr 10.99.1.0/24'));
        await client.diagnosticsFor(designUri, d => d.some(x => x.severity === 1));
        const out = join(dir, 'refused');
        const result = await client.connection.sendRequest(ExportRequest, { format: 'cloudformation', folder: out });
        expect(result.written).toEqual([]);
        expect(result.error).toMatch(/^the design has \d+ errors? \(first: shop\.vpc:\d+: .+\); fix them before exporting$/);
        const unknown = await client.connection.sendRequest(ExportRequest, {
            format: 'terraform',
            folder: out,
            uris: [pathToFileURL(join(dir, 'nowhere.vpc')).href]
        });
        expect(unknown.error).toBe('nowhere.vpc is not a .vpc file the editor knows');
        expect(existsSync(out)).toBe(false);
        await client.change(designUri, 4, DESIGN);
    });
});

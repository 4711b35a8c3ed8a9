/**
 * A design larger than one template may be: every template the export writes within CloudFormation's
 * quotas ("Understand CloudFormation quotas": 500 resources, 200 parameters, 200 outputs, a body of
 * 1 MB from Amazon S3, a Description of 1,024 bytes), the nested stacks wired as CloudFormation
 * requires (each parameter without a Default given by the parent, each output read there declared,
 * no circle between them), and import(export(x)) the same design.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { yamlTemplate } from '../../src/interop/cloudformation/template.js';
import { describe, expect, it } from 'vitest';
import { generateWorkspace } from '../../bench/generate.js';
import { probeMix } from '../../bench/simulate.js';
import { exportCloudFormation, type ExportedTemplate } from '../../src/interop/cloudformation/export/index.js';
import { nestedOperationProblems } from '../../src/interop/cloudformation/export/quotas.js';
import { importCloudFormation } from '../../src/interop/cloudformation/index.js';
import { printFiles } from '../../src/printer/index.js';
import { modelOf } from '../printer/support.js';
import { vpcLab } from '../cli/run.js';
import { templateProblems } from './cloudformation-spec.js';
import { byLogicalIds, designProbesOn, matrixOf, verdictsOf } from './round-trip-support.js';

type Json = Record<string, unknown>;

/** The quotas as AWS's page states them today (older copies said 200 resources and 60 outputs). */
const QUOTA = { resources: 500, parameters: 200, outputs: 200, s3Bytes: 1024 * 1024, descriptionBytes: 1024 };

const keys = (value: unknown) => Object.keys((value ?? {}) as object);

function checkQuotas(template: ExportedTemplate): void {
    expect(keys(template.json.Resources).length, template.name).toBeLessThanOrEqual(QUOTA.resources);
    expect(keys(template.json.Parameters).length, template.name).toBeLessThanOrEqual(QUOTA.parameters);
    expect(keys(template.json.Outputs).length, template.name).toBeLessThanOrEqual(QUOTA.outputs);
    expect(Buffer.byteLength(template.text), template.name).toBeLessThanOrEqual(QUOTA.s3Bytes);
    expect(Buffer.byteLength(String(template.json.Description)), template.name).toBeLessThanOrEqual(QUOTA.descriptionBytes);
}

/** The parent's nested stacks against their templates: what CloudFormation checks when it creates them. */
function checkWiring(parent: ExportedTemplate, byName: Map<string, ExportedTemplate>): void {
    const stacks = Object.entries(parent.json.Resources as Record<string, Json>);
    const order = new Map<string, string[]>();
    for (const [id, stack] of stacks) {
        expect(stack.Type).toBe('AWS::CloudFormation::Stack');
        const properties = stack.Properties as Json;
        const child = byName.get(String(properties.TemplateURL));
        expect(child, `${id}: ${String(properties.TemplateURL)} is written beside the parent`).toBeDefined();
        expect(child!.nestedIn).toBe(parent.name);
        const given = (properties.Parameters ?? {}) as Json;
        const declared = (child!.json.Parameters ?? {}) as Record<string, Json>;
        for (const name of keys(given)) expect(declared, `${id} gives ${name}`).toHaveProperty(name);
        for (const [name, p] of Object.entries(declared))
            if (p.Default === undefined) expect(given, `${id} needs ${name}`).toHaveProperty(name);
        const needs = new Set<string>((stack.DependsOn as string[] | undefined) ?? []);
        JSON.stringify(given, (key, value: unknown) => {
            if (key === 'Fn::GetAtt' && Array.isArray(value)) {
                const [other, attribute] = value as [string, string];
                needs.add(other);
                const otherChild = byName.get(
                    String(((parent.json.Resources as Record<string, Json>)[other]!.Properties as Json).TemplateURL)
                )!;
                expect(keys(otherChild.json.Outputs), `${other} outputs ${attribute}`).toContain(attribute.replace(/^Outputs\./, ''));
            }
            return value;
        });
        order.set(id, [...needs]);
    }
    // No circle: CloudFormation refuses a template whose resources depend on each other in one.
    const done = new Set<string>();
    const visiting = new Set<string>();
    const visit = (id: string) => {
        expect(visiting.has(id), `a circle through ${id}`).toBe(false);
        if (done.has(id)) return;
        visiting.add(id);
        for (const next of order.get(id) ?? []) visit(next);
        visiting.delete(id);
        done.add(id);
    };
    for (const id of order.keys()) visit(id);
}

describe('CloudFormation export of a design larger than a template', () => {
    it('writes a parent and nested stacks within every quota, wired as CloudFormation requires, and imports back to the same design', async () => {
        const files = Object.fromEntries(generateWorkspace(14).files);
        const design = await modelOf(files);
        expect(design.problems).toEqual([]);
        const topology = { ...design.topology, probes: probeMix(design.topology, 2) };
        const exported = exportCloudFormation(topology);
        const parents = exported.templates.filter(t => !t.nestedIn);
        const nested = exported.templates.filter(t => t.nestedIn);
        expect(parents).toHaveLength(1);
        expect(nested.length).toBeGreaterThanOrEqual(3);
        const byName = new Map(exported.templates.map(t => [t.name, t]));
        for (const template of exported.templates) {
            checkQuotas(template);
            expect(templateProblems(template.json as never), template.name).toEqual([]);
            expect(yamlTemplate(template.name, template.text).body).toEqual(JSON.parse(JSON.stringify(template.json)));
        }
        checkWiring(parents[0]!, byName);
        // Whole VPCs together: each VPC's subnets are in its template.
        for (const template of nested) {
            const resources = template.json.Resources as Record<string, { Type: string; Properties: Json }>;
            for (const subnet of Object.values(resources).filter(r => r.Type === 'AWS::EC2::Subnet'))
                expect(resources).toHaveProperty(String((subnet.Properties.VpcId as { Ref: string }).Ref));
        }
        // Given only the parent, the import reads the nested templates beside it.
        const dir = mkdtempSync(join(tmpdir(), 'cfn-quotas-'));
        for (const t of exported.templates) {
            mkdirSync(dirname(join(dir, t.name)), { recursive: true });
            writeFileSync(join(dir, t.name), t.text);
        }
        const imported = await importCloudFormation([join(dir, parents[0]!.name)]);
        expect(imported.report.notes.filter(n => n.kind === 'left out').map(n => `${n.what}: ${n.why}`)).toEqual([]);
        const after = await modelOf(
            Object.fromEntries(printFiles(imported.topology, { comments: imported.comments }).map(f => [f.name, f.text]))
        );
        expect(after.problems).toEqual([]);
        expect(after.topology.vpcs).toHaveLength(14);
        expect(after.codes).toEqual(design.codes);
        const rename = byLogicalIds(topology, exported.logicalIds);
        expect(designProbesOn(after.topology, topology, rename)).toEqual(verdictsOf(topology));
        expect(matrixOf(after.topology)).toEqual(matrixOf(topology, rename));
        // Naming the nested templates too changes nothing: each is read once, as part of its parent.
        const again = await importCloudFormation(exported.templates.map(t => join(dir, t.name)));
        expect(again.topology.vpcs.map(v => v.id)).toEqual(imported.topology.vpcs.map(v => v.id));
        expect(readFileSync(join(dir, parents[0]!.name), 'utf8')).toContain('aws cloudformation package');
    }, 60_000);
});

describe('CloudFormation import of nested stacks', () => {
    const parent = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  NetworkCidr:
    Type: String
    Default: 10.20.0.0/16
Resources:
  Network:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: stacks/network.yaml
      Parameters:
        Cidr: !Ref NetworkCidr
  Shared:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: https://s3.amazonaws.com/example-bucket/shared.yaml
  App:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !GetAtt Network.Outputs.VpcId
      CidrBlock: !Select [0, !Cidr [!Ref NetworkCidr, 4, 8]]
`;
    const network = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Cidr:
    Type: String
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: !Ref Cidr
Outputs:
  VpcId:
    Value: !Ref Vpc
`;

    function folder(files: Record<string, string>): string {
        const dir = mkdtempSync(join(tmpdir(), 'cfn-nested-'));
        for (const [name, text] of Object.entries(files)) {
            mkdirSync(dirname(join(dir, name)), { recursive: true });
            writeFileSync(join(dir, name), text);
        }
        return dir;
    }

    it('reads a nested template named by a relative TemplateURL: its parameters from the parent, its outputs by Fn::GetAtt Outputs; a URL is reported as not read', async () => {
        const dir = folder({ 'main.yaml': parent, 'stacks/network.yaml': network });
        const imported = await importCloudFormation([join(dir, 'main.yaml')]);
        // The parent gives Cidr its own parameter's default; the subnet is the first /24 of it (Fn::Cidr), in that VPC.
        expect(imported.topology.vpcs.map(v => [v.name, v.cidrs.map(c => c.value)])).toEqual([['Vpc', ['10.20.0.0/16']]]);
        expect(imported.topology.subnets.map(s => [s.name, s.vpc, s.cidr?.value])).toEqual([
            ['App', imported.topology.vpcs[0]!.id, '10.20.0.0/24']
        ]);
        const leftOut = imported.report.notes.filter(n => n.kind === 'left out').map(n => n.what);
        expect(leftOut).toEqual(['AWS::CloudFormation::Stack Shared']);
    });

    it('a nested template missing beside its parent leaves what needs it unknown, and says which stack', async () => {
        const dir = folder({ 'main.yaml': parent });
        const imported = await importCloudFormation([join(dir, 'main.yaml')]);
        expect(imported.topology.vpcs).toEqual([]);
        const notes = imported.report.notes.filter(n => n.kind === 'left out').map(n => `${n.what}: ${n.why}`);
        expect(notes).toContainEqual(
            expect.stringMatching(/^AWS::CloudFormation::Stack Network: its template .*stacks\/network\.yaml is not found beside/)
        );
        expect(notes.some(n => n.startsWith('AWS::EC2::Subnet App') && /Network/.test(n))).toBe(true);
    });
});

describe('vpc-lab export of a design larger than a template', () => {
    it('writes the parent beside a folder of nested templates, says so, and the import of the parent alone gives every VPC back', () => {
        const dir = mkdtempSync(join(tmpdir(), 'cfn-quotas-cli-'));
        // 8 VPCs: some 660 resources, over the 500 of one template.
        for (const [name, text] of generateWorkspace(8).files) writeFileSync(join(dir, name), text);
        const out = join(dir, 'out');
        const run = vpcLab(['export', dir, '--format', 'cloudformation', '-o', out]);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(
            /^Wrote \d+ templates \(\d+ resources; \d+ of them nested stacks, in the folders named like their parent\) to .*: 123456789012-us-east-1\.yaml\n$/
        );
        expect(readdirSync(out).sort()).toEqual(['123456789012-us-east-1', '123456789012-us-east-1.yaml']);
        expect(readdirSync(join(out, '123456789012-us-east-1')).length).toBeGreaterThanOrEqual(2);
        const back = vpcLab(['import', 'cloudformation', join(out, '123456789012-us-east-1.yaml'), '-o', join(dir, 'back')]);
        // Only the stand-ins for what AWS assigns (the NAT gateways' Elastic IPs), each at its line in a nested template.
        const lines = back.stderr.trim().split('\n');
        expect(lines).toHaveLength(8);
        for (const line of lines)
            expect(line).toMatch(/123456789012-us-east-1\/part-\d+\.yaml:\d+: stand-in: the Elastic IP of AWS::EC2::NatGateway V\dNat/);
        expect(back.code).toBe(0);
        expect(readdirSync(join(dir, 'back')).filter(f => f.endsWith('.vpc')).length).toBeGreaterThan(0);
    }, 60_000);
});

describe('the quota on one operation of nested stacks', () => {
    const resources = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`R${i}`, { Type: 'AWS::EC2::Subnet' }]));
    it('a parent whose nested stacks together create more than 2,500 resources is named; one at the quota is not', () => {
        const parent = (children: number) => ({ name: 'p.yaml', json: { Resources: resources(children) } });
        const child = (k: number, n: number) => ({ name: `p/part-${k}.yaml`, json: { Resources: resources(n) }, nestedIn: 'p.yaml' });
        // 5 nested stacks of 499 resources and the parent's 5: 2,500 in one operation.
        const atQuota = [parent(5), ...[1, 2, 3, 4, 5].map(k => child(k, 499))];
        expect(nestedOperationProblems(atQuota)).toEqual([]);
        const over = [parent(6), ...[1, 2, 3, 4, 5, 6].map(k => child(k, 499))];
        const problems = nestedOperationProblems(over);
        expect(problems.map(p => p.file)).toEqual(['p.yaml']);
        expect(problems[0]!.problems[0]).toMatch(/^3000 resources created in one operation with its nested stacks \(at most 2500/);
        // A template with no nested stacks is another quota's business.
        expect(nestedOperationProblems([{ name: 'one.yaml', json: { Resources: resources(480) } }])).toEqual([]);
    });
});

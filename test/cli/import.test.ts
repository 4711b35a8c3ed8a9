/**
 * End to end, as a user runs it: import, then the imported folder parses, checks clean and
 * simulates. The probes' verdicts are the ones reasoned from AWS's rules in test/interop/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { endpointOnly, peered } from '../fixtures/aws/private-and-peered.js';
import { twoTier } from '../fixtures/aws/two-tier.js';
import { writeFixture } from '../interop/helpers.js';
import { vpcLab } from './run.js';

function verdicts(folder: string, probes: string): Array<[string, string]> {
    writeFileSync(join(folder, 'probes.vpc'), probes);
    const check = vpcLab(['check', folder, '--format', 'json']);
    const errors = (
        JSON.parse(check.stdout) as { diagnostics: Array<{ severity: string; code: string; message: string }> }
    ).diagnostics.filter(d => d.severity === 'error');
    expect(errors).toEqual([]);
    const run = vpcLab(['simulate', folder, '--format', 'json']);
    return (JSON.parse(run.stdout) as { probes: Array<{ name: string; verdict: string; reason: string | null }> }).probes.map(p => [
        p.name,
        p.reason ? `${p.verdict} ${p.reason}` : p.verdict
    ]);
}

describe('vpc-lab import aws, end to end', () => {
    it('a two-tier VPC: the folder checks clean and answers as AWS would', () => {
        const out = join(writeFixture({}), 'out');
        const run = vpcLab(['import', 'aws', writeFixture(twoTier), '-o', out]);
        expect(run.code).toBe(0);
        expect(readFileSync(join(out, 'two-tier.vpc'), 'utf8')).toContain(
            '// subnet-0pub0000000000a "public-a" (subnets.json Subnets[0])\n  subnet public-a'
        );
        expect(
            verdicts(
                out,
                [
                    'probe in443: internet -> two-tier.web-a tcp 443',
                    'probe web-app: two-tier.web-a -> two-tier.app-b tcp 8080',
                    'probe app-out: two-tier.app-b -> internet 8.8.8.8 tcp 443',
                    'probe in-app: internet -> two-tier.app-b tcp 8080'
                ].join('\n') + '\n'
            )
        ).toEqual([
            ['in443', 'ACCEPT'],
            ['web-app', 'ACCEPT'],
            ['app-out', 'ACCEPT'],
            ['in-app', 'REJECT NO_PUBLIC_IP']
        ]);
    });

    it('an endpoint-only VPC (exit 1: a customer-managed prefix list is left out) and a peered pair', () => {
        const a = join(writeFixture({}), 'out');
        expect(vpcLab(['import', 'aws', writeFixture(endpointOnly), '-o', a]).code).toBe(1);
        expect(verdicts(a, 'probe to-s3: vault.worker -> service s3 tcp 443\nprobe to-ssm: vault.worker -> service ssm tcp 443\n')).toEqual(
            [
                ['to-s3', 'ACCEPT'],
                ['to-ssm', 'ACCEPT']
            ]
        );
        const b = join(writeFixture({}), 'out');
        expect(vpcLab(['import', 'aws', writeFixture(peered), '-o', b]).code).toBe(0);
        expect(verdicts(b, 'probe db: app.app-1 -> shared.db-1 tcp 5432\nprobe back: shared.db-1 -> app.app-1 tcp 8443\n')).toEqual([
            ['db', 'ACCEPT'],
            ['back', 'REJECT SG_INGRESS']
        ]);
    });
});

describe('vpc-lab import cloudformation, end to end', () => {
    const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/cloudformation/${name}`, import.meta.url));

    it('two templates as one workspace: the folder checks clean and answers as AWS would', () => {
        const out = join(writeFixture({}), 'out');
        const run = vpcLab(['import', 'cloudformation', fixture('two-tier.yaml'), fixture('peered.json'), '-o', out]);
        expect(run.stderr).not.toMatch(/left out/);
        expect(run.code).toBe(0);
        expect(readFileSync(join(out, 'VPC.vpc'), 'utf8')).toContain('// AWS::EC2::Subnet PublicSubnet1 (');
        expect(
            verdicts(
                out,
                [
                    'probe in443: internet -> VPC.WebServer tcp 443',
                    'probe ssh: internet -> VPC.WebServer tcp 22',
                    'probe db: VPC.AppServer -> SharedVpc.Database tcp 5432'
                ].join('\n') + '\n'
            )
        ).toEqual([
            ['in443', 'ACCEPT'],
            ['ssh', 'REJECT SG_INGRESS'],
            ['db', 'ACCEPT']
        ]);
    });

    it('an endpoint-only VPC with a bucket private to its endpoint', () => {
        const out = join(writeFixture({}), 'out');
        expect(vpcLab(['import', 'cloudformation', fixture('endpoint-only.yaml'), '-o', out]).code).toBe(0);
        expect(
            verdicts(
                out,
                [
                    'probe get: VaultVpc.Worker -> service s3 tcp 443 request "s3:GetObject" on "arn:aws:s3:::vault-assets/a.csv"',
                    'probe delete: VaultVpc.Worker -> service s3 tcp 443 request "s3:DeleteObject" on "arn:aws:s3:::vault-assets/a.csv"'
                ].join('\n') + '\n'
            )
        ).toEqual([
            ['get', 'ACCEPT'],
            ['delete', 'REJECT ENDPOINT_POLICY']
        ]);
    });

    it('bad input: one line, exit 2, nothing written', () => {
        const dir = writeFixture({ 'bad.yaml': 'Resources:\n  A: !Bogus x\n' });
        const out = join(dir, 'out');
        const run = vpcLab(['import', 'cloudformation', join(dir, 'bad.yaml'), '-o', out]);
        expect(run.code).toBe(2);
        expect(run.stderr).toBe(
            `vpc-lab: ${join(dir, 'bad.yaml')}:2:6: unknown tag !Bogus: CloudFormation's short forms are !Ref !Condition !Sub !GetAtt !Join !Select !Split !GetAZs !Cidr !If !Equals !And !Or !Not !FindInMap !Base64 !ImportValue\n`
        );
        expect(vpcLab(['import', 'aws', dir, '-o', out]).code).toBe(2);
        expect(() => readFileSync(join(out, 'workspace.vpc'))).toThrow();
    });
});

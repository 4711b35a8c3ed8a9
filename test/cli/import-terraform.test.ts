/**
 * `vpc-lab import terraform` as a user runs it: what it writes, what it says on stderr, its exit
 * status (LANGUAGE.md §6: 0 imported, 1 something left out, 2 unreadable input or a file in the
 * way, and then nothing written), and bad input named in the product's own words.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { check } from '../helpers.js';
import { vpcLab } from './run.js';

let dir: string;

function config(name: string, files: Record<string, string>): string {
    const path = join(dir, name);
    mkdirSync(path, { recursive: true });
    for (const [file, text] of Object.entries(files)) {
        mkdirSync(join(path, file, '..'), { recursive: true });
        writeFileSync(join(path, file), text);
    }
    return path;
}

const VPC = 'resource "aws_vpc" "main" {\n  cidr_block = var.cidr\n}\n';

beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vpc-lab-tf-'));
});

describe('vpc-lab import terraform', () => {
    it('writes .vpc files that check clean, and says what it wrote', () => {
        const out = join(dir, 'out-count');
        const run = vpcLab(['import', 'terraform', 'test/fixtures/terraform/count-azs', '-o', out]);
        expect(run.stdout).toBe(`Imported 1 VPC, 4 subnets, 4 instances into ${out}: main.vpc\n`);
        // One group has no egress rule (the provider removes AWS's default one): written as `egress none`, nothing left out.
        expect(run.code).toBe(0);
        expect(run.stderr).not.toContain('left out');
        const text = readFileSync(join(out, 'main.vpc'), 'utf8');
        expect(text).toContain(
            // The printer leaves out the region's first zone, as the language's default.
            '// aws_subnet.private[0] (test/fixtures/terraform/count-azs/main.tf:30)\n  subnet private-0 { cidr 10.20.10.0/24'
        );
        expect(text).toMatch(/security-group web \{[^}]*egress none/);
    });

    it('the written files are valid .vpc: every fixture checks without an error', async () => {
        for (const fixture of ['count-azs', 'for-each-dual-stack', 'json/plan.json', 'json/state.json']) {
            const out = join(dir, `valid-${fixture.replace(/\W/g, '-')}`);
            vpcLab(['import', 'terraform', `test/fixtures/terraform/${fixture}`, '-o', out]);
            const files = Object.fromEntries(readdirSync(out).map(f => [f, readFileSync(join(out, f), 'utf8')]));
            const errors = (await check(files)).diagnostics
                .filter(d => d.severity === 1)
                .map(d => `${d.file}:${d.range.start.line + 1} ${d.code} ${d.message}`);
            expect(errors, fixture).toEqual([]);
        }
    });

    it('several root folders, or the folder holding them, import as one workspace', () => {
        const parent = vpcLab(['import', 'terraform', 'test/fixtures/terraform/workspace', '-o', join(dir, 'ws-parent')]);
        const folders = vpcLab([
            'import',
            'terraform',
            'test/fixtures/terraform/workspace/network-us-east-1',
            'test/fixtures/terraform/workspace/apps-us-east-1',
            '-o',
            join(dir, 'ws-folders')
        ]);
        for (const run of [parent, folders]) {
            expect(run.code).toBe(0);
            expect(run.stdout.replace(/^Imported 2 VPCs, \d+ subnets?, \d+ instances? into [^:]*: /, '')).toBe(
                run === parent ? 'workspace.vpc, apps.vpc, shared.vpc\n' : 'workspace.vpc, shared.vpc, apps.vpc\n'
            );
        }
        const workspace = readFileSync(join(dir, 'ws-folders', 'workspace.vpc'), 'utf8');
        expect(workspace).toContain('account network id "111111111111"');
        expect(workspace).toContain('peering to_shared requester apps accepter shared');
    });

    it('a folder with no .tf files in it or in its subfolders: exit 2, one line, nothing written', () => {
        const empty = config('empty-parent', { 'notes/README.md': 'no configuration here\n' });
        const out = join(dir, 'out-empty');
        const run = vpcLab(['import', 'terraform', empty, '-o', out]);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/^vpc-lab: .*empty-parent: no \.tf files, neither in the folder nor in its subfolders\n$/);
        expect(existsSync(out)).toBe(false);
    });

    it('--var sets a root variable; exit 0 when nothing is left out', () => {
        const path = config('vars', { 'main.tf': `variable "cidr" {}\n${VPC}` });
        const run = vpcLab(['import', 'terraform', path, '--var', 'cidr=10.7.0.0/16', '-o', join(dir, 'out-vars')]);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        expect(readFileSync(join(dir, 'out-vars', 'main.vpc'), 'utf8')).toContain('cidr 10.7.0.0/16');
    });

    it('variables: --var-file over *.auto.tfvars over terraform.tfvars over the default, as HashiCorp orders them', () => {
        const path = config('precedence', {
            'main.tf': `variable "cidr" {\n  default = "10.1.0.0/16"\n}\n${VPC}`,
            'terraform.tfvars': 'cidr = "10.2.0.0/16"\n',
            'b.auto.tfvars': 'cidr = "10.4.0.0/16"\n',
            'a.auto.tfvars': 'cidr = "10.3.0.0/16"\n',
            'extra.tfvars': 'cidr = "10.5.0.0/16"\n'
        });
        vpcLab(['import', 'terraform', path, '-o', join(dir, 'out-p1')]);
        // *.auto.tfvars in lexical order: b.auto.tfvars is read last.
        expect(readFileSync(join(dir, 'out-p1', 'main.vpc'), 'utf8')).toContain('cidr 10.4.0.0/16');
        vpcLab(['import', 'terraform', path, '--var-file', join(path, 'extra.tfvars'), '-o', join(dir, 'out-p2')]);
        expect(readFileSync(join(dir, 'out-p2', 'main.vpc'), 'utf8')).toContain('cidr 10.5.0.0/16');
    });

    it('an HCL syntax error: file:line:column from the parser, exit 2, nothing written', () => {
        const path = config('syntax', { 'main.tf': 'resource "aws_vpc" "main" {\n  cidr_block = \n}\n' });
        const out = join(dir, 'out-syntax');
        const run = vpcLab(['import', 'terraform', path, '-o', out]);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/^vpc-lab: .*syntax\/main\.tf:2:\d+: Invalid expression; Expected the start of an expression/);
        expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
        expect(existsSync(out)).toBe(false);
    });

    it('a variable with no value and no default is named, with how to pass it', () => {
        const path = config('novar', { 'main.tf': `variable "cidr" {\n  type = string\n}\n${VPC}` });
        const run = vpcLab(['import', 'terraform', path, '-o', join(dir, 'out-novar')]);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(
            /main\.tf:1: the variable "cidr" has no value and no default: pass it with --var cidr=VALUE, in a --var-file, or in terraform.tfvars\n$/
        );
    });

    it('a reference cycle is named with its path', () => {
        const path = config('cycle', {
            'main.tf': 'locals {\n  a = local.b\n  b = local.a\n}\nresource "aws_vpc" "main" {\n  cidr_block = local.a\n}\n'
        });
        const run = vpcLab(['import', 'terraform', path, '-o', join(dir, 'out-cycle')]);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain('reference cycle: local.a → local.b → local.a');
    });

    it('a registry module without terraform init is named as not available; the rest is imported (exit 1)', () => {
        const path = config('registry', {
            'main.tf': `variable "cidr" {\n  default = "10.8.0.0/16"\n}\n${VPC}\nmodule "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "~> 5.0"\n}\n`
        });
        const run = vpcLab(['import', 'terraform', path, '-o', join(dir, 'out-registry')]);
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(
            /main\.tf:8: left out: module\.vpc \(the module "terraform-aws-modules\/vpc\/aws" is not available here: run terraform init/
        );
        expect(existsSync(join(dir, 'out-registry', 'main.vpc'))).toBe(true);
    });

    it('a registry module installed by terraform init is read from .terraform/modules', () => {
        const path = config('installed', {
            'main.tf': 'module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n  cidr   = "10.9.0.0/16"\n}\n',
            '.terraform/modules/modules.json': JSON.stringify({
                Modules: [
                    { Key: '', Source: '', Dir: '.' },
                    {
                        Key: 'vpc',
                        Source: 'registry.terraform.io/terraform-aws-modules/vpc/aws',
                        Version: '5.8.1',
                        Dir: '.terraform/modules/vpc'
                    }
                ]
            }),
            '.terraform/modules/vpc/main.tf': 'variable "cidr" {}\nresource "aws_vpc" "this" {\n  cidr_block = var.cidr\n}\n'
        });
        const run = vpcLab(['import', 'terraform', path, '-o', join(dir, 'out-installed')]);
        expect(run.code).toBe(0);
        expect(readFileSync(join(dir, 'out-installed', 'vpc-this.vpc'), 'utf8')).toContain('cidr 10.9.0.0/16');
    });

    it('an output file in the way: exit 2 and nothing written over', () => {
        const out = join(dir, 'out-taken');
        mkdirSync(out);
        writeFileSync(join(out, 'main.vpc'), 'mine');
        const run = vpcLab(['import', 'terraform', 'test/fixtures/terraform/json/plan.json', '-o', out]);
        expect(run.code).toBe(2);
        expect(run.stderr).toBe(`vpc-lab: '${join(out, 'main.vpc')}' already exists; nothing was written\n`);
        expect(readFileSync(join(out, 'main.vpc'), 'utf8')).toBe('mine');
    });

    it('unreadable input: a missing path, JSON that is not terraform show -json', () => {
        expect(vpcLab(['import', 'terraform', join(dir, 'nope')]).stderr).toBe(`vpc-lab: ${join(dir, 'nope')}: no such file or folder\n`);
        writeFileSync(join(dir, 'other.json'), '{"a": 1}');
        const run = vpcLab(['import', 'terraform', join(dir, 'other.json'), '-o', join(dir, 'out-other')]);
        expect(run.code).toBe(2);
        expect(run.stderr).toBe('vpc-lab: other.json: not the output of terraform show -json (no format_version)\n');
    });
});

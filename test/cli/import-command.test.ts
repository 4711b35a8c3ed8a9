/**
 * The import commands' contract, below the printer: exit statuses, what is written and where,
 * nothing written on exit 2, one line per note on stderr. (End to end through the printer, the
 * parser and the simulator: import.test.ts.)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { importAwsCommand, importCloudFormationCommand, printImport, type FilePrinter } from '../../src/cli/import.js';
import { endpointOnly } from '../fixtures/aws/private-and-peered.js';
import { twoTier } from '../fixtures/aws/two-tier.js';
import { writeFixture } from '../interop/helpers.js';

/** A printer that writes each VPC's element names: enough to see what reached it. */
const print: FilePrinter = (topology, options) => {
    const header = options.header([]);
    return [
        ...topology.vpcs.map(v => ({
            name: `${v.name}.vpc`,
            text: `${header.map(h => `// ${h}`).join('\n')}\n${topology.subnets
                .filter(s => s.vpc === v.id)
                .map(s => s.name)
                .join('\n')}\n`
        })),
        { name: 'workspace.vpc', text: topology.peerings.map(p => p.name).join('\n') }
    ];
};

let stderr: string[];
let stdout: string[];
beforeEach(() => {
    stderr = [];
    stdout = [];
    vi.spyOn(process.stderr, 'write').mockImplementation(chunk => {
        stderr.push(String(chunk));
        return true;
    });
    vi.spyOn(process.stdout, 'write').mockImplementation(chunk => {
        stdout.push(String(chunk));
        return true;
    });
});
afterEach(() => {
    vi.restoreAllMocks();
});

describe('vpc-lab import aws', () => {
    it('writes one file per VPC and workspace.vpc, exit 0 when nothing is left out', async () => {
        const out = join(writeFixture({}), 'out');
        expect(await importAwsCommand(writeFixture(twoTier), { output: out }, print)).toBe(0);
        expect(readdirSync(out).sort()).toEqual(['two-tier.vpc', 'workspace.vpc']);
        expect(readFileSync(join(out, 'two-tier.vpc'), 'utf8')).toContain('private-b');
        expect(stdout.join('')).toMatch(/^Imported 1 VPC, 4 subnets, 4 instances into /);
    });

    it('exit 1 and one stderr line per thing left out', async () => {
        const out = join(writeFixture({}), 'out');
        expect(await importAwsCommand(writeFixture(endpointOnly), { output: out }, print)).toBe(1);
        // The customer-managed list is imported; its entries, with no get-managed-prefix-list-entries output, are not.
        expect(stderr.filter(l => l.includes(': left out: '))).toHaveLength(1);
        expect(readFileSync(join(out, 'vault.vpc'), 'utf8')).toContain(
            '//   managed-prefix-lists.json PrefixLists[1]: left out: the entries of prefix list pl-0office000000001'
        );
    });

    it('exit 2 and nothing written: a file in the way, malformed JSON, a folder with nothing recognisable', async () => {
        const out = writeFixture({ 'two-tier.vpc': 'mine' });
        expect(await importAwsCommand(writeFixture(twoTier), { output: out }, print)).toBe(2);
        expect(existsSync(join(out, 'workspace.vpc'))).toBe(false);
        expect(readFileSync(join(out, 'two-tier.vpc'), 'utf8')).toBe('mine');

        const bad = writeFixture({ 'vpcs.json': '{\n  "Vpcs": [\n    { "VpcId": "vpc-1", }\n  ]\n}' });
        const empty = join(writeFixture({}), 'never');
        expect(await importAwsCommand(bad, { output: empty }, print)).toBe(2);
        expect(
            await importAwsCommand(writeFixture({ 'notes.txt': 'hello', 'other.json': { Something: [] } }), { output: empty }, print)
        ).toBe(2);
        expect(existsSync(empty)).toBe(false);
        expect(stderr).toEqual([
            `vpc-lab: '${join(out, 'two-tier.vpc')}' already exists; nothing was written\n`,
            'vpc-lab: vpcs.json:3:25: not valid JSON: expected a property name in double quotes\n',
            expect.stringMatching(
                /^vpc-lab: nothing in '.*' is aws ec2 describe-\* output \(no file has Vpcs, Subnets, RouteTables…\); run vpc-lab import aws --print-commands to see how to make such a folder\n$/
            )
        ]);
    });

    it('reads one sub-folder per region', async () => {
        const dir = writeFixture({});
        mkdirSync(join(dir, 'eu-west-1'));
        for (const [name, content] of Object.entries(twoTier)) writeFileSync(join(dir, 'eu-west-1', name), JSON.stringify(content));
        const out = join(dir, 'out');
        expect(await importAwsCommand(dir, { output: out }, print)).toBe(0);
        expect(stdout.join('')).toContain('Imported 1 VPC');
    });

    it('--print-commands prints the AWS CLI calls that make such a folder', async () => {
        expect(await importAwsCommand(undefined, { printCommands: true, region: 'eu-west-1' }, print)).toBe(0);
        const script = stdout.join('');
        expect(script).toContain('REGION="eu-west-1"');
        for (const call of [
            'describe-vpcs',
            'describe-subnets',
            'describe-route-tables',
            'describe-security-group-rules',
            'describe-flow-logs',
            'describe-managed-prefix-lists',
            'get-managed-prefix-list-entries',
            'describe-vpc-attribute'
        ]) {
            expect(script).toContain(`aws ec2 ${call} `);
        }
    });
});

describe('vpc-lab import cloudformation', () => {
    const fixture = (name: string) => new URL(`../fixtures/cloudformation/${name}`, import.meta.url).pathname;

    it('imports several templates as one workspace, with --parameter', async () => {
        const out = join(writeFixture({}), 'out');
        expect(
            await importCloudFormationCommand(
                [fixture('two-tier.yaml'), fixture('peered.json')],
                { output: out, parameter: ['AllowSsh=true'] },
                print
            )
        ).toBe(0);
        expect(readdirSync(out).sort()).toEqual(['SharedVpc.vpc', 'VPC.vpc', 'workspace.vpc']);
        expect(readFileSync(join(out, 'workspace.vpc'), 'utf8')).toBe('Peering');
    });

    it('a template of nothing the language has: each resource said left out, nothing written, exit 1', async () => {
        const dir = writeFixture({});
        const template = join(dir, 'queue.yaml');
        writeFileSync(template, 'Resources:\n  Jobs:\n    Type: AWS::SQS::Queue\n');
        const out = join(dir, 'out');
        expect(await importCloudFormationCommand([template], { output: out }, printImport)).toBe(1);
        expect(stderr.join('')).toMatch(/queue\.yaml:2: left out: AWS::SQS::Queue Jobs \(not a network resource vpc-lab models\)\n$/);
        expect(stdout.join('')).toBe(`Nothing imported into ${out}: nothing in the input is a resource the language has\n`);
        expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    });

    it('exit 2 on bad usage: a parameter no template declares, a malformed --parameter or --account', async () => {
        expect(await importCloudFormationCommand([fixture('two-tier.yaml')], { parameter: ['Nope=1'] }, print)).toBe(2);
        expect(await importCloudFormationCommand([fixture('two-tier.yaml')], { parameter: ['novalue'] }, print)).toBe(2);
        expect(await importCloudFormationCommand([fixture('two-tier.yaml')], { account: '12' }, print)).toBe(2);
        expect(stderr).toEqual([
            'vpc-lab: --parameter Nope: no template given declares a parameter Nope\n',
            'vpc-lab: --parameter novalue: write KEY=VALUE\n',
            'vpc-lab: --account 12: an AWS account id is 12 digits\n'
        ]);
    });
});

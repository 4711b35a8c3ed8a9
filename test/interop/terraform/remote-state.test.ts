/**
 * `data "terraform_remote_state"`, as HashiCorp documents it: the data source's `outputs` are the
 * root outputs of another configuration's latest state; with `backend = "local"` that state is
 * the file `config.path` (default `terraform.tfstate`, relative to the root module Terraform runs
 * in), and for a workspace other than `default` the file `terraform.tfstate.d/NAME/terraform.tfstate`
 * (the local backend's `workspace_dir`); `defaults` give outputs the state lacks. The state file
 * is format version 4: `outputs` maps each name to `{value, type, sensitive}`.
 *
 * The fixture is the usual split into layers: network/ (a VPC, a public and a private subnet per
 * zone, the public ones routed to an internet gateway) and app/ (groups and instances placed
 * with the network's outputs). Verdicts reasoned from the VPC user guide: a public subnet's
 * instance with a public address is reachable on what its group allows; groups are stateful; a
 * group referenced as a source admits the members of that group.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTerraform } from '../../../src/interop/terraform/index.js';
import { Unknown } from '../../../src/interop/terraform/hcl/values.js';
import type { ReadResult } from '../../../src/interop/terraform/instances.js';
import { importFixture, leftOut, verdict } from './probe.js';

const DIR = 'test/fixtures/terraform/remote-state';
const NETWORK = `${DIR}/network`;
const APP = `${DIR}/app`;

/** What `terraform apply` of network/ writes (ids as AWS would assign them). */
const NETWORK_STATE = {
    version: 4,
    terraform_version: '1.9.5',
    serial: 7,
    lineage: '3f2a1c9e-5b7d-4e0a-9c1f-2d8e6b4a7c10',
    outputs: {
        vpc_id: { value: 'vpc-0a1b2c3d4e5f60718', type: 'string' },
        vpc_cidr_block: { value: '10.40.0.0/16', type: 'string' },
        public_subnet_ids: { value: ['subnet-0aaa0000000000001', 'subnet-0aaa0000000000002'], type: ['tuple', ['string', 'string']] },
        private_subnet_ids: { value: ['subnet-0bbb0000000000001', 'subnet-0bbb0000000000002'], type: ['tuple', ['string', 'string']] },
        private_subnet_cidrs: { value: ['10.40.10.0/24', '10.40.11.0/24'], type: ['tuple', ['string', 'string']] }
    },
    resources: [
        {
            mode: 'managed',
            type: 'aws_vpc',
            name: 'main',
            provider: 'provider["registry.terraform.io/hashicorp/aws"]',
            instances: [{ schema_version: 1, attributes: { id: 'vpc-0a1b2c3d4e5f60718', cidr_block: '10.40.0.0/16' } }]
        },
        {
            mode: 'managed',
            type: 'aws_subnet',
            name: 'public',
            each: 'list',
            provider: 'provider["registry.terraform.io/hashicorp/aws"]',
            instances: [
                { index_key: 0, schema_version: 1, attributes: { id: 'subnet-0aaa0000000000001', cidr_block: '10.40.0.0/24' } },
                { index_key: 1, schema_version: 1, attributes: { id: 'subnet-0aaa0000000000002', cidr_block: '10.40.1.0/24' } }
            ]
        },
        {
            mode: 'managed',
            type: 'aws_subnet',
            name: 'private',
            each: 'list',
            provider: 'provider["registry.terraform.io/hashicorp/aws"]',
            instances: [
                { index_key: 0, schema_version: 1, attributes: { id: 'subnet-0bbb0000000000001', cidr_block: '10.40.10.0/24' } },
                { index_key: 1, schema_version: 1, attributes: { id: 'subnet-0bbb0000000000002', cidr_block: '10.40.11.0/24' } }
            ]
        }
    ]
};

/** A copy of the fixture to write state files into. */
function copy(): string {
    const dir = mkdtempSync(join(tmpdir(), 'vpc-lab-tf-remote-'));
    cpSync(DIR, dir, { recursive: true });
    return dir;
}

/** A one-file configuration in a fresh folder, with files beside it. */
function folder(main: string, files: Record<string, unknown> = {}): string {
    const dir = mkdtempSync(join(tmpdir(), 'vpc-lab-tf-remote-'));
    writeFileSync(join(dir, 'main.tf'), main);
    for (const [name, content] of Object.entries(files)) {
        mkdirSync(join(dir, name, '..'), { recursive: true });
        writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
    }
    return dir;
}

function values(read: ReadResult, address: string): Record<string, unknown> {
    const found = read.instances.find(i => i.address === address);
    if (!found) throw new Error(`no ${address}; have ${read.instances.map(i => i.address).join(', ')}`);
    return found.values;
}

/** A VPC whose tags show what the data source gave. */
const TAGGED = (data: string, tags: string) =>
    `${data}\n\nresource "aws_vpc" "x" {\n  cidr_block = "10.0.0.0/16"\n  tags = {\n${tags}\n  }\n}\n`;

const state = (outputs: Record<string, unknown>) => ({
    version: 4,
    terraform_version: '1.9.5',
    serial: 1,
    lineage: 'l',
    outputs: Object.fromEntries(Object.entries(outputs).map(([k, value]) => [k, { value, type: 'string' }])),
    resources: []
});

describe('terraform_remote_state with the local backend', () => {
    it('two roots imported together, no state written yet: the network root outputs what apply would write', async () => {
        const m = await importFixture([NETWORK, APP]);
        expect(leftOut(m)).toEqual([]);
        const note = m.notes.find(n => n.what === 'data.terraform_remote_state.network');
        expect(note?.kind).toBe('stand-in');
        expect(note?.why).toContain(`no state at ${NETWORK}/terraform.tfstate yet`);
        expect(m.topology.instances.map(i => `${i.id} ${i.subnet}`)).toEqual([
            'instance:main.web subnet:main.public-0',
            'instance:main.app subnet:main.private-1'
        ]);
        expect(verdict(m.topology, 'internet -> main.web tcp 443')).toBe('ACCEPT');
        expect(verdict(m.topology, 'internet -> main.web tcp 22')).toBe('REJECT');
        expect(verdict(m.topology, 'main.web -> main.app tcp 8080')).toBe('ACCEPT');
        expect(verdict(m.topology, 'main.web -> main.app tcp 22')).toBe('REJECT');
        // The app group's egress stays in the VPC, and its subnet has no route out.
        expect(verdict(m.topology, 'main.app -> internet 8.8.8.8 tcp 443')).toBe('REJECT');
    });

    it('the order given does not matter: the root read from is evaluated first', async () => {
        const m = await importFixture([APP, NETWORK]);
        expect(leftOut(m)).toEqual([]);
        expect(verdict(m.topology, 'main.web -> main.app tcp 8080')).toBe('ACCEPT');
    });

    it("a state file is read; the ids of the network root's resources in it link to that root's resources", async () => {
        const dir = copy();
        writeFileSync(join(dir, 'network', 'terraform.tfstate'), JSON.stringify(NETWORK_STATE));
        const m = await importFixture([join(dir, 'network'), join(dir, 'app')]);
        expect(leftOut(m)).toEqual([]);
        expect(m.notes.filter(n => n.what.includes('terraform_remote_state'))).toEqual([]);
        expect(m.topology.instances.map(i => `${i.id} ${i.subnet}`)).toEqual([
            'instance:main.web subnet:main.public-0',
            'instance:main.app subnet:main.private-1'
        ]);
        expect(verdict(m.topology, 'internet -> main.web tcp 443')).toBe('ACCEPT');
        expect(verdict(m.topology, 'main.web -> main.app tcp 8080')).toBe('ACCEPT');
    });

    it('the app root alone reads the values of the state file, ids as AWS assigned them', async () => {
        const dir = copy();
        writeFileSync(join(dir, 'network', 'terraform.tfstate'), JSON.stringify(NETWORK_STATE));
        const { read } = await readTerraform(join(dir, 'app'));
        expect(values(read, 'aws_instance.web').subnet_id).toBe('subnet-0aaa0000000000001');
        expect(values(read, 'aws_instance.app').subnet_id).toBe('subnet-0bbb0000000000002');
        expect(values(read, 'aws_security_group.app').egress).toMatchObject([{ cidr_blocks: ['10.40.0.0/16'] }]);
        expect(read.notes.filter(n => n.what.includes('terraform_remote_state'))).toEqual([]);
    });

    it('no state file and no root that writes it: the outputs are unknown, said with the path and what to do', async () => {
        const m = await importFixture(APP);
        const note = m.notes.find(n => n.what === 'data.terraform_remote_state.network');
        expect(note).toMatchObject({ kind: 'unknown', source: `${APP}/main.tf:7` });
        expect(note?.why).toBe(
            `no state at ${NETWORK}/terraform.tfstate, so its outputs are unknown (Terraform stops there): apply the configuration that writes it first, or import that configuration together with this one`
        );
        // What depends on them is reported, not dropped.
        expect(leftOut(m)).toEqual(expect.arrayContaining([expect.stringContaining('aws_instance.web')]));
    });

    it('path defaults to terraform.tfstate in the root module; defaults fill what the state lacks, the state wins', async () => {
        const dir = folder(
            TAGGED(
                'data "terraform_remote_state" "n" {\n  backend  = "local"\n  defaults = {\n    vpc_id = "vpc-default"\n    region = "eu-west-1"\n  }\n}',
                '    vpc    = data.terraform_remote_state.n.outputs.vpc_id\n    region = data.terraform_remote_state.n.outputs.region'
            ),
            { 'terraform.tfstate': state({ vpc_id: 'vpc-from-state' }) }
        );
        const { read } = await readTerraform(dir);
        expect(values(read, 'aws_vpc.x').tags).toEqual({ vpc: 'vpc-from-state', region: 'eu-west-1' });
    });

    it('an output neither the state nor defaults have is an error, as in Terraform', async () => {
        const dir = folder(
            TAGGED('data "terraform_remote_state" "n" {\n  backend = "local"\n}', '    vpc = data.terraform_remote_state.n.outputs.nope'),
            { 'terraform.tfstate': state({ vpc_id: 'vpc-1' }) }
        );
        await expect(readTerraform(dir)).rejects.toThrow(/main\.tf:\d+: .*this object has no attribute "nope"/);
    });

    it("another workspace's state is WORKSPACE_DIR/NAME/terraform.tfstate; path is the default workspace's only", async () => {
        const dir = folder(
            TAGGED(
                'data "terraform_remote_state" "staging" {\n  backend   = "local"\n  workspace = "staging"\n  config = {\n    path = "default.tfstate"\n  }\n}\n\n' +
                    'data "terraform_remote_state" "custom" {\n  backend   = "local"\n  workspace = "qa"\n  config = {\n    workspace_dir = "states"\n  }\n}\n\n' +
                    'data "terraform_remote_state" "default" {\n  backend   = "local"\n  workspace = "default"\n  config = {\n    path = "default.tfstate"\n  }\n}',
                '    staging = data.terraform_remote_state.staging.outputs.env\n    qa = data.terraform_remote_state.custom.outputs.env\n    default = data.terraform_remote_state.default.outputs.env'
            ),
            {
                'default.tfstate': state({ env: 'default' }),
                'terraform.tfstate.d/staging/terraform.tfstate': state({ env: 'staging' }),
                'states/qa/terraform.tfstate': state({ env: 'qa' })
            }
        );
        const { read } = await readTerraform(dir);
        expect(values(read, 'aws_vpc.x').tags).toEqual({ staging: 'staging', qa: 'qa', default: 'default' });
    });

    it('a state of another format version is refused in one line; a file that is not JSON leaves the outputs unknown', async () => {
        const old = folder(
            TAGGED('data "terraform_remote_state" "n" {\n  backend = "local"\n}', '    vpc = data.terraform_remote_state.n.outputs.vpc_id'),
            {
                'terraform.tfstate': { version: 3, terraform_version: '0.11.14', serial: 1, modules: [{ path: ['root'], outputs: {} }] }
            }
        );
        await expect(readTerraform(old)).rejects.toThrow(
            /main\.tf:1: data\.terraform_remote_state\.n: .*terraform\.tfstate: state version 3 is not one this import reads \(it reads version 4, which Terraform 0\.12 and later write\)/
        );
        const broken = folder(
            TAGGED('data "terraform_remote_state" "n" {\n  backend = "local"\n}', '    vpc = data.terraform_remote_state.n.outputs.vpc_id'),
            {
                'terraform.tfstate': '{ "version": 4, '
            }
        );
        const { read } = await readTerraform(broken);
        expect(read.notes.find(n => n.what === 'data.terraform_remote_state.n')?.why).toMatch(
            /terraform\.tfstate is not a Terraform state \(not valid JSON\)/
        );
        expect(values(read, 'aws_vpc.x').tags).toEqual({ vpc: expect.any(Unknown) });
    });

    it("two roots that read each other's state, none written: a cycle, named across the roots", async () => {
        const parent = mkdtempSync(join(tmpdir(), 'vpc-lab-tf-remote-cycle-'));
        for (const [name, other] of [
            ['a', 'b'],
            ['b', 'a']
        ]) {
            mkdirSync(join(parent, name!));
            writeFileSync(
                join(parent, name!, 'main.tf'),
                `data "terraform_remote_state" "${other}" {\n  backend = "local"\n  config = {\n    path = "../${other}/terraform.tfstate"\n  }\n}\n\noutput "id" {\n  value = "${name}"\n}\n`
            );
        }
        await expect(importFixture(parent)).rejects.toThrow(
            /reference cycle: a\/data\.terraform_remote_state\.b → b\/data\.terraform_remote_state\.a → a\/data\.terraform_remote_state\.b/
        );
    });
});

describe('terraform_remote_state with other backends', () => {
    const S3 =
        'data "terraform_remote_state" "network" {\n  backend = "s3"\n  config = {\n    bucket = "acme-terraform"\n    key    = "network/terraform.tfstate"\n    region = "eu-west-1"\n  }\n}';

    it('an s3 state is not read: its outputs are unknown, said with the bucket and key and what to do', async () => {
        const dir = folder(TAGGED(S3, '    vpc = data.terraform_remote_state.network.outputs.vpc_id'));
        const { read } = await readTerraform(dir);
        expect(read.notes.find(n => n.what === 'data.terraform_remote_state.network')).toMatchObject({
            kind: 'unknown',
            why: `the s3 backend's state (bucket "acme-terraform", key "network/terraform.tfstate") is not read here, so its outputs are unknown: import the configuration that writes it together with this one, or save that state with terraform state pull and point a local backend at the file`
        });
        expect(values(read, 'aws_vpc.x').tags).toEqual({ vpc: expect.any(Unknown) });
    });

    it('the root of this import whose backend block names the same bucket and key stands in for that state', async () => {
        const dir = copy();
        writeFileSync(
            join(dir, 'network', 'backend.tf'),
            'terraform {\n  backend "s3" {\n    bucket         = "acme-terraform"\n    key            = "network/terraform.tfstate"\n    region         = "eu-west-1"\n    dynamodb_table = "terraform-locks"\n  }\n}\n'
        );
        const app = join(dir, 'app', 'main.tf');
        writeFileSync(app, readFileSync(app, 'utf8').replace(/data "terraform_remote_state" "network" \{[\s\S]*?\n\}\n/, `${S3}\n`));
        const m = await importFixture([join(dir, 'network'), join(dir, 'app')]);
        expect(leftOut(m)).toEqual([]);
        expect(m.notes.find(n => n.what === 'data.terraform_remote_state.network')).toMatchObject({ kind: 'stand-in' });
        expect(verdict(m.topology, 'main.web -> main.app tcp 8080')).toBe('ACCEPT');

        // Another key is another state: not this root's.
        writeFileSync(app, readFileSync(app, 'utf8').replace('key    = "network/terraform.tfstate"', 'key    = "other/terraform.tfstate"'));
        const other = await importFixture([join(dir, 'network'), join(dir, 'app')]);
        expect(other.notes.find(n => n.what === 'data.terraform_remote_state.network')?.kind).toBe('unknown');
    });
});

/**
 * A workspace of root folders, one per account (the layout `vpc-lab export --format terraform`
 * writes): a cross-account peering requested in one folder and accepted in the other, each folder
 * given the other's output as a variable. Verdicts reasoned from the VPC peering guide (a route to
 * the peering on both sides; security groups are stateful, so the return needs no rule) and the
 * provider's pages (aws_vpc_peering_connection_accepter's id is the peering's id; a group with
 * inline rules loses AWS's default egress rule).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFixture, leftOut, verdict } from './probe.js';

const DIR = 'test/fixtures/terraform/workspace';
const FOLDERS = [`${DIR}/network-us-east-1`, `${DIR}/apps-us-east-1`];

describe('several root folders as one workspace', () => {
    it('the parent folder stands for its root folders; a folder another calls as a module is not one', async () => {
        const m = await importFixture(DIR);
        expect(leftOut(m)).toEqual([]);
        expect(m.topology.vpcs.map(v => `${v.name} ${v.account} ${v.region}`)).toEqual([
            'apps 222222222222 us-east-1',
            'shared 111111111111 us-east-1'
        ]);
        // The module's subnet once, under the module call's name, not again as a root of its own.
        expect(m.topology.subnets.map(s => s.id)).toEqual(['subnet:apps.web_subnet-this', 'subnet:shared.db']);
        expect(m.origins.get('subnet:apps.web_subnet-this')).toBe(
            `apps-us-east-1/module.web_subnet.aws_subnet.this (${DIR}/subnet-module/main.tf:10)`
        );
    });

    it('a variable without value or default takes the output of the same name in the other folder', async () => {
        const m = await importFixture(FOLDERS);
        // apps' var.vpc_id is network's output vpc_id; network's var.peering_id is apps' output peering_id.
        expect(m.topology.peerings.map(p => `${p.name} ${p.requester} ${p.accepter}`)).toEqual(['to_shared vpc:apps vpc:shared']);
        // In the order the folders are given.
        expect(m.topology.routeTables.filter(t => !t.implicit).map(t => `${t.id} ${t.routes.map(r => r.target?.id).join()}`)).toEqual([
            'route-table:shared.db peering:to_shared',
            'route-table:apps.web peering:to_shared'
        ]);
    });

    it('accounts come from allowed_account_ids, named after their folders; a VPC keeps its name over an account', async () => {
        const m = await importFixture(FOLDERS);
        // VPCs and accounts share the workspace's names: the VPC apps came first.
        expect(m.topology.accounts.map(a => `${a.name} ${a.number}`)).toEqual(['network 111111111111', 'apps-2 222222222222']);
    });

    it('traffic crosses the peering where both route tables and the database group allow it', async () => {
        const m = await importFixture(FOLDERS);
        expect(verdict(m.topology, 'apps.web -> shared.db tcp 5432')).toBe('ACCEPT');
        expect(verdict(m.topology, 'apps.web -> shared.db tcp 22')).toBe('REJECT');
        // The database group has no egress rule: it may answer, not open a connection.
        expect(verdict(m.topology, 'shared.db -> apps.web tcp 443')).toBe('REJECT');
    });

    it('one folder alone asks for the variable the other folder would fill', async () => {
        await expect(importFixture(FOLDERS[1]!)).rejects.toThrow(
            /apps-us-east-1\/main\.tf:7: the variable "vpc_id" has no value and no default: pass it with --var vpc_id=VALUE/
        );
    });

    it('a --var no folder declares, and a plan given with a folder, are refused in one line', async () => {
        await expect(importFixture(FOLDERS, { vars: ['nope=1'] })).rejects.toThrow(
            '--var nope: none of the 2 folders declares a variable "nope"'
        );
        await expect(importFixture([...FOLDERS, 'test/fixtures/terraform/json/plan.json'])).rejects.toThrow(
            'test/fixtures/terraform/json/plan.json: a plan or a state is read alone, not with other files or folders'
        );
    });

    it("folders that fill each other's variables in a circle: a reference cycle, named across the folders", async () => {
        const parent = mkdtempSync(join(tmpdir(), 'vpc-lab-tf-cycle-'));
        const folder = (name: string, text: string) => {
            mkdirSync(join(parent, name));
            writeFileSync(join(parent, name, 'main.tf'), text);
        };
        folder(
            'a',
            'variable "x" {\n  type = string\n}\n\noutput "y" {\n  value = var.x\n}\n\nresource "aws_vpc" "a" {\n  cidr_block = var.x\n}\n'
        );
        folder('b', 'variable "y" {\n  type = string\n}\n\noutput "x" {\n  value = var.y\n}\n');
        await expect(importFixture(parent)).rejects.toThrow(
            /reference cycle: a\/var\.x → b\/output\.x → b\/var\.y → a\/output\.y → a\/var\.x/
        );
    });
});

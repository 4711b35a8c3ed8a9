/**
 * An `aws_vpc` whose IPv4 block cannot be read: the reason said as it is (an IPAM pool, a value
 * known only after apply, no block given, a value that is no block), never one for another.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importFixture } from './probe.js';

const dir = mkdtempSync(join(tmpdir(), 'vpc-lab-tf-cidr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function reasonFor(body: string): Promise<string | undefined> {
    const folder = mkdtempSync(join(dir, 'c-'));
    // A data source the product does not read: its values are known only after apply.
    writeFileSync(
        join(folder, 'main.tf'),
        `data "aws_ssm_parameter" "cidr" {\n  name = "/network/cidr"\n}\nresource "aws_vpc" "a" {\n${body}\n}\n`
    );
    const m = await importFixture(folder);
    return m.notes.find(n => n.what === 'aws_vpc.a: cidr_block')?.why;
}

describe('an aws_vpc without a readable IPv4 block', () => {
    it('says why: not given, not a block, known only after apply, from an IPAM pool', async () => {
        expect(await reasonFor('')).toBe('not given: the provider needs cidr_block or ipv4_ipam_pool_id');
        // Terraform converts a number given for a string attribute to its text, which is no CIDR block.
        expect(await reasonFor('  cidr_block = 5')).toBe('5 is not a CIDR block');
        expect(await reasonFor('  cidr_block = data.aws_ssm_parameter.cidr.value')).toBe('not known before apply');
        expect(await reasonFor('  ipv4_ipam_pool_id = "ipam-pool-0123"')).toBe(
            'allocated from an IPAM pool at apply; the language needs the block'
        );
        expect(await reasonFor('  cidr_block = "10.0.0.0/16"')).toBeUndefined();
    });
});

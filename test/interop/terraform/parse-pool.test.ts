/** Parsing on worker threads gives what parsing on this thread gives, errors included. */
import { parse } from '@cdktn/hcl2json';
import { describe, expect, it } from 'vitest';
import { ParsePool } from '../../../src/interop/terraform/config/parse-pool.js';

const files = Array.from({ length: 6 }, (_, i) => ({
    file: `f${i}.tf`,
    text: `resource "aws_subnet" "s${i}" {\n  vpc_id     = aws_vpc.main.id\n  cidr_block = cidrsubnet("10.0.0.0/16", 8, ${i})\n  tags       = { n = ${i} }\n}\n`
}));

describe('the parse pool', () => {
    it('parses on a worker and on this thread alike, each file to its own result', async () => {
        let here = 0;
        const pool = new ParsePool(async (file, text) => {
            here++;
            return parse(file, text);
        }, 1);
        try {
            const pooled = await Promise.all(files.map(f => pool.parse(f.file, f.text)));
            const direct = await Promise.all(files.map(f => parse(f.file, f.text)));
            expect(pooled).toEqual(direct);
            // The worker took some of the files.
            expect(here).toBeLessThan(files.length);
        } finally {
            pool.close();
        }
    });

    it("passes the parser's syntax error on, with its position", async () => {
        const pool = new ParsePool(() => new Promise(() => undefined), 1);
        try {
            await expect(pool.parse('bad.tf', 'resource "aws_vpc" "a" {\n  cidr_block = \n}\n')).rejects.toThrow(/bad\.tf:\d+,\d+/);
        } finally {
            pool.close();
        }
    });
});

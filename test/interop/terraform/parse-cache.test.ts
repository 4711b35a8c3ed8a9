/**
 * Parsed .tf files kept by content: a second import of an unchanged file does not run the parser.
 * Files in the plain style the export writes are read without the parser and are not kept; the
 * files here are written otherwise (a `//` comment) where what is kept matters.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parseCacheDir } from '../../../src/interop/terraform/config/parse-cache.js';
import { readModule } from '../../../src/interop/terraform/config/read.js';

const saved = process.env.VPC_LAB_CACHE_DIR;
afterEach(() => {
    if (saved === undefined) delete process.env.VPC_LAB_CACHE_DIR;
    else process.env.VPC_LAB_CACHE_DIR = saved;
});

const made: string[] = [];
afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
function temporary(prefix: string): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
}

function entries(dir: string): string[] {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter(e => e.isFile())
        .map(e => join(e.parentPath, e.name));
}

function module(files: Record<string, string>): string {
    const dir = temporary('vpc-lab-tf-');
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
}

const VPC = '// written by hand\nresource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n';
const PLAIN = VPC.replace('// written by hand', '# as the export writes it');

describe('the parse cache', () => {
    it('keeps each parsed file under its content, and reads it back instead of parsing', async () => {
        const cache = temporary('vpc-lab-cache-');
        process.env.VPC_LAB_CACHE_DIR = cache;
        const dir = module({ 'main.tf': VPC });
        const first = await readModule(dir, '.');
        expect(first.resources.map(r => r.body.cidr_block)).toEqual(['10.0.0.0/16']);
        const kept = entries(join(cache, 'hcl'));
        expect(kept).toHaveLength(1);
        // What is kept is what is used: changed behind the parser's back, the change shows.
        writeFileSync(kept[0]!, JSON.stringify({ resource: { aws_vpc: { main: [{ cidr_block: '10.9.0.0/16' }] } } }));
        expect((await readModule(dir, '.')).resources.map(r => r.body.cidr_block)).toEqual(['10.9.0.0/16']);
        // Other text, another entry.
        writeFileSync(join(dir, 'main.tf'), VPC.replace('10.0.0.0', '10.1.0.0'));
        expect((await readModule(dir, '.')).resources.map(r => r.body.cidr_block)).toEqual(['10.1.0.0/16']);
        expect(entries(join(cache, 'hcl'))).toHaveLength(2);
    });

    it("gives a kept file's blocks their lines in Terraform's order, under the name the file is read by", async () => {
        process.env.VPC_LAB_CACHE_DIR = temporary('vpc-lab-cache-');
        const text = [
            '# two subnets written before their VPC',
            'resource "aws_subnet" "b" {',
            '  vpc_id = aws_vpc.main.id',
            '}',
            '',
            'resource "aws_subnet" "a" {',
            '  vpc_id = aws_vpc.main.id',
            '}',
            '',
            'variable "cidr" {',
            '  default = "10.0.0.0/16"',
            '}',
            '',
            'resource "aws_vpc" "main" {',
            '  cidr_block = var.cidr',
            '}',
            ''
        ].join('\n');
        const where = (c: Awaited<ReturnType<typeof readModule>>) => [
            ...c.resources.map(r => `${r.type}.${r.name} ${r.file}:${r.line}`),
            ...[...c.variables.values()].map(v => `var.${v.name} ${v.file}:${v.line}`)
        ];
        const expected = ['aws_subnet.b main.tf:2', 'aws_subnet.a main.tf:6', 'aws_vpc.main main.tf:14', 'var.cidr main.tf:10'];
        // By the parser (a `//` comment is outside the plain style), then read back from the cache in another folder named otherwise.
        const byParser = text.replace('# two subnets', '// two subnets');
        expect(where(await readModule(module({ 'main.tf': byParser }), '.'))).toEqual(expected);
        expect(where(await readModule(module({ 'main.tf': byParser }), 'network'))).toEqual(expected.map(e => e.replace(' ', ' network/')));
        // In the plain style, without the parser: the same blocks on the same lines.
        expect(where(await readModule(module({ 'main.tf': text }), 'network'))).toEqual(expected.map(e => e.replace(' ', ' network/')));
    });

    it('neither keeps nor looks up files in the plain style', async () => {
        const cache = temporary('vpc-lab-cache-');
        process.env.VPC_LAB_CACHE_DIR = cache;
        const dir = module({ 'main.tf': PLAIN });
        expect((await readModule(dir, '.')).resources.map(r => [r.body.cidr_block, r.line])).toEqual([['10.0.0.0/16', 2]]);
        expect(entries(cache)).toEqual([]);
    });

    it('parses a file again when its kept parse is damaged', async () => {
        const cache = temporary('vpc-lab-cache-');
        process.env.VPC_LAB_CACHE_DIR = cache;
        const dir = module({ 'main.tf': VPC });
        await readModule(dir, '.');
        const [kept] = entries(join(cache, 'hcl'));
        const damaged = {
            '//blocks': { resources: [{ type: 'aws_vpc', name: 'main' }], data: [], modules: [], variables: [], outputs: [] },
            '//rest': {}
        };
        writeFileSync(kept!, JSON.stringify(damaged));
        const again = await readModule(dir, '.');
        expect(again.resources.map(r => [r.type, r.name, r.body.cidr_block, r.file, r.line])).toEqual([
            ['aws_vpc', 'main', '10.0.0.0/16', 'main.tf', 2]
        ]);
    });

    it('does not keep syntax errors: they are reported every time', async () => {
        const cache = temporary('vpc-lab-cache-');
        process.env.VPC_LAB_CACHE_DIR = cache;
        const dir = module({ 'main.tf': 'resource "aws_vpc" "main" {\n  cidr_block = \n}\n' });
        for (let i = 0; i < 2; i++) await expect(readModule(dir, '.')).rejects.toThrow(/^main\.tf:\d+:\d+: /);
        expect(entries(cache)).toEqual([]);
    });

    it('is off with VPC_LAB_CACHE_DIR=off, and only a speed-up when its folder cannot be written', async () => {
        process.env.VPC_LAB_CACHE_DIR = 'off';
        expect(parseCacheDir()).toBeUndefined();
        // A file where the folder should be: nothing can be written under it.
        const blocked = join(temporary('vpc-lab-cache-'), 'file');
        writeFileSync(blocked, '');
        process.env.VPC_LAB_CACHE_DIR = blocked;
        const dir = module({ 'main.tf': VPC });
        expect((await readModule(dir, '.')).resources.map(r => r.body.cidr_block)).toEqual(['10.0.0.0/16']);
    });

    it("lives in the user's cache folder unless told otherwise", () => {
        delete process.env.VPC_LAB_CACHE_DIR;
        const dir = parseCacheDir();
        if (process.platform === 'linux') expect(dir).toMatch(/vpc-lab\/hcl$/);
        expect(dir).toBeDefined();
    });
});

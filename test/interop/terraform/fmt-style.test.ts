/**
 * The reading of .tf files in the plain style (fmt-style.ts): whatever it accepts it reads exactly
 * as HashiCorp's parser does through @cdktn/hcl2json (values, keys and their order, blocks grouped
 * and listed alike), with each block on its line; whatever is outside its subset it refuses, for
 * the parser to read. Checked on the export of every example and of random designs, on HCL
 * written in other styles, and on random edits of exported files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@cdktn/hcl2json';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFmtStyle } from '../../../src/interop/terraform/config/fmt-style.js';
import { blocksOfParse, byText } from '../../../src/interop/terraform/config/read.js';
import { exportTerraform } from '../../../src/interop/terraform/export/index.js';
import type { RawObject } from '../../../src/interop/terraform/config/read.js';
import type { Topology } from '../../../src/model/topology.js';
import { generateWorkspace } from '../../../bench/generate.js';
import { check } from '../../helpers.js';
import { arbitraryTopology } from '../../printer/arbitrary.js';
import { root } from '../../cli/run.js';

/** HashiCorp's reading, or the parser's error. */
async function parser(text: string): Promise<{ json: unknown } | { error: string }> {
    try {
        return { json: await parse('t.tf', text) };
    } catch (e) {
        return { error: e instanceof Error ? e.message : String(e) };
    }
}

/** The lines on which the parser's users find blocks (read.ts's search of the text), as the reader reports them. */
function searchedLines(text: string): Map<string, number> {
    const lines = new Map<string, number>();
    text.split('\n').forEach((line, n) => {
        const m = /^[ \t]*(resource|data|module|variable|output)[ \t]+"([^"]+)"(?:[ \t]+"([^"]+)")?[ \t]*\{/.exec(line);
        if (m) lines.set([m[1], m[2], m[3] ?? ''].join(' '), n + 1);
    });
    return lines;
}

/**
 * 'read' when the reader takes the text (then exactly as the parser does, and its blocks listed
 * as the import lists them from the parser's output), else 'refused'.
 */
async function agrees(text: string): Promise<'read' | 'refused'> {
    const mine = readFmtStyle(text);
    if (!mine) return 'refused';
    const theirs = await parser(text);
    expect(theirs, text).toHaveProperty('json');
    const json = (theirs as { json: RawObject }).json;
    expect(mine.json(), text).toStrictEqual(json);
    // The same keys in the same order, all the way down.
    expect(JSON.stringify(mine.json()), text).toBe(JSON.stringify(json));
    const lines = mine.lines();
    expect([...lines].sort(), text).toEqual([...searchedLines(text)].sort());
    const listed = mine.blocks('t.tf') ?? blocksOfParse(mine.json(), 't.tf', (kind, a, b) => lines.get(`${kind} ${a} ${b}`) ?? 1);
    const expected = blocksOfParse(json, 't.tf', byText(text));
    expect(listed, text).toStrictEqual(expected);
    expect(JSON.stringify(listed), text).toBe(JSON.stringify(expected));
    return 'read';
}

async function topologyOf(files: Record<string, string>): Promise<Topology> {
    return (await check(files)).services.workspace.WorkspaceModel.get().topology;
}

describe("the plain style's reader", () => {
    const exported: Array<{ path: string; text: string }> = [];
    beforeAll(async () => {
        const examples = readdirSync(join(root, 'examples')).filter(n => n.endsWith('.vpc'));
        for (const name of examples) {
            const topology = await topologyOf({ [name]: readFileSync(join(root, 'examples', name), 'utf8') });
            for (const file of (await exportTerraform(topology)).files) exported.push({ path: `${name}: ${file.path}`, text: file.text });
        }
    }, 60_000);

    it('reads every file the export writes for the examples as the parser does, refusing only what is outside the style', async () => {
        let read = 0;
        for (const { path, text } of exported) {
            const verdict = await agrees(text);
            if (verdict === 'read') read++;
            // Outside the style: templates and escapes in strings, lists and calls over several lines.
            const outside = /\$\{|%\{|\\|[([]\{?$/m.test(text);
            expect(verdict, path).toBe(outside ? 'refused' : 'read');
        }
        expect(read).toBeGreaterThan(exported.length * 0.8);
    });

    it("reads the bench's generated workspace, as exported, whole", async () => {
        const topology = await topologyOf(Object.fromEntries(generateWorkspace(3).files));
        const { files } = await exportTerraform(topology);
        expect(files.length).toBeGreaterThan(5);
        for (const file of files) expect(await agrees(file.text), file.path).toBe('read');
    }, 30_000);

    it('reads what the export writes for random designs as the parser does', async () => {
        let read = 0;
        let files = 0;
        await fc.assert(
            fc.asyncProperty(arbitraryTopology, async topology => {
                for (const file of (await exportTerraform(topology)).files) {
                    files++;
                    if ((await agrees(file.text)) === 'read') read++;
                }
            }),
            { numRuns: 25 }
        );
        expect(read).toBeGreaterThan(files / 2);
    }, 120_000);

    // Each either refused or read exactly as the parser reads it; the comment says which is meant.
    const OTHER_STYLES: Array<[string, 'read' | 'refused']> = [
        ['', 'read'],
        ['# only a comment\n', 'read'],
        ['a = 1\nb = -2\nc = 0\n', 'read'],
        ['a = 1.5\n', 'refused'], // decimals go through math/big
        ['a = 1e3\n', 'refused'],
        ['a = 007\n', 'refused'],
        ['a = -0\n', 'refused'],
        ['a = 1234567890123456789\n', 'refused'],
        ['a = "x"\nb = true\nc = false\nd = null\n', 'read'],
        ['a = "a\\nb"\n', 'refused'], // escapes
        ['a = "x${var.y}"\n', 'refused'], // templates
        ['a = "$${x}"\n', 'refused'],
        ['a = "%{if true}x%{endif}"\n', 'refused'],
        ['a = "50% $5"\n', 'read'],
        ['a = "é…"\n', 'read'], // composed already
        ['a = "e\u0301"\n', 'refused'], // the parser composes it
        ['a = "x" # trailing\n', 'refused'],
        ['// slashes\na = 1\n', 'refused'],
        ['/* block */\na = 1\n', 'refused'],
        ['a\t= 1\n', 'refused'],
        ['a = 1\r\n', 'refused'],
        ['\ufeffa = 1\n', 'refused'],
        ['a = 1', 'read'],
        ['a = <<EOT\nx\nEOT\n', 'refused'],
        ['a = [1, "b", true, null, x.y, f(1, "2", g(z)), [], {}]\n', 'read'],
        ['a = [1, 2,]\n', 'refused'],
        ['a = [\n  1,\n]\n', 'refused'],
        ['a = [for x in y : x]\n', 'refused'],
        ['a = { for k, v in m : k => v }\n', 'refused'],
        ['a = x[0]\n', 'refused'],
        ['a = x.y[0].z\n', 'refused'],
        ['a = x[*].id\n', 'refused'],
        ['a = x.*.id\n', 'refused'],
        ['a = x.0\n', 'refused'],
        ['a = x ? 1 : 2\n', 'refused'],
        ['a = x + 1\n', 'refused'],
        ['a = !x\n', 'refused'],
        ['a = -x\n', 'refused'],
        ['a = (x)\n', 'refused'],
        ['a = f (x)\n', 'refused'],
        ['a = f(x)[0]\n', 'refused'],
        ['a = provider::aws::arn_parse(x)\n', 'refused'],
        ['a = true.x\n', 'refused'],
        ['a = string\nb = map(string)\nc = list(object({}))\n', 'read'],
        ['a = aws_subnet.v1-s0.id\nb = _x\n', 'refused'],
        ['a = aws_subnet.v1-s0.id\nb = x-\n', 'read'],
        ['a = f("a\\"b")\n', 'refused'],
        ['a = f("x", "y")\n', 'read'],
        ['a = {}\nb = { }\n', 'read'],
        ['a = { b = 1 }\n', 'refused'],
        ['a = {\n  b = 1\n  "c d" = "e"\n  f = {\n    g = [1]\n  }\n}\n', 'read'],
        ['a = {\n  b = 1,\n}\n', 'refused'],
        ['a = {\n\n  b = 1\n}\n', 'refused'],
        ['a = {\n  # c\n  b = 1\n}\n', 'refused'],
        ['a = {\n  b = 1\n  b = 2\n}\n', 'refused'],
        ['a = {\n  for = 1\n}\n', 'refused'],
        ['a = {\n  "for" = 1\n}\n', 'read'],
        ['a = {\n  b: 1\n}\n', 'refused'],
        ['a = {\n  "${x}" = 1\n}\n', 'refused'],
        ['a = 1\na = 2\n', 'refused'], // the parser: "Attribute redefined"
        ['a = 1\na {\n}\n', 'refused'],
        ['for = 1\n', 'refused'],
        ['resource "aws_vpc" "a" {\n  cidr_block = "10.0.0.0/16"\n}\n', 'read'],
        ['resource "aws_vpc" "a" {\n}\nresource "aws_vpc" "a" {\n  x = 1\n}\n', 'read'],
        ['resource "aws_vpc" "a" { cidr_block = "10.0.0.0/16" }\n', 'refused'],
        ['resource "aws_vpc" "a" {}\nterraform {}\n', 'read'],
        ['resource "aws_vpc" "a" {\n', 'refused'],
        ['}\n', 'refused'],
        ['resource "aws_vpc" "a" {\n}\n}\n', 'refused'],
        ['resource "a" "b" "c" {\n}\n', 'read'],
        ['resource "" "b" {\n}\n', 'read'],
        ['resource "a" {\n}\nresource "a" "b" {\n}\n', 'refused'],
        ['resource "a" "b" {\n}\nresource "a" {\n}\n', 'refused'],
        ['resource "a${x}" "b" {\n}\n', 'refused'],
        ['resource"a" "b" {\n}\n', 'refused'],
        ['resource a b {\n}\n', 'refused'],
        [
            'resource "aws_security_group" "a" {\n  ingress {\n    from_port = 443\n  }\n  ingress {\n    from_port = 80\n  }\n  dynamic "egress" {\n    for_each = var.x\n    content {\n      from_port = egress.value\n    }\n  }\n}\n',
            'read'
        ],
        [
            'locals {\n  zones = ["a", "b"]\n}\nvariable "v" {\n  type    = list(string)\n  default = []\n}\noutput "o" {\n  value = local.zones\n}\n',
            'read'
        ],
        ['module "m" {\n  source = "./m"\n  count  = 2\n}\ndata "aws_availability_zones" "z" {\n  state = "available"\n}\n', 'read'],
        ['provider "aws" {\n  region = "us-east-1"\n}\nprovider "aws" {\n  alias  = "eu"\n  region = "eu-west-1"\n}\n', 'read'],
        ['  resource "aws_vpc" "a" {\n      cidr_block    =    "x"   \n    }   \n', 'read'],
        // Blocks the import cannot list straight from the reading: listed from the parse, as the parser's would be.
        ['resource "a" {\n}\n', 'read'],
        ['resource "a" "b" {\n}\ndata "c" "d" {\n}\nresource "a" "b" {\n  x = 1\n}\n', 'read'],
        ['variable "b" {\n}\nvariable "b" {\n  default = 1\n}\noutput "o" {\n  value = 1\n}\n', 'read'],
        ['terraform {\n  resource "a" "b" {\n  }\n}\nresource "a" "b" {\n}\n', 'read'],
        ['resource = 1\n', 'read'],
        ['variable = {\n  a = 1\n}\n', 'read'],
        // Variables and outputs in the order of the parser's keys: integer-like names first, as JavaScript orders them.
        ['variable "b" {\n}\nvariable "10" {\n}\nvariable "a" {\n}\nvariable "2" {\n}\noutput "z" {\n}\noutput "1" {\n}\n', 'read'],
        [
            'module "b" {\n  source = "./b"\n}\nmodule "a" {\n  source = "./a"\n}\ndata "x" "y" {\n}\nresource "a" "c" {\n}\nresource "a" "b" {\n}\n',
            'read'
        ]
    ];

    it('reads HCL in other styles exactly as the parser does, or refuses it', async () => {
        for (const [text, expected] of OTHER_STYLES) expect(await agrees(text), JSON.stringify(text)).toBe(expected);
    });

    it('never reads an edited file otherwise than the parser: what it accepts the parser reads alike', async () => {
        const small = exported.filter(f => f.text.length < 6000 && !/\$\{|\\|[([]$/m.test(f.text));
        expect(small.length).toBeGreaterThan(10);
        const pieces = [
            '{',
            '}',
            '[',
            ']',
            '(',
            ')',
            '"',
            '=',
            ',',
            '.',
            '#',
            '$',
            '%',
            '\\',
            '-',
            '0',
            '7',
            'a',
            '_',
            ' ',
            '\n',
            '\t',
            '${',
            'é',
            'for '
        ];
        let read = 0;
        let refused = 0;
        await fc.assert(
            fc.asyncProperty(
                fc.nat(small.length - 1),
                fc.array(
                    fc.tuple(fc.nat(), fc.constantFrom('delete', 'insert', 'line-twice', 'line-out', 'swap'), fc.constantFrom(...pieces)),
                    {
                        minLength: 1,
                        maxLength: 3
                    }
                ),
                async (which, edits) => {
                    let text = small[which]!.text;
                    for (const [at, how, piece] of edits) {
                        const i = at % (text.length + 1);
                        const lines = text.split('\n');
                        const n = at % lines.length;
                        if (how === 'delete') text = text.slice(0, i) + text.slice(i + 1);
                        else if (how === 'insert') text = text.slice(0, i) + piece + text.slice(i);
                        else if (how === 'line-twice') text = [...lines.slice(0, n + 1), lines[n]!, ...lines.slice(n + 1)].join('\n');
                        else if (how === 'line-out') text = [...lines.slice(0, n), ...lines.slice(n + 1)].join('\n');
                        else if (n + 1 < lines.length)
                            text = [...lines.slice(0, n), lines[n + 1]!, lines[n]!, ...lines.slice(n + 2)].join('\n');
                    }
                    if ((await agrees(text)) === 'read') read++;
                    else refused++;
                }
            ),
            { numRuns: 400 }
        );
        // Both outcomes were met: the edits reach inside the style and out of it.
        expect(read).toBeGreaterThan(20);
        expect(refused).toBeGreaterThan(20);
    }, 120_000);
});

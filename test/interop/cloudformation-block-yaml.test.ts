/**
 * The line-by-line reader of block-style YAML gives exactly what js-yaml gives (with the
 * template schema), or stands aside: on random texts mixing the subset it reads with what it
 * must leave alone (YAML's indicators in plain scalars, escapes, odd indentation, flow
 * collections, keys that look like numbers…), and on every example as the exporter writes it.
 */
import fc from 'fast-check';
import { load } from 'js-yaml';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBlockYaml } from '../../src/interop/cloudformation/block-yaml.js';
import { exportCloudFormation } from '../../src/interop/cloudformation/export/index.js';
import { templateSchema } from '../../src/interop/cloudformation/fast-yaml.js';
import { root } from '../cli/run.js';
import { check } from '../helpers.js';

const TOKENS = [
    'abc',
    'Type',
    'AWS::EC2::VPC',
    'Fn::GetAtt',
    '10.0.0.0/8',
    '2010-09-09',
    'true',
    'True',
    'FALSE',
    'null',
    'Null',
    '~',
    '0',
    '012',
    '0x1F',
    '0o17',
    '1_000',
    '1e3',
    '-.5',
    '+1',
    '.inf',
    '.NaN',
    '-1',
    'a: b',
    'a #b',
    'a#b',
    "it's",
    'x:',
    '- x',
    '-x',
    '? x',
    ': x',
    '!Ref',
    '@x',
    '`x',
    '|',
    '>',
    '[x]',
    '{x: 1}',
    ', x',
    '%x',
    '*a',
    '&a b',
    '${AWS::Region}-x',
    '"q"',
    'back\\slash',
    '__proto__',
    '<<',
    ''
];

type Scalar = { scalar: string; style: 'plain' | 'single' | 'double' };
type Layout = { indents: number[]; comments: boolean[]; sameIndentSequence: boolean };
type Node = Scalar | { tag: string; node: Node } | { map: Array<[Scalar, Node]> } | { seq: Node[] } | { literal: string[]; strip: boolean };

const scalar: fc.Arbitrary<Scalar> = fc.record({
    scalar: fc.constantFrom(...TOKENS),
    style: fc.constantFrom('plain' as const, 'plain' as const, 'single' as const, 'double' as const)
});
const tags = fc.constantFrom('!Ref', '!Sub', '!GetAtt', '!Join', '!Bogus');

const { node } = fc.letrec<{ node: Node }>(tie => ({
    node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        scalar,
        scalar,
        fc.record({ tag: tags, node: fc.oneof(scalar, tie('node')) }),
        fc.record({ map: fc.array(fc.tuple(scalar, tie('node')), { minLength: 1, maxLength: 3 }) }),
        fc.record({ seq: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
        fc.record({
            literal: fc.array(fc.constantFrom('line one', '  indented', '', '# not a comment', 'key: value'), {
                minLength: 1,
                maxLength: 3
            }),
            strip: fc.boolean()
        })
    )
}));

/** Layout choices taken while writing, so the same tree is written in many ways. */
const layout: fc.Arbitrary<Layout> = fc.record({
    indents: fc.array(fc.constantFrom(1, 2, 3, 4), { minLength: 8, maxLength: 8 }),
    comments: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    sameIndentSequence: fc.boolean()
});

function text(s: { scalar: string; style: string }): string {
    if (s.style === 'single') return `'${s.scalar.replace(/'/g, "''")}'`;
    if (s.style === 'double') return JSON.stringify(s.scalar);
    return s.scalar;
}

/** The lines of `node` as the value after `lead` (a key and colon, or a dash), at `indent`. */
function write(n: Node, lead: string, indent: number, depth: number, l: Layout, out: string[]): void {
    const pad = ' '.repeat(indent);
    const step = l.indents[depth % 8]!;
    const comment = l.comments[depth % 8] ? ' # note' : '';
    if ('scalar' in n) out.push(`${pad}${lead} ${text(n)}${comment}`);
    else if ('literal' in n) {
        out.push(`${pad}${lead} ${n.strip ? '|-' : '|'}`);
        for (const line of n.literal) out.push(line === '' ? '' : `${pad}${' '.repeat(step)}${line}`);
    } else if ('tag' in n) {
        if ('scalar' in n.node) out.push(`${pad}${lead} ${n.tag} ${text(n.node)}`);
        else write(n.node, `${lead} ${n.tag}`, indent, depth + 1, l, out);
    } else if ('map' in n) {
        out.push(`${pad}${lead}${comment}`);
        if (l.comments[(depth + 3) % 8]) out.push(`${pad}# between`);
        for (const [key, value] of n.map) write(value, `${text(key)}:`, indent + step, depth + 1, l, out);
    } else {
        out.push(`${pad}${lead}`);
        const at = l.sameIndentSequence && lead.endsWith(':') ? indent : indent + step;
        for (const item of n.seq) write(item, '-', at, depth + 1, l, out);
    }
}

function document(entries: Array<[Scalar, Node]>, l: Layout): string {
    const out: string[] = [];
    for (const [key, value] of entries) write(value, `${text(key)}:`, 0, 0, l, out);
    return `${out.join('\n')}\n`;
}

const documents = fc
    .tuple(fc.array(fc.tuple(scalar, node), { minLength: 1, maxLength: 4 }), layout)
    .map(([entries, l]) => document(entries, l));

/** What js-yaml reads, or the error it throws. */
function jsYaml(source: string): { value: unknown } | { error: unknown } {
    try {
        return { value: load(source, { schema: templateSchema() }) };
    } catch (error) {
        return { error };
    }
}

describe('line-by-line reading of block-style YAML', () => {
    it('gives what js-yaml gives whenever it reads a text, and reads no text js-yaml refuses', () => {
        fc.assert(
            fc.property(documents, source => {
                const fast = readBlockYaml(source);
                if (fast === undefined) return;
                const slow = jsYaml(source);
                expect(slow, source).toHaveProperty('value');
                expect(fast, source).toStrictEqual((slow as { value: unknown }).value);
            }),
            { numRuns: 3000, seed: 13 }
        );
    });

    it('reads most such texts itself (the property above is not vacuous)', () => {
        const sample = fc.sample(documents, { numRuns: 500, seed: 14 });
        const read = sample.filter(s => readBlockYaml(s) !== undefined).length;
        expect(read).toBeGreaterThan(100);
    });

    it('reads the short forms, literal blocks, compact sequences and comments', () => {
        const source = [
            'AWSTemplateFormatVersion: "2010-09-09"',
            'Description: |-',
            '  two',
            '',
            '  lines',
            'Resources:',
            '  # vpc v0',
            '  V0Vpc:',
            '    Type: AWS::EC2::VPC',
            '    Properties:',
            '      CidrBlock: !Select',
            '        - 0',
            '        - !Cidr',
            '          - !GetAtt Net.CidrBlock',
            '          - 4',
            '          - 8',
            '      Name: !Sub "${AWS::StackName}-vpc"',
            '      Tags:',
            '      - Key: Name',
            "        Value: 'it''s' # a comment",
            '      Ports: [1, 2]',
            ''
        ];
        expect(readBlockYaml(source.join('\n'))).toBeUndefined();
        const block = source.filter(l => !l.includes('Ports')).join('\n');
        expect(readBlockYaml(block)).toStrictEqual((jsYaml(block) as { value: unknown }).value);
        expect(readBlockYaml(block)).toMatchObject({
            Description: 'two\n\nlines',
            Resources: { V0Vpc: { Properties: { Name: { 'Fn::Sub': '${AWS::StackName}-vpc' }, Tags: [{ Key: 'Name', Value: "it's" }] } } }
        });
    });

    it.each(readdirSync(join(root, 'examples')).filter(f => f.endsWith('.vpc')))('reads %s as exported, as js-yaml does', async file => {
        const checked = await check({ [file]: readFileSync(join(root, 'examples', file), 'utf8') });
        for (const template of exportCloudFormation(checked.services.workspace.WorkspaceModel.get().topology).templates) {
            const fast = readBlockYaml(template.text);
            expect(fast, 'the exporter writes block-style YAML').toBeDefined();
            expect(fast).toStrictEqual((jsYaml(template.text) as { value: unknown }).value);
        }
    });
});

/**
 * The reading of templates in the export's own style (block-yaml.ts): whatever it accepts it reads
 * exactly as js-yaml does (values, numbers' signs included) with each resource on the line the
 * `yaml` package gives it, and everything outside its subset of YAML it refuses, for js-yaml and
 * the `yaml` package to read. Checked on the export's writer over random template data, on YAML
 * written in other styles, and on random edits of exported templates.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { CORE_SCHEMA, load } from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { shortFormTypes } from './short-form-types.js';
import { templateValues } from './template-values.js';
import { readBlockTemplate } from '../../src/interop/cloudformation/block-yaml.js';
import { exportCloudFormation } from '../../src/interop/cloudformation/export/index.js';
import type { Value } from '../../src/interop/cloudformation/export/template.js';
import { jsonYaml } from '../../src/interop/cloudformation/export/yaml.js';
import { yamlTemplate } from '../../src/interop/cloudformation/template.js';
import { check } from '../helpers.js';
import { root } from '../cli/run.js';

/** js-yaml with the core schema and the short forms, as fast-yaml.ts reads. */
const schema = CORE_SCHEMA.extend(shortFormTypes());

/** 'read' when the block reader takes the text (then as js-yaml and the `yaml` package do), else 'refused'. */
function agrees(text: string): 'read' | 'refused' {
    const block = readBlockTemplate(text);
    if (!block) return 'refused';
    let reference: unknown;
    expect(() => (reference = load(text, { schema })), text).not.toThrow();
    expect(block.body, text).toStrictEqual(reference);
    // The `yaml` package's lines (its reading refuses a template without resources, which has none to place).
    if (Object.keys(block.body.Resources as object).length === 0) expect(block.lines.size).toBe(0);
    else expect([...block.lines], text).toEqual([...yamlTemplate('t.yaml', text).lines]);
    return 'read';
}

/** Strings of the characters that matter to YAML, and some that cannot be plain. */
const text = fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: fc.constantFrom(...' -:#,[]{}.0123456789aeEyYnNoOtTfF\'"!&*|>%@`~=<+_/\\?') }) },
    {
        weight: 2,
        arbitrary: fc.constantFrom('true', 'False', 'NULL', '~', '0x1F', '0o17', '0b101', '1e3', '-1', '+1', '.5', '.inf', '-.Inf', '.NaN')
    },
    { weight: 1, arbitrary: fc.constantFrom('AWS::EC2::VPC', '10.0.0.0/16', '2600:1f18::/56', 'Part01.Outputs.X', 'a: b', 'a #b') },
    { weight: 1, arbitrary: fc.string({ unit: 'binary' }) },
    { weight: 1, arbitrary: fc.string() }
);

const template = templateValues({ text, number: fc.double() });

/** Whether every string of the data (keys too) is one line of printable ASCII: the writer's output is then in the subset. */
function simple(data: unknown): boolean {
    if (typeof data === 'string') return /^[\x20-\x7e]*$/.test(data) && data.length < 1000;
    if (typeof data !== 'object' || data === null) return true;
    return Object.entries(data).every(([k, v]) => simple(k) && simple(v) && k !== '__proto__');
}

let exported: string[] = [];

beforeAll(async () => {
    for (const file of ['three-tier.vpc', 'hub-and-spokes.vpc', 'ipv6-egress.vpc']) {
        const checked = await check({ [file]: readFileSync(join(root, 'examples', file), 'utf8') });
        for (const t of exportCloudFormation(checked.services.workspace.WorkspaceModel.get().topology).templates) exported.push(t.text);
    }
    exported = exported.filter(t => !t.trimStart().startsWith('{'));
}, 60_000);

describe('reading templates in the export style', () => {
    it('reads what the export writes of the examples, as js-yaml does', () => {
        expect(exported.length).toBeGreaterThan(2);
        for (const t of exported) expect(agrees(t)).toBe('read');
    });

    it('reads random template data through the writer as js-yaml does, and refuses none whose strings are one line of ASCII', () => {
        let read = 0;
        fc.assert(
            fc.property(template, fc.array(fc.string(), { maxLength: 2 }), (data, comment) => {
                const comments = new Map(
                    Object.keys(data.Resources)
                        .slice(0, 1)
                        .map(n => [n, comment])
                );
                const outcome = agrees(jsonYaml(data as Record<string, Value>, comments));
                if (simple(data)) expect(outcome).toBe('read');
                if (outcome === 'read') read++;
            }),
            { numRuns: 500 }
        );
        expect(read).toBeGreaterThan(100);
    });

    it('refuses YAML written in other styles', () => {
        const others = [
            'Resources:\n  A: {Type: X}\n',
            'Resources:\n  A:\n    Type: X # a comment after a value\n',
            'Resources:\n  A:\n    Type: |\n      X\n',
            'Resources:\n  A:\n    Type: >-\n      X\n',
            'Resources:\n  A:\n    Type: |+\n      X\n',
            'Resources:\n  A:\n    Type: |2-\n        X\n',
            'Resources:\n  A:\n    Type: |-\n      X\n        more indented\n',
            'Resources:\n  A:\n    Type: |-\n      X\n    \n      Y\n',
            'Resources:\n  A:\n    Type: |-\n\n      X\n',
            'Resources:\n  A:\n    Type: |-\n    X\n',
            'Resources:\n  A: &a\n    Type: X\n  B: *a\n',
            "Resources:\n  A:\n    Type: 'X'\n",
            "Resources:\n  'A':\n    Type: X\n",
            'Resources:\n  A:\n    Type:\tX\n',
            'Resources:\r\n  A:\r\n    Type: X\r\n',
            '---\nResources:\n  A:\n    Type: X\n',
            '%YAML 1.2\n---\nResources:\n  A:\n    Type: X\n',
            '\ufeffResources:\n  A:\n    Type: X\n',
            'Resources:\n  ? A\n  : Type: X\n',
            'Resources:\n  A:\n    Type: a\n      continued\n',
            'Resources:\n  A:\n    Type: "a\n      b"\n',
            'Resources:\n  A:\n    Type: "\\x41"\n',
            'Resources:\n  A:\n    Type: X\n  A:\n    Type: Y\n',
            'Resources:\n  A:\n    Type: !Bogus X\n',
            'Resources:\n  A:\n    Type: !!str 1\n',
            'Resources:\n  A:\n    Properties:\n      List:\n      - a\n',
            'Resources:\n  A:\n    Properties:\n      List: [a,\n        b]\n',
            'Resources:\n  A:\n    Properties:\n      List: [{a: b}]\n',
            'Resources:\n  A:\n    Properties:\n      Text: é\n',
            'Resources:\n  __proto__:\n    Type: X\n',
            'Resources:\n  A:\n    Type: X   \n',
            'Resources:\n  A:\n    Type: !Ref\n',
            'Resources:\n- A\n',
            'Resources: []\n',
            'Resources: X\n',
            'Outputs: {}\n',
            '',
            '# only a comment\n'
        ];
        for (const yaml of others) expect(agrees(yaml), JSON.stringify(yaml)).toBe('refused');
    });

    it('reads the scalars of YAML 1.2 core, quoted keys, JSON escapes, flow lists and empty values as js-yaml does', () => {
        const yaml = [
            '# a comment before everything',
            'AWSTemplateFormatVersion: "2010-09-09"',
            'Resources:',
            '  # a comment between resources',
            '  "Quoted A":',
            '    Type: AWS::EC2::VPC',
            '    Properties:',
            '      Numbers: [0x1F, 0o17, 0b101, 1e3, -1, +2, .5, -0.0, 1_000, 012]',
            '      Words: [true, False, NULL, ~, yes, On, 2010-09-09, 12:30]',
            '      Nested: [[], [a, [b]], !Ref c, !GetAtt D.E, !Select [0, !GetAZs ""], {}]',
            '      Escapes: "tab\\t quote\\" slash\\/ \\u00e9 \\ud83d\\ude00"',
            '      Empty:',
            '      EmptyMap: {}',
            '      Sub: !Sub',
            '        - ${A}-${B}',
            '        - A: !Ref AWS::Region',
            '          B: x',
            '      Items:',
            '        - - a',
            '          - b',
            '        -   spaced: 1',
            '            more: 2',
            '        - !If',
            '          - Cond',
            '          - yes',
            '        - "a: b"',
            '  B: !GetAtt A',
            '  Block:',
            '    Description: |-',
            '      first',
            '      # not a comment',
            '',
            '      after an empty line',
            '    UserData: !Base64 |-',
            '      echo',
            '',
            '',
            '  # the next resource',
            '  Next:',
            '    Items:',
            '      - |-',
            '        a',
            '        b',
            '      - c',
            '  1: one',
            '  true: yes',
            'Outputs:',
            '  X:',
            '    Value: !GetAtt B.Outputs.Y',
            ''
        ].join('\n');
        expect(agrees(yaml)).toBe('read');
        const body = readBlockTemplate(yaml)!.body as { Resources: Record<string, { Properties?: Record<string, unknown> }> };
        expect(Object.keys(body.Resources)).toEqual(['1', 'Quoted A', 'B', 'Block', 'Next', 'true']);
        expect(body.Resources.Block).toEqual({
            Description: 'first\n# not a comment\n\nafter an empty line',
            UserData: { 'Fn::Base64': 'echo' }
        });
        const numbers = body.Resources['Quoted A']!.Properties!.Numbers as unknown[];
        expect(Object.is(numbers[7], -0)).toBe(true);
    });

    it('refuses or reads as js-yaml does the exported templates after random edits', () => {
        let read = 0;
        const pieces = [
            ' ',
            '  ',
            '\n',
            '- ',
            ':',
            ': ',
            '#',
            ' #',
            '"',
            "'",
            '[',
            ']',
            '{',
            '}',
            ',',
            '&a ',
            '*a',
            '!',
            '!Ref ',
            '|',
            '>',
            '?',
            '\t',
            '\r',
            '\\',
            '\\x41',
            '~',
            '%',
            '@',
            '\u0085',
            'é',
            '---\n',
            '1',
            '.',
            '-'
        ];
        fc.assert(
            fc.property(
                fc.nat(),
                fc.array(fc.tuple(fc.nat(), fc.oneof(fc.constantFrom(...pieces), fc.constant(null)), fc.nat({ max: 8 })), {
                    minLength: 1,
                    maxLength: 3
                }),
                (which, edits) => {
                    let yaml = exported[which % exported.length]!;
                    for (const [at, piece, cut] of edits) {
                        const p = at % (yaml.length + 1);
                        yaml = piece === null ? yaml.slice(0, p) + yaml.slice(p + cut) : yaml.slice(0, p) + piece + yaml.slice(p);
                    }
                    if (agrees(yaml) === 'read') read++;
                }
            ),
            { numRuns: 600 }
        );
        // Many edits leave YAML of the same meaning or another in the subset (a space in a value, a line cut).
        expect(read).toBeGreaterThan(50);
    });
});

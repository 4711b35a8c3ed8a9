/**
 * The export's YAML writer: whatever template data it is given, the text reads back as the same
 * data under the `yaml` package (the importer's exact reading, and YAML 1.1) and under js-yaml,
 * short forms included.
 */
import fc from 'fast-check';
import { DEFAULT_SCHEMA, load } from 'js-yaml';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { describe, expect, it } from 'vitest';
import { shortFormTypes } from './short-form-types.js';
import { templateValues } from './template-values.js';
import { jsonYaml, plainSafe } from '../../src/interop/cloudformation/export/yaml.js';
import type { Value } from '../../src/interop/cloudformation/export/template.js';
import { SHORT_FORMS, yamlTemplate } from '../../src/interop/cloudformation/template.js';

/** js-yaml's fullest schema (YAML 1.1 timestamps, merge keys, binary) with the short forms as the importer reads them. */
const jsYamlSchema = DEFAULT_SCHEMA.extend(shortFormTypes());

/** The `yaml` package's reading under YAML 1.1's schema (`yes`, `on`, `0x1F`, `12:30`, dates), short forms as the importer takes them. */
function yaml11(text: string): unknown {
    const doc = parseDocument(text, { version: '1.1', uniqueKeys: false });
    expect(doc.errors.map(e => e.message)).toEqual([]);
    const plain = (node: unknown): unknown => {
        if (node === null || node === undefined) return null;
        let value: unknown;
        if (isScalar(node)) value = node.value;
        else if (isSeq(node)) value = node.items.map(plain);
        else if (isMap(node)) value = Object.fromEntries(node.items.map(p => [String(plain(p.key)), plain(p.value)]));
        const tag = (node as Node).tag;
        const name = tag ? SHORT_FORMS[tag] : undefined;
        if (!name) return value;
        if (name === 'Fn::GetAtt' && typeof value === 'string') {
            const dot = value.indexOf('.');
            return { [name]: dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
        }
        return { [name]: value };
    };
    return plain(doc.contents);
}

function readsBack(data: Record<string, Value>, comments = new Map<string, string[]>(), header: string[] = []): string {
    const text = jsonYaml(data, comments, header);
    const expected = JSON.parse(JSON.stringify(data)) as unknown;
    expect(yamlTemplate('t.yaml', text).body, text).toEqual(expected);
    expect(load(text, { schema: jsYamlSchema }), text).toEqual(expected);
    expect(yaml11(text), text).toEqual(expected);
    return text;
}

const KEYWORDS = ['true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', 'null', '~'];
const inEveryCase = KEYWORDS.flatMap(k => [k, k.toUpperCase(), k[0]!.toUpperCase() + k.slice(1)]);

/** Strings that each read back as something else when written plain under YAML 1.1 or 1.2 core (checked below). */
const MISREAD_PLAIN = [
    ...inEveryCase,
    '',
    '1',
    '-1',
    '0x1F',
    '0o17',
    '0b101',
    '1_000',
    '1e3',
    '1.5',
    '.5',
    '+1',
    '.inf',
    '-.Inf',
    '.NaN',
    '12:30',
    '190:20:30',
    '2010-09-09',
    '2001-12-14t21:59:43.10-05:00',
    '012',
    '0.',
    'e5',
    ' a',
    'a ',
    'a: b',
    'a #b',
    'a:',
    '- a',
    '? a',
    '&a',
    '*a',
    '!Ref',
    '|',
    '>',
    "'a'",
    '"a"',
    '#a',
    '[a]',
    '{a: b}',
    'a\nb'
];

const TRICKY = [
    ...MISREAD_PLAIN,
    '=',
    '<<',
    '%a',
    '@a',
    '`a`',
    ',a',
    'a, b',
    'a [b]',
    'a#b',
    ':a',
    '-a',
    '10.0.0.1',
    '10.0.0.0/16',
    '2600:1f18:1234:ab00::/56',
    '2600::1',
    '1.2.3',
    'AWS::NoValue',
    'com.amazonaws.vpce.${AWS::Region}.${Service}',
    'Part01.Outputs.X',
    'a.b.c',
    'é',
    // Line breaks in YAML 1.1 (the readers here read them as characters; the rule quotes and escapes them).
    '\u0085',
    '\u2028',
    'emoji 😀',
    '\ufeff',
    '\ud800',
    '\u007f',
    'a\n\nb',
    '\na',
    'a\n',
    'a \nb',
    'a\n b',
    'a\r\nb',
    'a\tb',
    '\t',
    'x'.repeat(1100),
    'it\'s "quoted"',
    'back\\slash'
];

const text = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...TRICKY) },
    { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...' -:#,[]{}.0123456789aeyYnNoO\n\'"!&*|>%@`~=<+_/\\\t') }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary' }) },
    { weight: 1, arbitrary: fc.string() }
);

const template = templateValues({ text, number: fc.double({ noNaN: true, noDefaultInfinity: true }), minResources: 1 });

describe('the YAML writer of the CloudFormation export', () => {
    it('writes random template data, short forms nested in short forms, that every reader reads back as the same data', () => {
        fc.assert(
            fc.property(template, fc.array(text, { maxLength: 2 }), (data, comment) => {
                const names = Object.keys(data.Resources);
                const comments = new Map(names.slice(0, 1).map(n => [n, comment]));
                readsBack(data as Record<string, Value>, comments);
            }),
            { numRuns: 400 }
        );
    });

    it('each tricky string reads back as itself as a key, a value, a list item and a short form argument', () => {
        for (const s of TRICKY)
            readsBack({
                Resources: { [s]: { Value: s, List: [s, [s]], Ref: { Ref: s }, Sub: { 'Fn::Sub': [s, { [s]: s }] } } }
            });
    });

    it('numbers read back as the JSON form of the template writes them: negative zero as 0, large and small ones by exponent', () => {
        const text = readsBack({ Resources: { A: 0 }, Outputs: { Zero: -0, Big: 1e21, Small: 5e-324, Negative: -12.5 } });
        expect(text).toContain('Zero: 0\n');
        expect(text).not.toContain('-0');
    });

    it('a key named __proto__ is written and read back as data, not taken for a prototype', () => {
        const data = JSON.parse('{"Resources": {"A": 0}, "Outputs": {"__proto__": {"Value": 0}}}') as Record<string, Value>;
        const text = readsBack(data);
        expect(Object.keys(yamlTemplate('t.yaml', text).body.Outputs as object)).toEqual(['__proto__']);
    });

    it('the tricky strings it refuses to write plain would each be misread if written plain', () => {
        for (const s of MISREAD_PLAIN) {
            expect(plainSafe(s, false), s).toBe(false);
            const raw = `Resources:\n  R: ${s}\n`;
            const readings: unknown[] = [];
            for (const read of [
                () => (yamlTemplate('t.yaml', raw).body.Resources as Record<string, unknown>).R,
                () => (load(raw, { schema: jsYamlSchema }) as Record<string, Record<string, unknown>>).Resources!.R,
                () => (yaml11(raw) as Record<string, Record<string, unknown>>).Resources!.R
            ])
                try {
                    readings.push(read());
                } catch {
                    readings.push(Symbol('error'));
                }
            expect(
                readings.some(r => r !== s),
                `${JSON.stringify(s)} written plain reads back as ${String(readings.map(r => JSON.stringify(r)))}`
            ).toBe(true);
        }
    });

    it('writes the short forms as AWS writes them, the argument of a short form that is an intrinsic in long form', () => {
        const text = jsonYaml(
            {
                Resources: {
                    Subnet: {
                        Type: 'AWS::EC2::Subnet',
                        Properties: {
                            VpcId: { Ref: 'AppVpc' },
                            CidrBlock: '10.0.1.0/24',
                            Ipv6CidrBlock: {
                                'Fn::Select': ['0', { 'Fn::Cidr': [{ 'Fn::GetAtt': ['AppVpc', 'Ipv6CidrBlocks'] }, 256, '64'] }]
                            },
                            UserData: { 'Fn::Base64': { 'Fn::Sub': 'echo ${AWS::Region}' } }
                        }
                    }
                },
                Conditions: { HasX: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'X' }, ''] }] } }
            },
            new Map([['Subnet', ['subnet app.a']]])
        );
        expect(text).toBe(
            [
                'Resources:',
                '  # subnet app.a',
                '  Subnet:',
                '    Type: AWS::EC2::Subnet',
                '    Properties:',
                '      VpcId: !Ref AppVpc',
                '      CidrBlock: 10.0.1.0/24',
                '      Ipv6CidrBlock: !Select ["0", !Cidr [!GetAtt AppVpc.Ipv6CidrBlocks, 256, "64"]]',
                '      UserData: !Base64',
                '        Fn::Sub: echo ${AWS::Region}',
                'Conditions:',
                '  HasX: !Not [!Equals [!Ref X, ""]]',
                ''
            ].join('\n')
        );
    });

    it('writes a multi-line description as a literal block, and a long flow list as a block', () => {
        const list = Array.from({ length: 12 }, (_, i) => ({ Ref: `Subnet${i}` }));
        const text = readsBack({
            Description: 'First line.\nSecond line.\n\nAfter an empty one.',
            Resources: { R: { 'Fn::Join': [',', list] } }
        });
        expect(text).toContain('Description: |-\n  First line.\n  Second line.\n\n  After an empty one.\n');
        expect(text).toContain('  R: !Join\n    - ","\n    - - !Ref Subnet0\n      - !Ref Subnet1\n');
    });
});

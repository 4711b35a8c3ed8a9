/**
 * Templates read on several threads: the same templates, the same first error and the same import
 * as on one thread, whatever the threads refuse, lose or never start. The threads run the program
 * the bundles carry, built here by the build's own script.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cfnReaderSource } from '../../scripts/cfn-reader.mjs';
import { generateWorkspace } from '../../bench/generate.js';
import { exportCloudFormation } from '../../src/interop/cloudformation/export/index.js';
import { cycleIn } from '../../src/interop/cloudformation/cycles.js';
import { convertParsed } from '../../src/interop/cloudformation/index.js';
import { parseTemplates, type ReadThreads } from '../../src/interop/cloudformation/read-all.js';
import { readForThread } from '../../src/interop/cloudformation/reader-thread.js';
import { parseTemplate, type Template } from '../../src/interop/cloudformation/template.js';
import { ImportError } from '../../src/interop/common/report.js';
import { modelOf } from '../printer/support.js';

let source: string;
let exported: Array<{ file: string; text: string }>;

beforeAll(async () => {
    source = await cfnReaderSource();
    const design = await modelOf(Object.fromEntries(generateWorkspace(12).files));
    // Behind a document marker, a style the export does not write: what is in its style is read on this thread (read-all.ts).
    exported = exportCloudFormation(design.topology).templates.map(t => ({ file: t.name, text: `---\n${t.text}` }));
}, 120_000);

/** Threads even for a little text. */
const eager = (): ReadThreads => ({ count: 2, minChars: 0, source });

const oneThread = (texts: Array<{ file: string; text: string }>): Template[] => texts.map(t => parseTemplate(t.file, t.text));

async function firstError(read: () => Promise<unknown> | unknown): Promise<string> {
    try {
        await read();
    } catch (error) {
        expect(error).toBeInstanceOf(ImportError);
        return (error as Error).message;
    }
    throw new Error('not refused');
}

const fixture = (name: string) => ({
    file: name,
    text: readFileSync(new URL(`../fixtures/cloudformation/${name}`, import.meta.url), 'utf8')
});

describe('reading templates on several threads', () => {
    it('gives the templates one thread gives, each with its reference cycle looked for, and the same import', async () => {
        expect(exported.length).toBeGreaterThan(3);
        const shared = await parseTemplates(exported, undefined, eager());
        const alone = oneThread(exported);
        expect(shared.map(t => [t.file, t.body, [...t.lines]])).toEqual(alone.map(t => [t.file, t.body, [...t.lines]]));
        // Every template was shared out: a thread's answers carry the cycle check (none here); this thread's do not.
        expect(shared.filter(t => t.cycle === null).length).toBeGreaterThan(0);
        expect(shared.every(t => t.cycle === null || t.cycle === undefined)).toBe(true);
        const a = convertParsed(shared);
        const b = convertParsed(alone);
        expect(a.topology).toEqual(b.topology);
        expect([...a.comments]).toEqual([...b.comments]);
        expect(a.report.lines()).toEqual(b.report.lines());
    });

    it("reads the export's own style on this thread, however much there is", async () => {
        const plain = exported.map(t => ({ ...t, text: t.text.slice(4) }));
        const read = await parseTemplates(plain, undefined, eager());
        expect(read.every(t => t.cycle === undefined)).toBe(true);
        expect(read.map(t => t.body)).toEqual(oneThread(exported).map(t => t.body));
    });

    it('stays on this thread below the size that pays for threads, or with no program to run', async () => {
        const small = await parseTemplates(exported, undefined, { count: 2, source });
        expect(small.every(t => t.cycle === undefined)).toBe(true);
        const none = await parseTemplates(exported, undefined, { count: 2, minChars: 0 });
        expect(none.every(t => t.cycle === undefined)).toBe(true);
        expect(none.map(t => t.body)).toEqual(small.map(t => t.body));
    });

    it('reads the short forms on a thread (the export writes them), and refuses what JSON cannot carry exactly', () => {
        const short = readForThread({
            index: 0,
            file: 't.yaml',
            text: 'Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: !Select [0, !Cidr [!GetAtt Net.CidrBlock, 4, 8]]}\n  Rule:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties:\n      GroupId: !GetAtt Sg.GroupId\n      CidrIp: !Ref Block\n'
        });
        expect('json' in short && JSON.parse(short.json)).toEqual({
            Resources: {
                Vpc: {
                    Type: 'AWS::EC2::VPC',
                    Properties: { CidrBlock: { 'Fn::Select': [0, { 'Fn::Cidr': [{ 'Fn::GetAtt': ['Net', 'CidrBlock'] }, 4, 8] }] } }
                },
                Rule: {
                    Type: 'AWS::EC2::SecurityGroupIngress',
                    Properties: { GroupId: { 'Fn::GetAtt': ['Sg', 'GroupId'] }, CidrIp: { Ref: 'Block' } }
                }
            }
        });
        for (const value of ['.inf', '-.Inf', '.nan', '-0.0'])
            expect(readForThread({ index: 0, file: 't.yaml', text: `Resources:\n  A: {Type: X, Properties: {P: ${value}}}\n` })).toEqual({
                index: 0,
                refused: true
            });
    });

    it('reads what the threads refuse (anchors, infinities, negative zero) here, to the same values', async () => {
        const texts = [
            ...exported,
            { file: 'anchors.yaml', text: 'Resources:\n  A: &a {Type: AWS::EC2::VPC}\n  B: *a\n' },
            { file: 'numbers.yaml', text: 'Resources:\n  A: {Type: AWS::EC2::VPC, Properties: {P: [.inf, -0.0, .nan]}}\n' }
        ];
        const shared = await parseTemplates(texts, undefined, eager());
        expect(shared.map(t => t.body)).toEqual(oneThread(texts).map(t => t.body));
        const numbers = (shared.at(-1)!.body.Resources as { A: { Properties: { P: number[] } } }).A.Properties.P;
        expect(Object.is(numbers[1], -0)).toBe(true);
    });

    it('refuses with the first error in template order, as one thread does: malformed YAML, unknown tags, cycles', async () => {
        const bad = [
            { file: 'cycle.yaml', text: 'Resources:\n  A: {Type: X, Properties: {P: !Ref B}}\n  B: {Type: X, DependsOn: A}\n' },
            { file: 'broken.yaml', text: 'Resources:\n  A: [1, 2\n' },
            { file: 'tag.yaml', text: 'Resources:\n  A:\n    Type: AWS::EC2::VPC\n    Properties: { CidrBlock: !Reference X }\n' },
            { file: 'shape.yaml', text: 'Outputs: {}\n' }
        ];
        for (const chosen of [...bad.map(b => [b]), bad, [...bad].reverse()]) {
            const texts = [...exported.slice(0, 3), ...chosen, ...exported.slice(3)];
            const shared = await firstError(async () => convertParsed(await parseTemplates(texts, undefined, eager())));
            expect(shared).toBe(await firstError(() => convertParsed(oneThread(texts))));
        }
        expect(await firstError(() => parseTemplates([bad[1]!, ...exported], undefined, eager()))).toMatch(
            /^broken\.yaml:\d+:\d+: not valid YAML/
        );
        const cycle = await parseTemplates([bad[0]!, ...exported], undefined, eager());
        expect(cycle[0]!.cycle ?? cycleIn('cycle.yaml', cycle[0]!.body.Resources as Record<string, unknown>, cycle[0]!.lines)).toBe(
            'cycle.yaml:2: reference cycle between resources: A → B → A (CloudFormation refuses such a template)'
        );
    });

    it('reads everything here when the threads fail to start or die while reading', async () => {
        const alone = oneThread(exported).map(t => t.body);
        for (const broken of [
            'throw new Error("no thread")',
            'process.exit(3)',
            'require("node:worker_threads").parentPort.on("message", () => process.exit(4))'
        ]) {
            const read = await parseTemplates(exported, undefined, { ...eager(), source: broken });
            expect(read.map(t => t.body)).toEqual(alone);
        }
    });

    it('keeps the fixtures the same through the threads', async () => {
        const texts = ['two-tier.yaml', 'peered.json', 'endpoint-only.yaml', 'hubs.yaml'].map(fixture);
        const shared = await parseTemplates(texts, undefined, eager());
        expect(shared.map(t => t.body)).toEqual(oneThread(texts).map(t => t.body));
    });
});

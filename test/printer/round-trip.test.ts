/**
 * print(parse(x)) converts to the model of x, for every example, the language reference and
 * random topologies over every construct; the printed text is what the formatter would make of it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printFiles, printProblems, printTopology } from '../../src/printer/index.js';
import { arbitraryTopology } from './arbitrary.js';
import { format, modelOf, normalize } from './support.js';

const examples = readdirSync(new URL('../../examples/', import.meta.url))
    .filter(f => f.endsWith('.vpc'))
    .sort();
const sources = [
    ...examples.map(name => ({ name: `examples/${name}`, text: readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8') })),
    // The reference names a group and a VPC it does not declare: declared here, so that every reference resolves.
    {
        name: 'the language reference',
        text:
            readFileSync(new URL('../fixtures/language-reference.vpc', import.meta.url), 'utf8').replace(
                '  network-acl edge {',
                '  security-group endpoint-sg\n  security-group admin-sg\n  network-acl edge {'
            ) + 'vpc shared { cidr 10.1.0.0/16  subnet s { cidr 10.1.1.0/24 }  instance db-1 subnet s { ip 10.1.1.10 } }\n'
    },
    { name: 'the v2 reference', text: readFileSync(new URL('../fixtures/language-reference-v2.vpc', import.meta.url), 'utf8') }
];

describe('printing a parsed file', () => {
    for (const { name, text } of sources) {
        it(`gives back the model of ${name}, its diagnostics and its probes' text, formatted`, async () => {
            const before = await modelOf(text);
            expect(printProblems(before.topology)).toEqual([]);
            const printed = printTopology(before.topology);
            const after = await modelOf(printed);
            expect(after.problems).toEqual([]);
            expect(normalize(after.topology)).toEqual(normalize(before.topology));
            expect(after.codes).toEqual(before.codes);
            // The examples name instances as the printer does (bare when unique); the reference qualifies one for show.
            if (name.startsWith('examples/'))
                expect(after.topology.probes.map(p => p.text)).toEqual(before.topology.probes.map(p => p.text));
            expect(await format(printed)).toBe(printed);
        });

        it(`gives back the model of ${name} from one file per VPC`, async () => {
            const before = await modelOf(text);
            const files = printFiles(before.topology);
            const after = await modelOf(Object.fromEntries(files.map(f => [f.name, f.text])));
            expect(after.problems).toEqual([]);
            expect(normalize(after.topology)).toEqual(normalize(before.topology));
            for (const file of files) expect(await format(file.text)).toBe(file.text);
        });
    }

    it('notices what a print loses (the comparison is not blind)', async () => {
        const before = await modelOf(sources.find(s => s.name.endsWith('tour.vpc'))!.text);
        const printed = printTopology(before.topology).replace(/\n\s*egress all to ::\/0/, '');
        expect(normalize((await modelOf(printed)).topology)).not.toEqual(normalize(before.topology));
    });
});

describe('printing a random topology', () => {
    it('reads back, as one text and as files, to the same model, and formatting changes nothing', async () => {
        await fc.assert(
            fc.asyncProperty(arbitraryTopology, async topology => {
                expect(printProblems(topology)).toEqual([]);
                const printed = printTopology(topology);
                const one = await modelOf(printed);
                expect(one.problems, printed).toEqual([]);
                expect(normalize(one.topology)).toEqual(normalize(topology));
                expect(await format(printed)).toBe(printed);
                const files = await modelOf(Object.fromEntries(printFiles(topology).map(f => [f.name, f.text])));
                expect(files.problems).toEqual([]);
                expect(normalize(files.topology)).toEqual(normalize(topology));
            }),
            { numRuns: Number(process.env.PRINTER_RUNS ?? 60), endOnFailure: process.env.PRINTER_RUNS !== undefined }
        );
    }, 240_000);
});

/**
 * Plain .tf files read on several threads: each file's blocks as one thread reads them, whatever
 * the threads refuse, lose or never start. The threads run the program the bundles carry, built
 * here by the build's own script.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tfReaderSource } from '../../../scripts/tf-reader.mjs';
import { generateWorkspace } from '../../../bench/generate.js';
import { readFmtStyle } from '../../../src/interop/terraform/config/fmt-style.js';
import { readPlainFiles, type PlainThreads } from '../../../src/interop/terraform/config/fmt-style-threads.js';
import { exportTerraform } from '../../../src/interop/terraform/export/index.js';
import { modelOf } from '../../printer/support.js';

let source: string;
let files: Array<{ file: string; text: string }>;

beforeAll(async () => {
    source = await tfReaderSource();
    const design = await modelOf(Object.fromEntries(generateWorkspace(12).files));
    const exported = (await exportTerraform(design.topology)).files.map(f => ({ file: f.path, text: f.text }));
    // Among them, a file outside the style and one whose blocks are irregular (a resource twice): both left to the usual path.
    files = [
        ...exported,
        { file: 'outside.tf', text: '// by hand\nresource "aws_vpc" "x" {\n}\n' },
        { file: 'twice.tf', text: 'resource "aws_vpc" "x" {\n}\nresource "aws_vpc" "x" {\n}\n' }
    ];
}, 120_000);

const oneThread = () => files.map(f => readFmtStyle(f.text)?.blocks(f.file));

describe('reading plain .tf files on several threads', () => {
    it("gives each file's blocks as one thread does, and the threads read some of them", async () => {
        const byThread: number[] = [];
        const eager: PlainThreads = { count: 2, minChars: 0, source, readByThread: i => byThread.push(i) };
        const shared = await readPlainFiles(files, eager);
        expect(shared).toEqual(oneThread());
        expect(shared.at(-1)).toBeUndefined();
        expect(shared.at(-2)).toBeUndefined();
        expect(shared.slice(0, -2).every(r => r !== undefined)).toBe(true);
        expect(byThread.length).toBeGreaterThan(0);
        expect(new Set(byThread).size).toBe(byThread.length);
    });

    it('stays on this thread below the size that pays for threads, or with no program to run', async () => {
        const byThread: number[] = [];
        const readByThread = (i: number) => byThread.push(i);
        expect(await readPlainFiles(files, { count: 2, source, readByThread })).toEqual(oneThread());
        expect(await readPlainFiles(files, { count: 2, minChars: 0, readByThread })).toEqual(oneThread());
        expect(byThread).toEqual([]);
    });

    it('reads here what a thread that fails to start or dies leaves', async () => {
        const broken = await readPlainFiles(files, { count: 2, minChars: 0, source: 'throw new Error("no program")' });
        expect(broken).toEqual(oneThread());
        const dying = await readPlainFiles(files, {
            count: 1,
            minChars: 0,
            source: "require('node:worker_threads').parentPort.on('message', () => process.exit(3))"
        });
        expect(dying).toEqual(oneThread());
    });
});

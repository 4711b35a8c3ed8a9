/**
 * `vpc-lab import cloudformation` on templates large enough to be read on several threads (the
 * bundle carries their program): the files and notes are the ones a reading on one thread gives
 * (the sources, run by the tests, read on one thread).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { topologyOf } from '../../bench/simulate.js';
import { exportCloudFormation } from '../../src/interop/cloudformation/export/index.js';
import { MIN_CHARS_FOR_THREADS } from '../../src/interop/cloudformation/read-all.js';
import { prepareImport } from '../../src/interop/run-import.js';
import { vpcLab } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'vpc-lab-import-threads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vpc-lab import cloudformation of a large export', () => {
    it('writes what one thread reads, on several', async () => {
        const templates = exportCloudFormation(await topologyOf(240)).templates;
        expect(templates.reduce((sum, t) => sum + t.text.length, 0)).toBeGreaterThan(MIN_CHARS_FOR_THREADS);
        for (const t of templates) {
            mkdirSync(dirname(join(dir, t.name)), { recursive: true });
            writeFileSync(join(dir, t.name), t.text);
        }
        const parent = templates.find(t => !t.nestedIn)!.name;
        const run = vpcLab(['import', 'cloudformation', parent, '-o', 'out'], { cwd: dir });
        const expected = await prepareImport('cloudformation', [parent], { base: dir });
        expect(run.code).toBe(expected.leftOut ? 1 : 0);
        expect(run.stderr).toBe(expected.notes.map(n => `${n.text}\n`).join(''));
        expect(readdirSync(join(dir, 'out')).sort()).toEqual(expected.files.map(f => f.name).sort());
        for (const file of expected.files) expect(readFileSync(join(dir, 'out', file.name), 'utf8'), file.name).toBe(file.text);
        expect(expected.topology.vpcs).toHaveLength(240);
    }, 120_000);
});

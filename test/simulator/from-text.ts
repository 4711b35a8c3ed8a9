/** Probes of a .vpc text, through the language's model: what the CLI would answer. */
import { expect } from 'vitest';
import { check } from '../helpers.js';
import { toModel } from '../../src/language/to-model.js';
import { simulate } from '../../src/simulator/simulate.js';
import type { ProbeResult } from '../../src/model/trace.js';

/** Runs the text's probes; the text must parse and link (checks may flag what a test is about). */
export async function probes(text: string): Promise<ProbeResult[]> {
    const result = await check(text);
    const broken = result.diagnostics.filter(
        d => d.severity === 1 && (d.code === undefined || /unresolved|duplicate|syntax|parse/.test(String(d.code)))
    );
    expect(broken.map(d => `${d.code}: ${d.message}`)).toEqual([]);
    return simulate(toModel(result.documents).topology);
}

/** The last probe's reason, or ACCEPT. */
export async function verdict(text: string): Promise<string> {
    const [result] = (await probes(text)).slice(-1);
    return result!.reason ?? 'ACCEPT';
}

/** The simulator's entry points: every probe of a topology, or one, traced hop by hop. */
import type { Probe, Topology } from '../model/topology.js';
import type { ProbeResult } from '../model/trace.js';
import { compile, type Compiled } from './compile.js';
import { Walk } from './engine.js';
import { DEFAULT_START, FlowLogFormatter, type FlowLogRecord } from './flow-logs.js';

export { compile } from './compile.js';
export type { Compiled } from './compile.js';

export function simulateProbe(compiled: Compiled, probe: Probe, trace = true): ProbeResult {
    const walk = new Walk(compiled, probe, trace);
    walk.run();
    return walk.result();
}

export function simulate(topology: Topology, compiled: Compiled = compile(topology)): ProbeResult[] {
    return topology.probes.map(probe => simulateProbe(compiled, probe));
}

/**
 * Every probe traced, with the flow-log records its packets leave (probe k at start + k × 10 s).
 * With `onRecord`, records stream out one probe at a time instead of being collected.
 */
export function simulateWithFlowLogs(
    topology: Topology,
    startMs = DEFAULT_START,
    onRecord?: (record: FlowLogRecord) => void,
    compiled: Compiled = compile(topology)
): { results: ProbeResult[]; records: FlowLogRecord[] } {
    const records: FlowLogRecord[] = [];
    const emit =
        onRecord ??
        ((record: FlowLogRecord) => {
            records.push(record);
        });
    const formatter = new FlowLogFormatter(compiled, startMs);
    const results = topology.probes.map((probe, index) => {
        const walk = new Walk(compiled, probe, true, true);
        walk.run();
        formatter.format({ probe, index, observations: walk.flows }, emit);
        return walk.result();
    });
    return { results, records };
}

/** Whether a verdict meets the probe's `expect` (and its reason, when one is named); null without one. */
export function expectationMet(result: ProbeResult, probe: Probe): boolean | null {
    if (!probe.expect) return null;
    if ((probe.expect === 'accept') !== (result.verdict === 'ACCEPT')) return false;
    return probe.expectReason === undefined || probe.expectReason === result.reason;
}

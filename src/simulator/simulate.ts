/** The simulator's entry points: every probe of a topology, or one, traced hop by hop. */
import type { Probe, Topology } from '../model/topology.js';
import type { ProbeResult } from '../model/trace.js';
import { compile, type Compiled } from './compile.js';
import { Walk } from './engine.js';
import { DEFAULT_START, flowLogRecords, type FlowLogRecord, type ProbeFlows } from './flow-logs.js';

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

/** Every probe traced, with the flow-log records its packets leave, probe k at start + k × 10 s. */
export function simulateWithFlowLogs(topology: Topology, startMs = DEFAULT_START, compiled: Compiled = compile(topology)): { results: ProbeResult[]; records: FlowLogRecord[] } {
    const flows: ProbeFlows[] = [];
    const results = topology.probes.map((probe, index) => {
        const walk = new Walk(compiled, probe, true, true);
        walk.run();
        flows.push({ probe, index, observations: walk.flows });
        return walk.result();
    });
    return { results, records: flowLogRecords(compiled, flows, startMs) };
}

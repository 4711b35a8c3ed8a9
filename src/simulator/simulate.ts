/** The simulator's entry points: every probe of a topology, or one, traced hop by hop. */
import type { Probe, Topology } from '../model/topology.js';
import type { ProbeResult } from '../model/trace.js';
import { compile, type Compiled } from './compile.js';
import { Walk } from './engine.js';

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

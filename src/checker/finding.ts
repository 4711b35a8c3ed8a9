import type { DiagnosticCode } from '../model/codes.js';
import type { SourceLocation, Topology } from '../model/topology.js';
import { compile, type Compiled } from '../simulator/compile.js';
import { TopologyIndex } from '../simulator/topology-index.js';

/** What a check found, placed on a model element; the language layer turns it into a diagnostic. */
export interface Finding {
    code: DiagnosticCode;
    message: string;
    elementId: string;
    loc?: SourceLocation;
    related?: Array<{ message: string; loc?: SourceLocation }>;
    /** Facts a quick fix needs (e.g. the network address of a block with host bits). */
    data?: Record<string, unknown>;
}

export type Report = (finding: Finding) => void;

export interface CheckContext {
    topology: Topology;
    index: TopologyIndex;
    /** The topology compiled for the simulator, built on first use and shared with the caller. */
    compiled: () => Compiled;
}

export type Check = (context: CheckContext, report: Report) => void;

export function createContext(topology: Topology, compiled: () => Compiled = lazyCompile(topology)): CheckContext {
    return { topology, index: new TopologyIndex(topology), compiled };
}

/** Compiles the topology on the first call only. */
export function lazyCompile(topology: Topology): () => Compiled {
    let compiled: Compiled | undefined;
    return () => (compiled ??= compile(topology));
}

/**
 * The topology of the whole workspace, built from the linked documents once per build and shared
 * by validation and the editor features, with the topology checks' findings grouped by document.
 */
import { DocumentState, WorkspaceCache, type AstNode, type LangiumDocuments, type LangiumSharedCoreServices } from 'langium';
import { checkTopology, lazyCompile, type Finding } from '../simulator/checks/index.js';
import type { ProbeResult } from '../model/trace.js';
import type { Compiled } from '../simulator/compile.js';
import { simulateProbe } from '../simulator/simulate.js';
import { toModel, type ModelBuild } from './to-model.js';

export interface WorkspaceSnapshot extends ModelBuild {
    findings: Map<string, Finding[]>;
    /** The topology compiled for the simulator, once per build, shared by the probe checks and editor features. */
    compiled: () => Compiled;
}

export class WorkspaceModel {
    private readonly documents: LangiumDocuments;
    private readonly cache: WorkspaceCache<'snapshot', WorkspaceSnapshot>;

    constructor(shared: LangiumSharedCoreServices) {
        this.documents = shared.workspace.LangiumDocuments;
        // Rebuilt after every linking phase: later phases (validation) see the new model.
        this.cache = new WorkspaceCache(shared, DocumentState.Linked);
    }

    /** The simulator's answer for the probe a `probe` statement declares (with its hop texts when `trace`), if it is in the model. */
    simulate(node: AstNode, trace = true): ProbeResult | undefined {
        const snapshot = this.get();
        const id = snapshot.ids.get(node);
        const probe = snapshot.topology.probes.find(p => p.id === id);
        return probe && simulateProbe(snapshot.compiled(), probe, trace);
    }

    get(): WorkspaceSnapshot {
        return this.cache.get('snapshot', () => {
            const documents = this.documents.all.filter(d => d.state >= DocumentState.Linked).toArray();
            const build = toModel(documents);
            const compiled = lazyCompile(build.topology);
            const findings = new Map<string, Finding[]>();
            for (const finding of checkTopology(build.topology, compiled)) {
                const uri = finding.loc?.uri;
                if (!uri) continue;
                const list = findings.get(uri);
                if (list) list.push(finding); else findings.set(uri, [finding]);
            }
            return { ...build, findings, compiled };
        });
    }
}

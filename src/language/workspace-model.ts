/**
 * The topology of the whole workspace, built from the linked documents once per build and shared
 * by validation and the editor features, with the topology checks' findings grouped by document.
 *
 * Each document is converted on its own and kept until it is linked again (an edit, or a change
 * to a document it refers to), so an edit converts one document and merges the rest as they were.
 * When a name is declared twice (ids then need `#n` suffixes that depend on the other documents),
 * the workspace is converted as a whole instead, exactly as the command line does.
 */
import { AstUtils, DocumentState, WorkspaceCache, type AstNode, type LangiumDocument, type LangiumDocuments, type LangiumSharedCoreServices } from 'langium';
import { checkTopology, lazyCompile, type Finding } from '../simulator/checks/index.js';
import type { ProbeResult } from '../model/trace.js';
import type { Compiled } from '../simulator/compile.js';
import { simulateProbe } from '../simulator/simulate.js';
import { mergeFragments, toFragment, toModel, type Fragment, type Lookup, type ModelBuild } from './to-model.js';

export interface WorkspaceSnapshot extends ModelBuild {
    findings: Map<string, Finding[]>;
    /** The topology compiled for the simulator, once per build, shared by the probe checks and editor features. */
    compiled: () => Compiled;
}

export class WorkspaceModel {
    private readonly documents: LangiumDocuments;
    private readonly cache: WorkspaceCache<'snapshot', WorkspaceSnapshot>;
    private readonly fragments = new Map<string, Fragment>();
    /** Every id of the kept fragments, and the document that declares it. */
    private readonly owners = new Map<string, string>();
    private clash = false;

    constructor(shared: LangiumSharedCoreServices) {
        this.documents = shared.workspace.LangiumDocuments;
        // Rebuilt after every linking phase: later phases (validation) see the new model.
        this.cache = new WorkspaceCache(shared, DocumentState.Linked);
        // A document linked again may point at other targets: its fragment is converted anew.
        shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Linked, document => this.drop(document.uri.toString()));
        shared.workspace.DocumentBuilder.onUpdate((_changed, deleted) => { for (const uri of deleted) this.drop(uri.toString()); });
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
            const build = this.build(documents);
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

    private build(documents: readonly LangiumDocument[]): ModelBuild {
        const current = new Set(documents.map(d => d.uri.toString()));
        for (const uri of [...this.fragments.keys()]) if (!current.has(uri)) this.drop(uri);
        const fragments = documents.map(document => this.fragmentOf(document));
        if (this.clash || fragments.some(f => f.renumbered)) {
            // Duplicate names: ids depend on the other documents; convert the whole workspace, and start afresh next time.
            for (const uri of [...this.fragments.keys()]) this.drop(uri);
            this.clash = false;
            return toModel(documents);
        }
        const byUri = this.fragments;
        const nodes: Lookup<string, AstNode> = { get: id => { const uri = this.owners.get(id); return uri === undefined ? undefined : byUri.get(uri)?.nodes.get(id); } };
        const ids: Lookup<AstNode, string> = { get: node => byUri.get(documentUri(node) ?? '')?.ids.get(node) };
        return { topology: mergeFragments(fragments), nodes, ids };
    }

    private fragmentOf(document: LangiumDocument): Fragment {
        const uri = document.uri.toString();
        const kept = this.fragments.get(uri);
        if (kept && kept.document === document && kept.document.parseResult === document.parseResult) return kept;
        if (kept) this.drop(uri);
        const fragment = toFragment(document);
        this.fragments.set(uri, fragment);
        for (const id of fragment.nodes.keys()) {
            const owner = this.owners.get(id);
            if (owner !== undefined && owner !== uri) this.clash = true;
            else this.owners.set(id, uri);
        }
        return fragment;
    }

    private drop(uri: string): void {
        const fragment = this.fragments.get(uri);
        if (!fragment) return;
        this.fragments.delete(uri);
        for (const id of fragment.nodes.keys()) if (this.owners.get(id) === uri) this.owners.delete(id);
        // A clash may have involved this document: the next build checks again from scratch.
        if (this.clash) { this.clash = false; for (const other of [...this.fragments.keys()]) this.drop(other); }
    }
}

function documentUri(node: AstNode): string | undefined {
    return (AstUtils.findRootNode(node) as { $document?: LangiumDocument }).$document?.uri.toString();
}

/**
 * The topology of each design of the workspace, built from the linked documents once per build and
 * shared by validation and the editor features, with the topology checks' findings grouped by document.
 *
 * Each document is converted on its own and kept until it is parsed again, or linked again to
 * other targets (a change to a document it refers to), so an edit converts one document and
 * merges the rest as they were.
 * While a name is declared twice (ids then need `#n` suffixes that depend on the other documents),
 * the workspace is converted as a whole instead, exactly as the command line does.
 */
import {
    AstUtils,
    DocumentState,
    WorkspaceCache,
    type AstNode,
    type LangiumDocument,
    type LangiumDocuments,
    type LangiumSharedCoreServices
} from 'langium';
import { CheckCache, checkTopology, checkTopologyIncrementally, lazyCompile, type Finding } from '../checker/index.js';
import { vpcIdOf } from '../model/ids.js';
import { WORKSPACE_LISTS } from '../model/kinds.js';
import type { Topology } from '../model/topology.js';
import { TopologyIndex, type AnyElement, type VpcView } from '../simulator/topology-index.js';
import type { ProbeResult } from '../model/trace.js';
import type { Compiled } from '../simulator/compile.js';
import { simulateProbe } from '../simulator/simulate.js';
import { linkSignature, mergeFragments, toFragment, toModel, type Fragment, type Lookup, type ModelBuild } from './to-model.js';
import type { DesignSubject, Designs } from './designs.js';

export interface WorkspaceSnapshot extends ModelBuild {
    findings: Map<string, Finding[]>;
    /** The topology compiled for the simulator, once per build, shared by the probe checks and editor features. */
    compiled: () => Compiled;
}

/**
 * The model of each design (see designs.ts): one for the command line; in the editor, the
 * workspace folders' and one per file opened from elsewhere. Asked with a node, a document or a
 * URI, it answers for that one's design; asked with nothing, for the workspace's.
 */
export class WorkspaceModel {
    private readonly documents: LangiumDocuments;
    private readonly designs: Designs;
    private readonly cache: WorkspaceCache<string, WorkspaceSnapshot>;
    private readonly partition: WorkspaceCache<'partition', Map<string, LangiumDocument[]>>;
    private readonly models = new Map<string, DesignModel>();

    constructor(shared: LangiumSharedCoreServices, designs: Designs) {
        this.documents = shared.workspace.LangiumDocuments;
        this.designs = designs;
        // Rebuilt after every linking phase: later phases (validation) see the new model.
        this.cache = new WorkspaceCache(shared, DocumentState.Linked);
        this.partition = new WorkspaceCache(shared, DocumentState.Linked);
        // A document linked again may point at other targets: its fragment is checked before reuse.
        shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Linked, document => {
            this.models.get(this.designs.designOf(document))?.relinkedDocument(document.uri.toString());
        });
        shared.workspace.DocumentBuilder.onUpdate((_changed, deleted) => {
            for (const uri of deleted) for (const model of this.models.values()) model.drop(uri.toString());
        });
    }

    /** The simulator's answer for the probe a `probe` statement declares (with its hop texts when `trace`), if it is in the model. */
    simulate(node: AstNode, trace = true): ProbeResult | undefined {
        const snapshot = this.get(node);
        const id = snapshot.ids.get(node);
        const probe = snapshot.topology.probes.find(p => p.id === id);
        return probe && simulateProbe(snapshot.compiled(), probe, trace);
    }

    /** The model of the design of `of` (a node, a document or a URI); of the workspace's without it. */
    get(of?: DesignSubject): WorkspaceSnapshot {
        return this.ofDesign(this.designs.designOf(of));
    }

    private ofDesign(design: string): WorkspaceSnapshot {
        return this.cache.get(design, () => this.snapshot(design, this.documentsByDesign().get(design) ?? []));
    }

    /** Every design that has a built document, each with its documents and its model. */
    all(): Array<{ documents: LangiumDocument[]; snapshot: WorkspaceSnapshot }> {
        return [...this.documentsByDesign()].map(([design, documents]) => ({ documents, snapshot: this.ofDesign(design) }));
    }

    /** The built documents of the design of `of`. */
    documentsOf(of?: DesignSubject): LangiumDocument[] {
        return this.documentsByDesign().get(this.designs.designOf(of)) ?? [];
    }

    private documentsByDesign(): Map<string, LangiumDocument[]> {
        return this.partition.get('partition', () => {
            const byDesign = new Map<string, LangiumDocument[]>();
            for (const document of this.documents.all) {
                if (document.state < DocumentState.Linked) continue;
                const design = this.designs.designOf(document);
                const list = byDesign.get(design);
                if (list) list.push(document);
                else byDesign.set(design, [document]);
            }
            // A design none of whose documents is left: its kept fragments go with it.
            for (const design of [...this.models.keys()]) if (!byDesign.has(design)) this.models.delete(design);
            return byDesign;
        });
    }

    private snapshot(design: string, documents: readonly LangiumDocument[]): WorkspaceSnapshot {
        let model = this.models.get(design);
        if (!model) {
            model = new DesignModel();
            this.models.set(design, model);
        }
        const { fragments, ...build } = model.build(documents);
        const compiled = lazyCompile(build.topology);
        const findings = new Map<string, Finding[]>();
        const found = fragments
            ? checkTopologyIncrementally(build.topology, model.composeIndex(build.topology, fragments), model.checks, compiled)
            : checkTopology(build.topology, compiled);
        for (const finding of found) {
            const uri = finding.loc?.uri;
            if (!uri) continue;
            const list = findings.get(uri);
            if (list) list.push(finding);
            else findings.set(uri, [finding]);
        }
        return { ...build, findings, compiled };
    }
}

/** One design's model, converted document by document and merged; each document's part kept until it changes. */
class DesignModel {
    private readonly fragments = new Map<string, Fragment>();
    /** Every id of the kept fragments, and the documents that declare it (more than one: a clash). */
    private readonly owners = new Map<string, string[]>();
    /** How many ids more than one kept fragment declares. */
    private clashes = 0;
    /** Documents linked again since their fragment was made: kept if their references read the same. */
    private readonly relinked = new Set<string>();
    /** Each kept fragment's own index, built once. */
    private readonly fragmentIndexes = new WeakMap<Fragment, TopologyIndex>();
    /** The checks' findings of each VPC whose document was not converted again. */
    readonly checks = new CheckCache();

    relinkedDocument(uri: string): void {
        if (this.fragments.has(uri)) this.relinked.add(uri);
    }

    /** The model, and the fragments it was merged from (none when the workspace was converted as a whole). */
    build(documents: readonly LangiumDocument[]): ModelBuild & { fragments?: Fragment[] } {
        const current = new Set(documents.map(d => d.uri.toString()));
        for (const uri of [...this.fragments.keys()]) if (!current.has(uri)) this.drop(uri);
        const fragments = documents.map(document => this.fragmentOf(document));
        // Duplicate names: ids (`#n`) depend on the other documents; convert the whole workspace.
        if (this.clashes > 0 || fragments.some(f => f.renumbered)) return toModel(documents);
        const byUri = this.fragments;
        const nodes: Lookup<string, AstNode> = {
            get: id => {
                const uri = this.owners.get(id)?.[0];
                return uri === undefined ? undefined : byUri.get(uri)?.nodes.get(id);
            }
        };
        const ids: Lookup<AstNode, string> = { get: node => byUri.get(documentUri(node) ?? '')?.ids.get(node) };
        return { topology: mergeFragments(fragments), nodes, ids, fragments };
    }

    /**
     * An index of the merged topology made of the fragments' own indexes: what an edit costs is
     * the VPCs and peerings (a view per VPC with its peerings), not every element again.
     */
    composeIndex(topology: Topology, fragments: readonly Fragment[]): TopologyIndex {
        const vpcs = new Map<string, VpcView>();
        const indexOfVpc = new Map<string, TopologyIndex>();
        for (const fragment of fragments) {
            let index = this.fragmentIndexes.get(fragment);
            if (!index) {
                index = new TopologyIndex(fragment.topology);
                this.fragmentIndexes.set(fragment, index);
            }
            for (const vpc of fragment.topology.vpcs) {
                const view = index.vpcs.get(vpc.id);
                if (!view) continue;
                vpcs.set(vpc.id, { ...view, peerings: [] });
                indexOfVpc.set(vpc.id, index);
            }
        }
        for (const peering of topology.peerings) {
            for (const side of new Set([peering.requester, peering.accepter])) if (side) vpcs.get(side)?.peerings.push(peering);
        }
        const topLevel = new Map<string, AnyElement>();
        for (const list of WORKSPACE_LISTS) for (const element of topology[list]) topLevel.set(element.id, element);
        // A VPC's resources have ids `kind:vpc.name`: the VPC's fragment knows them.
        const member = (id: string): AnyElement | undefined => {
            const vpc = vpcIdOf(id);
            return vpc === undefined ? undefined : indexOfVpc.get(vpc)?.byId.get(id);
        };
        return new TopologyIndex(topology, { byId: { get: id => topLevel.get(id) ?? member(id) }, vpcs });
    }

    private fragmentOf(document: LangiumDocument): Fragment {
        const uri = document.uri.toString();
        const kept = this.fragments.get(uri);
        if (kept && kept.document === document && kept.parsed === document.parseResult) {
            if (!this.relinked.has(uri)) return kept;
            this.relinked.delete(uri);
            if (linkSignature(document) === kept.signature) return kept;
        }
        if (kept) this.drop(uri);
        const fragment = toFragment(document);
        this.fragments.set(uri, fragment);
        for (const id of fragment.nodes.keys()) {
            const owners = this.owners.get(id);
            if (!owners) this.owners.set(id, [uri]);
            else if (owners.push(uri) === 2) this.clashes++;
        }
        return fragment;
    }

    drop(uri: string): void {
        this.relinked.delete(uri);
        const fragment = this.fragments.get(uri);
        if (!fragment) return;
        this.fragments.delete(uri);
        for (const id of fragment.nodes.keys()) {
            const owners = this.owners.get(id);
            const at = owners?.indexOf(uri) ?? -1;
            if (!owners || at < 0) continue;
            owners.splice(at, 1);
            if (owners.length === 1) this.clashes--;
            else if (owners.length === 0) this.owners.delete(id);
        }
    }
}

function documentUri(node: AstNode): string | undefined {
    return (AstUtils.findRootNode(node) as { $document?: LangiumDocument }).$document?.uri.toString();
}

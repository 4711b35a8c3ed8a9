/**
 * The build of an edit. Langium links, indexes and validates again every document that refers to
 * a changed one; when every file routes to one transit gateway, that is every file, for a change
 * of one character. Here a document whose references into the changed documents find, once those
 * are parsed again, elements of the same name, kind and place keeps its links (those references
 * are pointed at the new nodes) and is built no further. Any document is validated again when the
 * topology checks' findings placed on it change, which an edit anywhere else can do.
 */
import {
    DefaultDocumentBuilder,
    DocumentState,
    type AstNode,
    type BuildOptions,
    type LangiumDocument,
    type LangiumSharedCoreServices,
    type URI
} from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { VpcLinker } from './vpc-scope.js';
import type { WorkspaceModel } from './workspace-model.js';

export class VpcDocumentBuilder extends DefaultDocumentBuilder {
    /** Documents that refer to the changed ones, not yet pointed at their new nodes. */
    private readonly pending = new Set<LangiumDocument>();
    /** The changed documents' exported names before the change, by document. */
    private readonly exportedBefore = new Map<string, ReadonlySet<string>>();
    /** The documents of the build under way: those found to need more are added to it. */
    private building?: { documents: LangiumDocument[]; options: BuildOptions };

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        // Before linking: the changed documents are parsed and their names indexed.
        this.onBuildPhase(DocumentState.ComputedScopes, () => this.retargetPending());
        // Before validating: the topology checks can run.
        this.onBuildPhase(DocumentState.IndexedReferences, () => this.revalidateChangedFindings());
    }

    override async update(changed: URI[], deleted: URI[], cancelToken?: CancellationToken): Promise<void> {
        // A build cancelled before it pointed these documents at the new nodes: they are linked again in full.
        for (const document of this.pending) if (this.langiumDocuments.hasDocument(document.uri)) this.relinkInFull(document);
        this.pending.clear();
        this.exportedBefore.clear();
        for (const uri of changed) {
            const key = uri.toString();
            if (this.langiumDocuments.hasDocument(uri)) this.exportedBefore.set(key, this.exportedNames(key));
        }
        await super.update(changed, deleted, cancelToken);
    }

    override async build<T extends AstNode>(documents: Array<LangiumDocument<T>>, options?: BuildOptions, cancelToken?: CancellationToken) {
        // Left over from an update cancelled early: linked again in full, in this build.
        const left = [...this.pending].filter(
            d => this.langiumDocuments.hasDocument(d.uri) && !documents.includes(d as LangiumDocument<T>)
        );
        for (const document of this.pending) this.relinkInFull(document);
        this.pending.clear();
        await super.build([...documents, ...(left as Array<LangiumDocument<T>>)], options, cancelToken);
    }

    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        if (super.shouldRelink(document, changedUris)) {
            const retargetable =
                document.state === DocumentState.Validated &&
                !document.references.some(reference => reference.error !== undefined) &&
                [...changedUris].every(uri => this.exportedBefore.has(uri));
            if (!retargetable) return true;
            this.pending.add(document);
        }
        return false;
    }

    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: CancellationToken) {
        this.building = { documents, options };
        try {
            await super.buildDocuments(documents, options, cancelToken);
        } finally {
            this.building = undefined;
        }
    }

    private exportedNames(uri: string): ReadonlySet<string> {
        return new Set(
            this.indexManager
                .allElements(undefined, new Set([uri]))
                .map(d => d.name)
                .toArray()
        );
    }

    /** Names the change added or removed, as written in full and bare (a reference may use either). */
    private namesChanged(): Set<string> {
        const names = new Set<string>();
        for (const [uri, before] of this.exportedBefore) {
            const after = this.exportedNames(uri);
            for (const name of [...[...before].filter(n => !after.has(n)), ...[...after].filter(n => !before.has(n))]) {
                names.add(name);
                names.add(name.slice(name.indexOf('.') + 1));
            }
        }
        return names;
    }

    private retargetPending(): void {
        if (this.pending.size === 0) return;
        const changed = new Set(this.exportedBefore.keys());
        const names = this.namesChanged();
        for (const document of this.pending) {
            const linker = this.serviceRegistry.getServices(document.uri).references.Linker;
            const kept =
                !document.references.some(reference => names.has(reference.$refText)) &&
                linker instanceof VpcLinker &&
                linker.retarget(document, changed);
            if (!kept) {
                this.relinkInFull(document);
                this.addToBuild(document);
            }
        }
        this.pending.clear();
    }

    private relinkInFull(document: LangiumDocument): void {
        this.resetToState(document, DocumentState.ComputedScopes);
    }

    private addToBuild(document: LangiumDocument): void {
        if (!this.building) return;
        this.building.documents.push(document);
        this.prepareBuild([document], this.building.options);
    }

    private revalidateChangedFindings(): void {
        if (!this.building) return;
        const inBuild = new Set(this.building.documents);
        let model: WorkspaceModel | undefined;
        for (const document of this.langiumDocuments.all) {
            if (inBuild.has(document) || document.state !== DocumentState.Validated) continue;
            model ??= (this.serviceRegistry.getServices(document.uri) as { workspace: { WorkspaceModel?: WorkspaceModel } }).workspace
                .WorkspaceModel;
            if (!model?.findingsChanged(document.uri.toString())) continue;
            this.resetToState(document, DocumentState.IndexedReferences);
            this.addToBuild(document);
        }
    }
}

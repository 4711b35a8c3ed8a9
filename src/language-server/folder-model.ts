/**
 * The model of some of the built documents: those under the workspace folders (what the
 * comparison and an export of the workspace take), or the files a command names. A design's own
 * model is used when the selection is every document and they make one design; otherwise their
 * texts (unsaved edits included) are built apart, so that the editor's workspace is not touched.
 */
import { DocumentState, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { buildTextDocuments } from '../language/build-texts.js';
import type { WorkspaceSnapshot } from '../language/workspace-model.js';
import type { VpcLspServices } from './vpc-lsp-module.js';
import type { VpcWorkspaceManager } from './workspace-folders.js';

export interface SelectedModel {
    snapshot: WorkspaceSnapshot;
    /** The selection's documents, built: their diagnostics are the selection's own. */
    documents: readonly LangiumDocument[];
}

/** The workspace folders on disk (the root URI for a client that names no folders), as they are when asked. */
export function trackFolders(shared: LangiumSharedServices): () => string[] {
    return () => ((shared.workspace.WorkspaceManager as VpcWorkspaceManager).fileFolders() ?? []).map(u => u.fsPath);
}

export function inFolders(document: LangiumDocument, folders: readonly string[]): boolean {
    const path = document.uri.fsPath;
    return document.uri.scheme === 'file' && folders.some(f => path === f || path.startsWith(f.endsWith('/') ? f : `${f}/`));
}

/** Call inside the workspace's read lock, once built (`whenBuilt`), so that every document is linked. */
export function builtDocuments(shared: LangiumSharedServices): LangiumDocument[] {
    return shared.workspace.LangiumDocuments.all.filter(d => d.state >= DocumentState.Linked).toArray();
}

/**
 * `documents` is a subset of `builtDocuments()`. The answer for the same selection and the same
 * workspace build is kept, so the comparison asked again after an edit elsewhere costs one build.
 */
export class SelectionModels {
    private kept: { key: string; workspace: WorkspaceSnapshot; model: Promise<SelectedModel> } | undefined;

    constructor(private readonly services: VpcLspServices) {}

    of(documents: readonly LangiumDocument[], all: readonly LangiumDocument[]): Promise<SelectedModel> {
        const models = this.services.workspace.WorkspaceModel;
        const workspace = models.get();
        // Every document, all of one design: that design's own model.
        const design = documents[0] && models.documentsOf(documents[0]);
        if (design && documents.length === all.length && design.length === all.length)
            return Promise.resolve({ snapshot: models.get(documents[0]), documents });
        const key = documents.map(d => d.uri.toString()).join('\n');
        if (this.kept?.key === key && this.kept.workspace === workspace) return this.kept.model;
        const model = buildTextDocuments(documents.map(d => ({ uri: d.uri.toString(), text: d.textDocument.getText() })));
        this.kept = { key, workspace, model };
        model.catch(() => (this.kept = undefined));
        return model;
    }
}

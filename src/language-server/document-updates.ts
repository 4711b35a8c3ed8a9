/**
 * Documents closed in the editor. Langium keeps a closed document's last unsaved text; the
 * workspace must instead hold what is on disk: the saved file when it is one of the workspace's
 * (its diagnostics, names and preview recomputed from disk), nothing when it is not (an unsaved new
 * document, a file outside the workspace folders), its diagnostics then cleared.
 */
import { URI, UriUtils, type FileSystemProvider, type WorkspaceManager } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import type { TextDocument, TextDocumentChangeEvent } from 'vscode-languageserver';

export class VpcDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private readonly fileSystem: FileSystemProvider;
    private readonly textDocuments: LangiumSharedServices['workspace']['TextDocuments'];

    constructor(services: LangiumSharedServices) {
        super(services);
        this.fileSystem = services.workspace.FileSystemProvider;
        this.textDocuments = services.workspace.TextDocuments;
    }

    didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(event.document.uri);
        this.workspaceManager.ready
            .then(() =>
                this.workspaceLock.write(async token => {
                    // Opened again meanwhile: the editor's text stands, and its own update follows.
                    if (this.textDocuments.get(uri.toString())) return;
                    const onDisk = await isWorkspaceFile(uri, this.workspaceManager, this.fileSystem);
                    await this.documentBuilder.update(onDisk ? [uri] : [], onDisk ? [] : [uri], token);
                })
            )
            .catch(error => console.error(`vpc-lab: could not update the workspace after ${uri.toString()} was closed:`, error));
    }
}

/** A file the workspace loads from disk: a regular file under a workspace folder, in no folder the workspace skips. */
async function isWorkspaceFile(uri: URI, workspace: WorkspaceManager, fileSystem: FileSystemProvider): Promise<boolean> {
    if (uri.scheme !== 'file') return false;
    const folder = workspace.workspaceFolders?.map(f => URI.parse(f.uri)).find(f => UriUtils.contains(f, uri));
    if (!folder) return false;
    const node = await fileSystem.stat(uri).catch(() => undefined);
    if (!node?.isFile) return false;
    const folders = UriUtils.relative(folder, uri).split('/').slice(0, -1);
    const skipped = folders.some(
        (_, i) =>
            !workspace.shouldIncludeEntry({ isFile: false, isDirectory: true, uri: UriUtils.joinPath(folder, ...folders.slice(0, i + 1)) })
    );
    return !skipped && workspace.shouldIncludeEntry(node);
}

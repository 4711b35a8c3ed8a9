/**
 * The designs of an editor's workspace: the files under the workspace folders (the root URI for a
 * client that names no folders) are one design; a file anywhere else — a teaching example opened
 * from the extension, a file opened with no folder open, an unsaved new document — is a design of
 * its own, so that its names and probes never mix with the workspace's or another such file's.
 */
import { type URI, UriUtils } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { Designs, WORKSPACE_DESIGN } from '../language/designs.js';
import type { VpcWorkspaceManager } from './workspace-folders.js';

export class FolderDesigns extends Designs {
    /** Unknown until the client initializes: one design until then. */
    private folders: URI[] | undefined;

    constructor(shared: LangiumSharedServices) {
        super();
        // The workspace manager has read the client's folders by then; it tells of each change.
        shared.lsp.LanguageServer.onInitialize(() => {
            const manager = shared.workspace.WorkspaceManager as VpcWorkspaceManager;
            this.folders = manager.fileFolders() ?? [];
            manager.onDidChangeFolders(() => {
                this.folders = manager.fileFolders() ?? [];
                this.known = new WeakMap();
            });
        });
    }

    override get single(): boolean {
        return this.folders === undefined;
    }

    /** Asked for every name in scope: a document's descriptions share its URI object, so the answer is kept per object. */
    private known = new WeakMap<URI, string>();

    override designOfUri(uri: URI): string {
        let design = this.known.get(uri);
        if (design === undefined) {
            const inFolder = uri.scheme === 'file' && (this.folders ?? []).some(folder => UriUtils.contains(folder, uri));
            design = inFolder ? WORKSPACE_DESIGN : uri.toString();
            this.known.set(uri, design);
        }
        return design;
    }
}

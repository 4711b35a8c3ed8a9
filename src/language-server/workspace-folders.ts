/**
 * The workspace folders: those the client names at initialization, then as the person adds or
 * removes folders (`workspace/didChangeWorkspaceFolders`). This is the one place the server reads
 * them. A change reloads what the folders hold: the files of an added folder join the workspace's
 * design, those of a removed one leave it (a file still open in the editor stays, as a design of
 * its own), and every document is built again, since the names it sees may have changed.
 */
import { DefaultWorkspaceManager, URI, UriUtils, type LangiumDocument } from 'langium';
import { DefaultLanguageServer, type LangiumSharedServices } from 'langium/lsp';
import type {
    Connection,
    InitializedParams,
    InitializeParams,
    InitializeResult,
    WorkspaceFolder,
    WorkspaceFoldersChangeEvent
} from 'vscode-languageserver';

export class VpcWorkspaceManager extends DefaultWorkspaceManager {
    private readonly listeners: Array<() => void> = [];
    private readonly connection: Connection | undefined;
    private readonly openDocuments: LangiumSharedServices['workspace']['TextDocuments'];
    private followsChanges = false;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.connection = services.lsp.Connection;
        this.openDocuments = services.workspace.TextDocuments;
    }

    override initialize(params: InitializeParams): void {
        // A client without folders names the root URI alone: that is its one folder.
        this.folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : undefined);
        this.followsChanges = params.capabilities.workspace?.workspaceFolders === true;
    }

    override initialized(params: InitializedParams): Promise<void> {
        if (this.followsChanges && this.connection)
            this.connection.workspace.onDidChangeWorkspaceFolders(event =>
                this.changeFolders(event).catch((error: unknown) =>
                    this.connection?.console.error(`vpc-lab: could not load the workspace folders as changed: ${String(error)}`)
                )
            );
        return super.initialized(params);
    }

    /** The folders on disk, as URIs; unknown (undefined) until the client initializes. */
    fileFolders(): URI[] | undefined {
        return this.folders?.map(f => URI.parse(f.uri)).filter(u => u.scheme === 'file');
    }

    /** Called when the folders change, before the documents are built again. */
    onDidChangeFolders(listener: () => void): void {
        this.listeners.push(listener);
    }

    async changeFolders(event: WorkspaceFoldersChangeEvent): Promise<void> {
        await this.ready;
        await this.mutex.write(async token => {
            const gone = new Set(event.removed.map(f => f.uri));
            const known = new Set((this.folders ?? []).map(f => f.uri));
            const added: WorkspaceFolder[] = event.added.filter(f => !known.has(f.uri) && !gone.has(f.uri));
            this.folders = [...(this.folders ?? []).filter(f => !gone.has(f.uri)), ...added];
            for (const listener of this.listeners) listener();
            const removed = event.removed.map(f => URI.parse(f.uri));
            const under = (document: LangiumDocument) => removed.some(folder => UriUtils.contains(folder, document.uri));
            const stays = (document: LangiumDocument) => !under(document) || this.openDocuments.get(document.uri.toString()) !== undefined;
            const kept = this.langiumDocuments.all
                .filter(stays)
                .map(d => d.uri)
                .toArray();
            await this.documentBuilder.update([...kept, ...added.map(f => URI.parse(f.uri))], removed, token);
        });
    }
}

/** Tells the client that the server follows changes of the workspace folders. */
export class VpcLanguageServer extends DefaultLanguageServer {
    protected override buildInitializeResult(params: InitializeParams): InitializeResult {
        const result = super.buildInitializeResult(params);
        if (params.capabilities.workspace?.workspaceFolders === true)
            result.capabilities.workspace = {
                ...result.capabilities.workspace,
                workspaceFolders: { supported: true, changeNotifications: true }
            };
        return result;
    }
}

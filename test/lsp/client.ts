/** A real LSP client over stdio: starts `vpc-lab lsp --stdio` as a child process and speaks JSON-RPC. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
    ConfigurationRequest,
    createProtocolConnection,
    DidChangeTextDocumentNotification,
    DidChangeWorkspaceFoldersNotification,
    DidCloseTextDocumentNotification,
    DidOpenTextDocumentNotification,
    ExitNotification,
    InitializedNotification,
    InitializeRequest,
    PublishDiagnosticsNotification,
    RegistrationRequest,
    ShutdownRequest,
    StreamMessageReader,
    StreamMessageWriter,
    type ClientCapabilities,
    type Diagnostic,
    type InitializeResult,
    type Message,
    type ProtocolConnection,
    type PublishDiagnosticsParams,
    type Registration,
    type ResponseMessage
} from 'vscode-languageserver/node';

const bin = fileURLToPath(new URL('../../bin/vpc-lab.cjs', import.meta.url));

export class LspClient {
    readonly connection: ProtocolConnection;
    /** Every message the server wrote, exactly as it came over the wire. */
    readonly wire: Message[] = [];
    /** What the server registered dynamically (`client/registerCapability`). */
    readonly registrations: Registration[] = [];
    private readonly child: ChildProcess;
    private readonly diagnostics = new Map<string, Diagnostic[]>();
    private readonly waiters: Array<{ uri: string; test: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }> = [];
    private readonly wireWaiters: Array<{ test: (m: Message) => boolean; resolve: (m: Message) => void }> = [];

    /** `cli`: the vpc-lab launcher to start (the repository's by default). */
    constructor(cli = bin) {
        this.child = spawn(process.execPath, [cli, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
        this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
        // A second reader on the same output sees the messages as sent, before the connection interprets them.
        new StreamMessageReader(this.child.stdout!).listen(message => {
            this.wire.push(message);
            for (const waiter of [...this.wireWaiters]) {
                if (waiter.test(message)) {
                    this.wireWaiters.splice(this.wireWaiters.indexOf(waiter), 1);
                    waiter.resolve(message);
                }
            }
        });
        this.connection.onNotification(PublishDiagnosticsNotification.type, (params: PublishDiagnosticsParams) => {
            this.diagnostics.set(params.uri, params.diagnostics);
            for (const waiter of [...this.waiters]) {
                if (waiter.uri === params.uri && waiter.test(params.diagnostics)) {
                    this.waiters.splice(this.waiters.indexOf(waiter), 1);
                    waiter.resolve(params.diagnostics);
                }
            }
        });
        this.connection.onRequest(RegistrationRequest.type, params => {
            this.registrations.push(...params.registrations);
        });
        // No settings of its own: every section the server asks for is unset.
        this.connection.onRequest(ConfigurationRequest.type, params => params.items.map(() => null));
        this.connection.listen();
    }

    async initialize(rootUri: string | null, capabilities: ClientCapabilities = {}): Promise<InitializeResult> {
        const result = await this.connection.sendRequest(InitializeRequest.type, {
            processId: process.pid,
            rootUri,
            capabilities,
            workspaceFolders: rootUri ? [{ uri: rootUri, name: 'ws' }] : null
        });
        await this.connection.sendNotification(InitializedNotification.type, {});
        return result;
    }

    /** Tells the server that the person added or removed workspace folders. */
    async changeFolders(added: string[], removed: string[]): Promise<void> {
        const folder = (uri: string) => ({ uri, name: uri.slice(uri.lastIndexOf('/') + 1) });
        await this.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
            event: { added: added.map(folder), removed: removed.map(folder) }
        });
    }

    /** Waits (on the notification, never on time) for diagnostics of `uri` that pass `test`. */
    diagnosticsFor(uri: string, test: (d: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
        const known = this.diagnostics.get(uri);
        if (known && test(known)) return Promise.resolve(known);
        return new Promise(resolve => this.waiters.push({ uri, test, resolve }));
    }

    async open(uri: string, text: string): Promise<void> {
        await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
            textDocument: { uri, languageId: 'vpc', version: 1, text }
        });
    }

    /** Replaces the whole text; diagnostics known for `uri` are forgotten so the next wait sees the new ones. */
    async change(uri: string, version: number, text: string): Promise<void> {
        this.diagnostics.delete(uri);
        await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
            textDocument: { uri, version },
            contentChanges: [{ text }]
        });
    }

    /** Closes the editor of `uri` without saving; diagnostics known for it are forgotten. */
    async closeDocument(uri: string): Promise<void> {
        this.diagnostics.delete(uri);
        await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    }

    /**
     * Writes `messages` to the server in one write, framed by hand (a request and its
     * `$/cancelRequest` then arrive together), and resolves with the server's response to the first.
     * The ids must not collide with the connection's own (numbers): use strings.
     */
    sendRaw(...messages: Array<{ id?: string; method: string; params?: unknown }>): Promise<ResponseMessage> {
        const id = messages[0]?.id;
        const response = new Promise<Message>(resolve =>
            this.wireWaiters.push({ test: m => 'id' in m && m.id === id && !('method' in m), resolve })
        );
        this.child.stdin!.write(
            messages
                .map(m => {
                    const body = JSON.stringify({ jsonrpc: '2.0', ...m });
                    return `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
                })
                .join('')
        );
        return response as Promise<ResponseMessage>;
    }

    /** The server's process id. */
    get pid(): number | undefined {
        return this.child.pid;
    }

    alive(): boolean {
        return this.child.exitCode === null;
    }

    async close(): Promise<void> {
        await this.connection.sendRequest(ShutdownRequest.type);
        await this.connection.sendNotification(ExitNotification.type);
        this.connection.dispose();
        await new Promise(resolve => {
            if (this.child.exitCode !== null) resolve(null);
            else this.child.once('exit', resolve);
        });
    }
}

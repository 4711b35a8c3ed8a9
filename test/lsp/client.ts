/** A real LSP client over stdio: starts `vpc-lab lsp --stdio` as a child process and speaks JSON-RPC. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
    createProtocolConnection, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification, InitializedNotification, InitializeRequest,
    PublishDiagnosticsNotification, ShutdownRequest, StreamMessageReader, StreamMessageWriter,
    type Diagnostic, type ProtocolConnection, type PublishDiagnosticsParams
} from 'vscode-languageserver-protocol/node';

const bin = fileURLToPath(new URL('../../bin/vpc-lab.cjs', import.meta.url));

export class LspClient {
    readonly connection: ProtocolConnection;
    private readonly child: ChildProcess;
    private readonly diagnostics = new Map<string, Diagnostic[]>();
    private readonly waiters: Array<{ uri: string; test: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }> = [];

    /** `cli`: the vpc-lab launcher to start (the repository's by default). */
    constructor(cli = bin) {
        this.child = spawn(process.execPath, [cli, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
        this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
        this.connection.onNotification(PublishDiagnosticsNotification.type, (params: PublishDiagnosticsParams) => {
            this.diagnostics.set(params.uri, params.diagnostics);
            for (const waiter of [...this.waiters]) {
                if (waiter.uri === params.uri && waiter.test(params.diagnostics)) {
                    this.waiters.splice(this.waiters.indexOf(waiter), 1);
                    waiter.resolve(params.diagnostics);
                }
            }
        });
        this.connection.listen();
    }

    async initialize(rootUri: string | null): Promise<void> {
        await this.connection.sendRequest(InitializeRequest.type, {
            processId: process.pid, rootUri, capabilities: {}, workspaceFolders: rootUri ? [{ uri: rootUri, name: 'ws' }] : null
        });
        await this.connection.sendNotification(InitializedNotification.type, {});
    }

    /** Waits (on the notification, never on time) for diagnostics of `uri` that pass `test`. */
    diagnosticsFor(uri: string, test: (d: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
        const known = this.diagnostics.get(uri);
        if (known && test(known)) return Promise.resolve(known);
        return new Promise(resolve => this.waiters.push({ uri, test, resolve }));
    }

    async open(uri: string, text: string): Promise<void> {
        await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'vpc', version: 1, text } });
    }

    /** Replaces the whole text; diagnostics known for `uri` are forgotten so the next wait sees the new ones. */
    async change(uri: string, version: number, text: string): Promise<void> {
        this.diagnostics.delete(uri);
        await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    }

    alive(): boolean {
        return this.child.exitCode === null;
    }

    async close(): Promise<void> {
        await this.connection.sendRequest(ShutdownRequest.type);
        await this.connection.sendNotification(ExitNotification.type);
        this.connection.dispose();
        await new Promise(resolve => { if (this.child.exitCode !== null) resolve(null); else this.child.once('exit', resolve); });
    }
}

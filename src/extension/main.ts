/** The VS Code extension: starts the bundled language server and adds the preview, the probe commands and the status bar. */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
    ExportFlowLogsRequest,
    ModelChangedNotification,
    PreviewRequest,
    ProbesRequest,
    TraceProbeCommand,
    type ExportFlowLogsResult,
    type ProbesResult
} from '../protocol.js';
import { registerCompare } from './compare.js';
import { registerInterop } from './interop.js';
import { PreviewPanel, type PreviewSource } from './preview-panel.js';
import { ProbeStatus } from './probes.js';
import { markWalkthrough, registerWalkthrough, walkthroughDone } from './walkthrough.js';

let client: LanguageClient | undefined;

/** What the extension hands to other extensions and to its own tests. */
export interface VpcLabApi {
    client: LanguageClient;
    preview(): PreviewPanel | undefined;
    status: ProbeStatus;
    /** The walkthrough steps marked done so far. */
    walkthrough(): string[];
}

function startTime(): string | undefined {
    const value = vscode.workspace.getConfiguration('vpc').get<string>('simulation.startTime', '').trim();
    return value === '' ? undefined : value;
}

export async function activate(context: vscode.ExtensionContext): Promise<VpcLabApi> {
    const server = context.asAbsolutePath('out/server.cjs');
    const serverOptions: ServerOptions = {
        run: { module: server, transport: TransportKind.ipc },
        debug: { module: server, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } }
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [
            { scheme: 'file', language: 'vpc' },
            { scheme: 'untitled', language: 'vpc' }
        ],
        synchronize: { configurationSection: 'vpc', fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.vpc,vpc-lab.json}') }
    };
    // The id names the settings section the client reads `trace.server` from: `vpc.trace.server`.
    const lc = new LanguageClient('vpc', 'VPC language server', serverOptions, clientOptions);
    client = lc;
    await lc.start();

    const changed = new vscode.EventEmitter<void>();
    let timer: NodeJS.Timeout | undefined;
    const autoRefresh = () => vscode.workspace.getConfiguration('vpc').get<boolean>('preview.autoRefresh', true);
    const fire = () => {
        clearTimeout(timer);
        timer = setTimeout(() => changed.fire(), 200);
    };
    context.subscriptions.push(
        changed,
        { dispose: () => clearTimeout(timer) },
        lc.onNotification(ModelChangedNotification, () => {
            if (autoRefresh()) fire();
        }),
        vscode.workspace.onDidSaveTextDocument(document => {
            if (document.languageId === 'vpc' && !autoRefresh()) fire();
        }),
        vscode.workspace.onDidChangeConfiguration(event => {
            if (event.affectsConfiguration('vpc.simulation.startTime')) fire();
        })
    );
    // The preview draws the design of the last .vpc editor: a file outside the workspace folders
    // (a walkthrough's example) is a design of its own, and switching to it redraws the panel.
    let shown: vscode.Uri | undefined;
    const designUri = () =>
        shown && vscode.workspace.textDocuments.some(d => d.uri.toString() === shown?.toString()) ? shown.toString() : undefined;
    const follow = (editor: vscode.TextEditor | undefined) => {
        if (editor?.document.languageId !== 'vpc' || editor.document.uri.toString() === shown?.toString()) return;
        shown = editor.document.uri;
        fire();
    };
    follow(vscode.window.activeTextEditor);
    context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(follow));
    const source: PreviewSource = {
        request: () => lc.sendRequest(PreviewRequest, { startTime: startTime(), uri: designUri() }),
        onDidChange: changed.event
    };
    // The status bar and the probe commands need the results only, not the topology the panel draws.
    const probes = () => lc.sendRequest(ProbesRequest, { startTime: startTime() });

    const status = new ProbeStatus();
    context.subscriptions.push(status);
    const refreshStatus = async () => {
        try {
            const results = await probes();
            status.show(results);
            markWalkthrough(results);
        } catch {
            /* the server reports its own errors */
        }
    };
    context.subscriptions.push(changed.event(() => void refreshStatus()));
    void refreshStatus();

    const openPreview = () => PreviewPanel.createOrShow(context.extensionUri, source);
    context.subscriptions.push(
        vscode.commands.registerCommand('vpc-lab.openPreview', () => {
            openPreview();
        }),
        vscode.commands.registerCommand('vpc-lab.showMatrix', () => {
            openPreview().showTab('matrix');
        }),
        vscode.commands.registerCommand('vpc-lab.runProbes', async () => {
            const results = await probes();
            status.show(results);
            status.write(results);
            markWalkthrough(results);
            status.output.show(true);
            return results.map(p => ({ name: p.name, verdict: p.verdict, reason: p.reason, met: p.met }));
        }),
        vscode.commands.registerCommand(TraceProbeCommand, async (uri?: string, line?: number) =>
            traceProbe(context, source, await probes(), uri, line)
        ),
        vscode.commands.registerCommand('vpc-lab.exportFlowLogs', async (folder?: string) => exportFlowLogs(lc, folder)),
        registerWalkthrough(context, () => {
            openPreview();
        }),
        vscode.window.registerWebviewPanelSerializer(PreviewPanel.viewType, {
            deserializeWebviewPanel: async panel => {
                PreviewPanel.revive(panel, context.extensionUri, source);
            }
        })
    );
    registerCompare(context, lc, openPreview, () => PreviewPanel.current, changed.event);
    registerInterop(context, lc, () => {
        openPreview();
    });
    return { client: lc, preview: () => PreviewPanel.current, status, walkthrough: walkthroughDone };
}

/** `▶ trace` on a probe (or the command on the probe under the cursor): its path in the preview. */
async function traceProbe(
    context: vscode.ExtensionContext,
    source: PreviewSource,
    probes: ProbesResult,
    uri?: string,
    line?: number
): Promise<{ name: string; verdict: string; reason: string | null } | undefined> {
    const editor = vscode.window.activeTextEditor;
    const document = uri ?? editor?.document.uri.toString();
    const at = line ?? (editor ? editor.selection.active.line + 1 : undefined);
    let probe = probes.find(p => p.loc !== undefined && p.loc.uri === document && p.loc.range.start.line + 1 === at);
    if (!probe) {
        const picked = await vscode.window.showQuickPick(
            probes.map(p => ({ label: p.name, description: p.text, detail: p.verdict + (p.reason ? ` ${p.reason}` : ''), id: p.id })),
            { placeHolder: 'Which probe?' }
        );
        probe = picked && probes.find(p => p.id === picked.id);
    }
    if (!probe) return undefined;
    PreviewPanel.createOrShow(context.extensionUri, source).selectProbe(probe.id);
    return { name: probe.name, verdict: probe.verdict, reason: probe.reason };
}

async function exportFlowLogs(lc: LanguageClient, folder?: string): Promise<ExportFlowLogsResult | undefined> {
    let target = folder;
    if (!target) {
        const picked = await vscode.window.showOpenDialog({
            canSelectFolders: true,
            canSelectFiles: false,
            openLabel: 'Export flow logs here',
            title: 'VPC: Export Flow Logs'
        });
        target = picked?.[0]?.fsPath;
    }
    if (!target) return undefined;
    const result = await lc.sendRequest(ExportFlowLogsRequest, { folder: target, startTime: startTime() });
    if (result.error) void vscode.window.showErrorMessage(`Export flow logs: ${result.error}`);
    else
        void vscode.window.showInformationMessage(
            `Wrote ${result.records} flow-log records in ${result.files.length} files (laid out as AWS delivers them) under ${target}`
        );
    return result;
}

export function deactivate(): Thenable<void> | undefined {
    return client?.stop();
}

/**
 * The preview beside the editor: one panel (created, revealed, revived after a reload, disposed),
 * typed messages both ways, a fresh nonce and a strict Content-Security-Policy on every load.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { isPageMessage, previewHtml, type CompareResult, type HostMessage, type PreviewData, type PreviewTab } from '../protocol.js';

/** Where the panel's data comes from: the language server, through the client. */
export interface PreviewSource {
    request(): Promise<PreviewData>;
    readonly onDidChange: vscode.Event<void>;
}

export class PreviewPanel {
    static readonly viewType = 'vpcLab.preview';
    static current: PreviewPanel | undefined;

    private readonly disposables: vscode.Disposable[] = [];
    private ready = false;
    /** What to send once the page says it is ready (messages before that are lost). */
    private pending: HostMessage[] = [];
    private data: PreviewData | undefined;
    /** The comparison shown in the Changes tab, sent again when the page reloads. */
    private compared: CompareResult | null = null;
    private refreshing: Promise<void> | undefined;
    private again = false;

    static createOrShow(extensionUri: vscode.Uri, source: PreviewSource): PreviewPanel {
        if (PreviewPanel.current) {
            PreviewPanel.current.panel.reveal(vscode.ViewColumn.Beside, true);
            return PreviewPanel.current;
        }
        const panel = vscode.window.createWebviewPanel(
            PreviewPanel.viewType,
            'VPC Preview',
            { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
            PreviewPanel.options(extensionUri)
        );
        PreviewPanel.current = new PreviewPanel(panel, extensionUri, source);
        return PreviewPanel.current;
    }

    /** After a window reload: the serializer hands back the panel; the page restores its own state (tab, selection, zoom). */
    static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, source: PreviewSource): PreviewPanel {
        panel.webview.options = PreviewPanel.options(extensionUri);
        PreviewPanel.current = new PreviewPanel(panel, extensionUri, source);
        return PreviewPanel.current;
    }

    private static options(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
        return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'out')] };
    }

    private constructor(
        readonly panel: vscode.WebviewPanel,
        private readonly extensionUri: vscode.Uri,
        private readonly source: PreviewSource
    ) {
        panel.iconPath = vscode.Uri.joinPath(extensionUri, 'images', 'icon.png');
        panel.webview.html = this.html();
        panel.onDidDispose(() => this.dispose(), null, this.disposables);
        // A hidden webview is unloaded; when shown again its page reloads and says `ready` anew.
        panel.onDidChangeViewState(
            event => {
                if (!event.webviewPanel.visible) this.ready = false;
            },
            null,
            this.disposables
        );
        panel.webview.onDidReceiveMessage(message => this.receive(message), null, this.disposables);
        source.onDidChange(() => void this.refresh(), null, this.disposables);
        // The diagram follows the editor: each cursor move in a .vpc file marks the element written there (vpc.preview.followCursor).
        let pendingCursor: ReturnType<typeof setTimeout> | undefined;
        vscode.window.onDidChangeTextEditorSelection(
            event => {
                if (
                    event.textEditor.document.languageId !== 'vpc' ||
                    !vscode.workspace.getConfiguration('vpc').get<boolean>('preview.followCursor', true)
                )
                    return;
                clearTimeout(pendingCursor);
                const { uri } = event.textEditor.document;
                const { line, character } = event.selections[0]!.active;
                pendingCursor = setTimeout(() => this.post({ type: 'cursor', uri: uri.toString(), line, character }), 80);
            },
            null,
            this.disposables
        );
        void this.refresh();
    }

    private html(): string {
        const webview = this.panel.webview;
        const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'out', name)).toString();
        return previewHtml({
            title: 'VPC Preview',
            nonce: randomBytes(16).toString('base64'),
            cspSource: webview.cspSource,
            script: { src: asset('webview.js') },
            style: { href: asset('webview.css') }
        });
    }

    /** The data the page shows now (for the commands and the tests). */
    get current(): PreviewData | undefined {
        return this.data;
    }

    /** Asks the server again; calls during a request coalesce into one more. */
    refresh(): Promise<void> {
        if (this.refreshing) {
            this.again = true;
            return this.refreshing;
        }
        this.refreshing = (async () => {
            do {
                this.again = false;
                try {
                    this.data = await this.source.request();
                    this.post({ type: 'update', data: this.data });
                } catch (error) {
                    void vscode.window.showErrorMessage(`VPC preview: ${error instanceof Error ? error.message : String(error)}`);
                }
            } while (this.again);
            this.refreshing = undefined;
        })();
        return this.refreshing;
    }

    selectProbe(probeId: string): void {
        this.panel.reveal(undefined, true);
        this.post({ type: 'select-probe', probeId });
    }

    showCompare(result: CompareResult | null): void {
        this.compared = result;
        this.post({ type: 'compare', data: result });
    }

    /** The comparison the page shows now (for the tests). */
    get comparison(): CompareResult | null {
        return this.compared;
    }

    showTab(tab: PreviewTab): void {
        this.post({ type: 'show-tab', tab });
    }

    private post(message: HostMessage): void {
        if (!this.ready) {
            // Only the newest update and comparison matter; selections and tabs keep their order.
            this.pending = [
                ...this.pending.filter(
                    m => (message.type !== 'update' || m.type !== 'update') && (message.type !== 'compare' || m.type !== 'compare')
                ),
                message
            ];
            return;
        }
        void this.panel.webview.postMessage(message);
    }

    private receive(message: unknown): void {
        // The page is not trusted: a message of any other shape is dropped.
        if (!isPageMessage(message)) return;
        switch (message.type) {
            case 'ready': {
                this.ready = true;
                const pending = this.pending;
                this.pending = [];
                if (this.data && !pending.some(m => m.type === 'update')) pending.unshift({ type: 'update', data: this.data });
                if (this.compared && !pending.some(m => m.type === 'compare'))
                    pending.splice(1, 0, { type: 'compare', data: this.compared });
                for (const m of pending) void this.panel.webview.postMessage(m);
                break;
            }
            case 'reveal': {
                const { uri, range } = message.loc;
                const target = vscode.Uri.parse(uri);
                const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
                const column =
                    vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === target.toString())?.viewColumn ??
                    vscode.ViewColumn.One;
                void vscode.window.showTextDocument(target, { viewColumn: column, selection, preserveFocus: false });
                break;
            }
            case 'selected':
                break;
            case 'save-svg':
                void this.saveSvg(message.svg);
                break;
        }
    }

    private async saveSvg(svg: string): Promise<void> {
        const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
        const target = await vscode.window.showSaveDialog({
            title: 'Save the diagram',
            filters: { SVG: ['svg'] },
            ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, 'vpc-diagram.svg') } : {})
        });
        if (!target) return;
        try {
            await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(svg));
        } catch (error) {
            void vscode.window.showErrorMessage(
                `VPC preview: cannot save ${target.fsPath}: ${error instanceof Error ? error.message : String(error)}`
            );
        }
    }

    dispose(): void {
        if (PreviewPanel.current === this) PreviewPanel.current = undefined;
        this.panel.dispose();
        for (const d of this.disposables.splice(0)) d.dispose();
    }
}

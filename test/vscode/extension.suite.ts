/**
 * The extension inside a real VS Code, through the `vscode` API only: activation, diagnostics,
 * hover, completion, definition, the preview, the trace lens, the probe commands, the comparison
 * with a git revision and a severity setting. Every wait is on an event or a promise, never on time.
 */
/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { VpcLabApi } from '../../src/extension/main.js';
import type { CompareResult } from '../../src/protocol.js';

const EXTENSION_ID = 'vpc-lab.vpc-lab';

function folder(): vscode.Uri {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root, 'the tests run with the test workspace open');
    return root;
}

/** Resolves once `check` answers something truthy, re-checking when `event` fires. */
function until<T>(event: vscode.Event<unknown>, check: () => T | undefined | false, what: string, ms = 30_000): Promise<T> {
    return new Promise((resolve, reject) => {
        const first = check();
        if (first) return resolve(first);
        const timer = setTimeout(() => {
            listener.dispose();
            reject(new Error(`timed out waiting for ${what}`));
        }, ms);
        const listener = event(() => {
            const value = check();
            if (value) {
                clearTimeout(timer);
                listener.dispose();
                resolve(value);
            }
        });
    });
}

function diagnosticsWith(uri: vscode.Uri, code: string, severity?: vscode.DiagnosticSeverity): Promise<vscode.Diagnostic> {
    return until(
        vscode.languages.onDidChangeDiagnostics,
        () =>
            vscode.languages
                .getDiagnostics(uri)
                .find(
                    d =>
                        String(typeof d.code === 'object' ? d.code.value : d.code) === code &&
                        (severity === undefined || d.severity === severity)
                ),
        `a ${code} diagnostic on ${uri.path}`
    );
}

async function open(name: string): Promise<vscode.TextDocument> {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), name));
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    return document;
}

function positionOf(document: vscode.TextDocument, text: string, offset = 0): vscode.Position {
    const at = document.getText().indexOf(text);
    assert.ok(at >= 0, `${text} is in ${document.uri.path}`);
    return document.positionAt(at + offset);
}

function hoverText(hovers: vscode.Hover[]): string {
    return hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

async function api(): Promise<VpcLabApi> {
    const extension = vscode.extensions.getExtension<VpcLabApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    return extension.activate();
}

function previewTabs(): vscode.Tab[] {
    return vscode.window.tabGroups.all
        .flatMap(g => g.tabs)
        .filter(t => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('vpcLab.preview'));
}

suite('vpc-lab in VS Code', () => {
    test('activates on a .vpc file and starts the language server', async () => {
        const document = await open('tour.vpc');
        assert.equal(document.languageId, 'vpc');
        const extension = vscode.extensions.getExtension<VpcLabApi>(EXTENSION_ID)!;
        await until(vscode.extensions.onDidChange, () => extension.isActive, 'activation', 30_000).catch(() => undefined);
        const lab = await api();
        assert.equal(extension.isActive, true);
        assert.equal(lab.client.isRunning(), true);
    });

    test('reports diagnostics with their codes, and none on the clean tour', async () => {
        const broken = await open('mistakes.vpc');
        const hostBits = await diagnosticsWith(broken.uri, 'cidr-host-bits');
        assert.equal(hostBits.severity, vscode.DiagnosticSeverity.Error);
        assert.equal(broken.getText(hostBits.range), '10.0.0.1/16');
        assert.match(hostBits.message, /10\.0\.0\.0\/16/);
        const tour = await open('tour.vpc');
        await until(
            vscode.languages.onDidChangeDiagnostics,
            () => vscode.languages.getDiagnostics(broken.uri).length > 0 && true,
            'diagnostics'
        );
        assert.deepEqual(
            vscode.languages
                .getDiagnostics(tour.uri)
                .filter(d => d.severity === vscode.DiagnosticSeverity.Error)
                .map(d => d.message),
            []
        );
    });

    test('hover explains a keyword and a CIDR block', async () => {
        const document = await open('tour.vpc');
        const keyword = await vscode.commands.executeCommand<vscode.Hover[]>(
            'vscode.executeHoverProvider',
            document.uri,
            positionOf(document, 'egress-only-internet-gateway eigw', 3)
        );
        const text = hoverText(keyword);
        assert.match(text, /IPv6/);
        assert.match(text, /docs\.aws\.amazon\.com/);
        const block = await vscode.commands.executeCommand<vscode.Hover[]>(
            'vscode.executeHoverProvider',
            document.uri,
            positionOf(document, '10.0.10.0/24', 4)
        );
        assert.match(hoverText(block), /251/);
    });

    test('completion offers keywords and the names in scope', async () => {
        const document = await open('tour.vpc');
        // After `route-table ` inside a subnet: the VPC's route tables.
        const at = positionOf(document, 'route-table public }', 'route-table '.length);
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, at);
        const labels = list.items.map(i => (typeof i.label === 'string' ? i.label : i.label.label));
        assert.ok(labels.includes('public') && labels.includes('private'), `route tables offered: ${labels.join(', ')}`);
        assert.ok(!labels.includes('db'), 'a route table of another VPC is not offered');
    });

    test('go to definition leads from a reference to its declaration', async () => {
        const document = await open('tour.vpc');
        const locations = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
            'vscode.executeDefinitionProvider',
            document.uri,
            positionOf(document, 'security-groups web-sg', 'security-groups '.length + 1)
        );
        assert.equal(locations.length, 1);
        const target = locations[0]!;
        const range = 'targetRange' in target ? (target.targetSelectionRange ?? target.targetRange) : target.range;
        assert.equal(document.getText(range), 'web-sg');
        assert.equal(range.start.line, positionOf(document, 'security-group web-sg {').line);
    });

    test('VPC: Open Preview to the Side opens the panel with every probe simulated', async () => {
        await open('tour.vpc');
        const lab = await api();
        await vscode.commands.executeCommand('vpc-lab.openPreview');
        await until(vscode.window.tabGroups.onDidChangeTabs, () => previewTabs().length === 1, 'the preview tab');
        const panel = lab.preview();
        assert.ok(panel, 'the panel is open');
        await panel.refresh();
        assert.equal(panel.current?.probes.length, 17);
        assert.deepEqual(panel.current?.topology.vpcs.map(v => v.name).sort(), ['analytics', 'app', 'data', 'eu', 'lab']);
    });

    test('the ▶ trace lens runs VPC: Trace Probe on its probe and shows it in the preview', async () => {
        const document = await open('tour.vpc');
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
        const line = positionOf(document, 'probe s3-delete').line;
        const lens = lenses.find(l => l.range.start.line === line && l.command);
        assert.ok(lens?.command, 'a lens above the probe');
        assert.equal(lens.command.command, 'vpc-lab.traceProbe');
        const traced = await vscode.commands.executeCommand<{ name: string; verdict: string; reason: string | null }>(
            lens.command.command,
            ...(lens.command.arguments ?? [])
        );
        assert.deepEqual(traced, { name: 's3-delete', verdict: 'REJECT', reason: 'ENDPOINT_POLICY' });
        assert.equal(previewTabs().length, 1);
    });

    test('VPC: Run Probes lists every probe and fills the status bar', async () => {
        const lab = await api();
        const results =
            await vscode.commands.executeCommand<Array<{ name: string; verdict: string; met: boolean | null }>>('vpc-lab.runProbes');
        assert.equal(results.length, 17);
        assert.deepEqual(
            results.filter(r => r.met === false),
            []
        );
        assert.equal(lab.status.item.text, `✓ 17 probes · ✗ 0`);
    });

    test('VPC: Compare Reachability with… shows what the unsaved edit opens compared with HEAD', async () => {
        const document = await open('tour.vpc');
        const lab = await api();
        const rule = positionOf(document, 'ingress tcp 443 from 0.0.0.0/0, ::/0');
        const edit = new vscode.WorkspaceEdit();
        edit.insert(document.uri, new vscode.Position(rule.line + 1, 0), '    ingress tcp 22 from 0.0.0.0/0\n');
        assert.ok(await vscode.workspace.applyEdit(edit));
        const ssh22 = 'ingress tcp 22 from 0.0.0.0/0';
        try {
            // The edit reaches the server with the document's own change event: compare once the document holds it.
            await until(vscode.workspace.onDidChangeTextDocument, () => document.getText().includes(ssh22), 'the edit in the tour');
            const result = await vscode.commands.executeCommand<CompareResult>('vpc-lab.compareReachability', 'HEAD');
            assert.equal(result.error, undefined);
            const ssh = result.changes.find(c => c.subject === 'flow' && c.sources.includes('internet') && c.traffic === 'tcp 22');
            assert.ok(ssh, `ssh from the internet among ${result.changes.map(c => c.title).join('; ')}`);
            assert.equal(ssh.kind, 'opened');
            assert.deepEqual(
                ssh.causes.map(c => [c.change, c.after?.uri, c.after?.range.start.line]),
                [['added', document.uri.toString(), rule.line + 1]]
            );
            assert.ok(ssh.pathBefore.length > 0 && ssh.pathAfter.length > 0, 'both paths traced');
            assert.equal(lab.preview()?.comparison?.changes.length, result.changes.length);
        } finally {
            // Take the line out again and save: the file is as committed, whichever editor has the focus now.
            const undo = new vscode.WorkspaceEdit();
            undo.delete(document.uri, new vscode.Range(rule.line + 1, 0, rule.line + 2, 0));
            assert.ok(await vscode.workspace.applyEdit(undo));
            assert.ok(await document.save());
        }
        await until(vscode.workspace.onDidChangeTextDocument, () => !document.getText().includes(ssh22), 'the tour as committed');
        const clean = await vscode.commands.executeCommand<CompareResult>('vpc-lab.compareReachability', 'HEAD');
        assert.deepEqual(clean.changes, []);
    });

    test("the walkthrough opens a teaching example, and a step is done once its file's probes pass", async () => {
        const lab = await api();
        const opened = await vscode.commands.executeCommand<string>('vpc-lab.openExample', 'ipv6-egress.vpc');
        assert.match(opened, /examples\/ipv6-egress\.vpc$/);
        assert.match(vscode.window.activeTextEditor?.document.uri.toString() ?? '', /ipv6-egress\.vpc$/);
        // The tour is in the workspace and all its probes pass: the peering step is done.
        await vscode.commands.executeCommand('vpc-lab.runProbes');
        assert.ok(lab.walkthrough().includes('peering'), `done: ${lab.walkthrough().join(', ')}`);
        assert.ok(!lab.walkthrough().includes('gatewayEndpoints'), 'a step whose example was never opened stays open');
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    test('VPC: Open a Teaching Example from the command palette asks which, with a quick pick, and opens the one chosen', async () => {
        // As from the palette: no argument. The quick pick opens; Enter takes its first item, the walkthrough's first example.
        const opening = Promise.resolve(vscode.commands.executeCommand<string | undefined>('vpc-lab.openExample'));
        let opened: string | undefined;
        let settled = false;
        void opening.then(uri => {
            opened = uri;
            settled = true;
        });
        for (let i = 0; i < 100 && !settled; i++) {
            await new Promise(resolve => setTimeout(resolve, 100));
            await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        }
        assert.ok(settled, 'the quick pick was answered');
        assert.match(opened ?? '', /examples\/flow-logs\.vpc$/);
        assert.match(vscode.window.activeTextEditor?.document.uri.toString() ?? '', /flow-logs\.vpc$/);
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    test('a step that asks for a fix is done once the failing probe passes, not before', async () => {
        const lab = await api();
        // As the step's link does: the example from the extension's own folder, outside the workspace.
        const opened = await vscode.commands.executeCommand<string>('vpc-lab.openExample', 'fix-a-probe.vpc');
        const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(opened));
        assert.ok(!vscode.workspace.getWorkspaceFolder(document.uri), 'the example is not in the workspace');
        const codes = () =>
            vscode.languages
                .getDiagnostics(document.uri)
                .filter(d => d.severity <= vscode.DiagnosticSeverity.Warning)
                .map(d => String(typeof d.code === 'object' ? d.code.value : d.code));
        // Checked as a design of its own: the tour's app-1 and db-1 (in the workspace) do not make its names ambiguous.
        await until(vscode.languages.onDidChangeDiagnostics, () => codes().includes('probe-expectation'), 'the shipped probe failing');
        assert.deepEqual(codes(), ['probe-expectation']);
        await vscode.commands.executeCommand('vpc-lab.runProbes');
        assert.ok(!lab.walkthrough().includes('fixProbe'), 'the example ships with its probe failing');
        // The preview beside it draws the example, not the workspace.
        const preview = lab.preview();
        assert.ok(preview, 'the preview opened beside the example');
        await preview.refresh();
        assert.deepEqual(
            preview.current?.topology.vpcs.map(v => v.name),
            ['shop']
        );
        const shipped = document.getText();
        const line = shipped.split('\n').findIndex(l => l.includes('security-group db-sg'));
        const at = new vscode.Position(line, document.lineAt(line).text.indexOf('{') + 1);
        const rule = ' ingress tcp 5432 from sg app-sg ';
        try {
            // The reader's fix, typed and not saved.
            const edit = new vscode.WorkspaceEdit();
            edit.insert(document.uri, at, rule);
            assert.ok(await vscode.workspace.applyEdit(edit));
            await until(vscode.languages.onDidChangeDiagnostics, () => codes().length === 0, 'the probe passing after the fix');
            const results =
                await vscode.commands.executeCommand<Array<{ name: string; verdict: string; met: boolean | null }>>('vpc-lab.runProbes');
            assert.deepEqual(
                results.filter(r => r.name === 'query').map(r => [r.verdict, r.met]),
                [['ACCEPT', true]]
            );
            assert.ok(lab.walkthrough().includes('fixProbe'), `done: ${lab.walkthrough().join(', ')}`);
        } finally {
            // Take the rule out again by an edit (not the focus-dependent revert): the example is as shipped.
            if (document.getText() !== shipped) {
                const undo = new vscode.WorkspaceEdit();
                undo.delete(document.uri, new vscode.Range(at, at.translate(0, rule.length)));
                assert.ok(await vscode.workspace.applyEdit(undo));
                assert.equal(document.getText(), shipped);
                assert.ok(await document.save());
            }
        }
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    test('VPC: Export Flow Logs… writes the records as AWS lays them out', async () => {
        const target = mkdtempSync(join(tmpdir(), 'vpc-export-'));
        try {
            const result = await vscode.commands.executeCommand<{
                records: number;
                files: Array<{ path: string; records: number }>;
                error?: string;
            }>('vpc-lab.exportFlowLogs', target);
            assert.equal(result.error, undefined);
            assert.ok(result.records > 0);
            assert.equal(
                result.files.reduce((n, f) => n + f.records, 0),
                result.records
            );
            for (const file of result.files) assert.ok(existsSync(file.path), file.path);
            assert.deepEqual(readdirSync(target), ['app-flow-logs']);
        } finally {
            rmSync(target, { recursive: true, force: true });
        }
    });

    test("a severity setting changes a code's severity, or turns it off", async () => {
        const broken = await open('mistakes.vpc');
        const config = vscode.workspace.getConfiguration('vpc');
        try {
            await config.update('severity', { 'cidr-host-bits': 'warning' }, vscode.ConfigurationTarget.Global);
            await diagnosticsWith(broken.uri, 'cidr-host-bits', vscode.DiagnosticSeverity.Warning);
            await config.update('severity', { 'cidr-host-bits': 'off' }, vscode.ConfigurationTarget.Global);
            await until(
                vscode.languages.onDidChangeDiagnostics,
                () => !vscode.languages.getDiagnostics(broken.uri).some(d => String(d.code) === 'cidr-host-bits'),
                'cidr-host-bits turned off'
            );
        } finally {
            await config.update('severity', undefined, vscode.ConfigurationTarget.Global);
        }
        await diagnosticsWith(broken.uri, 'cidr-host-bits', vscode.DiagnosticSeverity.Error);
    });
});

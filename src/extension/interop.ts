/**
 * "VPC: Import from AWS CLI Output… / CloudFormation… / Terraform…" and "VPC: Export to
 * CloudFormation… / Terraform…": the server reads and writes (as `vpc-lab import` and `export`
 * do, never over a file); the extension picks the inputs and the folder, asks for what the source
 * leaves open, and shows what was left out. Each command takes optional arguments that skip the
 * pickers (for scripts and tests): the inputs' URIs and an options object.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ExportRequest, ImportRequest, type ExportResult, type ImportParams, type ImportResult } from '../protocol.js';

type ImportKind = ImportParams['kind'];
type ExportFormat = 'cloudformation' | 'terraform';

export const ImportCommands: Record<ImportKind, string> = {
    aws: 'vpc-lab.importAws',
    cloudformation: 'vpc-lab.importCloudFormation',
    terraform: 'vpc-lab.importTerraform'
};
export const ExportCommands: Record<ExportFormat, string> = {
    cloudformation: 'vpc-lab.exportCloudFormation',
    terraform: 'vpc-lab.exportTerraform'
};

export interface ImportOptions {
    /** The folder to write into; by default a new folder of the workspace named after the source. */
    target?: vscode.Uri | string;
    region?: string;
    account?: string;
    parameters?: Record<string, string>;
    vars?: Record<string, string>;
    varFiles?: string[];
}

export interface ExportOptions {
    /** The folder to write into; by default `cloudformation/` or `terraform/` beside the files. */
    target?: vscode.Uri | string;
    /** Every `.vpc` file of the workspace folders (the default with a folder open), or the active one. */
    scope?: 'workspace' | 'active';
}

const TITLES: Record<ImportKind, string> = {
    aws: 'AWS CLI output',
    cloudformation: 'CloudFormation',
    terraform: 'Terraform'
};

const uriOf = (value: vscode.Uri | string): vscode.Uri =>
    typeof value === 'string' ? (/^[a-z][a-z0-9+.-]+:/i.test(value) ? vscode.Uri.parse(value) : vscode.Uri.file(value)) : value;

async function exists(uri: vscode.Uri): Promise<boolean> {
    try {
        await vscode.workspace.fs.stat(uri);
        return true;
    } catch {
        return false;
    }
}

/** `WORKSPACE/NAME-vpc`, or `-2`, `-3`… when taken: a folder of its own, so nothing already there is in the way. */
async function freshFolder(root: vscode.Uri, source: vscode.Uri): Promise<vscode.Uri> {
    const last = source.path.replace(/\/+$/, '').split('/').pop() ?? 'import';
    const stem = (last.replace(/\.(ya?ml|json|template|tfstate)$/i, '').replace(/[^A-Za-z0-9_.-]+/g, '-') || 'import') + '-vpc';
    for (let n = 1; ; n++) {
        const candidate = vscode.Uri.joinPath(root, n === 1 ? stem : `${stem}-${n}`);
        if (!(await exists(candidate))) return candidate;
    }
}

async function pickInputs(kind: ImportKind): Promise<vscode.Uri[] | undefined> {
    const title = `VPC: Import from ${TITLES[kind]}`;
    if (kind === 'aws')
        return vscode.window.showOpenDialog({ title, canSelectFolders: true, canSelectFiles: false, openLabel: 'Import this folder' });
    if (kind === 'cloudformation')
        return vscode.window.showOpenDialog({
            title,
            canSelectMany: true,
            openLabel: 'Import these templates',
            filters: { 'CloudFormation templates': ['yaml', 'yml', 'json', 'template'] }
        });
    // One dialog cannot take both a folder and a file on every platform: ask which first.
    const what = await vscode.window.showQuickPick(
        [
            {
                label: 'Configuration folders',
                description: '.tf files; several root folders, or the folder holding them, import as one workspace',
                folder: true
            },
            { label: 'A plan or a state', description: 'the JSON of terraform show -json', folder: false }
        ],
        { title, placeHolder: 'What to import?' }
    );
    if (!what) return undefined;
    return vscode.window.showOpenDialog(
        what.folder
            ? { title, canSelectFolders: true, canSelectFiles: false, canSelectMany: true, openLabel: 'Import this configuration' }
            : { title, canSelectMany: false, openLabel: 'Import this file', filters: { 'terraform show -json': ['json'] } }
    );
}

/** Asks for each name in turn; undefined when the person dismisses one. */
async function askValues(kind: 'parameter' | 'variable', names: string[], source: string): Promise<Record<string, string> | undefined> {
    const values: Record<string, string> = {};
    for (const name of names) {
        const value = await vscode.window.showInputBox({
            title: `${kind === 'parameter' ? 'Parameter' : 'Variable'} ${name}`,
            prompt:
                kind === 'parameter'
                    ? `${source} gives ${name} no Default: its value (Escape imports without it; what uses it is listed as left out)`
                    : `${source} gives the variable "${name}" no default: its value, as terraform -var takes it`,
            ignoreFocusOut: true
        });
        if (value === undefined) return undefined;
        values[name] = value;
    }
    return values;
}

export function registerInterop(context: vscode.ExtensionContext, lc: LanguageClient, openPreview: () => void): void {
    const output = vscode.window.createOutputChannel('VPC Import and Export');
    context.subscriptions.push(output);

    /** The notes in the output channel, and a notification whose "Show" opens it. */
    const report = (summary: string, lines: string[], detail: string): void => {
        output.appendLine(`[${new Date().toISOString()}] ${summary}`);
        for (const line of lines) output.appendLine(`  ${line}`);
        if (lines.length === 0) {
            void vscode.window.showInformationMessage(summary);
            return;
        }
        void vscode.window.showWarningMessage(`${summary}. ${detail}.`, 'Show').then(choice => {
            if (choice === 'Show') output.show(true);
        });
    };

    const importFrom = async (kind: ImportKind, given?: vscode.Uri | vscode.Uri[] | string[], options: ImportOptions = {}) => {
        const root = vscode.workspace.workspaceFolders?.[0]?.uri;
        if (!root && options.target === undefined) {
            void vscode.window.showErrorMessage('Import: open a folder first; the .vpc files are written into it');
            return undefined;
        }
        const inputs = given === undefined ? await pickInputs(kind) : (Array.isArray(given) ? given : [given]).map(uriOf);
        if (!inputs || inputs.length === 0) return undefined;
        const target = options.target !== undefined ? uriOf(options.target) : await freshFolder(root!, inputs[0]!);
        const params: ImportParams = {
            kind,
            inputs: inputs.map(i => i.fsPath),
            folder: target.fsPath,
            ...(options.region ? { region: options.region } : {}),
            ...(options.account ? { account: options.account } : {}),
            parameters: { ...options.parameters },
            vars: { ...options.vars },
            ...(options.varFiles ? { varFiles: options.varFiles } : {}),
            askMissing: true
        };
        let result: ImportResult;
        for (;;) {
            result = await lc.sendRequest(ImportRequest, params);
            if (!result.missing) break;
            const source = inputs.map(i => i.path.split('/').pop()).join(', ');
            const values = await askValues(result.missing.kind, result.missing.names, source);
            if (result.missing.kind === 'parameter') {
                // Dismissed: import anyway, the parameters' uses listed as left out (as the command line does).
                params.parameters = { ...params.parameters, ...values };
                params.askMissing = false;
            } else {
                if (!values) return undefined;
                params.vars = { ...params.vars, ...values };
            }
        }
        if (result.error) {
            void vscode.window.showErrorMessage(`Import from ${TITLES[kind]}: ${result.error}`);
            return result;
        }
        // The first VPC's file: workspace.vpc holds only what spans VPCs (accounts, peerings, buckets).
        const first = result.written.find(p => p.endsWith('.vpc') && !p.endsWith('/workspace.vpc')) ?? result.written[0];
        if (first) {
            await vscode.window.showTextDocument(vscode.Uri.file(first), { viewColumn: vscode.ViewColumn.One });
            openPreview();
        }
        const leftOut = result.notes.filter(n => n.kind !== 'stand-in').length;
        const standIns = result.notes.length - leftOut;
        report(
            result.summary ?? 'Imported',
            result.notes.map(n => n.text),
            [leftOut ? `${leftOut} left out` : '', standIns ? `${standIns} stand-in${standIns === 1 ? '' : 's'}` : '']
                .filter(Boolean)
                .join(', ')
        );
        return result;
    };

    const exportTo = async (format: ExportFormat, options?: ExportOptions): Promise<ExportResult | undefined> => {
        const name = format === 'terraform' ? 'Terraform' : 'CloudFormation';
        const editor = vscode.window.activeTextEditor;
        const active = editor?.document.languageId === 'vpc' ? editor.document.uri : undefined;
        const root = vscode.workspace.workspaceFolders?.[0]?.uri;
        let scope = options?.scope ?? (root ? 'workspace' : 'active');
        if (options === undefined && root && active) {
            const picked = await vscode.window.showQuickPick(
                [
                    { label: 'Every .vpc file of the workspace', scope: 'workspace' as const },
                    { label: `Only ${vscode.workspace.asRelativePath(active)}`, scope: 'active' as const }
                ],
                { title: `VPC: Export to ${name}`, placeHolder: 'What to export?' }
            );
            if (!picked) return undefined;
            scope = picked.scope;
        }
        if (scope === 'active' && !active) {
            void vscode.window.showErrorMessage(`Export to ${name}: open the .vpc file to export`);
            return undefined;
        }
        const besideOf = scope === 'active' ? vscode.Uri.joinPath(active!, '..') : root!;
        const beside = vscode.Uri.joinPath(besideOf, format);
        let target: vscode.Uri | undefined = options?.target !== undefined ? uriOf(options.target) : undefined;
        if (!target && options === undefined) {
            const where = await vscode.window.showQuickPick(
                [
                    { label: `Beside them: ${vscode.workspace.asRelativePath(beside)}`, pick: false },
                    { label: 'Pick a folder…', pick: true }
                ],
                { title: `VPC: Export to ${name}`, placeHolder: 'Where to write? (existing files are never written over)' }
            );
            if (!where) return undefined;
            if (where.pick) {
                const picked = await vscode.window.showOpenDialog({
                    title: `VPC: Export to ${name}`,
                    canSelectFolders: true,
                    canSelectFiles: false,
                    defaultUri: besideOf,
                    openLabel: 'Export here'
                });
                target = picked?.[0];
                if (!target) return undefined;
            }
        }
        target ??= beside;
        const result = await lc.sendRequest(ExportRequest, {
            format,
            folder: target.fsPath,
            ...(scope === 'active' ? { uris: [active!.toString()] } : {})
        });
        if (result.error) void vscode.window.showErrorMessage(`Export to ${name}: ${result.error}`);
        else report(result.summary ?? 'Exported', result.notExported, `${result.notExported.length} not exported`);
        return result;
    };

    context.subscriptions.push(
        ...(Object.keys(ImportCommands) as ImportKind[]).map(kind =>
            vscode.commands.registerCommand(ImportCommands[kind], (given?: vscode.Uri | vscode.Uri[] | string[], options?: ImportOptions) =>
                importFrom(kind, given, options)
            )
        ),
        ...(Object.keys(ExportCommands) as ExportFormat[]).map(format =>
            vscode.commands.registerCommand(ExportCommands[format], (options?: ExportOptions) => exportTo(format, options))
        )
    );
}

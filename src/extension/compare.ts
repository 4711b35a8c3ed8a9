/**
 * "VPC: Compare Reachability with…": the workspace against a git revision (HEAD by default),
 * answered by the server (which reads git) and shown in the preview's Changes tab, asked again
 * after every build so that it follows the typing.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CompareRequest, RevisionsRequest, type CompareResult } from '../protocol.js';
import type { PreviewPanel } from './preview-panel.js';

export const CompareCommand = 'vpc-lab.compareReachability';

async function pickRevision(lc: LanguageClient): Promise<string | undefined> {
    const choices = await lc.sendRequest(RevisionsRequest, {});
    if (choices.length === 0) return 'HEAD';
    const seen = new Set<string>();
    const items = choices
        .filter(c => !seen.has(c.revision) && seen.add(c.revision))
        .map(c => ({ label: c.revision, description: c.description }));
    const picked = await vscode.window.showQuickPick(items, {
        placeHolder: 'Compare reachability with which revision? (HEAD: the last commit)',
        matchOnDescription: true
    });
    return picked?.label;
}

export function registerCompare(
    context: vscode.ExtensionContext,
    lc: LanguageClient,
    openPreview: () => PreviewPanel,
    current: () => PreviewPanel | undefined,
    changed: vscode.Event<void>
): void {
    let revision: string | undefined;
    const refresh = async (): Promise<CompareResult | undefined> => {
        const panel = current();
        if (revision === undefined || !panel) return undefined;
        const result = await lc.sendRequest(CompareRequest, { revision });
        panel.showCompare(result);
        return result;
    };
    context.subscriptions.push(
        changed(() => {
            void refresh().catch(() => undefined);
        }),
        vscode.commands.registerCommand(CompareCommand, async (given?: string) => {
            const chosen = typeof given === 'string' && given.trim() !== '' ? given.trim() : await pickRevision(lc);
            if (chosen === undefined) return undefined;
            revision = chosen;
            const panel = openPreview();
            const result = await refresh();
            panel.showTab('changes');
            if (result?.error) void vscode.window.showErrorMessage(`Compare reachability: ${result.error}`);
            return result;
        })
    );
}

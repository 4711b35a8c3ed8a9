/** The walkthrough's side in the extension: open a teaching example, and mark steps done as their probes pass. */
import * as vscode from 'vscode';
import type { ProbesResult } from '../protocol.js';
import { examplePicks, teachingExample } from './examples.js';
import { completedSteps, stepContext } from './walkthrough-steps.js';

const done = new Set<string>();

/** The steps marked done in this session (for the tests). */
export function walkthroughDone(): string[] {
    return [...done];
}

/** Called with every probe result the extension gets: a step once done stays done for the session. */
export function markWalkthrough(probes: ProbesResult): void {
    for (const step of completedSteps(probes)) {
        if (done.has(step.id)) continue;
        done.add(step.id);
        void vscode.commands.executeCommand('setContext', stepContext(step), true);
    }
}

/**
 * `vpc-lab.openExample [NAME]`: one of the examples shipped with the extension, beside which the
 * preview opens; without a name (from the command palette) a quick pick of them asks which.
 * Settles with the example's URI, or undefined when none was chosen.
 */
export function registerWalkthrough(context: vscode.ExtensionContext, openPreview: () => void): vscode.Disposable {
    return vscode.commands.registerCommand('vpc-lab.openExample', async (name?: string) => {
        const file =
            name ??
            (
                await vscode.window.showQuickPick(examplePicks(), {
                    title: 'Open a Teaching Example',
                    placeHolder: 'Each opens with its preview beside it',
                    matchOnDescription: true,
                    matchOnDetail: true
                })
            )?.file;
        const example = teachingExample(file);
        if (!example) return undefined;
        const uri = vscode.Uri.joinPath(context.extensionUri, 'examples', example.file);
        await vscode.window.showTextDocument(uri, { preview: false });
        openPreview();
        return uri.toString();
    });
}

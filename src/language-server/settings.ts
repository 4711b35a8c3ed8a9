/**
 * Severities in the language server: the client's `vpc.severity` setting when it sends one,
 * else `vpc-lab.json` at the workspace root. A change re-validates every open document.
 */
import { UriUtils } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import { parseProjectSettings, SETTINGS_FILE, objectOf } from '../language/project-settings.js';
import type { VpcLspServices } from './vpc-lsp-module.js';
import type { VpcWorkspaceManager } from './workspace-folders.js';

export function watchSeveritySettings(connection: Connection, shared: LangiumSharedServices, services: VpcLspServices): void {
    let fromFile: Record<string, unknown> = {};
    let fromClient: Record<string, unknown> = {};

    const apply = async () => {
        const chosen = Object.keys(fromClient).length > 0 ? fromClient : fromFile;
        for (const problem of services.validation.SeveritySettings.set(chosen))
            connection.console.warn(`vpc-lab severity settings: ${problem}`);
        await shared.workspace.WorkspaceLock.write(async token => {
            const documents = shared.workspace.LangiumDocuments.all.toArray();
            if (documents.length > 0) await shared.workspace.DocumentBuilder.build(documents, { validation: true }, token);
        });
    };

    // The first folder holding the settings file gives them; read again when the folders change.
    const readFile = async () => {
        const manager = shared.workspace.WorkspaceManager as VpcWorkspaceManager;
        let found: Record<string, unknown> = {};
        for (const folder of manager.fileFolders() ?? []) {
            const text = await shared.workspace.FileSystemProvider.readFile(UriUtils.joinPath(folder, SETTINGS_FILE)).catch(
                () => undefined
            );
            if (text === undefined) continue;
            const { settings, problems } = parseProjectSettings(text);
            for (const problem of problems) connection.console.warn(problem);
            found = settings.severity;
            break;
        }
        const changed = JSON.stringify(found) !== JSON.stringify(fromFile);
        fromFile = found;
        return changed;
    };
    shared.lsp.LanguageServer.onInitialize(() =>
        (shared.workspace.WorkspaceManager as VpcWorkspaceManager).onDidChangeFolders(
            () =>
                void readFile().then(async changed => {
                    if (changed) await apply();
                })
        )
    );
    shared.lsp.LanguageServer.onInitialized(async () => {
        if ((await readFile()) && Object.keys(fromFile).length > 0) await apply();
    });
    shared.workspace.ConfigurationProvider.onConfigurationSectionUpdate(update => {
        if (update.section !== services.LanguageMetaData.languageId) return;
        const severity = (update.configuration as { severity?: unknown } | undefined)?.severity;
        fromClient = objectOf(severity) ?? {};
        void apply();
    });
}

/**
 * Severities in the language server: the client's `vpc.severity` setting when it sends one,
 * else `vpc-lab.json` at the workspace root. A change re-validates every open document.
 */
import { URI, UriUtils } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import { parseProjectSettings, SETTINGS_FILE, objectOf } from '../language/project-settings.js';
import type { VpcLspServices } from './vpc-lsp-module.js';

export function watchSeveritySettings(connection: Connection, shared: LangiumSharedServices, services: VpcLspServices): void {
    let roots: string[] = [];
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

    shared.lsp.LanguageServer.onInitialize(params => {
        roots = params.workspaceFolders?.map(f => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    });
    shared.lsp.LanguageServer.onInitialized(async () => {
        for (const root of roots) {
            const uri = UriUtils.joinPath(URI.parse(root), SETTINGS_FILE);
            const text = await shared.workspace.FileSystemProvider.readFile(uri).catch(() => undefined);
            if (text === undefined) continue;
            const { settings, problems } = parseProjectSettings(text);
            for (const problem of problems) connection.console.warn(problem);
            fromFile = settings.severity;
            break;
        }
        if (Object.keys(fromFile).length > 0) await apply();
    });
    shared.workspace.ConfigurationProvider.onConfigurationSectionUpdate(update => {
        if (update.section !== services.LanguageMetaData.languageId) return;
        const severity = (update.configuration as { severity?: unknown } | undefined)?.severity;
        fromClient = objectOf(severity) ?? {};
        void apply();
    });
}

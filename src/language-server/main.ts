/** Starts the vpc-lab language server on the connection the process was given (`--stdio`, `--node-ipc`). */
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { servePreview } from './preview-requests.js';
import { watchSeveritySettings } from './settings.js';
import { createVpcLspServices } from './vpc-lsp-module.js';

export function startServer(): void {
    const connection = createConnection(ProposedFeatures.all);
    const { shared, Vpc } = createVpcLspServices({ connection, ...NodeFileSystem });
    watchSeveritySettings(connection, shared, Vpc);
    servePreview(connection, shared, Vpc);
    startLanguageServer(shared);
}

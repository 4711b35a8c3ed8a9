/** Starts the vpc-lab language server on the connection the process was given (`--stdio`, `--node-ipc`). */
import { startLanguageServer } from 'langium/lsp';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { BoundedFileSystemProvider } from './file-system.js';
import { serveCompare } from './compare.js';
import { serveInterop } from './interop-requests.js';
import { servePreview } from './preview-requests.js';
import { watchSeveritySettings } from './settings.js';
import { createVpcLspServices } from './vpc-lsp-module.js';

export function startServer(): void {
    const connection = createConnection(ProposedFeatures.all);
    const fileSystemProvider = () => new BoundedFileSystemProvider(message => connection.console.warn(`vpc-lab: ${message}`));
    const { shared, Vpc } = createVpcLspServices({ connection, fileSystemProvider });
    watchSeveritySettings(connection, shared, Vpc);
    servePreview(connection, shared, Vpc);
    serveCompare(connection, shared, Vpc);
    serveInterop(connection, shared, Vpc);
    startLanguageServer(shared);
}

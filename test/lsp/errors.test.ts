/**
 * Refusals reach the editor as JSON-RPC `error` objects with their code and message, read on the
 * wire as the server wrote them: a result holding `{ code }` is what an editor shows as
 * "Edit successful!" or nothing at all.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LSPErrorCodes, type ResponseMessage } from 'vscode-languageserver/node';
import { root } from '../cli/run.js';
import { LspClient } from './client.js';

const NETWORK = `vpc app {
  cidr 10.0.0.0/16
  subnet web az us-east-1a { cidr 10.0.1.0/24 }
  internet-gateway igw
  nat-gateway nat subnet web
  instance web-1 subnet web
}
`;

let client: LspClient;
let dir: string;
let uri: string;

beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vpc-lab-errors-'));
    uri = pathToFileURL(join(dir, 'network.vpc')).href;
    client = new LspClient();
    await client.initialize(pathToFileURL(dir).href);
    await client.open(uri, NETWORK);
    await client.diagnosticsFor(uri);
});

afterAll(async () => {
    await client.close();
    rmSync(dir, { recursive: true, force: true });
});

/** The response is an error with this code and a message matching `message`, and carries no result. */
function expectError(response: ResponseMessage, code: number, message: RegExp): void {
    expect(response).not.toHaveProperty('result');
    expect(response.error?.code).toBe(code);
    expect(response.error?.message).toMatch(message);
}

describe('errors over stdio', () => {
    it('a rename to a name the namespace already has is a RequestFailed error (-32803) with the reason', async () => {
        const position = { line: 3, character: '  internet-gateway i'.length };
        const response = await client.sendRaw({
            id: 'rename-clash',
            method: 'textDocument/rename',
            params: { textDocument: { uri }, position, newName: 'nat' }
        });
        expectError(response, LSPErrorCodes.RequestFailed, /nat-gateway nat already exists/);
        const invalid = await client.sendRaw({
            id: 'rename-invalid',
            method: 'textDocument/rename',
            params: { textDocument: { uri }, position, newName: '10.0.0.0' }
        });
        expectError(invalid, LSPErrorCodes.RequestFailed, /is not a name/);
    });

    it('hover and symbols on a document never opened (and not on disk) are ServerCancelled errors (-32802)', async () => {
        const unknown = pathToFileURL(join(dir, 'never-opened.vpc')).href;
        const hover = await client.sendRaw({
            id: 'hover-unknown',
            method: 'textDocument/hover',
            params: { textDocument: { uri: unknown }, position: { line: 0, character: 0 } }
        });
        expectError(hover, LSPErrorCodes.ServerCancelled, /never-opened\.vpc/);
        const symbols = await client.sendRaw({
            id: 'symbols-unknown',
            method: 'textDocument/documentSymbol',
            params: { textDocument: { uri: unknown } }
        });
        expectError(symbols, LSPErrorCodes.ServerCancelled, /never-opened\.vpc/);
    });

    it('a request cancelled as it is sent is a RequestCancelled error (-32800)', async () => {
        // The request and its cancellation arrive in one write: the server sees the cancellation first.
        const response = await client.sendRaw(
            { id: 'symbols-cancelled', method: 'workspace/symbol', params: { query: '' } },
            { method: '$/cancelRequest', params: { id: 'symbols-cancelled' } }
        );
        expectError(response, LSPErrorCodes.RequestCancelled, /cancelled/);
        // The server goes on answering.
        const again = await client.sendRaw({ id: 'symbols-after', method: 'workspace/symbol', params: { query: '' } });
        expect((again.result as Array<{ name: string }>).map(s => s.name)).toEqual(['app', 'app.web', 'app.igw', 'app.nat', 'app.web-1']);
    });
});

describe('the bundles', () => {
    it('hold one copy of JSON-RPC each (the page none)', () => {
        // esbuild names each bundled CommonJS module by its path: one connection module, one copy.
        const copies = (bundle: string) =>
            readFileSync(join(root, 'out', bundle), 'utf8').match(/vscode-jsonrpc\/lib\/common\/connection\.js"\(/g)?.length ?? 0;
        expect(['cli.mjs', 'server.cjs', 'extension.cjs'].map(copies)).toEqual([1, 1, 1]);
        expect(readFileSync(join(root, 'out', 'webview.js'), 'utf8')).not.toContain('Unknown parameter structure');
    });
});

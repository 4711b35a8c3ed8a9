/**
 * The server through an editor's lifecycle over stdio: requests sent before anything is opened,
 * documents closed without saving, and what the client's capabilities allow it to register.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
    DocumentSymbolRequest,
    InitializeRequest,
    LSPErrorCodes,
    type ClientCapabilities,
    type DocumentSymbol
} from 'vscode-languageserver/node';
import { PreviewRequest, ProbesRequest } from '../../src/protocol.js';
import { LspClient } from './client.js';

/** Valid on disk: the probe is accepted. */
const ON_DISK = `vpc app {
  cidr 10.0.0.0/16
  subnet web az us-east-1a { cidr 10.0.1.0/24 route-table public }
  internet-gateway igw
  route-table public { route 0.0.0.0/0 -> igw }
  instance web-1 subnet web { ip 10.0.1.10  public-ip 203.0.113.10 }
}
probe out: app.web-1 -> internet 8.8.8.8 tcp 443
`;

let dir: string;
let client: LspClient | undefined;

beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vpc-lab-lifecycle-'));
});

afterEach(async () => {
    await client?.close();
    client = undefined;
    rmSync(dir, { recursive: true, force: true });
});

describe('requests before any document is opened', () => {
    it('vpc/probes and vpc/preview sent right after initialized answer from the files of the workspace folder', async () => {
        writeFileSync(join(dir, 'net.vpc'), ON_DISK);
        client = new LspClient();
        await client.initialize(pathToFileURL(dir).href);
        const [probes, preview] = await Promise.all([
            client.connection.sendRequest(ProbesRequest, {}),
            client.connection.sendRequest(PreviewRequest, {})
        ]);
        expect(probes.map(p => [p.name, p.verdict])).toEqual([['out', 'ACCEPT']]);
        expect(preview.topology.vpcs.map(v => v.name)).toEqual(['app']);
        expect(preview.problems).toEqual({ errors: 0, warnings: 0, syntaxErrors: 0 });
    });

    it('an empty workspace folder answers at once, with nothing in it', async () => {
        client = new LspClient();
        await client.initialize(pathToFileURL(dir).href);
        expect(await client.connection.sendRequest(ProbesRequest, {})).toEqual([]);
        expect((await client.connection.sendRequest(PreviewRequest, {})).topology.vpcs).toEqual([]);
    });

    it('a preview request cancelled while the workspace is not yet built is answered as cancelled', async () => {
        client = new LspClient();
        // Before `initialized` the workspace is not loaded: the request can only wait.
        await client.connection.sendRequest(InitializeRequest.type, {
            processId: process.pid,
            rootUri: null,
            capabilities: {},
            workspaceFolders: null
        });
        const response = await client.sendRaw(
            { id: 'early-preview', method: PreviewRequest.method, params: {} },
            { method: '$/cancelRequest', params: { id: 'early-preview' } }
        );
        expect(response).not.toHaveProperty('result');
        expect(response.error).toMatchObject({ code: LSPErrorCodes.RequestCancelled, message: 'The request has been cancelled.' });
    });
});

/** The same network with a mistake (a route to a gateway that does not exist) and the VPC renamed `shop`. */
const EDITED = ON_DISK.replace('vpc app', 'vpc shop').replace('-> igw', '-> igw-2').replace('app.web-1', 'shop.web-1');

async function symbolNames(uri: string): Promise<string[]> {
    const symbols = (await client!.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    return symbols.map(s => s.name);
}

describe('closing a document without saving', () => {
    it('a file of the workspace falls back to its text on disk: diagnostics, names and preview', async () => {
        writeFileSync(join(dir, 'net.vpc'), ON_DISK);
        const uri = pathToFileURL(join(dir, 'net.vpc')).href;
        client = new LspClient();
        await client.initialize(pathToFileURL(dir).href);
        await client.open(uri, ON_DISK);
        expect(await client.diagnosticsFor(uri)).toEqual([]);

        await client.change(uri, 2, EDITED);
        const unsaved = await client.diagnosticsFor(uri, d => d.length > 0);
        expect(unsaved.map(d => d.code)).toEqual(['unresolved-reference']);
        expect((await client.connection.sendRequest(PreviewRequest, {})).topology.vpcs.map(v => v.name)).toEqual(['shop']);

        await client.closeDocument(uri);
        expect(await client.diagnosticsFor(uri)).toEqual([]);
        const preview = await client.connection.sendRequest(PreviewRequest, {});
        expect(preview.topology.vpcs.map(v => v.name)).toEqual(['app']);
        expect(preview.probes.map(p => [p.name, p.verdict])).toEqual([['out', 'ACCEPT']]);
        expect(preview.problems.errors).toBe(0);
        expect(await symbolNames(uri)).toEqual(['app', 'out']);
    });

    it('a new document never saved leaves the workspace: its diagnostics are cleared, its resources gone', async () => {
        writeFileSync(join(dir, 'net.vpc'), ON_DISK);
        const draft = pathToFileURL(join(dir, 'draft.vpc')).href;
        client = new LspClient();
        await client.initialize(pathToFileURL(dir).href);
        await client.open(draft, 'vpc draft { cidr 10.9.0.0/16 }\nprobe lost: draft.nowhere -> internet 1.1.1.1 tcp 80\n');
        expect((await client.diagnosticsFor(draft, d => d.length > 0)).map(d => d.code)).toEqual(['unresolved-reference']);
        expect((await client.connection.sendRequest(PreviewRequest, {})).topology.vpcs.map(v => v.name).sort()).toEqual(['app', 'draft']);

        await client.closeDocument(draft);
        expect(await client.diagnosticsFor(draft)).toEqual([]);
        const preview = await client.connection.sendRequest(PreviewRequest, {});
        expect(preview.topology.vpcs.map(v => v.name)).toEqual(['app']);
        expect(preview.probes.map(p => p.name)).toEqual(['out']);
        const symbols = await client.sendRaw({
            id: 'closed-draft',
            method: 'textDocument/documentSymbol',
            params: { textDocument: { uri: draft } }
        });
        expect(symbols.error?.code).toBe(LSPErrorCodes.ServerCancelled);
    });

    it('a file outside the workspace folders, opened and closed, leaves the workspace too', async () => {
        const elsewhere = mkdtempSync(join(tmpdir(), 'vpc-lab-elsewhere-'));
        try {
            writeFileSync(join(elsewhere, 'other.vpc'), 'vpc other { cidr 10.8.0.0/16 }\n');
            const uri = pathToFileURL(join(elsewhere, 'other.vpc')).href;
            client = new LspClient();
            await client.initialize(pathToFileURL(dir).href);
            await client.open(uri, 'vpc other { cidr 10.8.0.0/16 }\n');
            await client.diagnosticsFor(uri);
            // A design of its own: its preview draws it, the workspace's does not.
            expect((await client.connection.sendRequest(PreviewRequest, { uri })).topology.vpcs.map(v => v.name)).toEqual(['other']);
            expect((await client.connection.sendRequest(PreviewRequest, {})).topology.vpcs).toEqual([]);
            await client.closeDocument(uri);
            expect(await client.diagnosticsFor(uri)).toEqual([]);
            expect((await client.connection.sendRequest(PreviewRequest, { uri })).topology.vpcs).toEqual([]);
            expect(await client.connection.sendRequest(ProbesRequest, {})).toEqual([]);
        } finally {
            rmSync(elsewhere, { recursive: true, force: true });
        }
    });
});

describe('dynamic registration', () => {
    const settings = (dynamicRegistration: boolean): ClientCapabilities => ({
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration }, didChangeWatchedFiles: { dynamicRegistration } }
    });

    it('registers for configuration changes (and file watching) when the client declares it can take it', async () => {
        client = new LspClient();
        await client.initialize(pathToFileURL(dir).href, settings(true));
        // Registrations go out while `initialized` is handled, before the answer to a later request.
        await client.connection.sendRequest(ProbesRequest, {});
        expect(client.registrations.map(r => r.method).sort()).toEqual([
            'workspace/didChangeConfiguration',
            'workspace/didChangeWatchedFiles'
        ]);
    });

    it('registers nothing when the client does not declare dynamic registration', async () => {
        client = new LspClient();
        await client.initialize(pathToFileURL(dir).href, settings(false));
        await client.connection.sendRequest(ProbesRequest, {});
        expect(client.registrations).toEqual([]);
        expect(client.wire.filter(m => 'method' in m && m.method === 'client/registerCapability')).toEqual([]);
    });
});

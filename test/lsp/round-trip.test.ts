/** `vpc-lab lsp --stdio` as an editor uses it: open documents, get diagnostics, ask about positions. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DefinitionRequest, DocumentSymbolRequest, type DocumentSymbol, type Location, type LocationLink } from 'vscode-languageserver-protocol';
import { LspClient } from './client.js';

const NETWORK = `vpc app {
  cidr 10.0.0.0/16
  subnet web az us-east-1a { cidr 10.0.1.0/24 route-table public }
  internet-gateway igw
  route-table public { route 0.0.0.0/0 -> igw }
}
`;
const PEER = `vpc data { cidr 10.0.128.0/17 }
peering app-data requester app accepter data
`;

let client: LspClient;
let dir: string;

beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vpc-lab-lsp-'));
    writeFileSync(join(dir, 'network.vpc'), NETWORK);
    writeFileSync(join(dir, 'peer.vpc'), PEER);
    client = new LspClient();
    await client.initialize(pathToFileURL(dir).href);
});

afterAll(async () => {
    await client.close();
});

describe('vpc-lab lsp --stdio', () => {
    it('publishes diagnostics with their codes, across the files of the workspace', async () => {
        const uri = pathToFileURL(join(dir, 'peer.vpc')).href;
        await client.open(uri, PEER);
        const diagnostics = await client.diagnosticsFor(uri, d => d.length > 0);
        expect(diagnostics.map(d => d.code)).toEqual(['peering-cidr-overlap']);
        expect(diagnostics[0]!.message).toContain('10.0.0.0/16 (app) overlaps 10.0.128.0/17 (data)');
    });

    it('goes to the definition of a reference in another file', async () => {
        const uri = pathToFileURL(join(dir, 'peer.vpc')).href;
        const line = 1;
        const character = PEER.split('\n')[1]!.indexOf('requester app') + 'requester '.length + 1;
        const result = await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line, character } }) as Array<Location | LocationLink> | Location | null;
        const locations = (Array.isArray(result) ? result : result ? [result] : []).map(l => 'targetUri' in l ? { uri: l.targetUri, line: l.targetSelectionRange.start.line } : { uri: l.uri, line: l.range.start.line });
        expect(locations.map(l => [l.uri.split('/').pop(), l.line])).toEqual([['network.vpc', 0]]);
    });

    it('outlines a document: VPCs with their resources', async () => {
        const uri = pathToFileURL(join(dir, 'network.vpc')).href;
        await client.open(uri, NETWORK);
        await client.diagnosticsFor(uri);
        const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }) as DocumentSymbol[];
        expect(symbols.map(s => s.name)).toEqual(['app']);
        expect(symbols[0]!.children?.map(s => s.name)).toEqual(['web', 'igw', 'public']);
        expect(client.alive()).toBe(true);
    });
});

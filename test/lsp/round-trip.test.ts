/** `vpc-lab lsp --stdio` as an editor uses it: open documents, get diagnostics, ask about positions. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    CodeActionRequest,
    CodeLensRequest,
    FoldingRangeRequest,
    WorkspaceSymbolRequest,
    DefinitionRequest,
    DocumentSymbolRequest,
    HoverRequest,
    InlayHintRequest,
    type DocumentSymbol,
    type Hover,
    type Location,
    type LocationLink,
    type MarkupContent
} from 'vscode-languageserver';
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
        const result = (await client.connection.sendRequest(DefinitionRequest.type, {
            textDocument: { uri },
            position: { line, character }
        })) as Array<Location | LocationLink> | Location | null;
        const locations = (Array.isArray(result) ? result : result ? [result] : []).map(l =>
            'targetUri' in l ? { uri: l.targetUri, line: l.targetSelectionRange.start.line } : { uri: l.uri, line: l.range.start.line }
        );
        expect(locations.map(l => [l.uri.split('/').pop(), l.line])).toEqual([['network.vpc', 0]]);
    });

    it('outlines a document: VPCs with their resources', async () => {
        const uri = pathToFileURL(join(dir, 'network.vpc')).href;
        await client.open(uri, NETWORK);
        await client.diagnosticsFor(uri);
        const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
        expect(symbols.map(s => s.name)).toEqual(['app']);
        expect(symbols[0]!.children?.map(s => s.name)).toEqual(['web', 'igw', 'public']);
        expect(client.alive()).toBe(true);
    });

    it('answers hovers, inlay hints and code lenses', async () => {
        const uri = pathToFileURL(join(dir, 'network.vpc')).href;
        const probeText = `${NETWORK.replace('  route-table public', '  instance web-1 subnet web\n  route-table public')}probe internet -> web-1 tcp 80\n`;
        await client.change(uri, 2, probeText);
        await client.diagnosticsFor(uri);
        const subnetLine = NETWORK.split('\n')[2]!;
        const hover = (await client.connection.sendRequest(HoverRequest.type, {
            textDocument: { uri },
            position: { line: 2, character: subnetLine.indexOf('10.0.1.0/24') + 2 }
        })) as Hover;
        expect((hover.contents as MarkupContent).value).toMatch(
            /256 addresses[\s\S]*251 usable[\s\S]*- 10\.0\.1\.255: the network broadcast address/
        );
        const hints = await client.connection.sendRequest(InlayHintRequest.type, {
            textDocument: { uri },
            range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } }
        });
        expect(hints?.map(h => h.label)).toEqual(['251 usable', expect.stringMatching(/^→ REJECT /)]);
        const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
        expect(lenses?.map(l => [l.range.start.line, l.command?.title])).toEqual([[7, '▶ trace']]);
    });

    it('offers the quick fix for a block with host bits set', async () => {
        const uri = pathToFileURL(join(dir, 'hosts.vpc')).href;
        await client.open(uri, 'vpc hosts { cidr 10.9.0.1/16 }\n');
        const diagnostics = await client.diagnosticsFor(uri, d => d.length > 0);
        expect(diagnostics.map(d => d.code)).toEqual(['cidr-host-bits']);
        const actions = await client.connection.sendRequest(CodeActionRequest.type, {
            textDocument: { uri },
            range: diagnostics[0]!.range,
            context: { diagnostics }
        });
        expect(actions?.map(a => [a.title, 'edit' in a ? a.edit?.changes?.[uri]?.[0]?.newText : undefined])).toEqual([
            ['Use the network address 10.9.0.0/16', '10.9.0.0/16']
        ]);
        expect(client.alive()).toBe(true);
    });

    it('finds symbols across the workspace and folds blocks', async () => {
        const symbols = await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'app' });
        expect((symbols ?? []).map(s => s.name)).toEqual(expect.arrayContaining(['app', 'app-data']));
        const uri = pathToFileURL(join(dir, 'network.vpc')).href;
        const folds = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
        expect((folds ?? []).some(f => f.startLine === 0)).toBe(true);
    });
});

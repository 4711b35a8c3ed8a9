/** Go to definition and find references through langium/test's helpers. */
import { EmptyFileSystem } from 'langium';
import { expectFindReferences, expectGoToDefinition } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { SymbolKind } from 'vscode-languageserver';
import { createVpcLspServices } from '../../src/language-server/vpc-lsp-module.js';

const services = createVpcLspServices(EmptyFileSystem).Vpc;
const definition = expectGoToDefinition(services);
const references = expectFindReferences(services);

// <|> marks where the request is made, <|...|> the ranges expected back.
const TEXT = `vpc app {
  cidr 10.0.0.0/16
  subnet web az us-east-1a { cidr 10.0.1.0/24 route-table <|>public }
  route-table <|public|> { route 0.0.0.0/0 -> igw }
  internet-gateway igw
}
`;

describe('navigation', () => {
    it('goes from a route-table reference to its declaration', async () => {
        await definition({ text: TEXT, index: 0, rangeIndex: 0, disposeAfterCheck: true });
    });

    it('finds every reference to a gateway, declaration included', async () => {
        await references({
            text: `vpc app {
  cidr 10.0.0.0/16
  internet-gateway <|<|>igw|>
  route-table a { route 0.0.0.0/0 -> <|igw|> }
  route-table b { route ::/0 -> <|app.igw|> }
}
`,
            includeDeclaration: true,
            disposeAfterCheck: true
        });
    });
});

describe('outline', () => {
    it('gives each kind of element a symbol kind of its own, from the kinds registry', async () => {
        const { parseDocument } = await import('langium/test');
        const document = await parseDocument(
            services,
            `account prod id "111122223333"
vpc app account prod {
  cidr 10.0.0.0/16
  subnet web { cidr 10.0.1.0/24 }
  route-table rt { route 0.0.0.0/0 -> igw }
  internet-gateway igw
  security-group db-sg
  network-acl acl
  instance web-1 subnet web
  flow-log fl { capture vpc }
}
bucket logs
probe check: web-1 -> internet 198.51.100.7 tcp 443
`
        );
        const symbols = await services.lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument: { uri: document.uri.toString() } });
        const kinds = new Map<string, number>();
        const walk = (list: typeof symbols) => {
            for (const s of list) {
                kinds.set(s.name, s.kind);
                walk(s.children ?? []);
            }
        };
        walk(symbols);
        expect(kinds.get('app'), JSON.stringify([...kinds])).toBe(SymbolKind.Namespace);
        const distinct = ['prod', 'app', 'web', 'rt', 'igw', 'db-sg', 'acl', 'web-1', 'fl', 'logs', 'check'].map(name => kinds.get(name));
        expect(
            distinct.every(k => k !== undefined && k !== SymbolKind.Field),
            JSON.stringify([...kinds])
        ).toBe(true);
        expect(new Set(distinct).size).toBe(distinct.length);
    });
});

/** The formatter: a canonical layout, idempotent, that keeps every token and comment in order. */
import { readdirSync, readFileSync } from 'node:fs';
import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { clearDocuments, expectFormatting, parseHelper } from 'langium/test';
import { afterEach, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createVpcLspServices } from '../../src/language-server/vpc-lsp-module.js';

const services = createVpcLspServices(EmptyFileSystem).Vpc;
const parse = parseHelper(services);
const formatting = expectFormatting(services);

afterEach(() => clearDocuments(services.shared));

async function format(text: string): Promise<string> {
    await clearDocuments(services.shared);
    const document: LangiumDocument = await parse(text);
    const edits = await services.lsp.Formatter!.formatDocument(document, {
        textDocument: { uri: document.uri.toString() },
        options: { tabSize: 2, insertSpaces: true }
    });
    return TextDocument.applyEdits(TextDocument.create('file:///f.vpc', 'vpc', 1, text), edits);
}

/** The text without its layout: what formatting must never change. */
const tokens = (text: string) => text.replace(/\s+/g, '');

describe('formatter', () => {
    it('lays out statements, members and list blocks, and glues names, lists and port ranges', async () => {
        await formatting({
            before: `vpc   app region us-east-1 { cidr 10.0.0.0/16
      subnet web az us-east-1a {cidr 10.0.1.0/24   route-table public}
  // the public table
  route-table public { route 0.0.0.0/0 -> igw   // default
  route 10.1.0.0/16 -> app-b }
  internet-gateway igw
  security-group web-sg { ingress tcp 22 - 23 from 10.0.0.0/8 , sg app . web-sg }
}
peering app-b requester app accepter b
probe web-1 -> internet 8.8.8.8 tcp 443 expect reject
`,
            after: `vpc app region us-east-1 {
  cidr 10.0.0.0/16
  subnet web az us-east-1a { cidr 10.0.1.0/24 route-table public }
  // the public table
  route-table public {
    route 0.0.0.0/0 -> igw   // default
    route 10.1.0.0/16 -> app-b
  }
  internet-gateway igw
  security-group web-sg { ingress tcp 22-23 from 10.0.0.0/8, sg app.web-sg }
}
peering app-b requester app accepter b
probe web-1 -> internet 8.8.8.8 tcp 443 expect reject
`,
            options: { tabSize: 2, insertSpaces: true },
            disposeAfterCheck: true
        });
    });

    it('opens a block on its own line when nothing separates `{` from the first member', async () => {
        const once = await format('vpc a {cidr 10.0.0.0/16\n subnet s {cidr 10.0.1.0/24}}\n');
        expect(once).toBe('vpc a {\n  cidr 10.0.0.0/16\n  subnet s { cidr 10.0.1.0/24 }\n}\n');
        expect(await format(once)).toBe(once);
    });

    it('leaves a document that does not parse alone', async () => {
        const broken = 'vpc app { cidr 10.0.0.0/16\n   subnet }\n';
        expect(await format(broken)).toBe(broken);
    });

    for (const file of readdirSync(new URL('../../examples/', import.meta.url)).filter(f => f.endsWith('.vpc'))) {
        it(`keeps every token and comment of examples/${file}, and is idempotent`, async () => {
            const text = readFileSync(new URL(`../../examples/${file}`, import.meta.url), 'utf8');
            const once = await format(text);
            expect(tokens(once)).toBe(tokens(text));
            expect(await format(once)).toBe(once);
        });
    }
});

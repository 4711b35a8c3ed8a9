/** Inlay hints (usable counts, probe verdicts) and the `▶ trace` lens above each probe. */
import { EmptyFileSystem } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { afterEach, describe, expect, it } from 'vitest';
import { TRACE_COMMAND } from '../../src/language/lsp/vpc-code-lens.js';
import { createVpcLspServices } from '../../src/language-server/vpc-lsp-module.js';

const services = createVpcLspServices(EmptyFileSystem).Vpc;
const parse = parseHelper(services);

const TEXT = `vpc app region us-east-1 {
  cidr 10.0.0.0/16
  subnet web az us-east-1a { cidr 10.0.1.0/24 }
  subnet db az us-east-1b { cidr 10.0.2.0/28 }
  security-group web-sg { ingress tcp 443 from 0.0.0.0/0 }
  instance web-1 subnet web { ip 10.0.1.10 security-groups web-sg }
  instance db-1 subnet db { ip 10.0.2.5 }
}
probe web-1 -> db-1 tcp 5432
probe db-1 -> web-1 tcp 443
probe db-1 -> web-1 tcp 22 expect reject
`;

const whole = { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } };

afterEach(() => clearDocuments(services.shared));

describe('inlay hints', () => {
    it('puts the usable count after each subnet block and the verdict after probes without expect', async () => {
        const document = await parse(TEXT, { validation: true });
        const hints = await services.lsp.InlayHintProvider!.getInlayHints(document, {
            textDocument: { uri: document.uri.toString() },
            range: whole
        });
        const labels = (hints ?? []).map(h => `${h.position.line}:${h.position.character} ${h.label as string}`);
        expect(labels).toEqual([
            `2:${TEXT.split('\n')[2]!.indexOf('10.0.1.0/24') + '10.0.1.0/24'.length} 251 usable`,
            `3:${TEXT.split('\n')[3]!.indexOf('10.0.2.0/28') + '10.0.2.0/28'.length} 11 usable`,
            `8:${TEXT.split('\n')[8]!.length} → REJECT SG_INGRESS`,
            `9:${TEXT.split('\n')[9]!.length} → ACCEPT`
        ]);
    });

    it('gives no usable count for a VPC block or a block that does not parse', async () => {
        const document = await parse('vpc v { cidr 10.0.0.0/16\n subnet s az us-east-1a { cidr 10.0.0.0/99 } }\n');
        const hints = await services.lsp.InlayHintProvider!.getInlayHints(document, {
            textDocument: { uri: document.uri.toString() },
            range: whole
        });
        expect(hints ?? []).toEqual([]);
    });
});

describe('code lenses', () => {
    it('puts a trace lens above every probe with the document and line', async () => {
        const document = await parse(TEXT);
        const lenses = await services.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: { uri: document.uri.toString() } });
        expect(lenses?.map(l => [l.range.start.line, l.command?.title, l.command?.command, l.command?.arguments])).toEqual(
            [8, 9, 10].map(line => [line, '▶ trace', TRACE_COMMAND, [document.uri.toString(), line + 1]])
        );
    });
});

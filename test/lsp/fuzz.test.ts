/**
 * A thousand requests at random positions of randomly mutated documents: every request gets an
 * answer, none of them an error from a provider that threw, and the server is still answering at the end.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    CodeActionRequest,
    CodeLensRequest,
    CompletionRequest,
    DefinitionRequest,
    DocumentFormattingRequest,
    DocumentSymbolRequest,
    FoldingRangeRequest,
    HoverRequest,
    InlayHintRequest,
    ReferencesRequest,
    ResponseError,
    SemanticTokensRequest,
    type Position
} from 'vscode-languageserver';
import { LspClient } from './client.js';

const TOUR = readFileSync(new URL('../../examples/tour.vpc', import.meta.url), 'utf8');
const SNIPPETS = [
    '{',
    '}',
    '->',
    '10.0.',
    '/',
    '::',
    'subnet ',
    'route ',
    'probe ',
    '"',
    '//',
    '\n',
    'cidr 10.0.0.0/33',
    'expect reject ',
    '0.0.0.0/0'
];

/** A mutation: delete a span, or insert a snippet, at a position given as a fraction of the text. */
const mutation = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), del: fc.nat(40), insert: fc.constantFrom(...SNIPPETS) });

function mutate(text: string, m: { at: number; del: number; insert: string }): string {
    const i = Math.floor(m.at * text.length);
    return text.slice(0, i) + m.insert + text.slice(Math.min(text.length, i + m.del));
}

function positionAt(text: string, fraction: number): Position {
    const lines = text.split('\n');
    const line = Math.min(lines.length - 1, Math.floor(fraction * lines.length));
    return { line, character: Math.floor(((fraction * 7919) % 1) * (lines[line]!.length + 2)) };
}

let client: LspClient;
let uri: string;

beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpc-lab-fuzz-'));
    uri = pathToFileURL(join(dir, 'tour.vpc')).href;
    client = new LspClient();
    await client.initialize(pathToFileURL(dir).href);
    await client.open(uri, TOUR);
    await client.diagnosticsFor(uri);
});

afterAll(async () => {
    await client.close();
});

describe('the language server under random input', () => {
    it('answers 1,000 requests on 50 mutated documents and stays alive', async () => {
        const runs = fc.sample(
            fc.tuple(
                fc.array(mutation, { minLength: 1, maxLength: 6 }),
                fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 20, maxLength: 20 })
            ),
            { numRuns: 50, seed: 20261124 }
        );
        let text = TOUR;
        let version = 1;
        let answered = 0;
        let errors = 0;
        for (const [mutations, positions] of runs) {
            text = mutations.reduce(mutate, text);
            await client.change(uri, ++version, text);
            for (const [i, fraction] of positions.entries()) {
                const position = positionAt(text, fraction);
                const textDocument = { uri };
                const range = { start: position, end: positionAt(text, Math.min(1, fraction + 0.05)) };
                const requests = [
                    () => client.connection.sendRequest(HoverRequest.type, { textDocument, position }),
                    () => client.connection.sendRequest(CompletionRequest.type, { textDocument, position }),
                    () => client.connection.sendRequest(DefinitionRequest.type, { textDocument, position }),
                    () =>
                        client.connection.sendRequest(ReferencesRequest.type, {
                            textDocument,
                            position,
                            context: { includeDeclaration: true }
                        }),
                    () => client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }),
                    () => client.connection.sendRequest(FoldingRangeRequest.type, { textDocument }),
                    () => client.connection.sendRequest(InlayHintRequest.type, { textDocument, range }),
                    () => client.connection.sendRequest(CodeLensRequest.type, { textDocument }),
                    () => client.connection.sendRequest(CodeActionRequest.type, { textDocument, range, context: { diagnostics: [] } }),
                    () => client.connection.sendRequest(SemanticTokensRequest.type, { textDocument }),
                    () =>
                        client.connection.sendRequest(DocumentFormattingRequest.type, {
                            textDocument,
                            options: { tabSize: 2, insertSpaces: true }
                        })
                ];
                try {
                    await requests[i % requests.length]!();
                } catch (error) {
                    // An error response is still an answer (counted below); anything else, a closed connection, fails now.
                    if (!(error instanceof ResponseError)) throw error;
                    errors++;
                }
                answered++;
            }
        }
        expect(answered).toBe(1000);
        expect(client.alive()).toBe(true);
        // Still answering, and still checking: the last document gets its diagnostics published.
        await client.change(uri, ++version, TOUR);
        const diagnostics = await client.diagnosticsFor(uri);
        expect(diagnostics.filter(d => d.severity === 1)).toEqual([]);
        // A provider that throws answers with an error response: none may.
        expect(errors).toBe(0);
    }, 120_000);
});

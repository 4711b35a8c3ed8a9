/** Parsing printed text back into a model, comparing models, and formatting text as the editor does. */
import { EmptyFileSystem, URI } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createVpcLspServices } from '../../src/language-server/vpc-lsp-module.js';
import type { Topology } from '../../src/model/topology.js';
import { check } from '../helpers.js';

/** The model of one text or of several files, with the diagnostics that say whether it read cleanly. */
export async function modelOf(
    input: string | Record<string, string>
): Promise<{ topology: Topology; problems: string[]; codes: string[] }> {
    const result = await check(input);
    const problems = result.diagnostics
        .filter(d => d.code === 'syntax' || d.code === 'unresolved-reference' || d.code === 'duplicate-name')
        .map(d => `${d.file}:${d.range.start.line + 1} [${d.code}] '${d.covered}' ${d.message}`);
    return { topology: result.services.workspace.WorkspaceModel.get().topology, problems, codes: result.codes().sort() };
}

/**
 * The model without what depends on where things were written: source locations, the document
 * list, a probe's text (and, for a probe without a name, the name and line-based id taken from it),
 * and the positional ids of rules and routes (a rule written with two peers is two model rules).
 * Element lists are sorted by id: the printer groups a VPC's members kind by kind.
 */
export function normalize(topology: Topology): unknown {
    const strip = (value: unknown): unknown => {
        if (Array.isArray(value)) return value.map(strip);
        if (value === null || typeof value !== 'object') return value;
        const out: Record<string, unknown> = {};
        for (const [key, v] of Object.entries(value)) {
            if (v === undefined || key === 'loc' || key.endsWith('Loc')) continue;
            out[key] = strip(v);
        }
        return out;
    };
    const copy = strip(topology) as Record<string, Array<Record<string, unknown>>>;
    delete copy.documents;
    for (const probe of copy.probes ?? []) {
        if (probe.name === probe.text) {
            delete probe.name;
            delete probe.id;
        }
        delete probe.text;
    }
    for (const table of copy.routeTables ?? []) for (const route of table.routes as Array<Record<string, unknown>>) delete route.id;
    for (const owner of [...(copy.securityGroups ?? []), ...(copy.networkAcls ?? [])]) {
        for (const rule of owner.rules as Array<Record<string, unknown>>) if (!rule.implicit) delete rule.id;
    }
    for (const list of Object.values(copy))
        list.sort((a, b) => String(a.id ?? JSON.stringify(a)).localeCompare(String(b.id ?? JSON.stringify(b))));
    return copy;
}

const lsp = createVpcLspServices(EmptyFileSystem);
let formatted = 0;

/** The text after the editor's "Format Document" (two spaces). */
export async function format(text: string): Promise<string> {
    const { shared, Vpc } = lsp;
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///format/${++formatted}.vpc`));
    shared.workspace.LangiumDocuments.addDocument(document);
    try {
        await shared.workspace.DocumentBuilder.build([document], { validation: false });
        const edits = await Vpc.lsp.Formatter!.formatDocument(document, {
            textDocument: { uri: document.uri.toString() },
            options: { tabSize: 2, insertSpaces: true }
        });
        return TextDocument.applyEdits(TextDocument.create(document.uri.toString(), 'vpc', 1, text), edits);
    } finally {
        shared.workspace.LangiumDocuments.deleteDocument(document.uri);
    }
}

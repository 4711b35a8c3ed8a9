/** Builds in-memory workspaces and asserts diagnostics by code and by the exact text they cover. */
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { expect } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { createVpcServices, type VpcServices } from '../src/language/vpc-module.js';

export interface Checked {
    services: VpcServices;
    documents: LangiumDocument[];
    /** Every diagnostic, with the file it is in and the text it covers. */
    diagnostics: Array<Diagnostic & { file: string; covered: string }>;
    codes(): string[];
}

let counter = 0;

/** Checks one text, or several files given as `{ name: text }`, as one workspace. */
export async function check(input: string | Record<string, string>): Promise<Checked> {
    const files = typeof input === 'string' ? { 'main.vpc': input } : input;
    const { shared, Vpc } = createVpcServices(EmptyFileSystem);
    const run = ++counter;
    const documents = Object.entries(files).map(([name, text]) => {
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///ws${run}/${name}`));
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    const diagnostics = documents.flatMap(document =>
        (document.diagnostics ?? []).map(d => ({
            ...d,
            file: document.uri.path.split('/').pop()!,
            covered: document.textDocument.getText(d.range)
        }))
    );
    return { services: Vpc, documents, diagnostics, codes: () => diagnostics.map(d => String(d.code)) };
}

/** Asserts exactly one diagnostic of `code` (optionally in `file`) covering exactly `token`; returns it. */
export function expectDiagnostic(result: Checked, code: string, token: string, file?: string) {
    const matching = result.diagnostics.filter(d => d.code === code && (file === undefined || d.file === file));
    expect(
        matching.map(d => `${d.covered} :: ${d.message}`),
        `diagnostics with code ${code}; all: ${describeAll(result)}`
    ).toHaveLength(1);
    expect(matching[0]!.covered).toBe(token);
    return matching[0]!;
}

export function expectNo(result: Checked, code: string): void {
    const matching = result.diagnostics.filter(d => d.code === code);
    expect(
        matching.map(d => `${d.covered} :: ${d.message}`),
        `no ${code} expected`
    ).toEqual([]);
}

export function expectClean(result: Checked): void {
    expect(describeAll(result)).toBe('');
}

function describeAll(result: Checked): string {
    return result.diagnostics.map(d => `[${d.code}] ${d.file}:${d.range.start.line + 1} '${d.covered}' ${d.message}`).join('\n');
}

/** A VPC with one subnet and an instance, for tests to build on. */
export function vpc(name: string, cidr: string, body = '', region = 'us-east-1'): string {
    return `vpc ${name} region ${region} {\n  cidr ${cidr}\n${body}\n}\n`;
}

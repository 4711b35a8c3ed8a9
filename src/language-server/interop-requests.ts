/**
 * `vpc/import` and `vpc/export`: what `vpc-lab import` and `vpc-lab export` do, asked by the
 * editor. The same entry points as the command line; the answer says what was written, what was
 * left out or stood in, and any error in one line (then nothing was written).
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { DiagnosticSeverity, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';
import { parametersWithoutValue } from '../interop/cloudformation/index.js';
import { ImportError, writeImportFiles } from '../interop/common/index.js';
import { ExportClashError, prepareExport, writeExportFiles, type NotExported } from '../interop/run-export.js';
import { ImportInputError, prepareImport } from '../interop/run-import.js';
import { describeFsError } from '../io/errors.js';
import { ExportRequest, ImportRequest, type ExportParams, type ExportResult, type ImportParams, type ImportResult } from '../protocol.js';
import { builtDocuments, inFolders, SelectionModels, trackFolders } from './folder-model.js';
import { whenBuilt } from './preview-requests.js';
import type { VpcLspServices } from './vpc-lsp-module.js';

const KINDS = ['aws', 'cloudformation', 'terraform'];
const FORMATS = ['cloudformation', 'terraform'];

const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every(v => typeof v === 'string');
const isStringRecord = (value: unknown): value is Record<string, string> =>
    typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(v => typeof v === 'string');

/** What is wrong with the parameters, in the product's words; undefined when they can be used. */
function importParamsProblem(p: ImportParams | undefined): string | undefined {
    if (!p || !KINDS.includes(p.kind)) return `import: the kind is one of ${KINDS.join(', ')}`;
    if (!isStrings(p.inputs) || p.inputs.length === 0) return 'import: give the files or folder to read';
    if (typeof p.folder !== 'string' || p.folder === '') return 'import: give the folder to write into';
    if (p.parameters !== undefined && !isStringRecord(p.parameters)) return 'import: parameters are names and text values';
    if (p.vars !== undefined && !isStringRecord(p.vars)) return 'import: variables are names and text values';
    if (p.varFiles !== undefined && !isStrings(p.varFiles)) return 'import: variable files are paths';
    return undefined;
}

export function serveInterop(connection: Connection, shared: LangiumSharedServices, services: VpcLspServices): void {
    const folders = trackFolders(shared);
    const selections = new SelectionModels(services);
    /** Paths are shown from the first workspace folder, as the command line shows them from where it runs. */
    const base = () => folders()[0];
    const shown = (path: string): string => {
        const from = base();
        const rel = from === undefined ? path : relative(from, path);
        return from === undefined || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
    };

    const importFiles = async (p: ImportParams): Promise<ImportResult> => {
        const nothing = (extra: Partial<ImportResult>): ImportResult => ({ written: [], notes: [], ...extra });
        const problem = importParamsProblem(p);
        if (problem) return nothing({ error: problem });
        const inputs = p.inputs.map(i => shown(resolve(i)));
        const parameters = new Map(Object.entries(p.parameters ?? {}));
        const options = {
            region: p.region,
            account: p.account,
            parameters,
            vars: Object.entries(p.vars ?? {}).map(([k, v]) => `${k}=${v}`),
            varFiles: p.varFiles ?? [],
            env: process.env,
            base: base()
        };
        let prepared;
        try {
            if (p.askMissing && p.kind === 'cloudformation') {
                const names = await parametersWithoutValue(inputs, parameters, options.base);
                if (names.length > 0) return nothing({ missing: { kind: 'parameter', names } });
            }
            prepared = await prepareImport(p.kind, inputs, options);
        } catch (error) {
            if (error instanceof ImportInputError && error.variable !== undefined && p.askMissing)
                return nothing({ missing: { kind: 'variable', names: [error.variable] } });
            if (error instanceof ImportInputError || error instanceof ImportError) return nothing({ error: error.message });
            throw error;
        }
        const folder = resolve(p.folder);
        let written: string[];
        try {
            written = await writeImportFiles(folder, prepared.files);
        } catch (error) {
            return nothing({
                error: error instanceof ImportError ? error.message : `cannot write into '${folder}': ${describeFsError(error)}`
            });
        }
        return { written, notes: prepared.notes, summary: prepared.summary(shown(folder)) };
    };

    const exportFiles = async (p: ExportParams, token: CancellationToken): Promise<ExportResult> => {
        const nothing = (error: string): ExportResult => ({ written: [], notExported: [], error });
        if (!p || !FORMATS.includes(p.format)) return nothing(`export: the format is one of ${FORMATS.join(', ')}`);
        if (typeof p.folder !== 'string' || p.folder === '') return nothing('export: give the folder to write into');
        if (p.uris !== undefined && !isStrings(p.uris)) return nothing('export: the files are document URIs');
        const wanted = p.uris?.map(u => URI.parse(u).toString());
        const selection = await whenBuilt(shared, token, () => {
            const all = builtDocuments(shared);
            const chosen = wanted ? all.filter(d => wanted.includes(d.uri.toString())) : all.filter(d => inFolders(d, folders()));
            const unknown = wanted?.filter(u => !chosen.some(d => d.uri.toString() === u)) ?? [];
            return { model: unknown.length === 0 && chosen.length > 0 ? selections.of(chosen, all) : undefined, unknown };
        });
        if (selection.unknown.length > 0)
            return nothing(`${shown(URI.parse(selection.unknown[0]!).fsPath)} is not a .vpc file the editor knows`);
        if (!selection.model) return nothing('the workspace folders hold no .vpc file to export');
        const { snapshot, documents } = await selection.model;
        // A design AWS would refuse gives templates that fail to deploy; an unmet probe expectation does not.
        for (const document of documents) {
            const error = (document.diagnostics ?? []).find(d => d.severity === DiagnosticSeverity.Error && d.code !== 'probe-expectation');
            if (error) {
                const count = documents.reduce(
                    (n, d) =>
                        n +
                        (d.diagnostics ?? []).filter(x => x.severity === DiagnosticSeverity.Error && x.code !== 'probe-expectation').length,
                    0
                );
                return nothing(
                    `the design has ${count} error${count === 1 ? '' : 's'} (first: ${shown(document.uri.fsPath)}:${error.range.start.line + 1}: ${error.message}); fix them before exporting`
                );
            }
        }
        const where = (item: NotExported): string =>
            item.loc ? `${shown(URI.parse(item.loc.uri).fsPath)}:${item.loc.range.start.line + 1}` : item.element;
        const prepared = await prepareExport(snapshot.topology, p.format, where);
        const folder = resolve(p.folder);
        let written: string[];
        try {
            written = await writeExportFiles(folder, prepared.files);
        } catch (error) {
            if (error instanceof ExportClashError) return nothing(new ExportClashError(error.existing.map(shown)).message);
            return nothing(`cannot write into ${shown(folder)}: ${describeFsError(error)}`);
        }
        return {
            written,
            notExported: [
                ...prepared.notExported.map(n => `${where(n)}: ${n.why}`),
                ...(prepared.overQuota ?? []).map(q => `${q.file}: over CloudFormation's quotas: ${q.problems.join(', ')}`)
            ],
            summary: prepared.summary(shown(folder))
        };
    };

    // A failure of the product itself is answered as an error line, never as a stack trace in the editor.
    const guarded =
        <P, R>(run: (params: P, token: CancellationToken) => Promise<R>, failed: (message: string) => R) =>
        async (params: P, token: CancellationToken): Promise<R> => {
            try {
                return await run(params, token);
            } catch (error) {
                if (error instanceof ResponseError) throw error;
                return failed(error instanceof Error ? error.message : String(error));
            }
        };
    connection.onRequest(
        ImportRequest,
        guarded(importFiles, error => ({ written: [], notes: [], error }))
    );
    connection.onRequest(
        ExportRequest,
        guarded(exportFiles, error => ({ written: [], notExported: [], error }))
    );
}

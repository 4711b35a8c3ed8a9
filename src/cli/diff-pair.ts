/**
 * Builds both `.vpc` sides of a diff in one language workspace, as the editor does after an
 * edit: the AFTER files are parsed, linked and checked once; then only the files that differ
 * are swapped for their BEFORE text and rebuilt, with the documents that refer into them
 * relinked. A pull request that changes one file of a hundred costs one full check and one
 * file's worth more, not two full checks.
 */
import { DiagnosticSeverity } from 'vscode-languageserver';
import {
    DocumentState,
    URI,
    type FileSystemNode,
    type FileSystemProvider,
    type LangiumDocument,
    type MultiReference,
    type Reference
} from 'langium';
import { NodeFileSystemProvider } from 'langium/node';
import type { Finding } from '../checker/index.js';
import { DiagnosticCodes } from '../model/codes.js';
import { createVpcServices } from '../language/vpc-module.js';
import { collectDiagnostics, type CliDiagnostic } from './diagnostics.js';
import type { LoadedSide } from './diff-sides.js';
import { applyProjectSettings, type LoadedFile, type Workspace } from './workspace.js';

/** One side's files, read but not built: each with the key that pairs it with the other side's. */
export interface SideFiles {
    label: string;
    files: Array<LoadedFile & { key: string }>;
    errors: string[];
}

const SCHEME = 'vpc-diff';

/** Serves the documents' text from memory (the side being built), anything else from disk. */
class SideFileSystem extends NodeFileSystemProvider implements FileSystemProvider {
    readonly texts = new Map<string, string>();
    override async readFile(uri: URI): Promise<string> {
        return uri.scheme === SCHEME ? (this.texts.get(uri.toString()) ?? '') : super.readFile(uri);
    }
    override readFileSync(uri: URI): string {
        return uri.scheme === SCHEME ? (this.texts.get(uri.toString()) ?? '') : super.readFileSync(uri);
    }
    override async stat(uri: URI): Promise<FileSystemNode> {
        return uri.scheme === SCHEME ? { uri, isFile: true, isDirectory: false } : super.stat(uri);
    }
}

const LSP_SEVERITY = {
    error: DiagnosticSeverity.Error,
    warning: DiagnosticSeverity.Warning,
    info: DiagnosticSeverity.Information,
    hint: DiagnosticSeverity.Hint
} as const;

function refs(document: LangiumDocument): Array<Reference | MultiReference> {
    return document.references;
}

function targets(ref: Reference | MultiReference): string[] {
    if ('items' in ref) return ref.items.map(item => item.ref.$document?.uri.toString() ?? '');
    return ref.$nodeDescription ? [ref.$nodeDescription.documentUri.toString()] : [];
}

export async function buildPair(
    before: SideFiles,
    after: SideFiles,
    settingsFrom: string
): Promise<{ before: LoadedSide; after: LoadedSide }> {
    const fileSystem = new SideFileSystem();
    const { shared, Vpc } = createVpcServices({ fileSystemProvider: () => fileSystem }, { batch: true });
    const errors = await applyProjectSettings(settingsFrom, Vpc);
    const builder = shared.workspace.DocumentBuilder;
    // The batch services keep no index of who refers to whom: a document is relinked when one of
    // its references failed or points into a changed document, read from the references themselves.
    (builder as unknown as { shouldRelink(document: LangiumDocument, changed: Set<string>): boolean }).shouldRelink = (document, changed) =>
        refs(document).some(ref => ref.error !== undefined || targets(ref).some(uri => changed.has(uri)));
    builder.updateBuildOptions = { validation: true };
    // The language is chosen by the file extension.
    const uriOf = (key: string) => URI.from({ scheme: SCHEME, path: `/${key}${key.endsWith('.vpc') ? '' : '.vpc'}` }).toString();

    for (const file of after.files) fileSystem.texts.set(uriOf(file.key), file.text);
    const documents = after.files.map(file => {
        const document = shared.workspace.LangiumDocumentFactory.fromString(file.text, URI.parse(uriOf(file.key)));
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await builder.build(documents, { validation: true });
    const afterSnapshot = Vpc.workspace.WorkspaceModel.get();
    const afterFiles = after.files.map(f => ({ ...f, uri: uriOf(f.key) }));
    const afterDiagnostics = collectDiagnostics({ files: afterFiles, documents } as unknown as Workspace);
    const afterSide = { ...side(after, afterFiles, afterSnapshot.topology, afterDiagnostics), compiled: afterSnapshot.compiled };

    // Swap in the BEFORE texts of the files that differ.
    const beforeByKey = new Map(before.files.map(f => [f.key, f]));
    const afterKeys = new Set(after.files.map(f => f.key));
    const changed: URI[] = [];
    const deleted: URI[] = [];
    for (const file of after.files) {
        const then = beforeByKey.get(file.key);
        if (!then) deleted.push(URI.parse(uriOf(file.key)));
        else if (then.text !== file.text) changed.push(URI.parse(uriOf(file.key)));
    }
    for (const file of before.files) if (!afterKeys.has(file.key)) changed.push(URI.parse(uriOf(file.key)));
    for (const file of before.files) fileSystem.texts.set(uriOf(file.key), file.text);
    const rebuilt = new Set<string>();
    const listener = builder.onBuildPhase(DocumentState.Validated, docs => {
        for (const d of docs) rebuilt.add(d.uri.toString());
    });
    await builder.update(changed, deleted);
    listener.dispose();
    const beforeSnapshot = Vpc.workspace.WorkspaceModel.get();
    const beforeFiles = before.files.map(f => ({ ...f, uri: uriOf(f.key) }));
    const beforeDocuments = beforeFiles.map(f => shared.workspace.LangiumDocuments.getDocument(URI.parse(f.uri))!);
    const fresh = collectDiagnostics({ files: beforeFiles, documents: beforeDocuments } as unknown as Workspace);

    // A document not rebuilt still shows the AFTER side's topology findings: swap them for the BEFORE side's.
    const display = new Map(beforeFiles.map(f => [f.uri, f.display]));
    const asCli = (finding: Finding): CliDiagnostic | undefined => {
        const severity = Vpc.validation.SeveritySettings.severityOf(finding.code, LSP_SEVERITY[DiagnosticCodes[finding.code].severity]);
        if (severity === undefined || !finding.loc) return undefined;
        const name = (Object.keys(LSP_SEVERITY) as Array<keyof typeof LSP_SEVERITY>).find(k => LSP_SEVERITY[k] === severity)!;
        const { start, end } = finding.loc.range;
        return {
            file: display.get(finding.loc.uri) ?? finding.loc.uri,
            line: start.line + 1,
            column: start.character + 1,
            endLine: end.line + 1,
            endColumn: end.character + 1,
            severity: name,
            code: finding.code,
            message: finding.message
        };
    };
    const sameFinding = (d: CliDiagnostic, f: Finding) =>
        d.code === f.code &&
        d.message === f.message &&
        f.loc !== undefined &&
        d.line === f.loc.range.start.line + 1 &&
        d.column === f.loc.range.start.character + 1;
    const beforeDiagnostics = beforeFiles.flatMap(file => {
        const own = fresh.filter(d => d.file === file.display);
        if (rebuilt.has(file.uri)) return own;
        const stale = afterSnapshot.findings.get(file.uri) ?? [];
        const kept = own.filter(d => !stale.some(f => sameFinding(d, f)));
        const current = (beforeSnapshot.findings.get(file.uri) ?? []).map(asCli).filter((d): d is CliDiagnostic => d !== undefined);
        return [...kept, ...current].sort((a, b) => a.line - b.line || a.column - b.column);
    });
    const beforeSide = { ...side(before, beforeFiles, beforeSnapshot.topology, beforeDiagnostics), compiled: beforeSnapshot.compiled };
    beforeSide.errors.push(...errors);
    return { before: beforeSide, after: afterSide };
}

function side(
    input: SideFiles,
    files: Array<LoadedFile & { key: string }>,
    topology: LoadedSide['topology'],
    diagnostics: CliDiagnostic[]
): LoadedSide {
    const keyByDisplay = new Map(files.map(f => [f.display, f.key]));
    return {
        label: input.label,
        topology,
        documents: files.map(f => ({ uri: f.uri, display: f.display, text: f.text, key: f.key })),
        diagnostics: diagnostics.map(d => ({ ...d, key: keyByDisplay.get(d.file) ?? d.file })),
        errors: [...input.errors]
    };
}

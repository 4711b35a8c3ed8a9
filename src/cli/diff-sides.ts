/**
 * The two sides of `vpc-lab diff`. Every kind of input is read by one "load side" function that
 * returns a topology, its documents' text and its diagnostics; adding an input (an importer's
 * snapshot, template or plan) is adding one such function to `LOADERS`.
 *
 * Files pair up across the sides by a key, so that a finding is "the same" on both sides:
 * the k-th path of one side pairs with the k-th of the other, and inside a folder files pair
 * by their path relative to it; with `--git`, by their path in the repository.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import type { Topology } from '../model/topology.js';
import { createVpcServices } from '../language/vpc-module.js';
import { collectDiagnostics, type CliDiagnostic } from './diagnostics.js';
import { applyProjectSettings, loadWorkspace, type LoadedFile, type Workspace } from './workspace.js';

export interface SideDocument { uri: string; display: string; text: string; key: string }

export interface LoadedSide {
    /** How the side is named in reports: its paths, or `REV` for a git revision. */
    label: string;
    topology: Topology;
    documents: SideDocument[];
    diagnostics: Array<CliDiagnostic & { key: string }>;
    /** One line each: what could not be read. */
    errors: string[];
}

/** A reader of one kind of input: `accepts` looks at the paths only; `load` reads them. */
export interface SideLoader {
    accepts(paths: readonly string[]): boolean;
    load(paths: readonly string[], label: string): Promise<LoadedSide>;
}

/** The key of a file: `k:relative/path` after the k-th path given (a folder's files by their path inside it). */
function keyOf(paths: readonly string[], file: string): string {
    const absolute = resolve(file);
    for (const [k, path] of paths.entries()) {
        const root = resolve(path);
        const rel = relative(root, absolute);
        if (rel === '') return `${k}:`;
        if (!rel.startsWith('..') && !isAbsolute(rel)) return `${k}:${rel.replace(/\\/g, '/')}`;
    }
    return absolute;
}

/** A built workspace as a side: its model, documents and diagnostics, each document keyed by `key`. */
export function sideOf(workspace: Workspace, label: string, key: (file: LoadedFile) => string): LoadedSide {
    const keys = new Map(workspace.files.map(f => [f.display, key(f)]));
    return {
        label,
        topology: workspace.model().topology,
        documents: workspace.files.map(f => ({ uri: f.uri, display: f.display, text: f.text, key: key(f) })),
        diagnostics: collectDiagnostics(workspace).map(d => ({ ...d, key: keys.get(d.file) ?? d.file })),
        errors: workspace.errors
    };
}

/** `.vpc` files and folders on disk. */
export const vpcFiles: SideLoader = {
    accepts: () => true,
    async load(paths, label) {
        const workspace = await loadWorkspace(paths);
        return sideOf(workspace, label, f => keyOf(paths, URI.parse(f.uri).fsPath));
    }
};

/** Readers tried in order; the first that accepts the paths reads them. */
export const LOADERS: readonly SideLoader[] = [vpcFiles];

export async function loadSide(paths: readonly string[], label = paths.join(' ')): Promise<LoadedSide> {
    const loader = LOADERS.find(l => l.accepts(paths))!;
    return loader.load(paths, label);
}

/** Builds `.vpc` texts that are not on disk (a git revision's) as a workspace, with the project settings of `settingsFrom`. */
export async function buildTexts(files: LoadedFile[], settingsFrom: string, errors: string[]): Promise<Workspace> {
    const { shared, Vpc } = createVpcServices(NodeFileSystem, { batch: true });
    for (const problem of await applyProjectSettings(settingsFrom, Vpc)) errors.push(problem);
    const documents = files.map(file => {
        const document = shared.workspace.LangiumDocumentFactory.fromString(file.text, URI.parse(file.uri));
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return { files, documents, errors, services: Vpc, model: () => Vpc.workspace.WorkspaceModel.get() };
}

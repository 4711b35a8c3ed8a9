/**
 * Loads the files and folders named on the command line into one Langium workspace and builds it.
 * Files that cannot be read as topology text are reported as one-line errors, never thrown.
 */
import { describeFsError } from '../io/errors.js';
import { MAX_TEXT_BYTES, notRegularFile, readTextFile, UnreadableFileError } from '../io/read-text.js';
import { readdir, stat } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve, isAbsolute } from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { parseProjectSettings, SETTINGS_FILE } from '../language/project-settings.js';
import { createVpcServices, type VpcServices } from '../language/vpc-module.js';
import type { WorkspaceSnapshot } from '../language/workspace-model.js';

export interface LoadedFile {
    /** The path to show the user: relative to the working directory when inside it. */
    display: string;
    uri: string;
    text: string;
}

export interface Workspace {
    files: LoadedFile[];
    documents: LangiumDocument[];
    /** One line each: paths that could not be read. */
    errors: string[];
    services: VpcServices;
    model(): WorkspaceSnapshot;
}

/** Bad usage or unreadable input: the message is the one line the user sees. */
export class UsageError extends Error {}

/** Larger files are refused: real topologies are far smaller, and parsing one costs memory in proportion. */
export const MAX_FILE_BYTES = MAX_TEXT_BYTES;

/** Expands paths (folders recursively, `*.vpc`), in the order given, each file once. */
export async function expand(paths: readonly string[], errors: string[]): Promise<string[]> {
    const files: string[] = [];
    const seen = new Set<string>();
    const add = (file: string) => {
        const absolute = resolve(file);
        if (!seen.has(absolute)) {
            seen.add(absolute);
            files.push(absolute);
        }
    };
    for (const path of paths) {
        let info;
        try {
            info = await stat(path);
        } catch (error) {
            errors.push(`cannot read '${path}': ${describeFsError(error)}`);
            continue;
        }
        if (info.isDirectory()) {
            const found = await walk(path, errors);
            if (found.length === 0) errors.push(`no .vpc files in folder '${path}'`);
            found.forEach(add);
        } else if (notRegularFile(info)) {
            errors.push(`'${path}' is ${notRegularFile(info)}, not a .vpc file`);
        } else if (extname(path) !== '.vpc') {
            // Named on purpose, but the language is told apart by the extension, as editors do.
            errors.push(`'${path}' is not a .vpc file: vpc-lab reads topology files whose names end in .vpc`);
        } else {
            add(path);
        }
    }
    return files;
}

async function walk(folder: string, errors: string[]): Promise<string[]> {
    let entries;
    try {
        entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
        errors.push(`cannot read folder '${folder}': ${describeFsError(error)}`);
        return [];
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    const files: string[] = [];
    for (const entry of entries) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
        const path = join(folder, entry.name);
        if (entry.isDirectory()) files.push(...(await walk(path, errors)));
        else if (entry.isFile() && extname(entry.name) === '.vpc') files.push(path);
    }
    return files;
}

export function displayPath(absolute: string): string {
    const rel = relative(process.cwd(), absolute);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolute;
}

/** A file of the workspace as text (regular, at most 8 MB, UTF-8), or a UsageError saying why not. */
export async function readText(path: string): Promise<string> {
    try {
        return await readTextFile(path, displayPath(path));
    } catch (error) {
        throw error instanceof UnreadableFileError ? new UsageError(error.message) : error;
    }
}

/** Reads the nearest `vpc-lab.json` above the first input (if any) into the checker's severities. */
export async function applyProjectSettings(start: string, services: VpcServices): Promise<string[]> {
    let folder = (await stat(start).catch(() => undefined))?.isDirectory() ? start : dirname(start);
    for (;;) {
        const file = join(folder, SETTINGS_FILE);
        let text: string | undefined;
        try {
            text = await readTextFile(file, displayPath(file));
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
                return [
                    error instanceof UnreadableFileError ? error.message : `cannot read '${displayPath(file)}': ${describeFsError(error)}`
                ];
        }
        if (text !== undefined) {
            const { settings, problems } = parseProjectSettings(text);
            const unknown = services.validation.SeveritySettings.set(settings.severity);
            return [...problems, ...unknown].map(p => `${displayPath(file)}: ${p}`);
        }
        const parent = dirname(folder);
        if (parent === folder) return [];
        folder = parent;
    }
}

/** Loads and fully builds (parse, link, validate) a workspace from command-line paths. */
export async function loadWorkspace(paths: readonly string[], options: { validation?: boolean } = {}): Promise<Workspace> {
    const errors: string[] = [];
    const absolute = await expand(paths, errors);
    const { shared, Vpc } = createVpcServices(NodeFileSystem, { batch: true });
    const files: LoadedFile[] = [];
    for (const path of absolute) {
        try {
            const text = await readTextFile(path, displayPath(path));
            files.push({ display: displayPath(path), uri: URI.file(path).toString(), text });
        } catch (error) {
            errors.push(
                error instanceof UnreadableFileError ? error.message : `cannot read '${displayPath(path)}': ${describeFsError(error)}`
            );
        }
    }
    for (const problem of await applyProjectSettings(absolute[0] ?? process.cwd(), Vpc)) errors.push(problem);
    const documents = files.map(file => {
        const document = shared.workspace.LangiumDocumentFactory.fromString(file.text, URI.parse(file.uri));
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(documents, { validation: options.validation ?? true });
    return { files, documents, errors, services: Vpc, model: () => Vpc.workspace.WorkspaceModel.get() };
}

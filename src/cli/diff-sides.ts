/**
 * The two sides of `vpc-lab diff`. Each kind of input has one reader that turns paths into a
 * side: `.vpc` files are returned as texts (both sides are then built together, see
 * diff-pair.ts), any other input as a finished side, a topology with its documents' text and
 * its diagnostics. Adding an input (an importer's snapshot, template or plan) is adding one
 * reader to `READERS`.
 *
 * Files pair up across the sides by a key, so that a finding is "the same" on both sides:
 * the k-th path of one side pairs with the k-th of the other, and inside a folder files pair
 * by their path relative to it; with `--git`, by their path in the repository.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { URI } from 'langium';
import type { Topology } from '../model/topology.js';
import type { Compiled } from '../simulator/compile.js';
import type { CliDiagnostic } from './diagnostics.js';
import { buildPair, type SideFiles } from './diff-pair.js';
import { displayPath, expand, readText, UsageError } from './workspace.js';
import { describeFsError } from '../io/errors.js';
import { awsSnapshotReader, cloudFormationReader, terraformJsonReader } from './diff-imported.js';

export interface SideDocument {
    uri: string;
    display: string;
    text: string;
    key: string;
}

export interface LoadedSide {
    /** How the side is named in reports: its paths, or `REV` for a git revision. */
    label: string;
    topology: Topology;
    documents: SideDocument[];
    diagnostics: Array<CliDiagnostic & { key: string }>;
    /** One line each: what could not be read. */
    errors: string[];
    /** The topology compiled, when the reader has it already. */
    compiled?: () => Compiled;
}

export type SideSource = { kind: 'vpc'; files: SideFiles } | { kind: 'side'; side: LoadedSide };

/** A reader of one kind of input: `accepts` looks at the paths only; `read` reads them. */
export interface SideReader {
    accepts(paths: readonly string[]): boolean;
    read(paths: readonly string[], label: string): Promise<SideSource>;
}

/** The key of a file: `k/relative/path` under the k-th path given (a folder's files by their path inside it). */
function keyOf(paths: readonly string[], file: string): string {
    for (const [k, path] of paths.entries()) {
        const rel = relative(resolve(path), file);
        if (rel === '') return `${k}`;
        if (!rel.startsWith('..') && !isAbsolute(rel)) return `${k}/${rel.replace(/\\/g, '/')}`;
    }
    return file;
}

/** `.vpc` files and folders on disk, as texts. */
export async function readVpcFiles(
    paths: readonly string[],
    label: string,
    key: (absolute: string) => string = file => keyOf(paths, file)
): Promise<SideFiles> {
    const errors: string[] = [];
    const files: SideFiles['files'] = [];
    for (const path of await expand(paths, errors)) {
        try {
            files.push({ display: displayPath(path), uri: URI.file(path).toString(), text: await readText(path), key: key(path) });
        } catch (error) {
            errors.push(error instanceof UsageError ? error.message : `cannot read '${displayPath(path)}': ${describeFsError(error)}`);
        }
    }
    return { label, files, errors };
}

export const vpcReader: SideReader = {
    accepts: () => true,
    read: async (paths, label) => ({ kind: 'vpc', files: await readVpcFiles(paths, label) })
};

/** Readers tried in order; the first that accepts the paths reads them. */
export const READERS: readonly SideReader[] = [awsSnapshotReader, terraformJsonReader, cloudFormationReader, vpcReader];

export function readSide(paths: readonly string[], label = paths.join(' ')): Promise<SideSource> {
    return READERS.find(r => r.accepts(paths))!.read(paths, label);
}

const NO_FILES: SideFiles = { label: '', files: [], errors: [] };

/** Both sides built: `.vpc` sides together (one build and the difference), any other side as its reader made it. */
export async function resolveSides(
    before: SideSource,
    after: SideSource,
    settingsFrom: string
): Promise<{ before: LoadedSide; after: LoadedSide }> {
    if (before.kind === 'vpc' && after.kind === 'vpc') return buildPair(before.files, after.files, settingsFrom);
    const alone = async (source: SideSource): Promise<LoadedSide> =>
        source.kind === 'side'
            ? source.side
            : (await buildPair({ ...NO_FILES, label: source.files.label }, source.files, settingsFrom)).after;
    return { before: await alone(before), after: await alone(after) };
}

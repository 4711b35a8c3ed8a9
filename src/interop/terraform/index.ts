/**
 * `import terraform`: a configuration directory, or the JSON of `terraform show -json` (a plan
 * or a state), read into resource instances, mapped to the model, printed as `.vpc` files.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Topology } from '../../model/topology.js';
import { findRoots } from './config/find-roots.js';
import { readWorkspace } from './config/read-configuration.js';
import { TerraformInputError } from './errors.js';
import type { ReadResult } from './instances.js';
import { mapToModel } from './map/index.js';
import type { ImportNote } from './map/context.js';
import { printImport, type PrintedFile } from './output/print.js';
import { readShowJson } from './plan-state.js';

export { MissingVariableError, TerraformInputError } from './errors.js';
export type { ImportNote } from './map/context.js';

export interface TerraformImportOptions {
    region?: string;
    vars?: string[];
    varFiles?: string[];
    env?: Record<string, string | undefined>;
    cwd?: string;
}

export interface TerraformImport {
    topology: Topology;
    notes: ImportNote[];
    origins: ReadonlyMap<string, string>;
    files: PrintedFile[];
}

import { DEFAULT_REGION } from './config/read-configuration.js';

/**
 * Reads, evaluates and maps; throws TerraformInputError (one line) when the input cannot be read.
 * Folders are root modules, or parents of root modules (see `findRoots`), read as one workspace;
 * a plan or a state is one JSON file, alone.
 */
export async function readTerraform(
    input: string | readonly string[],
    options: TerraformImportOptions = {}
): Promise<{ read: ReadResult; source: string }> {
    const paths = typeof input === 'string' ? [input] : [...input];
    if (paths.length === 0) throw new TerraformInputError('give a configuration folder, or the JSON of terraform show -json');
    const dirs: string[] = [];
    for (const path of paths) {
        let isDir: boolean;
        try {
            isDir = (await stat(path)).isDirectory();
        } catch {
            throw new TerraformInputError(`${path}: no such file or folder`);
        }
        if (isDir) dirs.push(path);
        else if (!path.endsWith('.json'))
            throw new TerraformInputError(`${path}: give the configuration's folder, or the JSON of terraform show -json`);
        else if (paths.length > 1)
            throw new TerraformInputError(`${path}: a plan or a state is read alone, not with other files or folders`);
    }
    if (dirs.length > 0) {
        const roots = await findRoots(dirs, options.cwd ?? process.cwd());
        const read = await readWorkspace(roots, options);
        return { read, source: paths.join(', ') };
    }
    const path = paths[0]!;
    let json: unknown;
    try {
        json = JSON.parse(await readFile(path, 'utf8'));
    } catch (e) {
        throw new TerraformInputError(`${path}: ${e instanceof SyntaxError ? 'not valid JSON' : 'cannot be read'}`);
    }
    return { read: readShowJson(json, basename(path), options.region ?? DEFAULT_REGION), source: path };
}

export async function importTerraform(input: string | readonly string[], options: TerraformImportOptions = {}): Promise<TerraformImport> {
    const { read, source } = await readTerraform(input, options);
    const mapped = mapToModel(read, typeof input === 'string' ? basename(input) : input.map(p => basename(p)).join(', '));
    return { ...mapped, files: printImport(mapped.topology, mapped.origins, mapped.notes, source) };
}

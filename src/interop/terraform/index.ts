/**
 * `import terraform`: a configuration directory, or the JSON of `terraform show -json` (a plan
 * or a state), read into resource instances, mapped to the model, printed as `.vpc` files.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Topology } from '../../model/topology.js';
import { readConfiguration } from './config/read-configuration.js';
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
    origins: Map<string, string>;
    files: PrintedFile[];
}

import { DEFAULT_REGION } from './config/read-configuration.js';

/** Reads, evaluates and maps; throws TerraformInputError (one line) when the input cannot be read. */
export async function readTerraform(path: string, options: TerraformImportOptions = {}): Promise<{ read: ReadResult; source: string }> {
    let isDir: boolean;
    try {
        isDir = (await stat(path)).isDirectory();
    } catch {
        throw new TerraformInputError(`${path}: no such file or folder`);
    }
    if (isDir) {
        const read = await readConfiguration(path, options);
        return { read, source: path };
    }
    if (!path.endsWith('.json'))
        throw new TerraformInputError(`${path}: give the configuration's folder, or the JSON of terraform show -json`);
    let json: unknown;
    try {
        json = JSON.parse(await readFile(path, 'utf8'));
    } catch (e) {
        throw new TerraformInputError(`${path}: ${e instanceof SyntaxError ? 'not valid JSON' : 'cannot be read'}`);
    }
    return { read: readShowJson(json, basename(path), options.region ?? DEFAULT_REGION), source: path };
}

export async function importTerraform(path: string, options: TerraformImportOptions = {}): Promise<TerraformImport> {
    const { read, source } = await readTerraform(path, options);
    const mapped = mapToModel(read, basename(source));
    return { ...mapped, files: printImport(mapped.topology, mapped.origins, mapped.notes, source) };
}

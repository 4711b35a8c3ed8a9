/**
 * Writing an import's files: into OUT (which may exist), never over an existing file, and all or
 * nothing: every name is checked before the first byte is written.
 */
import { constants } from 'node:fs';
import { access, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ImportError } from './report.js';

export interface OutputFile {
    name: string;
    text: string;
}

async function exists(path: string): Promise<boolean> {
    try {
        await access(path, constants.F_OK);
        return true;
    } catch {
        return false;
    }
}

/**
 * Writes `files` into `folder`; throws ImportError, having written nothing, when one of them
 * exists already or the folder cannot be made. Returns the paths written.
 */
export async function writeImportFiles(folder: string, files: readonly OutputFile[]): Promise<string[]> {
    const clashes: string[] = [];
    for (const file of files) if (await exists(join(folder, file.name))) clashes.push(file.name);
    if (clashes.length > 0) {
        throw new ImportError(
            `'${join(folder, clashes[0]!)}' already exists${clashes.length > 1 ? ` (and ${clashes.length - 1} more of the files to write)` : ''}; nothing was written`
        );
    }
    try {
        await mkdir(folder, { recursive: true });
    } catch (error) {
        throw new ImportError(`cannot make the folder '${folder}': ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const written: string[] = [];
    for (const file of files) {
        const path = join(folder, file.name);
        // 'wx' fails rather than replace a file that appeared since the check.
        await writeFile(path, file.text, { flag: 'wx' });
        written.push(path);
    }
    return written;
}

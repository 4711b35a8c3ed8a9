/** Writes delivered flow-log files into a folder: never over an existing file, never half a file. */
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { DeliveredFile } from '../simulator/flow-log-layout.js';
import { UsageError } from './workspace.js';

function describe(error: unknown): string {
    const code = (error as NodeJS.ErrnoException).code;
    const words: Record<string, string> = { EACCES: 'permission denied', EPERM: 'permission denied', ENOSPC: 'no space left on the device', EROFS: 'the file system is read-only', ENOTDIR: 'a path component is not a folder' };
    return (code && words[code]) ?? (error instanceof Error ? error.message : String(error));
}

/** Writes every file (gzip for S3 objects) through a temporary name and a rename; returns the paths written. */
export async function writeDeliveries(folder: string, files: readonly DeliveredFile[]): Promise<string[]> {
    const root = resolve(folder);
    const targets = files.map(file => {
        const target = resolve(root, file.path);
        if (!target.startsWith(root + sep)) throw new UsageError(`refusing to write '${file.path}' outside '${folder}'`);
        return target;
    });
    for (const target of targets) {
        const exists = await access(target).then(() => true, () => false);
        if (exists) throw new UsageError(`'${relative(process.cwd(), target)}' already exists: vpc-lab never overwrites flow-log files; give --flow-logs an empty or new folder`);
    }
    const written: string[] = [];
    for (const [i, file] of files.entries()) {
        const target = targets[i]!;
        const temporary = join(dirname(target), `.vpc-lab-${process.pid}-${i}.tmp`);
        try {
            await mkdir(dirname(target), { recursive: true });
            await writeFile(temporary, file.gzip ? gzipSync(file.content) : file.content, { flag: 'wx' });
            await rename(temporary, target);
            written.push(target);
        } catch (error) {
            await rm(temporary, { force: true }).catch(() => undefined);
            throw new UsageError(`cannot write flow logs to '${folder}': ${describe(error)}`);
        }
    }
    return written;
}

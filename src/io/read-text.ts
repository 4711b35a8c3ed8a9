/**
 * Reads a topology or settings file as text, refusing what is not one: anything but a regular
 * file (a device such as /dev/zero, a named pipe, a socket), a file over the size limit, a
 * binary file, text that is not UTF-8. A device or a pipe would never end or never answer, so
 * the kind is checked before the file is opened, and again on the open handle; reading stops
 * one byte past the limit whatever the file claims its size is.
 */
import { constants, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';

/** Larger files are refused: real topologies are far smaller, and parsing one costs memory in proportion. */
export const MAX_TEXT_BYTES = 8 * 1024 * 1024;

/** The file cannot be read as text; the message says why, in words, naming the file as the caller shows it. */
export class UnreadableFileError extends Error {}

/** What a path is when it is not a regular file, in words; undefined for a regular file. */
export function notRegularFile(info: Stats): string | undefined {
    if (info.isFile()) return undefined;
    if (info.isDirectory()) return 'a folder';
    if (info.isFIFO()) return 'a named pipe';
    if (info.isSocket()) return 'a socket';
    if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
    return 'not a regular file';
}

function megabytes(bytes: number): string {
    return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Opening a pipe without O_NONBLOCK waits for a writer; the flag is POSIX only (and harmless on files). */
const READ_FLAGS = constants.O_RDONLY | (process.platform === 'win32' ? 0 : constants.O_NONBLOCK);

/** The file's bytes, at most `limit`; throws UnreadableFileError (or the file system's own error) otherwise. */
export async function readBounded(path: string, shown: string, limit = MAX_TEXT_BYTES): Promise<Buffer> {
    const kind = notRegularFile(await stat(path));
    if (kind) throw new UnreadableFileError(`'${shown}' is ${kind}, not a text file`);
    const handle = await open(path, READ_FLAGS);
    try {
        const info = await handle.stat();
        const kindNow = notRegularFile(info);
        if (kindNow) throw new UnreadableFileError(`'${shown}' is ${kindNow}, not a text file`);
        const tooLarge = (size?: number) =>
            new UnreadableFileError(
                `'${shown}' is ${size === undefined ? `over ${megabytes(limit)}` : megabytes(size)}; vpc-lab reads files of up to ${limit / 1024 / 1024} MB`
            );
        if (info.size > limit) throw tooLarge(info.size);
        // Up to one byte past the limit: a file that grows while being read is noticed too.
        let buffer = Buffer.alloc(Math.min(limit + 1, info.size + 1));
        let length = 0;
        for (;;) {
            if (length === buffer.length) {
                if (length > limit) throw tooLarge();
                const grown = Buffer.alloc(Math.min(limit + 1, buffer.length * 2));
                buffer.copy(grown, 0, 0, length);
                buffer = grown;
            }
            const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
            if (bytesRead === 0) return buffer.subarray(0, length);
            length += bytesRead;
        }
    } finally {
        await handle.close();
    }
}

/** Bytes as UTF-8 text without a byte-order mark, refusing binary content and other encodings. */
export function decodeText(bytes: Buffer, shown: string): string {
    const nul = bytes.indexOf(0);
    if (nul >= 0) throw new UnreadableFileError(`'${shown}' is not a text file (a NUL byte at offset ${nul})`);
    try {
        const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    } catch {
        throw new UnreadableFileError(`'${shown}' is not valid UTF-8 text`);
    }
}

/** A regular file of at most `limit` bytes of UTF-8 text. */
export async function readTextFile(path: string, shown: string = path, limit = MAX_TEXT_BYTES): Promise<string> {
    return decodeText(await readBounded(path, shown, limit), shown);
}

/**
 * The plain-style files of a module read on this thread and on a thread per further core: a
 * thread reads a file and writes its blocks as JSON text (fmt-style.ts `parts`), which this thread
 * turns into values (JSON.parse, a fraction of the reading). The threads' program travels inside
 * the bundle as text (scripts/tf-reader.mjs); where there is none (the sources run as they are),
 * where there is too little text to pay for starting a thread, or when a thread fails, this
 * thread reads everything. A file a thread finds outside the style (or irregular) is answered
 * with nothing and read here by the usual path, so the result is the same however the work was
 * shared.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FileBlocks, RawObject } from './read.js';
import { blocksOfParts, readFmtStyle, type PlainParts } from './fmt-style.js';

declare const VPC_LAB_TF_READER: string | undefined;

export interface PlainJob {
    index: number;
    text: string;
}
export type PlainReply = { index: number; parts?: PlainParts };

export type PlainRead = { blocks: FileBlocks; rest: RawObject } | undefined;

/** How files may be shared among threads; each defaults to what the product does. */
export interface PlainThreads {
    /** Threads besides this one (default: one per further core, at most 3). */
    count?: number;
    /** The text (characters) below which this thread reads alone. */
    minChars?: number;
    /** The threads' program (default: the one the bundle carries). */
    source?: string;
    /** Told which files a thread read. */
    readByThread?: (index: number) => void;
}

/** Below this much text a thread's start (some tens of milliseconds) costs more than it saves. */
export const MIN_CHARS_FOR_THREADS = 4 * 2 ** 20;

/** Each file's blocks when it is in the plain style and regular, else undefined (to be read by the usual path). */
export async function readPlainFiles(
    files: ReadonlyArray<{ file: string; text: string }>,
    threads: PlainThreads = {}
): Promise<PlainRead[]> {
    const source = threads.source ?? (typeof VPC_LAB_TF_READER === 'string' ? VPC_LAB_TF_READER : undefined);
    const chars = files.reduce((sum, f) => sum + f.text.length, 0);
    const count = Math.min(threads.count ?? Math.min(availableParallelism(), 4) - 1, files.length - 1);
    const out: PlainRead[] = new Array(files.length);
    const here = (i: number): void => {
        out[i] = readFmtStyle(files[i]!.text)?.blocks(files[i]!.file);
    };
    if (source === undefined || count < 1 || chars < (threads.minChars ?? MIN_CHARS_FOR_THREADS)) {
        for (let i = 0; i < files.length; i++) here(i);
        return out;
    }
    let next = 0;
    const done = new Array<boolean>(files.length).fill(false);
    const workers: Worker[] = [];
    const running = Array.from({ length: count }, () => {
        return new Promise<void>(resolve => {
            let worker: Worker;
            try {
                worker = new Worker(source, { eval: true });
            } catch {
                resolve();
                return;
            }
            workers.push(worker);
            let current = -1;
            const send = (): void => {
                if (next >= files.length) {
                    resolve();
                    return;
                }
                current = next++;
                worker.postMessage({ index: current, text: files[current]!.text } satisfies PlainJob);
            };
            worker.on('message', (reply: PlainReply) => {
                if (reply.parts) out[reply.index] = blocksOfParts(reply.parts, files[reply.index]!.file);
                done[reply.index] = true;
                threads.readByThread?.(reply.index);
                send();
            });
            // A thread that fails leaves its file to this thread.
            const lost = (): void => {
                if (current >= 0 && !done[current]) {
                    here(current);
                    done[current] = true;
                }
                resolve();
            };
            worker.on('error', lost);
            worker.on('exit', lost);
            send();
        });
    });
    try {
        // This thread reads too, a file at a time, letting the threads' answers in between.
        while (next < files.length) {
            const i = next++;
            here(i);
            done[i] = true;
            await new Promise(resolve => setImmediate(resolve));
        }
        await Promise.all(running);
    } finally {
        for (const worker of workers) void worker.terminate();
    }
    return out;
}

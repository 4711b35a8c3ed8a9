/**
 * HashiCorp's parser on every core: one Go runtime per worker thread, each compiling the
 * WebAssembly module again (about a second of one core), so workers start only when a module's
 * files are large enough to pay for that, and only when a file is not in the parse cache. The
 * main thread parses too while the workers do.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

type Parse = (file: string, text: string) => Promise<unknown>;

interface Job {
    file: string;
    text: string;
    resolve: (value: unknown) => void;
    reject: (error: Error) => void;
}

// The worker's whole program: parse what it is sent, answer with the result or the parser's message.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { parse } = require(workerData.parser);
parentPort.on('message', async ({ file, text }) => {
    try {
        parentPort.postMessage({ value: await parse(file, text) });
    } catch (e) {
        parentPort.postMessage({ error: e instanceof Error ? e.message : String(e) });
    }
});
`;

/** Below this much .tf text a worker's start costs more than it saves. */
export const POOL_MIN_BYTES = 2 * 1024 * 1024;

/** Parses files on the main thread and `workers` threads; `close()` stops the threads. */
export class ParsePool {
    private readonly queue: Job[] = [];
    private readonly threads: Worker[] = [];
    private mainBusy = false;

    constructor(
        private readonly parseHere: Parse,
        private readonly workers = Math.max(0, Math.min(availableParallelism(), 8) - 1)
    ) {}

    parse(file: string, text: string): Promise<unknown> {
        return new Promise((resolve, reject) => {
            this.queue.push({ file, text, resolve, reject });
            this.startWorkers();
            void this.runHere();
        });
    }

    close(): void {
        for (const thread of this.threads) void thread.terminate();
        this.threads.length = 0;
    }

    private async runHere(): Promise<void> {
        if (this.mainBusy) return;
        this.mainBusy = true;
        // Let the workers take their first jobs before this thread blocks on one.
        await new Promise(resolve => setImmediate(resolve));
        for (let job = this.queue.shift(); job; job = this.queue.shift()) {
            await this.parseHere(job.file, job.text).then(job.resolve, (e: unknown) =>
                job!.reject(e instanceof Error ? e : new Error(String(e)))
            );
            await new Promise(resolve => setImmediate(resolve));
        }
        this.mainBusy = false;
    }

    private startWorkers(): void {
        if (this.threads.length > 0 || this.workers === 0) return;
        let parser: string;
        try {
            parser = createRequire(import.meta.url).resolve('@cdktn/hcl2json');
        } catch {
            return;
        }
        for (let i = 0; i < this.workers; i++) {
            const thread = new Worker(WORKER, { eval: true, workerData: { parser } });
            thread.unref();
            this.threads.push(thread);
            this.feed(thread);
        }
    }

    private feed(thread: Worker): void {
        const job = this.queue.shift();
        if (!job) return;
        const done = (message: { value?: unknown; error?: string }) => {
            thread.off('error', failed);
            if (message.error !== undefined) job.reject(new Error(message.error));
            else job.resolve(message.value);
            this.feed(thread);
        };
        // A thread that cannot run (no memory for another runtime) hands its job back to this one.
        const failed = () => {
            thread.off('message', done);
            this.queue.unshift(job);
            void this.runHere();
        };
        thread.once('message', done);
        thread.once('error', failed);
        thread.postMessage({ file: job.file, text: job.text });
    }
}

/**
 * HashiCorp's parser or formatter on every core: one Go runtime per worker thread, each compiling
 * the WebAssembly module again (a fraction of a second to a second of one core), so callers start
 * workers only when there is enough text to pay for that. The main thread works too while the
 * workers do. Each worker guards its runtime as guard.ts does this thread's: a runtime that fails
 * rejects its job with an HclRuntimeError and its thread is stopped; Go's report never reaches
 * the terminal.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { guarded, HclRuntimeError, type HclTool } from './guard.js';

/** A function of one of HashiCorp's packages, taking strings. */
export interface WasmTool {
    tool: HclTool;
    /** A package name, or a module's path. */
    module: string;
    fn: 'parse' | 'format';
}

export const PARSER: WasmTool = { tool: 'parser', module: '@cdktn/hcl2json', fn: 'parse' };
export const FORMATTER: WasmTool = { tool: 'formatter', module: '@cdktn/hcl-tools', fn: 'format' };

interface Job {
    /** What messages name (a file). */
    what: string;
    args: string[];
    resolve: (value: unknown) => void;
    reject: (error: Error) => void;
}

type Reply = { value: unknown } | { error: string; fault?: boolean } | { ended: string };

// The worker's whole program: guard the runtime (as guard.ts does), then run what it is sent.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
let report = '';
const capture = buffer => {
    report += new TextDecoder().decode(buffer);
    return buffer.byteLength;
};
const guardedFs = Object.assign(Object.create(fs), {
    writeSync: (fd, buffer, ...rest) => (fd === 1 || fd === 2 ? capture(buffer) : fs.writeSync(fd, buffer, ...rest)),
    write: (fd, buffer, offset, length, position, callback) =>
        fd === 1 || fd === 2
            ? callback(null, capture(buffer.subarray(offset, offset + length)))
            : fs.write(fd, buffer, offset, length, position, callback)
});
Object.defineProperty(globalThis, 'fs', { configurable: true, get: () => guardedFs, set: () => undefined });
let Go;
Object.defineProperty(globalThis, 'Go', {
    configurable: true,
    get: () => Go,
    set: Real => {
        Go = class extends Real {
            constructor() {
                super();
                this.exit = () => parentPort.postMessage({ ended: report || 'the runtime exited' });
            }
        };
    }
});
const tool = require(workerData.module);
parentPort.on('message', async args => {
    try {
        parentPort.postMessage({ value: await tool[workerData.fn](...args) });
    } catch (e) {
        parentPort.postMessage({
            error: e instanceof Error ? e.message : String(e),
            fault: e instanceof WebAssembly.RuntimeError || /Go program has already exited/.test(String(e))
        });
    }
});
`;

/** Runs a tool's calls on this thread and `workers` threads; `close()` stops the threads. */
export class WasmPool {
    private readonly queue: Job[] = [];
    private readonly threads: Worker[] = [];
    private started = false;
    private mainBusy = false;

    constructor(
        private readonly tool: WasmTool,
        private readonly here: (...args: string[]) => Promise<unknown>,
        private readonly workers = Math.max(0, Math.min(availableParallelism(), 8) - 1)
    ) {}

    run(what: string, args: string[]): Promise<unknown> {
        return new Promise((resolve, reject) => {
            this.queue.push({ what, args, resolve, reject });
            this.startWorkers();
            void this.runHere();
        });
    }

    /** Stops the threads; jobs not started are dropped (their caller has failed or gone). */
    close(): void {
        this.queue.length = 0;
        for (const thread of this.threads) void thread.terminate();
        this.threads.length = 0;
    }

    private async runHere(): Promise<void> {
        if (this.mainBusy) return;
        this.mainBusy = true;
        // Let the workers take their first jobs before this thread blocks on one.
        await new Promise(resolve => setImmediate(resolve));
        for (let job = this.queue.shift(); job; job = this.queue.shift()) {
            const { what, args, resolve, reject } = job;
            await guarded(this.tool.tool, what, () => this.here(...args)).then(resolve, (e: unknown) =>
                reject(e instanceof Error ? e : new Error(String(e)))
            );
            await new Promise(resolve => setImmediate(resolve));
        }
        this.mainBusy = false;
    }

    private startWorkers(): void {
        if (this.started || this.workers === 0) return;
        this.started = true;
        let module: string;
        try {
            module = createRequire(import.meta.url).resolve(this.tool.module);
        } catch {
            return;
        }
        for (let i = 0; i < this.workers; i++) {
            const thread = new Worker(WORKER, { eval: true, workerData: { module, fn: this.tool.fn } });
            thread.unref();
            this.threads.push(thread);
            this.feed(thread);
        }
    }

    private feed(thread: Worker): void {
        if (!this.threads.includes(thread)) return;
        const job = this.queue.shift();
        if (!job) return;
        const done = (reply: Reply) => {
            thread.off('error', failed);
            if ('ended' in reply) {
                job.reject(new HclRuntimeError(this.tool.tool, job.what, reply.ended));
                this.drop(thread);
                return;
            }
            if ('error' in reply)
                job.reject(reply.fault ? new HclRuntimeError(this.tool.tool, job.what, reply.error) : new Error(reply.error));
            else job.resolve(reply.value);
            this.feed(thread);
        };
        // A thread that cannot run (no memory for another runtime) hands its job back to this one.
        const failed = () => {
            thread.off('message', done);
            this.drop(thread);
            this.queue.unshift(job);
            void this.runHere();
        };
        thread.once('message', done);
        thread.once('error', failed);
        thread.postMessage(job.args);
    }

    private drop(thread: Worker): void {
        const at = this.threads.indexOf(thread);
        if (at >= 0) this.threads.splice(at, 1);
        void thread.terminate();
    }
}

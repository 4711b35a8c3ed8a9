/**
 * HashiCorp's HCL parser and formatter are Go programs compiled to WebAssembly. When one fails
 * (out of memory, a panic), Go's runtime writes its crash report (`fatal error: …` and every
 * goroutine's stack) straight to the process's stderr through `globalThis.fs.writeSync`, calls
 * its `exit` (which prints `exit code: 2`) and leaves the call it was in unanswered. The guard
 * keeps that text off the terminal and turns the runtime's end into an HclRuntimeError: one
 * line in the product's words, for every call waiting on a runtime.
 *
 * The worker threads of the pool (pool.ts) run the same guard, written there as the worker's source.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { TerraformInputError } from '../errors.js';

export type HclTool = 'parser' | 'formatter';

/** The reason a runtime's report gives, in the product's words. */
export function runtimeFailure(report: string): string {
    return /out of memory/i.test(report) ? 'ran out of memory' : 'stopped on an internal error';
}

/** HashiCorp's parser or formatter stopped on `what` (a file); nothing it was doing can be trusted. */
export class HclRuntimeError extends TerraformInputError {
    constructor(tool: HclTool, what: string, report: string) {
        super(`${what}: HashiCorp's HCL ${tool} (WebAssembly) ${runtimeFailure(report)}`);
    }
}

/** The tool cannot start at all: its package or its WebAssembly file is not where the installation put it. */
export class HclLoadError extends HclRuntimeError {
    constructor(tool: HclTool, why: string) {
        super(tool, '', '');
        this.message = `HashiCorp's HCL ${tool} cannot be loaded: ${why}; reinstall vpc-lab (npm install)`;
    }
}

const PACKAGES: Record<HclTool, 'hcl2json' | 'hcl-tools'> = { parser: 'hcl2json', formatter: 'hcl-tools' };

/**
 * Why the tool cannot start, or undefined when its WebAssembly is there: in its package
 * (`main.wasm.gz`), or beside a bundle that carries the package inside it (`hcl2json.wasm.gz`,
 * see scripts/hcl-wasm.mjs).
 */
function missing(tool: HclTool): string | undefined {
    const name = PACKAGES[tool];
    const files: string[] = [];
    try {
        files.push(join(dirname(dirname(createRequire(import.meta.url).resolve(`@cdktn/${name}`))), 'main.wasm.gz'));
    } catch {
        // Not resolvable from here: a bundle that holds the package, or no package.
    }
    if (typeof __dirname === 'string') files.push(join(__dirname, `${name}.wasm.gz`));
    if (files.some(file => fs.existsSync(file))) return undefined;
    return files.length === 0 ? `the package @cdktn/${name} is not installed` : 'its WebAssembly file is missing';
}

const loaded = new Map<HclTool, Promise<unknown>>();

/**
 * The tool's package, imported once its WebAssembly file is known to be there. The package starts
 * its runtime as it loads; without the file that start fails outside any call (an unhandled
 * rejection, Node's crash text) and every call waits forever, so a missing file is found first.
 */
export function loadHclPackage<T>(tool: HclTool, load: () => Promise<T>): Promise<T> {
    let module = loaded.get(tool) as Promise<T> | undefined;
    if (!module) {
        module = (async () => {
            const why = missing(tool);
            if (why) throw new HclLoadError(tool, why);
            try {
                return await load();
            } catch {
                throw new HclLoadError(tool, `the package @cdktn/${PACKAGES[tool]} is not installed`);
            }
        })();
        loaded.set(tool, module);
    }
    return module;
}

/** An error the WebAssembly runtime itself threw (a trap, a call into a runtime that has ended), not the tool's answer. */
export function isRuntimeFault(error: unknown): boolean {
    return error instanceof WebAssembly.RuntimeError || (error instanceof Error && /Go program has already exited/.test(error.message));
}

type GoClass = new () => { exit: (code: number) => void };

let installed = false;
/** What the runtimes wrote to stdout and stderr (only a failing one writes). */
let report = '';
/** Set once a runtime has ended: its report. */
let ended: string | undefined;
const waiting = new Set<() => void>();

function capture(buffer: ArrayBufferView): number {
    report += new TextDecoder().decode(buffer);
    return buffer.byteLength;
}

/**
 * Installed before either package loads. The packages assign `globalThis.fs = require('fs')` and
 * `globalThis.Go = class …`; the accessors keep the guarded `fs` and wrap each `Go` so that its
 * `exit` ends the waiting calls instead of printing.
 */
function install(): void {
    if (installed) return;
    installed = true;
    const guarded: typeof fs = Object.assign(Object.create(fs) as typeof fs, {
        writeSync: (fd: number, buffer: ArrayBufferView, ...rest: unknown[]): number =>
            fd === 1 || fd === 2 ? capture(buffer) : (fs.writeSync as (...a: unknown[]) => number)(fd, buffer, ...rest),
        write: (fd: number, buffer: Uint8Array, ...rest: unknown[]): void => {
            if (fd !== 1 && fd !== 2) return (fs.write as (...a: unknown[]) => void)(fd, buffer, ...rest);
            const [offset, length, , callback] = rest as [number, number, unknown, (e: Error | null, n: number) => void];
            callback(null, capture(buffer.subarray(offset, offset + length)));
        }
    });
    Object.defineProperty(globalThis, 'fs', { configurable: true, get: () => guarded, set: () => undefined });
    let Go: GoClass | undefined;
    const wrap = (Real: GoClass): GoClass =>
        class extends Real {
            constructor() {
                super();
                this.exit = () => end();
            }
        };
    const existing = (globalThis as { Go?: GoClass }).Go;
    if (existing) Go = wrap(existing);
    Object.defineProperty(globalThis, 'Go', {
        configurable: true,
        get: () => Go,
        set: (Real: GoClass) => {
            Go = wrap(Real);
        }
    });
}

function end(): void {
    ended = report || 'the runtime exited';
    for (const fail of [...waiting]) fail();
}

/**
 * Runs a call into HashiCorp's parser or formatter on this thread: its answer, its own error (a
 * syntax error) as it is, and an HclRuntimeError when the runtime fails or has failed before.
 */
export function guarded<T>(tool: HclTool, what: string, call: () => Promise<T>): Promise<T> {
    install();
    if (ended !== undefined) return Promise.reject(new HclRuntimeError(tool, what, ended));
    return new Promise<T>((resolve, reject) => {
        const fail = () => {
            waiting.delete(fail);
            reject(new HclRuntimeError(tool, what, ended ?? ''));
        };
        waiting.add(fail);
        Promise.resolve()
            .then(call)
            .then(
                value => {
                    waiting.delete(fail);
                    resolve(value);
                },
                (error: unknown) => {
                    waiting.delete(fail);
                    reject(isRuntimeFault(error) ? new HclRuntimeError(tool, what, String(error)) : error);
                }
            );
    });
}

/**
 * The exported files laid out by HashiCorp's formatter (`terraform fmt`, compiled to
 * WebAssembly). Its time grows faster than the text (a 22 MB file exhausted its 4 GB), so each
 * file is formatted in pieces of whole top-level blocks, which it lays out alike whether alone or
 * together; with enough text the pieces go to worker threads as well as this one.
 */
import { loadHclPackage } from '../wasm/guard.js';
import { FORMATTER, WasmPool } from '../wasm/pool.js';
import { hclChunks, type Block } from './hcl.js';

/** About the size of the pieces a file is formatted in (a block is never cut). */
export const CHUNK_CHARS = 32 * 1024;
/** Below this much text in all, worker threads cost more to start than they save. */
export const FORMAT_POOL_MIN_CHARS = 1024 * 1024;

export interface FileToFormat {
    /** What a message names: `FOLDER/FILE.tf`. */
    path: string;
    blocks: Block[];
    /** Comment lines at the top. */
    header: string[];
}

async function formatHere(text?: string): Promise<unknown> {
    // Loaded on first use: no other command pays for the WebAssembly.
    const { format } = await loadHclPackage('formatter', () => import('@cdktn/hcl-tools'));
    return format(text!);
}

/** The files' texts, in order; an HclRuntimeError when the formatter fails. */
export async function formatFiles(files: FileToFormat[], workers?: number, chunkChars = CHUNK_CHARS): Promise<string[]> {
    const pieces = files.map(f => hclChunks(f.blocks, f.header, chunkChars));
    const size = pieces.reduce((n, p) => p.reduce((m, c) => m + c.length, n), 0);
    const pool = new WasmPool(FORMATTER, formatHere, size >= FORMAT_POOL_MIN_CHARS ? workers : 0);
    try {
        return await Promise.all(
            pieces.map(async (chunks, i) => (await Promise.all(chunks.map(c => pool.run(files[i]!.path, [c])))).join('\n'))
        );
    } finally {
        pool.close();
    }
}

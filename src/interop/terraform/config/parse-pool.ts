/** HashiCorp's parser on every core, for modules with enough .tf text (see ../wasm/pool.ts). */
import { PARSER, WasmPool } from '../wasm/pool.js';

/** Below this much .tf text a worker's start costs more than it saves. */
export const POOL_MIN_BYTES = 2 * 1024 * 1024;

export class ParsePool extends WasmPool {
    constructor(parseHere: (file: string, text: string) => Promise<unknown>, workers?: number) {
        super(PARSER, (file, text) => parseHere(file!, text!), workers);
    }

    parse(file: string, text: string): Promise<unknown> {
        return this.run(file, [file, text]);
    }
}

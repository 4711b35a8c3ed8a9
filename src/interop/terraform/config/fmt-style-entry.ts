/**
 * The program of a thread reading .tf files in the plain style, bundled on its own
 * (scripts/tf-reader.mjs) and carried inside the bundles that use it as text, so a thread starts
 * wherever they run.
 */
import { parentPort } from 'node:worker_threads';
import { readFmtStyle } from './fmt-style.js';
import type { PlainJob, PlainReply } from './fmt-style-threads.js';

parentPort?.on('message', ({ index, text }: PlainJob) => {
    const parts = readFmtStyle(text)?.parts();
    const reply: PlainReply = parts ? { index, parts } : { index };
    parentPort!.postMessage(reply);
});

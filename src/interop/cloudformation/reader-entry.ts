/**
 * The program of a template-reading thread, bundled on its own (scripts/cfn-reader.mjs) and
 * carried inside the bundles that use it as text, so a thread starts wherever they run.
 */
import { parentPort } from 'node:worker_threads';
import { readForThread, type ReadJob } from './reader-thread.js';

parentPort?.on('message', (job: ReadJob) => parentPort!.postMessage(readForThread(job)));

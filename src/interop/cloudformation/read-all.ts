/**
 * The templates of an import read into values. Templates in the export's own style are read on
 * this thread at once (block-yaml.ts: over 20 MB, threads would save less than their answers
 * cost to rebuild here, and cost more on a busy machine). Other YAML takes js-yaml several times
 * as long, and each template is read alone, so when there is enough of it to pay for starting
 * threads (several MB) it is read on up to one thread per further core while this thread reads too. The
 * threads' program travels inside the bundle as text (scripts/cfn-reader.mjs); where there is
 * none (the sources run as they are) or a thread cannot start, this thread reads everything.
 * Whatever a thread refuses or loses is read here, by `parseTemplate`'s own paths, in template
 * order: the templates and the first error are the same however the work was shared.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { readBlockTemplate } from './block-yaml.js';
import { jsYamlTemplate } from './fast-yaml.js';
import type { ReadJob, ReadReply } from './reader-thread.js';
import { MAX_TEMPLATE_BYTES, parseTemplate, quickTemplate, yamlTemplate, yamlWithin, type Template } from './template.js';

declare const VPC_LAB_CFN_READER: string | undefined;

/** How templates may be shared among threads; each defaults to what the product does. */
export interface ReadThreads {
    /** Threads besides this one (default: one per further core, at most 7). */
    count?: number;
    /** The YAML (characters) below which this thread reads alone. */
    minChars?: number;
    /** The threads' program (default: the one the bundle carries). */
    source?: string;
}

/**
 * Below this much YAML, threads save too little: each one's start (loading its program) took
 * 50–90 ms of a core here, and the JSON both ways adds about a tenth of the reading, while 4 MB
 * is a reading of about a third of a second on one core.
 */
export const MIN_CHARS_FOR_THREADS = 4 * 2 ** 20;

const REFUSED = Symbol('refused');
type Read = { body: unknown; lines: Map<string, number>; cycle?: string | null } | typeof REFUSED;

export async function parseTemplates(
    texts: ReadonlyArray<{ file: string; text: string }>,
    maxBytes = MAX_TEMPLATE_BYTES,
    threads: ReadThreads = {}
): Promise<Template[]> {
    const source = threads.source ?? (typeof VPC_LAB_CFN_READER === 'string' ? VPC_LAB_CFN_READER : undefined);
    const shareable: number[] = [];
    let chars = 0;
    const here: Array<Read | undefined> = new Array(texts.length);
    for (let i = 0; i < texts.length; i++) {
        if (!yamlWithin(texts[i]!.text, maxBytes)) continue;
        // The export's own style is read here straight away: its reader is quicker than a thread's answer could come back.
        const block = readBlockTemplate(texts[i]!.text);
        if (block) {
            here[i] = block;
            continue;
        }
        shareable.push(i);
        chars += texts[i]!.text.length;
    }
    const count = Math.min(threads.count ?? Math.min(availableParallelism(), 8) - 1, shareable.length - 1);
    const read =
        source !== undefined && count > 0 && chars >= (threads.minChars ?? MIN_CHARS_FOR_THREADS)
            ? await readShared(texts, shareable, count, source)
            : [];
    for (let i = 0; i < texts.length; i++) if (here[i]) read[i] = here[i];
    return texts.map((t, i) => {
        const done = read[i];
        if (done === undefined) return parseTemplate(t.file, t.text, maxBytes);
        // Refused by the quick path: what parseTemplate would do next.
        if (done === REFUSED) return yamlTemplate(t.file, t.text);
        return quickTemplate(t.file, done.body, done.lines, done.cycle);
    });
}

function linesOf(flat: Array<string | number>): Map<string, number> {
    const lines = new Map<string, number>();
    for (let i = 0; i < flat.length; i += 2) lines.set(flat[i] as string, flat[i + 1] as number);
    return lines;
}

/** The quick reading of the templates `shareable` names, by this thread and `count` others; a template a thread lost is left undefined. */
function readShared(
    texts: ReadonlyArray<{ file: string; text: string }>,
    shareable: readonly number[],
    count: number,
    source: string
): Promise<Array<Read | undefined>> {
    return new Promise(resolve => {
        const results: Array<Read | undefined> = new Array(texts.length);
        const inFlight = new Map<Worker, number[]>();
        let next = 0;
        let outstanding = 0;
        let hereDone = false;
        let resolved = false;
        const finish = () => {
            if (resolved || !hereDone || outstanding > 0) return;
            resolved = true;
            for (const thread of inFlight.keys()) void thread.terminate();
            resolve(results);
        };
        const feed = (thread: Worker) => {
            if (next >= shareable.length) return;
            const index = shareable[next++]!;
            inFlight.get(thread)!.push(index);
            outstanding++;
            thread.postMessage({ index, file: texts[index]!.file, text: texts[index]!.text } satisfies ReadJob);
        };
        // A thread that fails or exits gives up its jobs: this thread reads them at the end.
        const lost = (thread: Worker) => {
            const jobs = inFlight.get(thread);
            if (!jobs) return;
            inFlight.delete(thread);
            outstanding -= jobs.length;
            void thread.terminate();
            finish();
        };
        for (let t = 0; t < count; t++) {
            let thread: Worker;
            try {
                thread = new Worker(source, { eval: true });
            } catch {
                break;
            }
            inFlight.set(thread, []);
            thread.on('message', (reply: ReadReply) => {
                const jobs = inFlight.get(thread);
                if (!jobs) return;
                jobs.splice(jobs.indexOf(reply.index), 1);
                outstanding--;
                feed(thread);
                results[reply.index] =
                    'refused' in reply ? REFUSED : { body: JSON.parse(reply.json), lines: linesOf(reply.lines), cycle: reply.cycle };
                finish();
            });
            thread.on('error', () => lost(thread));
            thread.on('exit', () => lost(thread));
            // Two jobs each, so that a thread has its next while its answer waits for this one.
            feed(thread);
            feed(thread);
        }
        const readHere = () => {
            if (next >= shareable.length) {
                hereDone = true;
                finish();
                return;
            }
            const index = shareable[next++]!;
            results[index] = jsYamlTemplate(texts[index]!.text) ?? REFUSED;
            // Between templates, the threads' answers are taken and their next jobs sent.
            setImmediate(readHere);
        };
        readHere();
    });
}

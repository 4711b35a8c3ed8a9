/**
 * What a template-reading thread does (see read-all.ts; reader-entry.ts is its program): js-yaml's path of fast-yaml.ts on
 * each template it is sent, answered as JSON text, which the main thread rebuilds faster than
 * any other form a thread can send (a structured clone of the values costs several times more).
 * A template the quick path refuses, or whose values JSON cannot carry exactly, is answered with
 * nothing: the main thread reads it itself, by the path that names the problem's position.
 */
import { cycleIn } from './cycles.js';
import { jsYamlTemplate } from './fast-yaml.js';

/** What the main thread sends: a template, and its place in the list. */
export interface ReadJob {
    index: number;
    file: string;
    text: string;
}

/**
 * The answer: the template's values as JSON, its resource lines (logical ID, line, …) and its first
 * reference cycle (checked here too: it looks at every value once more), or `refused`.
 */
export type ReadReply =
    { index: number; json: string; lines: Array<string | number>; cycle: string | null } | { index: number; refused: true };

/** Values JSON gives back the same: no infinities, NaN or negative zero (YAML's `.inf`, `.nan`, `-0.0`). */
function jsonSafe(value: unknown): boolean {
    if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
    if (typeof value !== 'object' || value === null) return true;
    if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!jsonSafe(value[i])) return false;
        return true;
    }
    for (const key in value) if (!jsonSafe((value as Record<string, unknown>)[key])) return false;
    return true;
}

export function readForThread(job: ReadJob): ReadReply {
    // The export's style was tried on the main thread (read-all.ts): what comes here is read by js-yaml.
    const quick = jsYamlTemplate(job.text);
    if (!quick || !jsonSafe(quick.body)) return { index: job.index, refused: true };
    const lines: Array<string | number> = [];
    for (const [id, line] of quick.lines) lines.push(id, line);
    const resources = (quick.body as { Resources: Record<string, unknown> }).Resources;
    const cycle = cycleIn(job.file, resources, quick.lines) ?? null;
    return { index: job.index, json: JSON.stringify(quick.body), lines, cycle };
}

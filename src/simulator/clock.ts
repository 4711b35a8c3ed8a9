/** The simulated clock: when the first probe starts, for flow-log records. */
import { DEFAULT_START } from './flow-logs.js';

export { DEFAULT_START };

/**
 * The instant a user gave (`--start`, the `vpc.simulation.startTime` setting, a request's
 * `startTime`), or the fixed default when none is given, so that runs repeat.
 * An unreadable instant comes back as the sentence that says why.
 */
export function parseStartTime(text: string | undefined): { ms: number } | { error: string } {
    if (text === undefined || text.trim() === '') return { ms: DEFAULT_START };
    const ms = Date.parse(text);
    if (Number.isNaN(ms)) return { error: `'${text}' is not an ISO-8601 instant such as 2026-01-01T09:30:00Z` };
    return { ms };
}

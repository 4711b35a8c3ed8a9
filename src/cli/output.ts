/** Exit codes and writing that waits for the pipe, so large output is never cut off by exit. */
import { parseStartTime } from '../simulator/clock.js';
import { colorsFor } from './text-report.js';

export const ExitCode = { Ok: 0, Errors: 1, Usage: 2 } as const;

export function writeOut(text: string): Promise<void> {
    return new Promise(resolve => {
        if (process.stdout.write(text)) resolve();
        else process.stdout.once('drain', () => resolve());
    });
}

/** One line per path that could not be read. */
export function reportLoadErrors(errors: readonly string[]): void {
    const c = colorsFor(process.stderr);
    for (const error of errors) process.stderr.write(`${c.red('vpc-lab:')} ${error}\n`);
}

/** `--start`: the simulated clock of the first probe, or undefined (after saying why on stderr) when it is not an instant. */
export function startOption(start: string | undefined): number | undefined {
    const parsed = parseStartTime(start);
    if ('ms' in parsed) return parsed.ms;
    process.stderr.write(`vpc-lab: --start: ${parsed.error}\n`);
    return undefined;
}

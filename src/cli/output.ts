/** Exit codes and writing that waits for the pipe, so large output is never cut off by exit. */
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

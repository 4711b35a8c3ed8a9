/**
 * `vpc-lab diff BEFORE AFTER`, `vpc-lab diff --before P... --after P...`, `vpc-lab diff --git REV [PATH...]`:
 * what a change opens, closes or rejects for another reason, and why.
 */
import { diffTopologies, hasChange } from '../simulator/diff.js';
import { readGitSides } from './diff-git.js';
import { readTerraformPlanSides } from './diff-imported.js';
import { buildReport } from './diff-report.js';
import { diffToSarif } from './diff-sarif.js';
import { readSide, resolveSides, type SideSource } from './diff-sides.js';
import { formatDiffMarkdown, formatDiffText } from './diff-text.js';
import { ExitCode, reportLoadErrors, writeOut } from './output.js';
import { colorsFor } from './text-report.js';
import { UsageError } from './workspace.js';

export type DiffFormat = 'text' | 'json' | 'markdown' | 'sarif';

export interface DiffCliOptions {
    before?: string[];
    after?: string[];
    git?: string;
    format: DiffFormat;
    failOn?: 'opened' | 'closed' | 'any';
}

function usage(message: string): number {
    process.stderr.write(`vpc-lab: ${message}\n`);
    return ExitCode.Usage;
}

/** The two sides as read, not yet built, or what is wrong with the command line. */
async function sources(
    paths: string[],
    options: DiffCliOptions
): Promise<{ before: SideSource; after: SideSource; settingsFrom: string } | string> {
    if (options.git !== undefined) {
        if (options.before || options.after) return '--git compares the working tree with a revision; it takes no --before or --after';
        const { before, after } = await readGitSides(options.git, paths);
        return { before: { kind: 'vpc', files: before }, after: { kind: 'vpc', files: after }, settingsFrom: paths[0] ?? '.' };
    }
    if (options.before || options.after) {
        if (!options.before || !options.after) return 'give both --before PATH... and --after PATH...';
        if (paths.length > 0) return `with --before and --after, '${paths[0]}' has no side`;
        return { before: await readSide(options.before), after: await readSide(options.after), settingsFrom: options.after[0]! };
    }
    if (paths.length === 1) {
        const plan = readTerraformPlanSides(paths[0]!);
        return typeof plan === 'string' ? plan : { ...plan, settingsFrom: paths[0]! };
    }
    if (paths.length !== 2)
        return 'diff takes two sides: BEFORE AFTER (.vpc files or folders, describe-* folders or CloudFormation templates), --before PATH... --after PATH..., --git REV [PATH...], or one Terraform plan';
    return { before: await readSide([paths[0]!]), after: await readSide([paths[1]!]), settingsFrom: paths[1]! };
}

function errorsOf(source: SideSource): string[] {
    return source.kind === 'vpc' ? source.files.errors : source.side.errors;
}

export async function diffCommand(paths: string[], options: DiffCliOptions, version: string): Promise<number> {
    let read;
    try {
        read = await sources(paths, options);
    } catch (error) {
        if (error instanceof UsageError) return usage(error.message);
        throw error;
    }
    if (typeof read === 'string') return usage(read);
    const unreadable = [...errorsOf(read.before), ...errorsOf(read.after)];
    if (unreadable.length > 0) {
        reportLoadErrors(unreadable);
        return ExitCode.Usage;
    }
    const { before, after } = await resolveSides(read.before, read.after, read.settingsFrom);
    const problems = [...before.errors, ...after.errors];
    if (problems.length > 0) {
        reportLoadErrors(problems);
        return ExitCode.Usage;
    }
    // Handed over uncompiled: the diff compiles the BEFORE side only when more than rules and routes changed.
    const diff = diffTopologies(before.topology, after.topology, { compiled: { before: before.compiled, after: after.compiled } });
    const report = buildReport(diff, before, after);
    if (options.format === 'json') await writeOut(JSON.stringify(report, null, 2) + '\n');
    else if (options.format === 'markdown') await writeOut(formatDiffMarkdown(report) + '\n');
    else if (options.format === 'sarif') await writeOut(JSON.stringify(diffToSarif(report, version), null, 2) + '\n');
    else await writeOut(formatDiffText(report, colorsFor(process.stdout)) + '\n');
    for (const side of [before, after]) {
        const n = side.diagnostics.filter(d => d.severity === 'error').length;
        if (n > 0)
            process.stderr.write(
                `vpc-lab: ${side.label} has ${n} error${n === 1 ? '' : 's'}; its verdicts may be incomplete (run vpc-lab check for details)\n`
            );
    }
    return options.failOn && hasChange(diff, options.failOn) ? ExitCode.Errors : ExitCode.Ok;
}

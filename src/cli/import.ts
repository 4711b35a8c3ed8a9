/**
 * `vpc-lab import aws DIR` and `vpc-lab import cloudformation TEMPLATE...`: read, convert, print
 * one `.vpc` file per VPC plus `workspace.vpc`, write them into OUT (never over a file), and list
 * what was left out or stood in. Exit 0 all imported, 1 something left out, 2 unreadable input or
 * a file in the way (then nothing is written).
 */
import { resolve } from 'node:path';
import { printCommands } from '../interop/aws/index.js';
import { ImportError, writeImportFiles } from '../interop/common/index.js';
import {
    ImportInputError,
    prepareImport,
    printImportFiles,
    type FilePrinter,
    type ImportKind,
    type ImportOptions
} from '../interop/run-import.js';
import { describeFsError } from '../io/errors.js';
import { ExitCode, writeOut } from './output.js';
import { displayPath } from './workspace.js';

export type { FilePrinter } from '../interop/run-import.js';

/** The printer's files; what the text cannot say about the model is listed as left out first. */
export const printImport: FilePrinter = printImportFiles;

export interface ImportAwsCliOptions {
    output?: string;
    region?: string;
    printCommands?: boolean;
}
export interface ImportCloudFormationCliOptions {
    output?: string;
    region?: string;
    account?: string;
    parameter?: string[];
}

function fail(message: string): number {
    process.stderr.write(`vpc-lab: ${message}\n`);
    return ExitCode.Usage;
}

/** One import from the command line: read, write into `output` (never over a file), the notes on stderr, the summary on stdout. */
export async function runImport(kind: ImportKind, inputs: string[], options: ImportOptions, output: string | undefined): Promise<number> {
    let result;
    try {
        result = await prepareImport(kind, inputs, options);
    } catch (error) {
        if (error instanceof ImportInputError) return fail(error.message);
        throw error;
    }
    const out = resolve(output ?? '.');
    try {
        await writeImportFiles(out, result.files);
    } catch (error) {
        return fail(error instanceof ImportError ? error.message : `cannot write into '${displayPath(out)}': ${describeFsError(error)}`);
    }
    for (const note of result.notes) process.stderr.write(`${note.text}\n`);
    await writeOut(`${result.summary(displayPath(out))}\n`);
    return result.leftOut ? ExitCode.Errors : ExitCode.Ok;
}

export async function importAwsCommand(folder: string | undefined, options: ImportAwsCliOptions, print: FilePrinter): Promise<number> {
    if (options.printCommands) {
        await writeOut(printCommands(options.region));
        return ExitCode.Ok;
    }
    if (!folder) return fail('import aws: give the folder of describe-* JSON files (or --print-commands to see how to make one)');
    return runImport('aws', [folder], { region: options.region, print }, options.output);
}

/** `KEY=VALUE` pairs as a map; the first malformed one is said. */
function parsePairs(pairs: readonly string[], option: string): Map<string, string> | string {
    const parameters = new Map<string, string>();
    for (const pair of pairs) {
        const eq = pair.indexOf('=');
        if (eq <= 0) return `${option} ${pair}: write KEY=VALUE`;
        parameters.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return parameters;
}

export async function importCloudFormationCommand(
    templates: string[],
    options: ImportCloudFormationCliOptions,
    print: FilePrinter
): Promise<number> {
    const parameters = parsePairs(options.parameter ?? [], '--parameter');
    if (typeof parameters === 'string') return fail(parameters);
    return runImport('cloudformation', templates, { parameters, account: options.account, region: options.region, print }, options.output);
}

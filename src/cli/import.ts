/**
 * `vpc-lab import aws DIR` and `vpc-lab import cloudformation TEMPLATE...`: read, convert, print
 * one `.vpc` file per VPC plus `workspace.vpc`, write them into OUT (never over a file), and list
 * what was left out or stood in. Exit 0 all imported, 1 something left out, 2 unreadable input or
 * a file in the way (then nothing is written).
 */
import { resolve } from 'node:path';
import { importAws, printCommands } from '../interop/aws/index.js';
import { importCloudFormation } from '../interop/cloudformation/index.js';
import { ImportError, importExitCode, writeImportFiles, type ImportResult, type OutputFile } from '../interop/common/index.js';
import type { Topology } from '../model/topology.js';
import { printFiles, printProblems } from '../printer/index.js';
import { ExitCode, writeOut } from './output.js';
import { displayPath } from './workspace.js';

/** The printer's `printFiles`: one text per VPC and `workspace.vpc`, comments above elements, a header on top. */
export type FilePrinter = (
    topology: Topology,
    options: { comments: ReadonlyMap<string, readonly string[]>; header: readonly string[] }
) => OutputFile[];

/** The printer's files; what the text cannot say about the model is listed as left out first. */
export const printImport: FilePrinter = (topology, options) => printFiles(topology, options);

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

async function run(load: () => Promise<ImportResult>, output: string | undefined, title: string, print: FilePrinter): Promise<number> {
    let result: ImportResult;
    try {
        result = await load();
    } catch (error) {
        if (error instanceof ImportError) return fail(error.message);
        throw error;
    }
    for (const problem of printProblems(result.topology))
        result.report.leftOut({ file: 'output' }, problem.message, 'the .vpc text cannot say it');
    const out = resolve(output ?? '.');
    const files = print(result.topology, { comments: result.comments, header: result.report.header(title) });
    try {
        await writeImportFiles(out, files);
    } catch (error) {
        return fail(error instanceof ImportError ? error.message : `cannot write into '${displayPath(out)}': ${(error as Error).message}`);
    }
    for (const line of result.report.lines()) process.stderr.write(`${line}\n`);
    const t = result.topology;
    await writeOut(
        `Imported ${t.vpcs.length} VPC${t.vpcs.length === 1 ? '' : 's'}, ${t.subnets.length} subnets, ${t.instances.length} instances into ${displayPath(out)}: ${files.map(f => f.name).join(', ')}\n`
    );
    return importExitCode(result.report);
}

export async function importAwsCommand(folder: string | undefined, options: ImportAwsCliOptions, print: FilePrinter): Promise<number> {
    if (options.printCommands) {
        await writeOut(printCommands(options.region));
        return ExitCode.Ok;
    }
    if (!folder) return fail('import aws: give the folder of describe-* JSON files (or --print-commands to see how to make one)');
    return run(() => importAws(folder, { region: options.region }), options.output, `Imported by vpc-lab import aws from ${folder}`, print);
}

export async function importCloudFormationCommand(
    templates: string[],
    options: ImportCloudFormationCliOptions,
    print: FilePrinter
): Promise<number> {
    const parameters = new Map<string, string>();
    for (const pair of options.parameter ?? []) {
        const eq = pair.indexOf('=');
        if (eq <= 0) return fail(`--parameter ${pair}: write KEY=VALUE`);
        parameters.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    if (options.account !== undefined && !/^\d{12}$/.test(options.account))
        return fail(`--account ${options.account}: an AWS account id is 12 digits`);
    return run(
        () => importCloudFormation(templates, { parameters, account: options.account, region: options.region }),
        options.output,
        `Imported by vpc-lab import cloudformation from ${templates.join(', ')}`,
        print
    );
}

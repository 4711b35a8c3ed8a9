/**
 * One import, whatever the source: read, convert, print the `.vpc` files, and the notes on what
 * was left out or stood in. The command line and the language server both call it, then write
 * the files with `writeImportFiles` (all or nothing, never over a file).
 */
import { resolve } from 'node:path';
import { importAws } from './aws/index.js';
import { importCloudFormation } from './cloudformation/index.js';
import { ImportError, type OutputFile } from './common/index.js';
import type { Topology } from '../model/topology.js';
import { printFilesChecked, type PrintProblem } from '../printer/index.js';
import { importTerraform, MissingVariableError, TerraformInputError } from './terraform/index.js';

export type ImportKind = 'aws' | 'cloudformation' | 'terraform';

export interface ImportOptions {
    region?: string;
    /** CloudFormation only: a 12-digit account id. */
    account?: string;
    /** CloudFormation parameters, `NAME` → value. */
    parameters?: ReadonlyMap<string, string>;
    /** Terraform: `NAME=VALUE` pairs and variable files, as `--var` and `--var-file` take them. */
    vars?: readonly string[];
    varFiles?: readonly string[];
    env?: Record<string, string | undefined>;
    /** The folder the inputs are relative to, and named from in the notes and comments; the working directory by default. */
    base?: string;
    /** The printer of AWS CLI and CloudFormation imports (the project's own unless a test gives another). */
    print?: FilePrinter;
}

/**
 * One text per VPC and `workspace.vpc`, comments above elements, a header on top. The header is
 * asked for once what the text cannot say is known (those problems are notes of the import too).
 */
export type FilePrinter = (
    topology: Topology,
    options: { comments: ReadonlyMap<string, readonly string[]>; header: (problems: readonly PrintProblem[]) => readonly string[] }
) => OutputFile[];

/** The project's printer: files and problems in one pass over the topology. */
export const printImportFiles: FilePrinter = (topology, options) => printFilesChecked(topology, options).files;

export interface ImportLine {
    kind: 'left out' | 'stand-in' | 'unknown';
    /** `SOURCE: left out: WHAT (why)`, as the command line prints it. */
    text: string;
}

export interface PreparedImport {
    topology: Topology;
    files: OutputFile[];
    notes: ImportLine[];
    /** Something could not be said in the language: exit 1 on the command line. */
    leftOut: boolean;
    /** The line that says what was imported into `folder` (as shown to the user), or that nothing was. */
    summary(folder: string): string;
}

function summarize(topology: Topology, files: readonly OutputFile[]): (folder: string) => string {
    return folder => {
        if (files.length === 0) return `Nothing imported into ${folder}: nothing in the input is a resource the language has`;
        const { vpcs, subnets, instances } = topology;
        const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
        return `Imported ${count(vpcs.length, 'VPC')}, ${count(subnets.length, 'subnet')}, ${count(instances.length, 'instance')} into ${folder}: ${files.map(f => f.name).join(', ')}`;
    };
}

/** Thrown with one line in the product's words when the input cannot be read at all. */
export class ImportInputError extends Error {
    /** Set when the reason is a Terraform root variable without a value or default: it can be asked for. */
    readonly variable?: string;
    constructor(message: string, variable?: string) {
        super(message);
        if (variable !== undefined) this.variable = variable;
    }
}

const at = (base: string | undefined, path: string): string => (base === undefined ? path : resolve(base, path));

/** The title of the comment block on top of each written file, as the command line names the import. */
function title(kind: ImportKind, inputs: readonly string[]): string {
    return `Imported by vpc-lab import ${kind} from ${inputs.join(', ')}`;
}

/** Reads and prints; throws ImportInputError (nothing to write) when the input cannot be read. */
export async function prepareImport(kind: ImportKind, inputs: readonly string[], options: ImportOptions = {}): Promise<PreparedImport> {
    try {
        if (kind === 'terraform') {
            if (inputs.length === 0)
                throw new ImportInputError('import terraform: give the configuration folders, or one plan or state file');
            const result = await importTerraform(
                inputs.map(i => at(options.base, i)),
                {
                    ...(options.base ? { cwd: options.base } : {}),
                    ...(options.region ? { region: options.region } : {}),
                    vars: [...(options.vars ?? [])],
                    varFiles: [...(options.varFiles ?? [])],
                    env: options.env ?? {}
                }
            );
            const notes = result.notes.map((n): ImportLine => {
                const kind = n.kind === 'left-out' ? 'left out' : n.kind;
                return { kind, text: `${n.source}: ${kind}: ${n.what} (${n.why})` };
            });
            return {
                topology: result.topology,
                files: result.files,
                notes,
                leftOut: notes.some(n => n.kind === 'left out'),
                summary: summarize(result.topology, result.files)
            };
        }
        if (kind === 'aws' && inputs.length !== 1) throw new ImportInputError('import aws: give one folder of describe-* JSON files');
        if (kind === 'cloudformation' && inputs.length === 0) throw new ImportInputError('import cloudformation: give a template');
        if (options.account !== undefined && !/^\d{12}$/.test(options.account))
            throw new ImportInputError(`--account ${options.account}: an AWS account id is 12 digits`);
        const result =
            kind === 'aws'
                ? await importAws(at(options.base, inputs[0]!), { region: options.region })
                : await importCloudFormation(inputs, {
                      parameters: options.parameters,
                      account: options.account,
                      region: options.region,
                      base: options.base
                  });
        const print = options.print ?? printImportFiles;
        const files = print(result.topology, {
            comments: result.comments,
            header: problems => {
                for (const problem of problems) result.report.leftOut({ file: 'output' }, problem.message, 'the .vpc text cannot say it');
                return result.report.header(title(kind, inputs));
            }
        });
        // The lines made once: made again per note, thousands of notes would cost millions of strings.
        const lines = result.report.lines();
        const notes = result.report.notes.map((n, i) => ({ kind: n.kind, text: lines[i]! }));
        return { topology: result.topology, files, notes, leftOut: result.report.hasLeftOut, summary: summarize(result.topology, files) };
    } catch (error) {
        if (error instanceof MissingVariableError) throw new ImportInputError(error.message, error.variable);
        if (error instanceof ImportError || error instanceof TerraformInputError) throw new ImportInputError(error.message);
        throw error;
    }
}

/** The `vpc-lab` command line: argument parsing with commander, one module per command. */
import { Command, CommanderError, Option } from 'commander';
import { checkCommand, type CheckFormat } from './check.js';
import { ExitCode } from './output.js';
import { simulateCommand, type SimulateOptions } from './simulate.js';
import { matrixCommand, type MatrixCliOptions } from './matrix.js';
import { athenaCommand } from './athena.js';
import { queryCommand } from './query.js';
import { exportCommand, type ExportCliOptions } from './export.js';
import { previewCommand, type PreviewCliOptions } from './preview.js';
import { importTerraformCommand, type ImportTerraformCliOptions } from './import-terraform.js';
import { formatCommand } from './format.js';
import {
    importAwsCommand,
    importCloudFormationCommand,
    printImport,
    type ImportAwsCliOptions,
    type ImportCloudFormationCliOptions
} from './import.js';
import { diffCommand, type DiffCliOptions } from './diff.js';

declare const VPC_LAB_VERSION: string;
export const version = typeof VPC_LAB_VERSION === 'string' ? VPC_LAB_VERSION : '0.0.0-dev';

/** What the command line cannot reach by itself: the language server, which sits beside it, not below. */
export interface ProgramHosts {
    /** Starts the language server on the transport its own flags name; it runs until its client ends it. */
    startLanguageServer(): Promise<void>;
}

export function createProgram(hosts: ProgramHosts): Command {
    const program = new Command('vpc-lab')
        .description('Design, check and study AWS VPC networks as code.')
        .version(version, '-v, --version')
        .showHelpAfterError('(run vpc-lab --help for usage)')
        .exitOverride();

    program
        .command('check')
        .description('report every diagnostic of the .vpc files and folders given')
        .argument('<paths...>', '.vpc files, or folders searched recursively for them')
        .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
        .action(async (paths: string[], options: { format: CheckFormat }) => {
            program.setOptionValue('exitCode', await checkCommand(paths, options, version));
        });
    program
        .command('simulate')
        .description('carry every probe hop by hop as AWS would, and explain each verdict')
        .argument('<paths...>', '.vpc files, or folders searched recursively for them')
        .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
        .option('-p, --probe <name|line>', 'run one probe: its name, its line, or FILE:LINE')
        .option('--flow-logs <dir>', 'write the flow-log records as AWS delivers them (S3 objects, CloudWatch streams)')
        .option('--start <iso-8601>', 'the simulated clock for flow-log records (default 2026-01-01T00:00:00Z)')
        .action(async (paths: string[], options: SimulateOptions) => {
            program.setOptionValue('exitCode', await simulateCommand(paths, options));
        });
    program
        .command('matrix')
        .description('who can reach whom: every instance to every instance, the internet and each service')
        .argument('<paths...>', '.vpc files, or folders searched recursively for them')
        .addOption(new Option('--protocol <protocol>', 'protocol of the probes').choices(['tcp', 'udp', 'icmp', 'all']).default('tcp'))
        .option('--port <port>', 'destination port (tcp and udp; default 443)')
        .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'csv']).default('text'))
        .action(async (paths: string[], options: MatrixCliOptions) => {
            program.setOptionValue('exitCode', await matrixCommand(paths, options));
        });
    program
        .command('athena')
        .description('print the Athena CREATE EXTERNAL TABLE statement for each S3 flow log')
        .argument('<paths...>', '.vpc files, or folders searched recursively for them')
        .option('--flow-log <name>', 'only this flow log')
        .option('--start <iso-8601>', 'the first day partition projection covers (default 2026-01-01)')
        .action(async (paths: string[], options: { flowLog?: string; start?: string }) => {
            program.setOptionValue('exitCode', await athenaCommand(paths, options));
        });
    program
        .command('query')
        .description('run SQL over flow logs written by simulate --flow-logs DIR (table vpc_flow_logs, as in Athena)')
        .argument('<dir>', 'the folder given to --flow-logs')
        .argument('<sql>', 'the query, e.g. "SELECT srcaddr, sum(bytes) FROM vpc_flow_logs GROUP BY 1"')
        .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'csv']).default('text'))
        .action(async (dir: string, sql: string, options: { format: 'text' | 'json' | 'csv' }) => {
            program.setOptionValue('exitCode', await queryCommand(dir, sql, options));
        });
    program
        .command('preview')
        .description('write the preview page (diagram, probes, matrix, flow logs) as one self-contained HTML file')
        .argument('<paths...>', '.vpc files, or folders searched recursively for them')
        .option('-o, --output <file.html>', 'the page to write')
        .option('--svg <file.svg>', 'the diagram as SVG, drawn by the page in headless Chromium')
        .option('--png <file.png>', 'the diagram as PNG, drawn by the page in headless Chromium')
        .option('--start <iso-8601>', 'the simulated clock for flow-log records (default 2026-01-01T00:00:00Z)')
        .action(async (paths: string[], options: PreviewCliOptions) => {
            program.setOptionValue('exitCode', await previewCommand(paths, options));
        });
    const imports = program
        .command('import')
        .description(
            'read a network from AWS CLI output, CloudFormation templates or Terraform into .vpc files (one per VPC, and workspace.vpc)'
        );
    imports
        .command('terraform')
        .description(
            'read Terraform configuration folders (several root folders, or the folder holding them, as one workspace), or the JSON of terraform show -json (a plan or a state)'
        )
        .argument('<paths...>', 'the configuration folders, or one PLAN.json or STATE.json')
        .option('-o, --output <dir>', 'the folder to write the .vpc files in (default: the current folder)')
        .option('--var <name=value>', 'set a root variable, as terraform -var (repeatable)', (v: string, all: string[] = []) => [...all, v])
        .option(
            '--var-file <file>',
            'read variables from a .tfvars file, as terraform -var-file (repeatable)',
            (v: string, all: string[] = []) => [...all, v]
        )
        .option('--region <region>', 'the AWS region (default us-east-1): availability zones and endpoint services come from it')
        .action(async (paths: string[], options: ImportTerraformCliOptions) => {
            program.setOptionValue('exitCode', await importTerraformCommand(paths, options));
        });
    program
        .command('export')
        .description(
            'write the design as infrastructure code: CloudFormation templates or Terraform root modules, one per account and region'
        )
        .argument('<paths...>', '.vpc files, or folders searched recursively for them')
        .addOption(new Option('-f, --format <format>', 'what to write').choices(['cloudformation', 'terraform']).makeOptionMandatory())
        .requiredOption('-o, --output <folder>', 'the folder to write into (existing files are never overwritten)')
        .action(async (paths: string[], options: ExportCliOptions) => {
            program.setOptionValue('exitCode', await exportCommand(paths, options));
        });
    imports
        .command('aws')
        .description('read aws ec2 describe-* JSON files (any names; one sub-folder per region allowed)')
        .argument('[dir]', 'the folder of describe-* output')
        .option('-o, --output <folder>', 'the folder to write into (existing files are never overwritten)', '.')
        .option('--region <region>', 'the region of files outside a region folder (default: from their availability zones)')
        .option('--print-commands', 'print the AWS CLI commands that make such a folder, and stop')
        .action(async (dir: string | undefined, options: ImportAwsCliOptions) => {
            program.setOptionValue('exitCode', await importAwsCommand(dir, options, printImport));
        });
    imports
        .command('cloudformation')
        .description('read CloudFormation templates (YAML or JSON) as one workspace')
        .argument('<templates...>', 'template files; Fn::ImportValue resolves between them')
        .option('-o, --output <folder>', 'the folder to write into (existing files are never overwritten)', '.')
        .option('--parameter <key=value>', 'a template parameter (repeat for more)', (value: string, previous: string[] = []) => [
            ...previous,
            value
        ])
        .option('--account <id>', 'the account the stacks deploy to (AWS::AccountId)')
        .option('--region <region>', 'the region the stacks deploy to (AWS::Region, Fn::GetAZs; default us-east-1)')
        .action(async (templates: string[], options: ImportCloudFormationCliOptions) => {
            program.setOptionValue('exitCode', await importCloudFormationCommand(templates, options, printImport));
        });
    program
        .command('format')
        .description('lay out .vpc files as the editor formats them, in place (comments stay); --check only lists the files that differ')
        .argument('<paths...>', '.vpc files, or folders searched recursively for them')
        .option('--check', 'write nothing; list the files whose layout differs and exit 1 if any does')
        .action(async (paths: string[], options: { check?: boolean }) => {
            program.setOptionValue('exitCode', await formatCommand(paths, options));
        });
    program
        .command('diff')
        .description(
            'what a change opens, closes or rejects for another reason: probes, flows between instances, the internet and services, and findings'
        )
        .argument(
            '[paths...]',
            'BEFORE AFTER (.vpc files or folders, describe-* folders or CloudFormation templates), or one Terraform plan (its prior state against its planned values); with --git, the paths to compare (default .)'
        )
        .option('--before <paths...>', 'the BEFORE side, several paths (with --after)')
        .option('--after <paths...>', 'the AFTER side, several paths (with --before)')
        .option('--git <rev>', 'compare the working tree with a git revision, read through git (nothing is checked out)')
        .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'markdown', 'sarif']).default('text'))
        .addOption(new Option('--fail-on <change>', 'exit 1 when the diff has such a change').choices(['opened', 'closed', 'any']))
        .action(async (paths: string[], options: DiffCliOptions) => {
            program.setOptionValue('exitCode', await diffCommand(paths, options, version));
        });
    program
        .command('lsp')
        .description('run the language server (for VS Code and any editor that speaks LSP)')
        .option('--stdio', 'talk JSON-RPC over standard input and output')
        .option('--node-ipc', 'talk over Node IPC (when started by a VS Code client)')
        .action(async () => {
            await hosts.startLanguageServer();
            // The server runs until the client shuts it down and exits the process.
            program.setOptionValue('exitCode', await new Promise<number>(() => undefined));
        });
    return program;
}

/** Runs the program; returns the exit code (0 ok, 1 errors found, 2 bad usage or unreadable input). */
export async function runCli(program: Command, argv: readonly string[]): Promise<number> {
    try {
        await program.parseAsync(argv as string[]);
        return (program.getOptionValue('exitCode') as number | undefined) ?? ExitCode.Ok;
    } catch (error) {
        if (error instanceof CommanderError) {
            // --help and --version end with code 0; every parsing mistake is bad usage.
            return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
        }
        process.stderr.write(`vpc-lab: ${error instanceof Error ? error.message : String(error)}\n`);
        return ExitCode.Usage;
    }
}

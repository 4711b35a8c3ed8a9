/** `vpc-lab athena PATH... [--flow-log NAME]`: the Athena table for each S3 flow log, ready to paste. */
import { athenaTable } from '../simulator/flow-log-layout.js';
import { DEFAULT_START } from '../simulator/flow-logs.js';
import { ExitCode, reportLoadErrors, writeOut } from './output.js';
import { loadWorkspace } from './workspace.js';

export async function athenaCommand(paths: string[], options: { flowLog?: string; start?: string }): Promise<number> {
    const since = new Date(options.start === undefined ? DEFAULT_START : Date.parse(options.start));
    if (Number.isNaN(since.getTime())) {
        process.stderr.write(`vpc-lab: --start takes an ISO-8601 instant, not '${options.start}'\n`);
        return ExitCode.Usage;
    }
    const workspace = await loadWorkspace(paths);
    reportLoadErrors(workspace.errors);
    const { topology } = workspace.model();
    const chosen = topology.flowLogs.filter(
        f => options.flowLog === undefined || f.name === options.flowLog || f.id.endsWith(`.${options.flowLog}`)
    );
    if (options.flowLog !== undefined && chosen.length === 0) {
        process.stderr.write(`vpc-lab: no flow log named '${options.flowLog}'\n`);
        return ExitCode.Usage;
    }
    const tables = chosen.map(f => athenaTable(f, topology, since)).filter((t): t is string => t !== undefined);
    if (tables.length === 0) {
        process.stderr.write(
            `vpc-lab: ${options.flowLog ? `flow log '${options.flowLog}' is not delivered to S3` : 'no flow log is delivered to S3'}; Athena reads flow logs from S3\n`
        );
        return ExitCode.Usage;
    }
    await writeOut(tables.join('\n\n') + '\n');
    return workspace.errors.length > 0 ? ExitCode.Usage : ExitCode.Ok;
}

/** `vpc-lab simulate PATH... [--format text|json] [--probe NAME|LINE]` */
import type { ProbeResult } from '../model/trace.js';
import type { FlowLog, Probe } from '../model/topology.js';
import { destinationText } from '../simulator/flow-log-layout.js';
import { PROBE_SPACING_SECONDS } from '../simulator/flow-logs.js';
import { expectationMet, simulateWithFlowLogs } from '../simulator/simulate.js';
import { FlowLogSink, type WrittenFile } from '../io/flow-log-sink.js';
import { collectDiagnostics } from './diagnostics.js';
import { ExitCode, reportLoadErrors, startOption, writeOut } from './output.js';
import { colorsFor, type Colors } from './text-report.js';
import { displayPath, loadWorkspace } from './workspace.js';
import { fileURLToPath } from 'node:url';

export interface SimulateOptions {
    format: 'text' | 'json';
    probe?: string;
    flowLogs?: string;
    start?: string;
}

/** `NAME`, a line number, or `file:LINE`. */
function selectProbes(probes: Probe[], selector: string | undefined): Probe[] | string {
    if (selector === undefined) return probes;
    const byName = probes.filter(p => p.name === selector);
    if (byName.length > 0) return byName;
    const match = /^(?:(.*):)?(\d+)$/.exec(selector);
    if (match) {
        const line = Number(match[2]);
        const file = match[1];
        const found = probes.filter(
            p => p.loc && p.loc.range.start.line + 1 === line && (!file || displayPath(fileURLToPath(p.loc.uri)).endsWith(file))
        );
        if (found.length === 1) return found;
        if (found.length > 1) return `line ${line} has a probe in ${found.length} files; name the file: --probe FILE:${line}`;
    }
    return `no probe named or on line '${selector}'`;
}

export async function simulateCommand(paths: string[], options: SimulateOptions): Promise<number> {
    const workspace = await loadWorkspace(paths);
    reportLoadErrors(workspace.errors);
    const { topology, compiled } = workspace.model();
    const selected = selectProbes(topology.probes, options.probe);
    if (typeof selected === 'string') {
        process.stderr.write(`vpc-lab: ${selected}\n`);
        return ExitCode.Usage;
    }
    const startMs = startOption(options.start);
    if (startMs === undefined) return ExitCode.Usage;
    const probed = { ...topology, probes: selected };
    if (options.flowLogs !== undefined) {
        const missing = topology.flowLogs.filter(f => !f.destination);
        if (missing.length > 0) {
            process.stderr.write(
                `vpc-lab: flow log ${missing.map(f => f.name).join(', ')} has no destination: add \`destination s3 "arn:aws:s3:::bucket"\` or \`destination cloudwatch "group"\`\n`
            );
            return ExitCode.Usage;
        }
    }
    // Records stream into the files as the probes run; JSON output lists them too.
    const sink = new FlowLogSink(options.flowLogs, new Map(topology.vpcs.map(v => [v.id, v])));
    const listed: Array<{ flowLog: string; destination: string | null; record: string }> = [];
    let recordCount = 0;
    let results: ProbeResult[];
    let files: WrittenFile[];
    try {
        ({ results } = simulateWithFlowLogs(
            probed,
            startMs,
            record => {
                recordCount++;
                if (options.format === 'json')
                    listed.push({
                        flowLog: record.flowLog.name,
                        destination: destinationText(record.flowLog.destination),
                        record: record.record
                    });
                sink.add(record);
            },
            compiled()
        ));
        files = await sink.close();
    } catch (error) {
        process.stderr.write(`vpc-lab: ${error instanceof Error ? error.message : String(error)}\n`);
        return ExitCode.Usage;
    }
    const met = selected.map((probe, i) => expectationMet(results[i]!, probe));
    if (options.format === 'json') {
        await writeOut(JSON.stringify({ probes: results, flowLogs: listed }, null, 2) + '\n');
    } else {
        const c = colorsFor(process.stdout);
        const text = formatProbes(results, met, c);
        const summary = text.lastIndexOf('\n');
        // The flow-log batches go before the closing count line.
        await writeOut(
            `${text.slice(0, summary + 1)}${formatDeliveries(files, sink.undelivered, recordCount, startMs, options.flowLogs, c)}${text.slice(summary + 1)}\n`
        );
    }
    const errors = collectDiagnostics(workspace).filter(d => d.severity === 'error' && d.code !== 'probe-expectation');
    if (errors.length > 0)
        process.stderr.write(
            `vpc-lab: the workspace has ${errors.length} error${errors.length === 1 ? '' : 's'}; run vpc-lab check for details\n`
        );
    if (workspace.errors.length > 0) return ExitCode.Usage;
    return errors.length > 0 || met.includes(false) ? ExitCode.Errors : ExitCode.Ok;
}

function clock(seconds: number): string {
    return new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Where each batch goes and when AWS would deliver it: flow logs are not real time. */
function formatDeliveries(
    files: readonly WrittenFile[],
    undelivered: ReadonlyMap<FlowLog, number>,
    records: number,
    startMs: number,
    folder: string | undefined,
    c: Colors
): string {
    if (records === 0) return '';
    const out = [
        c.bold(
            `Flow logs: ${records} record${records === 1 ? '' : 's'} (simulated clock from ${new Date(startMs).toISOString()}, probes ${PROBE_SPACING_SECONDS} s apart)`
        )
    ];
    for (const [flowLog, count] of undelivered) {
        out.push(
            c.red(
                `  ${flowLog.name}: ${count} record${count === 1 ? '' : 's'} not delivered: AWS would refuse the destination "${flowLog.destination?.target ?? ''}" (flow-log-destination; run vpc-lab check)`
            )
        );
    }
    for (const file of files) {
        out.push(`  ${file.flowLog.name}: ${file.records} record${file.records === 1 ? '' : 's'} → ${file.path}`);
        out.push(
            c.dim(
                `    AWS would deliver this batch at about ${clock(file.deliveredAt)} UTC: ${file.gzip ? 'S3 receives files every 5 minutes, about 10 minutes after the aggregation window closes' : 'CloudWatch Logs receives records about 5 minutes after the window closes'}`
            )
        );
    }
    if (folder !== undefined) {
        if (files.length > 0) out.push(`  written under ${folder}`);
    } else out.push(c.dim('  (add --flow-logs DIR to write them as AWS lays them out)'));
    return out.join('\n') + '\n\n';
}

function pad(text: string, width: number): string {
    return text + ' '.repeat(Math.max(0, width - [...text].length));
}

export function formatProbes(results: readonly ProbeResult[], met: ReadonlyArray<boolean | null>, c: Colors): string {
    const out: string[] = [];
    results.forEach((r, i) => {
        const accepted = r.verdict === 'ACCEPT';
        const mark = accepted ? c.green('✓') : c.red('✗');
        const verdict = accepted ? c.green('ACCEPT') : `${c.red('REJECT')} ${c.bold(r.reason ?? '')}`;
        const expectation =
            met[i] === null ? '' : met[i] ? c.dim(`  expected ${r.expected}: met`) : c.red(c.bold(`  expected ${r.expected}: NOT MET`));
        const text = `${r.from} -> ${r.to} ${r.protocol}${r.port === null ? '' : ` ${r.port}`}`;
        out.push(`${mark} ${c.bold(`probe ${r.name === text ? text : `${r.name}: ${text}`}`)}  ${verdict}${expectation}`);
        const rows = r.hops.map((h, n) => [String(n + 1), h.kind, h.name, h.vpc ?? '-', h.action, h.detail]);
        const widths = [0, 1, 2, 3, 4].map(col =>
            Math.max(...rows.map(row => [...row[col]!].length), ['#', 'hop', 'name', 'vpc', 'action'][col]!.length)
        );
        out.push(c.dim(`    ${['#', 'hop', 'name', 'vpc', 'action'].map((h, col) => pad(h, widths[col]!)).join('  ')}  detail`));
        for (const row of rows) {
            const action = row[4] === 'REJECT' ? c.red(pad(row[4]!, widths[4]!)) : pad(row[4]!, widths[4]!);
            out.push(`    ${[0, 1, 2, 3].map(col => pad(row[col]!, widths[col]!)).join('  ')}  ${action}  ${row[5]}`);
        }
        if (r.blockers.length > 1) {
            out.push(
                c.dim(
                    `    ${r.blockers.length} blockers on this path, all to fix: ${r.blockers.map(b => `${b.reason} at hop ${b.hop + 1}`).join(', ')}`
                )
            );
        }
        out.push('');
    });
    const accepted = results.filter(r => r.verdict === 'ACCEPT').length;
    const failed = met.filter(m => m === false).length;
    out.push(
        `${results.length} probe${results.length === 1 ? '' : 's'}: ${accepted} accepted, ${results.length - accepted} rejected, ${failed} expectation${failed === 1 ? '' : 's'} failed`
    );
    return out.join('\n');
}

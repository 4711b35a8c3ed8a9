/** Flow-log benchmark: records for a million probes generated, gzipped and written; a query over them. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FlowLogSink } from '../src/io/flow-log-sink.js';
import { compile } from '../src/simulator/compile.js';
import { Walk } from '../src/simulator/engine.js';
import { FlowLogFormatter } from '../src/simulator/flow-logs.js';
import type { Goal } from './check.js';
import { probeMix, topologyOf } from './simulate.js';

function countFiles(dir: string): { files: number; bytes: number } {
    let files = 0;
    let bytes = 0;
    const walk = (folder: string) => {
        for (const entry of readdirSync(folder, { withFileTypes: true })) {
            const path = join(folder, entry.name);
            if (entry.isDirectory()) walk(path);
            else {
                files++;
                bytes += statSync(path).size;
            }
        }
    };
    walk(dir);
    return { files, bytes };
}

export async function benchFlowLogs(): Promise<{ rows: Array<[string, string]>; goals: Goal[] }> {
    const topology = await topologyOf(1000);
    // One VPC-level flow log per VPC, all to one bucket, in the default format.
    topology.flowLogs = topology.vpcs.map(vpc => ({
        kind: 'flow-log' as const,
        id: `flow-log:${vpc.name}.all`,
        name: 'all',
        vpc: vpc.id,
        capture: { level: 'vpc' as const, target: vpc.id },
        traffic: 'all' as const,
        destination: { kind: 's3' as const, target: 'arn:aws:s3:::bench-flow-logs' },
        aggregationSeconds: 600
    }));
    const compiled = compile(topology);
    const pool = probeMix(topology, 20);
    const probes = Number(process.env.VPC_LAB_BENCH_PROBES ?? 1_000_000);
    const dir = mkdtempSync(join(tmpdir(), 'vpc-lab-bench-fl-'));
    // A million probes within one hour of simulated time: twelve 5-minute publications.
    const formatter = new FlowLogFormatter(compiled, Date.UTC(2026, 0, 1), 3600 / probes);
    const sink = new FlowLogSink(dir, new Map(topology.vpcs.map(v => [v.id, v])));
    let records = 0;
    const emit = (record: Parameters<FlowLogSink['add']>[0]) => {
        records++;
        sink.add(record);
    };
    const started = performance.now();
    for (let i = 0; i < probes; i++) {
        const probe = pool[i % pool.length]!;
        const walk = new Walk(compiled, probe, false, true);
        walk.run();
        formatter.format({ probe, index: i, observations: walk.flows }, emit);
    }
    await sink.close();
    const seconds = (performance.now() - started) / 1000;
    const perSecond = records / seconds;
    const written = countFiles(dir);
    const cli = fileURLToPath(new URL('../bin/vpc-lab.cjs', import.meta.url));
    const sql =
        'SELECT srcaddr, dstaddr, SUM(bytes) AS total_bytes FROM vpc_flow_logs GROUP BY srcaddr, dstaddr ORDER BY total_bytes DESC LIMIT 10';
    const queryStarted = performance.now();
    const query = spawnSync(process.execPath, [cli, 'query', dir, sql, '--format', 'json'], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024
    });
    const queryMs = performance.now() - queryStarted;
    const rows = query.status === 0 ? (JSON.parse(query.stdout) as unknown[]).length : -1;
    rmSync(dir, { recursive: true, force: true });
    const rss = process.resourceUsage().maxRSS / 1024;
    return {
        rows: [
            ['records for 1M probes (1,000 VPC-level flow logs, default format)', records.toLocaleString('en-US')],
            ['generated, gzipped and written', `${seconds.toFixed(2)} s: ${Math.round(perSecond).toLocaleString('en-US')} records/s`],
            ['S3 objects written', `${written.files.toLocaleString('en-US')} (${(written.bytes / 2 ** 20).toFixed(0)} MiB gzip)`],
            ['`vpc-lab query` top talkers over them (process start included)', `${queryMs.toFixed(0)} ms, ${rows} rows`],
            ['peak memory of the flow-log benchmark', `${rss.toFixed(0)} MiB`]
        ],
        goals: [
            {
                goal: 'at least 1,000,000 records/s generated, written and gzipped',
                measured: `${Math.round(perSecond).toLocaleString('en-US')}/s`,
                met: perSecond >= 1_000_000
            },
            { goal: 'top-talkers query under 2 s', measured: `${queryMs.toFixed(0)} ms`, met: queryMs < 2000 && rows > 0 }
        ]
    };
}

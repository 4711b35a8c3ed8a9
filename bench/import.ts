/**
 * Import at scale: the bench workspace as describe-* JSON (files on disk, read, parsed and
 * converted), and as CloudFormation made by the exporter (converted from text), at 1/8, 1/4, 1/2
 * and full size. The cost per VPC should stay flat.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importAws } from '../src/interop/aws/index.js';
import { exportCloudFormation } from '../src/interop/cloudformation/export/index.js';
import { convertTemplates } from '../src/interop/cloudformation/index.js';
import { describeOutputs } from './aws-json.js';
import { median, type Goal } from './check.js';
import { topologyOf } from './simulate.js';

export interface ImportBench {
    rows: Array<[string, string]>;
    scaling: Array<{ vpcs: number; awsMs: number; cfnMs: number; exportMs: number; templates: number; megabytes: number }>;
    goals: Goal[];
    failures: string[];
}

/**
 * Runs per measure, the median taken: the smallest size takes under 100 ms, where one slow run of
 * three moved the growth ratio by half (1.01× and 1.47× on one build).
 */
const RUNS = 5;

async function timeMs(runs: number, body: () => Promise<unknown> | unknown): Promise<number> {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
        global.gc?.();
        const started = performance.now();
        await body();
        samples.push(performance.now() - started);
    }
    return median(samples);
}

export async function benchImport(): Promise<ImportBench> {
    const scaling: ImportBench['scaling'] = [];
    let elements = '';
    for (const vpcs of [125, 250, 500, 1000]) {
        const topology = await topologyOf(vpcs);
        const dir = mkdtempSync(join(tmpdir(), 'vpc-lab-import-bench-'));
        let bytes = 0;
        for (const [name, content] of Object.entries(describeOutputs(topology))) {
            const text = JSON.stringify(content, null, 2);
            bytes += text.length;
            writeFileSync(join(dir, name), text);
        }
        const awsMs = await timeMs(RUNS, async () => {
            const result = await importAws(dir);
            if (vpcs === 1000)
                elements = `${result.topology.vpcs.length} VPCs, ${result.topology.subnets.length.toLocaleString('en-US')} subnets, ${result.topology.securityGroups.reduce((s, g) => s + g.rules.length, 0).toLocaleString('en-US')} group rules`;
        });
        rmSync(dir, { recursive: true, force: true });
        let exported = exportCloudFormation(topology);
        const exportMs = await timeMs(RUNS, () => (exported = exportCloudFormation(topology)));
        const texts = exported.templates.map(t => ({ file: t.name, text: t.text }));
        // Within CloudFormation's quotas now (a parent and nested stacks of 1 MB at most): no limit lifted.
        const cfnMs = await timeMs(RUNS, () => convertTemplates(texts));
        scaling.push({ vpcs, awsMs, cfnMs, exportMs, templates: texts.length, megabytes: bytes / 2 ** 20 });
    }
    const eighth = scaling[0]!;
    const full = scaling[scaling.length - 1]!;
    const awsGrowth = full.awsMs / full.vpcs / (eighth.awsMs / eighth.vpcs);
    const cfnGrowth = full.cfnMs / full.vpcs / (eighth.cfnMs / eighth.vpcs);
    const failures: string[] = [];
    if (awsGrowth > 1.5) failures.push(`describe-* import cost per VPC grew ${awsGrowth.toFixed(2)}× from 1/8 to full size (limit 1.5×)`);
    if (cfnGrowth > 1.5)
        failures.push(`CloudFormation import cost per VPC grew ${cfnGrowth.toFixed(2)}× from 1/8 to full size (limit 1.5×)`);
    return {
        scaling,
        failures,
        rows: [
            [
                'describe-* JSON of 1,000 VPCs (read, parse, convert; median of 5)',
                `${full.awsMs.toFixed(0)} ms for ${full.megabytes.toFixed(1)} MB (${elements})`
            ],
            [
                'CloudFormation of 1,000 VPCs, as exported (parse, evaluate, convert; median of 5)',
                `${full.cfnMs.toFixed(0)} ms for ${full.templates} templates (a parent and nested stacks, within CloudFormation's quotas)`
            ],
            ['export of 1,000 VPCs to CloudFormation (median of 5)', `${full.exportMs.toFixed(0)} ms`]
        ],
        goals: [
            {
                goal: 'import of 1,000 VPCs from describe-* JSON under 2 s',
                measured: `${(full.awsMs / 1000).toFixed(2)} s`,
                met: full.awsMs < 2000
            },
            {
                goal: 'import of 1,000 VPCs from CloudFormation under 2 s',
                measured: `${(full.cfnMs / 1000).toFixed(2)} s`,
                met: full.cfnMs < 2000
            },
            {
                goal: 'export of 1,000 VPCs to CloudFormation under 2 s',
                measured: `${(full.exportMs / 1000).toFixed(2)} s`,
                met: full.exportMs < 2000
            },
            {
                goal: 'cost per VPC grows at most 1.5× from 1/8 to full size (describe-*, CloudFormation)',
                measured: `${awsGrowth.toFixed(2)}×, ${cfnGrowth.toFixed(2)}×`,
                met: awsGrowth <= 1.5 && cfnGrowth <= 1.5
            }
        ]
    };
}

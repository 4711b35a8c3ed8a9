/**
 * `vpc-lab import terraform` on the bench's workspace written as Terraform: read, evaluate, map
 * and print, in process, at 1/8, 1/4, 1/2 and full size; the cost per VPC should stay flat. Each
 * size is imported twice over one fresh parse cache: cold (every file parsed by HashiCorp's
 * parser) and warm (the same files again, their parses read from the cache).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfiguration } from '../src/interop/terraform/config/read-configuration.js';
import { readModuleTree } from '../src/interop/terraform/config/module-tree.js';
import { mapToModel } from '../src/interop/terraform/map/index.js';
import { printImport } from '../src/interop/terraform/output/print.js';
import { generateTerraform } from './generate-terraform.js';

export interface ImportTerraformBench {
    rows: Array<[string, string]>;
    goals: Array<{ goal: string; measured: string; met: boolean }>;
    scaling: Array<{ vpcs: number; lines: number; ms: number; parseMs: number; perVpc: number; warmMs: number; warmParseMs: number }>;
}

interface Timing {
    ms: number;
    parseMs: number;
    lines: number;
    warmMs: number;
    warmParseMs: number;
}

async function importOnce(dir: string, vpcs: number): Promise<{ ms: number; parseMs: number }> {
    const start = performance.now();
    const tree = await readModuleTree(dir, dir);
    const parsed = performance.now();
    const read = await readConfiguration(dir, { region: 'us-east-1', cwd: dir, tree });
    const mapped = mapToModel(read, dir);
    printImport(mapped.topology, mapped.origins, mapped.notes, dir);
    const ms = performance.now() - start;
    if (mapped.topology.vpcs.length !== vpcs) throw new Error(`imported ${mapped.topology.vpcs.length} VPCs of ${vpcs}`);
    return { ms, parseMs: parsed - start };
}

/** The whole import, cold then warm, with reading and parsing timed apart from evaluation, mapping and printing. */
async function timeImport(vpcs: number): Promise<Timing> {
    const dir = mkdtempSync(join(tmpdir(), 'vpc-lab-bench-tf-'));
    const cache = mkdtempSync(join(tmpdir(), 'vpc-lab-bench-cache-'));
    const before = process.env.VPC_LAB_CACHE_DIR;
    process.env.VPC_LAB_CACHE_DIR = cache;
    try {
        const { files, lines } = generateTerraform(vpcs);
        for (const [name, text] of files) writeFileSync(join(dir, name), text);
        global.gc?.();
        const cold = await importOnce(dir, vpcs);
        global.gc?.();
        const warm = await importOnce(dir, vpcs);
        return { ...cold, lines, warmMs: warm.ms, warmParseMs: warm.parseMs };
    } finally {
        if (before === undefined) delete process.env.VPC_LAB_CACHE_DIR;
        else process.env.VPC_LAB_CACHE_DIR = before;
        rmSync(dir, { recursive: true, force: true });
        rmSync(cache, { recursive: true, force: true });
    }
}

export async function benchImportTerraform(): Promise<ImportTerraformBench> {
    // The WebAssembly parser's start is paid once per process; warm it on a small import.
    await timeImport(3);
    const scaling: ImportTerraformBench['scaling'] = [];
    let full: Timing = { ms: 0, parseMs: 0, lines: 0, warmMs: 0, warmParseMs: 0 };
    for (const vpcs of [125, 250, 500, 1000]) {
        const run = await timeImport(vpcs);
        scaling.push({
            vpcs,
            lines: run.lines,
            ms: run.ms,
            parseMs: run.parseMs,
            perVpc: run.ms / vpcs,
            warmMs: run.warmMs,
            warmParseMs: run.warmParseMs
        });
        if (vpcs === 1000) full = run;
    }
    const growth = scaling[3]!.perVpc / scaling[0]!.perVpc;
    return {
        rows: [
            [
                'configuration',
                `100 .tf files, ${full.lines.toLocaleString('en-US')} lines, 1,000 VPCs (the workspace above as Terraform resources)`
            ],
            ['import of 1,000 VPCs, cold: every file parsed (read, parse, evaluate, map, print; in process)', `${full.ms.toFixed(0)} ms`],
            ["of which reading and HashiCorp's HCL parser (WebAssembly, @cdktn/hcl2json)", `${full.parseMs.toFixed(0)} ms`],
            ['of which evaluation, mapping and printing', `${(full.ms - full.parseMs).toFixed(0)} ms`],
            ['import of 1,000 VPCs again, warm: the same files, parses read from the parse cache', `${full.warmMs.toFixed(0)} ms`],
            ['of which reading the files and their cached parses', `${full.warmParseMs.toFixed(0)} ms`],
            ['cost per VPC, full ÷ 1/8 size', `${growth.toFixed(2)}×`]
        ],
        goals: [
            { goal: 'import of 1,000 VPCs under 3 s (cold: every file parsed)', measured: `${full.ms.toFixed(0)} ms`, met: full.ms < 3000 },
            {
                goal: 'import of 1,000 VPCs under 3 s (warm: unchanged files, parses cached)',
                measured: `${full.warmMs.toFixed(0)} ms`,
                met: full.warmMs < 3000
            },
            { goal: 'cost per VPC grows at most 1.5× (1/8 → full)', measured: `${growth.toFixed(2)}×`, met: growth <= 1.5 }
        ],
        scaling
    };
}

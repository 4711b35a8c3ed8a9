/**
 * `vpc-lab import terraform` on the bench's workspace written as Terraform: read, evaluate, map
 * and print, in process, at 1/8, 1/4, 1/2 and full size; the cost per VPC should stay flat.
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
    scaling: Array<{ vpcs: number; lines: number; ms: number; parseMs: number; perVpc: number }>;
}

interface Timing {
    ms: number;
    parseMs: number;
    lines: number;
}

/** The whole import, with HashiCorp's parser (WebAssembly) timed apart from evaluation, mapping and printing. */
async function timeImport(vpcs: number): Promise<Timing> {
    const dir = mkdtempSync(join(tmpdir(), 'vpc-lab-bench-tf-'));
    try {
        const { files, lines } = generateTerraform(vpcs);
        for (const [name, text] of files) writeFileSync(join(dir, name), text);
        const start = performance.now();
        const tree = await readModuleTree(dir, dir);
        const parsed = performance.now();
        const read = await readConfiguration(dir, { region: 'us-east-1', cwd: dir, tree });
        const mapped = mapToModel(read, dir);
        printImport(mapped.topology, mapped.origins, mapped.notes, dir);
        const ms = performance.now() - start;
        if (mapped.topology.vpcs.length !== vpcs) throw new Error(`imported ${mapped.topology.vpcs.length} VPCs of ${vpcs}`);
        return { ms, parseMs: parsed - start, lines };
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

export async function benchImportTerraform(): Promise<ImportTerraformBench> {
    // The WebAssembly parser's start is paid once per process; warm it on a small import.
    await timeImport(3);
    const scaling: ImportTerraformBench['scaling'] = [];
    let full: Timing = { ms: 0, parseMs: 0, lines: 0 };
    for (const vpcs of [125, 250, 500, 1000]) {
        const run = await timeImport(vpcs);
        scaling.push({ vpcs, lines: run.lines, ms: run.ms, parseMs: run.parseMs, perVpc: run.ms / vpcs });
        if (vpcs === 1000) full = run;
    }
    const growth = scaling[3]!.perVpc / scaling[0]!.perVpc;
    return {
        rows: [
            [
                'configuration',
                `100 .tf files, ${full.lines.toLocaleString('en-US')} lines, 1,000 VPCs (the workspace above as Terraform resources)`
            ],
            ['import of 1,000 VPCs (read, evaluate, map, print; in process)', `${full.ms.toFixed(0)} ms`],
            ["of which HashiCorp's HCL parser (WebAssembly, @cdktn/hcl2json)", `${full.parseMs.toFixed(0)} ms`],
            ['of which evaluation, mapping and printing', `${(full.ms - full.parseMs).toFixed(0)} ms`],
            ['cost per VPC, full ÷ 1/8 size', `${growth.toFixed(2)}×`]
        ],
        goals: [
            { goal: 'import of 1,000 VPCs under 3 s', measured: `${full.ms.toFixed(0)} ms`, met: full.ms < 3000 },
            { goal: 'cost per VPC grows at most 1.5× (1/8 → full)', measured: `${growth.toFixed(2)}×`, met: growth <= 1.5 }
        ],
        scaling
    };
}

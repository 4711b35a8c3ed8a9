/**
 * `vpc-lab export --format terraform` and `vpc-lab import terraform` on the bench's workspace:
 * at 1/8, 1/4, 1/2 and full size, the generated .vpc workspace is checked, exported as the
 * command does (one root module, a file per VPC, laid out by HashiCorp's formatter), written, and
 * imported back: read, evaluate, map and print, in process; the cost per VPC should stay flat.
 * Each size is imported twice over one fresh parse cache: cold (the first import of the files)
 * and warm (the same files again). The export's files are in the plain style, which the import
 * reads without HashiCorp's parser and does not cache (config/fmt-style.ts): the bench counts
 * the files that reader takes, and both imports read them alike.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { EmptyFileSystem, URI } from 'langium';
import { readFmtStyle } from '../src/interop/terraform/config/fmt-style.js';
import { readConfiguration } from '../src/interop/terraform/config/read-configuration.js';
import { readModuleTree } from '../src/interop/terraform/config/module-tree.js';
import { exportTerraformBlocks, formatTerraform } from '../src/interop/terraform/export/index.js';
import { mapToModel } from '../src/interop/terraform/map/index.js';
import { printImport } from '../src/interop/terraform/output/print.js';
import { createVpcServices } from '../src/language/vpc-module.js';
import type { Topology } from '../src/model/topology.js';
import { generateWorkspace } from './generate.js';

export interface ImportTerraformBench {
    rows: Array<[string, string]>;
    goals: Array<{ goal: string; measured: string; met: boolean }>;
    scaling: Array<{
        vpcs: number;
        files: number;
        lines: number;
        exportMs: number;
        formatMs: number;
        ms: number;
        parseMs: number;
        perVpc: number;
        warmMs: number;
        warmParseMs: number;
        /** Files the plain-style reader takes (the rest go to HashiCorp's parser). */
        plainFiles: number;
    }>;
}

type Timing = Omit<ImportTerraformBench['scaling'][number], 'vpcs' | 'perVpc'>;

/** The generated workspace's model, as `vpc-lab export` builds it before exporting. */
async function designOf(vpcs: number): Promise<Topology> {
    const { shared, Vpc } = createVpcServices(EmptyFileSystem, { batch: true });
    const documents = [...generateWorkspace(vpcs).files].map(([name, text]) => {
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///bench-tf/${name}`));
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return Vpc.workspace.WorkspaceModel.get().topology;
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

type ExportTiming = Pick<Timing, 'files' | 'lines' | 'exportMs' | 'formatMs' | 'plainFiles'>;

/**
 * The export, timed (the formatter apart), written into `dir`; the root module's folder and the
 * counts the rows print are all that is returned. The design, the blocks and the files' texts
 * (some 230 MB of heap at 1,000 VPCs) become garbage when this returns: `vpc-lab import
 * terraform` runs in a process of its own, where none of it exists, and while they stayed
 * reachable every major collection of the first import marked them too: kept, its reading took
 * 1.79–1.87 s and the import 4.64–4.89 s; let go, 0.96–1.05 s and 2.57–3.56 s (two pairs of runs,
 * alternated, on a busy machine). What is timed is unchanged: the same calls over the same files.
 */
async function exportInto(dir: string, vpcs: number): Promise<{ module: string } & ExportTiming> {
    const design = await designOf(vpcs);
    global.gc?.();
    // exportTerraform's two halves, timed apart.
    const started = performance.now();
    const blocks = exportTerraformBlocks(design);
    const mapped = performance.now();
    const files = await formatTerraform(blocks);
    const exportMs = performance.now() - started;
    const formatMs = performance.now() - mapped;
    const folders = new Set(files.map(f => f.path.split('/')[0]));
    if (folders.size !== 1) throw new Error(`the export wrote ${folders.size} root modules, not one`);
    for (const f of files) {
        mkdirSync(dirname(join(dir, f.path)), { recursive: true });
        writeFileSync(join(dir, f.path), f.text);
    }
    const lines = files.reduce((n, f) => n + f.text.split('\n').length - 1, 0);
    const plainFiles = files.filter(f => readFmtStyle(f.text)?.blocks(f.path) !== undefined).length;
    return { module: join(dir, [...folders][0]!), files: files.length, lines, exportMs, formatMs, plainFiles };
}

/** The export, then the import of what it wrote, cold then warm. */
async function timeExportImport(vpcs: number): Promise<Timing> {
    const dir = mkdtempSync(join(tmpdir(), 'vpc-lab-bench-tf-'));
    const cache = mkdtempSync(join(tmpdir(), 'vpc-lab-bench-cache-'));
    const before = process.env.VPC_LAB_CACHE_DIR;
    process.env.VPC_LAB_CACHE_DIR = cache;
    try {
        const { module, ...exported } = await exportInto(dir, vpcs);
        global.gc?.();
        const cold = await importOnce(module, vpcs);
        global.gc?.();
        const warm = await importOnce(module, vpcs);
        return { ...cold, ...exported, warmMs: warm.ms, warmParseMs: warm.parseMs };
    } finally {
        if (before === undefined) delete process.env.VPC_LAB_CACHE_DIR;
        else process.env.VPC_LAB_CACHE_DIR = before;
        rmSync(dir, { recursive: true, force: true });
        rmSync(cache, { recursive: true, force: true });
    }
}

export async function benchImportTerraform(): Promise<ImportTerraformBench> {
    // The WebAssembly formatter's and parser's starts are paid once per process; warm them on a small run.
    await timeExportImport(3);
    const scaling: ImportTerraformBench['scaling'] = [];
    for (const vpcs of [125, 250, 500, 1000]) {
        const run = await timeExportImport(vpcs);
        scaling.push({ vpcs, ...run, perVpc: run.ms / vpcs });
    }
    const full = scaling[3]!;
    const growth = full.perVpc / scaling[0]!.perVpc;
    const exportGrowth = full.exportMs / full.vpcs / (scaling[0]!.exportMs / scaling[0]!.vpcs);
    const n = (v: number) => v.toLocaleString('en-US');
    return {
        rows: [
            [
                'configuration',
                `${n(full.files)} .tf files, ${n(full.lines)} lines, 1,000 VPCs: the workspace above as \`vpc-lab export --format terraform\` writes it (one root module, a file per VPC)`
            ],
            ...scaling.map((s): [string, string] => [
                `export of ${n(s.vpcs)} VPCs to Terraform (map, then HashiCorp's formatter; in process)`,
                `${s.exportMs.toFixed(0)} ms`
            ]),
            ["of which HashiCorp's formatter (WebAssembly, @cdktn/hcl-tools), 1,000 VPCs", `${full.formatMs.toFixed(0)} ms`],
            ['export cost per VPC, full ÷ 1/8 size', `${exportGrowth.toFixed(2)}×`],
            [
                "files in the plain style (read without HashiCorp's WebAssembly parser), 1,000 VPCs",
                `${n(full.plainFiles)} of ${n(full.files)}`
            ],
            [
                'import of 1,000 VPCs, cold: the first import of the files (read, evaluate, map, print; in process)',
                `${full.ms.toFixed(0)} ms`
            ],
            ['of which reading the files', `${full.parseMs.toFixed(0)} ms`],
            ['of which evaluation, mapping and printing', `${(full.ms - full.parseMs).toFixed(0)} ms`],
            ['import of 1,000 VPCs again, warm: the same files', `${full.warmMs.toFixed(0)} ms`],
            ['of which reading the files', `${full.warmParseMs.toFixed(0)} ms`],
            ['import cost per VPC, full ÷ 1/8 size', `${growth.toFixed(2)}×`]
        ],
        goals: [
            { goal: 'import of 1,000 VPCs under 3 s (cold: the first import)', measured: `${full.ms.toFixed(0)} ms`, met: full.ms < 3000 },
            {
                goal: 'import of 1,000 VPCs under 3 s (warm: the same files again)',
                measured: `${full.warmMs.toFixed(0)} ms`,
                met: full.warmMs < 3000
            },
            { goal: 'cost per VPC grows at most 1.5× (1/8 → full)', measured: `${growth.toFixed(2)}×`, met: growth <= 1.5 }
        ],
        scaling
    };
}

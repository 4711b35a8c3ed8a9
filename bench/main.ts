/** `npm run bench`: prints the benchmark tables; exits non-zero when a scaling check fails. */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { writeFileSync } from 'node:fs';
import { benchCheck } from './check.js';
import { benchDiff } from './diff.js';
import { benchFlowLogs } from './flow-logs.js';
import { benchImport } from './import.js';
import { benchLsp, benchLspSizes } from './lsp.js';
import { benchImportTerraform } from './import-terraform.js';
import { benchPreview } from './preview.js';
import { benchSimulate } from './simulate.js';

const root = fileURLToPath(new URL('..', import.meta.url));

function table(rows: Array<[string, string]>): string {
    return ['| measure | value |', '| --- | --- |', ...rows.map(([a, b]) => `| ${a} | ${b} |`)].join('\n');
}

function goalsTable(goals: ReadonlyArray<{ goal: string; measured: string; met: boolean }>): string[] {
    return [
        '| goal | measured | |',
        '| --- | --- | --- |',
        ...goals.map(g => `| ${g.goal} | ${g.measured} | ${g.met ? '✓ met' : '✗ missed'} |`)
    ];
}

// The simulator and the flow logs run in processes of their own, so that their peak memory is their own.
if (process.argv.includes('--simulator-only')) {
    process.stdout.write(JSON.stringify(await benchSimulate()));
    process.exit(0);
}
if (process.argv.includes('--flow-logs-only')) {
    process.stdout.write(JSON.stringify(await benchFlowLogs()));
    process.exit(0);
}

if (process.argv.includes('--import-only')) {
    process.stdout.write(JSON.stringify(await benchImport()));
    process.exit(0);
}

if (process.argv.includes('--preview-only')) {
    process.stdout.write(JSON.stringify(await benchPreview(root)));
    process.exit(0);
}

if (process.argv.includes('--diff-only')) {
    const size = process.argv.indexOf('--vpcs');
    process.stdout.write(JSON.stringify(await benchDiff(root, 3, size > 0 ? Number(process.argv[size + 1]) : 1000)));
    process.exit(0);
}

if (process.argv.includes('--import-terraform-only')) {
    process.stdout.write(JSON.stringify(await benchImportTerraform()));
    process.exit(0);
}

const sizes = process.argv.find(a => a.startsWith('--sizes='));
if (process.argv.includes('--lsp-only') && sizes) {
    process.stdout.write(await benchLspSizes(root, sizes.slice('--sizes='.length).split(',').map(Number)));
    process.exit(0);
}

if (process.argv.includes('--lsp-only')) {
    process.stdout.write(JSON.stringify(await benchLsp(root)));
    process.exit(0);
}

function child<T>(flag: string, ...args: string[]): T {
    const run = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), flag, ...args], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, UV_THREADPOOL_SIZE: '16' }
    });
    if (run.status !== 0) throw new Error(`the benchmark ${flag} failed: ${run.stderr}`);
    return JSON.parse(run.stdout) as T;
}

const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
interface Section {
    rows: Array<[string, string]>;
    goals: Array<{ goal: string; measured: string; met: boolean }>;
}

/** A benchmark's section: its measures, an optional scaling table (intro, header cells, rows of cells), and its goals. */
function section(title: string, result: Section, scaling?: { intro: string; header: string[]; rows: string[][] }): string[] {
    const lines = [title, table(result.rows), ''];
    if (scaling) {
        lines.push(
            scaling.intro,
            '',
            `| ${scaling.header.join(' | ')} |`,
            `| ${scaling.header.map(() => '---').join(' | ')} |`,
            ...scaling.rows.map(r => `| ${r.join(' | ')} |`),
            ''
        );
    }
    return [...lines, ...goalsTable(result.goals)];
}

function diffSection(diff: Awaited<ReturnType<typeof benchDiff>>): string[] {
    return section('## Reachability diff (`vpc-lab diff`)', diff, {
        intro: 'The engine alone (two built models, one rule apart; median of 3): the source classes it simulates stay those the change can affect, for a rule changed off the hub (in a VPC and its two peers) and in a spoke of it (with every spoke).',
        header: ['VPCs', 'off the hub: ms', 'source classes simulated', 'in a spoke: ms', 'source classes simulated'],
        rows: diff.scaling.map(s => [String(s.vpcs), s.ms.toFixed(0), String(s.sources), s.hubMs.toFixed(0), String(s.hubSources)])
    });
}

// `--only diff [--vpcs N]`: the diff's section alone (the CLI comparison on N VPCs), a partial run.
const only = process.argv.indexOf('--only');
if (only > 0) {
    if (process.argv[only + 1] !== 'diff') {
        process.stderr.write('--only takes one section: diff\n');
        process.exit(2);
    }
    const size = process.argv.indexOf('--vpcs');
    const diff = child<Awaited<ReturnType<typeof benchDiff>>>('--diff-only', ...(size > 0 ? ['--vpcs', process.argv[size + 1]!] : []));
    process.stdout.write(
        [
            `Machine: ${machine}, load average ${loadavg()
                .map(l => l.toFixed(2))
                .join(' ')}`,
            ...diffSection(diff),
            ...diff.failures.map(f => `- failed: ${f}`)
        ].join('\n') + '\n'
    );
    process.exit(diff.failures.length > 0 ? 1 : 0);
}

const check = await benchCheck(root);
const sections = [
    `Machine: ${machine}`,
    ...section('## Checker (`vpc-lab check`)', check, {
        intro: 'Scaling (parse + link + validate in process, median of 3):',
        header: ['VPCs', 'lines', 'ms', 'µs per line'],
        rows: check.scaling.map(s => [String(s.vpcs), s.lines.toLocaleString('en-US'), s.ms.toFixed(0), (s.perLine * 1000).toFixed(2)])
    })
];
const simulate = child<Awaited<ReturnType<typeof benchSimulate>>>('--simulator-only');
sections.push(
    '',
    ...section('## Simulator (`vpc-lab simulate`, `vpc-lab matrix`)', simulate, {
        intro: 'Scaling (probes from the same 125 sources at each size; the full matrix at each size, which has n² cells):',
        header: ['VPCs', 'probes/s', 'matrix ms'],
        rows: simulate.scaling.map(s => [String(s.vpcs), Math.round(s.perSecond).toLocaleString('en-US'), s.matrixMs.toFixed(0)])
    })
);
// Latency first: the flow-log run writes a million records, and the disk's write-back would go on
// under the editor's timings.
const lsp = child<Awaited<ReturnType<typeof benchLsp>>>('--lsp-only');
const preview = child<Awaited<ReturnType<typeof benchPreview>>>('--preview-only');
const flowLogs = child<Awaited<ReturnType<typeof benchFlowLogs>>>('--flow-logs-only');
sections.push('', ...section('## Flow logs (`simulate --flow-logs`, `vpc-lab query`)', flowLogs));
sections.push(
    '',
    ...section('## Language server (`vpc-lab lsp --stdio`, over a real stdio connection)', lsp, {
        intro: 'Edit latency by workspace size (p50 of one-character edits in the first file, 50 VPCs per file):',
        header: ['VPCs', 'edit → diagnostics p50 ms'],
        rows: lsp.scaling.map(s => [String(s.vpcs), s.p50.toFixed(0)])
    })
);
sections.push('', ...section('## Preview (`vpc-lab preview`, the page in Chromium)', preview));
const imported = child<Awaited<ReturnType<typeof benchImport>>>('--import-only');
sections.push(
    '',
    ...section('## Import (`vpc-lab import aws`, `vpc-lab import cloudformation`)', imported, {
        intro: 'Scaling (the bench workspace as describe-* JSON files, and as the CloudFormation the exporter makes; median of 3):',
        header: ['VPCs', 'JSON MB', 'describe-* ms', 'µs per VPC', 'CloudFormation ms', 'µs per VPC'],
        rows: imported.scaling.map(s => [
            String(s.vpcs),
            s.megabytes.toFixed(1),
            s.awsMs.toFixed(0),
            ((s.awsMs * 1000) / s.vpcs).toFixed(0),
            s.cfnMs.toFixed(0),
            ((s.cfnMs * 1000) / s.vpcs).toFixed(0)
        ])
    })
);
const diff = child<Awaited<ReturnType<typeof benchDiff>>>('--diff-only');
sections.push('', ...diffSection(diff));
const importTerraform = child<Awaited<ReturnType<typeof benchImportTerraform>>>('--import-terraform-only');
sections.push(
    '',
    ...section(
        '## Export to and import from Terraform (`vpc-lab export --format terraform`, `vpc-lab import terraform`)',
        importTerraform,
        {
            intro: 'Scaling (the generated workspace at each size exported as the command writes it, then that export imported; the first import, then the same files again):',
            header: [
                'VPCs',
                '.tf files',
                'lines',
                'export ms',
                'of which format ms',
                'read ms',
                'import ms',
                'ms per VPC',
                'warm import ms'
            ],
            rows: importTerraform.scaling.map(s => [
                String(s.vpcs),
                String(s.files),
                s.lines.toLocaleString('en-US'),
                s.exportMs.toFixed(0),
                s.formatMs.toFixed(0),
                s.parseMs.toFixed(0),
                s.ms.toFixed(0),
                s.perVpc.toFixed(2),
                s.warmMs.toFixed(0)
            ])
        }
    )
);
const importGrowth = importTerraform.scaling[3]!.perVpc / importTerraform.scaling[0]!.perVpc;
const failures = [
    ...check.failures,
    ...simulate.failures,
    ...lsp.failures,
    ...preview.failures,
    ...imported.failures,
    ...diff.failures,
    ...(importGrowth > 1.5 ? [`import terraform: cost per VPC grew ${importGrowth.toFixed(2)}× from 1/8 to full size`] : [])
];
const report = sections.join('\n') + '\n' + (failures.length ? `\nFailed:\n${failures.map(f => `- ${f}`).join('\n')}\n` : '');
process.stdout.write(report);
if (process.argv.includes('--write')) {
    writeFileSync(
        new URL('../docs/benchmarks.md', import.meta.url),
        `# Benchmarks\n\nThe latest \`npm run bench\`, on the machine named below. The workspace is generated by \`bench/generate.ts\`: 1,000 VPCs in a ring of peerings, a tenth of them also joined by a transit gateway and a tenth with an internal load balancer, 100 files, about 100k lines. Each table ends with the goals and whether they were met; the run fails only when a cost per line (or per probe, or an edit's latency) grows more than 1.5× from 1/8 to full size.\n\n${report}`
    );
}
process.exitCode = failures.length > 0 ? 1 : 0;

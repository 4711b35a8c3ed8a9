/** The checker's benchmark: tokenize, parse and full check of the generated workspace, and its scaling. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmptyFileSystem, URI } from 'langium';
import { createVpcServices } from '../src/language/vpc-module.js';
import { describeCounts, generateWorkspace, type GeneratedWorkspace } from './generate.js';

export function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
}

function time(runs: number, body: () => void): number {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
        const started = performance.now();
        body();
        samples.push(performance.now() - started);
    }
    return median(samples);
}

async function timeAsync(runs: number, body: () => Promise<void>): Promise<number> {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
        const started = performance.now();
        await body();
        samples.push(performance.now() - started);
    }
    return median(samples);
}

/** Parse, link and validate the whole workspace in this process; returns the diagnostic count. */
export async function checkInProcess(workspace: GeneratedWorkspace): Promise<number> {
    const { shared } = createVpcServices(EmptyFileSystem, { batch: true });
    const documents = [...workspace.files].map(([name, text]) => {
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///bench/${name}`));
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return documents.reduce((n, d) => n + (d.diagnostics?.length ?? 0), 0);
}

export function writeWorkspace(workspace: GeneratedWorkspace, dir: string): void {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of workspace.files) writeFileSync(join(dir, name), text);
}

export interface Goal {
    goal: string;
    measured: string;
    met: boolean;
}

export interface CheckBench {
    rows: Array<[string, string]>;
    scaling: Array<{ vpcs: number; lines: number; ms: number; perLine: number }>;
    goals: Goal[];
    /** Failures that make `npm run bench` exit non-zero: super-linear growth, or a harness that measured the wrong thing. */
    failures: string[];
}

export async function benchCheck(root: string, runs = 5): Promise<CheckBench> {
    const failures: string[] = [];
    const full = generateWorkspace(1000);
    const texts = [...full.files.values()];
    const { Vpc } = createVpcServices(EmptyFileSystem);
    const tokenize = time(runs, () => {
        for (const text of texts) Vpc.parser.Lexer.tokenize(text);
    });
    const parse = time(runs, () => {
        for (const text of texts) Vpc.parser.LangiumParser.parse(text);
    });

    const dir = join(root, '.vpc-lab', 'bench-workspace');
    writeWorkspace(full, dir);
    const cli = join(root, 'bench', 'measure-cli.cjs');
    const walls: number[] = [];
    const peaks: number[] = [];
    for (let i = 0; i < runs; i++) {
        const started = performance.now();
        const result = spawnSync(process.execPath, [cli, 'check', dir, '--format', 'json'], {
            encoding: 'utf8',
            maxBuffer: 256 * 1024 * 1024
        });
        walls.push(performance.now() - started);
        const peak = /maxRSS=(\d+)/.exec(result.stderr)?.[1];
        peaks.push(Number(peak ?? NaN) / 1024);
        const diagnostics = JSON.parse(result.stdout || '{"diagnostics":[1]}').diagnostics.length;
        if ((result.status !== 0 || diagnostics !== 0) && i === 0)
            failures.push(`the generated workspace did not check clean (exit ${result.status}, ${diagnostics} diagnostics)`);
    }
    const wall = median(walls);
    const peak = Math.max(...peaks);

    const scaling: CheckBench['scaling'] = [];
    for (const vpcs of [125, 250, 500, 1000]) {
        const workspace = generateWorkspace(vpcs);
        await checkInProcess(workspace); // warm up
        const ms = await timeAsync(3, async () => {
            await checkInProcess(workspace);
        });
        scaling.push({ vpcs, lines: workspace.lines, ms, perLine: ms / workspace.lines });
    }
    const growth = scaling[scaling.length - 1]!.perLine / scaling[0]!.perLine;
    if (growth > 1.5) failures.push(`check cost per line grew ${growth.toFixed(2)}× from 1/8 to full size (limit 1.5×)`);
    const goals: Goal[] = [
        { goal: 'full check under 1,500 ms', measured: `${wall.toFixed(0)} ms`, met: wall < 1500 },
        { goal: 'full check under 2× parse-only', measured: `${(wall / parse).toFixed(2)}×`, met: wall < 2 * parse },
        { goal: 'peak memory under 1 GiB', measured: `${peak.toFixed(0)} MiB`, met: peak < 1024 },
        { goal: 'cost per line grows at most 1.5× (1/8 → full)', measured: `${growth.toFixed(2)}×`, met: growth <= 1.5 }
    ];

    const ms = (v: number) => `${v.toFixed(0)} ms`;
    return {
        failures,
        scaling,
        goals,
        rows: [
            ['workspace', `${full.files.size} files, ${full.lines.toLocaleString('en-US')} lines, ${describeCounts(full.counts)}`],
            ['tokenize only (in process)', ms(tokenize)],
            ['parse only (in process, lexing included)', ms(parse)],
            ['`vpc-lab check` wall, median of 5 (process start included)', ms(wall)],
            ['check ÷ parse', `${(wall / parse).toFixed(2)}×`],
            ['peak memory of `vpc-lab check`', `${peak.toFixed(0)} MiB`],
            ['check cost per line, full ÷ 1/8 size', `${growth.toFixed(2)}×`]
        ]
    };
}

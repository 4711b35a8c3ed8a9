/** The simulator's benchmark: probes per second and the full matrix on the generated workspace. */
import { EmptyFileSystem, URI } from 'langium';
import type { Probe, Topology } from '../src/model/topology.js';
import { createVpcServices } from '../src/language/vpc-module.js';
import { toModel } from '../src/language/to-model.js';
import { compile } from '../src/simulator/compile.js';
import { Walk } from '../src/simulator/engine.js';
import { computeMatrix } from '../src/simulator/matrix.js';
import { generateWorkspace } from './generate.js';
import { median, type Goal } from './check.js';

export async function topologyOf(vpcs: number): Promise<Topology> {
    const { shared } = createVpcServices(EmptyFileSystem, { batch: true });
    const documents = [...generateWorkspace(vpcs).files].map(([name, text]) => {
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///sim/${name}`));
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(documents, { validation: false });
    return toModel(documents).topology;
}

/**
 * A mix of probes: to the next VPC (peered), a far VPC (no route), the internet and S3, grouped
 * by source as a matrix row or a user's probe list would be.
 */
export function probeMix(topology: Topology, perSource: number): Probe[] {
    const instances = topology.instances;
    const probes: Probe[] = [];
    const count = perSource * instances.length;
    for (let i = 0; i < count; i++) {
        const a = instances[Math.floor(i / perSource) % instances.length]!;
        const kind = i % 4;
        const b = instances[(i + (kind === 0 ? 1 : 1 + ((i * 7919) % instances.length))) % instances.length]!;
        probes.push({
            kind: 'probe',
            id: `bench:${i % 997}`,
            name: '',
            text: '',
            source: { kind: 'instance', instance: a.id },
            destination:
                kind === 2
                    ? { kind: 'internet', address: '8.8.8.8' }
                    : kind === 3
                      ? { kind: 'service', service: 's3' }
                      : { kind: 'instance', instance: b.id },
            protocol: 'tcp',
            port: 1000 + (i % 30)
        });
    }
    return probes;
}

/** Runs `total` probes, cycling through the pool, three times; the median rate. */
function measureProbes(topology: Topology, probes: Probe[], total: number): { perSecond: number; accepted: number } {
    const compiled = compile(topology);
    let accepted = 0;
    for (const probe of probes) {
        const w = new Walk(compiled, probe, false);
        w.run();
    }
    const samples: number[] = [];
    for (let round = 0; round < 3; round++) {
        accepted = 0;
        const started = performance.now();
        for (let i = 0; i < total; i++) {
            const walk = new Walk(compiled, probes[i % probes.length]!, false);
            walk.run();
            if (walk.blockers.length === 0) accepted++;
        }
        samples.push(total / ((performance.now() - started) / 1000));
    }
    return { perSecond: median(samples), accepted };
}

export interface SimulateBench {
    rows: Array<[string, string]>;
    scaling: Array<{ vpcs: number; perSecond: number; matrixMs: number }>;
    goals: Goal[];
    failures: string[];
}

export async function benchSimulate(): Promise<SimulateBench> {
    // Probe throughput at each size, each from a fresh heap. The scaling check sends probes from
    // the same 125 sources at every size: it asks whether the work per probe grows with the
    // workspace. (From all 1,000 sources, more of the topology competes for the CPU caches, which
    // costs about a third more per probe; the headline figure is that one.)
    const scaling: SimulateBench['scaling'] = [];
    let full: { perSecond: number; accepted: number } = { perSecond: 0, accepted: 0 };
    for (const vpcs of [125, 250, 500, 1000]) {
        global.gc?.();
        const t = await topologyOf(vpcs);
        const sources = new Set(t.instances.slice(0, 125).map(i => i.id));
        const pool = probeMix(t, 20);
        const measured = measureProbes(
            t,
            pool.filter(p => p.source.kind === 'instance' && sources.has(p.source.instance!)),
            300_000
        );
        if (vpcs === 1000) full = measureProbes(t, pool, 1_000_000);
        const c = compile(t);
        const m: number[] = [];
        for (let i = 0; i < 3; i++) {
            const started = performance.now();
            computeMatrix(c);
            m.push(performance.now() - started);
        }
        scaling.push({ vpcs, perSecond: measured.perSecond, matrixMs: median(m) });
    }
    global.gc?.();
    const topology = await topologyOf(1000);
    const compileSamples: number[] = [];
    for (let i = 0; i < 3; i++) {
        const t = performance.now();
        compile(topology);
        compileSamples.push(performance.now() - t);
    }
    const compiled = compile(topology);
    const matrix = computeMatrix(compiled);
    const matrixMs = scaling[scaling.length - 1]!.matrixMs;
    const rss = process.resourceUsage().maxRSS / 1024;
    const perSecond = full.perSecond;
    const failures: string[] = [];
    const probeGrowth = scaling[0]!.perSecond / scaling[scaling.length - 1]!.perSecond;
    if (probeGrowth > 1.5) failures.push(`probe cost grew ${probeGrowth.toFixed(2)}× from 1/8 to full size (limit 1.5×)`);
    const goals: Goal[] = [
        {
            goal: 'at least 2,000,000 probes/s on one thread',
            measured: `${Math.round(perSecond).toLocaleString('en-US')}/s`,
            met: perSecond >= 2_000_000
        },
        { goal: 'full matrix of 1,000 instances under 1 s (stretch 100 ms)', measured: `${matrixMs.toFixed(0)} ms`, met: matrixMs < 1000 },
        { goal: 'peak memory under 1 GiB (parsing the workspace included)', measured: `${rss.toFixed(0)} MiB`, met: rss < 1024 },
        {
            goal: 'probe cost grows at most 1.5× (1/8 → full, probes from the same 125 sources)',
            measured: `${probeGrowth.toFixed(2)}×`,
            met: probeGrowth <= 1.5
        }
    ];
    return {
        goals,
        failures,
        scaling,
        rows: [
            ['compile the topology (1,000 VPCs)', `${median(compileSamples).toFixed(0)} ms`],
            [
                'probes per second (1M probes, 20 destinations per source, one thread, median of 3)',
                `${Math.round(perSecond).toLocaleString('en-US')} (${((full.accepted / 1_000_000) * 100).toFixed(0)}% accepted)`
            ],
            [
                'full matrix',
                `${matrixMs.toFixed(0)} ms for ${(matrix.cells.length * (matrix.cells[0]?.length ?? 0)).toLocaleString('en-US')} cells`
            ],
            ['instance classes found', `${matrix.classes} (of ${topology.instances.length} instances)`],
            ['peak memory (parse, compile, 1M probes, matrix)', `${rss.toFixed(0)} MiB`]
        ]
    };
}

/**
 * The diff's benchmark: two 1,000-VPC workspaces that differ by one security-group rule,
 * `vpc-lab diff` against one `vpc-lab check`, and the engine alone at growing sizes (the work
 * must follow the change, not the workspace): a rule changed in a VPC off the transit-gateway hub
 * touches its VPC and its two peers at every size; one in a spoke of the hub touches as well
 * every spoke, whose traffic reaches it through the hub.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Topology } from '../src/model/topology.js';
import { diffTopologies } from '../src/simulator/diff.js';
import { median, writeWorkspace, type Goal } from './check.js';
import { generateWorkspace, isHubSpoke, type GeneratedWorkspace } from './generate.js';
import { topologyOf } from './simulate.js';

/**
 * v{k}'s app-sg (the instance's group) admits PostgreSQL from 10.0.0.0/8: its two peered
 * neighbours reach it, and when v{k} is a spoke of the hub, every other spoke too.
 */
export function withOneRule(workspace: GeneratedWorkspace, vpc: number): GeneratedWorkspace {
    const files = new Map(workspace.files);
    for (const [name, text] of files) {
        const at = text.indexOf(`vpc v${vpc} region`);
        if (at < 0) continue;
        const group = text.indexOf('  security-group app-sg {\n', at);
        const head = '  security-group app-sg {\n'.length;
        files.set(name, text.slice(0, group + head) + '    ingress tcp 5432 from 10.0.0.0/8\n' + text.slice(group + head));
    }
    return { files, lines: workspace.lines + 1, counts: { ...workspace.counts, rules: workspace.counts.rules + 1 } };
}

function wall(args: string[], runs: number): { ms: number; stdout: string; status: number | null } {
    const samples: number[] = [];
    let last = { stdout: '', status: null as number | null };
    for (let i = 0; i < runs; i++) {
        const started = performance.now();
        const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
        samples.push(performance.now() - started);
        last = { stdout: run.stdout, status: run.status };
    }
    return { ms: median(samples), ...last };
}

/** The spoke of the hub in the middle of the workspace (v500 of 1,000), and a VPC off the hub near it. */
export const middleSpoke = (vpcs: number): number => 10 * Math.floor(vpcs / 20);
export const middleOffHub = (vpcs: number): number => Math.floor(vpcs / 2) + 2;
const spokes = (vpcs: number): number => Array.from({ length: vpcs }, (_, i) => i).filter(isHubSpoke).length;

/** The engine alone on the built models: one rule added to v{k}'s app-sg; median of 3. */
function engineDiff(a: Topology, k: number): { ms: number; sources: number } {
    const b = structuredClone(a);
    const group = b.securityGroups.find(g => g.id === `security-group:v${k}.app-sg`)!;
    group.rules.push({
        id: 'bench',
        direction: 'ingress',
        protocol: 'tcp',
        ports: { from: 5432, to: 5432 },
        peer: { kind: 'cidr', cidr: '10.0.0.0/8' }
    });
    const samples: number[] = [];
    let sources = 0;
    for (let i = 0; i < 3; i++) {
        const started = performance.now();
        sources = diffTopologies(a, b).simulatedSources;
        samples.push(performance.now() - started);
    }
    return { ms: median(samples), sources };
}

export async function benchDiff(
    root: string,
    runs = 3,
    size = 1000
): Promise<{
    rows: Array<[string, string]>;
    goals: Goal[];
    failures: string[];
    scaling: Array<{ vpcs: number; ms: number; sources: number; hubMs: number; hubSources: number }>;
}> {
    const failures: string[] = [];
    const full = generateWorkspace(size);
    const changed = middleSpoke(size);
    const before = join(root, '.vpc-lab', 'bench-diff', 'before');
    const after = join(root, '.vpc-lab', 'bench-diff', 'after');
    writeWorkspace(full, before);
    writeWorkspace(withOneRule(full, changed), after);
    const bin = join(root, 'bin', 'vpc-lab.cjs');
    const check = wall([bin, 'check', after, '--format', 'json'], runs);
    const diff = wall([bin, 'diff', before, after, '--format', 'json'], runs);
    const report = JSON.parse(diff.stdout || '{}') as { summary?: { opened: number; elements: number } };
    // From its two peers, and through the hub from every other spoke: one source class each.
    const opened = 2 + spokes(size) - 1;
    if (report.summary?.opened !== opened || report.summary.elements !== 1)
        failures.push(`the diff did not find the ${opened} flows one rule opens (${JSON.stringify(report.summary)})`);
    const ratio = diff.ms / check.ms;

    // The engine alone on the built models: the same one-rule change at each size, off the hub and in a spoke of it.
    const scaling: Array<{ vpcs: number; ms: number; sources: number; hubMs: number; hubSources: number }> = [];
    for (const vpcs of [125, 250, 500, 1000]) {
        const a = await topologyOf(vpcs);
        const off = engineDiff(a, middleOffHub(vpcs));
        const hub = engineDiff(a, middleSpoke(vpcs));
        scaling.push({ vpcs, ms: off.ms, sources: off.sources, hubMs: hub.ms, hubSources: hub.sources });
    }
    const first = scaling[0]!;
    const last = scaling[scaling.length - 1]!;
    if (last.sources !== first.sources)
        failures.push(
            `the diff simulated ${last.sources} source classes at 1,000 VPCs against ${first.sources} at 125 for a change off the hub: it should follow the change`
        );
    const hubReach = scaling.every(s => s.hubSources === 2 + spokes(s.vpcs));
    if (!hubReach)
        failures.push(
            `a rule changed in a spoke of the hub simulated ${scaling.map(s => s.hubSources).join(', ')} source classes, not its two peers and the hub's spokes (${scaling.map(s => 2 + spokes(s.vpcs)).join(', ')})`
        );
    const goals: Goal[] = [
        { goal: 'diff under 1.5× one check of the workspace', measured: `${ratio.toFixed(2)}×`, met: ratio < 1.5 },
        {
            goal: 'source classes simulated for a change off the hub do not grow with the workspace',
            measured: `${first.sources} at 125 VPCs, ${last.sources} at 1,000`,
            met: last.sources === first.sources
        },
        {
            goal: "source classes simulated for a change in a spoke of the hub: its two peers and the hub's spokes, no more",
            measured: `${first.hubSources} at 125 VPCs, ${last.hubSources} at 1,000`,
            met: hubReach
        }
    ];
    return {
        failures,
        goals,
        scaling,
        rows: [
            [
                'the change',
                `one rule added to v${changed}'s app-sg (ingress tcp 5432 from 10.0.0.0/8), a spoke of the hub: ${opened} flows newly open (from its 2 peers, and from the ${spokes(size) - 1} other spokes through the hub)`
            ],
            [`\`vpc-lab check\` of the AFTER workspace, wall, median of ${runs}`, `${check.ms.toFixed(0)} ms`],
            [`\`vpc-lab diff BEFORE AFTER\`, wall, median of ${runs}`, `${diff.ms.toFixed(0)} ms`],
            ['diff ÷ check', `${ratio.toFixed(2)}×`]
        ]
    };
}

/**
 * The diff's benchmark: two 1,000-VPC workspaces that differ by one security-group rule,
 * `vpc-lab diff` against one `vpc-lab check`, and the engine alone at growing sizes (the work
 * must follow the change, not the workspace).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { diffTopologies } from '../src/simulator/diff.js';
import { median, writeWorkspace, type Goal } from './check.js';
import { generateWorkspace, type GeneratedWorkspace } from './generate.js';
import { topologyOf } from './simulate.js';

/** v{k}'s app-sg (the instance's group) admits PostgreSQL from 10.0.0.0/8: its two peered neighbours reach it. */
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

export async function benchDiff(
    root: string,
    runs = 3
): Promise<{
    rows: Array<[string, string]>;
    goals: Goal[];
    failures: string[];
    scaling: Array<{ vpcs: number; ms: number; sources: number }>;
}> {
    const failures: string[] = [];
    const full = generateWorkspace(1000);
    const before = join(root, '.vpc-lab', 'bench-diff', 'before');
    const after = join(root, '.vpc-lab', 'bench-diff', 'after');
    writeWorkspace(full, before);
    writeWorkspace(withOneRule(full, 500), after);
    const bin = join(root, 'bin', 'vpc-lab.cjs');
    const check = wall([bin, 'check', after, '--format', 'json'], runs);
    const diff = wall([bin, 'diff', before, after, '--format', 'json'], runs);
    const report = JSON.parse(diff.stdout || '{}') as { summary?: { opened: number; elements: number } };
    if (report.summary?.opened !== 2 || report.summary.elements !== 1)
        failures.push(`the diff did not find the two flows one rule opens (${JSON.stringify(report.summary)})`);
    const ratio = diff.ms / check.ms;

    // The engine alone on the built models: the same one-rule change at each size.
    const scaling: Array<{ vpcs: number; ms: number; sources: number }> = [];
    for (const vpcs of [125, 250, 500, 1000]) {
        const a = await topologyOf(vpcs);
        const b = structuredClone(a);
        const group = b.securityGroups.find(g => g.id === `security-group:v${Math.floor(vpcs / 2)}.app-sg`)!;
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
        scaling.push({ vpcs, ms: median(samples), sources });
    }
    const first = scaling[0]!;
    const last = scaling[scaling.length - 1]!;
    if (last.sources !== first.sources)
        failures.push(
            `the diff simulated ${last.sources} source classes at 1,000 VPCs against ${first.sources} at 125: it should follow the change`
        );
    const goals: Goal[] = [
        { goal: 'diff under 1.5× one check of the workspace', measured: `${ratio.toFixed(2)}×`, met: ratio < 1.5 },
        {
            goal: 'source classes simulated do not grow with the workspace',
            measured: `${first.sources} at 125 VPCs, ${last.sources} at 1,000`,
            met: last.sources === first.sources
        }
    ];
    return {
        failures,
        goals,
        scaling,
        rows: [
            ['the change', "one rule added to v500's app-sg (ingress tcp 5432 from 10.0.0.0/8): 2 flows newly open"],
            [`\`vpc-lab check\` of the AFTER workspace, wall, median of ${runs}`, `${check.ms.toFixed(0)} ms`],
            [`\`vpc-lab diff BEFORE AFTER\`, wall, median of ${runs}`, `${diff.ms.toFixed(0)} ms`],
            ['diff ÷ check', `${ratio.toFixed(2)}×`]
        ]
    };
}

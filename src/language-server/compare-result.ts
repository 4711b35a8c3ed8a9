/**
 * A diff as the preview shows it: one entry per changed probe and flow, each with the path of a
 * representative flow traced on both sides, for the diagram's two colours.
 */
import type { FlowChange, ProbeChange, TopologyDiff, Traffic } from '../model/diff.js';
import type { Probe } from '../model/topology.js';
import type { Hop } from '../model/trace.js';
import type { CompareChange, CompareResult } from '../protocol.js';
import type { Compiled } from '../simulator/compile.js';
import { probeOf } from '../simulator/diff-side.js';
import { simulateProbe } from '../simulator/simulate.js';

interface Built {
    compiled(): Compiled;
    topology: { probes: Probe[] };
}

function trafficText(t: Traffic): string {
    return t.port === null ? t.protocol : `${t.protocol} ${t.port}`;
}

/** `a, b, c and 4 more`. */
function few(names: readonly string[], max = 3): string {
    return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** The flow's ends as the simulator names them, from the labels the diff reports (`vpc.instance`, `internet`, `service NAME`). */
function endsOf(compiled: Compiled): (label: string) => string | undefined {
    const instances = new Map<string, string>();
    for (const eni of compiled.enis) if (eni.kind === 'instance') instances.set(`${eni.subnet.vpc.model.name}.${eni.name}`, eni.owner);
    return label =>
        label === 'internet'
            ? 'internet'
            : label.startsWith('service ')
              ? `service:${label.slice('service '.length)}`
              : instances.get(label);
}

function trace(compiled: Compiled, probe: Probe | undefined): Hop[] {
    return probe ? simulateProbe(compiled, probe).hops : [];
}

function flowChange(
    flow: FlowChange,
    index: number,
    sides: Array<{ compiled: Compiled; end: (label: string) => string | undefined }>
): CompareChange {
    const source = flow.sources[0]!;
    const destination = flow.destinations.find(d => d !== source) ?? flow.destinations[0]!;
    const [pathBefore, pathAfter] = sides.map(side => {
        const from = side.end(source);
        const to = side.end(destination);
        return from && to ? trace(side.compiled, probeOf(from, to, flow)) : [];
    }) as [Hop[], Hop[]];
    const traffic = trafficText(flow);
    return {
        id: `flow-${index}`,
        subject: 'flow',
        kind: flow.kind,
        title: `${few(flow.sources)} → ${few(flow.destinations)} ${traffic}`,
        sources: flow.sources,
        destinations: flow.destinations,
        traffic,
        before: flow.before,
        after: flow.after,
        ...(flow.hopBefore ? { hopBefore: flow.hopBefore } : {}),
        ...(flow.hopAfter ? { hopAfter: flow.hopAfter } : {}),
        causes: flow.causes,
        pathBefore,
        pathAfter
    };
}

function probeChange(change: ProbeChange, index: number, before: Built, after: Built): CompareChange {
    const on = (side: Built) =>
        trace(
            side.compiled(),
            side.topology.probes.find(p => p.name === change.name)
        );
    return {
        id: `probe-${index}`,
        subject: 'probe',
        kind: change.kind,
        title: `probe ${change.name}: ${change.text}`,
        sources: [],
        destinations: [],
        traffic: '',
        before: change.before,
        after: change.after,
        ...(change.hopBefore ? { hopBefore: change.hopBefore } : {}),
        ...(change.hopAfter ? { hopAfter: change.hopAfter } : {}),
        causes: change.causes,
        pathBefore: on(before),
        pathAfter: on(after),
        ...(change.loc ? { loc: change.loc } : {})
    };
}

export function compareResult(diff: TopologyDiff, before: Built, after: Built): Pick<CompareResult, 'changes' | 'elements'> {
    const sides = [before, after].map(side => ({ compiled: side.compiled(), end: endsOf(side.compiled()) }));
    return {
        changes: [...diff.probes.map((p, i) => probeChange(p, i, before, after)), ...diff.flows.map((f, i) => flowChange(f, i, sides))],
        elements: diff.elements
    };
}

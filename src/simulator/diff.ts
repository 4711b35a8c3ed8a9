/**
 * The reachability diff: an answerer over two compiled topologies, beside the matrix. It lists
 * the changed elements, compares every probe and every flow a changed element can affect, traces
 * each changed flow on both sides, and finds its causes by re-simulation: for each changed
 * element the flow could pass through, the AFTER topology with that element alone reverted to its
 * BEFORE state; the elements whose reversion flips the flow back are its causes.
 */
import type { ChangeKind, DecidingHop, ElementChange, FlowChange, ProbeChange, SideVerdict, TopologyDiff, Traffic } from '../model/diff.js';
import type { Probe, Topology } from '../model/topology.js';
import type { ProbeResult } from '../model/trace.js';
import { compile, type Compiled } from './compile.js';
import { CompiledVariants, type VariantParts } from './compile-variants.js';
import { diffElements, knownKinds, variantParts, type Change } from './diff-elements.js';
import { reachOf } from './diff-reach.js';
import { compareFlows, same, type RawFlow } from './diff-flows.js';
import { ABSENT, probeOf, Side, type End } from './diff-side.js';
import { trafficFor } from './diff-traffic.js';
import { simulateProbe } from './simulate.js';

export { DEFAULT_TRAFFIC } from './diff-traffic.js';

export function changeKind(before: SideVerdict, after: SideVerdict): ChangeKind {
    if (after.verdict === 'ACCEPT') return 'opened';
    if (before.verdict === 'ACCEPT') return 'closed';
    return 'reason';
}

function verdictOfResult(result: ProbeResult | undefined): SideVerdict {
    return result ? { verdict: result.verdict, reason: result.reason } : ABSENT;
}

/**
 * The hop that decides a flow on one side: the first that rejects; on an accepting side, the
 * first hop where its path parts from the other side's (the rule or route that now lets it by).
 */
function decidingHop(result: ProbeResult | undefined, other: ProbeResult | undefined): DecidingHop | undefined {
    if (!result) return undefined;
    const pick = (index: number) => {
        const hop = result.hops[index];
        return (
            hop && {
                kind: hop.kind,
                name: hop.name,
                vpc: hop.vpc,
                detail: hop.detail,
                ...(hop.elementId ? { elementId: hop.elementId } : {})
            }
        );
    };
    if (result.blockers[0]) return pick(result.blockers[0].hop);
    const theirs = other?.hops ?? [];
    const parts = result.hops.findIndex((hop, i) => {
        const them = theirs[i];
        return (
            !them || them.kind !== hop.kind || them.elementId !== hop.elementId || them.action !== hop.action || them.detail !== hop.detail
        );
    });
    return pick(parts >= 0 ? parts : result.hops.length - 1);
}

function publicChange(change: Change): ElementChange {
    const { change: kind, element, text, before, after } = change;
    return { change: kind, element, text, ...(before ? { before } : {}), ...(after ? { after } : {}) };
}

class Causes {
    private readonly reverted = new Map<Change, () => Compiled>();
    constructor(
        private readonly changes: readonly Change[],
        private readonly after: Topology,
        private readonly variants: CompiledVariants
    ) {}

    /** The AFTER topology with `change` undone, compiled: for a rule or route, only its container again. */
    private compiledWithout(change: Change): Compiled {
        let open = this.reverted.get(change);
        if (!open) {
            const reverted = change.revert(this.after);
            const variant = change.part && this.variants.variant(reverted, partsOf(change));
            if (variant) open = () => this.variants.use(variant);
            else {
                const compiled = compile(reverted);
                open = () => compiled;
            }
            this.reverted.set(change, open);
        }
        return open();
    }

    /** The changes near `vpcs` (all, when undefined) whose reversion alone moves the probe off its AFTER verdict. */
    find(probe: Probe, afterVerdict: SideVerdict, vpcs: Set<string> | undefined): ElementChange[] {
        return this.changes
            .filter(c => vpcs === undefined || c.vpcs === undefined || c.vpcs.some(v => vpcs.has(v)))
            .filter(c => {
                const compiled = this.compiledWithout(c);
                const missing = (id: string | undefined) => id !== undefined && !compiled.enisByOwner.has(id);
                const gone =
                    (probe.source.kind === 'instance' && missing(probe.source.instance)) ||
                    (probe.destination.kind === 'instance' && missing(probe.destination.instance));
                return !same(gone ? ABSENT : verdictOfResult(simulateProbe(compiled, probe, false)), afterVerdict);
            })
            .map(publicChange);
    }
}

function label(side: Side, other: Side, end: End): string {
    if (end === 'internet') return 'internet';
    if (end.startsWith('service:')) return `service ${end.slice('service:'.length)}`;
    const eni = side.enis.get(end) ?? other.enis.get(end);
    return eni ? `${eni.subnet.vpc.model.name}.${eni.name}` : end;
}

/** Probes matched by name (a probe without one is named by its text), then by text. */
function matchProbes(before: readonly Probe[], after: readonly Probe[]): Array<[Probe | undefined, Probe | undefined]> {
    const pairs: Array<[Probe | undefined, Probe | undefined]> = [];
    const left = new Map(before.map(p => [p.name, p]));
    const unmatched: Probe[] = [];
    for (const probe of after) {
        const match = left.get(probe.name);
        if (match) {
            left.delete(probe.name);
            pairs.push([match, probe]);
        } else unmatched.push(probe);
    }
    for (const probe of unmatched) {
        const match = [...left.values()].find(p => p.text === probe.text);
        if (match) {
            left.delete(match.name);
            pairs.push([match, probe]);
        } else pairs.push([undefined, probe]);
    }
    for (const probe of left.values()) pairs.push([probe, undefined]);
    return pairs;
}

function partsOf(change: Change): VariantParts {
    const only = (list: string) => new Set(change.part === list ? [change.element] : []);
    return { groups: only('securityGroups'), nacls: only('networkAcls'), tables: only('routeTables') };
}

export interface DiffOptions {
    traffic?: Traffic[];
    /**
     * The sides already compiled, or what compiles them (the language workspace compiles its
     * topology once per build). The AFTER side's compiled objects may be changed while the diff
     * runs, and are as they were when it returns.
     */
    compiled?: { before?: Compiled | (() => Compiled); after?: Compiled | (() => Compiled) };
}

export function diffTopologies(beforeTopology: Topology, afterTopology: Topology, options: DiffOptions = {}): TopologyDiff {
    const given = options.compiled?.after;
    const variants = new CompiledVariants((typeof given === 'function' ? given() : given) ?? compile(afterTopology));
    try {
        return diffWith(beforeTopology, afterTopology, variants, options);
    } finally {
        variants.use(undefined);
    }
}

function diffWith(beforeTopology: Topology, afterTopology: Topology, variants: CompiledVariants, options: DiffOptions): TopologyDiff {
    const changes = diffElements(beforeTopology, afterTopology);
    const global = changes.some(c => c.vpcs === undefined) || !knownKinds(beforeTopology) || !knownKinds(afterTopology);
    const changed = global ? undefined : new Set(changes.flatMap(c => c.vpcs!));
    const traffic = options.traffic ?? trafficFor(beforeTopology, afterTopology);
    // When only rules and routes changed, the BEFORE side is the AFTER side's compiled objects with those put back.
    const parts = variantParts(changes, beforeTopology, afterTopology);
    const variant = parts && variants.variant(beforeTopology, parts);
    const given = options.compiled?.before;
    // Security-group and ACL rules play no part in how far traffic goes: the sides' reach is then one.
    const after = new Side(afterTopology, () => variants.use(undefined));
    const before = new Side(
        beforeTopology,
        variant ? () => variants.use(variant) : ((typeof given === 'function' ? given() : given) ?? compile(beforeTopology)),
        variant && parts.tables.size === 0 ? reachOf(afterTopology) : undefined
    );
    const causes = new Causes(changes, afterTopology, variants);

    const probes: ProbeChange[] = [];
    for (const [b, a] of matchProbes(beforeTopology.probes, afterTopology.probes)) {
        const rb = b && simulateProbe(before.compiled, b);
        const ra = a && simulateProbe(after.compiled, a);
        const vb = verdictOfResult(rb);
        const va = verdictOfResult(ra);
        if (b && a && same(vb, va)) continue;
        const kind = !b ? 'added' : !a ? 'removed' : changeKind(vb, va);
        const hopBefore = decidingHop(rb, ra);
        const hopAfter = decidingHop(ra, rb);
        const loc = (a ?? b)!.loc;
        probes.push({
            name: (a ?? b)!.name,
            text: (a ?? b)!.text,
            kind,
            before: vb,
            after: va,
            ...(hopBefore ? { hopBefore } : {}),
            ...(hopAfter ? { hopAfter } : {}),
            ...(loc ? { loc } : {}),
            causes: a && b ? causes.find(a, va, undefined) : []
        });
    }

    const { flows: raw, simulatedSources } = compareFlows(before, after, traffic, { changed });
    const flows = raw.map(flow => describeFlow(flow, before, after, causes, changed === undefined));
    return { traffic, elements: changes.map(publicChange), probes, flows, simulatedSources };
}

function describeFlow(flow: RawFlow, before: Side, after: Side, causes: Causes, global: boolean): FlowChange {
    const probe = probeOf(flow.source, flow.destination, flow.traffic);
    const trace = (side: Side) => (side.has(flow.source) && side.has(flow.destination) ? simulateProbe(side.compiled, probe) : undefined);
    const rb = trace(before);
    const ra = trace(after);
    const hopBefore = decidingHop(rb, ra);
    const hopAfter = decidingHop(ra, rb);
    // The VPCs the representative flow can pass through, on either side.
    const vpcs = new Set<string>();
    for (const side of [before, after]) {
        for (const end of [flow.source, flow.destination]) {
            const vpc = side.vpcOf(end);
            if (vpc) for (const v of end === flow.source ? side.reach(vpc) : [vpc]) vpcs.add(v);
        }
    }
    const names = (ends: End[]) => ends.map(e => label(after, before, e));
    return {
        kind: changeKind(flow.before, flow.after),
        protocol: flow.traffic.protocol,
        port: flow.traffic.port,
        sources: names(flow.sources),
        destinations: names(flow.destinations),
        before: flow.before,
        after: flow.after,
        ...(hopBefore ? { hopBefore } : {}),
        ...(hopAfter ? { hopAfter } : {}),
        causes: causes.find(probe, flow.after, global ? undefined : vpcs)
    };
}

/** Whether the diff has changes of the given kind (`any`: any reachability change). */
export function hasChange(diff: TopologyDiff, kind: 'opened' | 'closed' | 'any'): boolean {
    const kinds = [...diff.flows.map(f => f.kind), ...diff.probes.map(p => p.kind)];
    return kind === 'any' ? kinds.length > 0 : kinds.includes(kind);
}

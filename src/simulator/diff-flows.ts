/**
 * The flows whose verdict differs between two sides, found class by class.
 *
 * Why the work grows with the change and not with the square of the workspace: a flow from an
 * instance walks only through the VPCs its own VPC reaches (its own, its peers, an appliance's,
 * those behind its transit gateways and endpoint services); a flow from the internet only through
 * its destination's VPC. So a changed element in VPC v can alter only (1) flows from sources
 * whose reach contains v, to anything, or, when v is met only behind a transit gateway, to the
 * destinations inside the blocks the gateway delivers into v's side of it, and (2) flows into
 * instances of v, from sources that cannot deliver into v, which see nothing of the destination
 * but its address and groups: they change only when those do. Every other flow is left alone
 * without being simulated; the flows simulated are grouped into classes of instances that no
 * rule or route tells apart, as the matrix does, one walk per pair of classes and traffic.
 */
import type { SideVerdict, Traffic } from '../model/diff.js';
import type { Topology } from '../model/topology.js';
import { addrOf, inSpan, type Span } from './cidr.js';
import { Side, type End } from './diff-side.js';

/** Flows that changed the same way, with a representative pair to trace. */
export interface RawFlow {
    traffic: Traffic;
    sources: End[];
    destinations: End[];
    before: SideVerdict;
    after: SideVerdict;
    source: End;
    destination: End;
}

export function same(a: SideVerdict, b: SideVerdict): boolean {
    return a.verdict === b.verdict && a.reason === b.reason;
}

/** Whether a pair of verdicts is a change worth reporting (appearing or vanishing while rejected is not). */
export function reportable(before: SideVerdict, after: SideVerdict): boolean {
    if (same(before, after)) return false;
    if (before.verdict === 'ACCEPT' || after.verdict === 'ACCEPT') return true;
    return before.verdict === 'REJECT' && after.verdict === 'REJECT';
}

export interface FlowScope {
    /** VPC ids where something changed; undefined: anything may have. */
    changed?: Set<string>;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
    const map = new Map<string, T[]>();
    for (const item of items) {
        const k = key(item);
        const list = map.get(k);
        if (list) list.push(item);
        else map.set(k, [item]);
    }
    return [...map.values()];
}

export function services(before: Side, after: Side): string[] {
    const names = new Set(['s3', 'dynamodb']);
    for (const side of [before, after])
        for (const vpc of side.compiled.vpcs.values()) for (const e of vpc.interfaceEndpoints) names.add(e.model.service);
    return [...names].sort().map(s => `service:${s}`);
}

export function compareFlows(
    before: Side,
    after: Side,
    traffic: readonly Traffic[],
    scope: FlowScope
): { flows: RawFlow[]; simulatedSources: number } {
    const instances = [...new Set([...before.enis.keys(), ...after.enis.keys()])].sort();
    const changed = scope.changed;
    const touches = (vpcs: Array<string | undefined>) => changed === undefined || vpcs.some(v => v !== undefined && changed.has(v));
    const reachOf = (id: string) => [
        ...(before.vpcOf(id) ? before.reach(before.vpcOf(id)!) : []),
        ...(after.vpcOf(id) ? after.reach(after.vpcOf(id)!) : [])
    ];
    const inChanged = (id: string) => touches([before.vpcOf(id), after.vpcOf(id)]);
    const combined = (id: string) => `${before.classOf(id) ?? '-'}|${after.classOf(id) ?? '-'}`;
    const flows: RawFlow[] = [];
    const targets: End[] = ['internet', ...services(before, after)];

    const compare = (sources: End[], destinations: End[], source: End, destination: End, keyBefore: string, keyAfter: string) => {
        const bs = before.verdicts(source, destination, traffic, keyBefore);
        const as = after.verdicts(source, destination, traffic, keyAfter);
        traffic.forEach((t, i) => {
            const b = bs[i]!;
            const a = as[i]!;
            if (reportable(b, a)) flows.push({ traffic: t, sources, destinations, before: b, after: a, source, destination });
        });
    };

    const affected = instances.filter(id => touches(reachOf(id)));
    const affectedSet = new Set(affected);
    const sourceGroups = groupBy(affected, combined);
    for (const group of sourceGroups) {
        const s = group[0]!;
        const spans = scopeOf(before, after, s, changed);
        const destinations = spans === 'all' ? instances : instances.filter(d => before.inside(d, spans) || after.inside(d, spans));
        const destinationGroups = groupBy(destinations, d => `${before.destinationKey(s, d)}|${after.destinationKey(s, d)}`);
        for (const members of destinationGroups) {
            const d = members.find(m => m !== s);
            if (d === undefined) continue;
            compare(
                group,
                members,
                s,
                d,
                `${before.classOf(s)}>${before.destinationKey(s, d)}`,
                `${after.classOf(s)}>${after.destinationKey(s, d)}`
            );
        }
        // A service's traffic may meet a load balancer, which sends it on to another address: never narrowed.
        for (const target of targets)
            if (spans === 'all' || target !== 'internet' || spans.some(span => inSpan(INTERNET, span)))
                compare(group, [target], s, target, `${before.classOf(s)}>${target}`, `${after.classOf(s)}>${target}`);
    }

    // Into changed VPCs from sources that cannot deliver there: only a destination whose address or groups changed can differ.
    const moved = instances.filter(d => inChanged(d) && !sameFace(before, after, d));
    if (moved.length > 0) {
        for (const group of groupBy(
            instances.filter(id => !affectedSet.has(id)),
            combined
        )) {
            const s = group[0]!;
            for (const d of moved) {
                if (group.length === 1 && d === s) continue;
                compare(
                    group,
                    [d],
                    s,
                    d,
                    `${before.classOf(s)}>${before.destinationKey(s, d)}`,
                    `${after.classOf(s)}>${after.destinationKey(s, d)}`
                );
            }
        }
    }

    // From the internet: only into changed VPCs.
    for (const members of groupBy(instances.filter(inChanged), combined)) {
        const d = members[0]!;
        compare(['internet'], members, 'internet', d, `internet>${before.classOf(d)}`, `internet>${after.classOf(d)}`);
    }
    return { flows, simulatedSources: sourceGroups.length };
}

/** The internet address the flows to `internet` use (see `probeOf`). */
const INTERNET = addrOf('8.8.8.8')!;

/** The destinations of `source` the change can affect, on either side. */
function scopeOf(before: Side, after: Side, source: string, changed: ReadonlySet<string> | undefined): 'all' | Span[] {
    if (changed === undefined) return 'all';
    const scopes = [before.scope(source, changed), after.scope(source, changed)];
    if (scopes.includes('all')) return 'all';
    return scopes.flatMap(x => (x === 'none' || x === 'all' ? [] : x));
}

/** Whether a destination looks the same from outside its VPC on both sides: same address, same groups. */
function sameFace(before: Side, after: Side, id: string): boolean {
    const b = before.enis.get(id);
    const a = after.enis.get(id);
    if (!b || !a) return false;
    return b.ipv4 === a.ipv4 && b.ipv6 === a.ipv6 && b.groups.map(g => g.id).join() === a.groups.map(g => g.id).join();
}

/** Every flow simulated one by one, with no classes and no scope: the reference the class-based diff must equal. */
export function compareFlowsBruteForce(beforeTopology: Topology, afterTopology: Topology, traffic: readonly Traffic[]): RawFlow[] {
    const before = new Side(beforeTopology);
    const after = new Side(afterTopology);
    const instances = [...new Set([...before.enis.keys(), ...after.enis.keys()])].sort();
    const targets: End[] = ['internet', ...services(before, after)];
    const flows: RawFlow[] = [];
    let n = 0;
    const one = (s: End, d: End) => {
        const key = String(n++);
        const bs = before.verdicts(s, d, traffic, key);
        const as = after.verdicts(s, d, traffic, key);
        traffic.forEach((t, i) => {
            const b = bs[i]!;
            const a = as[i]!;
            if (reportable(b, a))
                flows.push({ traffic: t, sources: [s], destinations: [d], before: b, after: a, source: s, destination: d });
        });
    };
    for (const s of instances) {
        for (const d of instances) if (d !== s) one(s, d);
        for (const target of targets) one(s, target);
    }
    for (const d of instances) one('internet', d);
    return flows;
}

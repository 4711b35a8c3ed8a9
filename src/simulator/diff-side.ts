/**
 * One side of a diff, compiled once: its instances' classes (as the matrix groups them), the VPCs
 * a source's traffic can touch, and verdicts cached per class.
 */
import type { SideVerdict, Traffic } from '../model/diff.js';
import type { Probe, Topology } from '../model/topology.js';
import { inSpan, type Span } from './cidr.js';
import { compile, type CEni, type CVpc, type Compiled } from './compile.js';
import { reachOf, type TopologyReach } from './diff-reach.js';
import { Walk } from './engine.js';
import { atomIndex, atomsOf, classKeyer } from './matrix.js';

export const ABSENT: SideVerdict = { verdict: 'ABSENT', reason: null };

/** A flow's ends: an instance id, `internet`, or `service:NAME`. */
export type End = string;

export function probeOf(source: End, destination: End, traffic: Traffic): Probe {
    return {
        kind: 'probe',
        id: 'matrix',
        name: 'diff',
        text: '',
        source: source === 'internet' ? { kind: 'internet' } : { kind: 'instance', instance: source },
        destination:
            destination === 'internet'
                ? { kind: 'internet', address: '8.8.8.8' }
                : destination.startsWith('service:')
                  ? { kind: 'service', service: destination.slice('service:'.length) }
                  : { kind: 'instance', instance: destination },
        protocol: traffic.protocol,
        port: traffic.port ?? undefined
    };
}

function walkVerdict(compiled: Compiled, probe: Probe): SideVerdict {
    const walk = new Walk(compiled, probe, false);
    walk.run();
    const first = walk.blockers[0];
    return first ? { verdict: 'REJECT', reason: first.reason } : { verdict: 'ACCEPT', reason: null };
}

export class Side {
    /** The compiled topology, in this side's state (see compile-variants.ts: the sides may share one). */
    private readonly open: () => Compiled;
    /** Instance id → its ENI. */
    readonly enis = new Map<string, CEni>();
    private readonly classes = new Map<string, string>();
    private readonly keyer: (eni: CEni) => string;
    private readonly atoms = new Map<CVpc, number[]>();
    /** Verdicts by the classes a pair stands for, one per traffic of `cachedFor`. */
    private readonly cache = new Map<string, readonly SideVerdict[]>();
    private cachedFor: readonly Traffic[] | undefined;

    private readonly reachOfTopology: TopologyReach;

    /**
     * `compiled`: the topology compiled, or what puts it in place and returns it; `reach`: the
     * topology's reach when another's is known to be the same (see `TopologyReach`).
     */
    constructor(
        readonly topology: Topology,
        compiled?: Compiled | (() => Compiled),
        reach?: TopologyReach
    ) {
        this.reachOfTopology = reach ?? reachOf(topology);
        if (typeof compiled === 'function') this.open = compiled;
        else {
            const fixed = compiled ?? compile(topology);
            this.open = () => fixed;
        }
        const { enis } = this.compiled;
        for (const eni of enis) if (eni.kind === 'instance' && !this.enis.has(eni.owner)) this.enis.set(eni.owner, eni);
        this.keyer = classKeyer(this.compiled);
    }

    /** The compiled topology, standing for this side until the other side's is asked for. */
    get compiled(): Compiled {
        return this.open();
    }

    /** The instance's class (as the matrix groups instances), computed only for the instances a diff looks at. */
    classOf(instance: string): string | undefined {
        let key = this.classes.get(instance);
        if (key === undefined) {
            const eni = this.enis.get(instance);
            if (!eni) return undefined;
            this.open();
            key = this.keyer(eni);
            this.classes.set(instance, key);
        }
        return key;
    }

    vpcOf(instance: string): string | undefined {
        return this.enis.get(instance)?.subnet.vpc.model.id;
    }

    /** The VPCs traffic from `vpc` can touch (see `TopologyReach.from`): peers, appliances, transit gateways, endpoint services. */
    reach(vpc: string): Set<string> {
        return this.reachOfTopology.from(vpc);
    }

    /**
     * What of a destination instance a source can tell: its class when the source can deliver into
     * its VPC (or it has no private IPv4, or it is someone's public address), else only where its
     * address falls among the blocks the source's VPC names, and which of the groups the source's
     * egress rules name it is in (as the matrix reasons).
     */
    destinationKey(source: string, destination: string): string {
        const s = this.enis.get(source);
        const d = this.enis.get(destination);
        if (!s || !d) return '-';
        this.open();
        const vpc = s.subnet.vpc;
        const named = [...new Set(s.groups.flatMap(g => g.egress.flatMap(r => (r.group ? [r.group] : []))))];
        if (
            d.ipv4 === undefined ||
            named.length > 16 ||
            this.reach(vpc.model.id).has(d.subnet.vpc.model.id) ||
            this.compiled.publicIps.has(d.ipv4)
        ) {
            return `c${this.classOf(destination)}`;
        }
        let bounds = this.atoms.get(vpc);
        if (!bounds) {
            bounds = this.boundsFor(vpc);
            this.atoms.set(vpc, bounds);
        }
        let membership = 0;
        named.forEach((group, k) => {
            if (d.groups.includes(group)) membership |= 1 << k;
        });
        return `u${atomIndex(bounds, d.ipv4)}/${membership}`;
    }

    /**
     * The boundaries that tell destinations apart for traffic from `vpc` that cannot deliver into
     * theirs: every block named by a VPC it is routed on from (its own, an appliance's, those behind
     * a transit gateway) and by any transit gateway's routes.
     */
    private boundsFor(vpc: CVpc): number[] {
        const routed = this.reachOfTopology.routed(vpc.model.id);
        if (routed.size === 1 && this.compiled.tgws.size === 0) return atomsOf(this.compiled, vpc);
        const bounds = new Set<number>();
        for (const id of routed) {
            const other = this.compiled.vpcs.get(id);
            if (other) for (const b of atomsOf(this.compiled, other)) bounds.add(b);
        }
        for (const tgw of this.compiled.tgws.values())
            for (const table of tgw.tables)
                for (const route of table.routes)
                    if (!route.span.v6) {
                        bounds.add(route.span.first as number);
                        bounds.add((route.span.last as number) + 1);
                    }
        return [...bounds].sort((a, b) => a - b);
    }

    /** Which destinations of `source` a change in the `changed` VPCs can affect (see `TopologyReach.scope`). */
    scope(source: string, changed: ReadonlySet<string>): 'all' | Span[] | 'none' {
        const vpc = this.vpcOf(source);
        return vpc === undefined ? 'none' : this.reachOfTopology.scope(vpc, changed);
    }

    /** Whether an instance has an address inside one of the spans (or none at all, which no span can rule out). */
    inside(instance: string, spans: readonly Span[]): boolean {
        const eni = this.enis.get(instance);
        if (!eni) return false;
        const addrs = [eni.ipv4, eni.ipv6].filter(a => a !== undefined);
        return addrs.length === 0 || addrs.some(a => spans.some(span => inSpan(a, span)));
    }

    has(end: End): boolean {
        return end === 'internet' || end.startsWith('service:') || this.enis.has(end);
    }

    /** The verdicts of one pair for each traffic, cached under `key` (the classes it stands for). */
    verdicts(source: End, destination: End, traffic: readonly Traffic[], key: string): readonly SideVerdict[] {
        if (!this.has(source) || !this.has(destination)) return traffic.map(() => ABSENT);
        if (this.cachedFor !== traffic) {
            this.cache.clear();
            this.cachedFor = traffic;
        }
        let verdicts = this.cache.get(key);
        if (!verdicts) {
            const probe = probeOf(source, destination, traffic[0] ?? { protocol: 'icmp', port: null });
            const compiled = this.compiled;
            verdicts = traffic.map(t => walkVerdict(compiled, { ...probe, protocol: t.protocol, port: t.port ?? undefined }));
            this.cache.set(key, verdicts);
        }
        return verdicts;
    }
}

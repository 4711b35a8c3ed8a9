/**
 * Who can reach whom: every instance to every instance, to the internet and to each service.
 * Instances that no rule or route can tell apart (same subnet, same groups, public address or
 * not, and on the same side of every narrower block named anywhere) form a class; one probe per
 * pair of classes answers for all their members.
 */
import type { Matrix, MatrixCell } from '../model/preview-data.js';
import type { Probe, Protocol } from '../model/topology.js';
import { inSpan, type Span } from './cidr.js';
import { NOT_ROUTED } from './paths.js';
import type { CEni, CVpc, Compiled } from './compile.js';
import { Walk } from './engine.js';
import { resolveLoadBalancer } from './load-balancers.js';

export type { Matrix, MatrixCell } from '../model/preview-data.js';

const MATRIX_PROBE_ID = 'matrix';

function probeFor(source: CEni, destination: Probe['destination'], protocol: Protocol, port: number | undefined): Probe {
    return {
        kind: 'probe',
        id: MATRIX_PROBE_ID,
        name: 'matrix',
        text: '',
        source: { kind: 'instance', instance: source.owner },
        destination,
        protocol,
        port
    };
}

function verdict(compiled: Compiled, probe: Probe): MatrixCell {
    const walk = new Walk(compiled, probe, false);
    walk.run();
    const first = walk.blockers[0];
    return first ? { verdict: 'REJECT', reason: first.reason } : { verdict: 'ACCEPT', reason: null };
}

/** Every block named by a rule or a route (and every VPC and subnet block): what could tell two addresses apart. */
function namedSpans(compiled: Compiled): Span[] {
    const spans = new Map<string, Span>();
    // Most rules and routes share a few span objects: each is keyed once.
    const seen = new Set<Span>();
    const add = (span: Span | undefined) => {
        if (!span || seen.has(span)) return;
        seen.add(span);
        spans.set(span.text + span.prefix, span);
    };
    const addRules = (rules: readonly { span?: Span }[]) => {
        for (const rule of rules) add(rule.span);
    };
    for (const group of compiled.groups.values()) {
        addRules(group.ingress);
        addRules(group.egress);
    }
    const nacls = new Set<unknown>();
    const tables = new Set<unknown>();
    for (const subnet of compiled.subnets.values()) {
        if (subnet.nacl && !nacls.has(subnet.nacl)) {
            nacls.add(subnet.nacl);
            addRules(subnet.nacl.inbound);
            addRules(subnet.nacl.outbound);
        }
        if (subnet.table && !tables.has(subnet.table)) {
            tables.add(subnet.table);
            for (const route of subnet.table.routes) add(route.span);
        }
    }
    for (const tgw of compiled.tgws.values()) for (const table of tgw.tables) for (const route of table.routes) add(route.span);
    return [...spans.values()];
}

/** The class of an instance: what any rule, route or group can see of it. */
export function classKeys(compiled: Compiled, enis: CEni[]): string[] {
    return enis.map(classKeyer(compiled));
}

/** The class key of any instance ENI, computed on demand (the blocks that matter, once per subnet). */
export function classKeyer(compiled: Compiled): (eni: CEni) => string {
    let spans: Span[] | undefined;
    /** The IPv4 spans with their place in `spans`, by first address. */
    let byFirst: Array<{ span: Span; at: number }> | undefined;
    const bySubnet = new Map<string, Span[]>();
    return eni => {
        const subnet = eni.subnet;
        let relevant = bySubnet.get(subnet.model.id);
        if (!relevant) {
            spans ??= namedSpans(compiled);
            byFirst ??= spans
                .map((span, at) => ({ span, at }))
                .filter(x => !x.span.v6)
                .sort((a, b) => (a.span.first as number) - (b.span.first as number));
            const found = new Set<number>();
            // A narrower block that overlaps a subnet's block lies inside it (blocks are aligned): it starts inside it.
            for (const o of subnet.spans) {
                if (o.v6) continue;
                for (let i = lowerBound(byFirst, o.first as number); i < byFirst.length; i++) {
                    const { span, at } = byFirst[i]!;
                    if ((span.first as number) > (o.last as number)) break;
                    if (span.prefix > o.prefix) found.add(at);
                }
            }
            relevant = [...found].sort((a, b) => a - b).map(at => spans![at]!);
            bySubnet.set(subnet.model.id, relevant);
        }
        const bits = eni.ipv4 === undefined ? 'none' : relevant.map(span => (inSpan(eni.ipv4!, span) ? '1' : '0')).join('');
        return `${subnet.model.id}|${eni.groups
            .map(g => g.id)
            .sort()
            .join(',')}|${eni.publicIp !== undefined}|${bits}`;
    };
}

/** The first place in `sorted` whose span starts at or after `addr`. */
function lowerBound(sorted: ReadonlyArray<{ span: Span }>, addr: number): number {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((sorted[mid]!.span.first as number) < addr) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

export interface MatrixOptions {
    protocol?: Protocol;
    port?: number;
    byClass?: boolean;
}

/**
 * The boundaries of every block a VPC's routes, network ACLs and security groups name (with its
 * peers' blocks and the addresses the internet does not route): two addresses between the same
 * boundaries look the same to everything in that VPC. (An address that is also someone's public
 * IP is told apart separately.)
 */
export function atomsOf(compiled: Compiled, vpc: CVpc): number[] {
    const bounds = new Set<number>();
    const add = (span: Span | undefined) => {
        if (!span || span.v6) return;
        bounds.add(span.first as number);
        bounds.add((span.last as number) + 1);
    };
    for (const subnet of vpc.subnets) {
        for (const route of subnet.table?.routes ?? []) add(route.span);
        for (const rule of [...(subnet.nacl?.inbound ?? []), ...(subnet.nacl?.outbound ?? [])]) add(rule.span);
    }
    for (const group of compiled.groups.values()) if (group.vpc === vpc) for (const rule of group.egress) add(rule.span);
    for (const peering of compiled.index.vpcs.get(vpc.model.id)?.peerings ?? []) {
        for (const span of compiled.vpcs.get(compiled.index.peerOf(peering, vpc.model.id) ?? '')?.spans ?? []) add(span);
    }
    for (const span of NOT_ROUTED) add(span);
    return [...bounds].sort((a, b) => a - b);
}

export function atomIndex(bounds: number[], addr: number): number {
    let lo = 0;
    let hi = bounds.length;
    while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (bounds[mid]! <= addr) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

export function computeMatrix(compiled: Compiled, options: MatrixOptions = {}): Matrix {
    const protocol = options.protocol ?? 'tcp';
    const port = protocol === 'tcp' || protocol === 'udp' ? (options.port ?? 443) : undefined;
    const enis = compiled.enis.filter(e => e.kind === 'instance');
    const services = [
        ...new Set(['s3', 'dynamodb', ...[...compiled.vpcs.values()].flatMap(v => v.interfaceEndpoints.map(e => e.model.service))])
    ].sort();
    const loadBalancers = [...compiled.loadBalancers.values()];
    const targets = ['internet', ...services, ...loadBalancers.map(lb => `load-balancer ${lb.vpc.model.name}.${lb.model.name}`)];
    const columns: Array<Probe['destination']> = [
        { kind: 'internet', address: '8.8.8.8' },
        ...services.map(service => ({ kind: 'service' as const, service })),
        ...loadBalancers.map(lb => ({ kind: 'load-balancer' as const, loadBalancer: lb.model.id }))
    ];
    const destinations: Array<Probe['destination']> = [...enis.map(d => ({ kind: 'instance' as const, instance: d.owner })), ...columns];

    if (options.byClass === false) {
        const cells = enis.map(source => destinations.map(d => verdict(compiled, probeFor(source, d, protocol, port))));
        return { protocol, port: port ?? null, instances: enis.map(label), targets, cells, classes: enis.length };
    }

    const keys = classKeys(compiled, enis);
    const classOf = new Map<string, number>();
    const members: CEni[][] = [];
    const classIndex = keys.map((key, i) => {
        let c = classOf.get(key);
        if (c === undefined) {
            c = members.length;
            classOf.set(key, c);
            members.push([]);
        }
        members[c]!.push(enis[i]!);
        return c;
    });
    const classCount = members.length;
    // Class to class: a representative source and a representative destination that differ when they can.
    const between = new Map<number, MatrixCell>();
    const pairCell = (a: number, b: number): MatrixCell => {
        const key = a * classCount + b;
        let cell = between.get(key);
        if (!cell) {
            const source = members[a]![0]!;
            const destination = a === b ? members[b]![1] : members[b]![0];
            cell = destination
                ? verdict(compiled, probeFor(source, { kind: 'instance', instance: destination.owner }, protocol, port))
                : { verdict: 'ACCEPT', reason: null };
            between.set(key, cell);
        }
        return cell;
    };
    // A destination in a VPC the source cannot deliver to (not its own, not a peer) is never
    // reached: its verdict depends only on its address's atom in the source VPC and its groups.
    const atoms = new Map<CVpc, number[]>();
    const reachable = new Map<CVpc, Set<CVpc>>();
    // The groups a source's egress rules name: the only thing of a destination's groups it can see.
    const egressGroups = members.map(list => [...new Set(list[0]!.groups.flatMap(g => g.egress.flatMap(r => (r.group ? [r.group] : []))))]);
    const unreachableCells = members.map(() => new Map<number, MatrixCell>());
    const reachableFrom = (vpc: CVpc): Set<CVpc> => {
        let set = reachable.get(vpc);
        if (!set) {
            set = new Set([vpc]);
            for (const peering of compiled.index.vpcs.get(vpc.model.id)?.peerings ?? []) {
                const peer = compiled.vpcs.get(compiled.index.peerOf(peering, vpc.model.id) ?? '');
                if (peer) set.add(peer);
            }
            for (const other of transitReach(compiled, vpc)) set.add(other);
            reachable.set(vpc, set);
        }
        return set;
    };
    /** For a destination the source's class cannot deliver to, what its verdict depends on; undefined when it can (or may). */
    const unreachedKey = (a: number, destination: CEni, addr: number | undefined): number | undefined => {
        const vpc = members[a]![0]!.subnet.vpc;
        const named = egressGroups[a]!;
        if (addr === undefined || named.length > 16 || reachableFrom(vpc).has(destination.subnet.vpc) || compiled.publicIps.has(addr))
            return undefined;
        let bounds = atoms.get(vpc);
        if (!bounds) {
            bounds = atomsOf(compiled, vpc);
            atoms.set(vpc, bounds);
        }
        let membership = 0;
        named.forEach((group, k) => {
            if (destination.groups.includes(group)) membership |= 1 << k;
        });
        return atomIndex(bounds, addr) * 65536 + membership;
    };
    const cached = (cache: Map<number, MatrixCell>, key: number | undefined, cell: () => MatrixCell): MatrixCell => {
        if (key === undefined) return cell();
        let found = cache.get(key);
        if (!found) {
            found = cell();
            cache.set(key, found);
        }
        return found;
    };
    const cellFor = (a: number, b: number): MatrixCell => {
        const destination = members[b]![0]!;
        return cached(unreachableCells[a]!, unreachedKey(a, destination, destination.ipv4), () => pairCell(a, b));
    };
    // An internal load balancer in a VPC the source cannot deliver to is never reached either: the
    // node the source's zone resolves to is an address and groups like an instance's. (Kept apart
    // from the instances' cells all the same: the walk resolves its name first.)
    const loadBalancerCells = members.map(() => new Map<number, MatrixCell>());
    // The node a name resolves to depends on the client's zone only.
    const nodes = new Map<string, CEni | undefined>();
    const nodeFor = (source: CEni, loadBalancer: string): CEni | undefined => {
        const key = `${loadBalancer}\n${source.subnet.model.az}`;
        if (!nodes.has(key)) {
            const resolved = resolveLoadBalancer(compiled, loadBalancer, source);
            nodes.set(key, 'eni' in resolved && typeof resolved.addr === 'number' ? resolved.eni : undefined);
        }
        return nodes.get(key);
    };
    const columnCell = (a: number, column: Probe['destination']): MatrixCell => {
        const source = members[a]![0]!;
        const walk = () => verdict(compiled, probeFor(source, column, protocol, port));
        if (column.kind !== 'load-balancer' || compiled.loadBalancers.get(column.loadBalancer ?? '')?.model.scheme !== 'internal')
            return walk();
        const node = nodeFor(source, column.loadBalancer!);
        return node ? cached(loadBalancerCells[a]!, unreachedKey(a, node, node.ipv4), walk) : walk();
    };
    const self = new Map<number, MatrixCell>();
    const extra = members.map((_, a) => columns.map(column => columnCell(a, column)));
    const cells = enis.map((source, i) => {
        const a = classIndex[i]!;
        const row = enis.map((_, j) => {
            if (i === j) {
                let cell = self.get(a);
                if (!cell) {
                    cell = verdict(compiled, probeFor(source, { kind: 'instance', instance: source.owner }, protocol, port));
                    self.set(a, cell);
                }
                return cell;
            }
            return cellFor(a, classIndex[j]!);
        });
        return [...row, ...extra[a]!];
    });
    return { protocol, port: port ?? null, instances: enis.map(label), targets, cells, classes: classCount };
}

/**
 * Every VPC attached to a transit gateway this VPC is attached to, or to one joined to it by TGW
 * peerings: what a TGW route could deliver to (its tables decide, the walk judges).
 */
function transitReach(compiled: Compiled, vpc: CVpc): CVpc[] {
    const tgws = new Set(vpc.attachments.flatMap(a => (a.tgw ? [a.tgw.model.id] : [])));
    for (let grown = true; grown;) {
        grown = false;
        for (const p of compiled.topology.transitGatewayPeerings) {
            if (!p.requester || !p.accepter) continue;
            const [a, b] = [p.requester, p.accepter];
            if (tgws.has(a) !== tgws.has(b)) {
                tgws.add(a);
                tgws.add(b);
                grown = true;
            }
        }
    }
    return [...compiled.attachments.values()].filter(a => a.tgw && tgws.has(a.tgw.model.id)).map(a => a.vpc);
}

function label(eni: CEni): string {
    return `${eni.subnet.vpc.model.name}.${eni.name}`;
}

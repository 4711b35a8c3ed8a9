/**
 * Topologies that differ from a compiled one only in the rules of some security groups and
 * network ACLs and the routes of some route tables, held in the compiled objects themselves: a
 * variant keeps those containers' rules and routes compiled from its own topology, and swaps them
 * in when it is used. A diff whose change is a few rules then compiles those rules, not the
 * whole topology again for the other side, and again for each change reverted.
 *
 * Exact because nothing else of a compiled topology depends on a container's rules or routes:
 * every other object is the same whichever variant is in use, and nothing keeps a rule or route
 * of its own (the simulator reads `group.ingress`, `nacl.inbound`, `table.routes` at each hop).
 */
import type { NetworkAcl, RouteTable, SecurityGroup, Topology } from '../model/topology.js';
import { compileNacl, compileRules, compileTable, type CGroup, type CNacl, type CRule, type CTable, type Compiled } from './compile.js';

/** The containers whose contents differ, by id. */
export interface VariantParts {
    groups: ReadonlySet<string>;
    nacls: ReadonlySet<string>;
    tables: ReadonlySet<string>;
}

type Swap =
    | { kind: 'group'; target: CGroup; ingress: CRule[]; egress: CRule[] }
    | { kind: 'nacl'; target: CNacl; inbound: CNacl['inbound']; outbound: CNacl['outbound'] }
    | { kind: 'table'; target: CTable; routes: CTable['routes']; model: RouteTable };

export interface Variant {
    readonly swaps: readonly Swap[];
}

function contentsOf(target: Swap['target']): Swap {
    if ('ingress' in target) return { kind: 'group', target, ingress: target.ingress, egress: target.egress };
    if ('inbound' in target) return { kind: 'nacl', target, inbound: target.inbound, outbound: target.outbound };
    return { kind: 'table', target, routes: target.routes, model: target.model };
}

function put(swap: Swap): void {
    if (swap.kind === 'group') {
        swap.target.ingress = swap.ingress;
        swap.target.egress = swap.egress;
    } else if (swap.kind === 'nacl') {
        swap.target.inbound = swap.inbound;
        swap.target.outbound = swap.outbound;
    } else {
        swap.target.routes = swap.routes;
        swap.target.model = swap.model;
    }
}

/** The first element of each id, as compile keeps it; undefined when an id is declared twice (then compile's choice is not ours to guess). */
function byId<T extends { id: string }>(items: readonly T[], ids: ReadonlySet<string>): Map<string, T> | undefined {
    const found = new Map<string, T>();
    for (const item of items) {
        if (!ids.has(item.id)) continue;
        if (found.has(item.id)) return undefined;
        found.set(item.id, item);
    }
    return found;
}

export class CompiledVariants {
    /** The base's own contents of every container a variant replaces. */
    private readonly saved = new Map<object, Swap>();
    private active: Variant | undefined;

    constructor(readonly base: Compiled) {}

    /** `topology`, which differs from the base's only in the contents of `parts`, as a variant of the base; undefined when it cannot be. */
    variant(topology: Topology, parts: VariantParts): Variant | undefined {
        const groups = byId<SecurityGroup>(topology.securityGroups, parts.groups);
        const nacls = byId<NetworkAcl>(topology.networkAcls, parts.nacls);
        const tables = byId<RouteTable>(topology.routeTables, parts.tables);
        if (!groups || !nacls || !tables) return undefined;
        // Compiling reads the base's groups, targets and prefix lists: its own contents must be in place.
        this.use(undefined);
        const swaps: Swap[] = [];
        for (const [id, group] of groups) {
            const target = this.base.groups.get(id);
            if (!target) continue;
            const ingress: CRule[] = [];
            const egress: CRule[] = [];
            for (const rule of group.rules) (rule.direction === 'ingress' ? ingress : egress).push(...compileRules(rule, this.base));
            swaps.push({ kind: 'group', target, ingress, egress });
        }
        // ACLs and tables are reached only through the subnets that use them.
        const seen = new Set<object>();
        for (const subnet of this.base.subnets.values()) {
            const nacl = subnet.nacl && nacls.get(subnet.nacl.id);
            if (subnet.nacl && nacl && !seen.has(subnet.nacl)) {
                seen.add(subnet.nacl);
                const compiled = compileNacl(nacl.id, nacl.name, nacl.rules);
                swaps.push({ kind: 'nacl', target: subnet.nacl, inbound: compiled.inbound, outbound: compiled.outbound });
            }
            const table = subnet.table && tables.get(subnet.table.model.id);
            if (subnet.table && table && !seen.has(subnet.table)) {
                seen.add(subnet.table);
                const compiled = compileTable(table, subnet.table.vpc, this.base);
                swaps.push({ kind: 'table', target: subnet.table, routes: compiled.routes, model: table });
            }
        }
        return { swaps };
    }

    /** Puts a variant's contents in place (the base's own with undefined) and returns the compiled topology, now standing for it. */
    use(variant: Variant | undefined): Compiled {
        if (variant === this.active) return this.base;
        for (const swap of this.active?.swaps ?? []) put(this.saved.get(swap.target)!);
        for (const swap of variant?.swaps ?? []) {
            if (!this.saved.has(swap.target)) this.saved.set(swap.target, contentsOf(swap.target));
            put(swap);
        }
        this.active = variant;
        return this.base;
    }
}

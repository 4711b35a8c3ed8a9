/**
 * Which nested stack each resource of a too-large stack goes to: whole VPCs together where they
 * fit, a larger VPC cut in the order the export writes it (by kind: the VPC and its subnets first,
 * then gateways, groups, instances, routes and rules), and never a stack that needs a later one,
 * so that the nested stacks depend on each other in one direction only (CloudFormation refuses a
 * circle between the resources of the parent, which the nested stacks are).
 */
import type { Value } from './template.js';

export interface RawResource {
    Type: string;
    Properties?: Record<string, Value>;
    DependsOn?: string[];
    Condition?: string;
    Metadata?: Record<string, Value>;
}

/** Attributes whose value is a list: a resource that reads one stays with the resource it reads. */
const LIST_ATTRIBUTES = new Set(['Ipv6CidrBlocks', 'NetworkInterfaceIds', 'CidrBlockAssociations', 'DnsEntries']);

/** Calls `found` for every resource or parameter a value names: `Ref`, `Fn::GetAtt` and the names inside `Fn::Sub` text. */
export function visitReferences(value: Value | undefined, found: (id: string, attribute?: string) => void): void {
    if (Array.isArray(value)) {
        for (const item of value) visitReferences(item, found);
        return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const key of Object.keys(value)) {
        const inner = value[key]!;
        if (key === 'Ref' && typeof inner === 'string') found(inner);
        else if (key === 'Fn::GetAtt') {
            const [id, attribute] = Array.isArray(inner) ? inner.map(String) : String(inner).split(/\.(.*)/s);
            found(id!, attribute);
        } else if (key === 'Fn::Sub') {
            const text = Array.isArray(inner) ? inner[0] : inner;
            const variables = Array.isArray(inner) && inner[1] && typeof inner[1] === 'object' ? (inner[1] as Record<string, Value>) : {};
            if (typeof text === 'string')
                for (const name of subNames(text)) {
                    if (name in variables || name.startsWith('AWS::')) continue;
                    const dot = name.indexOf('.');
                    found(dot < 0 ? name : name.slice(0, dot), dot < 0 ? undefined : name.slice(dot + 1));
                }
            if (Array.isArray(inner)) visitReferences(inner[1], found);
        } else visitReferences(inner, found);
    }
}

/** The names `${…}` in `Fn::Sub` text (`${!…}` is a literal). */
export function subNames(text: string): string[] {
    return [...text.matchAll(/\$\{([^!}][^}]*)\}/g)].map(m => m[1]!.trim());
}

function dependencies(resources: RawResource[], index: ReadonlyMap<string, number>): number[][] {
    return resources.map((resource, self) => {
        const found = new Set<number>();
        visitReferences(resource.Properties, id => {
            const at = index.get(id);
            if (at !== undefined && at !== self) found.add(at);
        });
        for (const id of resource.DependsOn ?? []) {
            const at = index.get(id);
            if (at !== undefined && at !== self) found.add(at);
        }
        return [...found];
    });
}

/**
 * Resources that must share a template, for the import as much as for CloudFormation: a VPC with
 * its CIDR blocks and subnets (subnets take their IPv6 blocks from the VPC's list), an instance with
 * its network interfaces, whatever reads a list attribute with the resource it reads, and what a
 * resource's Metadata names with that resource.
 */
function stickyPairs(resources: RawResource[], index: ReadonlyMap<string, number>, visit: (i: number, j: number) => void): void {
    resources.forEach((resource, i) => {
        const props = resource.Properties ?? {};
        const named = (value: Value | undefined) =>
            visitReferences(value, id => {
                const at = index.get(id);
                if (at !== undefined) visit(i, at);
            });
        if (resource.Type === 'AWS::EC2::VPCCidrBlock' || resource.Type === 'AWS::EC2::Subnet') named(props.VpcId);
        if (resource.Type === 'AWS::EC2::Instance' && Array.isArray(props.NetworkInterfaces))
            for (const n of props.NetworkInterfaces) named((n as Record<string, Value>)?.NetworkInterfaceId);
        // What the Metadata names by logical ID (a prefix list's DesignVpc) is read in the same template.
        for (const named of Object.values((resource.Metadata?.['vpc-lab'] ?? {}) as Record<string, Value>)) {
            const at = typeof named === 'string' ? index.get(named) : undefined;
            if (at !== undefined) visit(i, at);
        }
        visitReferences(props, (id, attribute) => {
            const at = index.get(id);
            if (at !== undefined && attribute !== undefined && LIST_ATTRIBUTES.has(attribute)) visit(i, at);
        });
    });
}

/**
 * The nested stack (0, 1, …) of each resource, in the order given; `capacity` resources at most
 * in each, unless one set of resources that must stay together is larger.
 */
export function partition(ids: readonly string[], resources: RawResource[], capacity: number): number[] {
    const index = new Map(ids.map((id, i) => [id, i]));
    const deps = dependencies(resources, index);
    const root = ids.map((_, i) => i);
    const find = (i: number): number => {
        while (root[i] !== i) i = root[i] = root[root[i]!]!;
        return i;
    };
    stickyPairs(resources, index, (i, j) => {
        const a = find(i);
        const b = find(j);
        if (a !== b) root[Math.max(a, b)] = Math.min(a, b);
    });
    const unitOf = ids.map((_, i) => find(i));
    const members = new Map<number, number[]>();
    unitOf.forEach((unit, i) => {
        const list = members.get(unit);
        if (list) list.push(i);
        else members.set(unit, [i]);
    });

    const home = homes(resources, deps);
    const unitHome = new Map<number, number>();
    for (const [unit, list] of members) unitHome.set(unit, list.map(i => home[i]!).find(h => h >= 0) ?? -1);
    // Groups: what belongs to no VPC first (transit gateways, prefix lists, buckets: others refer to them), then each VPC.
    const groups = new Map<number, number[]>([[-1, []]]);
    for (const unit of members.keys()) {
        const h = unitHome.get(unit)!;
        const group = groups.get(h);
        if (group) group.push(unit);
        else groups.set(h, [unit]);
    }
    const size = (unit: number) => members.get(unit)!.length;

    const desired = new Map<number, number>();
    let stack = 0;
    let used = 0;
    for (const units of groups.values()) {
        const total = units.reduce((n, u) => n + size(u), 0);
        if (total === 0) continue;
        if (used > 0 && (total > capacity || used + total > capacity)) {
            stack++;
            used = 0;
        }
        for (const unit of units) {
            if (used > 0 && used + size(unit) > capacity) {
                stack++;
                used = 0;
            }
            desired.set(unit, stack);
            used += size(unit);
        }
    }

    // A unit goes no earlier than the units it needs; a full stack passes it on to the next.
    const unitDeps = new Map<number, Set<number>>();
    for (const [unit, list] of members) {
        const set = new Set<number>();
        for (const i of list) for (const d of deps[i]!) if (unitOf[d] !== unit) set.add(unitOf[d]!);
        unitDeps.set(unit, set);
    }
    const placed = new Map<number, number>();
    const counts: number[] = [];
    const state = new Map<number, 1 | 2>();
    const place = (unit: number): void => {
        state.set(unit, 1);
        for (const d of unitDeps.get(unit)!) if (!state.has(d)) place(d);
        let at = desired.get(unit)!;
        for (const d of unitDeps.get(unit)!) at = Math.max(at, placed.get(d) ?? 0);
        while ((counts[at] ?? 0) > 0 && (counts[at] ?? 0) + size(unit) > capacity) at++;
        placed.set(unit, at);
        counts[at] = (counts[at] ?? 0) + size(unit);
        state.set(unit, 2);
    };
    for (const unit of members.keys()) if (!state.has(unit)) place(unit);
    // Numbered again without the stacks left empty.
    const used2 = [...new Set(placed.values())].sort((a, b) => a - b);
    const renumber = new Map(used2.map((s, i) => [s, i]));
    return ids.map((_, i) => renumber.get(placed.get(unitOf[i]!)!)!);
}

/** Each resource's VPC (its index), found through what it refers to, else through what refers to it; -1 for none. */
function homes(resources: RawResource[], deps: number[][]): number[] {
    // -3: not known yet.
    const home: number[] = resources.map((r, i) => (r.Type === 'AWS::EC2::VPC' ? i : -3));
    const visiting = new Set<number>();
    const down = (i: number): number => {
        if (home[i]! !== -3) return home[i]!;
        if (visiting.has(i)) return -1;
        visiting.add(i);
        let found = -1;
        for (const d of deps[i]!) {
            found = down(d);
            if (found >= 0) break;
        }
        visiting.delete(i);
        home[i] = found;
        return found;
    };
    resources.forEach((_, i) => down(i));
    // What refers to nothing in a VPC goes with the first resource that refers to it.
    for (let round = 0, changed = true; changed && round < 8; round++) {
        changed = false;
        resources.forEach((_, i) => {
            if (home[i]! < 0) return;
            for (const d of deps[i]!)
                if (home[d]! < 0) {
                    home[d] = home[i]!;
                    changed = true;
                }
        });
    }
    return home;
}

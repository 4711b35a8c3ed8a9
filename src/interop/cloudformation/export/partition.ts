/**
 * Which nested stack each resource of a too-large stack goes to: whole VPCs together where they
 * fit, a larger VPC cut in the order the export writes it (by kind: the VPC and its subnets first,
 * then gateways, groups, instances, routes and rules), and never a stack that needs a later one,
 * so that the nested stacks depend on each other in one direction only (CloudFormation refuses a
 * circle between the resources of the parent, which the nested stacks are).
 */
import { visitReferences } from '../references.js';
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

/**
 * A stack's resources by index, and what each one's properties name (`visitReferences`) in one
 * table: resource i's names are `names[k]` (with `attributes[k]`, or undefined, and `targets[k]`,
 * the index of the resource named, or -1 for a parameter or pseudo parameter) for k from
 * `start[i]` to `start[i + 1]`. The partition and the rewriting of what crosses between nested
 * stacks both read it: one walk of the properties, one lookup of each name, no list per resource.
 */
export interface ResourceTable {
    ids: readonly string[];
    resources: readonly RawResource[];
    /** Logical id → index. */
    index: ReadonlyMap<string, number>;
    names: string[];
    attributes: Array<string | undefined>;
    targets: Int32Array;
    start: Int32Array;
}

export function resourceTable(ids: readonly string[], resources: readonly RawResource[]): ResourceTable {
    const index = new Map<string, number>();
    for (let i = 0; i < ids.length; i++) index.set(ids[i]!, i);
    const names: string[] = [];
    const attributes: Array<string | undefined> = [];
    const start = new Int32Array(resources.length + 1);
    const found = (id: string, attribute?: string) => {
        names.push(id);
        attributes.push(attribute);
    };
    for (let i = 0; i < resources.length; i++) {
        start[i] = names.length;
        visitReferences(resources[i]!.Properties, found);
    }
    start[resources.length] = names.length;
    const targets = new Int32Array(names.length);
    for (let r = 0; r < names.length; r++) targets[r] = index.get(names[r]!) ?? -1;
    return { ids, resources, index, names, attributes, targets, start };
}

/**
 * What each resource refers to (its `Ref`s, `Fn::GetAtt`s, `Fn::Sub` names and `DependsOn`, by
 * index, in that order) and which resources must share a template, for the import as much as for
 * CloudFormation: a VPC with its CIDR blocks and subnets (subnets take their IPv6 blocks from the
 * VPC's list), an instance with its network interfaces, whatever reads a list attribute with the
 * resource it reads, and what a resource's Metadata names with that resource. One walk of each
 * resource's properties gives both.
 */
function links(table: ResourceTable, together: (i: number, j: number) => void): number[][] {
    const { resources, index } = table;
    const deps: number[][] = new Array<number[]>(resources.length);
    for (let i = 0; i < resources.length; i++) {
        const resource = resources[i]!;
        const props = resource.Properties ?? {};
        const found: number[] = [];
        for (let r = table.start[i]!, end = table.start[i + 1]!; r < end; r++) {
            const at = table.targets[r]!;
            if (at < 0) continue;
            if (at !== i && !found.includes(at)) found.push(at);
            const attribute = table.attributes[r];
            if (attribute !== undefined && LIST_ATTRIBUTES.has(attribute)) together(i, at);
        }
        for (const id of resource.DependsOn ?? []) {
            const at = index.get(id);
            if (at !== undefined && at !== i && !found.includes(at)) found.push(at);
        }
        deps[i] = found;
        const named = (value: Value | undefined) =>
            visitReferences(value, id => {
                const at = index.get(id);
                if (at !== undefined) together(i, at);
            });
        if (resource.Type === 'AWS::EC2::VPCCidrBlock' || resource.Type === 'AWS::EC2::Subnet') named(props.VpcId);
        if (resource.Type === 'AWS::EC2::Instance' && Array.isArray(props.NetworkInterfaces))
            for (const n of props.NetworkInterfaces) named((n as Record<string, Value>)?.NetworkInterfaceId);
        // What the Metadata names by logical ID (a prefix list's DesignVpc) is read in the same template.
        const metadata = resource.Metadata?.['vpc-lab'];
        if (metadata && typeof metadata === 'object')
            for (const value of Object.values(metadata)) {
                const at = typeof value === 'string' ? index.get(value) : undefined;
                if (at !== undefined) together(i, at);
            }
    }
    return deps;
}

/**
 * The nested stack (0, 1, …) of each resource, in the order given; `capacity` resources at most
 * in each, unless one set of resources that must stay together is larger. A set (a unit) is
 * numbered by its first resource; arrays by resource index stand for maps (the largest designs
 * have some 80,000 resources).
 */
export function partition(table: ResourceTable, capacity: number): number[] {
    const { ids, resources } = table;
    const n = ids.length;
    const root = new Int32Array(n);
    for (let i = 0; i < n; i++) root[i] = i;
    const find = (i: number): number => {
        while (root[i] !== i) i = root[i] = root[root[i]!]!;
        return i;
    };
    const deps = links(table, (i, j) => {
        const a = find(i);
        const b = find(j);
        if (a !== b) root[Math.max(a, b)] = Math.min(a, b);
    });
    const unitOf = new Int32Array(n);
    const size = new Int32Array(n);
    for (let i = 0; i < n; i++) {
        const unit = find(i);
        unitOf[i] = unit;
        size[unit]!++;
    }
    const units: number[] = [];
    for (let i = 0; i < n; i++) if (unitOf[i] === i) units.push(i);

    const home = homes(resources, deps);
    // A unit's VPC: the first of its resources that has one.
    const unitHome = new Int32Array(n).fill(-1);
    for (let i = 0; i < n; i++) if (unitHome[unitOf[i]!] === -1 && home[i]! >= 0) unitHome[unitOf[i]!] = home[i]!;
    // Groups: what belongs to no VPC first (transit gateways, prefix lists, buckets: others refer to them), then each VPC.
    const groups = new Map<number, number[]>([[-1, []]]);
    for (const unit of units) {
        const group = groups.get(unitHome[unit]!);
        if (group) group.push(unit);
        else groups.set(unitHome[unit]!, [unit]);
    }

    const desired = new Int32Array(n);
    let stack = 0;
    let used = 0;
    for (const members of groups.values()) {
        let total = 0;
        for (const unit of members) total += size[unit]!;
        if (total === 0) continue;
        if (used > 0 && (total > capacity || used + total > capacity)) {
            stack++;
            used = 0;
        }
        for (const unit of members) {
            if (used > 0 && used + size[unit]! > capacity) {
                stack++;
                used = 0;
            }
            desired[unit] = stack;
            used += size[unit]!;
        }
    }

    // A unit goes no earlier than the units it needs; a full stack passes it on to the next.
    const unitDeps: number[][] = [];
    for (let i = 0; i < n; i++) {
        const unit = unitOf[i]!;
        const list = (unitDeps[unit] ??= []);
        for (const d of deps[i]!) {
            const other = unitOf[d]!;
            if (other !== unit && !list.includes(other)) list.push(other);
        }
    }
    const placed = new Int32Array(n).fill(-1);
    const counts: number[] = [];
    // 0: not seen, 1: being placed (a circle stops there), 2: placed.
    const state = new Uint8Array(n);
    const place = (unit: number): void => {
        state[unit] = 1;
        const needs = unitDeps[unit]!;
        for (const d of needs) if (state[d] === 0) place(d);
        let at = desired[unit]!;
        for (const d of needs) at = Math.max(at, placed[d]! < 0 ? 0 : placed[d]!);
        while ((counts[at] ?? 0) > 0 && (counts[at] ?? 0) + size[unit]! > capacity) at++;
        placed[unit] = at;
        counts[at] = (counts[at] ?? 0) + size[unit]!;
        state[unit] = 2;
    };
    for (const unit of units) if (state[unit] === 0) place(unit);
    // Numbered again without the stacks left empty.
    const renumber = new Map<number, number>();
    for (let k = 0, next = 0; k < counts.length; k++) if ((counts[k] ?? 0) > 0) renumber.set(k, next++);
    return ids.map((_, i) => renumber.get(placed[unitOf[i]!]!)!);
}

/** Each resource's VPC (its index), found through what it refers to, else through what refers to it; -1 for none. */
function homes(resources: readonly RawResource[], deps: number[][]): number[] {
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

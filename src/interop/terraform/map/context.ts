/**
 * What the resource mappers share: the instances by address and by AWS id (state and plans carry
 * real ids), the model being built, names, where each element came from, and the report.
 */
import { Defaults, emptyTopology, type Topology, type Vpc } from '../../../model/topology.js';
import { makeId } from '../../../model/ids.js';
import { NameTable } from '../../common/names.js';
import { isObject, Ref, Unknown, type Value } from '../hcl/values.js';
import { resourceName, type ReadNote, type ResourceInstance } from '../instances.js';
import { Origins } from './origins.js';

export interface ImportNote {
    /** `main.tf:12`, or the file and JSON path. */
    source: string;
    kind: 'left-out' | 'stand-in' | 'unknown';
    what: string;
    why: string;
}

export class MapContext {
    readonly topology: Topology = emptyTopology();
    readonly notes: ImportNote[] = [];
    /** Model element id → `aws_subnet.private[0] (main.tf:12)`. */
    readonly origins = new Origins();
    /**
     * Resource instance → the model element id made from it. Keyed by the instance, not its
     * address: references made by evaluation carry their instance (Ref.instance), so a
     * configuration's import needs no table of its ~100,000 addresses.
     */
    private readonly elements = new Map<ResourceInstance, string>();
    readonly names = new NameTable();
    /** Made on first use: plans, states and addresses written as text are looked up by address. */
    private byAddressMap: Map<string, ResourceInstance> | undefined;
    private readonly byAwsId = new Map<string, ResourceInstance>();
    private readonly byType = new Map<string, ResourceInstance[]>();
    private readonly indexes = new WeakMap<object, { byId: Map<string, unknown>; seen: number }>();
    // Apart from the reader's stand-ins, so that the two never give the same block or address.
    private standIns = 100;

    constructor(
        readonly instances: ResourceInstance[],
        readonly region: string,
        readonly sourceName: string,
        readNotes: ReadNote[]
    ) {
        for (const i of instances) {
            if (i.mode === 'managed') {
                let list = this.byType.get(i.type);
                if (!list) this.byType.set(i.type, (list = []));
                list.push(i);
            }
            const id = i.values.id;
            if (typeof id === 'string') this.byAwsId.set(id, i);
        }
        for (const n of readNotes) this.notes.push({ source: n.source, kind: n.kind, what: n.what, why: n.why });
    }

    private get byAddress(): Map<string, ResourceInstance> {
        return (this.byAddressMap ??= new Map(this.instances.map(i => [i.address, i])));
    }

    /** The instance at an address (`FOLDER/` first in a workspace of several folders). */
    at(address: string): ResourceInstance | undefined {
        return this.byAddress.get(address);
    }

    /** The model element id made from an instance ('' when it was mapped into no element of its own). */
    elementOf(i: ResourceInstance): string | undefined {
        return this.elements.get(i);
    }

    isMapped(i: ResourceInstance): boolean {
        return this.elements.has(i);
    }

    source(i: ResourceInstance): string {
        return i.sourceLoc ? `${i.sourceLoc.file}:${i.sourceLoc.line}` : `${this.sourceName} (${i.address})`;
    }

    leftOut(i: ResourceInstance, what: string, why: string): void {
        this.notes.push({ source: this.source(i), kind: 'left-out', what, why });
    }

    standIn(i: ResourceInstance, what: string, why: string): void {
        this.notes.push({ source: this.source(i), kind: 'stand-in', what, why });
    }

    /** A deterministic stand-in number, so the same input always gets the same stand-ins. */
    nextStandIn(): number {
        return ++this.standIns;
    }

    /** Managed instances of these types, in source order. */
    ofType(...types: string[]): ResourceInstance[] {
        if (types.length === 1) return this.byType.get(types[0]!) ?? [];
        // Mostly one of the types is used (aws_vpc, seldom aws_default_vpc): its list is the answer.
        const used = types.filter(t => this.byType.has(t));
        if (used.length <= 1) return used.length === 1 ? this.byType.get(used[0]!)! : [];
        // Kept per set of types: some are asked for once per route or rule, and the instances do not change.
        const key = types.join(' ');
        let list = this.byTypes.get(key);
        if (!list) this.byTypes.set(key, (list = this.instances.filter(i => i.mode === 'managed' && types.includes(i.type))));
        return list;
    }
    private readonly byTypes = new Map<string, ResourceInstance[]>();

    /**
     * The element of a list with this id. Lists only grow while mapping (a replaced list is a new
     * array), so each list's index is extended rather than rebuilt: lookups stay constant-time at
     * tens of thousands of elements.
     */
    find<T extends { id: string }>(list: readonly T[], id: string | undefined): T | undefined {
        if (id === undefined) return undefined;
        let index = this.indexes.get(list);
        if (!index) this.indexes.set(list, (index = { byId: new Map(), seen: 0 }));
        for (; index.seen < list.length; index.seen++) {
            const x = list[index.seen]!;
            if (!index.byId.has(x.id)) index.byId.set(x.id, x);
        }
        return index.byId.get(id) as T | undefined;
    }

    /** The instance a value refers to: a symbolic reference, or an AWS id from state. */
    target(v: Value | undefined): ResourceInstance | undefined {
        if (v instanceof Ref) {
            const made = v.instance as ResourceInstance | undefined;
            if (made?.address === v.address) return made;
            const hit = this.byAddress.get(v.address);
            if (hit) return hit;
            // A reference to a whole resource with count (`aws_subnet.a[*]`) names no instance.
            return undefined;
        }
        if (typeof v === 'string') return this.byAwsId.get(v) ?? this.byAddress.get(v.replace(/^\$\{(.*)\.[a-z_]+\}$/, '$1'));
        return undefined;
    }

    /** The model element a value refers to, when that resource was mapped to one. */
    element(v: Value | undefined): string | undefined {
        const t = this.target(v);
        if (!t) return undefined;
        const id = this.elements.get(t);
        // `aws_vpc.x.default_route_table_id` and the like name what AWS made with the VPC.
        const attr = v instanceof Ref ? v.path[0] : undefined;
        if (attr && id && (t.type === 'aws_vpc' || t.type === 'aws_default_vpc')) {
            const vpc = this.find(this.topology.vpcs, id);
            if (vpc && (attr === 'default_route_table_id' || attr === 'main_route_table_id')) return vpc.mainRouteTable;
            if (vpc && attr === 'default_network_acl_id') return vpc.defaultNetworkAcl;
            if (vpc && attr === 'default_security_group_id') return vpc.defaultSecurityGroup;
        }
        return id;
    }

    /**
     * The name an instance's element of `kind` gets (in VPC `vpcName` when the kind lives in one),
     * unique where the language needs it (common/names.ts).
     */
    name(i: ResourceInstance, kind: string, vpcName?: string): string {
        return this.names.name(kind, resourceName(i), vpcName);
    }

    /** The region of the folder (root module) an instance comes from; the import's for plans and states. */
    regionOf(i: ResourceInstance): string {
        return i.root?.region ?? this.region;
    }

    /** The account its folder's provider allows, else the language's default account. */
    accountOf(i: ResourceInstance): string {
        return i.root?.account ?? Defaults.accountNumber;
    }

    register(i: ResourceInstance, elementId: string): void {
        this.elements.set(i, elementId);
        // The resource that made the element names its origin; associations and rules only join it.
        if (elementId) this.origins.claim(elementId, i);
    }

    vpcOf(v: Value | undefined): Vpc | undefined {
        return this.find(this.topology.vpcs, this.element(v));
    }

    /** The instance that made an element (its origin resource). */
    sourceOf(elementId: string): ResourceInstance | undefined {
        return this.origins.instance(elementId);
    }

    idIn(kind: string, name: string, vpc: Vpc): string {
        return makeId(kind, name, vpc.name);
    }
}

export function str(v: Value | undefined): string | undefined {
    return typeof v === 'string' ? v : undefined;
}
export function num(v: Value | undefined): number | undefined {
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
    return undefined;
}
export function bool(v: Value | undefined, fallback: boolean): boolean {
    return typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : fallback;
}
export function list(v: Value | undefined): Value[] {
    return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}
export function blocks(v: Value | undefined): Array<Record<string, Value>> {
    return list(v).filter(isObject);
}
export function isUnknown(v: Value | undefined): boolean {
    return v instanceof Unknown;
}

/**
 * A value AWS assigns at apply that `vpc-lab export --format terraform` kept from the design in
 * a `vpc-lab:…` tag (`vpc-lab:ipv6`, `vpc-lab:public-ip`): read back as the stand-in.
 */
export function designTag(i: ResourceInstance, key: 'ipv6' | 'public-ip' | 'vpc'): string | undefined {
    const tags = i.values.tags;
    return tags !== undefined && isObject(tags) ? str(tags[`vpc-lab:${key}`]) : undefined;
}

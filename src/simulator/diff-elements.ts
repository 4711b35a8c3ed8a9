/**
 * What differs between two topologies, element by element: resources by id, and inside security
 * groups, network ACLs and route tables each rule and route on its own (rules by what they
 * say, ACL entries by direction and number, routes by destination), so that a change can be
 * reverted alone. Source locations are ignored: moving a line is not a change.
 */
import type { ElementChange } from '../model/diff.js';
import { partId } from '../model/ids.js';
import type {
    Located,
    NetworkAclRule,
    Route,
    SecurityGroupRule,
    SourceLocation,
    TgwRoute,
    TgwRouteTable,
    Topology
} from '../model/topology.js';
import type { VariantParts } from './compile-variants.js';
import { reachOf, type TopologyReach } from './diff-reach.js';

type Item = { id: string; [key: string]: unknown };
export type ListKey = Exclude<keyof Topology, 'documents' | 'probes'>;

/**
 * The lists whose elements' reach is known: those that place themselves in a VPC (`vpc`, or a
 * peering's two sides) and the hubs, whose reach `TopologyReach` works out. A list added later
 * makes a change global until it is named here.
 */
const KNOWN_LISTS = new Set<string>([
    'accounts',
    'vpcs',
    'subnets',
    'routeTables',
    'gateways',
    'natGateways',
    'securityGroups',
    'networkAcls',
    'instances',
    'gatewayEndpoints',
    'interfaceEndpoints',
    'flowLogs',
    'peerings',
    'buckets',
    'transitGateways',
    'transitGatewayAttachments',
    'transitGatewayPeerings',
    'loadBalancers',
    'endpointServices',
    'prefixLists'
]);

/**
 * Whether every element of the topology is of a kind whose reach the diff knows (a kind added
 * later may carry traffic between any VPCs: then every flow is compared).
 */
export function knownKinds(t: Topology): boolean {
    return Object.entries(t).every(
        ([key, list]) => key === 'documents' || key === 'probes' || KNOWN_LISTS.has(key) || !Array.isArray(list) || list.length === 0
    );
}

/**
 * The parts of a container compared one by one: how to list them, how to put a list back, the key
 * that matches a part across the sides, and how a part reads in a change's text.
 */
interface Children {
    of(item: Item): Item[];
    with(item: Item, parts: Item[]): Item;
    key(child: Item): string;
    describe(child: Item): string;
    /** The container without its parts, for comparing what is its own. */
    own(item: Item): Item;
    /** Whether a change of one part is compiled as a variant of the AFTER side (see `variantParts`). */
    variant: boolean;
}

/** Children kept in one array field of the container. */
function inField(field: string, key: (child: Item) => string, describe: (child: Item) => string): Children {
    return {
        of: item => (item[field] ?? []) as Item[],
        with: (item, parts) => ({ ...item, [field]: parts }),
        key,
        describe,
        own: item => ({ ...item, [field]: undefined }),
        variant: true
    };
}

const CHILDREN: Partial<Record<ListKey, Children>> = {
    securityGroups: inField('rules', child => canonical(child, true), describeRule),
    networkAcls: inField(
        'rules',
        child => `${(child as unknown as NetworkAclRule).direction} ${(child as unknown as NetworkAclRule).number}`,
        describeAclEntry
    ),
    routeTables: inField('routes', child => canonical((child as unknown as Route).destination), describeRoute),
    transitGateways: tgwTables()
};

/** A change, with what it takes to undo it on the AFTER topology. */
export interface Change extends ElementChange {
    /** VPC ids whose traffic it can touch; undefined when it can touch any. */
    vpcs?: string[];
    /** The AFTER topology with only this change undone (shares everything it does not touch). */
    revert(after: Topology): Topology;
    /** For a rule or route: the list of its container (`element`); the rest of the topology is untouched by it. */
    part?: ListKey;
}

/** JSON without source locations or object key order; for a rule or route (`part`), without its positional id. */
export function canonical(value: unknown, part = false): string {
    return JSON.stringify(value, (key, v: unknown) => {
        if (key === 'loc' || key.endsWith('Loc')) return undefined;
        if (v && typeof v === 'object' && !Array.isArray(v)) {
            const sorted: Record<string, unknown> = {};
            for (const k of Object.keys(v).sort()) if (!(part && k === 'id' && v === value)) sorted[k] = (v as Record<string, unknown>)[k];
            return sorted;
        }
        return v;
    });
}

function vpcsOf(list: string, item: Item, topologies: Topology[]): string[] | undefined {
    if (!KNOWN_LISTS.has(list)) return undefined;
    if (list === 'vpcs') return [item.id];
    if (list === 'peerings') return [item.requester, item.accepter].filter((v): v is string => typeof v === 'string');
    if (list === 'accounts')
        return topologies.flatMap(t => t.vpcs.filter(v => v.account === item.id || v.account === item.name).map(v => v.id));
    if (list === 'buckets') return [];
    // The hubs reach further than their own VPC, and differently on each side (an attachment or peering may come or go).
    const id = item.id;
    const vpc = typeof item.vpc === 'string' ? item.vpc : undefined;
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const across = (reach: (r: TopologyReach) => string[]) => [
        ...new Set([...(vpc ? [vpc] : []), ...topologies.flatMap(t => reach(reachOf(t)))])
    ];
    if (list === 'transitGateways') return across(r => r.transitGateway(id));
    if (list === 'transitGatewayAttachments') return across(r => r.transitGateway(str(item.transitGateway)));
    if (list === 'transitGatewayPeerings')
        return across(r => [...r.transitGateway(str(item.requester)), ...r.transitGateway(str(item.accepter))]);
    if (list === 'loadBalancers' && vpc) return across(r => r.loadBalancer(id, vpc));
    if (list === 'endpointServices') return across(r => r.endpointService(id));
    if (list === 'prefixLists' && vpc) return across(r => r.prefixList(id, vpc));
    return vpc ? [vpc] : undefined;
}

/** A part of a transit gateway's route tables: the table itself, an association, a propagation or a route. */
type TablePart = Item & { what: 'table' | 'associate' | 'propagate' | 'route'; table: string; value?: string };

/**
 * A transit gateway's route tables, flattened into their tables, associations, propagations and
 * routes, so that one static route or association is a change on its own (a table removed takes
 * what is left of its parts with it).
 */
function tgwTables(): Children {
    const short = (id: string | undefined) => id?.replace(/^[^:]*:/, '') ?? '?';
    return {
        of: item =>
            ((item.routeTables ?? []) as TgwRouteTable[]).flatMap((t): TablePart[] => {
                const { associations, propagations, routes, ...table } = t;
                const listed = (what: 'associate' | 'propagate', list: Located[]) =>
                    list.map((a, i): TablePart => ({ id: partId(t.id, what, i), what, table: t.name, value: a.value, loc: a.loc }));
                return [
                    { ...table, what: 'table', table: t.name },
                    ...listed('associate', associations),
                    ...listed('propagate', propagations),
                    ...routes.map((r): TablePart => ({ ...r, what: 'route', table: t.name }))
                ];
            }),
        with: (item, parts) => {
            const tables = new Map<string, TgwRouteTable>();
            for (const p of parts as TablePart[]) {
                if (p.what !== 'table') continue;
                const { what: _what, table: _table, ...table } = p;
                tables.set(p.table, { ...(table as unknown as TgwRouteTable), associations: [], propagations: [], routes: [] });
            }
            for (const p of parts as TablePart[]) {
                const table = tables.get(p.table);
                if (!table || p.what === 'table') continue;
                if (p.what === 'route') {
                    const { what: _what, table: _table, ...route } = p;
                    table.routes.push(route as unknown as TgwRoute);
                } else
                    (p.what === 'associate' ? table.associations : table.propagations).push({
                        value: p.value!,
                        ...(p.loc ? { loc: p.loc as SourceLocation } : {})
                    });
            }
            return { ...item, routeTables: [...tables.values()] };
        },
        key: child => {
            const p = child as TablePart;
            if (p.what === 'table') return `table\n${p.table}`;
            if (p.what === 'route') return `route\n${p.table}\n${(p as unknown as TgwRoute).destination.value}`;
            return `${p.what}\n${p.table}\n${p.value}`;
        },
        describe: child => {
            const p = child as TablePart;
            const table = `route-table ${p.table}`;
            if (p.what === 'table') return table;
            if (p.what !== 'route') return `${table}: ${p.what} ${short(p.value)}`;
            const route = p as unknown as TgwRoute;
            return `${table}: route ${route.destination.value} ${route.blackhole ? 'blackhole' : `-> ${short(route.target?.id)}`}`;
        },
        own: item => ({ ...item, routeTables: undefined }),
        variant: false
    };
}

function describeRule(child: Item): string {
    const rule = child as unknown as SecurityGroupRule;
    const peer =
        rule.peer.kind === 'cidr'
            ? rule.peer.cidr
            : rule.peer.kind === 'sg'
              ? `sg ${rule.peer.group?.replace(/^[^:]*:/, '') ?? '?'}`
              : `prefix-list ${rule.peer.service}`;
    return `${rule.implicit ? "AWS's default rule " : ''}${rule.direction} ${traffic(rule)} ${rule.direction === 'ingress' ? 'from' : 'to'} ${peer}`;
}

function describeAclEntry(child: Item): string {
    const rule = child as unknown as NetworkAclRule;
    const peer = rule.peer.kind === 'cidr' ? rule.peer.cidr : rule.peer.kind;
    return `${rule.direction} ${rule.number} ${rule.action} ${traffic(rule)} ${rule.direction === 'inbound' ? 'from' : 'to'} ${peer}`;
}

function describeRoute(child: Item): string {
    const route = child as unknown as Route;
    const destination = route.destination.kind === 'cidr' ? route.destination.cidr : `prefix-list ${route.destination.service}`;
    return `route ${destination} -> ${route.target?.id.replace(/^[^:]*:/, '') ?? '?'}`;
}

function traffic(rule: { protocol: string; ports?: { from: number; to: number } }): string {
    if (rule.protocol === 'all') return 'all';
    if (!rule.ports) return rule.protocol;
    return rule.ports.from === rule.ports.to
        ? `${rule.protocol} ${rule.ports.from}`
        : `${rule.protocol} ${rule.ports.from}-${rule.ports.to}`;
}

function label(list: string, item: Item): string {
    const kind = typeof item.kind === 'string' ? item.kind : list;
    return `${kind} ${item.id.replace(/^[^:]*:/, '')}`;
}

/** The topology with one list replaced. */
function withList(t: Topology, list: ListKey, items: Item[]): Topology {
    return { ...t, [list]: items } as Topology;
}

/** Every difference from `before` to `after`, in the order of the AFTER lists. */
export function diffElements(before: Topology, after: Topology): Change[] {
    const changes: Change[] = [];
    const lists = new Set([...Object.keys(before), ...Object.keys(after)].filter(k => k !== 'documents' && k !== 'probes')) as Set<ListKey>;
    for (const list of lists) {
        const a = (before[list] ?? []) as unknown as Item[];
        const b = (after[list] ?? []) as unknown as Item[];
        if (!Array.isArray(a) || !Array.isArray(b)) continue;
        const beforeById = new Map(a.map(item => [item.id, item]));
        const afterById = new Map(b.map(item => [item.id, item]));
        const children = CHILDREN[list];
        const own = (item: Item) => canonical(children ? children.own(item) : item);
        for (const item of b) {
            const old = beforeById.get(item.id);
            // Both sides built in one workspace share the objects of every unchanged document.
            if (old === item) continue;
            // Worked out only for what changed: a hub's reach takes both topologies' reach to know.
            let reach: [string[] | undefined] | undefined;
            const vpcs = () => (reach ??= [vpcsOf(list, item, [before, after])])[0];
            if (!old) {
                changes.push({
                    change: 'added',
                    element: item.id,
                    text: label(list, item),
                    after: item.loc as SourceLocation | undefined,
                    vpcs: vpcs(),
                    revert: t =>
                        withList(
                            t,
                            list,
                            (t[list] as unknown as Item[]).filter(x => x.id !== item.id)
                        )
                });
                continue;
            }
            if (own(old) !== own(item)) {
                changes.push({
                    change: 'changed',
                    element: item.id,
                    text: label(list, item),
                    before: old.loc as SourceLocation | undefined,
                    after: item.loc as SourceLocation | undefined,
                    vpcs: (() => {
                        const was = vpcsOf(list, old, [before, after]);
                        const now = vpcs();
                        return was && now ? [...new Set([...was, ...now])] : undefined;
                    })(),
                    revert: t =>
                        withList(
                            t,
                            list,
                            (t[list] as unknown as Item[]).map(x =>
                                x.id === item.id ? (children ? children.with(old, children.of(x)) : old) : x
                            )
                        )
                });
            }
            if (children) changes.push(...diffChildren(list, old, item, vpcs));
        }
        for (const old of a) {
            if (afterById.has(old.id)) continue;
            changes.push({
                change: 'removed',
                element: old.id,
                text: label(list, old),
                before: old.loc as SourceLocation | undefined,
                vpcs: vpcsOf(list, old, [before, after]),
                revert: t => withList(t, list, [...(t[list] as unknown as Item[]), old])
            });
        }
    }
    return changes;
}

/** Rules and routes of one container present on both sides, matched by their key. */
function diffChildren(list: ListKey, old: Item, item: Item, vpcs: () => string[] | undefined): Change[] {
    const children = CHILDREN[list]!;
    const { key, describe } = children;
    const changes: Change[] = [];
    const group = (items: Item[]) => {
        const map = new Map<string, Item[]>();
        for (const child of items) {
            const k = key(child);
            const l = map.get(k);
            if (l) l.push(child);
            else map.set(k, [child]);
        }
        return map;
    };
    const a = group(children.of(old));
    const b = group(children.of(item));
    // A rule or route alone is compiled as a variant of the AFTER side; a transit gateway's tables are compiled whole.
    const part = children.variant ? list : undefined;
    const name = label(list, item);
    // Replaces the first child with key `k` (or adds `replacement` when none has it), removes it when `replacement` is undefined.
    const edit =
        (k: string, replacement: Item | undefined, remove: Item | undefined) =>
        (t: Topology): Topology =>
            withList(
                t,
                list,
                (t[list] as unknown as Item[]).map(x => {
                    if (x.id !== item.id) return x;
                    const kids = [...children.of(x)];
                    const at = remove ? kids.findIndex(c => key(c) === k && canonical(c, true) === canonical(remove, true)) : -1;
                    if (at >= 0) {
                        if (replacement) kids[at] = replacement;
                        else kids.splice(at, 1);
                    } else if (replacement) kids.push(replacement);
                    return children.with(x, kids);
                })
            );
    for (const [k, now] of b) {
        const then = a.get(k) ?? [];
        now.forEach((child, i) => {
            const prior = then[i];
            if (prior === child) return;
            if (!prior) {
                changes.push({
                    change: 'added',
                    element: item.id,
                    text: `${name}: ${describe(child)}`,
                    after: child.loc as SourceLocation | undefined,
                    vpcs: vpcs(),
                    part,
                    revert: edit(k, undefined, child)
                });
            } else if (canonical(prior, true) !== canonical(child, true)) {
                changes.push({
                    change: 'changed',
                    element: item.id,
                    text: `${name}: ${describe(prior)} → ${describe(child)}`,
                    before: prior.loc as SourceLocation | undefined,
                    after: child.loc as SourceLocation | undefined,
                    vpcs: vpcs(),
                    part,
                    revert: edit(k, prior, child)
                });
            }
        });
        for (const prior of then.slice(now.length)) {
            changes.push({
                change: 'removed',
                element: item.id,
                text: `${name}: ${describe(prior)}`,
                before: prior.loc as SourceLocation | undefined,
                after: item.loc as SourceLocation | undefined,
                vpcs: vpcs(),
                part,
                revert: edit(k, prior, undefined)
            });
        }
    }
    for (const [k, then] of a) {
        if (b.has(k)) continue;
        for (const prior of then) {
            changes.push({
                change: 'removed',
                element: item.id,
                text: `${name}: ${describe(prior)}`,
                before: prior.loc as SourceLocation | undefined,
                after: item.loc as SourceLocation | undefined,
                vpcs: vpcs(),
                part,
                revert: edit(k, prior, undefined)
            });
        }
    }
    return changes;
}

/**
 * The containers whose rules or routes differ, when that is all that differs: every change is a
 * rule or route, and every list holds the same elements in the same order (an element's place
 * can matter: addresses are handed out in the order written). Undefined otherwise.
 */
export function variantParts(changes: readonly Change[], before: Topology, after: Topology): VariantParts | undefined {
    const parts = { groups: new Set<string>(), nacls: new Set<string>(), tables: new Set<string>() };
    for (const change of changes) {
        if (change.part === 'securityGroups') parts.groups.add(change.element);
        else if (change.part === 'networkAcls') parts.nacls.add(change.element);
        else if (change.part === 'routeTables') parts.tables.add(change.element);
        else return undefined;
    }
    const lists = new Set([...Object.keys(before), ...Object.keys(after)].filter(k => k !== 'documents' && k !== 'probes')) as Set<ListKey>;
    for (const list of lists) {
        const a = before[list] as unknown as Item[] | undefined;
        const b = after[list] as unknown as Item[] | undefined;
        if (a === b) continue;
        if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return undefined;
        for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && a[i]!.id !== b[i]!.id) return undefined;
    }
    return parts;
}

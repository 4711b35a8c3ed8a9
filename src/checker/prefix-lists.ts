/**
 * Rule and route quotas with prefix lists counted as AWS counts them: a reference to a
 * customer-managed list weighs its maximum entries, not the entries it has now.
 */
import type { PrefixList, RouteDestination, RulePeer, SourceLocation } from '../model/topology.js';
import { familyOf, parseCidr, type Family } from '../simulator/cidr.js';
import type { TopologyIndex } from '../simulator/topology-index.js';
import type { Check, Report } from './finding.js';

/** AWS's default quotas, each enforced per address family. */
export const RULES_PER_DIRECTION = 60;
export const ROUTES_PER_TABLE = 50;

/** What one rule or route weighs in each family. */
type Weight = Partial<Record<Family, number>>;

function listFamily(list: PrefixList): Family {
    for (const entry of list.entries) {
        const parsed = parseCidr(entry.value);
        if (parsed.ok) return parsed.value.family;
    }
    return 4;
}

/**
 * A customer-managed list weighs its max-entries; an AWS-managed service list counts as one IPv4
 * entry here (its weight is AWS's to set); a group reference counts once in each family.
 */
function weightOf(index: TopologyIndex, peer: RulePeer | RouteDestination): Weight {
    if (peer.kind === 'cidr') return { [familyOf(peer.cidr)]: 1 };
    if (peer.kind === 'sg') return { 4: 1, 6: 1 };
    const list = index.get<PrefixList>(peer.list);
    return list ? { [listFamily(list)]: list.maxEntries } : { 4: 1 };
}

interface Counted {
    weight: Weight;
    loc?: SourceLocation;
    /** A prefix list's name when it weighs more than one. */
    list?: { name: string; weight: number };
}

/** Adds the items up per family and reports at the first item that takes a family over `limit`. */
function overQuota(items: Counted[], limit: number, what: string, where: string, elementId: string, report: Report): void {
    for (const family of [4, 6] as const) {
        let total = 0;
        let crossing: Counted | undefined;
        for (const item of items) {
            const w = item.weight[family] ?? 0;
            total += w;
            if (total > limit && !crossing && w > 0) crossing = item;
        }
        if (!crossing) continue;
        const lists = items.filter(i => i.list && (i.weight[family] ?? 0) > 0).map(i => `${i.list!.name} counts ${i.list!.weight}`);
        const how = lists.length > 0 ? ` (a prefix list counts as its max-entries: ${[...new Set(lists)].join(', ')})` : '';
        report({
            code: 'prefix-list-quota',
            elementId,
            loc: crossing.loc,
            message: `${where} has ${total} IPv${family} ${what}${how}, over AWS's default quota of ${limit}: AWS refuses the rule or route that goes over. Lower a list's max-entries, split the ${what}, or raise the quota.`
        });
    }
}

function counted(index: TopologyIndex, peer: RulePeer | RouteDestination, loc: SourceLocation | undefined): Counted {
    const weight = weightOf(index, peer);
    const list = peer.kind === 'prefix-list' ? index.get<PrefixList>(peer.list) : undefined;
    return { weight, loc, ...(list ? { list: { name: list.name, weight: list.maxEntries } } : {}) };
}

export const checkPrefixListQuotas: Check = ({ topology, index }, report) => {
    for (const group of topology.securityGroups) {
        for (const direction of ['ingress', 'egress'] as const) {
            const rules = group.rules.filter(r => r.direction === direction);
            const items = rules.map(r => counted(index, r.peer, r.peerLoc ?? r.loc ?? group.loc));
            const what = direction === 'ingress' ? 'inbound rules' : 'outbound rules';
            overQuota(items, RULES_PER_DIRECTION, what, `Security group ${group.name}`, group.id, report);
        }
    }
    for (const table of topology.routeTables) {
        const items = table.routes.map(r => counted(index, r.destination, r.destination.loc ?? r.loc ?? table.loc));
        overQuota(items, ROUTES_PER_TABLE, 'routes', `Route table ${table.name}`, table.id, report);
    }
};

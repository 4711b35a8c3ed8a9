/**
 * Resource instances → the model, in dependency order: what routes, rules and endpoints point at
 * exists before them. Every managed resource is either mapped or listed as left out with why
 * (also types that shape no traffic, such as IAM roles: nothing is dropped silently).
 */
import type { ReadResult } from '../instances.js';
import { mapInstances, mapFlowLogs, mapPeerings } from './compute.js';
import { mapEndpointAccepters, mapEndpointServices, mapLoadBalancers, reportUnusedLists } from './balancers.js';
import { mapTransitGateways } from './transit.js';
import { MapContext, type ImportNote } from './context.js';
import { mapBuckets, mapEndpoints } from './endpoints.js';
import { mapAccounts, mapGateways, mapNatGateways, mapSubnets, mapVpcs } from './network.js';
import { mapRoutesAndAssociations, mapRouteTables } from './routing.js';
import { mapPaths } from './paths.js';
import { mapNetworkAcls, mapSecurityGroups } from './security.js';
import type { Topology } from '../../../model/topology.js';

export interface MappedImport {
    topology: Topology;
    notes: ImportNote[];
    /** Model element id → where it came from, for the comment above each element. */
    origins: ReadonlyMap<string, string>;
}

export function mapToModel(read: ReadResult, sourceName: string): MappedImport {
    const ctx = new MapContext(read.instances, read.region, sourceName, read.notes);
    mapVpcs(ctx);
    mapSubnets(ctx);
    mapGateways(ctx);
    mapNatGateways(ctx);
    mapRouteTables(ctx);
    mapSecurityGroups(ctx);
    mapNetworkAcls(ctx);
    mapPeerings(ctx);
    mapInstances(ctx);
    mapTransitGateways(ctx);
    mapLoadBalancers(ctx);
    mapEndpointServices(ctx);
    mapEndpoints(ctx);
    mapEndpointAccepters(ctx);
    mapBuckets(ctx);
    mapRoutesAndAssociations(ctx);
    mapFlowLogs(ctx);
    reportUnusedLists(ctx);
    mapPaths(ctx);
    mapAccounts(ctx);
    const reported = new Set(ctx.notes.map(n => n.what));
    // Notes about `ADDRESS: attribute` or `ADDRESS …` report ADDRESS: looked up, not searched for per instance.
    const prefixed = new Set<string>();
    for (const n of ctx.notes) addPrefixes(prefixed, n.what);
    for (const i of read.instances) {
        if (i.mode !== 'managed' || ctx.isMapped(i) || reported.has(i.address) || prefixed.has(i.address)) continue;
        addPrefixes(prefixed, i.address);
        ctx.leftOut(
            i,
            i.address,
            i.type === 'aws_eip'
                ? 'an Elastic IP associated with no instance or NAT gateway in this import'
                : `the type ${i.type} is not one the language models`
        );
    }
    ctx.topology.documents = [];
    return { topology: ctx.topology, notes: ctx.notes, origins: ctx.origins };
}

/** A note's text up to each colon or space in it (the text is an address and what follows, not an id). */
function addPrefixes(to: Set<string>, what: string): void {
    for (let p = 0; p < what.length; p++) {
        const c = what[p];
        if (c === ':' || c === ' ') to.add(what.slice(0, p));
    }
}

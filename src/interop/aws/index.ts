/**
 * `vpc-lab import aws DIR`: a folder of `aws ec2 describe-*` JSON into a topology. Steps run in
 * the order references need: prefix lists, VPCs, peerings (whose placeholders rules may name),
 * subnets, groups, ACLs, gateways, route tables (declared), endpoints, instances, transit gateways,
 * load balancers (whose targets are instances), endpoint services and the endpoints that use them,
 * other ENIs, routes, flow logs. Names are claimed in that order, each list in file and array order.
 */
import { TopologyDraft, type ImportResult } from '../common/draft.js';
import type { AwsContext } from './context.js';
import { importInstances, importNetworkInterfaces } from './enis.js';
import { importNetworkAcls, importSecurityGroups } from './filters.js';
import type { Snapshot } from './input.js';
import { importGateways, importNatGateways, importSubnets, importVpcs } from './network.js';
import { readSnapshot, type ReadOptions } from './read.js';
import { declareRouteTables, fillRouteTables } from './routes.js';
import { importEndpoints, importFlowLogs, importPeerings, readPrefixLists } from './services.js';
import { importLoadBalancers } from './balancers.js';
import { importEndpointServices, importPrivateLinkEndpoints, reportUnusedLists } from './privatelink.js';
import { importTransitGateways } from './transit.js';

export { printCommands } from './commands.js';
export type { DescribeOutput, Snapshot } from './input.js';

/** Converts a snapshot already read (the bench and tests build them in memory). */
export function convertSnapshot(snapshot: Snapshot): ImportResult {
    const context: AwsContext = {
        draft: new TopologyDraft(),
        snapshot,
        vpcs: new Map(),
        ids: new Map(),
        eniOwners: new Map(),
        prefixLists: new Map()
    };
    readPrefixLists(context);
    importVpcs(context);
    importPeerings(context);
    importSubnets(context);
    importSecurityGroups(context);
    importNetworkAcls(context);
    importGateways(context);
    importNatGateways(context);
    declareRouteTables(context);
    importEndpoints(context);
    importInstances(context);
    importTransitGateways(context);
    importLoadBalancers(context);
    importEndpointServices(context);
    importPrivateLinkEndpoints(context);
    importNetworkInterfaces(context);
    fillRouteTables(context);
    importFlowLogs(context);
    reportUnusedLists(context);
    return context.draft.finish();
}

/** Reads and converts a folder; throws ImportError (one line) when it cannot be read. */
export async function importAws(folder: string, options: ReadOptions = {}): Promise<ImportResult> {
    return convertSnapshot(await readSnapshot(folder, options));
}

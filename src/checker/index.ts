/** Every topology check: over a whole workspace model at once, or VPC by VPC with the results of unchanged VPCs kept. */
import type { Topology, Vpc } from '../model/topology.js';
import { checkDuplicateAddresses, checkDuplicatePublicAddresses, checkEniAddresses, checkProbeAddresses, checkRuleAndRouteBlocks, checkSubnets, checkVpcBlocks } from './addresses.js';
import { checkFlowLogs, checkInterfaceEndpoints, checkNetworkAcls, checkSecurityGroupPrefixLists } from './endpoints.js';
import type { Compiled } from '../simulator/compile.js';
import { TopologyIndex, type VpcView } from '../simulator/topology-index.js';
import { createContext, lazyCompile, type Check, type CheckContext, type Finding } from './finding.js';
import { checkVpcNames, checkWorkspaceNames } from './names.js';
import { checkPeerings, checkSecurityGroupReferences } from './peering.js';
import { checkEndpointGroupProtocols, checkProbes } from './probes.js';
import { checkGatewayEndpoints, checkNatGateways, checkPeeringRoutes, checkRouteDuplicates, checkRouteTargets } from './routing.js';

export { lazyCompile, type Finding } from './finding.js';

/**
 * Checks whose findings about a VPC's resources come from that VPC's resources: run over a
 * topology of one VPC, they find what they find over the whole (a lookup outside it is noticed).
 */
export const vpcChecks: readonly Check[] = [
    checkVpcNames, checkVpcBlocks, checkSubnets, checkEniAddresses, checkDuplicateAddresses, checkRuleAndRouteBlocks,
    checkSecurityGroupReferences, checkRouteDuplicates, checkRouteTargets, checkPeeringRoutes, checkNatGateways,
    checkGatewayEndpoints, checkInterfaceEndpoints, checkNetworkAcls, checkSecurityGroupPrefixLists, checkFlowLogs
];

/** Checks across VPCs: the workspace's names, probe addresses, peerings, probes. */
export const workspaceChecks: readonly Check[] = [
    checkWorkspaceNames, checkProbeAddresses, checkDuplicatePublicAddresses, checkPeerings, checkEndpointGroupProtocols, checkProbes
];

/** Every check, in the order the whole-workspace run reports them. */
export const topologyChecks: readonly Check[] = [
    checkWorkspaceNames, checkVpcNames,
    checkVpcBlocks, checkSubnets, checkEniAddresses, checkDuplicateAddresses, checkRuleAndRouteBlocks, checkProbeAddresses, checkDuplicatePublicAddresses,
    checkPeerings, checkSecurityGroupReferences,
    checkRouteDuplicates, checkRouteTargets, checkPeeringRoutes, checkNatGateways, checkGatewayEndpoints,
    checkInterfaceEndpoints, checkNetworkAcls, checkSecurityGroupPrefixLists, checkFlowLogs,
    checkEndpointGroupProtocols, checkProbes
];

/** Runs checks; a check that throws on odd input is reported, never allowed to stop the rest. */
function run(checks: readonly Check[], context: CheckContext, findings: Finding[]): void {
    const report = (finding: Finding) => { findings.push(finding); };
    for (const check of checks) {
        try {
            check(context, report);
        } catch (error) {
            console.error(`vpc-lab: ${check.name} failed and was skipped:`, error);
        }
    }
}

/**
 * Runs every check over the whole topology.
 * `compiled` lets the caller share the simulator's compiled topology with the probe checks.
 */
export function checkTopology(topology: Topology, compiled?: () => Compiled): Finding[] {
    const findings: Finding[] = [];
    run(topologyChecks, createContext(topology, compiled), findings);
    return findings;
}

/** A lookup a VPC's checks made outside the VPC, and what it answered. */
type Lookup =
    | { by: 'id'; key: string; answer: unknown }
    | { by: 'vpc'; key: string; answer: Vpc | undefined }
    | { by: 'peering'; a: string; b: string; answer: unknown };

/**
 * What a checker keeps between runs: each VPC's findings, by the VPC object they were found for,
 * with the lookups outside the VPC they depended on (a peering, the peer VPC, its route tables).
 */
export class CheckCache {
    readonly vpcs = new WeakMap<Vpc, { findings: readonly Finding[]; lookups: readonly Lookup[] }>();
}

/** Whether every lookup answers as it did: the same objects, so the same findings. */
function unchanged(lookups: readonly Lookup[], index: TopologyIndex): boolean {
    return lookups.every(l => l.by === 'id' ? index.byId.get(l.key) === l.answer
        : l.by === 'vpc' ? index.vpcs.get(l.key)?.vpc === l.answer
        : index.peeringBetween(l.a, l.b) === l.answer);
}

/** The topology of one VPC: its resources only, in the workspace's document order. */
function vpcTopology(documents: string[], view: VpcView): Topology {
    return {
        documents, accounts: [], vpcs: [view.vpc], subnets: view.subnets, routeTables: view.routeTables,
        gateways: view.gateways, natGateways: view.natGateways, securityGroups: view.securityGroups, networkAcls: view.networkAcls,
        instances: view.instances, gatewayEndpoints: view.gatewayEndpoints, interfaceEndpoints: view.interfaceEndpoints,
        flowLogs: view.flowLogs, peerings: [], buckets: [], probes: []
    };
}

/** The workspace index seen from one VPC: every lookup answered, and those outside the VPC (or of nothing) recorded. */
function vpcIndex(unit: Topology, index: TopologyIndex, view: VpcView, lookups: Lookup[]): TopologyIndex {
    const id = view.vpc.id;
    return new TopologyIndex(unit, {
        byId: {
            get: key => {
                const element = index.byId.get(key);
                if (!element || (element.id !== id && (element as { vpc?: string }).vpc !== id)) lookups.push({ by: 'id', key, answer: element });
                return element;
            }
        },
        vpcs: {
            get: key => {
                const found = index.vpcs.get(key);
                if (key !== id) lookups.push({ by: 'vpc', key, answer: found?.vpc });
                return found;
            },
            values: () => [view].values()
        },
        peeringBetween: (a, b) => {
            const answer = index.peeringBetween(a, b);
            lookups.push({ by: 'peering', a, b, answer });
            return answer;
        }
    });
}

/**
 * Every check, VPC by VPC: a VPC object seen before (its document not converted again) keeps its
 * findings while every lookup its checks made outside it answers the same; the checks across VPCs
 * run over the whole. `index` must be an index of `topology` whose element ids are unique. (A VPC's
 * checks read a peer's view for its VPC, blocks, subnets and their route tables, which come from
 * the peer's own document with the peer VPC object; peerings are asked for through `peeringBetween`,
 * which is noticed too.)
 */
export function checkTopologyIncrementally(topology: Topology, index: TopologyIndex, cache: CheckCache, compiled: () => Compiled = lazyCompile(topology)): Finding[] {
    const findings: Finding[] = [];
    for (const vpc of topology.vpcs) {
        const kept = cache.vpcs.get(vpc);
        if (kept && unchanged(kept.lookups, index)) { findings.push(...kept.findings); continue; }
        const view = index.vpcs.get(vpc.id);
        if (!view) continue;
        const unit = vpcTopology(topology.documents, view);
        const lookups: Lookup[] = [];
        const own: Finding[] = [];
        run(vpcChecks, { topology: unit, index: vpcIndex(unit, index, view, lookups), compiled }, own);
        cache.vpcs.set(vpc, { findings: own, lookups });
        findings.push(...own);
    }
    run(workspaceChecks, { topology, index, compiled }, findings);
    return findings;
}

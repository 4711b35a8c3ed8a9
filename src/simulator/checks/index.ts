/** Every topology check, run over a whole workspace model at once. */
import type { Topology } from '../../model/topology.js';
import { checkEniAddresses, checkRuleAndRouteBlocks, checkSubnets, checkVpcBlocks } from './addresses.js';
import { checkFlowLogs, checkInterfaceEndpoints, checkNetworkAcls, checkSecurityGroupPrefixLists } from './endpoints.js';
import type { Compiled } from '../compile.js';
import { createContext, type Check, type Finding } from './finding.js';
import { checkNames } from './names.js';
import { checkPeerings, checkSecurityGroupReferences } from './peering.js';
import { checkEndpointGroupProtocols, checkProbes } from './probes.js';
import { checkGatewayEndpoints, checkNatGateways, checkRouteDuplicates, checkRouteTargets } from './routing.js';

export { lazyCompile, type Finding } from './finding.js';

export const topologyChecks: readonly Check[] = [
    checkNames,
    checkVpcBlocks, checkSubnets, checkEniAddresses, checkRuleAndRouteBlocks,
    checkPeerings, checkSecurityGroupReferences,
    checkRouteDuplicates, checkRouteTargets, checkNatGateways, checkGatewayEndpoints,
    checkInterfaceEndpoints, checkNetworkAcls, checkSecurityGroupPrefixLists, checkFlowLogs,
    checkEndpointGroupProtocols, checkProbes
];

/**
 * Runs every check; a check that throws on odd input is reported, never allowed to stop the rest.
 * `compiled` lets the caller share the simulator's compiled topology with the probe checks.
 */
export function checkTopology(topology: Topology, compiled?: () => Compiled): Finding[] {
    const context = createContext(topology, compiled);
    const findings: Finding[] = [];
    const report = (finding: Finding) => { findings.push(finding); };
    for (const check of topologyChecks) {
        try {
            check(context, report);
        } catch (error) {
            console.error(`vpc-lab: ${check.name} failed and was skipped:`, error);
        }
    }
    return findings;
}

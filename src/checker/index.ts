/** Every topology check: over a whole workspace model at once, or VPC by VPC with the results of unchanged VPCs kept. */
import { emptyTopology, type Topology, type Vpc } from '../model/topology.js';
import { VPC_LISTS } from '../model/kinds.js';
import {
    checkDuplicateAddresses,
    checkDuplicatePublicAddresses,
    checkEniAddresses,
    checkProbeAddresses,
    checkRuleAndRouteBlocks,
    checkSubnets,
    checkVpcBlocks
} from './addresses.js';
import { checkFlowLogs, checkInterfaceEndpoints, checkNetworkAcls, checkSecurityGroupPrefixLists } from './endpoints.js';
import type { Compiled } from '../simulator/compile.js';
import { TopologyIndex, type VpcView } from '../simulator/topology-index.js';
import { createContext, lazyCompile, type Check, type CheckContext, type Finding } from './finding.js';
import { checkVpcNames, checkWorkspaceNames } from './names.js';
import { checkPeerings, checkSecurityGroupReferences } from './peering.js';
import { checkEndpointGroupProtocols, checkProbes } from './probes.js';
import {
    checkEndpointServices,
    checkLoadBalancerPublicSubnets,
    checkLoadBalancerSubnets,
    checkLoadBalancerTargets
} from './load-balancers.js';
import { checkPrefixListQuotas } from './prefix-lists.js';
import { checkTgwAssociations, checkTgwAttachmentZones, checkTgwAttachments, checkTgwReturnRoutes } from './transit.js';
import { checkGatewayEndpoints, checkNatGateways, checkPeeringRoutes, checkRouteDuplicates, checkRouteTargets } from './routing.js';

export { lazyCompile, type Finding } from './finding.js';

/**
 * Every check once, in the order the whole-workspace run reports them, with its scope:
 * - `vpc`: its findings about a VPC's resources come from that VPC's resources, so run over a
 *   topology of one VPC it finds what it finds over the whole (a lookup outside it is noticed);
 *   the incremental checker keeps its findings for a VPC that did not change;
 * - `workspace`: it looks across VPCs (the workspace's names, probe addresses, peerings, probes)
 *   and runs over the whole every time.
 */
export const CHECKS: ReadonlyArray<{ check: Check; scope: 'vpc' | 'workspace' }> = [
    { check: checkWorkspaceNames, scope: 'workspace' },
    { check: checkVpcNames, scope: 'vpc' },
    { check: checkVpcBlocks, scope: 'vpc' },
    { check: checkSubnets, scope: 'vpc' },
    { check: checkEniAddresses, scope: 'vpc' },
    { check: checkDuplicateAddresses, scope: 'vpc' },
    { check: checkRuleAndRouteBlocks, scope: 'vpc' },
    { check: checkProbeAddresses, scope: 'workspace' },
    { check: checkDuplicatePublicAddresses, scope: 'workspace' },
    { check: checkPeerings, scope: 'workspace' },
    { check: checkSecurityGroupReferences, scope: 'vpc' },
    { check: checkRouteDuplicates, scope: 'vpc' },
    { check: checkRouteTargets, scope: 'vpc' },
    { check: checkPeeringRoutes, scope: 'vpc' },
    { check: checkNatGateways, scope: 'vpc' },
    { check: checkGatewayEndpoints, scope: 'vpc' },
    { check: checkInterfaceEndpoints, scope: 'vpc' },
    { check: checkNetworkAcls, scope: 'vpc' },
    { check: checkSecurityGroupPrefixLists, scope: 'vpc' },
    { check: checkFlowLogs, scope: 'vpc' },
    { check: checkLoadBalancerSubnets, scope: 'vpc' },
    { check: checkLoadBalancerPublicSubnets, scope: 'vpc' },
    { check: checkLoadBalancerTargets, scope: 'vpc' },
    { check: checkEndpointServices, scope: 'vpc' },
    { check: checkPrefixListQuotas, scope: 'vpc' },
    { check: checkTgwAttachments, scope: 'workspace' },
    { check: checkTgwAttachmentZones, scope: 'vpc' },
    { check: checkTgwAssociations, scope: 'workspace' },
    { check: checkTgwReturnRoutes, scope: 'workspace' },
    { check: checkEndpointGroupProtocols, scope: 'workspace' },
    { check: checkProbes, scope: 'workspace' }
];

/** The checks run VPC by VPC. */
export const vpcChecks: readonly Check[] = CHECKS.filter(c => c.scope === 'vpc').map(c => c.check);

/** The checks across VPCs. */
export const workspaceChecks: readonly Check[] = CHECKS.filter(c => c.scope === 'workspace').map(c => c.check);

/** Every check, in the order the whole-workspace run reports them. */
export const topologyChecks: readonly Check[] = CHECKS.map(c => c.check);

/** Runs checks; a check that throws on odd input is reported, never allowed to stop the rest. */
function run(checks: readonly Check[], context: CheckContext, findings: Finding[]): void {
    const report = (finding: Finding) => {
        findings.push(finding);
    };
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

/** Each element's text, once: an element converted again from an unchanged statement reads the same. */
const texts = new WeakMap<object, string>();

function textOf(element: object): string {
    let text = texts.get(element);
    if (text === undefined) {
        text = JSON.stringify(element);
        texts.set(element, text);
    }
    return text;
}

/**
 * Whether an element answers as it did: the same object, or an equal one (a workspace-wide
 * element such as a transit gateway, converted again with its file, which every spoke looks up).
 */
function same(now: unknown, before: unknown): boolean {
    return (
        now === before ||
        (typeof now === 'object' && now !== null && typeof before === 'object' && before !== null && textOf(now) === textOf(before))
    );
}

/** Whether every lookup answers as it did, so the same findings. */
function unchanged(lookups: readonly Lookup[], index: TopologyIndex): boolean {
    return lookups.every(l =>
        l.by === 'id'
            ? same(index.byId.get(l.key), l.answer)
            : l.by === 'vpc'
              ? index.vpcs.get(l.key)?.vpc === l.answer
              : index.peeringBetween(l.a, l.b) === l.answer
    );
}

/** The topology of one VPC: its resources only, in the workspace's document order. */
function vpcTopology(documents: string[], view: VpcView): Topology {
    const unit = emptyTopology();
    unit.documents = documents;
    unit.vpcs = [view.vpc];
    for (const list of VPC_LISTS) (unit[list] as unknown) = view[list];
    return unit;
}

/** The workspace index seen from one VPC: every lookup answered, and those outside the VPC (or of nothing) recorded. */
function vpcIndex(unit: Topology, index: TopologyIndex, view: VpcView, lookups: Lookup[]): TopologyIndex {
    const id = view.vpc.id;
    return new TopologyIndex(unit, {
        byId: {
            get: key => {
                const element = index.byId.get(key);
                if (!element || (element.id !== id && (element as { vpc?: string }).vpc !== id))
                    lookups.push({ by: 'id', key, answer: element });
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
export function checkTopologyIncrementally(
    topology: Topology,
    index: TopologyIndex,
    cache: CheckCache,
    compiled: () => Compiled = lazyCompile(topology)
): Finding[] {
    const findings: Finding[] = [];
    for (const vpc of topology.vpcs) {
        const kept = cache.vpcs.get(vpc);
        if (kept && unchanged(kept.lookups, index)) {
            findings.push(...kept.findings);
            continue;
        }
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

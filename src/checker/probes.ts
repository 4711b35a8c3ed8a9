/** Checks that need the simulator: probe expectations, and non-TCP traffic to interface endpoints. */
import { simulateProbe } from '../simulator/simulate.js';
import type { Check } from './finding.js';

export const checkProbes: Check = ({ topology, compiled: compiledTopology }, report) => {
    // A probe with a name that did not resolve is already an error; it is not simulated.
    const judged = topology.probes.filter(p => (p.expect !== undefined || p.protocol !== 'tcp') && resolved(p));
    if (judged.length === 0) return;
    const compiled = compiledTopology();
    for (const probe of judged) {
        const result = simulateProbe(compiled, probe);
        const endpoint = result.blockers.find(b => b.reason === 'ENDPOINT_PROTOCOL');
        if (endpoint) {
            report({
                code: 'interface-endpoint-protocol',
                elementId: probe.id,
                loc: probe.protocolLoc ?? probe.loc,
                message: `${endpoint.detail}. Interface endpoints (PrivateLink) accept TCP connections only.`
            });
        }
        if (!probe.expect) continue;
        const accepted = result.verdict === 'ACCEPT';
        const wantAccept = probe.expect === 'accept';
        const reasonWrong = !wantAccept && !accepted && probe.expectReason !== undefined && probe.expectReason !== result.reason;
        if (accepted === wantAccept && !reasonWrong) continue;
        const first = result.blockers[0];
        const hop = first ? result.hops[first.hop] : undefined;
        const where = hop ? ` at hop ${first!.hop + 1}, ${hop.kind} ${hop.name}${hop.vpc ? ` in ${hop.vpc}` : ''}` : '';
        const message = accepted
            ? `Expected reject${probe.expectReason ? ` ${probe.expectReason}` : ''}, but the simulator accepts: ${result.hops.length} hops, none blocks (last: ${result.hops[result.hops.length - 1]?.detail ?? 'none'}).`
            : reasonWrong
              ? `Expected reject ${probe.expectReason}, but the simulator rejects with ${result.reason}${where}: ${first!.detail}.`
              : `Expected accept, but the simulator rejects with ${result.reason}${where}: ${first!.detail}.${
                    result.blockers.length > 1
                        ? ` ${result.blockers.length - 1} more blocker${result.blockers.length > 2 ? 's' : ''} on the path: ${result.blockers
                              .slice(1)
                              .map(b => b.reason)
                              .join(', ')}.`
                        : ''
                }`;
        // A fix is offered only when every blocker has a remedy: applying them all makes the probe pass.
        const remedies = !accepted && wantAccept && result.blockers.every(b => b.remedy) ? result.blockers.map(b => b.remedy!) : undefined;
        report({
            code: 'probe-expectation',
            elementId: probe.id,
            loc: probe.expectLoc ?? probe.loc,
            message,
            data: { verdict: result.verdict, reason: result.reason, remedies }
        });
    }
};

function resolved(probe: import('../model/topology.js').Probe): boolean {
    if (probe.source.kind === 'instance' && !probe.source.instance) return false;
    const d = probe.destination;
    if ((d.kind === 'instance' || d.kind === 'public-dns') && !d.instance) return false;
    return !(d.kind === 'endpoint' && !d.endpoint);
}

/** A security group of an interface endpoint that admits UDP or ICMP admits what PrivateLink never carries. */
export const checkEndpointGroupProtocols: Check = ({ topology, index }, report) => {
    const endpointGroups = new Map<string, string>();
    for (const endpoint of topology.interfaceEndpoints) {
        if (endpoint.securityGroupsExplicit) for (const group of endpoint.securityGroups) endpointGroups.set(group, endpoint.name);
    }
    const usedElsewhere = new Set([...topology.instances.flatMap(i => i.securityGroups)]);
    for (const [groupId, endpoint] of endpointGroups) {
        if (usedElsewhere.has(groupId)) continue;
        const group = index.get<import('../model/topology.js').SecurityGroup>(groupId);
        for (const rule of group?.rules ?? []) {
            if (rule.direction === 'ingress' && (rule.protocol === 'udp' || rule.protocol === 'icmp')) {
                report({
                    code: 'interface-endpoint-protocol',
                    elementId: rule.id,
                    loc: rule.loc,
                    message: `${group!.name} admits ${rule.protocol} to interface endpoint ${endpoint}, but interface endpoints (PrivateLink) carry TCP only: this rule can never match.`
                });
            }
        }
    }
};

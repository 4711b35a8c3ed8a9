/** Interface endpoints (PrivateLink), network ACL rules, flow logs and security-group prefix lists. */
import { destinationProblem } from '../simulator/flow-log-destination.js';
import type { InterfaceEndpoint, SourceLocation, Subnet } from '../model/topology.js';
import { displayName } from '../simulator/topology-index.js';
import { FLOW_LOG_FIELDS } from '../simulator/flow-log-fields.js';
import type { Check } from './finding.js';
import { endpointServiceIdOf } from '../model/transit.js';
import { serviceRegionProblem } from './services.js';

export const checkInterfaceEndpoints: Check = ({ topology, index }, report) => {
    const privateDnsOwners = new Map<string, InterfaceEndpoint>();
    for (const endpoint of topology.interfaceEndpoints) {
        const vpc = index.vpcs.get(endpoint.vpc)?.vpc;
        if (!vpc) continue;
        if (!endpoint.securityGroupsExplicit) {
            report({
                code: 'interface-endpoint-no-sg',
                elementId: endpoint.id,
                loc: endpoint.loc,
                message: `Interface endpoint ${endpoint.name} names no security group, so AWS attaches ${vpc.name}'s default group, which admits only members of itself: clients elsewhere cannot reach it. Give it a group that allows TCP 443 from its clients.`
            });
        }
        const subnets = endpoint.subnets.map(s => index.get<Subnet>(s.value)).filter((s): s is Subnet => s !== undefined);
        const byAz = new Map<string, { subnet: Subnet; loc?: SourceLocation }>();
        for (const located of endpoint.subnets) {
            const subnet = index.get<Subnet>(located.value);
            if (!subnet) continue;
            const earlier = byAz.get(subnet.az);
            if (!earlier) {
                byAz.set(subnet.az, { subnet, loc: located.loc });
                continue;
            }
            report({
                code: 'interface-endpoint-az',
                elementId: endpoint.id,
                loc: located.loc,
                message:
                    earlier.subnet === subnet
                        ? `Interface endpoint ${endpoint.name} names subnet ${subnet.name} twice: it has one ENI per Availability Zone, in one subnet of each.`
                        : `Interface endpoint ${endpoint.name} already has subnet ${earlier.subnet.name} in ${subnet.az}: AWS takes one subnet per Availability Zone (one ENI each) and refuses ${subnet.name}. Name a subnet of another AZ instead.`,
                related: [{ message: `${earlier.subnet.name} is in ${subnet.az}`, loc: earlier.loc }]
            });
        }
        const azs = new Set(subnets.map(s => s.az));
        if (azs.size === 1) {
            report({
                code: 'interface-endpoint-single-az',
                elementId: endpoint.id,
                loc: endpoint.subnets[0]?.loc ?? endpoint.loc,
                message: `Interface endpoint ${endpoint.name} has ENIs only in ${[...azs][0]}: an interface endpoint is not highly available by itself. Add a subnet in another Availability Zone.`,
                data: { endpoint: endpoint.id, subnet: topology.subnets.find(s => s.vpc === endpoint.vpc && !azs.has(s.az))?.name }
            });
        }
        // An endpoint service has no private DNS name of its own here (its provider would have to
        // configure and verify one), so private DNS does not apply to endpoints that name one.
        const service = endpointServiceIdOf(endpoint);
        const privateDns = endpoint.privateDns && !(service !== undefined && index.get(service));
        if (privateDns && (!vpc.dnsSupport || !vpc.dnsHostnames)) {
            const off = [!vpc.dnsSupport && 'dns-support', !vpc.dnsHostnames && 'dns-hostnames'].filter(Boolean).join(' and ');
            report({
                code: 'interface-endpoint-private-dns',
                elementId: endpoint.id,
                loc: endpoint.privateDnsLoc ?? endpoint.loc,
                message: `Private DNS needs the VPC's DNS support and DNS hostnames on, but ${vpc.name} has ${off} off${!vpc.dnsHostnames && vpc.dnsSupport ? ' (the default)' : ''}: turn ${off} on in ${vpc.name}, or set private-dns off and use the endpoint's own DNS names.`
            });
        }
        if (privateDns) {
            const key = `${endpoint.vpc}\u0000${endpoint.service}`;
            const earlier = privateDnsOwners.get(key);
            if (earlier) {
                report({
                    code: 'interface-endpoint-private-dns-duplicate',
                    elementId: endpoint.id,
                    loc: endpoint.privateDnsLoc ?? endpoint.loc,
                    message: `${earlier.name} already has private DNS on for ${endpoint.service} in ${vpc.name}: only one endpoint per service per VPC may own the service's default name. Set private-dns off here.`,
                    related: [{ message: `${earlier.name} has private DNS on`, loc: earlier.privateDnsLoc ?? earlier.loc }]
                });
            } else {
                privateDnsOwners.set(key, endpoint);
            }
        }
        if (endpoint.service === 'dynamodb') {
            report({
                code: 'interface-endpoint-dynamodb',
                elementId: endpoint.id,
                loc: endpoint.serviceLoc,
                message:
                    'Older material says DynamoDB has no interface endpoint; AWS added DynamoDB interface endpoints (PrivateLink) in March 2024. A gateway endpoint is still free and enough inside one VPC; the interface endpoint serves peers, VPN and Direct Connect.'
            });
        }
        if (endpoint.region !== vpc.region) {
            report({
                code: 'gateway-endpoint-region',
                elementId: endpoint.id,
                loc: endpoint.serviceLoc,
                message: `Interface endpoint ${endpoint.name} names ${endpoint.region}, but ${vpc.name} is in ${vpc.region}: endpoints serve their own region.`
            });
        }
    }
};

export const checkNetworkAcls: Check = ({ topology }, report) => {
    for (const acl of topology.networkAcls) {
        const numbers = new Map<string, number>();
        for (const rule of acl.rules) {
            if (rule.peer.kind === 'prefix-list') {
                report({
                    code: 'nacl-prefix-list',
                    elementId: rule.id,
                    loc: rule.peerLoc,
                    message: `Network ACL rules take CIDR blocks only; a prefix list (${rule.peer.service}) can be used in security groups and route tables, not in NACLs.`
                });
            }
            if (rule.number < 1 || rule.number > 32766) {
                report({
                    code: 'nacl-rule-number',
                    elementId: rule.id,
                    loc: rule.numberLoc,
                    message: `NACL rule numbers run from 1 to 32766 (32767 is the implicit final deny, shown as *); ${rule.number} is outside that range.`
                });
                continue;
            }
            const key = `${rule.direction}:${rule.number}`;
            if (numbers.has(key)) {
                const earlier = acl.rules[numbers.get(key)!]!;
                report({
                    code: 'nacl-rule-number',
                    elementId: rule.id,
                    loc: rule.numberLoc,
                    message: `${acl.name} already has ${rule.direction} rule ${rule.number}: rules are evaluated by number, lowest first, so each number is used once per direction.`,
                    related: [{ message: `${rule.direction} rule ${rule.number}`, loc: earlier.numberLoc }]
                });
            } else {
                numbers.set(key, acl.rules.indexOf(rule));
            }
        }
    }
};

export const checkSecurityGroupPrefixLists: Check = ({ topology, index }, report) => {
    for (const group of topology.securityGroups) {
        const vpc = index.vpcs.get(group.vpc)?.vpc;
        if (!vpc) continue;
        for (const rule of group.rules) {
            if (rule.peer.kind !== 'prefix-list') continue;
            const problem = serviceRegionProblem(rule.peer.region, vpc);
            if (problem) report({ code: 'gateway-endpoint-region', elementId: rule.id, loc: rule.peerLoc, message: problem });
        }
    }
};

export const checkFlowLogs: Check = ({ topology, index }, report) => {
    for (const flowLog of topology.flowLogs) {
        const capture = flowLog.capture;
        if (capture.level !== 'vpc' && capture.target) {
            const target = index.get(capture.target) as { vpc?: string; id: string; name: string } | undefined;
            if (target?.vpc && target.vpc !== flowLog.vpc) {
                const owner = index.vpcs.get(target.vpc)?.vpc.name ?? target.vpc;
                report({
                    code: 'flow-log-target',
                    elementId: flowLog.id,
                    loc: capture.loc,
                    message: `${displayName(target)} is in VPC ${owner}: a flow log declared in ${index.vpcs.get(flowLog.vpc)?.vpc.name} captures its own VPC, its subnets or its ENIs. Declare this flow log in ${owner}.`
                });
            }
        }
        const format = flowLog.format;
        if (format) checkFormat(format.value, format.loc, flowLog.id, report);
        const problem = flowLog.destination && destinationProblem(flowLog.destination);
        if (problem)
            report({ code: 'flow-log-destination', elementId: flowLog.id, loc: flowLog.destination?.loc ?? flowLog.loc, message: problem });
    }
};

function checkFormat(
    text: string,
    loc: import('../model/topology.js').SourceLocation | undefined,
    elementId: string,
    report: Parameters<Check>[1]
): void {
    const pattern = /\$\{([^}]*)\}|(\S+)/g;
    let match: RegExpExecArray | null;
    let fields = 0;
    while ((match = pattern.exec(text)) !== null) {
        const field = match[1];
        const offset = match.index;
        const here =
            loc && loc.range.start.line === loc.range.end.line
                ? {
                      uri: loc.uri,
                      range: {
                          start: { line: loc.range.start.line, character: loc.range.start.character + 1 + offset },
                          end: { line: loc.range.start.line, character: loc.range.start.character + 1 + offset + match[0].length }
                      }
                  }
                : loc;
        if (field === undefined) {
            report({
                code: 'flow-log-format',
                elementId,
                loc: here,
                message: `'${match[0]}' is not a field: a custom format is a space-separated list of fields written \${field}, e.g. \${srcaddr}.`
            });
            continue;
        }
        fields++;
        if (!FLOW_LOG_FIELDS.has(field)) {
            const close = [...FLOW_LOG_FIELDS.keys()].find(known => known.replace(/-/g, '') === field.replace(/[-_]/g, '').toLowerCase());
            report({
                code: 'flow-log-format',
                elementId,
                loc: here,
                message: `\${${field}} is not a flow-log field AWS defines${close ? `; did you mean \${${close}}?` : '.'} Fields are those of versions 2 to 8 (e.g. \${srcaddr}, \${pkt-srcaddr}, \${flow-direction}, \${traffic-path}).`
            });
        }
    }
    if (fields === 0) {
        report({
            code: 'flow-log-format',
            elementId,
            loc,
            message: 'A custom format needs at least one field, e.g. "${version} ${srcaddr} ${dstaddr} ${action}".'
        });
    }
}

/**
 * Names: unique within a VPC per kind of resource (references are typed, so a subnet and a route
 * table may both be `public`), with one namespace for what a route target or an ENI capture may
 * name (gateways, NAT gateways, endpoints, instances); accounts, VPCs and peerings are unique in
 * the workspace, buckets among buckets.
 */
import type { SourceLocation } from '../../model/topology.js';
import type { Check, Report } from './finding.js';
import { locationOrder } from './order.js';

interface Named { id: string; name: string; kind: string; loc?: SourceLocation; implicit?: boolean }

function reportDuplicates(elements: Named[], scope: string, order: ReturnType<typeof locationOrder>, report: Report): void {
    const sorted = elements.filter(e => !e.implicit && e.loc).sort((a, b) => order(a.loc, b.loc));
    const first = new Map<string, Named>();
    for (const element of sorted) {
        const earlier = first.get(element.name);
        if (!earlier) {
            first.set(element.name, element);
            continue;
        }
        report({ code: 'duplicate-name', elementId: element.id, loc: element.loc,
            message: `${scope} already has a ${earlier.kind} named ${element.name}: ${scope.startsWith('VPC') ? (earlier.kind === element.kind ? `two ${element.kind}s of one VPC` : 'gateways, NAT gateways, endpoints and instances of one VPC (what routes and flow logs name)') : 'accounts, VPCs and peerings'} need different names, or references to them would be ambiguous.`,
            related: [{ message: `the first ${element.name}`, loc: earlier.loc }] });
    }
}

export const checkNames: Check = ({ topology, index }, report) => {
    const order = locationOrder(topology.documents);
    for (const view of index.vpcs.values()) {
        const scope = `VPC ${view.vpc.name}`;
        for (const kind of [view.subnets, view.routeTables, view.securityGroups, view.networkAcls, view.flowLogs]) reportDuplicates(kind, scope, order, report);
        reportDuplicates([...view.gateways, ...view.natGateways, ...view.instances, ...view.gatewayEndpoints, ...view.interfaceEndpoints], scope, order, report);
    }
    reportDuplicates([...topology.accounts, ...topology.vpcs, ...topology.peerings], 'The workspace', order, report);
    reportDuplicates(topology.buckets, 'The workspace', order, report);
    reportDuplicates(topology.probes.filter(p => p.name !== p.text), 'The workspace', order, report);
};

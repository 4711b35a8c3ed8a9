/** Names: unique within a VPC for VPC-scoped resources, within the workspace for the rest. */
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
            message: `${scope} already has a ${earlier.kind} named ${element.name}: names are unique ${scope.startsWith('VPC') ? 'within a VPC, across all its resources' : 'in the workspace'}, so references to it would be ambiguous.`,
            related: [{ message: `the first ${element.name}`, loc: earlier.loc }] });
    }
}

export const checkNames: Check = ({ topology, index }, report) => {
    const order = locationOrder(topology.documents);
    for (const view of index.vpcs.values()) {
        reportDuplicates([
            ...view.subnets, ...view.routeTables, ...view.gateways, ...view.natGateways, ...view.securityGroups,
            ...view.networkAcls, ...view.instances, ...view.gatewayEndpoints, ...view.interfaceEndpoints, ...view.flowLogs
        ], `VPC ${view.vpc.name}`, order, report);
    }
    reportDuplicates([...topology.accounts, ...topology.vpcs, ...topology.peerings], 'The workspace', order, report);
    reportDuplicates(topology.buckets, 'The workspace', order, report);
    reportDuplicates(topology.probes.filter(p => p.name !== p.text), 'The workspace', order, report);
};

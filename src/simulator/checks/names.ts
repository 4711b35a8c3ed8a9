/**
 * Names: unique within a VPC per kind of resource (references are typed, so a subnet and a route
 * table may both be `public`), with one namespace for what a route target or an ENI capture may
 * name (gateways, NAT gateways, endpoints, instances); accounts, VPCs and peerings are unique in
 * the workspace, buckets among buckets.
 */
import type { SourceLocation, Topology } from '../../model/topology.js';
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

/** What a route target or an ENI capture may name: one namespace per VPC. */
const TARGET_KINDS = new Set(['internet-gateway', 'egress-only-internet-gateway', 'nat-gateway', 'instance', 'gateway-endpoint', 'interface-endpoint']);

/**
 * The namespace an element's name must be unique in: its VPC and kind (gateways, NAT gateways,
 * endpoints and instances sharing one), or the workspace for accounts, VPCs and peerings, buckets,
 * and named probes. Undefined for elements without a name of their own.
 */
export function namespaceOf(element: { kind: string; vpc?: string }): string | undefined {
    if (element.vpc !== undefined && element.kind !== 'vpc') return `${element.vpc}:${TARGET_KINDS.has(element.kind) ? 'target' : element.kind}`;
    if (element.kind === 'account' || element.kind === 'vpc' || element.kind === 'peering') return 'workspace';
    if (element.kind === 'bucket' || element.kind === 'probe') return `workspace:${element.kind}`;
    return undefined;
}

/** Every named element of the topology, with its namespace. */
export function namedElements(topology: Topology): Array<Named & { namespace: string }> {
    const all: Array<Named & { vpc?: string }> = [
        ...topology.accounts, ...topology.vpcs, ...topology.peerings, ...topology.buckets, ...topology.probes.filter(p => p.name !== p.text),
        ...topology.subnets, ...topology.routeTables, ...topology.securityGroups, ...topology.networkAcls, ...topology.flowLogs,
        ...topology.gateways, ...topology.natGateways, ...topology.instances, ...topology.gatewayEndpoints, ...topology.interfaceEndpoints
    ];
    return all.flatMap(e => {
        const namespace = namespaceOf(e);
        return namespace ? [{ ...e, namespace }] : [];
    });
}

export const checkNames: Check = ({ topology, index }, report) => {
    const order = locationOrder(topology.documents);
    const groups = new Map<string, Named[]>();
    for (const element of namedElements(topology)) {
        const group = groups.get(element.namespace);
        if (group) group.push(element); else groups.set(element.namespace, [element]);
    }
    for (const [namespace, elements] of groups) {
        const vpc = namespace.startsWith('workspace') ? undefined : index.vpcs.get(namespace.slice(0, namespace.lastIndexOf(':')))?.vpc;
        reportDuplicates(elements, vpc ? `VPC ${vpc.name}` : 'The workspace', order, report);
    }
};

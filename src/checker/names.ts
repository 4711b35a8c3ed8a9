/**
 * Names: unique within a VPC per kind of resource (references are typed, so a subnet and a route
 * table may both be `public`), with one namespace for what a route target or an ENI capture may
 * name (gateways, NAT gateways, endpoints, instances); accounts, VPCs and peerings are unique in
 * the workspace, buckets among buckets.
 */
import type { SourceLocation, Topology } from '../model/topology.js';
import type { Check, CheckContext, Report } from './finding.js';
import { locationOrder } from './order.js';
import { VPC_LISTS, WORKSPACE_LISTS, namespaceOf } from '../model/kinds.js';

interface Named {
    id: string;
    name: string;
    kind: string;
    loc?: SourceLocation;
    implicit?: boolean;
}

function reportDuplicates(elements: Named[], scope: string, order: ReturnType<typeof locationOrder>, report: Report): void {
    const sorted = elements.filter(e => !e.implicit && e.loc).sort((a, b) => order(a.loc, b.loc));
    const first = new Map<string, Named>();
    for (const element of sorted) {
        const earlier = first.get(element.name);
        if (!earlier) {
            first.set(element.name, element);
            continue;
        }
        report({
            code: 'duplicate-name',
            elementId: element.id,
            loc: element.loc,
            message: `${scope} already has a ${earlier.kind} named ${element.name}: ${scope.startsWith('VPC') ? (earlier.kind === element.kind ? `two ${element.kind}s of one VPC` : 'gateways, NAT gateways, endpoints and instances of one VPC (what routes and flow logs name)') : 'accounts, VPCs and peerings'} need different names, or references to them would be ambiguous.`,
            related: [{ message: `the first ${element.name}`, loc: earlier.loc }]
        });
    }
}

export { namespaceOf };

/** Every element of the topology that has a name of its own to keep unique (see `namespaceOf`). */
export function namedElements(topology: Topology): Array<Named & { vpc?: string }> {
    return [...workspaceNamed(topology), ...vpcNamed(topology)];
}

/** The elements named in the workspace's own namespaces: accounts, VPCs, peerings, buckets, named probes. */
function workspaceNamed(topology: Topology): Named[] {
    return WORKSPACE_LISTS.flatMap(list =>
        (topology[list] as Named[]).filter(e => e.kind !== 'probe' || e.name !== (e as { text?: string }).text)
    );
}

/** The elements named inside VPCs. */
function vpcNamed(topology: Topology): Array<Named & { vpc: string }> {
    return VPC_LISTS.flatMap<Named & { vpc: string }>(list => topology[list]);
}

function checkNamespaces(elements: ReadonlyArray<Named & { vpc?: string }>, { topology, index }: CheckContext, report: Report): void {
    const order = locationOrder(topology.documents);
    const groups = new Map<string, { vpc?: string; elements: Named[] }>();
    for (const element of elements) {
        const namespace = namespaceOf(element);
        if (namespace === undefined) continue;
        const group = groups.get(namespace);
        if (group) group.elements.push(element);
        else groups.set(namespace, { vpc: element.kind === 'vpc' ? undefined : element.vpc, elements: [element] });
    }
    for (const { vpc, elements: members } of groups.values()) {
        const owner = vpc === undefined ? undefined : index.vpcs.get(vpc)?.vpc;
        reportDuplicates(members, owner ? `VPC ${owner.name}` : 'The workspace', order, report);
    }
}

/** Names unique in the workspace: accounts, VPCs and peerings; buckets; named probes. */
export const checkWorkspaceNames: Check = (context, report) => checkNamespaces(workspaceNamed(context.topology), context, report);

/** Names unique within each VPC. */
export const checkVpcNames: Check = (context, report) => checkNamespaces(vpcNamed(context.topology), context, report);

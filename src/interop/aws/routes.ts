/** Route tables, their routes and subnet associations, from describe-route-tables. */
import type { Route as AwsRoute } from '@aws-sdk/client-ec2';
import { kindOfId, makeId, partId } from '../../model/ids.js';
import type { Route, RouteDestination, RouteTable, Subnet, TargetKind } from '../../model/topology.js';
import { parseServiceName } from '../../simulator/services.js';
import type { SourceRef } from '../common/source.js';
import { awsName, label, type AwsContext } from './context.js';
import { customerList } from './privatelink.js';

/** First pass: every table gets its name and id (endpoints and flow logs refer to them); the main one becomes the VPC's. */
export function declareRouteTables(context: AwsContext): void {
    const { draft, snapshot } = context;
    const subnetsOf = new Map<string, Subnet[]>();
    for (const subnet of draft.topology.subnets) subnetsOf.set(subnet.vpc, [...(subnetsOf.get(subnet.vpc) ?? []), subnet]);
    const replaced = new Set<string>();
    for (const { item: t, source } of snapshot.RouteTables) {
        const vpc = t.VpcId ? context.vpcs.get(t.VpcId) : undefined;
        if (!t.RouteTableId || !vpc) {
            draft.report.leftOut(
                source,
                `route table ${label(t.RouteTableId, t.Tags)}`,
                `its VPC ${t.VpcId ?? '(none)'} is not in the snapshot`
            );
            continue;
        }
        const name = draft.names.name('route-table', awsName(t.Tags, t.RouteTableId), vpc.name);
        const id = makeId('route-table', name, vpc.name);
        const main = (t.Associations ?? []).some(a => a.Main);
        const table: RouteTable = { kind: 'route-table', id, name, vpc: vpc.id, main, routes: [] };
        if (main) {
            replaced.add(vpc.mainRouteTable);
            vpc.mainRouteTable = id;
            for (const subnet of subnetsOf.get(vpc.id) ?? []) if (!subnet.routeTableExplicit) subnet.routeTable = id;
        }
        draft.topology.routeTables.push(table);
        context.ids.set(t.RouteTableId, id);
        draft.origin(id, label(t.RouteTableId, t.Tags), source);
    }
    // The implicit main tables that a described main table replaces.
    if (replaced.size > 0) draft.topology.routeTables = draft.topology.routeTables.filter(r => !(r.implicit && replaced.has(r.id)));
}

/** Second pass, once every target exists: routes and subnet associations. */
export function fillRouteTables(context: AwsContext): void {
    const { draft, snapshot } = context;
    const tables = new Map(draft.topology.routeTables.map(t => [t.id, t]));
    const subnets = new Map(draft.topology.subnets.map(s => [s.id, s]));
    for (const { item: t, source, region } of snapshot.RouteTables) {
        const table = t.RouteTableId ? tables.get(context.ids.get(t.RouteTableId) ?? '') : undefined;
        if (!table) continue;
        (t.Routes ?? []).forEach((route, i) => {
            const converted = convertRoute(
                context,
                route,
                { ...source, path: `${source.path}.Routes[${i}]` },
                region,
                `${label(t.RouteTableId, t.Tags)}`,
                table.vpc
            );
            if (converted) table.routes.push({ id: partId(table.id, table.routes.length), ...converted });
        });
        for (const association of t.Associations ?? []) {
            if (association.Main) continue;
            if (association.SubnetId) {
                const subnet = subnets.get(context.ids.get(association.SubnetId) ?? '');
                if (subnet) {
                    subnet.routeTable = table.id;
                    subnet.routeTableExplicit = true;
                }
            } else if (association.GatewayId) {
                draft.report.leftOut(
                    source,
                    `edge association of ${label(t.RouteTableId, t.Tags)} with ${association.GatewayId}`,
                    'the language has no gateway route tables (ingress routing)'
                );
            }
        }
    }
}

function convertRoute(
    context: AwsContext,
    route: AwsRoute,
    source: SourceRef,
    region: string,
    table: string,
    vpcId: string
): Omit<Route, 'id'> | undefined {
    const { report } = context.draft;
    if (route.GatewayId === 'local') return undefined;
    const destinationText = route.DestinationCidrBlock ?? route.DestinationIpv6CidrBlock ?? route.DestinationPrefixListId ?? '?';
    const what = `route ${destinationText} of ${table}`;
    if (route.Origin === 'EnableVgwRoutePropagation') {
        report.leftOut(source, what, 'propagated from a virtual private gateway; the language has no VPN');
        return undefined;
    }
    if (route.State === 'blackhole') {
        report.leftOut(source, what, 'a blackhole: its target no longer exists');
        return undefined;
    }
    let destination: RouteDestination;
    if (route.DestinationPrefixListId) {
        const list = context.prefixLists.get(route.DestinationPrefixListId);
        // A gateway endpoint's own prefix-list routes come back from its route-tables.
        if (route.GatewayId?.startsWith('vpce-')) return undefined;
        const service = list?.awsManaged ? parseServiceName(list.name) : undefined;
        const vpc = context.draft.topology.vpcs.find(v => v.id === vpcId);
        const own = !list?.awsManaged && vpc ? customerList(context, route.DestinationPrefixListId, vpc) : undefined;
        if (own) destination = own;
        else if (!service?.region || (service.service !== 's3' && service.service !== 'dynamodb')) {
            report.leftOut(
                source,
                what,
                list
                    ? `prefix list ${list.name} is not an S3 or DynamoDB list of AWS, nor a customer-managed list of the VPC's region`
                    : 'an unknown prefix list: add describe-prefix-lists / describe-managed-prefix-lists output'
            );
            return undefined;
        } else destination = { kind: 'prefix-list', service: service.service, region: service.region };
    } else if (route.DestinationCidrBlock || route.DestinationIpv6CidrBlock) {
        destination = { kind: 'cidr', cidr: (route.DestinationCidrBlock ?? route.DestinationIpv6CidrBlock)! };
    } else {
        report.leftOut(source, what, 'it has no destination');
        return undefined;
    }
    const target = routeTarget(context, route);
    if ('why' in target) {
        report.leftOut(source, what, target.why);
        return undefined;
    }
    void region;
    return { destination, target };
}

function routeTarget(context: AwsContext, route: AwsRoute): { kind: TargetKind; id: string } | { why: string } {
    const known = (awsId: string, kind: TargetKind): { kind: TargetKind; id: string } | { why: string } => {
        const id = context.ids.get(awsId) ?? (kind === 'instance' ? context.eniOwners.get(awsId) : undefined);
        return id ? { kind, id } : { why: `its target ${awsId} is not in the snapshot` };
    };
    if (route.GatewayId?.startsWith('igw-')) return known(route.GatewayId, 'internet-gateway');
    if (route.GatewayId?.startsWith('vgw-')) return { why: `to virtual private gateway ${route.GatewayId}; the language has no VPN` };
    if (route.EgressOnlyInternetGatewayId) return known(route.EgressOnlyInternetGatewayId, 'egress-only-internet-gateway');
    if (route.NatGatewayId) return known(route.NatGatewayId, 'nat-gateway');
    if (route.VpcPeeringConnectionId) return known(route.VpcPeeringConnectionId, 'peering');
    if (route.TransitGatewayId) return known(route.TransitGatewayId, 'transit-gateway');
    if (route.InstanceId) return known(route.InstanceId, 'instance');
    if (route.NetworkInterfaceId) {
        const owner = context.eniOwners.get(route.NetworkInterfaceId);
        return owner && kindOfId(owner) === 'instance'
            ? { kind: 'instance', id: owner }
            : { why: `to network interface ${route.NetworkInterfaceId}, which is no instance of the snapshot` };
    }
    const other = route.LocalGatewayId ?? route.CarrierGatewayId ?? route.CoreNetworkArn ?? route.GatewayId;
    return { why: other ? `to ${other}, a kind of target the language does not have` : 'it has no target' };
}

/**
 * Route tables, their routes (inline `route` blocks and `aws_route`), subnet associations and
 * which table is main. `aws_default_route_table` takes over the VPC's main table and, as the
 * provider documents, removes every route it does not list; `aws_main_route_table_association`
 * makes another table main. Either way the table is written as the VPC's `main` table.
 */
import { makeId, partId } from '../../../model/ids.js';
import type { Route, RouteDestination, RouteTable, TargetKind, Vpc } from '../../../model/topology.js';
import type { Value } from '../hcl/values.js';
import type { ResourceInstance } from '../instances.js';
import { blocks, type MapContext, str } from './context.js';
import { customerList, managedList } from './balancers.js';

/** The VPC whose AWS-created default `attr` (default_route_table_id…) a value names. */
export function vpcOfDefault(ctx: MapContext, v: Value | undefined, attr: string): Vpc | undefined {
    const t = ctx.target(v);
    if (t && (t.type === 'aws_vpc' || t.type === 'aws_default_vpc')) return ctx.find(ctx.topology.vpcs, ctx.elementOf(t));
    if (typeof v !== 'string') return undefined;
    const owner = ctx.ofType('aws_vpc', 'aws_default_vpc').find(i => i.values[attr] === v);
    return owner ? ctx.find(ctx.topology.vpcs, ctx.elementOf(owner)) : undefined;
}

function makeMain(ctx: MapContext, vpc: Vpc, table: RouteTable): void {
    const old = vpc.mainRouteTable;
    vpc.mainRouteTable = table.id;
    table.main = true;
    for (const other of ctx.topology.routeTables) if (other.vpc === vpc.id && other.id !== table.id) other.main = false;
    ctx.topology.routeTables = ctx.topology.routeTables.filter(t => !(t.id === old && t.implicit));
}

function destination(ctx: MapContext, i: ResourceInstance, r: Record<string, Value>, prefix: string, vpc: Vpc): RouteDestination | string {
    const v4 = str(r[`${prefix}cidr_block`]);
    const v6 = str(r[prefix ? 'destination_ipv6_cidr_block' : 'ipv6_cidr_block']);
    const pl = r.destination_prefix_list_id;
    if (v4) return { kind: 'cidr', cidr: v4 };
    if (v6) return { kind: 'cidr', cidr: v6 };
    if (pl !== undefined && pl !== null && pl !== '') {
        const managed = managedList(ctx, pl, vpc.region);
        if (managed) return managed;
        return (
            customerList(ctx, pl, vpc) ??
            "its destination is a prefix list that is neither a gateway endpoint's nor a customer-managed list in this import"
        );
    }
    void i;
    return 'its destination is not known before apply';
}

const TARGETS: Array<[string, TargetKind | undefined, string]> = [
    ['gateway_id', undefined, ''],
    ['nat_gateway_id', 'nat-gateway', ''],
    ['egress_only_gateway_id', 'egress-only-internet-gateway', ''],
    ['vpc_peering_connection_id', 'peering', ''],
    ['network_interface_id', 'instance', ''],
    ['instance_id', 'instance', ''],
    ['transit_gateway_id', 'transit-gateway', ''],
    ['vpc_endpoint_id', undefined, 'a Gateway Load Balancer endpoint'],
    ['local_gateway_id', undefined, 'an Outposts local gateway'],
    ['carrier_gateway_id', undefined, 'a Wavelength carrier gateway'],
    ['core_network_arn', undefined, 'a Cloud WAN core network']
];

function target(
    ctx: MapContext,
    r: Record<string, Value>,
    vpc: Vpc,
    dest: RouteDestination
): { kind: TargetKind; id: string } | 'local' | string {
    for (const [attr, kind, what] of TARGETS) {
        const v = r[attr];
        if (v === undefined || v === null || v === '') continue;
        if (what) return `its target is ${what}, which the language does not model`;
        if (attr === 'gateway_id' && v === 'local') {
            return dest.kind === 'cidr' && vpc.cidrs.concat(vpc.ipv6).some(c => c.value === dest.cidr)
                ? 'local'
                : 'a local route to a middlebox, which the language does not model';
        }
        const id = ctx.element(v);
        const t = ctx.target(v);
        if (!id) return `its target ${t ? t.address : String(v)} is not in this import`;
        if (attr === 'gateway_id') {
            if (t?.type === 'aws_vpn_gateway') return 'its target is a virtual private gateway, which the language does not model';
            const gw = ctx.find(ctx.topology.gateways, id);
            if (!gw) return `its target ${t?.address ?? ''} is not a gateway the language can route to`;
            return { kind: gw.kind, id };
        }
        return { kind: kind!, id };
    }
    return 'it has no target';
}

function addRoute(ctx: MapContext, i: ResourceInstance, table: RouteTable, vpc: Vpc, r: Record<string, Value>, prefix: string): void {
    const dest = destination(ctx, i, r, prefix, vpc);
    if (typeof dest === 'string') {
        ctx.leftOut(i, `${i.address}: route`, dest);
        return;
    }
    const t = target(ctx, r, vpc, dest);
    if (t === 'local') return;
    const label = dest.kind === 'cidr' ? dest.cidr : `prefix-list ${dest.service}`;
    if (typeof t === 'string') {
        ctx.leftOut(i, `${i.address}: route ${label}`, t);
        return;
    }
    const route: Route = { id: partId(table.id, table.routes.length), destination: dest, target: t };
    table.routes.push(route);
}

export function mapRouteTables(ctx: MapContext): void {
    for (const i of ctx.ofType('aws_route_table', 'aws_default_route_table')) {
        const isDefault = i.type === 'aws_default_route_table';
        const vpc = isDefault ? vpcOfDefault(ctx, i.values.default_route_table_id, 'default_route_table_id') : ctx.vpcOf(i.values.vpc_id);
        if (!vpc) {
            ctx.leftOut(i, i.address, 'its VPC is not in this import');
            continue;
        }
        const name = ctx.name(i, 'route-table', vpc.name);
        const table: RouteTable = {
            kind: 'route-table',
            id: makeId('route-table', name, vpc.name),
            name,
            vpc: vpc.id,
            main: false,
            routes: []
        };
        ctx.topology.routeTables.push(table);
        ctx.register(i, table.id);
        if (isDefault) makeMain(ctx, vpc, table);
        if (blocks(i.values.propagating_vgws).length || (Array.isArray(i.values.propagating_vgws) && i.values.propagating_vgws.length)) {
            ctx.leftOut(i, `${i.address}: propagating_vgws`, 'routes propagated from a virtual private gateway are not modelled');
        }
    }
    for (const i of ctx.ofType('aws_main_route_table_association')) {
        const vpc = ctx.vpcOf(i.values.vpc_id);
        const table = ctx.find(ctx.topology.routeTables, ctx.element(i.values.route_table_id));
        if (!vpc || !table) {
            ctx.leftOut(i, i.address, 'its VPC or route table is not in this import');
            continue;
        }
        makeMain(ctx, vpc, table);
        ctx.register(i, table.id);
    }
}

/** Routes and associations: after peerings, endpoints and instances exist, since routes point at them. */
export function mapRoutesAndAssociations(ctx: MapContext): void {
    for (const i of ctx.ofType('aws_route_table', 'aws_default_route_table')) {
        const table = ctx.find(ctx.topology.routeTables, ctx.elementOf(i));
        if (!table) continue;
        const vpc = ctx.find(ctx.topology.vpcs, table.vpc)!;
        for (const r of blocks(i.values.route)) addRoute(ctx, i, table, vpc, r, '');
    }
    for (const i of ctx.ofType('aws_route')) {
        const table =
            ctx.find(ctx.topology.routeTables, ctx.element(i.values.route_table_id)) ??
            (() => {
                const vpc = vpcOfDefault(ctx, i.values.route_table_id, 'main_route_table_id');
                return vpc && ctx.find(ctx.topology.routeTables, vpc.mainRouteTable);
            })();
        if (!table) {
            ctx.leftOut(i, i.address, 'its route table is not in this import');
            continue;
        }
        const vpc = ctx.find(ctx.topology.vpcs, table.vpc)!;
        addRoute(ctx, i, table, vpc, i.values, 'destination_');
        ctx.register(i, table.id);
    }
    for (const i of ctx.ofType('aws_route_table_association')) {
        const table = ctx.find(ctx.topology.routeTables, ctx.element(i.values.route_table_id));
        if (i.values.gateway_id !== undefined && i.values.gateway_id !== null) {
            ctx.leftOut(
                i,
                i.address,
                'an edge association with a gateway: the language routes ingress from gateways by the VPC main table only'
            );
            continue;
        }
        const subnet = ctx.find(ctx.topology.subnets, ctx.element(i.values.subnet_id));
        if (!table || !subnet) {
            ctx.leftOut(i, i.address, 'its subnet or route table is not in this import');
            continue;
        }
        subnet.routeTable = table.id;
        subnet.routeTableExplicit = true;
        ctx.register(i, subnet.id);
    }
    for (const subnet of ctx.topology.subnets) {
        if (!subnet.routeTableExplicit) subnet.routeTable = ctx.find(ctx.topology.vpcs, subnet.vpc)!.mainRouteTable;
    }
}

/**
 * Transit gateways: `aws_ec2_transit_gateway`, its `_route_table`s, `_vpc_attachment`s,
 * `_route_table_association`s / `_propagation`s, `_route`s (static and blackhole) and
 * `_peering_attachment`s (with their `_accepter`). A reference to the gateway's
 * `association_default_route_table_id` (or the propagation one) names its `default` table.
 */
import { makeId, partId } from '../../../model/ids.js';
import type { TgwRouteTable, TransitGateway } from '../../../model/topology.js';
import { DEFAULT_TGW_TABLE, implicitTgwTables } from '../../../model/transit.js';
import { Ref, type Value } from '../hcl/values.js';
import { resourceName, type ResourceInstance } from '../instances.js';
import { bool, list, type MapContext, str } from './context.js';

function tgwOf(ctx: MapContext, v: Value | undefined): TransitGateway | undefined {
    return ctx.find(ctx.topology.transitGateways, ctx.element(v));
}

/** The table a value names: a route table resource, or the gateway's default one. */
function tableOf(ctx: MapContext, v: Value | undefined): { tgw: TransitGateway; table: TgwRouteTable } | undefined {
    const target = ctx.target(v);
    if (target?.type === 'aws_ec2_transit_gateway') {
        const tgw = tgwOf(ctx, v);
        const attr = v instanceof Ref ? v.path[0] : undefined;
        const table = tgw?.routeTables.find(t => t.name === DEFAULT_TGW_TABLE);
        if (!tgw || !table || (attr !== undefined && !attr.endsWith('default_route_table_id'))) return undefined;
        // What the configuration adds to the default table is the design's: the table is written out.
        delete table.implicit;
        return { tgw, table };
    }
    const id = ctx.element(v);
    for (const tgw of ctx.topology.transitGateways) {
        const table = tgw.routeTables.find(t => t.id === id);
        if (table) return { tgw, table };
    }
    return undefined;
}

export function mapTransitGateways(ctx: MapContext): void {
    for (const i of ctx.ofType('aws_ec2_transit_gateway')) addGateway(ctx, i);
    const reserved = new Set<string>();
    for (const i of ctx.ofType('aws_ec2_transit_gateway_route_table')) {
        const tgw = tgwOf(ctx, i.values.transit_gateway_id);
        if (!tgw) {
            ctx.leftOut(i, i.address, 'its transit gateway is not in this import');
            continue;
        }
        const namespace = `tgw-table:${tgw.id}`;
        // `default` is the default table's name, written or not.
        if (!reserved.has(namespace)) {
            ctx.names.claim(namespace, DEFAULT_TGW_TABLE);
            reserved.add(namespace);
        }
        const name = ctx.names.claim(namespace, resourceName(i));
        const table: TgwRouteTable = { id: partId(tgw.id, name), name, associations: [], propagations: [], routes: [] };
        tgw.routeTables.push(table);
        ctx.register(i, table.id);
    }
    const optedOut: Array<{ i: ResourceInstance; id: string; tgw: TransitGateway; association: boolean; propagation: boolean }> = [];
    for (const i of ctx.ofType('aws_ec2_transit_gateway_vpc_attachment')) {
        const v = i.values;
        const vpc = ctx.vpcOf(v.vpc_id);
        const tgw = tgwOf(ctx, v.transit_gateway_id);
        if (!vpc || !tgw) {
            ctx.leftOut(i, i.address, vpc ? 'its transit gateway is not in this import' : 'its VPC is not in this import');
            continue;
        }
        const name = ctx.name(i, 'transit-gateway-attachment', vpc.name);
        const id = makeId('transit-gateway-attachment', name, vpc.name);
        const subnets = list(v.subnet_ids)
            .map(s => ctx.element(s))
            .filter((s): s is string => s !== undefined);
        ctx.topology.transitGatewayAttachments.push({
            kind: 'transit-gateway-attachment',
            id,
            name,
            vpc: vpc.id,
            transitGateway: tgw.id,
            subnets: subnets.map(value => ({ value })),
            applianceMode: str(v.appliance_mode_support) === 'enable'
        });
        ctx.register(i, id);
        optedOut.push({
            i,
            id,
            tgw,
            association: tgw.defaultAssociation && !bool(v.transit_gateway_default_route_table_association, true),
            propagation: tgw.defaultPropagation && !bool(v.transit_gateway_default_route_table_propagation, true)
        });
    }
    for (const i of ctx.ofType('aws_ec2_transit_gateway_peering_attachment')) peering(ctx, i);
    for (const i of ctx.ofType('aws_ec2_transit_gateway_peering_attachment_accepter')) {
        const id = ctx.element(i.values.transit_gateway_attachment_id);
        if (id) ctx.register(i, id);
        else ctx.leftOut(i, i.address, 'its peering attachment is not in this import');
    }
    for (const [type, key] of [
        ['aws_ec2_transit_gateway_route_table_association', 'associations'],
        ['aws_ec2_transit_gateway_route_table_propagation', 'propagations']
    ] as const) {
        for (const i of ctx.ofType(type)) {
            const at = tableOf(ctx, i.values.transit_gateway_route_table_id);
            const attachment = ctx.element(i.values.transit_gateway_attachment_id);
            if (!at || !attachment || !ctx.find(ctx.topology.transitGatewayAttachments, attachment)) {
                ctx.leftOut(
                    i,
                    i.address,
                    at ? 'its attachment is not a VPC attachment in this import' : 'its route table is not in this import'
                );
                continue;
            }
            // An attachment is associated with one table: a later association replaces the default one.
            if (key === 'associations')
                for (const t of at.tgw.routeTables) t.associations = t.associations.filter(a => a.value !== attachment);
            if (!at.table[key].some(a => a.value === attachment)) at.table[key].push({ value: attachment });
            ctx.register(i, at.table.id);
        }
    }
    for (const o of optedOut) {
        const associated = o.tgw.routeTables.some(t => t.associations.some(a => a.value === o.id));
        if (o.association && !associated)
            ctx.leftOut(
                o.i,
                `${o.i.address}: transit_gateway_default_route_table_association = false`,
                'the language associates an attachment no table names with the default table'
            );
        if (o.propagation)
            ctx.leftOut(
                o.i,
                `${o.i.address}: transit_gateway_default_route_table_propagation = false`,
                'the language propagates every attachment into the default table while default propagation is on'
            );
    }
    for (const i of ctx.ofType('aws_ec2_transit_gateway_route')) route(ctx, i);
}

function addGateway(ctx: MapContext, i: ResourceInstance): void {
    const v = i.values;
    // VPCs, transit gateways and peerings share the workspace's names; VPCs claimed theirs first.
    const name = ctx.name(i, 'transit-gateway');
    const id = makeId('transit-gateway', name);
    const defaultAssociation = str(v.default_route_table_association) !== 'disable';
    const defaultPropagation = str(v.default_route_table_propagation) !== 'disable';
    const owner = str(v.owner_id);
    ctx.topology.transitGateways.push({
        kind: 'transit-gateway',
        id,
        name,
        account: owner && /^\d{12}$/.test(owner) ? owner : ctx.accountOf(i),
        region: str(v.region) ?? ctx.regionOf(i),
        defaultAssociation,
        defaultPropagation,
        routeTables: implicitTgwTables(id, defaultAssociation, defaultPropagation)
    });
    ctx.register(i, id);
}

function peering(ctx: MapContext, i: ResourceInstance): void {
    const v = i.values;
    const requester = tgwOf(ctx, v.transit_gateway_id);
    let accepter = tgwOf(ctx, v.peer_transit_gateway_id);
    if (!requester) {
        ctx.leftOut(i, i.address, 'its transit gateway is not in this import');
        return;
    }
    if (!accepter) {
        const peer = str(v.peer_transit_gateway_id);
        const name = ctx.names.name('transit-gateway', `${i.name}-peer`);
        accepter = {
            kind: 'transit-gateway',
            id: makeId('transit-gateway', name),
            name,
            account: str(v.peer_account_id) ?? requester.account,
            region: str(v.peer_region) ?? requester.region,
            defaultAssociation: false,
            defaultPropagation: false,
            routeTables: []
        };
        ctx.topology.transitGateways.push(accepter);
        ctx.origins.set(accepter.id, `the peer of ${i.address}: outside this import`);
        ctx.standIn(
            i,
            `${i.address}: peer transit gateway ${peer ?? '(known after apply)'}`,
            `outside this import; ${name}, a gateway without route tables, stands for it`
        );
    }
    const name = ctx.name(i, 'transit-gateway-peering');
    const id = makeId('transit-gateway-peering', name);
    ctx.topology.transitGatewayPeerings.push({ kind: 'transit-gateway-peering', id, name, requester: requester.id, accepter: accepter.id });
    ctx.register(i, id);
}

function route(ctx: MapContext, i: ResourceInstance): void {
    const v = i.values;
    const at = tableOf(ctx, v.transit_gateway_route_table_id);
    const destination = str(v.destination_cidr_block);
    if (!at || !destination) {
        ctx.leftOut(i, i.address, at ? 'its destination is not known before apply' : 'its route table is not in this import');
        return;
    }
    const routeId = partId(at.table.id, at.table.routes.length);
    if (bool(v.blackhole, false)) {
        at.table.routes.push({ id: routeId, destination: { value: destination }, blackhole: true });
    } else {
        const target = ctx.element(v.transit_gateway_attachment_id);
        const peering = ctx.find(ctx.topology.transitGatewayPeerings, target);
        const attachment = ctx.find(ctx.topology.transitGatewayAttachments, target);
        if (!peering && !attachment) {
            ctx.leftOut(i, i.address, 'its attachment is not a VPC attachment or TGW peering in this import');
            return;
        }
        at.table.routes.push({
            id: routeId,
            destination: { value: destination },
            target: { kind: peering ? 'transit-gateway-peering' : 'transit-gateway-attachment', id: (peering ?? attachment)!.id },
            blackhole: false
        });
    }
    ctx.register(i, at.table.id);
}

/**
 * Transit gateways, their route tables (associations, propagations, static and blackhole routes),
 * VPC attachments and TGW peerings, from describe-transit-gateways, describe-transit-gateway-
 * (vpc-|peering-)attachments, describe-transit-gateway-route-tables and the per-table
 * get-…-associations / get-…-propagations / search-transit-gateway-routes outputs, which name
 * their table only in the file name (`tgw-rtb-…`).
 */
import type { TransitGatewayAttachment as AwsAttachment, TransitGatewayPeeringAttachment } from '@aws-sdk/client-ec2';
import { kindOfId, makeId, partId } from '../../model/ids.js';
import { Defaults, type TgwRouteTable, type TransitGateway } from '../../model/topology.js';
import { DEFAULT_TGW_TABLE, implicitTgwTables } from '../../model/transit.js';
import type { SourceRef } from '../common/source.js';
import { awsName, label, type AwsContext } from './context.js';

const GONE = new Set(['deleted', 'deleting', 'failed', 'failing', 'rejected', 'rejecting']);

/** The TGW route table a per-table output belongs to, from its file name. */
function tableOfFile(source: SourceRef): string | undefined {
    return /tgw-rtb-[0-9a-z]+/.exec(source.file)?.[0];
}

interface Tables {
    /** AWS table id → the model table and its gateway. */
    byAwsId: Map<string, { table: TgwRouteTable; tgw: TransitGateway }>;
}

export function importTransitGateways(context: AwsContext): void {
    const tables: Tables = { byAwsId: new Map() };
    const defaults = gateways(context);
    routeTables(context, tables, defaults);
    attachments(context, tables);
    peerings(context);
    perTableOutputs(context, tables);
    // What default association and propagation imply is left to the language.
    for (const { table, tgw } of tables.byAwsId.values()) {
        if (table.name !== DEFAULT_TGW_TABLE) continue;
        if (tgw.defaultAssociation) {
            const elsewhere = new Set(tgw.routeTables.filter(t => t !== table).flatMap(t => t.associations.map(a => a.value)));
            if (table.associations.every(a => !elsewhere.has(a.value))) table.associations = [];
        }
        if (tgw.defaultPropagation) table.propagations = [];
    }
}

/** Each gateway, with the AWS id of its default table when a default is on. */
function gateways(context: AwsContext): Map<string, string> {
    const { draft, snapshot } = context;
    const defaults = new Map<string, string>();
    for (const { item: g, source, region } of snapshot.TransitGateways) {
        const what = `transit gateway ${label(g.TransitGatewayId, g.Tags)}`;
        if (!g.TransitGatewayId || GONE.has(g.State ?? '')) {
            draft.report.leftOut(source, what, `its state is ${g.State ?? 'unknown'}`);
            continue;
        }
        if (context.ids.has(g.TransitGatewayId)) continue;
        const o = g.Options ?? {};
        const defaultAssociation = o.DefaultRouteTableAssociation === 'enable';
        const defaultPropagation = o.DefaultRouteTablePropagation === 'enable';
        const tgw = addGateway(
            context,
            g.TransitGatewayId,
            awsName(g.Tags, g.TransitGatewayId),
            g.OwnerId,
            region,
            defaultAssociation,
            defaultPropagation
        );
        draft.origin(tgw.id, label(g.TransitGatewayId, g.Tags), source);
        const association = defaultAssociation ? o.AssociationDefaultRouteTableId : undefined;
        const propagation = defaultPropagation ? o.PropagationDefaultRouteTableId : undefined;
        if (association && propagation && association !== propagation)
            draft.report.leftOut(
                source,
                `${what}: default propagation into ${propagation}`,
                `the language has one default table for association and propagation; ${association}, the association default, is imported as \`default\``
            );
        const table = association ?? propagation;
        if (table) defaults.set(table, g.TransitGatewayId);
    }
    return defaults;
}

function addGateway(
    context: AwsContext,
    awsId: string,
    rawName: string,
    owner: string | undefined,
    region: string,
    defaultAssociation: boolean,
    defaultPropagation: boolean
): TransitGateway {
    const { draft } = context;
    const name = draft.names.name('transit-gateway', rawName);
    if (owner) draft.ensureAccount(owner);
    const tgw: TransitGateway = {
        kind: 'transit-gateway',
        id: makeId('transit-gateway', name),
        name,
        account: owner ?? Defaults.accountNumber,
        region,
        defaultAssociation,
        defaultPropagation,
        // AWS creates the default table while a default is on; a described one replaces this.
        routeTables: implicitTgwTables(makeId('transit-gateway', name), defaultAssociation, defaultPropagation)
    };
    draft.topology.transitGateways.push(tgw);
    context.ids.set(awsId, tgw.id);
    return tgw;
}

function gatewayOf(context: AwsContext, awsId: string | undefined): TransitGateway | undefined {
    const id = awsId ? context.ids.get(awsId) : undefined;
    return context.draft.topology.transitGateways.find(g => g.id === id);
}

function routeTables(context: AwsContext, tables: Tables, defaults: Map<string, string>): void {
    const { draft, snapshot } = context;
    for (const { item: t, source } of snapshot.TransitGatewayRouteTables) {
        const what = `transit gateway route table ${label(t.TransitGatewayRouteTableId, t.Tags)}`;
        const tgw = gatewayOf(context, t.TransitGatewayId);
        if (!t.TransitGatewayRouteTableId || GONE.has(t.State ?? '') || !tgw) {
            draft.report.leftOut(
                source,
                what,
                tgw ? `its state is ${t.State}` : `its transit gateway ${t.TransitGatewayId ?? '?'} is not in the snapshot`
            );
            continue;
        }
        const isDefault = defaults.get(t.TransitGatewayRouteTableId) === t.TransitGatewayId;
        // Table names live in their gateway; `default` is kept for the default table.
        const namespace = `${tgw.id}:tables`;
        draft.names.claim(namespace, DEFAULT_TGW_TABLE);
        const name = isDefault ? DEFAULT_TGW_TABLE : draft.names.claim(namespace, awsName(t.Tags, t.TransitGatewayRouteTableId));
        const table: TgwRouteTable = { id: partId(tgw.id, name), name, associations: [], propagations: [], routes: [] };
        if (isDefault) tgw.routeTables = tgw.routeTables.filter(r => !r.implicit);
        tgw.routeTables.push(table);
        tables.byAwsId.set(t.TransitGatewayRouteTableId, { table, tgw });
        draft.note(tgw.id, `route table ${name}: ${label(t.TransitGatewayRouteTableId, t.Tags)}`);
    }
}

/** VPC attachments from both describe calls, merged by id; other kinds of attachment are listed as left out. */
function attachments(context: AwsContext, tables: Tables): void {
    const { draft, snapshot } = context;
    const generic = new Map<string, { item: AwsAttachment; source: SourceRef }>();
    for (const { item, source } of snapshot.TransitGatewayAttachments)
        if (item.TransitGatewayAttachmentId) generic.set(item.TransitGatewayAttachmentId, { item, source });
    const vpcAttachments = snapshot.TransitGatewayVpcAttachments.map(({ item, source }) => ({
        id: item.TransitGatewayAttachmentId,
        tgwId: item.TransitGatewayId,
        vpcId: item.VpcId,
        state: item.State,
        subnets: item.SubnetIds,
        applianceMode: item.Options?.ApplianceModeSupport === 'enable',
        tags: item.Tags,
        source
    }));
    for (const [id, { item, source }] of generic) {
        if (item.ResourceType === 'vpc') {
            if (!vpcAttachments.some(a => a.id === id))
                vpcAttachments.push({
                    id,
                    tgwId: item.TransitGatewayId,
                    vpcId: item.ResourceId,
                    state: item.State,
                    subnets: undefined,
                    applianceMode: false,
                    tags: item.Tags,
                    source
                });
        } else if (item.ResourceType !== 'peering' && !GONE.has(item.State ?? '')) {
            draft.report.leftOut(
                source,
                `transit gateway attachment ${label(id, item.Tags)} (${item.ResourceType ?? '?'})`,
                'the language has VPC attachments and TGW peerings only'
            );
        }
    }
    for (const a of vpcAttachments) {
        const what = `transit gateway attachment ${label(a.id, a.tags)}`;
        if (!a.id || GONE.has(a.state ?? '') || context.ids.has(a.id)) {
            if (a.id && !context.ids.has(a.id)) draft.report.leftOut(a.source, what, `its state is ${a.state}`);
            continue;
        }
        const vpc = a.vpcId ? context.vpcs.get(a.vpcId) : undefined;
        const tgw = gatewayOf(context, a.tgwId);
        if (!vpc || !tgw) {
            draft.report.leftOut(
                a.source,
                what,
                `its ${vpc ? `transit gateway ${a.tgwId ?? '?'}` : `VPC ${a.vpcId ?? '?'}`} is not in the snapshot`
            );
            continue;
        }
        const name = draft.names.name('transit-gateway-attachment', awsName(a.tags, a.id), vpc.name);
        const id = makeId('transit-gateway-attachment', name, vpc.name);
        const subnets = (a.subnets ?? []).map(s => context.ids.get(s)).filter((s): s is string => s !== undefined);
        if (a.subnets === undefined)
            draft.report.leftOut(
                a.source,
                `the subnets of ${what}`,
                'describe-transit-gateway-attachments does not list them: add describe-transit-gateway-vpc-attachments output'
            );
        draft.topology.transitGatewayAttachments.push({
            kind: 'transit-gateway-attachment',
            id,
            name,
            vpc: vpc.id,
            transitGateway: tgw.id,
            subnets: subnets.map(value => ({ value })),
            applianceMode: a.applianceMode
        });
        context.ids.set(a.id, id);
        draft.origin(id, label(a.id, a.tags), a.source);
        const association = generic.get(a.id)?.item.Association;
        if (association?.TransitGatewayRouteTableId && association.State !== 'disassociated')
            associate(tables, association.TransitGatewayRouteTableId, id);
        // The ENIs AWS places in the attachment's subnets belong to it.
        for (const { item: eni } of snapshot.NetworkInterfaces)
            if (eni.NetworkInterfaceId && eni.InterfaceType === 'transit_gateway' && eni.Description?.includes(a.id))
                context.eniOwners.set(eni.NetworkInterfaceId, id);
    }
}

function associate(tables: Tables, awsTable: string, attachment: string): void {
    const entry = tables.byAwsId.get(awsTable);
    if (!entry) return;
    // An attachment is associated with one table: the latest word wins.
    for (const t of entry.tgw.routeTables) t.associations = t.associations.filter(a => a.value !== attachment);
    entry.table.associations.push({ value: attachment });
}

/** TGW peerings; a gateway outside the snapshot gets a stand-in with what the peering reports. */
function peerings(context: AwsContext): void {
    const { draft, snapshot } = context;
    const all: Array<{ item: TransitGatewayPeeringAttachment; source: SourceRef; region: string }> = [
        ...snapshot.TransitGatewayPeeringAttachments
    ];
    for (const p of all) {
        const what = `transit gateway peering ${label(p.item.TransitGatewayAttachmentId, p.item.Tags)}`;
        const id = p.item.TransitGatewayAttachmentId;
        if (!id || context.ids.has(id)) continue;
        if (p.item.State !== 'available') {
            draft.report.leftOut(p.source, what, `its state is ${p.item.State ?? 'unknown'}: no traffic flows`);
            continue;
        }
        const side = (info: typeof p.item.RequesterTgwInfo) => {
            if (!info?.TransitGatewayId) return undefined;
            const known = gatewayOf(context, info.TransitGatewayId);
            if (known) return known;
            const tgw = addGateway(
                context,
                info.TransitGatewayId,
                info.TransitGatewayId,
                info.OwnerId,
                info.Region ?? p.region,
                false,
                false
            );
            draft.origin(tgw.id, `${info.TransitGatewayId}: outside the snapshot, a stand-in named by the peering`, p.source);
            draft.report.standIn(
                p.source,
                `transit gateway ${info.TransitGatewayId}`,
                'outside the snapshot; a gateway without route tables stands for it'
            );
            return tgw;
        };
        const requester = side(p.item.RequesterTgwInfo);
        const accepter = side(p.item.AccepterTgwInfo);
        if (!requester || !accepter) {
            draft.report.leftOut(p.source, what, 'it names no transit gateway on one side');
            continue;
        }
        const name = draft.names.name('transit-gateway-peering', awsName(p.item.Tags, id));
        const peeringId = makeId('transit-gateway-peering', name);
        draft.topology.transitGatewayPeerings.push({
            kind: 'transit-gateway-peering',
            id: peeringId,
            name,
            requester: requester.id,
            accepter: accepter.id
        });
        context.ids.set(id, peeringId);
        draft.origin(peeringId, label(id, p.item.Tags), p.source);
    }
}

/** Associations, propagations and routes of the per-table outputs. */
function perTableOutputs(context: AwsContext, tables: Tables): void {
    const { draft, snapshot } = context;
    const tableOf = (source: SourceRef, what: string) => {
        const awsTable = tableOfFile(source);
        const entry = awsTable ? tables.byAwsId.get(awsTable) : undefined;
        if (!entry)
            draft.report.leftOut(
                source,
                what,
                awsTable
                    ? `its route table ${awsTable} is not in the snapshot`
                    : 'the output does not say its route table: name the file after it (tgw-rtb-…), as --print-commands does'
            );
        return entry;
    };
    for (const { item, source } of snapshot.Associations) {
        if (!item.TransitGatewayAttachmentId || item.State === 'disassociated' || item.State === 'disassociating') continue;
        const entry = tableOf(source, `association of ${item.TransitGatewayAttachmentId}`);
        const attachment = context.ids.get(item.TransitGatewayAttachmentId);
        if (entry && attachment) associate(tables, tableOfFile(source)!, attachment);
    }
    const propagate = (awsTable: string, attachment: string) => {
        const entry = tables.byAwsId.get(awsTable)!;
        if (!entry.table.propagations.some(p => p.value === attachment)) entry.table.propagations.push({ value: attachment });
    };
    for (const { item, source } of snapshot.TransitGatewayRouteTablePropagations) {
        if (!item.TransitGatewayAttachmentId || item.State !== 'enabled') continue;
        const what = `propagation of ${item.TransitGatewayAttachmentId} (${item.ResourceType ?? '?'})`;
        const entry = tableOf(source, what);
        const attachment = context.ids.get(item.TransitGatewayAttachmentId);
        if (!entry) continue;
        if (attachment) propagate(tableOfFile(source)!, attachment);
        else draft.report.leftOut(source, what, 'its attachment is not a VPC attachment of the snapshot');
    }
    for (const { item: r, source } of snapshot.Routes) {
        const destination = r.DestinationCidrBlock ?? r.PrefixListId ?? '?';
        const what = `transit gateway route ${destination}`;
        if (r.State === 'deleted' || r.State === 'deleting' || r.State === 'pending') continue;
        const entry = tableOf(source, what);
        if (!entry) continue;
        const target = r.TransitGatewayAttachments?.[0];
        const targetId = target?.TransitGatewayAttachmentId ? context.ids.get(target.TransitGatewayAttachmentId) : undefined;
        if (r.Type === 'propagated') {
            // The language derives propagated routes from the propagation: a route shows one.
            if (targetId !== undefined && kindOfId(targetId) === 'transit-gateway-attachment') propagate(tableOfFile(source)!, targetId);
            continue;
        }
        if (!r.DestinationCidrBlock) {
            draft.report.leftOut(source, what, 'routes to a prefix list are not in the language; TGW routes have CIDR destinations');
            continue;
        }
        const routeId = partId(entry.table.id, entry.table.routes.length);
        if (r.State === 'blackhole' && !targetId) {
            entry.table.routes.push({ id: routeId, destination: { value: r.DestinationCidrBlock }, blackhole: true });
            continue;
        }
        if (!targetId) {
            draft.report.leftOut(
                source,
                what,
                `its target ${target?.TransitGatewayAttachmentId ?? '(none)'} (${target?.ResourceType ?? '?'}) is not a VPC attachment or TGW peering of the snapshot`
            );
            continue;
        }
        entry.table.routes.push({
            id: routeId,
            destination: { value: r.DestinationCidrBlock },
            target: {
                kind: kindOfId(targetId) === 'transit-gateway-peering' ? 'transit-gateway-peering' : 'transit-gateway-attachment',
                id: targetId
            },
            blackhole: false
        });
    }
}

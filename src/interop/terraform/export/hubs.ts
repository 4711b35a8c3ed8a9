/**
 * Transit gateways (route tables, VPC attachments, associations, propagations, routes, peerings),
 * load balancers (listeners, target groups and their attachments) and endpoint services (with
 * their accepted endpoints) as Terraform, with the attributes `map/transit.ts` and
 * `map/balancers.ts` of the import read back.
 */
import { DEFAULT_TGW_TABLE, endpointServiceOf } from '../../../model/transit.js';
import type { InterfaceEndpoint, LoadBalancer, TgwRouteTable, TransitGateway, Vpc } from '../../../model/topology.js';
import { tags, type ExportContext, type Folder } from './context.js';
import { groupIdFrom } from './filters.js';
import { block, expr, type HclValue } from './hcl.js';

const onOff = (on: boolean) => (on ? 'enable' : 'disable');
const present = (v: HclValue | undefined): v is HclValue => v !== undefined;

function folderOfTgw(context: ExportContext, tgw: TransitGateway): Folder {
    return context.folderFor(tgw.account, tgw.region);
}

/** Gateways, attachments and peerings: before the VPC routes, which name them. */
export function exportTransit(context: ExportContext): void {
    const t = context.topology;
    for (const tgw of t.transitGateways) {
        const folder = folderOfTgw(context, tgw);
        const name = context.allocate(folder, 'aws_ec2_transit_gateway', tgw.name);
        context.resource(
            folder,
            tgw.id,
            'aws_ec2_transit_gateway',
            name,
            {
                default_route_table_association: onOff(tgw.defaultAssociation),
                default_route_table_propagation: onOff(tgw.defaultPropagation),
                tags: tags(tgw.name)
            },
            [],
            [`transit-gateway ${tgw.name}`]
        );
    }
    // An attachment another table names leaves the default one (AWS associates an attachment with one table).
    const elsewhere = new Set(
        t.transitGateways.flatMap(g =>
            g.routeTables.filter(x => x.name !== DEFAULT_TGW_TABLE).flatMap(x => x.associations.map(a => a.value))
        )
    );
    for (const a of t.transitGatewayAttachments) {
        const vpc = context.element<Vpc>(a.vpc);
        const tgw = context.element<TransitGateway>(a.transitGateway);
        if (!vpc || !tgw || !context.has(vpc.id)) {
            context.leftOut(a, 'its transit gateway or VPC does not resolve');
            continue;
        }
        const folder = context.folderOfVpc(vpc);
        const name = context.allocate(folder, 'aws_ec2_transit_gateway_vpc_attachment', a.name, `${vpc.name}-${a.name}`);
        // The attachment is the VPC's (its subnets'), so it goes to the VPC's file; the gateway's tables stay with the gateway.
        context.within({ vpc: vpc.id }, () =>
            context.resource(
                folder,
                a.id,
                'aws_ec2_transit_gateway_vpc_attachment',
                name,
                {
                    transit_gateway_id: context.refFrom(folder, tgw.id),
                    vpc_id: context.refFrom(folder, vpc.id),
                    subnet_ids: a.subnets.map(s => context.refFrom(folder, s.value)).filter(present),
                    appliance_mode_support: a.applianceMode ? 'enable' : undefined,
                    transit_gateway_default_route_table_association: tgw.defaultAssociation && elsewhere.has(a.id) ? false : undefined,
                    tags: tags(a.name)
                },
                [],
                [`transit-gateway-attachment ${vpc.name}.${a.name}: one network interface in each subnet`]
            )
        );
    }
    for (const p of t.transitGatewayPeerings) {
        const requester = context.element<TransitGateway>(p.requester);
        const accepter = context.element<TransitGateway>(p.accepter);
        if (!requester || !accepter) {
            context.leftOut(p, 'its requester or accepter does not resolve');
            continue;
        }
        const folder = folderOfTgw(context, requester);
        context.resource(
            folder,
            p.id,
            'aws_ec2_transit_gateway_peering_attachment',
            context.allocate(folder, 'aws_ec2_transit_gateway_peering_attachment', p.name),
            {
                transit_gateway_id: context.refFrom(folder, requester.id),
                peer_transit_gateway_id: context.refFrom(folder, accepter.id),
                peer_account_id: accepter.account,
                peer_region: accepter.region,
                tags: tags(p.name)
            }
        );
    }
    for (const tgw of t.transitGateways) for (const table of tgw.routeTables) exportTable(context, tgw, table);
}

function exportTable(context: ExportContext, tgw: TransitGateway, table: TgwRouteTable): void {
    const folder = folderOfTgw(context, tgw);
    let tableId: HclValue;
    if (table.name === DEFAULT_TGW_TABLE && (tgw.defaultAssociation || tgw.defaultPropagation)) {
        // The table AWS made with the gateway, which the gateway names.
        tableId = context.refFrom(folder, tgw.id, `${tgw.defaultAssociation ? 'association' : 'propagation'}_default_route_table_id`)!;
    } else {
        const name = context.allocate(folder, 'aws_ec2_transit_gateway_route_table', `${tgw.name}-${table.name}`);
        context.resource(
            folder,
            table.id,
            'aws_ec2_transit_gateway_route_table',
            name,
            { transit_gateway_id: context.refFrom(folder, tgw.id), tags: tags(table.name) },
            [],
            [`transit-gateway ${tgw.name}: route table ${table.name}`]
        );
        tableId = context.refFrom(folder, table.id)!;
    }
    for (const [key, type] of [
        ['associations', 'aws_ec2_transit_gateway_route_table_association'],
        ['propagations', 'aws_ec2_transit_gateway_route_table_propagation']
    ] as const)
        for (const a of table[key]) {
            const attachment = context.refFrom(folder, a.value);
            if (!attachment) {
                context.leftOut({ id: tgw.id, loc: a.loc }, `route table ${table.name}: an attachment it names was not exported`);
                continue;
            }
            const name = context.allocate(folder, type, `${tgw.name}-${table.name}-${context.element(a.value)?.name ?? 'attachment'}`);
            context.resource(folder, undefined, type, name, {
                transit_gateway_attachment_id: attachment,
                transit_gateway_route_table_id: tableId
            });
        }
    table.routes.forEach((route, i) => {
        const target = route.blackhole ? undefined : route.target ? context.refFrom(folder, route.target.id) : undefined;
        if (!route.blackhole && !target)
            return context.leftOut({ id: tgw.id, loc: route.loc }, `route table ${table.name}: route ${i + 1} has no target that resolves`);
        const name = context.allocate(folder, 'aws_ec2_transit_gateway_route', `${tgw.name}-${table.name}-${i + 1}`);
        context.resource(folder, undefined, 'aws_ec2_transit_gateway_route', name, {
            transit_gateway_route_table_id: tableId,
            destination_cidr_block: route.destination.value,
            blackhole: route.blackhole ? true : undefined,
            transit_gateway_attachment_id: target
        });
    });
}

/** HTTP for the targets of an HTTP(S) listener, which the load balancer ends; the listener's own protocol otherwise. */
function targetProtocol(protocol: string): string {
    if (protocol === 'http' || protocol === 'https') return 'HTTP';
    return protocol === 'tls' ? 'TCP' : protocol.toUpperCase();
}

export function exportLoadBalancer(context: ExportContext, lb: LoadBalancer): void {
    const vpc = context.element<Vpc>(lb.vpc)!;
    const folder = context.folderOfVpc(vpc);
    const name = context.allocate(folder, 'aws_lb', lb.name, `${vpc.name}-${lb.name}`);
    const groups = lb.securityGroups.map(g => groupIdFrom(context, folder, g)).filter(present);
    const address = context.resource(
        folder,
        lb.id,
        'aws_lb',
        name,
        {
            load_balancer_type: lb.type,
            internal: lb.scheme === 'internal',
            subnets: lb.subnets.map(s => context.refFrom(folder, s.value)).filter(present),
            security_groups: groups.length > 0 ? groups : undefined,
            tags: tags(lb.name)
        },
        [],
        [`load-balancer ${vpc.name}.${lb.name} (${lb.type}, ${lb.scheme})`]
    );
    for (const listener of lb.listeners) {
        const base = `${lb.name}-${listener.port}`;
        const group = context.allocate(folder, 'aws_lb_target_group', base, `${vpc.name}-${base}`);
        context.resource(folder, undefined, 'aws_lb_target_group', group, {
            vpc_id: context.refFrom(folder, vpc.id),
            protocol: targetProtocol(listener.protocol),
            port: listener.targetPort,
            target_type: listener.targets[0]?.kind ?? 'instance'
        });
        listener.targets.forEach((target, i) => {
            const id = target.kind === 'ip' ? target.address : target.instance ? context.refFrom(folder, target.instance) : undefined;
            if (id === undefined) return;
            context.resource(
                folder,
                undefined,
                'aws_lb_target_group_attachment',
                context.allocate(folder, 'aws_lb_target_group_attachment', `${group}-${i + 1}`),
                {
                    target_group_arn: expr(`aws_lb_target_group.${group}.arn`),
                    target_id: id,
                    port: listener.targetPort
                }
            );
        });
        const secure = listener.protocol === 'https' || listener.protocol === 'tls';
        const certificate = secure
            ? context.variable(folder, 'certificate_arn', {
                  type: expr('string'),
                  description: 'The ACM certificate of the HTTPS and TLS listeners (the design does not name one)'
              })
            : undefined;
        context.resource(
            folder,
            undefined,
            'aws_lb_listener',
            context.allocate(folder, 'aws_lb_listener', base, `${vpc.name}-${base}`),
            {
                load_balancer_arn: expr(`${address}.arn`),
                protocol: listener.protocol.toUpperCase(),
                port: listener.port,
                certificate_arn: certificate
            },
            [block('default_action', [], { type: 'forward', target_group_arn: expr(`aws_lb_target_group.${group}.arn`) })],
            [`listener ${listener.protocol} ${listener.port}`]
        );
    }
}

/** An account id is short for the account's root principal; AWS's permissions take ARNs. */
function principalArn(value: string): string {
    return /^\d{12}$/.test(value) ? `arn:aws:iam::${value}:root` : value;
}

export function exportEndpointServices(context: ExportContext): void {
    for (const service of context.topology.endpointServices) {
        const vpc = context.element<Vpc>(service.vpc)!;
        const folder = context.folderOfVpc(vpc);
        const lb = service.loadBalancer ? context.refFrom(folder, service.loadBalancer, 'arn') : undefined;
        if (!lb) {
            context.leftOut(service, 'its network load balancer does not resolve');
            continue;
        }
        context.resource(
            folder,
            service.id,
            'aws_vpc_endpoint_service',
            context.allocate(folder, 'aws_vpc_endpoint_service', service.name, `${vpc.name}-${service.name}`),
            {
                acceptance_required: service.acceptanceRequired,
                network_load_balancer_arns: [lb],
                allowed_principals:
                    service.allowedPrincipals.length > 0 ? service.allowedPrincipals.map(p => principalArn(p.value)) : undefined,
                tags: tags(service.name)
            },
            [],
            [`endpoint-service ${vpc.name}.${service.name}`]
        );
    }
}

/** What an interface endpoint to an endpoint service of the design names: that service's `service_name`. */
export function endpointServiceName(context: ExportContext, folder: Folder, endpoint: InterfaceEndpoint): HclValue | undefined {
    const service = endpointServiceOf(context.topology, endpoint);
    return service ? context.refFrom(folder, service.id, 'service_name') : undefined;
}

/** The provider accepts the endpoints the design accepts, once they exist. */
export function exportAccepters(context: ExportContext): void {
    for (const service of context.topology.endpointServices) {
        const vpc = context.element<Vpc>(service.vpc)!;
        const folder = context.folderOfVpc(vpc);
        if (!context.has(service.id)) continue;
        for (const a of service.accepted) {
            const endpoint = context.refFrom(folder, a.value);
            if (!endpoint) continue;
            const name = context.allocate(
                folder,
                'aws_vpc_endpoint_connection_accepter',
                `${service.name}-${context.element(a.value)?.name ?? 'endpoint'}`
            );
            context.resource(folder, undefined, 'aws_vpc_endpoint_connection_accepter', name, {
                vpc_endpoint_service_id: context.refFrom(folder, service.id),
                vpc_endpoint_id: endpoint
            });
        }
    }
}

/** Customer-managed prefix lists: before the rules and routes that name them. */
export function exportPrefixLists(context: ExportContext): void {
    for (const list of context.topology.prefixLists) {
        const vpc = context.element<Vpc>(list.vpc);
        if (!vpc || !context.has(vpc.id)) continue;
        const folder = context.folderOfVpc(vpc);
        context.resource(
            folder,
            list.id,
            'aws_ec2_managed_prefix_list',
            context.allocate(folder, 'aws_ec2_managed_prefix_list', list.name, `${vpc.name}-${list.name}`),
            {
                name: list.name,
                address_family: list.entries.some(e => e.value.includes(':')) ? 'IPv6' : 'IPv4',
                max_entries: list.maxEntries,
                // AWS keeps a prefix list in a region, the language in a VPC: the one it was declared in.
                tags: tags(list.name, { 'vpc-lab:vpc': context.addressOf(vpc.id)! })
            },
            list.entries.map(e => block('entry', [], { cidr: e.value })),
            [`prefix-list ${vpc.name}.${list.name}`]
        );
    }
}

/**
 * Transit gateways (route tables, attachments, associations, propagations, routes, peerings),
 * Elastic Load Balancing v2 load balancers (listeners, target groups with their targets),
 * endpoint services with their permissions, and customer-managed prefix lists, as CloudFormation,
 * written the way `hubs.ts` of the import reads them back.
 */
import { DEFAULT_TGW_TABLE, effectiveTgwTables, endpointServiceOf } from '../../../model/transit.js';
import type { InterfaceEndpoint, LoadBalancer, TgwRouteTable, TransitGateway, Vpc } from '../../../model/topology.js';
import type { ExportContext, Stack } from './context.js';
import { tags } from './context.js';
import { groupIdFrom } from './filters.js';
import { ref, sub, type Value } from './template.js';

/** Names every element of these kinds first: routes, rules and endpoints refer to them in any order. */
export function nameHubs(context: ExportContext): void {
    const t = context.topology;
    for (const tgw of t.transitGateways) context.name(tgw.id, stackOfTgw(context, tgw), tgw.name, 'tgw');
    for (const a of t.transitGatewayAttachments) {
        const vpc = context.vpcOf(a.id);
        if (vpc) context.name(a.id, context.stackOfVpc(vpc), vpc.name, a.name, 'tgw-attachment');
    }
    for (const p of t.transitGatewayPeerings) {
        const requester = context.element<TransitGateway>(p.requester);
        if (requester) context.name(p.id, stackOfTgw(context, requester), p.name, 'tgw-peering');
    }
    for (const lb of t.loadBalancers) {
        const vpc = context.vpcOf(lb.id);
        if (vpc) context.name(lb.id, context.stackOfVpc(vpc), vpc.name, lb.name, 'lb');
    }
    for (const s of t.endpointServices) {
        const vpc = context.vpcOf(s.id);
        if (vpc) context.name(s.id, context.stackOfVpc(vpc), vpc.name, s.name, 'endpoint-service');
    }
    for (const list of t.prefixLists) {
        const vpc = context.vpcOf(list.id);
        if (vpc) context.name(list.id, context.stackOfVpc(vpc), vpc.name, list.name, 'prefix-list');
    }
}

function stackOfTgw(context: ExportContext, tgw: TransitGateway): Stack {
    return context.stackFor(tgw.account, tgw.region);
}

const onOff = (on: boolean) => (on ? 'enable' : 'disable');

/** The default table, when the design writes routes, associations or propagations into it. */
function writtenDefault(tgw: TransitGateway): TgwRouteTable | undefined {
    if (!tgw.defaultAssociation && !tgw.defaultPropagation) return undefined;
    return tgw.routeTables.find(x => x.name === DEFAULT_TGW_TABLE && x.routes.length + x.associations.length + x.propagations.length > 0);
}

/** The gateways, their tables and routes, the VPC attachments and peerings. Attachment id → its logical id, for the VPC routes that need it first. */
export function exportTransit(context: ExportContext): Map<string, string> {
    const t = context.topology;
    const attachments = new Map<string, string>();
    for (const a of t.transitGatewayAttachments) {
        const vpc = context.element<Vpc>(a.vpc);
        const logical = context.logicalId(a.id);
        const tgw = a.transitGateway ? context.refFrom(logical?.stack ?? context.stackOfVpc(vpc!), a.transitGateway) : undefined;
        if (!vpc || !logical || !tgw) {
            context.leftOut(a, 'its transit gateway or VPC does not resolve');
            continue;
        }
        const properties: Record<string, Value> = {
            TransitGatewayId: tgw,
            VpcId: ref(context.logicalId(vpc.id)!.id),
            SubnetIds: a.subnets.map(s => context.refFrom(logical.stack, s.value)).filter((v): v is Value => v !== undefined)
        };
        if (a.applianceMode) properties.Options = { ApplianceModeSupport: 'enable' };
        properties.Tags = tags(a.name);
        logical.stack.template.add(logical.id, { Type: 'AWS::EC2::TransitGatewayVpcAttachment', Properties: properties }, [
            `transit-gateway-attachment ${vpc.name}.${a.name}: one network interface in each subnet`
        ]);
        attachments.set(a.id, logical.id);
    }
    for (const tgw of t.transitGateways) {
        const { stack, id } = context.logicalId(tgw.id)!;
        const written = writtenDefault(tgw);
        const comment = [`transit-gateway ${tgw.name}`];
        if (written)
            comment.push(
                'CloudFormation cannot name the default route table AWS makes with a gateway, and the design writes into it:',
                `it is an explicit table here, with every association and propagation AWS would make by default written out.`
            );
        stack.template.add(
            id,
            {
                Type: 'AWS::EC2::TransitGateway',
                Properties: {
                    DefaultRouteTableAssociation: onOff(tgw.defaultAssociation && !written),
                    DefaultRouteTablePropagation: onOff(tgw.defaultPropagation && !written),
                    Tags: tags(tgw.name)
                }
            },
            comment
        );
    }
    for (const p of t.transitGatewayPeerings) {
        const logical = context.logicalId(p.id);
        const accepter = context.element<TransitGateway>(p.accepter);
        const peer = accepter && logical ? context.refFrom(logical.stack, accepter.id) : undefined;
        if (!logical || !accepter || !peer) {
            context.leftOut(p, 'its requester or accepter does not resolve');
            continue;
        }
        logical.stack.template.add(
            logical.id,
            {
                Type: 'AWS::EC2::TransitGatewayPeeringAttachment',
                Properties: {
                    TransitGatewayId: context.refFrom(logical.stack, p.requester!)!,
                    PeerTransitGatewayId: peer,
                    PeerAccountId: accepter.account,
                    PeerRegion: accepter.region,
                    Tags: tags(p.name)
                }
            },
            [`transit-gateway-peering ${p.name}: the accepter's owner accepts it`]
        );
    }
    for (const tgw of t.transitGateways) for (const table of tgw.routeTables) exportTgwTable(context, tgw, table);
    return attachments;
}

function exportTgwTable(context: ExportContext, tgw: TransitGateway, table: TgwRouteTable): void {
    const { stack, id: tgwId } = context.logicalId(tgw.id)!;
    const template = stack.template;
    const written = writtenDefault(tgw);
    const effective = effectiveTgwTables(context.topology, tgw).find(x => x.id === table.id)!;
    // AWS's own default table, left to AWS when the design only lets it fill it.
    if (table.name === DEFAULT_TGW_TABLE && (tgw.defaultAssociation || tgw.defaultPropagation) && !written) return;
    const id = context.name(table.id, stack, tgw.name, table.name, 'tgw-route-table');
    template.add(id, { Type: 'AWS::EC2::TransitGatewayRouteTable', Properties: { TransitGatewayId: ref(tgwId), Tags: tags(table.name) } }, [
        `transit-gateway ${tgw.name}: route table ${table.name}`
    ]);
    const tableId = ref(id);
    const lists = written === table ? { associations: effective.associations, propagations: effective.propagations } : undefined;
    for (const [key, type] of [
        ['associations', 'AWS::EC2::TransitGatewayRouteTableAssociation'],
        ['propagations', 'AWS::EC2::TransitGatewayRouteTablePropagation']
    ] as const)
        for (const a of lists ? lists[key].map(value => ({ value, loc: undefined })) : table[key]) {
            const attachment = context.refFrom(stack, a.value);
            if (!attachment) {
                context.leftOut({ id: tgw.id, loc: a.loc }, `route table ${table.name}: an attachment it names was not exported`);
                continue;
            }
            const name = context.element(a.value)?.name ?? 'attachment';
            template.add(template.allocate(tgw.name, table.name, name, key === 'associations' ? 'association' : 'propagation'), {
                Type: type,
                Properties: { TransitGatewayAttachmentId: attachment, TransitGatewayRouteTableId: tableId }
            });
        }
    table.routes.forEach((route, i) => {
        const properties: Record<string, Value> = { TransitGatewayRouteTableId: tableId, DestinationCidrBlock: route.destination.value };
        if (route.blackhole) properties.Blackhole = true;
        else {
            const target = route.target ? context.refFrom(stack, route.target.id) : undefined;
            if (!target)
                return context.leftOut(
                    { id: tgw.id, loc: route.loc },
                    `route table ${table.name}: route ${i + 1} has no target that resolves`
                );
            properties.TransitGatewayAttachmentId = target;
        }
        template.add(
            template.allocate(tgw.name, table.name, 'route', String(i + 1)),
            { Type: 'AWS::EC2::TransitGatewayRoute', Properties: properties },
            [`route ${route.destination.value} ${route.blackhole ? 'blackhole' : `-> ${context.element(route.target!.id)?.name ?? ''}`}`]
        );
    });
}

/** HTTP for the targets of an HTTP(S) listener, which the load balancer ends; the listener's own protocol otherwise. */
function targetProtocol(protocol: string): string {
    if (protocol === 'http' || protocol === 'https') return 'HTTP';
    return protocol === 'tls' ? 'TCP' : protocol.toUpperCase();
}

export function exportLoadBalancer(context: ExportContext, lb: LoadBalancer): void {
    const logical = context.logicalId(lb.id);
    const vpc = context.element<Vpc>(lb.vpc);
    if (!logical || !vpc) return;
    const { stack, id } = logical;
    const template = stack.template;
    const properties: Record<string, Value> = {
        Type: lb.type,
        Scheme: lb.scheme,
        Subnets: lb.subnets.map(s => context.refFrom(stack, s.value)).filter((v): v is Value => v !== undefined)
    };
    const groups = lb.securityGroups.map(g => groupIdFrom(context, stack, g)).filter((v): v is Value => v !== undefined);
    if (groups.length > 0) properties.SecurityGroups = groups;
    properties.Tags = tags(lb.name);
    template.add(id, { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: properties }, [
        `load-balancer ${vpc.name}.${lb.name} (${lb.type}, ${lb.scheme})`
    ]);
    lb.listeners.forEach(listener => {
        const group = template.allocate(vpc.name, lb.name, String(listener.port), 'targets');
        template.add(group, {
            Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
            Properties: {
                VpcId: ref(context.logicalId(vpc.id)!.id),
                Protocol: targetProtocol(listener.protocol),
                Port: listener.targetPort,
                TargetType: listener.targets[0]?.kind ?? 'instance',
                Targets: listener.targets.flatMap(target => {
                    const value =
                        target.kind === 'ip' ? target.address : target.instance ? context.refFrom(stack, target.instance) : undefined;
                    return value === undefined ? [] : [{ Id: value, Port: listener.targetPort }];
                })
            }
        });
        const properties: Record<string, Value> = {
            LoadBalancerArn: ref(id),
            Protocol: listener.protocol.toUpperCase(),
            Port: listener.port,
            DefaultActions: [{ Type: 'forward', TargetGroupArn: ref(group) }]
        };
        const comment = [`listener ${listener.protocol} ${listener.port}`];
        if (listener.protocol === 'https' || listener.protocol === 'tls') {
            const certificate = template.parameter(['certificate-arn'], {
                Type: 'String',
                Description: 'The ACM certificate of the HTTPS and TLS listeners (the design does not name one)'
            });
            properties.Certificates = [{ CertificateArn: ref(certificate) }];
        }
        template.add(
            template.allocate(vpc.name, lb.name, String(listener.port), 'listener'),
            {
                Type: 'AWS::ElasticLoadBalancingV2::Listener',
                Properties: properties
            },
            comment
        );
    });
    if (lb.listeners.some(l => l.targets.some(x => x.kind === 'ip')) && lb.listeners.some(l => l.targets.some(x => x.kind === 'instance')))
        context.leftOut(lb, 'a listener mixes instance and IP targets: a target group has one target type');
}

/** An account id is short for the account's root principal; AWS's permissions take ARNs. */
function principalArn(value: string): string {
    return /^\d{12}$/.test(value) ? `arn:aws:iam::${value}:root` : value;
}

export function exportEndpointServices(context: ExportContext): void {
    for (const service of context.topology.endpointServices) {
        const logical = context.logicalId(service.id);
        const lb = service.loadBalancer ? context.refFrom(logical?.stack ?? context.stacks[0]!, service.loadBalancer) : undefined;
        if (!logical || !lb) {
            context.leftOut(service, 'its network load balancer does not resolve');
            continue;
        }
        const { stack, id } = logical;
        // CloudFormation cannot accept an endpoint connection (the provider does, once the endpoint exists):
        // the design's accepted endpoints are kept for the import.
        const accepted = service.accepted.flatMap(a => {
            const endpoint = context.logicalId(a.value);
            return endpoint ? [{ Account: endpoint.stack.account, Region: endpoint.stack.region, LogicalId: endpoint.id }] : [];
        });
        stack.template.add(
            id,
            {
                Type: 'AWS::EC2::VPCEndpointService',
                Properties: { NetworkLoadBalancerArns: [lb], AcceptanceRequired: service.acceptanceRequired },
                ...(accepted.length > 0 ? { Metadata: { 'vpc-lab': { AcceptedEndpoints: accepted } } } : {})
            },
            [
                `endpoint-service ${service.name}${accepted.length > 0 ? ': the endpoints of Metadata vpc-lab are accepted once they exist' : ''}`
            ]
        );
        if (service.allowedPrincipals.length > 0)
            stack.template.add(stack.template.allocate(service.name, 'permissions'), {
                Type: 'AWS::EC2::VPCEndpointServicePermissions',
                Properties: { ServiceId: ref(id), AllowedPrincipals: service.allowedPrincipals.map(p => principalArn(p.value)) }
            });
    }
}

/** `ServiceName` of an interface endpoint to an endpoint service of the design: `com.amazonaws.vpce.REGION.SERVICE-ID`. */
export function endpointServiceName(context: ExportContext, stack: Stack, endpoint: InterfaceEndpoint): Value | undefined {
    const service = endpointServiceOf(context.topology, endpoint);
    if (!service) return undefined;
    const value = context.refFrom(stack, service.id) as { Ref: string } | undefined;
    return value ? sub(`com.amazonaws.vpce.\${AWS::Region}.\${${value.Ref}}`) : undefined;
}

export function exportPrefixLists(context: ExportContext): void {
    for (const list of context.topology.prefixLists) {
        const logical = context.logicalId(list.id);
        if (!logical) continue;
        const family = list.entries.some(e => e.value.includes(':')) ? 'IPv6' : 'IPv4';
        const vpc = context.logicalId(list.vpc);
        logical.stack.template.add(
            logical.id,
            {
                Type: 'AWS::EC2::PrefixList',
                Properties: {
                    PrefixListName: list.name,
                    AddressFamily: family,
                    MaxEntries: list.maxEntries,
                    Entries: list.entries.map(e => ({ Cidr: e.value })),
                    Tags: tags(list.name)
                },
                // AWS keeps a prefix list in a region, the language in a VPC: the one it was declared in.
                ...(vpc ? { Metadata: { 'vpc-lab': { DesignVpc: vpc.id } } } : {})
            },
            [`prefix-list ${list.name}`]
        );
    }
}

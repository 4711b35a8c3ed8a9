/**
 * A VPC's addressing and routing as CloudFormation: the VPC and its blocks, subnets, gateways,
 * NAT gateways with their Elastic IPs, route tables, routes and associations.
 */
import type { Route, RouteTable, Subnet, Vpc } from '../../../model/topology.js';
import { parseCidr } from '../../../simulator/cidr.js';
import type { ExportContext, Stack } from './context.js';
import { tags } from './context.js';
import { managedListParameter } from './filters.js';
import { cidr, getAtt, ref, select, type Value } from './template.js';

/** Where a VPC's IPv6 block and its secondary blocks were declared, for the subnets that need them first. */
export interface VpcBlocks {
    vpcId: string;
    ipv6Block?: string;
    /** The logical ids of the VPCCidrBlock resources, which subnets in those blocks depend on. */
    blockResources: string[];
}

export function exportVpc(context: ExportContext, vpc: Vpc): VpcBlocks {
    const stack = context.stackOfVpc(vpc);
    const t = stack.template;
    const id = context.name(vpc.id, stack, vpc.name, 'vpc');
    const properties: Record<string, Value> = {
        CidrBlock: vpc.cidrs[0]?.value ?? null,
        EnableDnsSupport: vpc.dnsSupport,
        EnableDnsHostnames: vpc.dnsHostnames,
        Tags: tags(vpc.name)
    };
    t.add(id, { Type: 'AWS::EC2::VPC', Properties: properties }, [`vpc ${vpc.name}`]);
    const blocks: VpcBlocks = { vpcId: id, blockResources: [] };
    vpc.cidrs.slice(1).forEach((block, i) => {
        const blockId = t.allocate(vpc.name, 'cidr', String(i + 2));
        t.add(blockId, { Type: 'AWS::EC2::VPCCidrBlock', Properties: { VpcId: ref(id), CidrBlock: block.value } }, [
            `vpc ${vpc.name}: secondary block ${block.value}`
        ]);
        blocks.blockResources.push(blockId);
    });
    const ipv6 = vpc.ipv6[0];
    if (ipv6) {
        const blockId = t.allocate(vpc.name, 'ipv6');
        t.add(
            blockId,
            {
                Type: 'AWS::EC2::VPCCidrBlock',
                Properties: { VpcId: ref(id), AmazonProvidedIpv6CidrBlock: true },
                Metadata: { 'vpc-lab': { DesignIpv6CidrBlock: ipv6.value } }
            },
            [
                `vpc ${vpc.name}: the design's IPv6 block ${ipv6.value} cannot be kept: AWS assigns a /56 from its own pool.`,
                'Subnets take their /64s from it with Fn::Cidr, at the same positions as in the design.'
            ]
        );
        blocks.ipv6Block = blockId;
        blocks.blockResources.push(blockId);
    }
    for (const extra of vpc.ipv6.slice(1))
        context.leftOut(
            { id: vpc.id, loc: extra.loc },
            `a second IPv6 block (${extra.value}): AWS assigns one Amazon-provided block per template resource; add it by hand`
        );
    return blocks;
}

/** The subnet's IPv6 block as `Fn::Select` over `Fn::Cidr` of the VPC's Amazon-provided block. */
function subnetIpv6(context: ExportContext, vpc: Vpc, vpcLogical: string, subnet: Subnet): Value | undefined {
    const parent = parseCidr(vpc.ipv6[0]?.value ?? '');
    const child = parseCidr(subnet.ipv6?.value ?? '');
    if (!parent.ok || !child.ok || child.value.prefix < parent.value.prefix) return undefined;
    const hostBits = 128 - child.value.prefix;
    const index = Number((child.value.first - parent.value.first) >> BigInt(hostBits));
    const count = Math.min(256, 2 ** (child.value.prefix - parent.value.prefix));
    if (index >= count) {
        context.leftOut(
            { id: subnet.id, loc: subnet.ipv6?.loc },
            `IPv6 block ${subnet.ipv6?.value} is block ${index} of the VPC's; Fn::Cidr makes at most 256`
        );
        return undefined;
    }
    return select(index, cidr(select(0, getAtt(vpcLogical, 'Ipv6CidrBlocks')), count, hostBits));
}

export function exportSubnet(context: ExportContext, subnet: Subnet, blocks: VpcBlocks): void {
    const vpc = context.element<Vpc>(subnet.vpc)!;
    const stack = context.stackOfVpc(vpc);
    const id = context.name(subnet.id, stack, vpc.name, subnet.name, 'subnet');
    const properties: Record<string, Value> = { VpcId: ref(blocks.vpcId), AvailabilityZone: subnet.az };
    if (subnet.cidr) properties.CidrBlock = subnet.cidr.value;
    const comment = [`subnet ${vpc.name}.${subnet.name}`];
    if (subnet.ipv6) {
        const block = subnetIpv6(context, vpc, blocks.vpcId, subnet);
        if (block) {
            properties.Ipv6CidrBlock = block;
            comment.push(`IPv6: the design's ${subnet.ipv6.value}, taken from the VPC's Amazon-provided block`);
        }
    }
    properties.Tags = tags(subnet.name);
    t(stack).add(
        id,
        { Type: 'AWS::EC2::Subnet', Properties: properties, ...(blocks.blockResources.length ? { DependsOn: blocks.blockResources } : {}) },
        comment
    );
}

function t(stack: Stack) {
    return stack.template;
}

export function exportGateways(context: ExportContext, vpc: Vpc): Map<string, string> {
    const stack = context.stackOfVpc(vpc);
    const vpcId = context.logicalId(vpc.id)!.id;
    const attachments = new Map<string, string>();
    for (const gateway of context.where(context.topology.gateways, 'vpc', vpc.id)) {
        if (gateway.kind === 'internet-gateway') {
            const id = context.name(gateway.id, stack, vpc.name, gateway.name, 'igw');
            t(stack).add(id, { Type: 'AWS::EC2::InternetGateway', Properties: { Tags: tags(gateway.name) } }, [
                `internet-gateway ${vpc.name}.${gateway.name}`
            ]);
            const attachment = t(stack).allocate(vpc.name, gateway.name, 'attachment');
            t(stack).add(attachment, {
                Type: 'AWS::EC2::VPCGatewayAttachment',
                Properties: { VpcId: ref(vpcId), InternetGatewayId: ref(id) }
            });
            attachments.set(gateway.id, attachment);
        } else {
            const id = context.name(gateway.id, stack, vpc.name, gateway.name, 'eigw');
            t(stack).add(id, { Type: 'AWS::EC2::EgressOnlyInternetGateway', Properties: { VpcId: ref(vpcId) } }, [
                `egress-only-internet-gateway ${vpc.name}.${gateway.name}`
            ]);
        }
    }
    for (const nat of context.where(context.topology.natGateways, 'vpc', vpc.id)) {
        const id = context.name(nat.id, stack, vpc.name, nat.name, 'nat');
        const eip = t(stack).allocate(vpc.name, nat.name, 'eip');
        const comment = [`nat-gateway ${vpc.name}.${nat.name}`];
        if (nat.publicIp) comment.push(`its public address ${nat.publicIp.value} cannot be kept: AWS allocates the Elastic IP`);
        t(stack).add(eip, {
            Type: 'AWS::EC2::EIP',
            Properties: { Domain: 'vpc' },
            ...(nat.publicIp ? { Metadata: { 'vpc-lab': { DesignPublicIp: nat.publicIp.value } } } : {})
        });
        const subnet = nat.subnet ? context.refFrom(stack, nat.subnet) : undefined;
        const properties: Record<string, Value> = {
            AllocationId: getAtt(eip, 'AllocationId'),
            SubnetId: subnet ?? null,
            Tags: tags(nat.name)
        };
        if (nat.ip) properties.PrivateIpAddress = nat.ip.value;
        t(stack).add(id, { Type: 'AWS::EC2::NatGateway', Properties: properties }, comment);
    }
    return attachments;
}

/** Route tables, their routes and the subnets' associations; routes to gateway endpoints go to the endpoints. */
export function exportRouting(
    context: ExportContext,
    vpc: Vpc,
    attachments: Map<string, string>,
    endpointTables: Map<string, Value[]>
): void {
    const stack = context.stackOfVpc(vpc);
    const vpcId = context.logicalId(vpc.id)!.id;
    const tables = context.where(context.topology.routeTables, 'vpc', vpc.id).filter(r => !r.implicit);
    for (const table of tables) {
        const id = context.name(table.id, stack, vpc.name, table.name, 'route-table');
        const comment = [`route-table ${vpc.name}.${table.name}${table.main ? ' (main in the design)' : ''}`];
        if (table.main)
            comment.push(
                "CloudFormation cannot replace a VPC's main route table: the subnets that use it in the design are associated with this table explicitly."
            );
        t(stack).add(id, { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref(vpcId), Tags: tags(table.name) } }, comment);
        table.routes.forEach((route, i) => exportRoute(context, stack, table, id, route, i, attachments, endpointTables));
    }
    const main = tables.find(r => r.main);
    for (const subnet of context.where(context.topology.subnets, 'vpc', vpc.id)) {
        const tableId = subnet.routeTableExplicit ? subnet.routeTable : main?.id;
        const table = tableId ? context.logicalId(tableId) : undefined;
        const subnetId = context.logicalId(subnet.id);
        if (table && subnetId && table.stack === stack) {
            const association = t(stack).allocate(vpc.name, subnet.name, 'route-table-association');
            t(stack).add(association, {
                Type: 'AWS::EC2::SubnetRouteTableAssociation',
                Properties: { SubnetId: ref(subnetId.id), RouteTableId: ref(table.id) }
            });
        }
    }
}

function exportRoute(
    context: ExportContext,
    stack: Stack,
    table: RouteTable,
    tableId: string,
    route: Route,
    index: number,
    attachments: Map<string, string>,
    endpointTables: Map<string, Value[]>
): void {
    const target = route.target;
    const where = { id: `${table.id}`, loc: route.loc };
    if (!target) return context.leftOut(where, `route ${index + 1} has no target that resolves`);
    const destination = route.destination;
    if (target.kind === 'gateway-endpoint') {
        // A gateway endpoint adds its prefix-list route to the tables it is given.
        if (destination.kind === 'prefix-list') {
            const list = endpointTables.get(target.id) ?? [];
            list.push(ref(tableId));
            endpointTables.set(target.id, list);
        } else context.leftOut(where, `a CIDR route to a gateway endpoint: AWS routes to it only by its prefix list`);
        return;
    }
    const properties: Record<string, Value> = { RouteTableId: ref(tableId) };
    if (destination.kind === 'cidr') {
        properties[destination.cidr.includes(':') ? 'DestinationIpv6CidrBlock' : 'DestinationCidrBlock'] = destination.cidr;
    } else if (destination.list && context.logicalId(destination.list)) {
        properties.DestinationPrefixListId = context.refFrom(stack, destination.list)!;
    } else {
        properties.DestinationPrefixListId = ref(managedListParameter(stack, destination.service, destination.region));
    }
    const targetValue = context.refFrom(stack, target.id);
    if (!targetValue) return context.leftOut(where, `route ${index + 1}: its target was not exported`);
    const property = {
        'internet-gateway': 'GatewayId',
        'egress-only-internet-gateway': 'EgressOnlyInternetGatewayId',
        'nat-gateway': 'NatGatewayId',
        peering: 'VpcPeeringConnectionId',
        instance: 'InstanceId',
        'transit-gateway': 'TransitGatewayId'
    }[target.kind];
    properties[property] = targetValue;
    const id = stack.template.allocate(table.name, 'route', String(index + 1));
    // A route to a transit gateway waits for the VPC's attachment to it, as one to an internet gateway does.
    const tgwAttachment =
        target.kind === 'transit-gateway'
            ? context.topology.transitGatewayAttachments.find(a => a.vpc === table.vpc && a.transitGateway === target.id)
            : undefined;
    const attachment = tgwAttachment ? context.logicalId(tgwAttachment.id) : undefined;
    const dependsOn =
        target.kind === 'internet-gateway' && attachments.has(target.id)
            ? [attachments.get(target.id)!]
            : attachment?.stack === stack
              ? [attachment.id]
              : undefined;
    const text = destination.kind === 'cidr' ? destination.cidr : `prefix-list ${destination.service}`;
    stack.template.add(id, { Type: 'AWS::EC2::Route', Properties: properties, ...(dependsOn ? { DependsOn: dependsOn } : {}) }, [
        `route ${text} -> ${context.element(target.id)?.name ?? target.id}`
    ]);
}

/**
 * A VPC's addressing and routing as Terraform: the VPC and its blocks, subnets, gateways, NAT
 * gateways with their Elastic IPs, route tables, `aws_route`s and associations. The design's
 * IPv6 block cannot be kept (AWS assigns a /56 from its pool): the VPC asks for one with
 * `assign_generated_ipv6_cidr_block`, subnets take their /64 with `cidrsubnet()` at the design's
 * positions, and the design's literal block is kept in the `vpc-lab:ipv6` tag.
 */
import { partId } from '../../../model/ids.js';
import type { Route, RouteTable, Subnet, Vpc } from '../../../model/topology.js';
import { parseCidr } from '../../../simulator/cidr.js';
import { tags, type ExportContext, type Folder } from './context.js';
import { expr, type HclValue } from './hcl.js';

export function exportVpc(context: ExportContext, vpc: Vpc): void {
    const folder = context.folderOfVpc(vpc);
    const name = context.allocate(folder, 'aws_vpc', vpc.name);
    const ipv6 = vpc.ipv6[0];
    const comment = [`vpc ${vpc.name}`];
    if (ipv6)
        comment.push(`IPv6: the design's ${ipv6.value} cannot be kept; AWS assigns a /56 from its pool (kept in the vpc-lab:ipv6 tag)`);
    context.resource(
        folder,
        vpc.id,
        'aws_vpc',
        name,
        {
            cidr_block: vpc.cidrs[0]?.value,
            enable_dns_support: vpc.dnsSupport,
            enable_dns_hostnames: vpc.dnsHostnames,
            assign_generated_ipv6_cidr_block: ipv6 ? true : undefined,
            tags: tags(vpc.name, ipv6 ? { 'vpc-lab:ipv6': ipv6.value } : {})
        },
        [],
        comment
    );
    vpc.cidrs.slice(1).forEach((block, i) => {
        const blockName = context.allocate(folder, 'aws_vpc_ipv4_cidr_block_association', `${vpc.name}-cidr-${i + 2}`);
        context.resource(folder, partId(vpc.id, 'cidr', i + 2), 'aws_vpc_ipv4_cidr_block_association', blockName, {
            vpc_id: context.refFrom(folder, vpc.id),
            cidr_block: block.value
        });
    });
    for (const extra of vpc.ipv6.slice(1))
        context.leftOut(
            { id: vpc.id, loc: extra.loc },
            `a second IPv6 block (${extra.value}): AWS assigns Amazon-provided blocks itself; add an aws_vpc_ipv6_cidr_block_association by hand`
        );
}

/** The subnet's IPv6 block as `cidrsubnet()` of the VPC's Amazon-provided block, at the design's position. */
function subnetIpv6(context: ExportContext, folder: Folder, vpc: Vpc, subnet: Subnet): HclValue | undefined {
    const parent = parseCidr(vpc.ipv6[0]?.value ?? '');
    const child = parseCidr(subnet.ipv6?.value ?? '');
    if (!parent.ok || !child.ok || child.value.prefix < parent.value.prefix) return undefined;
    const hostBits = 128 - child.value.prefix;
    const index = (child.value.first - parent.value.first) >> BigInt(hostBits);
    const vpcRef = context.refFrom(folder, vpc.id, 'ipv6_cidr_block') as { expr: string };
    return expr(`cidrsubnet(${vpcRef.expr}, ${child.value.prefix - parent.value.prefix}, ${index})`);
}

export function exportSubnet(context: ExportContext, subnet: Subnet): void {
    const vpc = context.element<Vpc>(subnet.vpc)!;
    const folder = context.folderOfVpc(vpc);
    const name = context.allocate(folder, 'aws_subnet', subnet.name, `${vpc.name}-${subnet.name}`);
    const secondary = vpc.cidrs.slice(1).findIndex(b => subnet.cidr && contains(b.value, subnet.cidr.value));
    const comment = [`subnet ${vpc.name}.${subnet.name}`];
    const ipv6 = subnet.ipv6 ? subnetIpv6(context, folder, vpc, subnet) : undefined;
    if (ipv6) comment.push(`IPv6: the design's ${subnet.ipv6!.value}, taken from the VPC's Amazon-provided block`);
    context.resource(
        folder,
        subnet.id,
        'aws_subnet',
        name,
        {
            vpc_id:
                secondary >= 0 ? context.refFrom(folder, partId(vpc.id, 'cidr', secondary + 2), 'vpc_id') : context.refFrom(folder, vpc.id),
            availability_zone: subnet.az,
            cidr_block: subnet.cidr?.value,
            ipv6_cidr_block: ipv6,
            tags: tags(subnet.name, ipv6 ? { 'vpc-lab:ipv6': subnet.ipv6!.value } : {})
        },
        [],
        comment
    );
}

function contains(outer: string, inner: string): boolean {
    const a = parseCidr(outer);
    const b = parseCidr(inner);
    return a.ok && b.ok && a.value.prefix <= b.value.prefix && b.value.first >= a.value.first && b.value.first <= a.value.last;
}

export function exportGateways(context: ExportContext, vpc: Vpc): void {
    const folder = context.folderOfVpc(vpc);
    for (const gateway of context.where(context.topology.gateways, 'vpc', vpc.id)) {
        const type = gateway.kind === 'internet-gateway' ? 'aws_internet_gateway' : 'aws_egress_only_internet_gateway';
        const name = context.allocate(folder, type, gateway.name, `${vpc.name}-${gateway.name}`);
        context.resource(
            folder,
            gateway.id,
            type,
            name,
            { vpc_id: context.refFrom(folder, vpc.id), tags: tags(gateway.name) },
            [],
            [`${gateway.kind} ${vpc.name}.${gateway.name}`]
        );
    }
    for (const nat of context.where(context.topology.natGateways, 'vpc', vpc.id)) {
        const name = context.allocate(folder, 'aws_nat_gateway', nat.name, `${vpc.name}-${nat.name}`);
        const eip = context.allocate(folder, 'aws_eip', nat.name, `${vpc.name}-${nat.name}`);
        const comment = [`nat-gateway ${vpc.name}.${nat.name}`];
        if (nat.publicIp)
            comment.push(
                `its public address ${nat.publicIp.value} cannot be kept: AWS allocates the Elastic IP (kept in the vpc-lab:public-ip tag)`
            );
        context.resource(folder, partId(nat.id, 'eip'), 'aws_eip', eip, {
            domain: 'vpc',
            tags: tags(`${nat.name}`, nat.publicIp ? { 'vpc-lab:public-ip': nat.publicIp.value } : {})
        });
        const subnet = nat.subnet ? context.refFrom(folder, nat.subnet) : undefined;
        if (!subnet) {
            context.leftOut(nat, 'its subnet does not resolve');
            continue;
        }
        context.resource(
            folder,
            nat.id,
            'aws_nat_gateway',
            name,
            {
                allocation_id: context.refFrom(folder, partId(nat.id, 'eip')),
                subnet_id: subnet,
                private_ip: nat.ip?.value,
                tags: tags(nat.name)
            },
            [],
            comment
        );
    }
}

/** Route tables, their routes and the subnets' associations; routes to gateway endpoints go to the endpoints. */
export function exportRouting(context: ExportContext, vpc: Vpc, endpointTables: Map<string, HclValue[]>): void {
    const folder = context.folderOfVpc(vpc);
    const tables = context.where(context.topology.routeTables, 'vpc', vpc.id).filter(r => !r.implicit);
    for (const table of tables) {
        const name = context.allocate(folder, 'aws_route_table', table.name, `${vpc.name}-${table.name}`);
        context.resource(
            folder,
            table.id,
            'aws_route_table',
            name,
            { vpc_id: context.refFrom(folder, vpc.id), tags: tags(table.name) },
            [],
            [`route-table ${vpc.name}.${table.name}`]
        );
        table.routes.forEach((route, i) => exportRoute(context, folder, table, route, i, endpointTables));
        if (table.main) {
            const association = context.allocate(folder, 'aws_main_route_table_association', vpc.name);
            context.resource(folder, undefined, 'aws_main_route_table_association', association, {
                vpc_id: context.refFrom(folder, vpc.id),
                route_table_id: context.refFrom(folder, table.id)
            });
        }
    }
    for (const subnet of context.where(context.topology.subnets, 'vpc', vpc.id).filter(s => s.routeTableExplicit && s.routeTable)) {
        const table = context.refFrom(folder, subnet.routeTable!);
        const subnetRef = context.refFrom(folder, subnet.id);
        if (!table || !subnetRef) continue;
        const association = context.allocate(folder, 'aws_route_table_association', subnet.name, `${vpc.name}-${subnet.name}`);
        context.resource(folder, undefined, 'aws_route_table_association', association, { subnet_id: subnetRef, route_table_id: table });
    }
}

const TARGET_ATTRIBUTE = {
    'internet-gateway': 'gateway_id',
    'egress-only-internet-gateway': 'egress_only_gateway_id',
    'nat-gateway': 'nat_gateway_id',
    peering: 'vpc_peering_connection_id',
    'transit-gateway': 'transit_gateway_id',
    instance: 'network_interface_id'
} as const;

function exportRoute(
    context: ExportContext,
    folder: Folder,
    table: RouteTable,
    route: Route,
    index: number,
    endpointTables: Map<string, HclValue[]>
): void {
    const target = route.target;
    const where = { id: table.id, loc: route.loc };
    if (!target) return context.leftOut(where, `route ${index + 1} has no target that resolves`);
    const destination = route.destination;
    if (target.kind === 'gateway-endpoint') {
        if (destination.kind === 'prefix-list') {
            const list = endpointTables.get(target.id) ?? [];
            list.push(context.refFrom(folder, table.id)!);
            endpointTables.set(target.id, list);
        } else context.leftOut(where, 'a CIDR route to a gateway endpoint: AWS routes to it only by its prefix list');
        return;
    }
    const attributes: Record<string, HclValue | undefined> = { route_table_id: context.refFrom(folder, table.id) };
    if (destination.kind === 'cidr')
        attributes[destination.cidr.includes(':') ? 'destination_ipv6_cidr_block' : 'destination_cidr_block'] = destination.cidr;
    else if (destination.list && context.has(destination.list))
        attributes.destination_prefix_list_id = context.refFrom(folder, destination.list);
    else
        attributes.destination_prefix_list_id = expr(
            `${context.dataSource(folder, 'aws_prefix_list', `${destination.service}_${destination.region}`.replace(/[^A-Za-z0-9_]/g, '_'), { name: `com.amazonaws.${destination.region}.${destination.service}` })}.id`
        );
    // A route to an instance goes to its primary network interface, which the instance exports.
    const value =
        target.kind === 'instance'
            ? context.refFrom(folder, target.id, 'primary_network_interface_id')
            : context.refFrom(folder, target.id);
    if (!value) return context.leftOut(where, `route ${index + 1}: its target was not exported`);
    attributes[TARGET_ATTRIBUTE[target.kind]] = value;
    if (target.kind === 'transit-gateway') {
        // AWS refuses a route to a transit gateway until the gateway is attached to the route table's VPC; the
        // route names the gateway, not the attachment, so Terraform cannot infer the order by itself.
        const attachment = context
            .where(context.topology.transitGatewayAttachments, 'vpc', table.vpc)
            .find(a => a.transitGateway === target.id);
        const dependency = attachment ? context.dependency(folder, attachment.id) : undefined;
        if (dependency) attributes.depends_on = [dependency];
    }
    const name = context.allocate(
        folder,
        'aws_route',
        `${table.name}-${index + 1}`,
        `${context.element(table.vpc)?.name}-${table.name}-${index + 1}`
    );
    const text = destination.kind === 'cidr' ? destination.cidr : `prefix-list ${destination.service}`;
    context.resource(
        folder,
        undefined,
        'aws_route',
        name,
        attributes,
        [],
        [`route ${text} -> ${context.element(target.id)?.name ?? target.id}`]
    );
}

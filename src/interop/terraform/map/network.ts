/**
 * VPCs, their extra CIDR blocks, subnets and gateways. AWS's defaults as the provider documents
 * them: DNS support on and hostnames off, the main route table, default network ACL and default
 * security group every VPC gets; an Amazon-provided IPv6 block and AZs AWS chooses get stand-ins.
 */
import {
    defaultNetworkAcl,
    defaultNetworkAclId,
    defaultSecurityGroup,
    defaultSecurityGroupId,
    implicitMainRouteTable,
    mainRouteTableId
} from '../../../model/defaults.js';
import { makeId } from '../../../model/ids.js';
import { basename } from 'node:path';
import { Defaults, type Vpc } from '../../../model/topology.js';
import { availabilityZones } from '../../../model/aws-catalog.js';
import { ipv6StandIn } from '../config/derived.js';
import { bool, designTag, type MapContext, str } from './context.js';

export function mapVpcs(ctx: MapContext): void {
    for (const i of ctx.ofType('aws_vpc', 'aws_default_vpc')) {
        const name = ctx.name(i, 'vpc');
        const id = makeId('vpc', name);
        const cidr = str(i.values.cidr_block);
        if (!cidr)
            ctx.leftOut(
                i,
                `${i.address}: cidr_block`,
                i.values.ipv4_ipam_pool_id !== undefined
                    ? 'allocated from an IPAM pool at apply; the language needs the block'
                    : i.unknown.includes('cidr_block')
                      ? 'not known before apply'
                      : i.values.cidr_block === undefined || i.values.cidr_block === null
                        ? 'not given: the provider needs cidr_block or ipv4_ipam_pool_id'
                        : `${JSON.stringify(i.values.cidr_block)} is not a CIDR block`
            );
        const vpc: Vpc = {
            kind: 'vpc',
            id,
            name,
            account: ctx.accountOf(i),
            region: ctx.regionOf(i),
            cidrs: cidr ? [{ value: cidr }] : [],
            ipv6: [],
            dnsSupport: bool(i.values.enable_dns_support, true),
            dnsHostnames: bool(i.values.enable_dns_hostnames, i.type === 'aws_default_vpc'),
            mainRouteTable: mainRouteTableId(name),
            defaultNetworkAcl: defaultNetworkAclId(name),
            defaultSecurityGroup: defaultSecurityGroupId(name)
        };
        const ipv6 = str(i.values.ipv6_cidr_block);
        if (ipv6 && !i.unknown.includes('ipv6_cidr_block')) vpc.ipv6.push({ value: ipv6 });
        else if (bool(i.values.assign_generated_ipv6_cidr_block, false)) {
            const design = designTag(i, 'ipv6');
            const block = design ?? ipv6StandIn(ctx.nextStandIn());
            vpc.ipv6.push({ value: block });
            ctx.standIn(
                i,
                `${i.address}: ipv6_cidr_block = ${block}`,
                design
                    ? "Amazon assigns the /56 at apply; the design's block, from its vpc-lab:ipv6 tag"
                    : 'Amazon assigns the /56 at apply'
            );
        }
        ctx.topology.vpcs.push(vpc);
        ctx.register(i, id);
    }
    for (const i of ctx.ofType('aws_vpc_ipv4_cidr_block_association')) {
        const vpc = ctx.vpcOf(i.values.vpc_id);
        const cidr = str(i.values.cidr_block);
        if (!vpc || !cidr) {
            ctx.leftOut(i, i.address, vpc ? 'its block is allocated from an IPAM pool at apply' : 'its VPC is not in this import');
            continue;
        }
        vpc.cidrs.push({ value: cidr });
        ctx.register(i, vpc.id);
    }
    for (const i of ctx.ofType('aws_vpc_ipv6_cidr_block_association')) {
        const vpc = ctx.vpcOf(i.values.vpc_id);
        if (!vpc) {
            ctx.leftOut(i, i.address, 'its VPC is not in this import');
            continue;
        }
        if (vpc.ipv6.length > 0) {
            ctx.leftOut(i, i.address, 'the language gives a VPC at most one IPv6 block');
            continue;
        }
        const given = str(i.values.ipv6_cidr_block);
        const block = given ?? ipv6StandIn(ctx.nextStandIn());
        if (!given) ctx.standIn(i, `${i.address}: ipv6_cidr_block = ${block}`, 'Amazon (or an IPAM pool) assigns the block at apply');
        vpc.ipv6.push({ value: block });
        ctx.register(i, vpc.id);
    }
    // What AWS creates with every VPC; written resources replace them later.
    for (const vpc of ctx.topology.vpcs) {
        ctx.topology.routeTables.push(implicitMainRouteTable(vpc));
        ctx.topology.networkAcls.push(defaultNetworkAcl(vpc));
        ctx.topology.securityGroups.push(defaultSecurityGroup(vpc));
    }
}

export function mapSubnets(ctx: MapContext): void {
    for (const i of ctx.ofType('aws_subnet', 'aws_default_subnet')) {
        const vpc = ctx.vpcOf(i.values.vpc_id);
        if (!vpc) {
            ctx.leftOut(i, i.address, 'its VPC is not in this import');
            continue;
        }
        const name = ctx.name(i, 'subnet', vpc.name);
        const id = makeId('subnet', name, vpc.name);
        let az = str(i.values.availability_zone);
        if (!az) {
            az = availabilityZones(vpc.region)[0]!;
            ctx.standIn(
                i,
                `${i.address}: availability_zone = ${az}`,
                i.values.availability_zone_id !== undefined
                    ? 'given as a zone id, which maps to a zone name per account'
                    : 'AWS chooses the zone at apply'
            );
        }
        const cidr = str(i.values.cidr_block);
        if (!cidr) ctx.leftOut(i, `${i.address}: cidr_block`, 'not known before apply');
        const design = i.unknown.includes('ipv6_cidr_block') ? designTag(i, 'ipv6') : undefined;
        const ipv6 = str(i.values.ipv6_cidr_block) ?? design;
        if (design)
            ctx.standIn(
                i,
                `${i.address}: ipv6_cidr_block = ${design}`,
                "computed from the VPC's Amazon-provided block; the design's block, from its vpc-lab:ipv6 tag"
            );
        else if (!ipv6 && i.unknown.includes('ipv6_cidr_block'))
            ctx.leftOut(i, `${i.address}: ipv6_cidr_block`, 'computed from a value known only after apply');
        ctx.topology.subnets.push({
            kind: 'subnet',
            id,
            name,
            vpc: vpc.id,
            az,
            ...(cidr ? { cidr: { value: cidr } } : {}),
            ...(ipv6 ? { ipv6: { value: ipv6 } } : {}),
            routeTable: vpc.mainRouteTable,
            routeTableExplicit: false,
            networkAcl: vpc.defaultNetworkAcl
        });
        ctx.register(i, id);
    }
}

export function mapGateways(ctx: MapContext): void {
    for (const i of ctx.ofType('aws_internet_gateway', 'aws_egress_only_internet_gateway')) {
        const kind = i.type === 'aws_internet_gateway' ? 'internet-gateway' : 'egress-only-internet-gateway';
        let vpc = ctx.vpcOf(i.values.vpc_id);
        // An internet gateway created detached is attached by aws_internet_gateway_attachment.
        const attachment =
            kind === 'internet-gateway' && !vpc
                ? ctx.ofType('aws_internet_gateway_attachment').find(a => ctx.target(a.values.internet_gateway_id) === i)
                : undefined;
        if (attachment) vpc = ctx.vpcOf(attachment.values.vpc_id);
        if (!vpc) {
            ctx.leftOut(i, i.address, 'attached to no VPC in this import');
            continue;
        }
        const name = ctx.name(i, kind, vpc.name);
        const id = makeId(kind, name, vpc.name);
        ctx.topology.gateways.push({ kind, id, name, vpc: vpc.id });
        ctx.register(i, id);
        if (attachment) ctx.register(attachment, id);
    }
    for (const i of ctx.ofType('aws_internet_gateway_attachment')) {
        if (!ctx.elementOf(i)) ctx.leftOut(i, i.address, 'its gateway or VPC is not in this import');
    }
}

export function mapNatGateways(ctx: MapContext): void {
    for (const i of ctx.ofType('aws_nat_gateway')) {
        const subnetId = ctx.element(i.values.subnet_id);
        const subnet = ctx.find(ctx.topology.subnets, subnetId);
        if (!subnet) {
            ctx.leftOut(i, i.address, 'its subnet is not in this import');
            continue;
        }
        if (str(i.values.connectivity_type) === 'private') {
            ctx.leftOut(i, i.address, 'a private NAT gateway: the language has only public NAT gateways');
            continue;
        }
        const vpc = ctx.find(ctx.topology.vpcs, subnet.vpc)!;
        const name = ctx.name(i, 'nat-gateway', vpc.name);
        const id = makeId('nat-gateway', name, vpc.name);
        const ip = str(i.values.private_ip);
        const eip = ctx.target(i.values.allocation_id);
        const publicIp = eip ? (str(eip.values.public_ip) ?? designTag(eip, 'public-ip')) : undefined;
        ctx.topology.natGateways.push({
            kind: 'nat-gateway',
            id,
            name,
            vpc: vpc.id,
            subnet: subnet.id,
            ...(ip ? { ip: { value: ip } } : {}),
            ...(publicIp ? { publicIp: { value: publicIp } } : {})
        });
        ctx.register(i, id);
        if (eip) ctx.register(eip, id);
    }
}

/**
 * An account for every account number a VPC or transit gateway is in, other than the language's
 * default. Named as the folder `vpc-lab export` wrote for it (`acme-us-east-1` → `acme`), else
 * `account-NUMBER`; claimed after the VPCs', which keep their names.
 */
export function mapAccounts(ctx: MapContext): void {
    const folderName = new Map<string, string>();
    // A root module per folder: its instances share it.
    const roots = new Set(ctx.instances.map(i => i.root));
    for (const root of roots) {
        if (!root?.account || folderName.has(root.account)) continue;
        const folder = basename(root.folder);
        const suffix = `-${root.region}`;
        if (folder.endsWith(suffix) && folder.length > suffix.length && folder !== `${root.account}${suffix}`)
            folderName.set(root.account, folder.slice(0, -suffix.length));
    }
    const numbers = new Set([...ctx.topology.vpcs, ...ctx.topology.transitGateways].map(e => e.account));
    for (const number of numbers) {
        if (number === Defaults.accountNumber || ctx.topology.accounts.some(a => a.number === number)) continue;
        const name = ctx.names.name('account', folderName.get(number) ?? `account-${number}`);
        ctx.topology.accounts.push({ kind: 'account', id: makeId('account', name), name, number });
    }
}

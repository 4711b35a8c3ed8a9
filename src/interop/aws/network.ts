/** VPCs, subnets, gateways and NAT gateways from describe-vpcs, -subnets, -internet-gateways, -nat-gateways. */
import { makeId } from '../../model/ids.js';
import type { Subnet } from '../../model/topology.js';
import { awsName, label, type AwsContext } from './context.js';

const LIVE = new Set(['associated', 'associating', undefined]);

export function importVpcs(context: AwsContext): void {
    const { draft, snapshot } = context;
    for (const { item: v, source, region } of snapshot.Vpcs) {
        if (!v.VpcId) {
            draft.report.leftOut(source, `VPC ${label(v.VpcId, v.Tags)}`, 'it has no VpcId');
            continue;
        }
        const cidrs = (v.CidrBlockAssociationSet ?? [])
            .filter(a => LIVE.has(a.CidrBlockState?.State) && a.CidrBlock)
            .map(a => a.CidrBlock!);
        if (v.CidrBlock && !cidrs.includes(v.CidrBlock)) cidrs.unshift(v.CidrBlock);
        else if (v.CidrBlock) cidrs.sort((a, b) => (a === v.CidrBlock ? -1 : b === v.CidrBlock ? 1 : 0));
        const ipv6 = (v.Ipv6CidrBlockAssociationSet ?? [])
            .filter(a => LIVE.has(a.Ipv6CidrBlockState?.State) && a.Ipv6CidrBlock)
            .map(a => a.Ipv6CidrBlock!);
        // describe-vpcs gives every VPC its primary IPv4 block: without one there is nothing to place subnets in.
        if (cidrs.length === 0) {
            draft.report.leftOut(source, `VPC ${label(v.VpcId, v.Tags)}`, 'it has no IPv4 block (describe-vpcs gives every VPC one)');
            continue;
        }
        for (const extra of ipv6.slice(1)) {
            draft.report.leftOut(
                source,
                `IPv6 block ${extra} of ${label(v.VpcId, v.Tags)}`,
                'a VPC in the language has at most one IPv6 block'
            );
        }
        const attributes = snapshot.attributes.filter(a => a.item.VpcId === v.VpcId).map(a => a.item);
        const flag = (key: 'EnableDnsSupport' | 'EnableDnsHostnames') => attributes.map(a => a[key]?.Value).find(x => x !== undefined);
        const vpc = draft.addVpc(awsName(v.Tags, v.VpcId), {
            account: v.OwnerId,
            region,
            cidrs,
            ipv6: ipv6.slice(0, 1),
            dnsSupport: flag('EnableDnsSupport'),
            // A default VPC has DNS hostnames on; any other starts with them off.
            dnsHostnames: flag('EnableDnsHostnames') ?? (v.IsDefault ? true : undefined)
        });
        context.vpcs.set(v.VpcId, vpc);
        draft.origin(vpc.id, label(v.VpcId, v.Tags), source);
    }
}

export function importSubnets(context: AwsContext): void {
    const { draft, snapshot } = context;
    for (const { item: s, source } of snapshot.Subnets) {
        const vpc = s.VpcId ? context.vpcs.get(s.VpcId) : undefined;
        if (!s.SubnetId || !vpc) {
            draft.report.leftOut(source, `subnet ${label(s.SubnetId, s.Tags)}`, `its VPC ${s.VpcId ?? '(none)'} is not in the snapshot`);
            continue;
        }
        const name = draft.names.name('subnet', awsName(s.Tags, s.SubnetId), vpc.name);
        const ipv6 = (s.Ipv6CidrBlockAssociationSet ?? []).find(
            a => LIVE.has(a.Ipv6CidrBlockState?.State) && a.Ipv6CidrBlock
        )?.Ipv6CidrBlock;
        const subnet: Subnet = {
            kind: 'subnet',
            id: makeId('subnet', name, vpc.name),
            name,
            vpc: vpc.id,
            az: s.AvailabilityZone ?? `${vpc.region}a`,
            cidr: s.CidrBlock ? { value: s.CidrBlock } : undefined,
            ipv6: ipv6 ? { value: ipv6 } : undefined,
            routeTable: vpc.mainRouteTable,
            routeTableExplicit: false,
            networkAcl: vpc.defaultNetworkAcl
        };
        draft.topology.subnets.push(subnet);
        context.ids.set(s.SubnetId, subnet.id);
        draft.origin(subnet.id, label(s.SubnetId, s.Tags), source);
    }
}

export function importGateways(context: AwsContext): void {
    const { draft, snapshot } = context;
    const gateways = [
        ...snapshot.InternetGateways.map(g => ({ ...g, id: g.item.InternetGatewayId, kind: 'internet-gateway' as const })),
        ...snapshot.EgressOnlyInternetGateways.map(g => ({
            ...g,
            id: g.item.EgressOnlyInternetGatewayId,
            kind: 'egress-only-internet-gateway' as const
        }))
    ];
    for (const { item, source, id: awsId, kind } of gateways) {
        const attached = (item.Attachments ?? []).filter(a => a.VpcId && a.State !== 'detached' && a.State !== 'detaching');
        if (!awsId || attached.length === 0) {
            draft.report.leftOut(source, `${kind.replace(/-/g, ' ')} ${label(awsId, item.Tags)}`, 'it is attached to no VPC');
            continue;
        }
        for (const attachment of attached) {
            const vpc = context.vpcs.get(attachment.VpcId!);
            if (!vpc) {
                draft.report.leftOut(
                    source,
                    `${kind.replace(/-/g, ' ')} ${label(awsId, item.Tags)}`,
                    `its VPC ${attachment.VpcId} is not in the snapshot`
                );
                continue;
            }
            const name = draft.names.name(kind, awsName(item.Tags, awsId), vpc.name);
            const id = makeId(kind, name, vpc.name);
            draft.topology.gateways.push({ kind, id, name, vpc: vpc.id });
            context.ids.set(awsId, id);
            draft.origin(id, label(awsId, item.Tags), source);
        }
    }
}

export function importNatGateways(context: AwsContext): void {
    const { draft, snapshot } = context;
    for (const { item: n, source } of snapshot.NatGateways) {
        const what = `NAT gateway ${label(n.NatGatewayId, n.Tags)}`;
        if (n.State === 'deleted' || n.State === 'deleting' || n.State === 'failed') {
            draft.report.leftOut(source, what, `its state is ${n.State}`);
            continue;
        }
        if (n.ConnectivityType === 'private') {
            draft.report.leftOut(source, what, "a private NAT gateway; the language's NAT gateway is public (with an Elastic IP)");
            continue;
        }
        const vpc = n.VpcId ? context.vpcs.get(n.VpcId) : undefined;
        const subnet = n.SubnetId ? context.ids.get(n.SubnetId) : undefined;
        if (!n.NatGatewayId || !vpc || !subnet) {
            draft.report.leftOut(source, what, `its VPC or subnet is not in the snapshot`);
            continue;
        }
        const name = draft.names.name('nat-gateway', awsName(n.Tags, n.NatGatewayId), vpc.name);
        const id = makeId('nat-gateway', name, vpc.name);
        const address = (n.NatGatewayAddresses ?? []).find(a => a.IsPrimary !== false) ?? n.NatGatewayAddresses?.[0];
        draft.topology.natGateways.push({
            kind: 'nat-gateway',
            id,
            name,
            vpc: vpc.id,
            subnet,
            ip: address?.PrivateIp ? { value: address.PrivateIp } : undefined,
            publicIp: address?.PublicIp ? { value: address.PublicIp } : undefined
        });
        context.ids.set(n.NatGatewayId, id);
        if (address?.NetworkInterfaceId) context.eniOwners.set(address.NetworkInterfaceId, id);
        draft.origin(id, label(n.NatGatewayId, n.Tags), source);
    }
}

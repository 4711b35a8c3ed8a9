/**
 * The describe-* output AWS would give for a topology (the bench's generated workspace), typed
 * with the EC2 API's result types: what `vpc-lab import aws` reads at scale.
 */
import type {
    DescribeInstancesResult,
    DescribeInternetGatewaysResult,
    DescribeNatGatewaysResult,
    DescribeNetworkAclsResult,
    DescribeRouteTablesResult,
    DescribeSecurityGroupsResult,
    DescribeSubnetsResult,
    DescribeVpcPeeringConnectionsResult,
    DescribeVpcsResult,
    IpPermission,
    Route
} from '@aws-sdk/client-ec2';
import type { RulePeer, SecurityGroupRule, Topology } from '../src/model/topology.js';

const PROTOCOL = { all: '-1', tcp: 'tcp', udp: 'udp', icmp: 'icmp' } as const;
const NUMBER = { all: '-1', tcp: '6', udp: '17', icmp: '1' } as const;

export function describeOutputs(t: Topology): Record<string, object> {
    const awsId = new Map<string, string>();
    let n = 0;
    const id = (prefix: string, modelId: string) => {
        let value = awsId.get(modelId);
        if (!value) {
            value = `${prefix}-${(n++).toString(16).padStart(17, '0')}`;
            awsId.set(modelId, value);
        }
        return value;
    };
    const tag = (name: string) => [{ Key: 'Name', Value: name }];
    const vpcs = {
        Vpcs: t.vpcs.map(v => ({ VpcId: id('vpc', v.id), OwnerId: v.account, CidrBlock: v.cidrs[0]?.value, Tags: tag(v.name) }))
    } satisfies DescribeVpcsResult;
    const subnets = {
        Subnets: t.subnets.map(s => ({
            SubnetId: id('subnet', s.id),
            VpcId: id('vpc', s.vpc),
            CidrBlock: s.cidr?.value,
            AvailabilityZone: s.az,
            Tags: tag(s.name)
        }))
    } satisfies DescribeSubnetsResult;
    const igws = {
        InternetGateways: t.gateways
            .filter(g => g.kind === 'internet-gateway')
            .map(g => ({
                InternetGatewayId: id('igw', g.id),
                Attachments: [{ VpcId: id('vpc', g.vpc), State: 'attached' as const }],
                Tags: tag(g.name)
            }))
    } satisfies DescribeInternetGatewaysResult;
    const nats = {
        NatGateways: t.natGateways.map(g => ({
            NatGatewayId: id('nat', g.id),
            VpcId: id('vpc', g.vpc),
            SubnetId: id('subnet', g.subnet!),
            State: 'available' as const,
            ConnectivityType: 'public' as const,
            NatGatewayAddresses: [{ PublicIp: g.publicIp?.value ?? '52.0.0.1' }],
            Tags: tag(g.name)
        }))
    } satisfies DescribeNatGatewaysResult;
    for (const p of t.peerings) id('pcx', p.id);
    const target = (kind: string, targetId: string): Partial<Route> =>
        kind === 'internet-gateway'
            ? { GatewayId: id('igw', targetId) }
            : kind === 'nat-gateway'
              ? { NatGatewayId: id('nat', targetId) }
              : kind === 'peering'
                ? { VpcPeeringConnectionId: id('pcx', targetId) }
                : { InstanceId: id('i', targetId) };
    const tables = {
        RouteTables: t.routeTables.map(r => ({
            RouteTableId: id('rtb', r.id),
            VpcId: id('vpc', r.vpc),
            Tags: r.implicit ? [] : tag(r.name),
            Associations: [
                ...(r.main ? [{ Main: true }] : []),
                ...t.subnets
                    .filter(s => s.routeTable === r.id && s.routeTableExplicit)
                    .map(s => ({ Main: false, SubnetId: id('subnet', s.id) }))
            ],
            Routes: r.routes.map(route => ({
                DestinationCidrBlock: route.destination.kind === 'cidr' ? route.destination.cidr : undefined,
                ...target(route.target!.kind, route.target!.id),
                State: 'active' as const
            }))
        }))
    } satisfies DescribeRouteTablesResult;
    const peer = (p: RulePeer): Partial<IpPermission> =>
        p.kind === 'cidr'
            ? { IpRanges: [{ CidrIp: p.cidr }] }
            : p.kind === 'sg'
              ? { UserIdGroupPairs: [{ GroupId: id('sg', p.group!) }] }
              : {};
    const permissions = (rules: SecurityGroupRule[]) =>
        rules.map(r => ({ IpProtocol: PROTOCOL[r.protocol], FromPort: r.ports?.from, ToPort: r.ports?.to, ...peer(r.peer) }));
    const groups = {
        SecurityGroups: t.securityGroups.map(g => ({
            GroupId: id('sg', g.id),
            GroupName: g.implicit ? 'default' : g.name,
            VpcId: id('vpc', g.vpc),
            Tags: g.implicit ? [] : tag(g.name),
            IpPermissions: permissions(g.rules.filter(r => r.direction === 'ingress')),
            IpPermissionsEgress: permissions(g.rules.filter(r => r.direction === 'egress'))
        }))
    } satisfies DescribeSecurityGroupsResult;
    const acls = {
        NetworkAcls: t.networkAcls.map(a => ({
            NetworkAclId: id('acl', a.id),
            VpcId: id('vpc', a.vpc),
            IsDefault: a.implicit === true,
            Tags: a.implicit ? [] : tag(a.name),
            Associations: t.subnets.filter(s => s.networkAcl === a.id).map(s => ({ SubnetId: id('subnet', s.id) })),
            Entries: a.rules.map(r => ({
                RuleNumber: r.number,
                Protocol: NUMBER[r.protocol],
                RuleAction: r.action,
                Egress: r.direction === 'outbound',
                CidrBlock: r.peer.kind === 'cidr' ? r.peer.cidr : undefined,
                PortRange: r.ports ? { From: r.ports.from, To: r.ports.to } : undefined
            }))
        }))
    } satisfies DescribeNetworkAclsResult;
    const instances = {
        Reservations: t.instances.map(i => ({
            Instances: [
                {
                    InstanceId: id('i', i.id),
                    VpcId: id('vpc', i.vpc),
                    SubnetId: id('subnet', i.subnet!),
                    PrivateIpAddress: i.ip?.value,
                    PublicIpAddress: i.publicIp?.value,
                    State: { Name: 'running' as const },
                    SecurityGroups: i.securityGroups.map(g => ({ GroupId: id('sg', g) })),
                    Tags: tag(i.name)
                }
            ]
        }))
    } satisfies DescribeInstancesResult;
    const vpcById = new Map(t.vpcs.map(v => [v.id, v]));
    const side = (vpcId: string) => {
        const v = vpcById.get(vpcId)!;
        return { VpcId: id('vpc', v.id), OwnerId: v.account, Region: v.region, CidrBlock: v.cidrs[0]?.value };
    };
    const peerings = {
        VpcPeeringConnections: t.peerings.map(p => ({
            VpcPeeringConnectionId: id('pcx', p.id),
            Status: { Code: 'active' as const },
            RequesterVpcInfo: side(p.requester!),
            AccepterVpcInfo: side(p.accepter!),
            Tags: tag(p.name)
        }))
    } satisfies DescribeVpcPeeringConnectionsResult;
    return {
        'vpcs.json': vpcs,
        'subnets.json': subnets,
        'internet-gateways.json': igws,
        'nat-gateways.json': nats,
        'route-tables.json': tables,
        'security-groups.json': groups,
        'network-acls.json': acls,
        'instances.json': instances,
        'peerings.json': peerings
    };
}

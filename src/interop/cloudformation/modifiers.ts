/** Pass three: resources that change elements already built (routes, associations, separate rules, ACL entries, EIPs, blocks, bucket policies). */
import { bucketName as languageBucketName } from '../common/names.js';
import { partId } from '../../model/ids.js';
import type { RouteDestination, SecurityGroup, TargetKind, Vpc } from '../../model/topology.js';
import { elementOf, list, target, text, vpcOf, what, type BuildContext } from './build.js';
import { customerList } from './hubs.js';
import { aclEntry, addRule, securityGroupRule } from './rules.js';
import type { Resource } from './stacks.js';
import { ManagedPrefixList, ResourceRef, Unknown } from './values.js';

const ROUTE_TARGETS: ReadonlyArray<[string, TargetKind[]]> = [
    ['GatewayId', ['internet-gateway']],
    ['EgressOnlyInternetGatewayId', ['egress-only-internet-gateway']],
    ['NatGatewayId', ['nat-gateway']],
    ['VpcPeeringConnectionId', ['peering']],
    ['InstanceId', ['instance']],
    ['NetworkInterfaceId', ['instance']],
    ['TransitGatewayId', ['transit-gateway']]
];
const NO_TARGET_KIND: ReadonlyArray<[string, string]> = [
    ['VpcEndpointId', 'Gateway Load Balancer endpoints are not in the language'],
    ['CarrierGatewayId', 'the language has no carrier gateways'],
    ['LocalGatewayId', 'the language has no local gateways'],
    ['CoreNetworkArn', 'the language has no Cloud WAN']
];

export function applyAll(context: BuildContext): void {
    const usedEips = new Set<Resource>();
    const resources = context.stacks.resources;
    for (let i = 0; i < resources.length; i++) {
        const resource = resources[i]!;
        const active = context.stacks.active(resource);
        if (active !== true) continue;
        const props = context.stacks.props(resource);
        if (resource.type === 'AWS::EC2::NatGateway') {
            const eip = target(context, props.AllocationId);
            if (eip) usedEips.add(eip);
        }
        if (resource.type === 'AWS::EC2::EIPAssociation') {
            const eip = target(context, props.AllocationId ?? props.EIP);
            if (eip) usedEips.add(eip);
        }
    }
    const byId = index(context);
    for (let i = 0; i < resources.length; i++) {
        const resource = resources[i]!;
        if (context.stacks.active(resource) !== true) continue;
        apply(context, resource, usedEips, byId);
    }
}

/** Elements by id, made once: the modifiers look up thousands of them. */
function index(context: BuildContext): Map<string, { id: string }> {
    const t = context.draft.topology;
    return new Map<string, { id: string }>(
        [...t.vpcs, ...t.routeTables, ...t.subnets, ...t.instances, ...t.securityGroups, ...t.networkAcls].map(e => [e.id, e])
    );
}

function apply(context: BuildContext, resource: Resource, usedEips: Set<Resource>, byId: Map<string, { id: string }>): void {
    const { stacks, draft } = context;
    const props = stacks.props(resource);
    const t = draft.topology;
    const leftOut = (why: string, item = what(resource)) => draft.report.leftOut(resource.source, item, why);
    const find = <T extends { id: string }>(_items: T[], value: unknown, kinds: string[]): T | { why: string } => {
        const found = elementOf(context, value, kinds);
        if ('why' in found) return found;
        return (byId.get(found.id) as T | undefined) ?? { why: 'it was not imported' };
    };
    switch (resource.type) {
        case 'AWS::EC2::VPCCidrBlock': {
            const vpc = vpcOf(context, props.VpcId);
            if ('why' in vpc) return leftOut(vpc.why);
            if (typeof props.CidrBlock === 'string') vpc.cidrs.push({ value: props.CidrBlock });
            const vpcResource = target(context, props.VpcId)!;
            const amazon =
                props.AmazonProvidedIpv6CidrBlock === true || props.AmazonProvidedIpv6CidrBlock === 'true'
                    ? stacks.amazonIpv6(vpcResource)
                    : undefined;
            const ipv6 = amazon ?? (typeof props.Ipv6CidrBlock === 'string' ? props.Ipv6CidrBlock : undefined);
            if (amazon)
                draft.report.standIn(
                    resource.source,
                    `the Amazon-provided IPv6 block of ${vpcResource.logicalId}`,
                    typeof stacks.design(resource).DesignIpv6CidrBlock === 'string'
                        ? `AWS assigns a /56 at deployment; the design's ${amazon} (Metadata vpc-lab) stands for it`
                        : `AWS assigns a /56 at deployment; ${amazon} (documentation range) stands for it`
                );
            if (ipv6 && vpc.ipv6.length === 0) {
                vpc.ipv6.push({ value: ipv6 });
                draft.refreshDefaults(vpc);
            } else if (ipv6) leftOut('a VPC in the language has at most one IPv6 block');
            else if (typeof props.CidrBlock !== 'string')
                leftOut(
                    props.Ipv4IpamPoolId !== undefined || props.Ipv6IpamPoolId !== undefined
                        ? 'its block comes from an IPAM pool at deployment'
                        : 'it adds no block the import can know'
                );
            return;
        }
        case 'AWS::EC2::Route': {
            const table = find(t.routeTables, props.RouteTableId, ['route-table']);
            if ('why' in table) return leftOut(table.why);
            let destination: RouteDestination;
            if (typeof props.DestinationCidrBlock === 'string' || typeof props.DestinationIpv6CidrBlock === 'string') {
                destination = { kind: 'cidr', cidr: (props.DestinationCidrBlock ?? props.DestinationIpv6CidrBlock) as string };
            } else if (props.DestinationPrefixListId instanceof ManagedPrefixList) {
                destination = {
                    kind: 'prefix-list',
                    service: props.DestinationPrefixListId.service,
                    region: props.DestinationPrefixListId.region
                };
            } else if (customerList(context, props.DestinationPrefixListId, vpcOfTable(context, table.id))) {
                destination = customerList(context, props.DestinationPrefixListId, vpcOfTable(context, table.id))!;
            } else {
                const why =
                    props.DestinationPrefixListId !== undefined
                        ? 'a prefix list by id is not known before deployment'
                        : props.DestinationCidrBlock instanceof Unknown
                          ? props.DestinationCidrBlock.why
                          : 'it has no destination';
                return leftOut(why);
            }
            for (const [property, why] of NO_TARGET_KIND) if (props[property] !== undefined) return leftOut(why);
            for (const [property, kinds] of ROUTE_TARGETS) {
                if (props[property] === undefined) continue;
                const found = elementOf(context, props[property], kinds);
                if ('why' in found) {
                    const gateway = target(context, props[property]);
                    return leftOut(
                        gateway?.type === 'AWS::EC2::VPNGateway' ? 'to a virtual private gateway; the language has no VPN' : found.why
                    );
                }
                table.routes.push({
                    id: partId(table.id, table.routes.length),
                    destination,
                    target: { kind: found.declared.kind as TargetKind, id: found.id }
                });
                const cidr = destination.kind === 'cidr' ? destination.cidr : '';
                draft.note(table.id, () => `route ${cidr}: ${what(resource)} (${resource.source.file}:${resource.source.line ?? '?'})`);
                return;
            }
            return leftOut('it has no target');
        }
        case 'AWS::EC2::SubnetRouteTableAssociation':
        case 'AWS::EC2::SubnetNetworkAclAssociation': {
            const subnet = find(t.subnets, props.SubnetId, ['subnet']);
            if ('why' in subnet) return leftOut(subnet.why);
            if (resource.type === 'AWS::EC2::SubnetRouteTableAssociation') {
                const table = elementOf(context, props.RouteTableId, ['route-table']);
                if ('why' in table) return leftOut(table.why);
                subnet.routeTable = table.id;
                subnet.routeTableExplicit = true;
            } else {
                const acl = elementOf(context, props.NetworkAclId, ['network-acl']);
                if ('why' in acl) return leftOut(acl.why);
                subnet.networkAcl = acl.id;
            }
            return;
        }
        case 'AWS::EC2::VPCGatewayAttachment':
            if (props.VpnGatewayId !== undefined) leftOut('it attaches a virtual private gateway; the language has no VPN');
            return;
        case 'AWS::EC2::EIP':
        case 'AWS::EC2::EIPAssociation': {
            const eip = resource.type === 'AWS::EC2::EIP' ? resource : target(context, props.AllocationId ?? props.EIP);
            const holder = props.InstanceId ?? props.NetworkInterfaceId;
            if (holder === undefined) {
                if (resource.type === 'AWS::EC2::EIP' && !usedEips.has(resource))
                    leftOut('an Elastic IP associated with nothing in the templates');
                return;
            }
            const instance = find(t.instances, holder, ['instance']);
            if ('why' in instance) return leftOut(instance.why);
            if (!eip) return leftOut('its Elastic IP is not in the templates given');
            const ip = stacks.standIns.publicIp(`${eip.template.file}\u0000${eip.logicalId}`);
            instance.publicIp = { value: ip };
            draft.report.standIn(resource.source, `the Elastic IP of ${instance.name}`, `AWS allocates it; ${ip} stands for it`);
            return;
        }
        case 'AWS::EC2::SecurityGroupIngress':
        case 'AWS::EC2::SecurityGroupEgress': {
            if (props.GroupId === undefined)
                return leftOut(props.GroupName !== undefined ? 'a group by name exists only in a default VPC' : 'it names no group');
            const groupRef = props.GroupId;
            const vpcResource =
                groupRef instanceof ResourceRef && groupRef.attribute === 'DefaultSecurityGroup' ? target(context, groupRef) : undefined;
            const group = vpcResource
                ? (byId.get(context.vpcs.get(vpcResource)?.defaultSecurityGroup ?? '') as SecurityGroup | undefined)
                : find(t.securityGroups, groupRef, ['security-group']);
            if (!group || 'why' in group) return leftOut(group ? group.why : 'its VPC was not imported');
            const home = byId.get(group.vpc) as Vpc;
            const rule = securityGroupRule(
                context,
                props,
                resource.type === 'AWS::EC2::SecurityGroupIngress' ? 'ingress' : 'egress',
                home,
                resource,
                'the rule'
            );
            if (rule) addRule(group, rule);
            return;
        }
        case 'AWS::EC2::NetworkAclEntry': {
            const acl = find(t.networkAcls, props.NetworkAclId, ['network-acl']);
            if ('why' in acl) return leftOut(acl.why);
            aclEntry(context, acl, props, resource);
            return;
        }
        case 'AWS::EC2::NetworkInterfaceAttachment':
            return leftOut('an instance in the language has one network interface; the attached interface is an instance of its own');
        case 'AWS::S3::BucketPolicy':
            return bucketPolicy(context, resource);
    }
}

/**
 * A bucket policy that denies every request whose `aws:SourceVpce` is not one of some endpoints
 * (the S3 guide's "restricting access to a specific VPC endpoint") becomes `private-to` them.
 */
function bucketPolicy(context: BuildContext, resource: Resource): void {
    const { stacks, draft } = context;
    const props = stacks.props(resource);
    const bucketName = props.Bucket instanceof ResourceRef ? stacks.refText(props.Bucket) : text(props.Bucket, 'Bucket');
    const bucket = typeof bucketName === 'string' ? draft.topology.buckets.find(b => b.name === languageBucketName(bucketName)) : undefined;
    if (!bucket) {
        draft.report.leftOut(
            resource.source,
            what(resource),
            typeof bucketName === 'string' ? `bucket ${bucketName} is not in the templates given` : bucketName.why
        );
        return;
    }
    const document = props.PolicyDocument as { Statement?: unknown } | undefined;
    list(document?.Statement).forEach((raw, i) => {
        const s = raw as { Effect?: unknown; Condition?: Record<string, Record<string, unknown>> };
        const condition = s.Condition?.StringNotEquals ?? s.Condition?.StringNotEqualsIfExists;
        const endpoints = condition ? (condition['aws:SourceVpce'] ?? condition['aws:sourceVpce']) : undefined;
        if (s.Effect !== 'Deny' || endpoints === undefined) {
            draft.report.leftOut(
                resource.source,
                `statement ${i + 1} of ${what(resource)}`,
                'the language keeps a bucket policy\'s "deny unless through these gateway endpoints" (aws:SourceVpce) only'
            );
            return;
        }
        for (const endpoint of list(endpoints)) {
            const found = elementOf(context, endpoint, ['gateway-endpoint']);
            if ('id' in found) {
                if (!bucket.privateTo.includes(found.id)) bucket.privateTo.push(found.id);
            } else
                draft.report.leftOut(
                    resource.source,
                    `endpoint ${typeof endpoint === 'string' ? endpoint : ''} in statement ${i + 1} of ${what(resource)}`.replace(
                        '  ',
                        ' '
                    ),
                    found.why
                );
        }
    });
}

/** The VPC of a route table already built. */
function vpcOfTable(context: BuildContext, tableId: string) {
    const t = context.draft.topology;
    const vpcId = t.routeTables.find(r => r.id === tableId)?.vpc;
    return t.vpcs.find(v => v.id === vpcId)!;
}

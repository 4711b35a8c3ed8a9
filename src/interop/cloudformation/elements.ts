/** Passes one and two: every element named (its logical ID) and placed in its VPC, then built. */
import type { Instance, Subnet, Vpc } from '../../model/topology.js';
import { localTemplatePath, nestedFile, STACK_TYPE } from './nesting.js';
import { parseServiceName } from '../../simulator/services.js';
import { bucketName } from '../common/names.js';
import { policyFromDocument } from '../common/policy.js';
import {
    bool,
    ELEMENT_TYPES,
    elementOf,
    elements,
    list,
    makeElementId,
    MODIFIER_TYPES,
    target,
    text,
    vpcOf,
    what,
    type BuildContext
} from './build.js';
import { HUB_TYPES } from './hubs.js';
import { PATH_TYPE } from './paths.js';
import { inlineRules } from './rules.js';
import type { Resource } from './stacks.js';
import { Unknown } from './values.js';

const NOT_YET: Readonly<Record<string, string>> = {
    'AWS::CloudFormation::Stack':
        'a nested stack from a URL: its template is not read (save it beside this template and name it by a relative TemplateURL)',
    'AWS::EC2::VPNGateway': 'the language has no VPN'
};

/** The VPC a resource lives in, found through the property AWS's page names for it. */
function homeVpc(context: BuildContext, resource: Resource, kind: string): Vpc | { why: string } {
    const props = context.stacks.props(resource);
    const viaSubnet = (value: unknown): Vpc | { why: string } => {
        const subnet = target(context, value);
        if (!subnet) return { why: value instanceof Unknown ? value.why : 'its subnet is not in the templates given' };
        return vpcOf(context, context.stacks.props(subnet).VpcId);
    };
    switch (kind) {
        case 'internet-gateway': {
            const attachment = attachments(context).get(resource);
            return attachment
                ? vpcOf(context, context.stacks.props(attachment).VpcId)
                : { why: 'no VPCGatewayAttachment attaches it to a VPC' };
        }
        case 'nat-gateway':
        case 'instance': {
            const primary = context.stacks.primaryInterface(resource);
            return viaSubnet(props.SubnetId ?? primary?.SubnetId);
        }
        case 'flow-log': {
            const captured = target(context, props.ResourceId);
            if (!captured) return { why: 'it captures a resource not in the templates given' };
            if (captured.type === 'AWS::EC2::VPC') return vpcOf(context, props.ResourceId);
            if (captured.type === 'AWS::EC2::Subnet') return viaSubnet(props.ResourceId);
            if (captured.type === 'AWS::EC2::VPCEndpoint') return vpcOf(context, context.stacks.props(captured).VpcId);
            return homeVpc(context, captured, 'instance');
        }
        default:
            return vpcOf(context, props.VpcId);
    }
}

const attachmentCache = new WeakMap<BuildContext, Map<Resource, Resource>>();
/** Internet gateway → the VPCGatewayAttachment that attaches it, found once for all gateways. */
function attachments(context: BuildContext): Map<Resource, Resource> {
    let map = attachmentCache.get(context);
    if (!map) {
        map = new Map();
        for (const r of context.stacks.ofType('AWS::EC2::VPCGatewayAttachment')) {
            const gateway = target(context, context.stacks.props(r).InternetGatewayId);
            if (gateway) map.set(gateway, r);
        }
        attachmentCache.set(context, map);
    }
    return map;
}

function modelKind(context: BuildContext, resource: Resource, kind: string): string | { why: string } {
    if (kind !== 'endpoint') return kind;
    const type = context.stacks.props(resource).VpcEndpointType ?? 'Gateway';
    if (type === 'Gateway') return 'gateway-endpoint';
    if (type === 'Interface') return 'interface-endpoint';
    return { why: `${String(type)} endpoints are not in the language` };
}

export function declareAll(context: BuildContext): void {
    // VPCs first, so that every other element finds its VPC declared.
    for (const vpc of context.stacks.ofType('AWS::EC2::VPC')) declare(context, vpc);
    const resources = context.stacks.resources;
    for (let i = 0; i < resources.length; i++) if (resources[i]!.type !== 'AWS::EC2::VPC') declare(context, resources[i]!);
}

function declare(context: BuildContext, resource: Resource): void {
    const { stacks, draft } = context;
    const active = stacks.active(resource);
    if (active instanceof Unknown) {
        draft.report.leftOut(resource.source, what(resource), `its condition: ${active.why}`);
        return;
    }
    if (!active) return;
    // The export writes one flow log per interface of an endpoint: the first stands for the design's.
    if (resource.type === 'AWS::EC2::FlowLog' && typeof stacks.design(resource).DesignSameAs === 'string') return;
    const kind = ELEMENT_TYPES[resource.type];
    if (!kind) {
        // A nested stack whose template is given: its resources are read in their own right.
        if (resource.type === STACK_TYPE) {
            if (stacks.nestedTemplate(resource)) return;
            const local = localTemplatePath((resource.raw.Properties as Record<string, unknown> | undefined)?.TemplateURL);
            if (local !== undefined) {
                const file = nestedFile(resource.template.file, local);
                draft.report.leftOut(resource.source, what(resource), `its template ${file} is not found beside ${resource.template.file}`);
                return;
            }
        }
        if (!MODIFIER_TYPES.has(resource.type) && !HUB_TYPES.has(resource.type) && resource.type !== PATH_TYPE)
            draft.report.leftOut(resource.source, what(resource), NOT_YET[resource.type] ?? 'not a network resource vpc-lab models');
        return;
    }
    if (kind === 'vpc') {
        declareVpc(context, resource);
        return;
    }
    const model = modelKind(context, resource, kind);
    if (typeof model !== 'string') {
        draft.report.leftOut(resource.source, what(resource), model.why);
        return;
    }
    // An instance's primary interface declared apart is that instance (see `aliases`).
    const owner = resource.type === 'AWS::EC2::NetworkInterface' ? stacks.primaryOf(resource) : undefined;
    if (owner) {
        context.aliases.set(resource, owner);
        return;
    }
    let vpc: Vpc | undefined;
    if (model !== 'peering' && model !== 'bucket') {
        const home = homeVpc(context, resource, model);
        if ('why' in home) {
            draft.report.leftOut(resource.source, what(resource), home.why);
            return;
        }
        vpc = home;
    }
    const name = model === 'bucket' ? bucketName(stacks.bucketName(resource)) : draft.names.name(model, resource.logicalId, vpc?.name);
    context.declared.set(resource, { resource, kind: model, id: makeElementId(model, name, vpc), name, vpc });
}

function declareVpc(context: BuildContext, resource: Resource): void {
    const { stacks, draft } = context;
    const props = stacks.props(resource);
    const cidr = text(props.CidrBlock, 'CidrBlock');
    if (typeof cidr !== 'string') {
        draft.report.leftOut(
            resource.source,
            what(resource),
            props.Ipv4IpamPoolId !== undefined ? 'its block comes from an IPAM pool at deployment' : cidr.why
        );
        return;
    }
    const vpc = draft.addVpc(resource.logicalId, {
        account: context.account(resource),
        region: context.region(resource),
        cidrs: [cidr],
        // The AWS::EC2::VPC page: EnableDnsSupport defaults to true, EnableDnsHostnames to false.
        dnsSupport: bool(props.EnableDnsSupport, true),
        dnsHostnames: bool(props.EnableDnsHostnames, false)
    });
    context.vpcs.set(resource, vpc);
    context.declared.set(resource, { resource, kind: 'vpc', id: vpc.id, name: vpc.name });
    draft.origin(vpc.id, () => what(resource), resource.source);
}

export function buildAll(context: BuildContext): void {
    for (const declared of context.declared.values()) {
        const { resource, kind, id, name, vpc } = declared;
        if (kind === 'vpc') continue;
        const built = build(context, resource, kind, id, name, vpc);
        if (built === false) context.declared.delete(resource);
        else context.draft.origin(id, () => what(resource), resource.source);
    }
}

/** Builds one element; false when it could not be (said why). */
function build(context: BuildContext, resource: Resource, kind: string, id: string, name: string, vpc: Vpc | undefined): boolean {
    const { stacks, draft } = context;
    const props = stacks.props(resource);
    const leftOut = (why: string) => {
        draft.report.leftOut(resource.source, what(resource), why);
        return false;
    };
    const t = draft.topology;
    switch (kind) {
        case 'subnet': {
            const cidr = props.CidrBlock === undefined ? undefined : text(props.CidrBlock, 'CidrBlock');
            if (cidr !== undefined && typeof cidr !== 'string') return leftOut(cidr.why);
            let az = text(props.AvailabilityZone, 'AvailabilityZone');
            if (typeof az !== 'string') {
                az = `${vpc!.region}a`;
                draft.report.standIn(
                    resource.source,
                    `the availability zone of ${what(resource)}`,
                    `AWS chooses one at deployment; ${az} stands for it`
                );
            }
            const ipv6 = props.Ipv6CidrBlock === undefined ? undefined : text(props.Ipv6CidrBlock, 'Ipv6CidrBlock');
            if (ipv6 !== undefined && typeof ipv6 !== 'string')
                draft.report.leftOut(resource.source, `the IPv6 block of ${what(resource)}`, ipv6.why);
            const subnet: Subnet = {
                kind: 'subnet',
                id,
                name,
                vpc: vpc!.id,
                az,
                cidr: cidr ? { value: cidr } : undefined,
                ipv6: typeof ipv6 === 'string' ? { value: ipv6 } : undefined,
                routeTable: vpc!.mainRouteTable,
                routeTableExplicit: false,
                networkAcl: vpc!.defaultNetworkAcl
            };
            t.subnets.push(subnet);
            return true;
        }
        case 'route-table':
            t.routeTables.push({ kind: 'route-table', id, name, vpc: vpc!.id, main: false, routes: [] });
            return true;
        case 'internet-gateway':
        case 'egress-only-internet-gateway':
            t.gateways.push({ kind, id, name, vpc: vpc!.id });
            return true;
        case 'nat-gateway': {
            if (props.ConnectivityType === 'private')
                return leftOut("a private NAT gateway; the language's NAT gateway is public (with an Elastic IP)");
            const subnet = elementOf(context, props.SubnetId, ['subnet']);
            if ('why' in subnet) return leftOut(subnet.why);
            const eip = target(context, props.AllocationId);
            const publicIp = eip ? stacks.standIns.publicIp(`${eip.template.file}\u0000${eip.logicalId}`) : undefined;
            if (publicIp)
                draft.report.standIn(resource.source, `the Elastic IP of ${what(resource)}`, `AWS allocates it; ${publicIp} stands for it`);
            else
                draft.report.leftOut(
                    resource.source,
                    `the Elastic IP of ${what(resource)}`,
                    'its AllocationId names no AWS::EC2::EIP of the templates'
                );
            t.natGateways.push({
                kind: 'nat-gateway',
                id,
                name,
                vpc: vpc!.id,
                subnet: subnet.id,
                publicIp: publicIp ? { value: publicIp } : undefined,
                ip: typeof props.PrivateIpAddress === 'string' ? { value: props.PrivateIpAddress } : undefined
            });
            return true;
        }
        case 'security-group': {
            const group = { kind: 'security-group' as const, id, name, vpc: vpc!.id, rules: [] };
            t.securityGroups.push(group);
            inlineRules(context, group, props, vpc!, resource);
            return true;
        }
        case 'network-acl':
            t.networkAcls.push({ kind: 'network-acl', id, name, vpc: vpc!.id, rules: [] });
            return true;
        case 'instance':
            return buildInstance(context, resource, id, name, vpc!);
        case 'gateway-endpoint':
        case 'interface-endpoint': {
            const serviceName = text(props.ServiceName, 'ServiceName');
            if (typeof serviceName !== 'string') return leftOut(serviceName.why);
            // An endpoint service's name is resolved once endpoint services are built (hubs.ts).
            const privateLink = kind === 'interface-endpoint' && serviceName.startsWith('com.amazonaws.vpce.');
            const service = privateLink ? { service: serviceName, region: vpc!.region } : parseServiceName(serviceName);
            if (!service.region || (!privateLink && serviceName.startsWith('com.amazonaws.vpce.')))
                return leftOut('a gateway endpoint names AWS services only');
            const policy = policyFromDocument(props.PolicyDocument);
            if (policy.dropped.length > 0)
                draft.report.leftOut(
                    resource.source,
                    `${policy.dropped.join('; ')} in the policy of ${what(resource)}`,
                    "the language's endpoint policies name actions and resources only"
                );
            if (kind === 'gateway-endpoint') {
                t.gatewayEndpoints.push({
                    kind,
                    id,
                    name,
                    vpc: vpc!.id,
                    service: service.service,
                    region: service.region,
                    routeTables: elements(context, props.RouteTableIds, ['route-table'], resource, 'RouteTableIds').map(value => ({
                        value
                    })),
                    policy: policy.policy
                });
            } else {
                const groups = elements(context, props.SecurityGroupIds, ['security-group'], resource, 'SecurityGroupIds');
                t.interfaceEndpoints.push({
                    kind,
                    id,
                    name,
                    vpc: vpc!.id,
                    service: service.service,
                    region: service.region,
                    subnets: elements(context, props.SubnetIds, ['subnet'], resource, 'SubnetIds').map(value => ({ value })),
                    securityGroups: groups.length > 0 ? groups : [vpc!.defaultSecurityGroup],
                    securityGroupsExplicit: groups.length > 0,
                    // The AWS::EC2::VPCEndpoint page: PrivateDnsEnabled defaults to false (unlike the console).
                    privateDns: bool(props.PrivateDnsEnabled, false),
                    policy: policy.policy
                });
            }
            return true;
        }
        case 'peering': {
            const requester = vpcOf(context, props.VpcId);
            if ('why' in requester) return leftOut(requester.why);
            let accepter = vpcOf(context, props.PeerVpcId);
            if ('why' in accepter) {
                const peerId = text(props.PeerVpcId, 'PeerVpcId');
                if (typeof peerId !== 'string') return leftOut(peerId.why);
                accepter =
                    draft.topology.vpcs.find(v => v.name === peerId) ??
                    draft.addVpc(peerId, {
                        account: typeof props.PeerOwnerId === 'string' ? props.PeerOwnerId : requester.account,
                        region: typeof props.PeerRegion === 'string' ? props.PeerRegion : requester.region,
                        cidrs: []
                    });
                draft.origin(
                    accepter.id,
                    `${peerId}: outside the templates, a placeholder (a template does not say its blocks)`,
                    resource.source
                );
                draft.report.standIn(resource.source, `VPC ${peerId}`, 'outside the templates; a VPC without blocks stands for it');
            }
            t.peerings.push({ kind: 'peering', id, name, requester: requester.id, accepter: accepter.id, dnsResolution: false });
            return true;
        }
        case 'flow-log':
            return buildFlowLog(context, resource, id, name, vpc!);
        case 'bucket':
            t.buckets.push({ kind: 'bucket', id, name, region: context.region(resource), privateTo: [] });
            return true;
    }
    return leftOut('not a network resource vpc-lab models');
}

function buildInstance(context: BuildContext, resource: Resource, id: string, name: string, vpc: Vpc): boolean {
    const { stacks, draft } = context;
    const props = stacks.props(resource);
    const interfaces = list(props.NetworkInterfaces) as Array<Record<string, unknown>>;
    const primary = stacks.primaryInterface(resource);
    for (const extra of interfaces.filter(n => String(n.DeviceIndex) !== '0')) {
        draft.report.leftOut(
            resource.source,
            `network interface ${String(extra.DeviceIndex)} of ${what(resource)}`,
            'an instance in the language has one network interface'
        );
    }
    const subnet = elementOf(context, props.SubnetId ?? primary?.SubnetId, ['subnet']);
    if ('why' in subnet) {
        draft.report.leftOut(resource.source, what(resource), subnet.why);
        return false;
    }
    const subnetProps = stacks.props(subnet.declared.resource);
    const written = typeof props.PrivateIpAddress === 'string' || typeof primary?.PrivateIpAddress === 'string';
    const ip = stacks.instanceIp(resource);
    if (!written && ip)
        draft.report.standIn(
            resource.source,
            `the private address of ${what(resource)}`,
            `AWS assigns one from its subnet; ${ip} stands for it`
        );
    const groupsValue = resource.type === 'AWS::EC2::NetworkInterface' ? props.GroupSet : (props.SecurityGroupIds ?? primary?.GroupSet);
    const groups = elements(context, groupsValue, ['security-group'], resource, 'SecurityGroupIds');
    if (props.SecurityGroups !== undefined)
        draft.report.leftOut(resource.source, `SecurityGroups of ${what(resource)}`, 'groups by name exist only in a default VPC');
    const publicWanted =
        primary?.AssociatePublicIpAddress !== undefined
            ? bool(primary.AssociatePublicIpAddress, false)
            : bool(subnetProps.MapPublicIpOnLaunch, false);
    let publicIp: string | undefined;
    if (publicWanted && resource.type === 'AWS::EC2::Instance') {
        publicIp = stacks.standIns.publicIp(`${resource.template.file}\u0000${resource.logicalId}`);
        draft.report.standIn(
            resource.source,
            `the public address of ${what(resource)}`,
            `AWS assigns one at launch; ${publicIp} stands for it`
        );
    }
    const design = stacks.design(resource);
    let ipv6 = (list(props.Ipv6Addresses ?? primary?.Ipv6Addresses)[0] as { Ipv6Address?: unknown } | undefined)?.Ipv6Address;
    if (ipv6 === undefined && typeof design.DesignIpv6Address === 'string') {
        ipv6 = design.DesignIpv6Address;
        draft.report.standIn(
            resource.source,
            `the IPv6 address of ${what(resource)}`,
            `AWS assigns one from its subnet; the design's ${ipv6} (Metadata vpc-lab) stands for it`
        );
    }
    const instance: Instance = {
        kind: 'instance',
        id,
        name,
        vpc: vpc.id,
        subnet: subnet.id,
        ip: ip ? { value: ip } : undefined,
        ipv6: typeof ipv6 === 'string' ? { value: ipv6 } : undefined,
        publicIp: publicIp ? { value: publicIp } : undefined,
        securityGroups: groups.length > 0 ? groups : [vpc.defaultSecurityGroup]
    };
    draft.topology.instances.push(instance);
    if (resource.type === 'AWS::EC2::NetworkInterface') {
        draft.note(id, 'a network interface: an instance stands for it, so probes can use its address');
    }
    return true;
}

function buildFlowLog(context: BuildContext, resource: Resource, id: string, name: string, vpc: Vpc): boolean {
    const { stacks, draft } = context;
    const props = stacks.props(resource);
    const captured = target(context, props.ResourceId)!;
    const declared = context.declared.get(captured);
    const level = captured.type === 'AWS::EC2::VPC' ? 'vpc' : captured.type === 'AWS::EC2::Subnet' ? 'subnet' : 'eni';
    if (!declared) {
        draft.report.leftOut(resource.source, what(resource), `${captured.logicalId} was not imported`);
        return false;
    }
    const type = String(props.LogDestinationType ?? 'cloud-watch-logs');
    let destination: { kind: 's3' | 'cloudwatch'; target: string } | undefined;
    if (type === 's3' && typeof props.LogDestination === 'string') destination = { kind: 's3', target: props.LogDestination };
    else if (type === 'cloud-watch-logs') {
        const group =
            typeof props.LogGroupName === 'string'
                ? props.LogGroupName
                : typeof props.LogDestination === 'string'
                  ? props.LogDestination.replace(/^arn:[^:]+:logs:[^:]*:[^:]*:log-group:/, '').replace(/:\*$/, '')
                  : undefined;
        if (group) destination = { kind: 'cloudwatch', target: group };
    }
    if (!destination)
        draft.report.leftOut(
            resource.source,
            `the destination of ${what(resource)}`,
            type === 'kinesis-data-firehose'
                ? 'the language delivers flow logs to S3 or CloudWatch Logs'
                : 'its destination is not known before deployment'
        );
    const traffic = String(props.TrafficType ?? 'ALL').toUpperCase();
    draft.topology.flowLogs.push({
        kind: 'flow-log',
        id,
        name,
        vpc: vpc.id,
        capture: level === 'vpc' ? { level, target: vpc.id } : { level, target: declared.id },
        traffic: traffic === 'ACCEPT' ? 'accept' : traffic === 'REJECT' ? 'reject' : 'all',
        destination,
        aggregationSeconds: Number(props.MaxAggregationInterval) === 60 ? 60 : 600,
        format: typeof props.LogFormat === 'string' ? { value: props.LogFormat } : undefined
    });
    return true;
}

/** Instances, VPC endpoints and flow logs as CloudFormation. */
import { partId } from '../../../model/ids.js';
import type { FlowLog, GatewayEndpoint, Instance, InterfaceEndpoint, Policy, Vpc } from '../../../model/topology.js';
import type { ExportContext, Stack } from './context.js';
import { tags } from './context.js';
import { groupIdFrom } from './filters.js';
import { endpointServiceName } from './hubs.js';
import { getAtt, ref, select, sub, type Value } from './template.js';

/** Instances take the current Amazon Linux image through AWS's public SSM parameter. */
const AMI_PARAMETER = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';

function instanceParameters(stack: Stack): { ami: string; type: string } {
    const t = stack.template;
    const ami =
        [...t.parameters.keys()].find(k => k === 'LatestAmiId') ??
        t.parameter(['latest-ami-id'], {
            Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>',
            Default: AMI_PARAMETER,
            Description: "The image of every instance: AWS's public SSM parameter for the latest Amazon Linux 2023"
        });
    const type =
        [...t.parameters.keys()].find(k => k === 'InstanceType') ??
        t.parameter(['instance-type'], {
            Type: 'String',
            Default: 't3.micro',
            Description: 'The instance type of every instance (the design does not size them)'
        });
    return { ami, type };
}

/** Instances whose ENI a flow log captures get an explicit network interface, so the flow log can name it. */
export function exportInstance(context: ExportContext, instance: Instance, captured: boolean): void {
    const vpc = context.element<Vpc>(instance.vpc)!;
    const stack = context.stackOfVpc(vpc);
    const id = context.logicalId(instance.id)!.id;
    const { ami, type } = instanceParameters(stack);
    const subnet = instance.subnet ? context.refFrom(stack, instance.subnet) : undefined;
    if (!subnet) return context.leftOut(instance, 'its subnet does not resolve');
    const groups = instance.securityGroups.map(g => groupIdFrom(context, stack, g)).filter((g): g is Value => g !== undefined);
    const metadata: Record<string, Value> = {};
    const comment = [`instance ${vpc.name}.${instance.name}`];
    const eni: Record<string, Value> = { SubnetId: subnet, GroupSet: groups };
    if (instance.ip) eni.PrivateIpAddress = instance.ip.value;
    if (instance.ipv6) {
        eni.Ipv6AddressCount = 1;
        metadata.DesignIpv6Address = instance.ipv6.value;
        comment.push(`IPv6: the design's ${instance.ipv6.value} cannot be kept inside an Amazon-provided block; AWS assigns one`);
    }
    if (instance.publicIp) {
        metadata.DesignPublicIp = instance.publicIp.value;
        comment.push(`public address: the design's ${instance.publicIp.value} cannot be kept; AWS assigns one`);
    }
    const properties: Record<string, Value> = { ImageId: ref(ami), InstanceType: ref(type) };
    if (captured) {
        const eniId = stack.template.allocate(vpc.name, instance.name, 'eni');
        stack.template.add(eniId, { Type: 'AWS::EC2::NetworkInterface', Properties: { ...eni, Tags: tags(`${instance.name} primary`) } }, [
            `the primary network interface of ${instance.name}, declared apart so that its flow log can name it`
        ]);
        context.register(partId(instance.id, 'eni'), stack, eniId);
        properties.NetworkInterfaces = [{ NetworkInterfaceId: ref(eniId), DeviceIndex: '0' }];
        if (instance.publicIp) {
            const eip = stack.template.allocate(vpc.name, instance.name, 'eip');
            stack.template.add(eip, {
                Type: 'AWS::EC2::EIP',
                Properties: { Domain: 'vpc' },
                Metadata: { 'vpc-lab': { DesignPublicIp: instance.publicIp.value } }
            });
            stack.template.add(stack.template.allocate(vpc.name, instance.name, 'eip-association'), {
                Type: 'AWS::EC2::EIPAssociation',
                Properties: { AllocationId: getAtt(eip, 'AllocationId'), NetworkInterfaceId: ref(eniId) }
            });
        }
    } else {
        properties.NetworkInterfaces = [{ DeviceIndex: '0', ...eni, ...(instance.publicIp ? { AssociatePublicIpAddress: true } : {}) }];
    }
    properties.Tags = tags(instance.name);
    stack.template.add(
        id,
        {
            Type: 'AWS::EC2::Instance',
            Properties: properties,
            ...(Object.keys(metadata).length ? { Metadata: { 'vpc-lab': metadata } } : {})
        },
        comment
    );
}

function policyDocument(policy: Policy | undefined): Value | undefined {
    if (!policy) return undefined;
    return {
        Version: '2012-10-17',
        Statement: policy.statements.map(s => ({
            Effect: s.effect === 'allow' ? 'Allow' : 'Deny',
            Principal: '*',
            Action: s.actions,
            Resource: s.resources.length > 0 ? s.resources : '*'
        }))
    };
}

function serviceName(stack: Stack, service: string, region: string): Value {
    return region === stack.region ? sub(`com.amazonaws.\${AWS::Region}.${service}`) : `com.amazonaws.${region}.${service}`;
}

export function exportGatewayEndpoint(context: ExportContext, endpoint: GatewayEndpoint, routeTables: Value[]): void {
    const vpc = context.element<Vpc>(endpoint.vpc)!;
    const stack = context.stackOfVpc(vpc);
    const id = context.logicalId(endpoint.id)!.id;
    const tables = [
        ...endpoint.routeTables.map(t => context.refFrom(stack, t.value)).filter((v): v is Value => v !== undefined),
        ...routeTables
    ];
    const properties: Record<string, Value> = {
        VpcEndpointType: 'Gateway',
        VpcId: ref(context.logicalId(vpc.id)!.id),
        ServiceName: serviceName(stack, endpoint.service, endpoint.region),
        RouteTableIds: tables
    };
    const policy = policyDocument(endpoint.policy);
    if (policy) properties.PolicyDocument = policy;
    stack.template.add(id, { Type: 'AWS::EC2::VPCEndpoint', Properties: properties }, [
        `gateway-endpoint ${vpc.name}.${endpoint.name}: adds the ${endpoint.service} prefix-list route to its route tables`
    ]);
}

export function exportInterfaceEndpoint(context: ExportContext, endpoint: InterfaceEndpoint): void {
    const vpc = context.element<Vpc>(endpoint.vpc)!;
    const stack = context.stackOfVpc(vpc);
    const id = context.logicalId(endpoint.id)!.id;
    const properties: Record<string, Value> = {
        VpcEndpointType: 'Interface',
        VpcId: ref(context.logicalId(vpc.id)!.id),
        ServiceName: endpointServiceName(context, stack, endpoint) ?? serviceName(stack, endpoint.service, endpoint.region),
        SubnetIds: endpoint.subnets.map(s => context.refFrom(stack, s.value)).filter((v): v is Value => v !== undefined),
        PrivateDnsEnabled: endpoint.privateDns
    };
    if (endpoint.securityGroupsExplicit)
        properties.SecurityGroupIds = endpoint.securityGroups
            .map(g => groupIdFrom(context, stack, g))
            .filter((v): v is Value => v !== undefined);
    const policy = policyDocument(endpoint.policy);
    if (policy) properties.PolicyDocument = policy;
    stack.template.add(id, { Type: 'AWS::EC2::VPCEndpoint', Properties: properties }, [
        `interface-endpoint ${vpc.name}.${endpoint.name}: one network interface in each subnet`
    ]);
}

/** The `ResourceType` and ids a flow log captures (an interface endpoint's ENIs, one flow log each). */
function captured(context: ExportContext, stack: Stack, flowLog: FlowLog): { type: string; ids: Value[] } | string {
    const capture = flowLog.capture;
    if (capture.level === 'vpc') return { type: 'VPC', ids: [context.refFrom(stack, capture.target)!] };
    if (!capture.target) return 'what it captures does not resolve';
    if (capture.level === 'subnet') {
        const subnet = context.refFrom(stack, capture.target);
        return subnet ? { type: 'Subnet', ids: [subnet] } : 'its subnet was not exported';
    }
    const owner = context.element(capture.target);
    if (owner?.kind === 'instance') {
        const eni = context.refFrom(stack, partId(owner.id, 'eni'));
        return eni ? { type: 'NetworkInterface', ids: [eni] } : 'the instance was not exported';
    }
    if (owner?.kind === 'nat-gateway') return { type: 'NetworkInterface', ids: [context.refFrom(stack, owner.id, 'EniId')!] };
    if (owner?.kind === 'interface-endpoint') {
        const list = context.refFrom(stack, owner.id, 'NetworkInterfaceIds')!;
        return { type: 'NetworkInterface', ids: owner.subnets.map((_, i) => select(i, list)) };
    }
    return 'it captures an element that has no network interface';
}

export function exportFlowLog(context: ExportContext, flowLog: FlowLog): void {
    const vpc = context.element<Vpc>(flowLog.vpc)!;
    const stack = context.stackOfVpc(vpc);
    if (!flowLog.destination) return context.leftOut(flowLog, 'it has no destination');
    const target = captured(context, stack, flowLog);
    if (typeof target === 'string') return context.leftOut(flowLog, target);
    const base: Record<string, Value> = {
        ResourceType: target.type,
        TrafficType: flowLog.traffic.toUpperCase(),
        MaxAggregationInterval: flowLog.aggregationSeconds
    };
    if (flowLog.destination.kind === 's3') {
        Object.assign(base, { LogDestinationType: 's3', LogDestination: flowLog.destination.target });
    } else {
        const role =
            [...stack.template.parameters.keys()].find(k => k === 'FlowLogsRoleArn') ??
            stack.template.parameter(['flow-logs-role-arn'], {
                Type: 'String',
                Description: 'An IAM role that lets VPC Flow Logs publish to CloudWatch Logs (logs:CreateLogStream, logs:PutLogEvents…)'
            });
        Object.assign(base, {
            LogDestinationType: 'cloud-watch-logs',
            LogGroupName: flowLog.destination.target,
            DeliverLogsPermissionArn: ref(role)
        });
    }
    if (flowLog.format) base.LogFormat = flowLog.format.value;
    let first: string | undefined;
    target.ids.forEach((resourceId, i) => {
        const id =
            i === 0
                ? context.name(flowLog.id, stack, vpc.name, flowLog.name, 'flow-log')
                : stack.template.allocate(vpc.name, flowLog.name, 'flow-log', String(i + 1));
        first ??= id;
        stack.template.add(
            id,
            {
                Type: 'AWS::EC2::FlowLog',
                Properties: { ResourceId: resourceId, ...base, Tags: tags(flowLog.name) },
                // The design's one flow log over an endpoint's interfaces is one AWS flow log per interface.
                ...(i > 0 ? { Metadata: { 'vpc-lab': { DesignSameAs: first } } } : {})
            },
            i === 0 ? [`flow-log ${vpc.name}.${flowLog.name}`] : undefined
        );
    });
}

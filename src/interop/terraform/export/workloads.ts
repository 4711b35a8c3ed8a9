/** Instances, VPC endpoints and flow logs as Terraform. */
import type { FlowLog, GatewayEndpoint, Instance, InterfaceEndpoint, Policy, Vpc } from '../../../model/topology.js';
import { tags, type ExportContext, type Folder } from './context.js';
import { endpointServiceName } from './hubs.js';
import { groupIdFrom } from './filters.js';
import { call, expr, type HclValue } from './hcl.js';

/** Instances take the current Amazon Linux image through AWS's public SSM parameter. */
const AMI_PARAMETER = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';

function instanceInputs(context: ExportContext, folder: Folder): { ami: HclValue; type: HclValue } {
    const ssm = context.dataSource(folder, 'aws_ssm_parameter', 'al2023', { name: AMI_PARAMETER });
    context.variable(folder, 'ami_id', {
        type: expr('string'),
        default: null,
        description: "The image of every instance; by default AWS's public SSM parameter for the latest Amazon Linux 2023"
    });
    const type = context.variable(folder, 'instance_type', {
        type: expr('string'),
        default: 't3.micro',
        description: 'The instance type of every instance (the design does not size them)'
    });
    return { ami: expr(`coalesce(var.ami_id, ${ssm}.insecure_value)`), type };
}

export function exportInstance(context: ExportContext, instance: Instance): void {
    const vpc = context.element<Vpc>(instance.vpc)!;
    const folder = context.folderOfVpc(vpc);
    const subnet = instance.subnet ? context.refFrom(folder, instance.subnet) : undefined;
    if (!subnet) return context.leftOut(instance, 'its subnet does not resolve');
    const { ami, type } = instanceInputs(context, folder);
    const name = context.allocate(folder, 'aws_instance', instance.name, `${vpc.name}-${instance.name}`);
    const comment = [`instance ${vpc.name}.${instance.name}`];
    const design: Record<string, string> = {};
    if (instance.ipv6) {
        design['vpc-lab:ipv6'] = instance.ipv6.value;
        comment.push(
            `IPv6: the design's ${instance.ipv6.value} cannot be kept inside an Amazon-provided block; AWS assigns one (kept in the vpc-lab:ipv6 tag)`
        );
    }
    if (instance.publicIp) {
        design['vpc-lab:public-ip'] = instance.publicIp.value;
        comment.push(
            `public address: the design's ${instance.publicIp.value} cannot be kept; AWS assigns one (kept in the vpc-lab:public-ip tag)`
        );
    }
    context.resource(
        folder,
        instance.id,
        'aws_instance',
        name,
        {
            ami,
            instance_type: type,
            subnet_id: subnet,
            private_ip: instance.ip?.value,
            vpc_security_group_ids: instance.securityGroups
                .map(g => groupIdFrom(context, folder, g))
                .filter((v): v is HclValue => v !== undefined),
            associate_public_ip_address: instance.publicIp ? true : undefined,
            ipv6_address_count: instance.ipv6 ? 1 : undefined,
            tags: tags(instance.name, design)
        },
        [],
        comment
    );
}

function policyDocument(policy: Policy | undefined): HclValue | undefined {
    if (!policy) return undefined;
    return call('jsonencode', {
        Version: '2012-10-17',
        Statement: policy.statements.map(s => ({
            Effect: s.effect === 'allow' ? 'Allow' : 'Deny',
            Principal: '*',
            Action: s.actions,
            Resource: s.resources.length > 0 ? s.resources : '*'
        }))
    });
}

export function exportGatewayEndpoint(context: ExportContext, endpoint: GatewayEndpoint, routeTables: HclValue[]): void {
    const vpc = context.element<Vpc>(endpoint.vpc)!;
    const folder = context.folderOfVpc(vpc);
    const name = context.allocate(folder, 'aws_vpc_endpoint', endpoint.name, `${vpc.name}-${endpoint.name}`);
    const tables = [
        ...endpoint.routeTables.map(t => context.refFrom(folder, t.value)).filter((v): v is HclValue => v !== undefined),
        ...routeTables
    ];
    context.resource(
        folder,
        endpoint.id,
        'aws_vpc_endpoint',
        name,
        {
            vpc_id: context.refFrom(folder, vpc.id),
            service_name: `com.amazonaws.${endpoint.region}.${endpoint.service}`,
            vpc_endpoint_type: 'Gateway',
            route_table_ids: tables,
            policy: policyDocument(endpoint.policy),
            tags: tags(endpoint.name)
        },
        [],
        [`gateway-endpoint ${vpc.name}.${endpoint.name}: adds the ${endpoint.service} prefix-list route to its route tables`]
    );
}

export function nameInterfaceEndpoint(context: ExportContext, endpoint: InterfaceEndpoint): void {
    const vpc = context.element<Vpc>(endpoint.vpc)!;
    const folder = context.folderOfVpc(vpc);
    const name = context.allocate(folder, 'aws_vpc_endpoint', endpoint.name, `${vpc.name}-${endpoint.name}`);
    context.resource(
        folder,
        endpoint.id,
        'aws_vpc_endpoint',
        name,
        {
            vpc_id: context.refFrom(folder, vpc.id),
            service_name: endpointServiceName(context, folder, endpoint) ?? `com.amazonaws.${endpoint.region}.${endpoint.service}`,
            vpc_endpoint_type: 'Interface',
            subnet_ids: endpoint.subnets.map(s => context.refFrom(folder, s.value)).filter((v): v is HclValue => v !== undefined),
            security_group_ids: endpoint.securityGroupsExplicit
                ? endpoint.securityGroups.map(g => groupIdFrom(context, folder, g)).filter((v): v is HclValue => v !== undefined)
                : undefined,
            private_dns_enabled: endpoint.privateDns,
            policy: policyDocument(endpoint.policy),
            tags: tags(endpoint.name)
        },
        [],
        [`interface-endpoint ${vpc.name}.${endpoint.name}: one network interface in each subnet`]
    );
}

/** The attribute naming what a flow log captures, one flow log per network interface. */
function captured(context: ExportContext, folder: Folder, flowLog: FlowLog): Array<Record<string, HclValue>> | string {
    const capture = flowLog.capture;
    if (capture.level === 'vpc') return [{ vpc_id: context.refFrom(folder, capture.target)! }];
    if (!capture.target) return 'what it captures does not resolve';
    if (capture.level === 'subnet') {
        const subnet = context.refFrom(folder, capture.target);
        return subnet ? [{ subnet_id: subnet }] : 'its subnet was not exported';
    }
    const owner = context.element(capture.target);
    if (owner?.kind === 'instance') {
        const eni = context.refFrom(folder, owner.id, 'primary_network_interface_id');
        return eni ? [{ eni_id: eni }] : 'the instance was not exported';
    }
    if (owner?.kind === 'nat-gateway') {
        const eni = context.refFrom(folder, owner.id, 'network_interface_id');
        return eni ? [{ eni_id: eni }] : 'the NAT gateway was not exported';
    }
    if (owner?.kind === 'interface-endpoint') {
        const list = context.refFrom(folder, owner.id, 'network_interface_ids') as { expr: string } | undefined;
        if (!list) return 'the endpoint was not exported';
        return owner.subnets.map((_, i) => ({ eni_id: expr(`tolist(${list.expr})[${i}]`) }));
    }
    return 'it captures an element that has no network interface';
}

export function exportFlowLog(context: ExportContext, flowLog: FlowLog): void {
    const vpc = context.element<Vpc>(flowLog.vpc)!;
    const folder = context.folderOfVpc(vpc);
    if (!flowLog.destination) return context.leftOut(flowLog, 'it has no destination');
    const targets = captured(context, folder, flowLog);
    if (typeof targets === 'string') return context.leftOut(flowLog, targets);
    const base: Record<string, HclValue | undefined> = {
        traffic_type: flowLog.traffic.toUpperCase(),
        max_aggregation_interval: flowLog.aggregationSeconds
    };
    if (flowLog.destination.kind === 's3') Object.assign(base, { log_destination_type: 's3', log_destination: flowLog.destination.target });
    else {
        const role = context.variable(folder, 'flow_logs_role_arn', {
            type: expr('string'),
            description: 'An IAM role that lets VPC Flow Logs publish to CloudWatch Logs (logs:CreateLogStream, logs:PutLogEvents…)'
        });
        Object.assign(base, {
            log_destination_type: 'cloud-watch-logs',
            log_destination: `arn:aws:logs:${folder.region}:${folder.account}:log-group:${flowLog.destination.target}`,
            iam_role_arn: role
        });
    }
    base.log_format = flowLog.format?.value;
    targets.forEach((target, i) => {
        const name = context.allocate(
            folder,
            'aws_flow_log',
            i === 0 ? flowLog.name : `${flowLog.name}-${i + 1}`,
            `${vpc.name}-${flowLog.name}${i === 0 ? '' : `-${i + 1}`}`
        );
        context.resource(
            folder,
            i === 0 ? flowLog.id : undefined,
            'aws_flow_log',
            name,
            { ...target, ...base, tags: tags(flowLog.name) },
            [],
            i === 0 ? [`flow-log ${vpc.name}.${flowLog.name}`] : undefined
        );
    });
}

/**
 * The design as CloudFormation: one template per account and region (a stack is bound to one of
 * each), every element mapped or listed as not exported with why. Elements are named in a first
 * pass, so that any element can refer to any other whatever the order of the source.
 */
import type { Topology } from '../../../model/topology.js';
import { ExportContext, type NotExported } from './context.js';
import { exportNetworkAcl, exportSecurityGroup } from './filters.js';
import { exportEndpointServices, exportLoadBalancer, exportPrefixLists, exportTransit, nameHubs } from './hubs.js';
import { exportGateways, exportRouting, exportSubnet, exportVpc, type VpcBlocks } from './network.js';
import { wholeTemplate, type Value } from './template.js';
import { exportBucket, exportPeering, exportProbe, namePeering } from './workspace.js';
import { exportFlowLog, exportGatewayEndpoint, exportInstance, exportInterfaceEndpoint } from './workloads.js';
import { fitDescription, nestStack } from './nested.js';
import { nestedOperationProblems, QUOTAS, quotaProblems } from './quotas.js';
import { jsonYaml } from './yaml.js';

export type { NotExported };

export interface ExportedTemplate {
    /** `ACCOUNT-REGION.yaml`, the account by its name in the design where it has one. */
    name: string;
    account: string;
    region: string;
    text: string;
    /** The template as data (what the text says), for tests and tools. */
    json: Record<string, Value>;
    /** For a nested stack's template (`ACCOUNT-REGION/part-01.yaml`): its parent's file. */
    nestedIn?: string;
}

export interface CloudFormationExport {
    templates: ExportedTemplate[];
    notExported: NotExported[];
    /** Templates over one of CloudFormation's quotas even when nested (a stack's own parameters or outputs, which nesting cannot move). */
    overQuota: Array<{ file: string; problems: string[] }>;
    /** Element id → its logical id and template: the name `vpc-lab import cloudformation` gives it back. */
    logicalIds: Map<string, { stack: string; id: string }>;
}

export interface CloudFormationExportOptions {
    /** Resources in one template before the stack is nested: CloudFormation's quota unless lower (tests nest small designs). */
    maxResources?: number;
}

export function exportCloudFormation(topology: Topology, options: CloudFormationExportOptions = {}): CloudFormationExport {
    const maxResources = Math.min(options.maxResources ?? QUOTAS.resources, QUOTAS.resources);
    const context = new ExportContext(topology);
    const blocks = new Map<string, VpcBlocks>();
    for (const vpc of topology.vpcs) blocks.set(vpc.id, exportVpc(context, vpc));
    for (const subnet of topology.subnets) {
        const vpcBlocks = blocks.get(subnet.vpc);
        if (vpcBlocks) exportSubnet(context, subnet, vpcBlocks);
    }
    const attachments = new Map<string, string>();
    for (const vpc of topology.vpcs) for (const [k, v] of exportGateways(context, vpc)) attachments.set(k, v);
    // Names first: groups, instances, endpoints and peerings refer to each other in any order.
    for (const group of topology.securityGroups) {
        const vpc = context.vpcOf(group.id);
        if (vpc && !group.implicit) context.name(group.id, context.stackOfVpc(vpc), vpc.name, group.name, 'sg');
    }
    for (const instance of topology.instances) {
        const vpc = context.vpcOf(instance.id);
        if (vpc) context.name(instance.id, context.stackOfVpc(vpc), vpc.name, instance.name);
    }
    for (const endpoint of [...topology.gatewayEndpoints, ...topology.interfaceEndpoints]) {
        const vpc = context.vpcOf(endpoint.id);
        if (vpc) context.name(endpoint.id, context.stackOfVpc(vpc), vpc.name, endpoint.name, 'endpoint');
    }
    for (const peering of topology.peerings) namePeering(context, peering);
    nameHubs(context);

    for (const group of topology.securityGroups) if (!group.implicit && context.logicalId(group.id)) exportSecurityGroup(context, group);
    for (const acl of topology.networkAcls) if (!acl.implicit) exportNetworkAcl(context, acl);
    const capturedEnis = new Set(topology.flowLogs.flatMap(f => (f.capture.level === 'eni' && f.capture.target ? [f.capture.target] : [])));
    for (const instance of topology.instances)
        if (context.logicalId(instance.id)) exportInstance(context, instance, capturedEnis.has(instance.id));
    exportTransit(context);
    for (const lb of topology.loadBalancers) exportLoadBalancer(context, lb);
    exportEndpointServices(context);
    exportPrefixLists(context);
    for (const endpoint of topology.interfaceEndpoints) if (context.logicalId(endpoint.id)) exportInterfaceEndpoint(context, endpoint);
    for (const peering of topology.peerings) exportPeering(context, peering);
    const endpointTables = new Map<string, Value[]>();
    for (const vpc of topology.vpcs) exportRouting(context, vpc, attachments, endpointTables);
    for (const endpoint of topology.gatewayEndpoints)
        if (context.logicalId(endpoint.id)) exportGatewayEndpoint(context, endpoint, endpointTables.get(endpoint.id) ?? []);
    for (const flowLog of topology.flowLogs) exportFlowLog(context, flowLog);
    for (const bucket of topology.buckets) exportBucket(context, bucket);
    for (const probe of topology.probes) exportProbe(context, probe);

    const written = context.stacks.flatMap((stack): Array<ExportedTemplate & { problems: string[] }> => {
        const unit = { account: stack.account, region: stack.region };
        // Too many resources is known without writing the text (tens of megabytes for the largest designs).
        const many = stack.template.resources.size > maxResources;
        const parts = stack.template.toParts();
        const json = many ? undefined : wholeTemplate(parts);
        let text = json ? jsonYaml(json, stack.template.comments) : '';
        let problems = json ? quotaProblems(json, text) : [];
        if (!json || problems.some(p => !p.includes('Description'))) {
            return nestStack(stack.file.replace(/\.yaml$/, ''), parts.json, parts, stack.template.comments, [], maxResources).map(f => ({
                name: f.path,
                ...unit,
                json: f.json,
                text: f.text,
                ...(f.nestedIn ? { nestedIn: f.nestedIn } : {}),
                problems: f.problems
            }));
        }
        const description = String(json.Description);
        if (Buffer.byteLength(description) > QUOTAS.descriptionBytes) {
            // The Description has a quota of its own: the whole text goes in comments at the head of the file.
            json.Description = fitDescription(`${description.split('\n')[0]} More in the comments at the head of this file.`);
            text = jsonYaml(json, stack.template.comments, description.split('\n'));
            problems = quotaProblems(json, text);
        }
        return [{ name: stack.file, ...unit, json, text, problems }];
    });
    const templates = written.map(({ problems: _, ...t }) => t);
    const overQuota = [
        ...written.flatMap(t => (t.problems.length > 0 ? [{ file: t.name, problems: t.problems }] : [])),
        ...nestedOperationProblems(templates)
    ];
    return { templates, notExported: context.notExported, overQuota, logicalIds: context.logicalIds() };
}

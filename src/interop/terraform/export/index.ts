/**
 * The design as Terraform: one root module per account and region (a folder with its own
 * `provider "aws"` block), every element mapped or listed as not exported with why, laid out by
 * HashiCorp's own formatter (`terraform fmt`, compiled for Node).
 */
import type { Topology } from '../../../model/topology.js';
import { ExportContext, type Folder, type NotExported } from './context.js';
import { exportNetworkAcl, exportSecurityGroup } from './filters.js';
import { block, expr, hclText, type Block, type HclValue } from './hcl.js';
import { exportAccepters, exportEndpointServices, exportLoadBalancer, exportPrefixLists, exportTransit } from './hubs.js';
import { exportGateways, exportRouting, exportSubnet, exportVpc } from './network.js';
import { exportFlowLog, exportGatewayEndpoint, exportInstance, nameInterfaceEndpoint } from './workloads.js';
import { exportBucket, exportPeering, exportProbe } from './workspace.js';

export type { NotExported };
export type { Block } from './hcl.js';

/** The AWS provider the exported configurations are checked against (src/interop/terraform/provider-schema.json). */
export const PROVIDER_VERSION = '6.45.0';

export interface ExportedFile {
    /** `FOLDER/FILE.tf`, the folder named `ACCOUNT-REGION`. */
    path: string;
    text: string;
    /** The file's blocks as data, for tests and tools. */
    blocks: Block[];
}

function versions(folder: Folder): Block[] {
    const required = block('required_providers', [], { aws: { source: 'hashicorp/aws', version: PROVIDER_VERSION } });
    return [
        block('terraform', [], { required_version: '>= 1.5.0' }, [required]),
        block('provider', ['aws'], { region: folder.region, allowed_account_ids: [folder.account] })
    ];
}

export function exportTerraformBlocks(topology: Topology): {
    folders: Array<{ folder: Folder; files: Array<{ name: string; blocks: Block[] }> }>;
    notExported: NotExported[];
    resourceNames: Map<string, { folder: string; id: string }>;
} {
    const context = new ExportContext(topology);
    for (const vpc of topology.vpcs) exportVpc(context, vpc);
    for (const subnet of topology.subnets) if (context.has(subnet.vpc)) exportSubnet(context, subnet);
    for (const vpc of topology.vpcs) exportGateways(context, vpc);
    exportPrefixLists(context);
    const rules = topology.securityGroups.filter(g => !g.implicit && context.has(g.vpc)).map(g => exportSecurityGroup(context, g));
    for (const write of rules) write();
    for (const acl of topology.networkAcls) if (!acl.implicit && context.has(acl.vpc)) exportNetworkAcl(context, acl);
    for (const instance of topology.instances) if (context.has(instance.vpc)) exportInstance(context, instance);
    exportTransit(context);
    for (const lb of topology.loadBalancers) if (context.has(lb.vpc)) exportLoadBalancer(context, lb);
    exportEndpointServices(context);
    for (const endpoint of topology.interfaceEndpoints) if (context.has(endpoint.vpc)) nameInterfaceEndpoint(context, endpoint);
    exportAccepters(context);
    for (const peering of topology.peerings) exportPeering(context, peering);
    const endpointTables = new Map<string, HclValue[]>();
    for (const vpc of topology.vpcs) exportRouting(context, vpc, endpointTables);
    for (const endpoint of topology.gatewayEndpoints)
        if (context.has(endpoint.vpc)) exportGatewayEndpoint(context, endpoint, endpointTables.get(endpoint.id) ?? []);
    for (const flowLog of topology.flowLogs) if (context.has(flowLog.vpc)) exportFlowLog(context, flowLog);
    for (const bucket of topology.buckets) exportBucket(context, bucket);
    for (const probe of topology.probes) exportProbe(context, probe);
    const folders = context.folders.map(folder => ({
        folder,
        files: [
            { name: 'versions.tf', blocks: versions(folder) },
            { name: 'variables.tf', blocks: [...folder.variables.values()] },
            { name: 'main.tf', blocks: [...folder.data.values(), ...folder.resources] },
            { name: 'outputs.tf', blocks: [...folder.outputs.values()] }
        ].filter(f => f.blocks.length > 0)
    }));
    return { folders, notExported: context.notExported, resourceNames: context.resourceNames() };
}

/** The files, formatted; `header` (the not-exported list) goes at the top of each main.tf. */
export async function exportTerraform(
    topology: Topology,
    header: (notExported: NotExported[]) => string[] = () => []
): Promise<{ files: ExportedFile[]; notExported: NotExported[]; resourceNames: Map<string, { folder: string; id: string }> }> {
    const { folders, notExported, resourceNames } = exportTerraformBlocks(topology);
    const files: ExportedFile[] = [];
    for (const { folder, files: parts } of folders) {
        for (const part of parts) {
            const head =
                part.name === 'main.tf'
                    ? [
                          `VPC design for account ${folder.name.replace(`-${folder.region}`, '')} (${folder.account}) in ${folder.region}.`,
                          ...header(notExported)
                      ]
                    : [];
            files.push({ path: `${folder.name}/${part.name}`, text: await formatHcl(hclText(part.blocks, head)), blocks: part.blocks });
        }
    }
    return { files, notExported, resourceNames };
}

export { expr };

/** HashiCorp's formatter (WebAssembly), loaded on first use so that no other command pays for it. */
async function formatHcl(text: string): Promise<string> {
    const { format } = await import('@cdktn/hcl-tools');
    return format(text);
}

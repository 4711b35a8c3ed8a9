/**
 * The design as Terraform: one root module per account and region (a folder with its own
 * `provider "aws"` block), laid out as a large root module is written by hand: `versions.tf`
 * (the provider, and on top the design's account and what was not exported), `variables.tf`,
 * `data.tf`, `outputs.tf`, one file for each kind of thing VPCs share (`prefix-lists.tf`,
 * `transit-gateways.tf`, `endpoint-services.tf`, `peerings.tf`, `buckets.tf`, `probes.tf`) and
 * one file per VPC (`vpc-NAME.tf`: the VPC and all that lives in it, its transit-gateway
 * attachments included). Every element is mapped or listed as not exported with why; the text is
 * laid out by HashiCorp's own formatter (`terraform fmt`, compiled for Node).
 */
import type { Topology } from '../../../model/topology.js';
import { ExportContext, type Folder, type NotExported } from './context.js';
import { exportNetworkAcl, exportSecurityGroup } from './filters.js';
import { formatFiles } from './format.js';
import { block, expr, type Block, type HclValue } from './hcl.js';
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

/** The files of a root module besides the VPCs' own, in the order they are listed. */
const SHARED = ['prefix-lists.tf', 'transit-gateways.tf', 'endpoint-services.tf', 'peerings.tf', 'buckets.tf', 'probes.tf', 'main.tf'];

export function exportTerraformBlocks(topology: Topology): {
    folders: Array<{ folder: Folder; files: Array<{ name: string; blocks: Block[] }> }>;
    notExported: NotExported[];
    resourceNames: Map<string, { folder: string; id: string }>;
} {
    const context = new ExportContext(topology);
    const inVpc = (vpc: string, write: () => void) => context.within({ vpc }, write);
    const inFile = (file: string, write: () => void) => context.within({ file }, write);
    for (const vpc of topology.vpcs) inVpc(vpc.id, () => exportVpc(context, vpc));
    for (const subnet of topology.subnets) if (context.has(subnet.vpc)) inVpc(subnet.vpc, () => exportSubnet(context, subnet));
    for (const vpc of topology.vpcs) inVpc(vpc.id, () => exportGateways(context, vpc));
    inFile('prefix-lists.tf', () => exportPrefixLists(context));
    const groups = topology.securityGroups.filter(g => !g.implicit && context.has(g.vpc));
    // Every group exists before any rule names one.
    const rules = groups.map(g => context.within({ vpc: g.vpc }, () => exportSecurityGroup(context, g)));
    groups.forEach((g, i) => inVpc(g.vpc, rules[i]!));
    for (const acl of topology.networkAcls) if (!acl.implicit && context.has(acl.vpc)) inVpc(acl.vpc, () => exportNetworkAcl(context, acl));
    for (const instance of topology.instances) if (context.has(instance.vpc)) inVpc(instance.vpc, () => exportInstance(context, instance));
    inFile('transit-gateways.tf', () => exportTransit(context));
    for (const lb of topology.loadBalancers) if (context.has(lb.vpc)) inVpc(lb.vpc, () => exportLoadBalancer(context, lb));
    inFile('endpoint-services.tf', () => exportEndpointServices(context));
    for (const endpoint of topology.interfaceEndpoints)
        if (context.has(endpoint.vpc)) inVpc(endpoint.vpc, () => nameInterfaceEndpoint(context, endpoint));
    inFile('endpoint-services.tf', () => exportAccepters(context));
    inFile('peerings.tf', () => {
        for (const peering of topology.peerings) exportPeering(context, peering);
    });
    const endpointTables = new Map<string, HclValue[]>();
    for (const vpc of topology.vpcs) inVpc(vpc.id, () => exportRouting(context, vpc, endpointTables));
    for (const endpoint of topology.gatewayEndpoints)
        if (context.has(endpoint.vpc))
            inVpc(endpoint.vpc, () => exportGatewayEndpoint(context, endpoint, endpointTables.get(endpoint.id) ?? []));
    for (const flowLog of topology.flowLogs) if (context.has(flowLog.vpc)) inVpc(flowLog.vpc, () => exportFlowLog(context, flowLog));
    inFile('buckets.tf', () => {
        for (const bucket of topology.buckets) exportBucket(context, bucket);
    });
    inFile('probes.tf', () => {
        for (const probe of topology.probes) exportProbe(context, probe);
    });
    const folders = context.folders.map(folder => ({
        folder,
        files: [
            { name: 'versions.tf', blocks: versions(folder) },
            { name: 'variables.tf', blocks: [...folder.variables.values()] },
            { name: 'data.tf', blocks: [...folder.data.values()] },
            ...SHARED.map(name => ({ name, blocks: folder.files.get(name) ?? [] })),
            ...[...folder.vpcFiles.values()].map(name => ({ name, blocks: folder.files.get(name) ?? [] })),
            { name: 'outputs.tf', blocks: [...folder.outputs.values()] }
        ].filter(f => f.blocks.length > 0)
    }));
    return { folders, notExported: context.notExported, resourceNames: context.resourceNames() };
}

/** The files, formatted; `header` (the not-exported list) goes at the top of each versions.tf. */
export async function exportTerraform(
    topology: Topology,
    header: (notExported: NotExported[]) => string[] = () => []
): Promise<{ files: ExportedFile[]; notExported: NotExported[]; resourceNames: Map<string, { folder: string; id: string }> }> {
    const exported = exportTerraformBlocks(topology);
    return { ...exported, files: await formatTerraform(exported, header) };
}

/** The second half of `exportTerraform`: the blocks as text, laid out by HashiCorp's formatter. */
export async function formatTerraform(
    { folders, notExported }: Pick<ReturnType<typeof exportTerraformBlocks>, 'folders' | 'notExported'>,
    header: (notExported: NotExported[]) => string[] = () => []
): Promise<ExportedFile[]> {
    const files = folders.flatMap(({ folder, files: parts }) =>
        parts.map(part => ({
            path: `${folder.name}/${part.name}`,
            blocks: part.blocks,
            header:
                part.name === 'versions.tf'
                    ? [
                          `VPC design for account ${folder.name.replace(`-${folder.region}`, '')} (${folder.account}) in ${folder.region}.`,
                          ...header(notExported)
                      ]
                    : []
        }))
    );
    const texts = await formatFiles(files);
    return files.map((f, i) => ({ path: f.path, text: texts[i]!, blocks: f.blocks }));
}

export { expr };

/**
 * The topology list, keyword and block layout of each kind, in the order statements and VPC
 * members are printed; kinds that share a list are printed as one group.
 */
import type { Topology } from '../model/topology.js';
import type { Layout } from './layout.js';

export const PRINTED_KINDS = {
    account: { list: 'accounts', keyword: 'account', layout: 'line' },
    vpc: { list: 'vpcs', keyword: 'vpc', layout: 'members' },
    subnet: { list: 'subnets', keyword: 'subnet', layout: 'props' },
    'route-table': { list: 'routeTables', keyword: 'route-table', layout: 'list' },
    'internet-gateway': { list: 'gateways', keyword: 'internet-gateway', layout: 'line' },
    'egress-only-internet-gateway': { list: 'gateways', keyword: 'egress-only-internet-gateway', layout: 'line' },
    'nat-gateway': { list: 'natGateways', keyword: 'nat-gateway', layout: 'props' },
    'security-group': { list: 'securityGroups', keyword: 'security-group', layout: 'list' },
    'network-acl': { list: 'networkAcls', keyword: 'network-acl', layout: 'list' },
    instance: { list: 'instances', keyword: 'instance', layout: 'props' },
    'gateway-endpoint': { list: 'gatewayEndpoints', keyword: 'gateway-endpoint', layout: 'props' },
    'interface-endpoint': { list: 'interfaceEndpoints', keyword: 'interface-endpoint', layout: 'props' },
    'flow-log': { list: 'flowLogs', keyword: 'flow-log', layout: 'list' },
    'transit-gateway-attachment': { list: 'transitGatewayAttachments', keyword: 'transit-gateway-attachment', layout: 'props' },
    'load-balancer': { list: 'loadBalancers', keyword: 'load-balancer', layout: 'list' },
    'endpoint-service': { list: 'endpointServices', keyword: 'endpoint-service', layout: 'list' },
    'prefix-list': { list: 'prefixLists', keyword: 'prefix-list', layout: 'props' },
    peering: { list: 'peerings', keyword: 'peering', layout: 'props' },
    'transit-gateway': { list: 'transitGateways', keyword: 'transit-gateway', layout: 'members' },
    'transit-gateway-peering': { list: 'transitGatewayPeerings', keyword: 'transit-gateway-peering', layout: 'line' },
    bucket: { list: 'buckets', keyword: 'bucket', layout: 'props' },
    probe: { list: 'probes', keyword: 'probe', layout: 'line' }
} as const satisfies Record<string, { list: Exclude<keyof Topology, 'documents'>; keyword: string; layout: Layout }>;

export type PrintedKind = keyof typeof PRINTED_KINDS;
export type VpcMemberKind = Exclude<
    PrintedKind,
    'account' | 'vpc' | 'peering' | 'transit-gateway' | 'transit-gateway-peering' | 'bucket' | 'probe'
>;

/**
 * The `aws ec2 describe-*` outputs the importer reads, typed with the EC2 API's own result types
 * (type-only: the SDK never enters the bundle), and how a file is recognised by its top-level keys.
 */
import type {
    DescribeEgressOnlyInternetGatewaysResult,
    DescribeFlowLogsResult,
    DescribeInstancesResult,
    DescribeInternetGatewaysResult,
    DescribeNatGatewaysResult,
    ManagedPrefixList,
    DescribeNetworkAclsResult,
    DescribeNetworkInterfacesResult,
    DescribePrefixListsResult,
    DescribeRouteTablesResult,
    DescribeSecurityGroupRulesResult,
    DescribeSecurityGroupsResult,
    DescribeSubnetsResult,
    DescribeVpcAttributeResult,
    DescribeVpcEndpointsResult,
    DescribeVpcPeeringConnectionsResult,
    DescribeVpcsResult,
    GetManagedPrefixListEntriesResult
} from '@aws-sdk/client-ec2';
import type { SourceRef } from '../common/source.js';
import { HUB_LIST_KEYS, type HubOutputs } from './input-hubs.js';

/**
 * One file's content as the CLI writes it: any of the results below (one call per file).
 * describe-managed-prefix-lists answers under the same key as describe-prefix-lists (`PrefixLists`,
 * of `ManagedPrefixList` items): its items are told apart by their fields (see `isManaged`).
 */
export type DescribeOutput = DescribeVpcsResult &
    DescribeSubnetsResult &
    DescribeRouteTablesResult &
    DescribeInternetGatewaysResult &
    DescribeEgressOnlyInternetGatewaysResult &
    DescribeNatGatewaysResult &
    DescribeSecurityGroupsResult &
    DescribeSecurityGroupRulesResult &
    DescribeNetworkAclsResult &
    DescribeInstancesResult &
    DescribeNetworkInterfacesResult &
    DescribeVpcEndpointsResult &
    DescribeVpcPeeringConnectionsResult &
    DescribeFlowLogsResult &
    DescribePrefixListsResult &
    GetManagedPrefixListEntriesResult &
    DescribeVpcAttributeResult &
    HubOutputs;

/** The list-valued keys that make a file recognisable, each the output of one describe call. */
export const LIST_KEYS = [
    'Vpcs',
    'Subnets',
    'RouteTables',
    'InternetGateways',
    'EgressOnlyInternetGateways',
    'NatGateways',
    'SecurityGroups',
    'SecurityGroupRules',
    'NetworkAcls',
    'Reservations',
    'NetworkInterfaces',
    'VpcEndpoints',
    'VpcPeeringConnections',
    'FlowLogs',
    'PrefixLists',
    'Entries',
    ...HUB_LIST_KEYS
] as const satisfies ReadonlyArray<keyof DescribeOutput>;

export type ListKey = (typeof LIST_KEYS)[number];
type ItemOf<K extends ListKey> = NonNullable<DescribeOutput[K]> extends Array<infer T> ? T : never;

/** A describe-managed-prefix-lists item (describe-prefix-lists items have none of these fields). */
export function isManaged(item: object): item is ManagedPrefixList {
    return 'OwnerId' in item || 'MaxEntries' in item || 'AddressFamily' in item || 'PrefixListArn' in item;
}

/** An element of a describe output with where it came from and the region it belongs to. */
export interface Sourced<T> {
    item: T;
    source: SourceRef;
    region: string;
}

/** Everything read from a folder, list by list, in the order of files and of their arrays. */
export type Snapshot = { [K in ListKey]: Array<Sourced<ItemOf<K>>> } & {
    /** describe-managed-prefix-lists items (AWS-managed ones have owner `AWS`). */
    ManagedPrefixLists: Array<Sourced<ManagedPrefixList>>;
    /** `describe-vpc-attribute` outputs: the DNS flags describe-vpcs does not report. */
    attributes: Array<Sourced<DescribeVpcAttributeResult>>;
};

export function emptySnapshot(): Snapshot {
    const lists = Object.fromEntries(LIST_KEYS.map(key => [key, []])) as unknown as Snapshot;
    lists.attributes = [];
    lists.ManagedPrefixLists = [];
    return lists;
}

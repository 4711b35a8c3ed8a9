/**
 * The describe outputs of transit gateways, load balancers (elbv2) and endpoint services. The
 * EC2 ones are the SDK's result types; elbv2's are written here from the Elastic Load Balancing
 * API reference (no elbv2 SDK is a dependency), with the members the importer reads.
 */
import type {
    DescribeTransitGatewayAttachmentsResult,
    DescribeTransitGatewayPeeringAttachmentsResult,
    DescribeTransitGatewayRouteTablesResult,
    DescribeTransitGatewaysResult,
    DescribeTransitGatewayVpcAttachmentsResult,
    DescribeVpcEndpointServiceConfigurationsResult,
    DescribeVpcEndpointServicePermissionsResult,
    GetTransitGatewayRouteTableAssociationsResult,
    GetTransitGatewayRouteTablePropagationsResult,
    SearchTransitGatewayRoutesResult
} from '@aws-sdk/client-ec2';

/** elbv2 `LoadBalancer`. */
export interface ElbLoadBalancer {
    LoadBalancerArn?: string;
    DNSName?: string;
    LoadBalancerName?: string;
    Scheme?: string;
    VpcId?: string;
    State?: { Code?: string; Reason?: string };
    Type?: string;
    AvailabilityZones?: Array<{
        ZoneName?: string;
        SubnetId?: string;
        LoadBalancerAddresses?: Array<{ IpAddress?: string; AllocationId?: string; PrivateIPv4Address?: string }>;
    }>;
    SecurityGroups?: string[];
    IpAddressType?: string;
}

/** elbv2 `Action` (a listener's default action). */
export interface ElbAction {
    Type?: string;
    TargetGroupArn?: string;
    Order?: number;
    ForwardConfig?: { TargetGroups?: Array<{ TargetGroupArn?: string; Weight?: number }> };
}

/** elbv2 `Listener`. */
export interface ElbListener {
    ListenerArn?: string;
    LoadBalancerArn?: string;
    Port?: number;
    Protocol?: string;
    DefaultActions?: ElbAction[];
}

/** elbv2 `TargetGroup`. */
export interface ElbTargetGroup {
    TargetGroupArn?: string;
    TargetGroupName?: string;
    Protocol?: string;
    Port?: number;
    VpcId?: string;
    TargetType?: string;
    LoadBalancerArns?: string[];
}

/** elbv2 `TargetHealthDescription`: the output names no target group, so the file name does (see `--print-commands`). */
export interface ElbTargetHealth {
    Target?: { Id?: string; Port?: number; AvailabilityZone?: string };
    HealthCheckPort?: string;
    TargetHealth?: { State?: string; Reason?: string; Description?: string };
}

export type HubOutputs = DescribeTransitGatewaysResult &
    DescribeTransitGatewayAttachmentsResult &
    DescribeTransitGatewayVpcAttachmentsResult &
    DescribeTransitGatewayRouteTablesResult &
    Omit<GetTransitGatewayRouteTableAssociationsResult, 'NextToken'> &
    GetTransitGatewayRouteTablePropagationsResult &
    SearchTransitGatewayRoutesResult &
    DescribeTransitGatewayPeeringAttachmentsResult &
    DescribeVpcEndpointServiceConfigurationsResult &
    DescribeVpcEndpointServicePermissionsResult & {
        LoadBalancers?: ElbLoadBalancer[];
        Listeners?: ElbListener[];
        TargetGroups?: ElbTargetGroup[];
        TargetHealthDescriptions?: ElbTargetHealth[];
    };

/**
 * Their list keys. `Associations`, `TransitGatewayRouteTablePropagations`, `Routes` and
 * `TargetHealthDescriptions` do not name the route table or target group they belong to: the
 * file name does (`tgw-rtb-…`, the target group's `NAME-ID`).
 */
export const HUB_LIST_KEYS = [
    'TransitGateways',
    'TransitGatewayAttachments',
    'TransitGatewayVpcAttachments',
    'TransitGatewayRouteTables',
    'Associations',
    'TransitGatewayRouteTablePropagations',
    'Routes',
    'TransitGatewayPeeringAttachments',
    'ServiceConfigurations',
    'AllowedPrincipals',
    'LoadBalancers',
    'Listeners',
    'TargetGroups',
    'TargetHealthDescriptions'
] as const satisfies ReadonlyArray<keyof HubOutputs>;

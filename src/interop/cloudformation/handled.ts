/**
 * Every resource type, property and `Fn::GetAtt` attribute the importer reads, in one table, so a
 * test can hold them against CloudFormation's resource specification.
 */
export const HANDLED: Readonly<Record<string, { properties: readonly string[]; attributes?: readonly string[] }>> = {
    'AWS::EC2::VPC': {
        properties: ['CidrBlock', 'Ipv4IpamPoolId', 'EnableDnsSupport', 'EnableDnsHostnames'],
        attributes: ['CidrBlock', 'Ipv6CidrBlocks', 'CidrBlockAssociations', 'DefaultSecurityGroup', 'DefaultNetworkAcl', 'VpcId']
    },
    'AWS::EC2::VPCCidrBlock': {
        properties: ['VpcId', 'CidrBlock', 'AmazonProvidedIpv6CidrBlock', 'Ipv6CidrBlock', 'Ipv4IpamPoolId', 'Ipv6IpamPoolId']
    },
    'AWS::EC2::Subnet': {
        properties: ['VpcId', 'CidrBlock', 'AvailabilityZone', 'Ipv6CidrBlock', 'MapPublicIpOnLaunch'],
        attributes: ['AvailabilityZone', 'CidrBlock', 'Ipv6CidrBlocks', 'VpcId', 'SubnetId']
    },
    'AWS::EC2::RouteTable': { properties: ['VpcId'], attributes: ['RouteTableId'] },
    'AWS::EC2::Route': {
        properties: [
            'RouteTableId',
            'DestinationCidrBlock',
            'DestinationIpv6CidrBlock',
            'DestinationPrefixListId',
            'GatewayId',
            'EgressOnlyInternetGatewayId',
            'NatGatewayId',
            'VpcPeeringConnectionId',
            'InstanceId',
            'NetworkInterfaceId',
            'TransitGatewayId',
            'VpcEndpointId',
            'CarrierGatewayId',
            'LocalGatewayId',
            'CoreNetworkArn'
        ]
    },
    'AWS::EC2::SubnetRouteTableAssociation': { properties: ['SubnetId', 'RouteTableId'] },
    'AWS::EC2::InternetGateway': { properties: [], attributes: ['InternetGatewayId'] },
    'AWS::EC2::VPCGatewayAttachment': { properties: ['VpcId', 'InternetGatewayId', 'VpnGatewayId'] },
    'AWS::EC2::EgressOnlyInternetGateway': { properties: ['VpcId'], attributes: ['Id'] },
    'AWS::EC2::NatGateway': {
        properties: ['SubnetId', 'AllocationId', 'ConnectivityType', 'PrivateIpAddress'],
        attributes: ['NatGatewayId']
    },
    'AWS::EC2::EIP': { properties: ['InstanceId'], attributes: ['AllocationId', 'PublicIp'] },
    'AWS::EC2::EIPAssociation': { properties: ['AllocationId', 'EIP', 'InstanceId', 'NetworkInterfaceId'] },
    'AWS::EC2::SecurityGroup': { properties: ['VpcId', 'SecurityGroupIngress', 'SecurityGroupEgress'], attributes: ['GroupId', 'VpcId'] },
    'AWS::EC2::SecurityGroupIngress': {
        properties: [
            'GroupId',
            'GroupName',
            'IpProtocol',
            'FromPort',
            'ToPort',
            'CidrIp',
            'CidrIpv6',
            'SourceSecurityGroupId',
            'SourceSecurityGroupOwnerId',
            'SourceSecurityGroupName',
            'SourcePrefixListId'
        ]
    },
    'AWS::EC2::SecurityGroupEgress': {
        properties: [
            'GroupId',
            'IpProtocol',
            'FromPort',
            'ToPort',
            'CidrIp',
            'CidrIpv6',
            'DestinationSecurityGroupId',
            'DestinationPrefixListId'
        ]
    },
    'AWS::EC2::NetworkAcl': { properties: ['VpcId'], attributes: ['Id'] },
    'AWS::EC2::NetworkAclEntry': {
        properties: ['NetworkAclId', 'RuleNumber', 'Protocol', 'RuleAction', 'Egress', 'CidrBlock', 'Ipv6CidrBlock', 'PortRange', 'Icmp']
    },
    'AWS::EC2::SubnetNetworkAclAssociation': { properties: ['SubnetId', 'NetworkAclId'] },
    'AWS::EC2::Instance': {
        properties: ['SubnetId', 'PrivateIpAddress', 'SecurityGroupIds', 'SecurityGroups', 'NetworkInterfaces', 'Ipv6Addresses'],
        attributes: ['PrivateIp', 'PublicIp', 'InstanceId']
    },
    'AWS::EC2::NetworkInterface': {
        properties: ['SubnetId', 'PrivateIpAddress', 'GroupSet', 'Ipv6Addresses'],
        attributes: ['PrimaryPrivateIpAddress', 'Id']
    },
    'AWS::EC2::NetworkInterfaceAttachment': { properties: [] },
    'AWS::EC2::VPCEndpoint': {
        properties: [
            'VpcId',
            'ServiceName',
            'VpcEndpointType',
            'RouteTableIds',
            'SubnetIds',
            'SecurityGroupIds',
            'PrivateDnsEnabled',
            'PolicyDocument'
        ],
        attributes: ['Id']
    },
    'AWS::EC2::VPCPeeringConnection': { properties: ['VpcId', 'PeerVpcId', 'PeerOwnerId', 'PeerRegion'], attributes: ['Id'] },
    'AWS::EC2::FlowLog': {
        properties: [
            'ResourceId',
            'TrafficType',
            'LogDestinationType',
            'LogDestination',
            'LogGroupName',
            'MaxAggregationInterval',
            'LogFormat'
        ]
    },
    'AWS::EC2::PrefixList': { properties: ['PrefixListName', 'MaxEntries', 'Entries', 'AddressFamily'] },
    'AWS::EC2::TransitGateway': { properties: ['DefaultRouteTableAssociation', 'DefaultRouteTablePropagation'] },
    'AWS::EC2::TransitGatewayRouteTable': { properties: ['TransitGatewayId'] },
    'AWS::EC2::TransitGatewayAttachment': { properties: ['VpcId', 'SubnetIds', 'TransitGatewayId', 'Options'] },
    'AWS::EC2::TransitGatewayVpcAttachment': { properties: ['VpcId', 'SubnetIds', 'TransitGatewayId', 'Options'] },
    'AWS::EC2::TransitGatewayRouteTableAssociation': { properties: ['TransitGatewayAttachmentId', 'TransitGatewayRouteTableId'] },
    'AWS::EC2::TransitGatewayRouteTablePropagation': { properties: ['TransitGatewayAttachmentId', 'TransitGatewayRouteTableId'] },
    'AWS::EC2::TransitGatewayRoute': {
        properties: ['DestinationCidrBlock', 'Blackhole', 'TransitGatewayAttachmentId', 'TransitGatewayRouteTableId']
    },
    'AWS::EC2::TransitGatewayPeeringAttachment': {
        properties: ['TransitGatewayId', 'PeerTransitGatewayId', 'PeerAccountId', 'PeerRegion']
    },
    'AWS::ElasticLoadBalancingV2::LoadBalancer': { properties: ['Type', 'Scheme', 'Subnets', 'SubnetMappings', 'SecurityGroups'] },
    'AWS::ElasticLoadBalancingV2::Listener': { properties: ['LoadBalancerArn', 'Port', 'Protocol', 'DefaultActions'] },
    'AWS::ElasticLoadBalancingV2::TargetGroup': { properties: ['Port', 'TargetType', 'Targets'] },
    'AWS::EC2::VPCEndpointService': { properties: ['NetworkLoadBalancerArns', 'GatewayLoadBalancerArns', 'AcceptanceRequired'] },
    'AWS::EC2::VPCEndpointServicePermissions': { properties: ['ServiceId', 'AllowedPrincipals'] },
    'AWS::S3::Bucket': { properties: ['BucketName'], attributes: ['Arn', 'DomainName'] },
    'AWS::S3::BucketPolicy': { properties: ['Bucket', 'PolicyDocument'] }
};

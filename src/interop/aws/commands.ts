/** `vpc-lab import aws --print-commands`: the AWS CLI commands that make a folder the importer reads. */

const CALLS: ReadonlyArray<[string, string]> = [
    ['describe-vpcs', 'vpcs'],
    ['describe-subnets', 'subnets'],
    ['describe-route-tables', 'route-tables'],
    ['describe-internet-gateways', 'internet-gateways'],
    ['describe-egress-only-internet-gateways', 'egress-only-internet-gateways'],
    ['describe-nat-gateways', 'nat-gateways'],
    ['describe-security-groups', 'security-groups'],
    ['describe-security-group-rules', 'security-group-rules'],
    ['describe-network-acls', 'network-acls'],
    ['describe-instances', 'instances'],
    ['describe-network-interfaces', 'network-interfaces'],
    ['describe-vpc-endpoints', 'vpc-endpoints'],
    ['describe-vpc-peering-connections', 'vpc-peering-connections'],
    ['describe-flow-logs', 'flow-logs'],
    ['describe-prefix-lists', 'prefix-lists'],
    ['describe-managed-prefix-lists', 'managed-prefix-lists'],
    ['describe-transit-gateways', 'transit-gateways'],
    ['describe-transit-gateway-attachments', 'transit-gateway-attachments'],
    ['describe-transit-gateway-vpc-attachments', 'transit-gateway-vpc-attachments'],
    ['describe-transit-gateway-peering-attachments', 'transit-gateway-peering-attachments'],
    ['describe-transit-gateway-route-tables', 'transit-gateway-route-tables'],
    ['describe-vpc-endpoint-service-configurations', 'vpc-endpoint-service-configurations']
];

/** elbv2 calls, written to `elbv2-FILE.json`. */
const ELB_CALLS: ReadonlyArray<[string, string]> = [
    ['describe-load-balancers', 'load-balancers'],
    ['describe-target-groups', 'target-groups']
];

/** A shell script (POSIX sh) that writes one JSON file per call into `./REGION/`. */
export function printCommands(region?: string): string {
    const r = region ?? '${AWS_REGION:-us-east-1}';
    const lines = [
        '#!/bin/sh',
        '# Writes the describe-* output vpc-lab import aws reads, one file per call, into a folder per region.',
        '# Needs read-only permissions: ec2:Describe*, ec2:Get*(ManagedPrefixListEntries, TransitGatewayRouteTable*),',
        '# ec2:SearchTransitGatewayRoutes, elasticloadbalancing:Describe*.',
        'set -e',
        `REGION="${r}"`,
        'mkdir -p "$REGION"',
        ...CALLS.map(([call, file]) => `aws ec2 ${call} --region "$REGION" --output json > "$REGION/${file}.json"`),
        '# The DNS flags of each VPC (describe-vpcs does not report them):',
        'for vpc in $(aws ec2 describe-vpcs --region "$REGION" --query "Vpcs[].VpcId" --output text); do',
        '  for attribute in enableDnsSupport enableDnsHostnames; do',
        '    aws ec2 describe-vpc-attribute --region "$REGION" --vpc-id "$vpc" --attribute "$attribute" --output json > "$REGION/vpc-attribute-$vpc-$attribute.json"',
        '  done',
        'done',
        '# The entries of customer-managed prefix lists:',
        'for pl in $(aws ec2 describe-managed-prefix-lists --region "$REGION" --query "PrefixLists[?OwnerId!=\'AWS\'].PrefixListId" --output text); do',
        '  aws ec2 get-managed-prefix-list-entries --region "$REGION" --prefix-list-id "$pl" --output json > "$REGION/prefix-list-entries-$pl.json"',
        'done',
        ...ELB_CALLS.map(([call, file]) => `aws elbv2 ${call} --region "$REGION" --output json > "$REGION/elbv2-${file}.json"`),
        '# describe-listeners takes one load balancer; describe-target-health one target group (the file name says which):',
        'for lb in $(aws elbv2 describe-load-balancers --region "$REGION" --query "LoadBalancers[].LoadBalancerArn" --output text); do',
        '  aws elbv2 describe-listeners --region "$REGION" --load-balancer-arn "$lb" --output json > "$REGION/elbv2-listeners-$(echo "$lb" | sed \'s|.*loadbalancer/||; s|/|-|g\').json"',
        'done',
        'for tg in $(aws elbv2 describe-target-groups --region "$REGION" --query "TargetGroups[].TargetGroupArn" --output text); do',
        '  aws elbv2 describe-target-health --region "$REGION" --target-group-arn "$tg" --output json > "$REGION/target-health-$(echo "$tg" | sed \'s|.*targetgroup/||; s|/|-|g\').json"',
        'done',
        '# The allowed principals of each endpoint service:',
        'for svc in $(aws ec2 describe-vpc-endpoint-service-configurations --region "$REGION" --query "ServiceConfigurations[].ServiceId" --output text); do',
        '  aws ec2 describe-vpc-endpoint-service-permissions --region "$REGION" --service-id "$svc" --output json > "$REGION/vpc-endpoint-service-permissions-$svc.json"',
        'done',
        '# Associations, propagations and static routes of each transit gateway route table (the file name says which):',
        'for rtb in $(aws ec2 describe-transit-gateway-route-tables --region "$REGION" --query "TransitGatewayRouteTables[].TransitGatewayRouteTableId" --output text); do',
        '  aws ec2 get-transit-gateway-route-table-associations --region "$REGION" --transit-gateway-route-table-id "$rtb" --output json > "$REGION/tgw-associations-$rtb.json"',
        '  aws ec2 get-transit-gateway-route-table-propagations --region "$REGION" --transit-gateway-route-table-id "$rtb" --output json > "$REGION/tgw-propagations-$rtb.json"',
        '  aws ec2 search-transit-gateway-routes --region "$REGION" --transit-gateway-route-table-id "$rtb" --filters Name=type,Values=static,propagated --output json > "$REGION/tgw-routes-$rtb.json"',
        'done',
        'echo "Now run: vpc-lab import aws . -o imported"'
    ];
    return lines.join('\n') + '\n';
}

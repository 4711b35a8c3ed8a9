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
    ['describe-managed-prefix-lists', 'managed-prefix-lists']
];

/** A shell script (POSIX sh) that writes one JSON file per call into `./REGION/`. */
export function printCommands(region?: string): string {
    const r = region ?? '${AWS_REGION:-us-east-1}';
    const lines = [
        '#!/bin/sh',
        '# Writes the describe-* output vpc-lab import aws reads, one file per call, into a folder per region.',
        '# Needs read-only EC2 permissions (ec2:Describe*, ec2:GetManagedPrefixListEntries).',
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
        'echo "Now run: vpc-lab import aws . -o imported"'
    ];
    return lines.join('\n') + '\n';
}

/**
 * Every diagnostic code vpc-lab reports, with its default severity: the one registry that the
 * validator, the command line, SARIF rule metadata and the docs all read.
 */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface CodeInfo {
    severity: Severity;
    /** One line: when the code fires. */
    summary: string;
}

export const DiagnosticCodes = {
    syntax: { severity: 'error', summary: 'The text does not parse, or a block repeats a property it may have once.' },
    'unresolved-reference': { severity: 'error', summary: 'A name does not resolve to a resource of the expected kind.' },
    'duplicate-name': { severity: 'error', summary: 'Two resources of one scope share a name.' },
    'cidr-invalid': { severity: 'error', summary: 'Not an IPv4/IPv6 CIDR block, or a bad address.' },
    'cidr-host-bits': { severity: 'error', summary: 'A CIDR block with host bits set (10.0.0.1/16).' },
    'cidr-size': { severity: 'error', summary: 'A VPC or subnet block outside the sizes AWS allows.' },
    'instance-ip-outside-subnet': { severity: 'error', summary: "An instance address that is not inside its subnet's block." },
    'instance-ip-reserved': { severity: 'error', summary: 'An instance address that AWS reserves in every subnet.' },
    'ip-duplicate': {
        severity: 'error',
        summary:
            'Two ENIs (instances, NAT gateways) of one VPC with the same private address, or two anywhere with the same public or Elastic IP.'
    },
    'subnet-outside-vpc': { severity: 'error', summary: "A subnet block that is not inside any of its VPC's blocks." },
    'subnet-overlap': { severity: 'error', summary: 'Two subnets of a VPC overlap.' },
    'vpc-cidr-overlap': { severity: 'error', summary: 'Two blocks of one VPC overlap.' },
    'vpc-cidr-restricted': {
        severity: 'error',
        summary:
            'A VPC block AWS refuses: a reserved range (link-local 169.254.0.0/16, loopback, multicast…) or a secondary block its association restrictions forbid next to the primary.'
    },
    'vpc-cidr-service-range': { severity: 'warning', summary: 'A VPC block overlapping 172.17.0.0/16, which some AWS services use.' },
    'peering-cidr-overlap': { severity: 'error', summary: 'The two peered VPCs have overlapping IPv4 or IPv6 blocks.' },
    'peering-self': { severity: 'error', summary: 'A VPC peered with itself.' },
    'peering-duplicate': { severity: 'error', summary: 'Two peerings join the same pair of VPCs.' },
    'transitive-routing': {
        severity: 'error',
        summary: "A route through a peering to addresses outside the peer VPC's blocks: peering is not transitive."
    },
    'route-target-family': {
        severity: 'error',
        summary: 'A route whose destination the target cannot carry (IPv4 to an egress-only IGW, IPv6 to a NAT gateway).'
    },
    'route-duplicate': { severity: 'error', summary: 'One route table holds the same destination twice.' },
    'route-target-foreign': { severity: 'error', summary: 'A route target that belongs to another VPC.' },
    'tgw-route-no-attachment': { severity: 'error', summary: 'A VPC route targets a transit gateway its VPC has no attachment to.' },
    'tgw-attachment-az': {
        severity: 'error',
        summary:
            "A transit gateway attachment with two subnets of one Availability Zone, or in a VPC of another region than the transit gateway's."
    },
    'tgw-attachment-missing-az': {
        severity: 'warning',
        summary:
            'Instances route to a transit gateway from an Availability Zone where its attachment has no subnet: their traffic cannot use it.'
    },
    'tgw-association': {
        severity: 'error',
        summary: 'A transit gateway attachment associated with two route tables, or with none while default association is off.'
    },
    'tgw-missing-return-route': {
        severity: 'warning',
        summary: "Traffic reaches a VPC through a transit gateway but the VPC's route tables have no route back through it."
    },
    'load-balancer-subnets': {
        severity: 'error',
        summary:
            'An Application Load Balancer in fewer than two Availability Zones, a Network Load Balancer in none, or a load balancer with two subnets of one zone.'
    },
    'load-balancer-public-subnet': {
        severity: 'warning',
        summary: 'An internet-facing load balancer in a subnet with no route to an internet gateway.'
    },
    'load-balancer-target': {
        severity: 'error',
        summary: "An instance target outside the load balancer's VPC, or an IP target that is publicly routable."
    },
    'endpoint-service-lb': {
        severity: 'error',
        summary: 'An endpoint service whose load balancer is not a Network (or Gateway) Load Balancer.'
    },
    'prefix-list-quota': {
        severity: 'warning',
        summary: "Counting prefix lists by their maximum entries, a security group or route table over AWS's default rule or route quota."
    },
    'peering-missing-return-route': {
        severity: 'warning',
        summary: 'One side routes through a peering and the other side has no route back.'
    },
    'gateway-endpoint-service': { severity: 'error', summary: 'A gateway endpoint for a service other than S3 or DynamoDB.' },
    'gateway-endpoint-region': { severity: 'error', summary: 'A gateway endpoint, or a prefix-list reference, for another region.' },
    'gateway-endpoint-remote': { severity: 'error', summary: "A route that tries to use another VPC's gateway endpoint." },
    'interface-endpoint-protocol': { severity: 'error', summary: 'A probe or rule sends non-TCP traffic to an interface endpoint.' },
    'interface-endpoint-no-sg': {
        severity: 'warning',
        summary: 'An interface endpoint without a security group (it gets the VPC default).'
    },
    'interface-endpoint-single-az': {
        severity: 'warning',
        summary: 'An interface endpoint in subnets of one AZ only: not highly available.'
    },
    'interface-endpoint-az': {
        severity: 'error',
        summary: 'An interface endpoint names two subnets of one Availability Zone (AWS takes one subnet per AZ).'
    },
    'interface-endpoint-private-dns': { severity: 'error', summary: 'Private DNS on while the VPC has DNS support or DNS hostnames off.' },
    'interface-endpoint-private-dns-duplicate': {
        severity: 'error',
        summary: 'Two endpoints for one service in one VPC both have private DNS on.'
    },
    'nacl-prefix-list': { severity: 'error', summary: 'A network ACL rule names a prefix list (only CIDRs are allowed).' },
    'nacl-rule-number': { severity: 'error', summary: 'Two rules of one NACL direction share a number, or a number outside 1–32766.' },
    'interface-endpoint-dynamodb': {
        severity: 'info',
        summary: 'DynamoDB interface endpoints exist since March 2024; older material says they do not.'
    },
    'nat-no-internet': { severity: 'warning', summary: 'A NAT gateway whose subnet has no default route to an internet gateway.' },
    'sg-reference-cross-region': {
        severity: 'error',
        summary: 'A security-group rule references a group in a peered VPC of another region.'
    },
    'flow-log-target': { severity: 'error', summary: 'A flow log that captures a subnet or ENI of another VPC.' },
    'flow-log-destination': {
        severity: 'error',
        summary: 'A flow-log destination AWS would refuse: not a valid S3 bucket ARN, or not a valid log group name.'
    },
    'flow-log-format': { severity: 'error', summary: 'A custom flow-log format names a field AWS does not define.' },
    'probe-expectation': { severity: 'error', summary: 'A probe with `expect` disagrees with the simulator.' }
} as const satisfies Record<string, CodeInfo>;

export type DiagnosticCode = keyof typeof DiagnosticCodes;

export const allCodes = Object.keys(DiagnosticCodes) as DiagnosticCode[];

export function isDiagnosticCode(code: unknown): code is DiagnosticCode {
    return typeof code === 'string' && Object.hasOwn(DiagnosticCodes, code);
}

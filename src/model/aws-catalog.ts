/**
 * What completion offers for values AWS defines: the AZ names of a region and the services that
 * have endpoints. AZ letters follow AWS's published lists; a region not listed gets a–c (every
 * region has at least three AZs).
 */
const AZ_LETTERS: Record<string, string> = {
    'us-east-1': 'abcdef',
    'us-east-2': 'abc',
    'us-west-1': 'abc',
    'us-west-2': 'abcd',
    'ca-central-1': 'abd',
    'sa-east-1': 'abc',
    'eu-west-1': 'abc',
    'eu-west-2': 'abc',
    'eu-west-3': 'abc',
    'eu-central-1': 'abc',
    'eu-north-1': 'abc',
    'ap-south-1': 'abc',
    'ap-southeast-1': 'abc',
    'ap-southeast-2': 'abc',
    'ap-northeast-1': 'acd',
    'ap-northeast-2': 'abcd'
};

export function availabilityZones(region: string): string[] {
    return [...(AZ_LETTERS[region] ?? 'abc')].map(letter => `${region}${letter}`);
}

/** Services with interface endpoints (PrivateLink) that VPC designs use most, with what they are. */
export const INTERFACE_SERVICES: Record<string, string> = {
    ssm: 'Systems Manager',
    ssmmessages: 'Session Manager channels',
    ec2messages: 'SSM agent messages',
    ec2: 'EC2 API',
    'ecr.api': 'ECR API',
    'ecr.dkr': 'ECR image pulls',
    logs: 'CloudWatch Logs',
    monitoring: 'CloudWatch metrics',
    sts: 'Security Token Service',
    kms: 'Key Management Service',
    secretsmanager: 'Secrets Manager',
    sqs: 'SQS',
    sns: 'SNS',
    'execute-api': 'API Gateway',
    lambda: 'Lambda',
    'kinesis-streams': 'Kinesis Data Streams',
    elasticloadbalancing: 'ELB API',
    s3: 'S3 (interface endpoint; also reachable through a gateway endpoint)',
    dynamodb: 'DynamoDB (interface endpoints since March 2024)'
};

/** Ports people write in rules and probes, for completion. */
export const COMMON_PORTS: Array<{ port: string; label: string }> = [
    { port: '443', label: 'HTTPS' },
    { port: '80', label: 'HTTP' },
    { port: '22', label: 'SSH' },
    { port: '3389', label: 'RDP' },
    { port: '5432', label: 'PostgreSQL' },
    { port: '3306', label: 'MySQL/Aurora' },
    { port: '6379', label: 'Redis' },
    { port: '53', label: 'DNS' },
    { port: '1024-65535', label: 'ephemeral ports (NACL return traffic)' }
];

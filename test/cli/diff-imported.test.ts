/**
 * `vpc-lab diff` over inputs the importers read: two describe-* folders, two CloudFormation
 * templates, one Terraform plan (prior state against planned values). Each AFTER side adds
 * `tcp 22 from 0.0.0.0/0` to the web tier's security group. By AWS's rules (an instance with a
 * public address, in a subnet whose table sends 0.0.0.0/0 to an attached internet gateway, is
 * reachable from the internet on what its groups admit; the default network ACL allows all),
 * that opens ssh from the internet to the web instance and nothing else from the internet.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { twoTier } from '../fixtures/aws/two-tier.js';
import { vpcLab } from './run.js';

interface Report {
    exposure: Array<{ to: string; traffic: string }>;
    flows: Array<{ change: string; traffic: string[]; from: string[]; to: string[]; causes: Array<{ change: string; text: string }> }>;
    summary: Record<string, number>;
}

let dir: string;

function writeFolder(folder: string, files: Record<string, object>): void {
    mkdirSync(folder, { recursive: true });
    for (const [name, body] of Object.entries(files)) writeFileSync(join(folder, name), JSON.stringify(body, null, 1));
}

const template = (ssh: boolean) => ({
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: {
        Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
        Igw: { Type: 'AWS::EC2::InternetGateway' },
        Attach: { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: { Ref: 'Vpc' }, InternetGatewayId: { Ref: 'Igw' } } },
        Public: {
            Type: 'AWS::EC2::Subnet',
            Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1a' }
        },
        PublicRoutes: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
        DefaultRoute: {
            Type: 'AWS::EC2::Route',
            DependsOn: 'Attach',
            Properties: { RouteTableId: { Ref: 'PublicRoutes' }, DestinationCidrBlock: '0.0.0.0/0', GatewayId: { Ref: 'Igw' } }
        },
        PublicAssociation: {
            Type: 'AWS::EC2::SubnetRouteTableAssociation',
            Properties: { SubnetId: { Ref: 'Public' }, RouteTableId: { Ref: 'PublicRoutes' } }
        },
        WebSg: {
            Type: 'AWS::EC2::SecurityGroup',
            Properties: {
                GroupDescription: 'web',
                VpcId: { Ref: 'Vpc' },
                SecurityGroupIngress: [
                    { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' },
                    ...(ssh ? [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' }] : [])
                ]
            }
        },
        Web: {
            Type: 'AWS::EC2::Instance',
            Properties: {
                ImageId: 'ami-0abcdef1234567890',
                InstanceType: 't3.micro',
                NetworkInterfaces: [
                    {
                        DeviceIndex: '0',
                        SubnetId: { Ref: 'Public' },
                        PrivateIpAddress: '10.0.1.10',
                        AssociatePublicIpAddress: true,
                        GroupSet: [{ Ref: 'WebSg' }]
                    }
                ]
            }
        }
    }
});

/** A state's root module, as terraform show -json writes it: every id known. */
const tfModule = (ssh: boolean) => ({
    resources: [
        { address: 'aws_vpc.main', mode: 'managed', type: 'aws_vpc', name: 'main', values: { id: 'vpc-1', cidr_block: '10.40.0.0/16' } },
        {
            address: 'aws_subnet.public',
            mode: 'managed',
            type: 'aws_subnet',
            name: 'public',
            values: { id: 'subnet-1', vpc_id: 'vpc-1', cidr_block: '10.40.0.0/24', availability_zone: 'us-east-1a' }
        },
        {
            address: 'aws_internet_gateway.gw',
            mode: 'managed',
            type: 'aws_internet_gateway',
            name: 'gw',
            values: { id: 'igw-1', vpc_id: 'vpc-1' }
        },
        {
            address: 'aws_route_table.public',
            mode: 'managed',
            type: 'aws_route_table',
            name: 'public',
            values: { id: 'rtb-1', vpc_id: 'vpc-1', route: [{ cidr_block: '0.0.0.0/0', gateway_id: 'igw-1' }] }
        },
        {
            address: 'aws_route_table_association.public',
            mode: 'managed',
            type: 'aws_route_table_association',
            name: 'public',
            values: { id: 'rtbassoc-1', subnet_id: 'subnet-1', route_table_id: 'rtb-1' }
        },
        {
            address: 'aws_security_group.web',
            mode: 'managed',
            type: 'aws_security_group',
            name: 'web',
            values: {
                id: 'sg-1',
                name: 'web',
                vpc_id: 'vpc-1',
                ingress: [
                    {
                        cidr_blocks: ['0.0.0.0/0'],
                        from_port: 443,
                        to_port: 443,
                        protocol: 'tcp',
                        ipv6_cidr_blocks: [],
                        prefix_list_ids: [],
                        security_groups: [],
                        self: false
                    },
                    ...(ssh
                        ? [
                              {
                                  cidr_blocks: ['0.0.0.0/0'],
                                  from_port: 22,
                                  to_port: 22,
                                  protocol: 'tcp',
                                  ipv6_cidr_blocks: [],
                                  prefix_list_ids: [],
                                  security_groups: [],
                                  self: false
                              }
                          ]
                        : [])
                ],
                egress: [
                    {
                        cidr_blocks: ['0.0.0.0/0'],
                        from_port: 0,
                        to_port: 0,
                        protocol: '-1',
                        ipv6_cidr_blocks: [],
                        prefix_list_ids: [],
                        security_groups: [],
                        self: false
                    }
                ]
            }
        },
        {
            address: 'aws_instance.web',
            mode: 'managed',
            type: 'aws_instance',
            name: 'web',
            values: {
                id: 'i-1',
                ami: 'ami-12345678',
                instance_type: 't3.micro',
                subnet_id: 'subnet-1',
                private_ip: '10.40.0.10',
                public_ip: '54.1.2.3',
                associate_public_ip_address: true,
                vpc_security_group_ids: ['sg-1']
            }
        }
    ]
});

beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vpc-lab-diff-imported-'));
    const after = structuredClone(twoTier) as Record<string, { SecurityGroups?: Array<{ GroupId: string; IpPermissions: object[] }> }>;
    after['security-groups.json']!.SecurityGroups!.find(g => g.GroupId === 'sg-0web0000000000000')!.IpPermissions.push({
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        IpRanges: [{ CidrIp: '0.0.0.0/0' }]
    });
    writeFolder(join(dir, 'aws-before'), twoTier);
    writeFolder(join(dir, 'aws-after'), after);
    writeFileSync(join(dir, 'before.json'), JSON.stringify(template(false), null, 1));
    writeFileSync(join(dir, 'after.json'), JSON.stringify(template(true), null, 1));
    writeFileSync(
        join(dir, 'plan.json'),
        JSON.stringify({
            format_version: '1.2',
            terraform_version: '1.9.0',
            prior_state: { format_version: '1.0', terraform_version: '1.9.0', values: { root_module: tfModule(false) } },
            planned_values: { root_module: tfModule(true) }
        })
    );
    writeFileSync(
        join(dir, 'state.json'),
        JSON.stringify({ format_version: '1.0', terraform_version: '1.9.0', values: { root_module: tfModule(false) } })
    );
});

function sshOpened(run: { code: number; stdout: string; stderr: string }, ...web: RegExp[]): Report {
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.exposure).toEqual(web.map(to => ({ to: expect.stringMatching(to), traffic: 'tcp 22' })));
    const fromInternet = report.flows.filter(f => f.from.includes('internet'));
    expect(fromInternet).toHaveLength(1);
    expect(fromInternet[0]!.to).toHaveLength(web.length);
    expect(fromInternet[0]).toMatchObject({ change: 'opened', traffic: ['tcp 22'] });
    expect(fromInternet[0]!.causes.map(c => c.change)).toEqual(['added']);
    expect(fromInternet[0]!.causes[0]!.text).toMatch(/ingress tcp 22 from 0\.0\.0\.0\/0/);
    expect(report.flows.every(f => f.change === 'opened')).toBe(true);
    return report;
}

describe('vpc-lab diff over imported inputs', () => {
    it('compares two describe-* folders', () => {
        // The load balancer's ENI is in web-sg too, with a public address, in a public subnet.
        sshOpened(vpcLab(['diff', join(dir, 'aws-before'), join(dir, 'aws-after'), '--format', 'json']), /alb-web-alb$/, /web-a$/);
    });

    it('compares two CloudFormation templates', () => {
        sshOpened(vpcLab(['diff', join(dir, 'before.json'), join(dir, 'after.json'), '--format', 'json']), /Web$/);
    });

    it("compares a Terraform plan's prior state with its planned values", () => {
        sshOpened(vpcLab(['diff', join(dir, 'plan.json'), '--format', 'json']), /web$/);
    });

    it('finds nothing between a snapshot and itself', () => {
        const run = vpcLab(['diff', join(dir, 'aws-before'), join(dir, 'aws-before'), '--format', 'json', '--fail-on', 'any']);
        expect(run.code).toBe(0);
        expect((JSON.parse(run.stdout) as Report).flows).toEqual([]);
    });

    it('refuses a state given alone, in one line, exit 2', () => {
        const run = vpcLab(['diff', join(dir, 'state.json')]);
        expect(run.code).toBe(2);
        expect(run.stderr.trim().split('\n')).toHaveLength(1);
        expect(run.stderr).toMatch(/a Terraform state, not a plan/);
    });
});

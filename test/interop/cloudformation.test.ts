/**
 * The CloudFormation importer on templates written from the resource reference pages. Verdicts are
 * reasoned from AWS's rules in the comments, not copied from a run.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fnCidr } from '../../src/interop/cloudformation/cidr.js';
import { convertTemplates, type TemplateText } from '../../src/interop/cloudformation/index.js';
import { ImportError } from '../../src/interop/common/report.js';
import { verdict } from './helpers.js';

const fixture = (name: string): TemplateText => ({
    file: name,
    text: readFileSync(new URL(`../fixtures/cloudformation/${name}`, import.meta.url), 'utf8')
});

describe('Fn::Cidr as CloudFormation computes it', () => {
    it('gives the documented example: six /27s from a /24 with 5 host bits', () => {
        expect(fnCidr('192.168.0.0/24', 6, 5)).toEqual({
            ok: true,
            blocks: ['192.168.0.0/27', '192.168.0.32/27', '192.168.0.64/27', '192.168.0.96/27', '192.168.0.128/27', '192.168.0.160/27']
        });
    });
    it('takes cidrBits as host bits: 8 bits make /24s (not /8s), and 64 bits of an IPv6 /56 make /64s', () => {
        expect(fnCidr('10.0.0.0/16', 2, 8)).toEqual({ ok: true, blocks: ['10.0.0.0/24', '10.0.1.0/24'] });
        expect(fnCidr('2001:db8:0:100::/56', 2, 64)).toEqual({ ok: true, blocks: ['2001:db8:0:100::/64', '2001:db8:0:101::/64'] });
    });
    it('refuses what does not fit: counts outside 1–256, more blocks than the block holds, blocks larger than it', () => {
        expect(fnCidr('10.0.0.0/24', 257, 2).ok).toBe(false);
        expect(fnCidr('10.0.0.0/24', 0, 2).ok).toBe(false);
        expect(fnCidr('10.0.0.0/24', 3, 7).ok).toBe(false);
        expect(fnCidr('10.0.0.0/24', 1, 9).ok).toBe(false);
        expect(fnCidr('10.0.0.0/24', 256, 0)).toMatchObject({ ok: true });
    });
});

const twoTier = await convertTemplates([fixture('two-tier.yaml'), fixture('peered.json')]);
const endpointOnly = await convertTemplates([fixture('endpoint-only.yaml')]);

describe('import cloudformation: two-tier VPC with a NAT per AZ, and a peered stack', () => {
    const result = twoTier;
    const t = result.topology;

    it('evaluates parameters, Fn::Cidr, Fn::GetAZs, Fn::Select, and names elements by logical ID', () => {
        expect(t.vpcs.map(v => v.name)).toEqual(['VPC', 'SharedVpc']);
        expect(t.subnets.filter(s => s.vpc === 'vpc:VPC').map(s => `${s.name} ${s.cidr?.value} ${s.az}`)).toEqual([
            'PublicSubnet1 10.0.0.0/24 us-east-1a',
            'PublicSubnet2 10.0.1.0/24 us-east-1b',
            'PrivateSubnet1 10.0.2.0/24 us-east-1a',
            'PrivateSubnet2 10.0.3.0/24 us-east-1b'
        ]);
        expect(t.vpcs[0]).toMatchObject({ dnsSupport: true, dnsHostnames: true });
    });

    it('stands in for the Amazon-provided IPv6 block from 2001:db8::/32, consistently, so Fn::Cidr over it lands inside', () => {
        expect(t.vpcs[0]!.ipv6.map(b => b.value)).toEqual(['2001:db8::/56']);
        expect(t.subnets.find(s => s.name === 'PublicSubnet1')!.ipv6?.value).toBe('2001:db8::/64');
        expect(result.report.notes.filter(n => n.kind === 'stand-in').map(n => n.what)).toContain('the Amazon-provided IPv6 block of VPC');
    });

    it('comments name the resource type, logical ID and line', () => {
        expect(result.comments.get('subnet:VPC.PublicSubnet1')).toEqual(['AWS::EC2::Subnet PublicSubnet1 (two-tier.yaml:35)']);
    });

    it('resolves Fn::ImportValue between the templates given', () => {
        expect(t.peerings.map(p => `${p.name} ${p.requester} ${p.accepter}`)).toEqual(['Peering vpc:SharedVpc vpc:VPC']);
        expect(t.securityGroups.find(g => g.name === 'DbGroup')!.rules[0]!.peer).toEqual({
            kind: 'sg',
            group: 'security-group:VPC.AppSecurityGroup'
        });
        expect(t.routeTables.find(r => r.name === 'PrivateRouteTable2')!.routes.map(r => r.destination)).toEqual([
            { kind: 'cidr', cidr: '0.0.0.0/0' },
            { kind: 'cidr', cidr: '10.4.0.0/16' }
        ]);
    });

    it('imports the flow logs to S3 and CloudWatch Logs', () => {
        expect(
            t.flowLogs.map(f => ({
                name: f.name,
                capture: f.capture.level,
                traffic: f.traffic,
                destination: f.destination,
                agg: f.aggregationSeconds
            }))
        ).toEqual([
            {
                name: 'VpcFlowLog',
                capture: 'vpc',
                traffic: 'all',
                destination: { kind: 's3', target: 'arn:aws:s3:::demo-flow-logs' },
                agg: 600
            },
            {
                name: 'PrivateSubnetFlowLog',
                capture: 'subnet',
                traffic: 'reject',
                destination: { kind: 'cloudwatch', target: 'demo-private-rejects' },
                agg: 60
            }
        ]);
    });

    it('leaves nothing out', () => {
        expect(result.report.notes.filter(n => n.kind === 'left out')).toEqual([]);
    });

    it('answers probes as AWS would', () => {
        // PublicSubnet1 → IGW; MapPublicIpOnLaunch gives WebServer a public address; 443 is open to all.
        expect(verdict(t, 'internet', 'WebServer', 'tcp', 443)).toBe('ACCEPT');
        // The condition SshOpen is false (AllowSsh defaults to 'false'): Fn::If yields AWS::NoValue, no rule for 22.
        expect(verdict(t, 'internet', 'WebServer', 'tcp', 22)).toBe('REJECT SG_INGRESS');
        // AppFromWeb admits 8080 (from the mapping) from members of WebSecurityGroup; WebSecurityGroup keeps AWS's default egress.
        expect(verdict(t, 'WebServer', 'AppServer', 'tcp', 8080)).toBe('ACCEPT');
        // PrivateSubnet2 → NatGateway2 in PublicSubnet2, whose table reaches the IGW.
        expect(verdict(t, 'AppServer', { kind: 'internet', address: '8.8.8.8' }, 'tcp', 443)).toBe('ACCEPT');
        // Through the peering both ways (10.4.0.0/16 beats 0.0.0.0/0); DbGroup admits AppSecurityGroup, same region.
        expect(verdict(t, 'AppServer', 'Database', 'tcp', 5432)).toBe('ACCEPT');
        // The public table has no route to 10.4.0.0/16 but the default route to the IGW: a private address is not on the internet.
        expect(verdict(t, 'WebServer', 'Database', 'tcp', 5432)).toMatch(/^REJECT/);
    });

    it('takes --parameter values over defaults', async () => {
        const open = await convertTemplates([fixture('two-tier.yaml')], { parameters: new Map([['AllowSsh', 'true']]) });
        expect(verdict(open.topology, 'internet', 'WebServer', 'tcp', 22)).toBe('ACCEPT');
    });
});

describe('import cloudformation: endpoint-only private VPC with a bucket private to its endpoint', () => {
    const result = endpointOnly;
    const t = result.topology;

    it('maps endpoints, the endpoint policy and the aws:SourceVpce bucket policy', () => {
        expect(
            t.gatewayEndpoints.map(e => ({
                name: e.name,
                service: e.service,
                tables: e.routeTables.map(r => r.value),
                actions: e.policy?.statements.map(s => s.actions)
            }))
        ).toEqual([
            {
                name: 'S3Endpoint',
                service: 's3',
                tables: ['route-table:VaultVpc.PrivateRoutes'],
                actions: [['s3:GetObject', 's3:PutObject']]
            }
        ]);
        expect(t.buckets).toMatchObject([{ name: 'vault-assets', privateTo: ['gateway-endpoint:VaultVpc.S3Endpoint'] }]);
        expect(t.interfaceEndpoints.map(e => ({ service: e.service, privateDns: e.privateDns, subnets: e.subnets.length }))).toEqual([
            { service: 'ssm', privateDns: true, subnets: 2 }
        ]);
        expect(result.report.hasLeftOut).toBe(false);
    });

    it('answers probes as AWS would', () => {
        const s3 = { kind: 'service', service: 's3' } as const;
        const probe = (action: string) => {
            const from = t.instances.find(i => i.name === 'Worker')!.id;
            return {
                kind: 'probe' as const,
                id: 'probe:x',
                name: 'x',
                text: 'x',
                source: { kind: 'instance' as const, instance: from },
                destination: s3,
                protocol: 'tcp' as const,
                port: 443,
                request: { action, resource: 'arn:aws:s3:::vault-assets/report.csv' }
            };
        };
        // The gateway endpoint's prefix-list route, a policy allowing GetObject on vault-assets/*, and a bucket private to that endpoint.
        t.probes = [probe('s3:GetObject'), probe('s3:DeleteObject')];
        expect(verdict(t, 'Worker', s3, 'tcp', 443)).toBe('ACCEPT');
        // Private DNS on (DNS support by default, hostnames on): ssm resolves to the endpoint, whose group admits 443 from the VPC.
        expect(verdict(t, 'Worker', { kind: 'service', service: 'ssm' }, 'tcp', 443)).toBe('ACCEPT');
        // No internet gateway and no NAT: nothing routes 8.8.8.8.
        expect(verdict(t, 'Worker', { kind: 'internet', address: '8.8.8.8' }, 'tcp', 443)).toBe('REJECT NO_ROUTE');
    });
});

describe('import cloudformation: what it cannot import, and input it refuses', () => {
    const template = (body: string, file = 't.yaml'): TemplateText => ({ file, text: body });
    const refused = async (texts: TemplateText[]) => {
        try {
            await convertTemplates(texts);
        } catch (error) {
            expect(error).toBeInstanceOf(ImportError);
            return (error as Error).message;
        }
        throw new Error('not refused');
    };

    it('lists an unresolved Fn::ImportValue and a nested stack as left out', async () => {
        const result = await convertTemplates([
            template(`Resources:
  Nested:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: https://example.com/network.yaml }
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: !ImportValue network-cidr }
`)
        ]);
        expect(result.report.lines()).toEqual([
            't.yaml:5: left out: AWS::EC2::VPC Vpc (CidrBlock: Fn::ImportValue network-cidr: no template given exports it)',
            't.yaml:2: left out: AWS::CloudFormation::Stack Nested (a nested stack from a URL: its template is not read (save it beside this template and name it by a relative TemplateURL))'
        ]);
    });

    it('refuses malformed YAML and JSON with file:line:column', async () => {
        expect(await refused([template('Resources:\n  A: [1, 2\n')])).toMatch(/^t\.yaml:\d+:\d+: not valid YAML/);
        expect(await refused([template('{\n  "Resources": {\n    "A": }\n}', 't.json')])).toBe(
            't.json:3:10: not valid JSON: expected a value'
        );
    });

    it('refuses the shapes CloudFormation refuses: Resources a list or empty, Properties null or not a mapping', async () => {
        expect(await refused([template('Resources: [1, 2]\n')])).toBe(
            't.yaml: Resources is a list; CloudFormation reads it as a mapping of logical IDs to resources'
        );
        expect(await refused([template('{"Resources": {}}', 't.json')])).toBe(
            't.json: Resources is empty; a template declares at least one resource'
        );
        expect(await refused([template('Resources:\n  A:\n    Type: AWS::EC2::VPC\n    Properties:\n')])).toBe(
            't.yaml:2: resource A: Properties is empty (null)'
        );
        expect(await refused([template('Resources:\n  A:\n    Type: AWS::EC2::VPCCidrBlock\n    Properties: [CidrBlock]\n')])).toBe(
            't.yaml:2: resource A: Properties is not a mapping'
        );
    });

    it('refuses unknown tags and intrinsics', async () => {
        expect(await refused([template('Resources:\n  A:\n    Type: AWS::EC2::VPC\n    Properties: { CidrBlock: !Reference X }\n')])).toBe(
            "t.yaml:4:30: unknown tag !Reference: CloudFormation's short forms are " +
                '!Ref !Condition !Sub !GetAtt !Join !Select !Split !GetAZs !Cidr !If !Equals !And !Or !Not !FindInMap !Base64 !ImportValue'
        );
        expect(
            await refused([
                template('Resources:\n  A:\n    Type: AWS::EC2::VPC\n    Properties: { CidrBlock: { "Fn::Concat": [a, b] } }\n')
            ])
        ).toBe('t.yaml:2: unknown intrinsic function Fn::Concat');
    });

    it('refuses Ref cycles, as CloudFormation does', async () => {
        expect(
            await refused([
                template(`Resources:
  A:
    Type: AWS::EC2::SecurityGroup
    Properties: { GroupDescription: a, VpcId: !Ref B }
  B:
    Type: AWS::EC2::SecurityGroup
    Properties: { GroupDescription: b, VpcId: !GetAtt A.VpcId }
`)
            ])
        ).toMatch(/^t\.yaml:2: reference cycle between resources: A → B → A/);
    });

    it('refuses a 20 MB template in one line', async () => {
        const message = await refused([template(`Resources: {}\n# ${'x'.repeat(20 * 1024 * 1024)}\n`)]);
        expect(message).toBe('t.yaml: 20.0 MB is larger than CloudFormation accepts (1 MB); not a template');
    });
});

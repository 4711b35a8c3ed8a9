/** `vpc-lab export --format cloudformation`: templates CloudFormation would take, and what they say. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { yamlTemplate } from '../../src/interop/cloudformation/template.js';
import { describe, expect, it } from 'vitest';
import { exportCloudFormation } from '../../src/interop/cloudformation/export/index.js';
import { check } from '../helpers.js';
import { root, vpcLab } from '../cli/run.js';
import { templateProblems } from './cloudformation-spec.js';

type Template = {
    Resources: Record<
        string,
        { Type: string; Condition?: string; Properties: Record<string, unknown>; Metadata?: Record<string, unknown> }
    >;
    Parameters?: Record<string, unknown>;
    Outputs?: Record<string, unknown>;
};

async function exported(text: string | Record<string, string>) {
    const checked = await check(text);
    return exportCloudFormation(checked.services.workspace.WorkspaceModel.get().topology);
}

function ofType(template: Template, type: string) {
    return Object.entries(template.Resources).filter(([, r]) => r.Type === type);
}

const examples = readdirSync(join(root, 'examples')).filter(f => f.endsWith('.vpc'));

describe('CloudFormation export', () => {
    it.each(examples)(
        '%s: every type, property, required property, attribute and reference is in the resource specification',
        async file => {
            const { templates } = await exported({ [file]: readFileSync(join(root, 'examples', file), 'utf8') });
            expect(templates.length).toBeGreaterThan(0);
            for (const template of templates) {
                expect(templateProblems(template.json as never), template.name).toEqual([]);
                // The YAML says what the data says.
                expect(yamlTemplate(template.name, template.text).body).toEqual(JSON.parse(JSON.stringify(template.json)));
            }
        }
    );

    it.each(examples)(
        "%s: a resource that names another stack's output, or a resource made only once one is given, is made only once it is given",
        async file => {
            const { templates } = await exported({ [file]: readFileSync(join(root, 'examples', file), 'utf8') });
            for (const template of templates) {
                const json = template.json as unknown as Template & { Metadata: { 'vpc-lab': { StackParameters?: object } } };
                const crossStack = new Set(Object.keys(json.Metadata['vpc-lab'].StackParameters ?? {}));
                for (const [id, resource] of Object.entries(json.Resources)) {
                    // What the resource names, read from its text: Ref, the first item of Fn::GetAtt, and ${…} in Fn::Sub strings.
                    const text = JSON.stringify(resource.Properties ?? {});
                    const names = [
                        ...[...text.matchAll(/"Ref":"([^"]+)"/g)].map(m => m[1]!),
                        ...[...text.matchAll(/"Fn::GetAtt":\["([^"]+)"/g)].map(m => m[1]!),
                        ...[...text.matchAll(/\$\{([^!}.][^}.]*)[^}]*\}/g)].map(m => m[1]!)
                    ];
                    for (const name of names)
                        if (crossStack.has(name) || json.Resources[name]?.Condition)
                            expect(resource.Condition, `${template.name}: ${id} names ${name}`).toBeDefined();
                }
            }
        }
    );

    it("subnets take their IPv6 /64 at the design's position inside the Amazon-provided block", async () => {
        const { templates } = await exported(`vpc app { cidr 10.0.0.0/16  ipv6 2600:1f18:1234:ab00::/56
            subnet a az us-east-1a { cidr 10.0.1.0/24  ipv6 2600:1f18:1234:ab05::/64 } }`);
        const json = templates[0]!.json as unknown as Template;
        const [, subnet] = ofType(json, 'AWS::EC2::Subnet')[0]!;
        // ab05 - ab00 = 5: the sixth /64 of the /56; a /56 holds 256 of them.
        expect(subnet.Properties.Ipv6CidrBlock).toEqual({
            'Fn::Select': ['5', { 'Fn::Cidr': [{ 'Fn::Select': ['0', { 'Fn::GetAtt': ['AppVpc', 'Ipv6CidrBlocks'] }] }, 256, '64'] }]
        });
        const [blockId, block] = ofType(json, 'AWS::EC2::VPCCidrBlock')[0]!;
        expect(block.Properties).toMatchObject({ AmazonProvidedIpv6CidrBlock: true });
        expect(block.Metadata).toEqual({ 'vpc-lab': { DesignIpv6CidrBlock: '2600:1f18:1234:ab00::/56' } });
        expect((subnet as { DependsOn?: string[] }).DependsOn).toContain(blockId);
    });

    it('the subnets that use a written main route table are associated with it, since CloudFormation cannot replace the main table', async () => {
        const { templates } = await exported(`vpc app { cidr 10.0.0.0/16
            subnet a az us-east-1a { cidr 10.0.1.0/24 }
            subnet b az us-east-1b { cidr 10.0.2.0/24  route-table other }
            internet-gateway igw
            route-table public main { route 0.0.0.0/0 -> igw }
            route-table other }`);
        const json = templates[0]!.json as unknown as Template;
        const associations = ofType(json, 'AWS::EC2::SubnetRouteTableAssociation').map(([, r]) => r.Properties);
        expect(associations).toContainEqual({ SubnetId: { Ref: 'AppASubnet' }, RouteTableId: { Ref: 'AppPublicRouteTable' } });
        expect(associations).toContainEqual({ SubnetId: { Ref: 'AppBSubnet' }, RouteTableId: { Ref: 'AppOtherRouteTable' } });
        const [, route] = ofType(json, 'AWS::EC2::Route')[0]!;
        expect(route.Properties).toMatchObject({ DestinationCidrBlock: '0.0.0.0/0', GatewayId: { Ref: 'AppIgw' } });
        // A route to an internet gateway fails until the gateway is attached.
        expect((route as { DependsOn?: string[] }).DependsOn).toEqual(['AppIgwAttachment']);
    });

    it("egress: none written keeps AWS's default; only group references drop it with a loopback rule; rules naming groups as separate resources", async () => {
        const { templates } = await exported(`vpc app { cidr 10.0.0.0/16
            security-group open { ingress tcp 22 from sg web  ingress tcp 443 from 0.0.0.0/0  ingress icmp from ::/0 }
            security-group web { egress tcp 5432 to sg db }
            security-group db { egress tcp 443 to 0.0.0.0/0 } }`);
        const json = templates[0]!.json as unknown as Template;
        const group = (name: string) => json.Resources[name]!.Properties;
        expect(group('AppOpenSg').SecurityGroupEgress).toBeUndefined();
        expect(group('AppOpenSg').SecurityGroupIngress).toEqual([
            { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' },
            { IpProtocol: 'icmpv6', FromPort: -1, ToPort: -1, CidrIpv6: '::/0' }
        ]);
        expect(group('AppWebSg').SecurityGroupEgress).toEqual([expect.objectContaining({ IpProtocol: '-1', CidrIp: '127.0.0.1/32' })]);
        expect(group('AppDbSg').SecurityGroupEgress).toEqual([{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }]);
        expect(ofType(json, 'AWS::EC2::SecurityGroupIngress').map(([, r]) => r.Properties)).toEqual([
            {
                GroupId: { 'Fn::GetAtt': ['AppOpenSg', 'GroupId'] },
                IpProtocol: 'tcp',
                FromPort: 22,
                ToPort: 22,
                SourceSecurityGroupId: { 'Fn::GetAtt': ['AppWebSg', 'GroupId'] }
            }
        ]);
        expect(ofType(json, 'AWS::EC2::SecurityGroupEgress').map(([, r]) => r.Properties)).toEqual([
            {
                GroupId: { 'Fn::GetAtt': ['AppWebSg', 'GroupId'] },
                IpProtocol: 'tcp',
                FromPort: 5432,
                ToPort: 5432,
                DestinationSecurityGroupId: { 'Fn::GetAtt': ['AppDbSg', 'GroupId'] }
            }
        ]);
    });

    it('network ACL entries use protocol numbers, and ICMP takes all types and codes', async () => {
        const { templates } = await exported(`vpc app { cidr 10.0.0.0/16
            subnet a az us-east-1a { cidr 10.0.1.0/24  network-acl edge }
            network-acl edge { inbound 100 allow tcp 443 from 0.0.0.0/0
                outbound 100 allow tcp 1024-65535 to 0.0.0.0/0
                inbound 200 deny icmp from 10.9.0.0/16 } }`);
        const json = templates[0]!.json as unknown as Template;
        const entries = ofType(json, 'AWS::EC2::NetworkAclEntry').map(([, r]) => r.Properties);
        expect(entries).toContainEqual({
            NetworkAclId: { Ref: 'AppEdgeNetworkAcl' },
            RuleNumber: 100,
            Protocol: '6',
            RuleAction: 'allow',
            Egress: false,
            CidrBlock: '0.0.0.0/0',
            PortRange: { From: 443, To: 443 }
        });
        expect(entries).toContainEqual(expect.objectContaining({ RuleNumber: 100, Egress: true, PortRange: { From: 1024, To: 65535 } }));
        expect(entries).toContainEqual(
            expect.objectContaining({ RuleNumber: 200, Protocol: '1', RuleAction: 'deny', Icmp: { Code: -1, Type: -1 } })
        );
        expect(ofType(json, 'AWS::EC2::SubnetNetworkAclAssociation')).toHaveLength(1);
    });

    it('probes become Reachability Analyzer paths; ICMP and IPv6 destinations are listed as not exported', async () => {
        const { templates, notExported } = await exported(`vpc app { cidr 10.0.0.0/16  ipv6 2600:1f18::/56
            subnet a az us-east-1a { cidr 10.0.1.0/24 }
            internet-gateway igw
            instance web subnet a { ip 10.0.1.10  public-ip 54.0.0.10 }
            instance db subnet a { ip 10.0.1.20 } }
            probe web -> db tcp 5432
            probe internet -> web tcp 443
            probe web -> internet 8.8.8.8 udp 53
            probe web -> db icmp
            probe web -> internet 2001:4860:4860::8888 tcp 443`);
        const json = templates[0]!.json as unknown as Template;
        const paths = ofType(json, 'AWS::EC2::NetworkInsightsPath').map(([, r]) => r.Properties);
        expect(paths).toEqual([
            expect.objectContaining({ Protocol: 'tcp', Source: { Ref: 'AppWeb' }, Destination: { Ref: 'AppDb' }, DestinationPort: 5432 }),
            expect.objectContaining({ Protocol: 'tcp', Source: { Ref: 'AppIgw' }, Destination: { Ref: 'AppWeb' }, DestinationPort: 443 }),
            expect.objectContaining({
                Protocol: 'udp',
                Source: { Ref: 'AppWeb' },
                Destination: { Ref: 'AppIgw' },
                DestinationIp: '8.8.8.8',
                DestinationPort: 53
            })
        ]);
        expect(notExported.map(n => n.why)).toEqual([
            'Reachability Analyzer analyses TCP and UDP paths, not icmp',
            'Reachability Analyzer takes IPv4 destination addresses only'
        ]);
    });

    it("a peering across accounts: the accepter's VPC id and the peering id cross stacks as parameters and outputs, and what needs them waits for them", async () => {
        const { templates } = await exported(`account a id "111111111111"
            account b id "222222222222"
            vpc one account a { cidr 10.0.0.0/16  subnet s az us-east-1a { cidr 10.0.1.0/24  route-table rt }
                route-table rt { route 10.1.0.0/16 -> p } }
            vpc two account b { cidr 10.1.0.0/16  subnet s az us-east-1a { cidr 10.1.1.0/24  route-table rt }
                route-table rt { route 10.0.0.0/16 -> p } }
            peering p requester one accepter two`);
        expect(templates.map(t => t.name)).toEqual(['a-us-east-1.yaml', 'b-us-east-1.yaml']);
        const [a, b] = templates.map(t => t.json as unknown as Template & { Conditions?: Record<string, unknown> });
        const [, peering] = ofType(a!, 'AWS::EC2::VPCPeeringConnection')[0]!;
        expect(peering.Properties).toMatchObject({
            VpcId: { Ref: 'OneVpc' },
            PeerVpcId: { Ref: 'TwoVpcId' },
            PeerOwnerId: '222222222222',
            PeerRoleArn: { Ref: 'PPeerRoleArn' }
        });
        expect(peering.Condition).toBe('HasTwoVpcId');
        expect(b!.Outputs).toHaveProperty('TwoVpcId');
        const [, route] = ofType(b!, 'AWS::EC2::Route')[0]!;
        expect(route.Properties.VpcPeeringConnectionId).toEqual({ Ref: 'PPeeringId' });
        expect(route.Condition).toBe('HasPPeeringId');
        expect(a!.Outputs).toHaveProperty('PPeeringId');
        expect((a!.Outputs!.PPeeringId as { Condition?: string }).Condition).toBe('HasTwoVpcId');
        for (const template of templates) expect(templateProblems(template.json as never)).toEqual([]);
    });
});

describe('vpc-lab export', () => {
    it('writes one template per account and region, lists what it left out on stderr and in the templates, and exits 1 for it', () => {
        const out = join(mkdtempSync(join(tmpdir(), 'vpc-export-')), 'out');
        const run = vpcLab(['export', 'examples/tour.vpc', '--format', 'cloudformation', '-o', out]);
        expect(run.code).toBe(1);
        expect(readdirSync(out).sort()).toEqual([
            '123456789012-eu-west-1.yaml',
            '123456789012-us-east-1.yaml',
            'prod-us-east-1.yaml',
            'shared-us-east-1.yaml'
        ]);
        expect(run.stderr).toMatch(/^examples\/tour\.vpc:\d+: not exported: dns-resolution on/m);
        expect(readFileSync(join(out, 'prod-us-east-1.yaml'), 'utf8')).toMatch(/^# Not exported/);
    });

    it('never writes over a file: exit 2 and nothing written', () => {
        const out = mkdtempSync(join(tmpdir(), 'vpc-export-'));
        writeFileSync(join(out, '123456789012-us-east-1.yaml'), 'mine');
        const file = join(out, 'in.vpc');
        writeFileSync(file, 'vpc app { cidr 10.0.0.0/16 }\n');
        const run = vpcLab(['export', file, '--format', 'cloudformation', '-o', out]);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain('already exists; nothing was written');
        expect(readFileSync(join(out, '123456789012-us-east-1.yaml'), 'utf8')).toBe('mine');
    });

    it('says what it wrote in the singular when there is one, and that nothing was written for a design with nothing to deploy', () => {
        const dir = mkdtempSync(join(tmpdir(), 'vpc-export-in-'));
        writeFileSync(join(dir, 'logs.vpc'), 'bucket logs\n');
        writeFileSync(join(dir, 'accounts.vpc'), 'account prod id "111111111111"\n');
        const one = vpcLab(['export', join(dir, 'logs.vpc'), '--format', 'cloudformation', '-o', join(dir, 'one')]);
        expect(one.code).toBe(0);
        expect(one.stdout).toMatch(/^Wrote 1 template \(1 resource\) to .*: 123456789012-us-east-1\.yaml\n$/);
        for (const format of ['cloudformation', 'terraform']) {
            const out = join(dir, `none-${format}`);
            const none = vpcLab(['export', join(dir, 'accounts.vpc'), '--format', format, '-o', out]);
            expect(none.code).toBe(0);
            expect(none.stdout).toBe(`Nothing written to ${out}: the design has nothing to deploy (no VPC, transit gateway or bucket)\n`);
            expect(existsSync(out)).toBe(false);
        }
    });

    it('refuses a design AWS would refuse, and writes nothing', () => {
        const out = join(mkdtempSync(join(tmpdir(), 'vpc-export-')), 'out');
        const file = join(mkdtempSync(join(tmpdir(), 'vpc-export-in-')), 'bad.vpc');
        writeFileSync(file, 'vpc app { cidr 10.0.0.0/16  subnet a az us-east-1a { cidr 10.1.0.0/24 } }\n');
        const run = vpcLab(['export', file, '--format', 'cloudformation', '-o', out]);
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/the design has 1 error .*subnet/);
        expect(existsSync(out)).toBe(false);
    });
});

/** The export of transit gateways, load balancers, endpoint services and customer prefix lists: what the templates say. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportCloudFormation } from '../../src/interop/cloudformation/export/index.js';
import { check } from '../helpers.js';
import { root } from '../cli/run.js';

type Resource = { Type: string; Properties: Record<string, unknown>; Metadata?: Record<string, unknown>; DependsOn?: string[] };

async function resources(text: string) {
    const checked = await check(text);
    const out = exportCloudFormation(checked.services.workspace.WorkspaceModel.get().topology);
    return { out, all: out.templates.flatMap(t => Object.entries((t.json.Resources ?? {}) as Record<string, Resource>)) };
}

const ofType = (all: Array<[string, Resource]>, type: string) => all.filter(([, r]) => r.Type === type);

describe('CloudFormation export of the hubs', () => {
    it('a written default table becomes an explicit one, with the default associations and propagations spelled out', async () => {
        const { all } = await resources(readFileSync(join(root, 'examples', 'transit-hub.vpc'), 'utf8'));
        const [[, tgw]] = ofType(all, 'AWS::EC2::TransitGateway') as [[string, Resource]];
        // No Fn::GetAtt gives the default table's id, so the gateway makes none.
        expect(tgw.Properties).toMatchObject({ DefaultRouteTableAssociation: 'disable', DefaultRouteTablePropagation: 'disable' });
        expect(ofType(all, 'AWS::EC2::TransitGatewayRouteTable')).toHaveLength(3);
        // default: spoke-a and spoke-b (named by no table); shared: hub; isolated: sandbox.
        expect(ofType(all, 'AWS::EC2::TransitGatewayRouteTableAssociation')).toHaveLength(4);
        // default: all four; shared: three spokes; isolated: the hub.
        expect(ofType(all, 'AWS::EC2::TransitGatewayRouteTablePropagation')).toHaveLength(8);
        const routes = ofType(all, 'AWS::EC2::TransitGatewayRoute').map(([, r]) => r.Properties);
        // The blackhole, and the static route that sends the legacy VPC's block to the hub's attachment.
        expect(routes).toEqual([
            expect.objectContaining({ DestinationCidrBlock: '10.3.0.0/16', Blackhole: true }),
            expect.objectContaining({ DestinationCidrBlock: '10.9.0.0/16', TransitGatewayAttachmentId: { Ref: 'HubCoreAttTgwAttachment' } })
        ]);
        // A VPC route to the gateway waits for the VPC's attachment.
        const toTgw = ofType(all, 'AWS::EC2::Route').filter(([, r]) => r.Properties.TransitGatewayId !== undefined);
        expect(toTgw).toHaveLength(4);
        for (const [, r] of toTgw)
            expect(all.find(([id]) => id === r.DependsOn?.[0])?.[1].Type).toBe('AWS::EC2::TransitGatewayVpcAttachment');
    });

    it('a gateway whose default table the design leaves alone keeps AWS defaults and makes no table', async () => {
        const { all } = await resources(`transit-gateway t region us-east-1 { }
vpc a region us-east-1 {
  cidr 10.0.0.0/16
  subnet s az us-east-1a { cidr 10.0.1.0/24 }
  transit-gateway-attachment att transit-gateway t { subnets s }
}`);
        expect(ofType(all, 'AWS::EC2::TransitGateway')[0]![1].Properties).toMatchObject({
            DefaultRouteTableAssociation: 'enable',
            DefaultRouteTablePropagation: 'enable'
        });
        expect(ofType(all, 'AWS::EC2::TransitGatewayRouteTable')).toEqual([]);
        expect(ofType(all, 'AWS::EC2::TransitGatewayVpcAttachment')).toHaveLength(1);
    });

    it('endpoint service: principals as ARNs, accepted endpoints in Metadata, consumers name it com.amazonaws.vpce.REGION.ID', async () => {
        const { all } = await resources(readFileSync(join(root, 'examples', 'saas-privatelink.vpc'), 'utf8'));
        const [[serviceId, service]] = ofType(all, 'AWS::EC2::VPCEndpointService') as [[string, Resource]];
        expect(service.Properties.AcceptanceRequired).toBe(true);
        expect(service.Metadata).toEqual({
            'vpc-lab': { AcceptedEndpoints: [{ Account: '222222222222', Region: 'us-east-1', LogicalId: 'AcmeAppVendorApiEndpoint' }] }
        });
        expect(ofType(all, 'AWS::EC2::VPCEndpointServicePermissions')[0]![1].Properties).toEqual({
            ServiceId: { Ref: serviceId },
            AllowedPrincipals: ['arn:aws:iam::222222222222:root']
        });
        // Both consumers are other accounts' stacks: the service id is a parameter there.
        const names = ofType(all, 'AWS::EC2::VPCEndpoint').map(([, r]) => r.Properties.ServiceName as { 'Fn::Sub': string });
        expect(names).toHaveLength(2);
        for (const n of names) expect(n['Fn::Sub']).toMatch(/^com\.amazonaws\.vpce\.\$\{AWS::Region\}\.\$\{\w+\}$/);
        const nlb = ofType(all, 'AWS::ElasticLoadBalancingV2::LoadBalancer')[0]![1];
        expect(nlb.Properties).toMatchObject({ Type: 'network', Scheme: 'internal' });
        expect(nlb.Properties.SecurityGroups).toBeUndefined();
    });

    it('a listener forwards to a target group of its targets on the target port; HTTPS takes a certificate parameter', async () => {
        const { out, all } = await resources(readFileSync(join(root, 'examples', 'three-tier.vpc'), 'utf8'));
        const [[, listener]] = ofType(all, 'AWS::ElasticLoadBalancingV2::Listener') as [[string, Resource]];
        expect(listener.Properties).toMatchObject({ Protocol: 'HTTPS', Port: 443 });
        expect(listener.Properties.Certificates).toEqual([{ CertificateArn: { Ref: expect.any(String) } }]);
        const [[, group]] = ofType(all, 'AWS::ElasticLoadBalancingV2::TargetGroup') as [[string, Resource]];
        expect(group.Properties).toMatchObject({ Protocol: 'HTTP', Port: 8080, TargetType: 'instance' });
        expect(group.Properties.Targets).toEqual([
            { Id: { Ref: 'ShopApp1' }, Port: 8080 },
            { Id: { Ref: 'ShopApp2' }, Port: 8080 }
        ]);
        expect(out.templates[0]!.json.Parameters).toHaveProperty(
            String((listener.Properties.Certificates as Array<{ CertificateArn: { Ref: string } }>)[0]!.CertificateArn.Ref)
        );
    });

    it('a customer prefix list is written and the rules that name it refer to it', async () => {
        const { all } = await resources(`vpc a region us-east-1 {
  cidr 10.0.0.0/16
  prefix-list office max-entries 5 { 192.0.2.0/24, 198.51.100.0/24 }
  security-group web { ingress tcp 443 from prefix-list office }
}`);
        const [[listId, list]] = ofType(all, 'AWS::EC2::PrefixList') as [[string, Resource]];
        expect(list.Properties).toMatchObject({
            AddressFamily: 'IPv4',
            MaxEntries: 5,
            Entries: [{ Cidr: '192.0.2.0/24' }, { Cidr: '198.51.100.0/24' }]
        });
        // On the group itself, as a CIDR block's rule is: only rules naming another group are resources of their own.
        expect(ofType(all, 'AWS::EC2::SecurityGroupIngress')).toEqual([]);
        const [[, group]] = ofType(all, 'AWS::EC2::SecurityGroup') as [[string, Resource]];
        expect(group.Properties.SecurityGroupIngress).toEqual([
            { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, SourcePrefixListId: { Ref: listId } }
        ]);
    });
});

/**
 * The CloudFormation importer on transit gateways, load balancers, an endpoint service and a
 * customer-managed prefix list. Expected model reasoned from the resource reference pages: a
 * gateway with both defaults `disable` has only the tables written; an ELBv2 load balancer with
 * no Type is an internet-facing application one; a TargetGroup's Targets register with its Port.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertTemplates } from '../../src/interop/cloudformation/index.js';
import { HANDLED } from '../../src/interop/cloudformation/handled.js';
import { HUB_TYPES } from '../../src/interop/cloudformation/hubs.js';
import { printProblems, printTopology } from '../../src/printer/index.js';
import { modelOf, normalize } from '../printer/support.js';

const result = await convertTemplates([
    { file: 'hubs.yaml', text: readFileSync(new URL('../fixtures/cloudformation/hubs.yaml', import.meta.url), 'utf8') }
]);
const t = result.topology;

describe('import cloudformation: transit gateway, load balancers, endpoint service, prefix list', () => {
    it('builds the gateway with its own table: associations, propagation, static and blackhole routes', () => {
        expect(t.transitGateways.map(g => [g.id, g.defaultAssociation, g.defaultPropagation, g.routeTables.map(r => r.name)])).toEqual([
            ['transit-gateway:Tgw', false, false, ['TgwTable']]
        ]);
        const table = t.transitGateways[0]!.routeTables[0]!;
        expect(table.associations.map(a => a.value)).toEqual([
            'transit-gateway-attachment:AppVpc.AppAttachment',
            'transit-gateway-attachment:SpokeVpc.SpokeAttachment'
        ]);
        expect(table.propagations.map(a => a.value)).toEqual(['transit-gateway-attachment:AppVpc.AppAttachment']);
        expect(table.routes.map(r => [r.destination.value, r.blackhole, r.target?.id])).toEqual([
            ['10.1.0.0/16', false, 'transit-gateway-attachment:SpokeVpc.SpokeAttachment'],
            ['10.66.0.0/16', true, undefined]
        ]);
        expect(t.transitGatewayAttachments.map(a => [a.id, a.subnets.map(s => s.value), a.applianceMode])).toEqual([
            ['transit-gateway-attachment:AppVpc.AppAttachment', ['subnet:AppVpc.PublicA', 'subnet:AppVpc.PublicB'], false],
            ['transit-gateway-attachment:SpokeVpc.SpokeAttachment', ['subnet:SpokeVpc.SpokeA'], true]
        ]);
    });

    it('routes to the gateway, a customer-managed list as destination copied into the VPC that names it', () => {
        expect(t.routeTables.find(r => r.name === 'SpokeRouteTable')!.routes.map(r => [r.destination, r.target?.id])).toEqual([
            [{ kind: 'cidr', cidr: '10.0.0.0/16' }, 'transit-gateway:Tgw'],
            [{ kind: 'prefix-list', service: 'Office', region: 'us-east-1', list: 'prefix-list:SpokeVpc.Office' }, 'transit-gateway:Tgw']
        ]);
        expect(t.prefixLists.map(p => [p.id, p.maxEntries, p.entries.map(e => e.value)])).toEqual([
            ['prefix-list:AppVpc.Office', 10, ['203.0.113.0/24', '198.51.100.0/24']],
            ['prefix-list:SpokeVpc.Office', 10, ['203.0.113.0/24', '198.51.100.0/24']]
        ]);
        expect(t.securityGroups.find(g => g.name === 'AlbSg')!.rules[0]!.peer).toEqual({
            kind: 'prefix-list',
            service: 'Office',
            region: 'us-east-1',
            list: 'prefix-list:AppVpc.Office'
        });
    });

    it('builds the ALB and NLB with their listeners and registered targets', () => {
        expect(
            t.loadBalancers.map(l => [
                l.id,
                l.type,
                l.scheme,
                l.securityGroups,
                l.listeners.map(x => [x.protocol, x.port, x.targets, x.targetPort])
            ])
        ).toEqual([
            [
                'load-balancer:AppVpc.Alb',
                'application',
                'internet-facing',
                ['security-group:AppVpc.AlbSg'],
                [
                    ['https', 443, [{ kind: 'instance', instance: 'instance:AppVpc.Web1' }], 8080],
                    // The redirect listener answers on port 80 itself: there, with nothing behind it.
                    ['http', 80, [], 80]
                ]
            ],
            ['load-balancer:AppVpc.Nlb', 'network', 'internal', [], [['tcp', 443, [{ kind: 'ip', address: '10.0.0.20' }], 8443]]]
        ]);
    });

    it('offers the NLB as an endpoint service to the principal its permissions name', () => {
        expect(t.endpointServices.map(s => [s.id, s.loadBalancer, s.allowedPrincipals.map(p => p.value), s.acceptanceRequired])).toEqual([
            ['endpoint-service:AppVpc.ApiService', 'load-balancer:AppVpc.Nlb', ['arn:aws:iam::222222222222:root'], true]
        ]);
    });

    it('names the endpoint service from the consumer VPC as VPC.NAME', () => {
        expect(t.interfaceEndpoints.map(e => [e.id, e.service, e.region])).toEqual([
            ['interface-endpoint:SpokeVpc.SpokeApiEndpoint', 'AppVpc.ApiService', 'us-east-1']
        ]);
    });

    it('lists the redirect action and the endpoint of a service outside the templates as left out', () => {
        expect(result.report.lines()).toEqual([
            'hubs.yaml:149: left out: the redirect action of AWS::ElasticLoadBalancingV2::Listener HttpListener (the language forwards a listener to its targets only)',
            'hubs.yaml:204: left out: AWS::EC2::VPCEndpoint ForeignEndpoint (its endpoint service com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0 is not in the templates given)'
        ]);
    });

    it('prints text that reads back to the same model', async () => {
        expect(printProblems(t)).toEqual([]);
        const back = await modelOf(printTopology(t, { comments: result.comments }));
        expect(back.problems).toEqual([]);
        expect(normalize(back.topology)).toEqual(normalize(t));
    });

    it('reads only types and properties of the resource specification (checked by the handled test)', () => {
        expect([...HUB_TYPES].filter(type => !(type in HANDLED))).toEqual([]);
    });
});

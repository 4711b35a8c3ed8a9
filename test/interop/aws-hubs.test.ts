/**
 * The describe-* importer on transit gateways, load balancers, endpoint services and
 * customer-managed prefix lists. The expected model is reasoned from the EC2 and Elastic Load
 * Balancing API references: which table an attachment is associated with and propagates into,
 * which targets a listener forwards to, who may connect to an endpoint service.
 */
import { describe, expect, it } from 'vitest';
import { importAws, printCommands } from '../../src/interop/aws/index.js';
import { effectiveTgwTables } from '../../src/model/transit.js';
import { printProblems, printTopology } from '../../src/printer/index.js';
import { hubs } from '../fixtures/aws/hubs.js';
import { modelOf, normalize } from '../printer/support.js';
import { writeFixture } from './helpers.js';

describe('import aws: transit gateway, load balancers, endpoint service, prefix list', async () => {
    const result = await importAws(writeFixture(hubs));
    const t = result.topology;

    it('attaches both VPCs to the gateway, the default table associating and propagating both', () => {
        expect(t.transitGatewayAttachments.map(a => [a.id, a.transitGateway, a.subnets.map(s => s.value), a.applianceMode])).toEqual([
            ['transit-gateway-attachment:app.app-att', 'transit-gateway:core', ['subnet:app.app-a', 'subnet:app.app-b'], false],
            ['transit-gateway-attachment:shared.shared-att', 'transit-gateway:core', ['subnet:shared.shared-a'], true]
        ]);
        const core = t.transitGateways.find(g => g.name === 'core')!;
        expect(core).toMatchObject({ account: '111111111111', region: 'us-east-1', defaultAssociation: true, defaultPropagation: true });
        // Default association and propagation are on: AWS puts every attachment in the default table.
        expect(effectiveTgwTables(t, core)).toEqual([
            {
                id: 'transit-gateway:core/default',
                name: 'default',
                associations: ['transit-gateway-attachment:app.app-att', 'transit-gateway-attachment:shared.shared-att'],
                propagations: ['transit-gateway-attachment:app.app-att', 'transit-gateway-attachment:shared.shared-att']
            }
        ]);
        // Static routes only: the propagated one comes from the propagation.
        expect(core.routeTables[0]!.routes.map(r => [r.destination.value, r.blackhole, r.target?.id])).toEqual([
            ['10.66.0.0/16', true, undefined],
            ['10.128.0.0/16', false, 'transit-gateway-peering:to-eu']
        ]);
    });

    it('peers with a gateway outside the snapshot through a stand-in, and routes VPC traffic to the gateway', () => {
        expect(t.transitGatewayPeerings).toEqual([
            {
                kind: 'transit-gateway-peering',
                id: 'transit-gateway-peering:to-eu',
                name: 'to-eu',
                requester: 'transit-gateway:core',
                accepter: 'transit-gateway:tgw-0eu00000000000001'
            }
        ]);
        expect(t.transitGateways.find(g => g.name === 'tgw-0eu00000000000001')).toMatchObject({ region: 'eu-west-1', routeTables: [] });
        const route = (table: string) => t.routeTables.find(r => r.name === table)!.routes.map(r => [r.destination, r.target]);
        expect(route('private')).toEqual([
            [
                { kind: 'cidr', cidr: '10.1.0.0/16' },
                { kind: 'transit-gateway', id: 'transit-gateway:core' }
            ]
        ]);
        expect(route('shared-rt')).toEqual([
            [
                { kind: 'cidr', cidr: '10.0.0.0/8' },
                { kind: 'transit-gateway', id: 'transit-gateway:core' }
            ]
        ]);
    });

    it('reads load balancers with listeners forwarding to their target groups’ registered targets', () => {
        expect(
            t.loadBalancers.map(l => ({
                name: l.name,
                type: l.type,
                scheme: l.scheme,
                subnets: l.subnets.map(s => s.value),
                groups: l.securityGroups,
                listeners: l.listeners.map(x => [x.protocol, x.port, x.targets, x.targetPort])
            }))
        ).toEqual([
            {
                name: 'web-alb',
                type: 'application',
                scheme: 'internet-facing',
                subnets: ['subnet:app.public-a', 'subnet:app.public-b'],
                groups: ['security-group:app.alb-sg'],
                listeners: [
                    [
                        'http',
                        80,
                        [
                            { kind: 'instance', instance: 'instance:app.web-1' },
                            { kind: 'instance', instance: 'instance:app.web-2' }
                        ],
                        8080
                    ],
                    // A redirect answers on its own: the listener is there, with nothing behind it.
                    ['http', 8081, [], 8081]
                ]
            },
            {
                name: 'api-nlb',
                type: 'network',
                scheme: 'internal',
                subnets: ['subnet:app.app-a', 'subnet:app.app-b'],
                groups: [],
                listeners: [['tcp', 443, [{ kind: 'ip', address: '10.0.1.20' }], 8443]]
            }
        ]);
        // The ALB's ENI is the load balancer's now, no stand-in instance; the attachment's ENI is the attachment's.
        expect(t.instances.map(i => i.name)).toEqual(['web-1', 'web-2']);
    });

    it('offers the NLB as an endpoint service that the shared VPC reaches, accepted since its endpoint is available', () => {
        expect(t.endpointServices).toEqual([
            {
                kind: 'endpoint-service',
                id: 'endpoint-service:app.api',
                name: 'api',
                vpc: 'vpc:app',
                loadBalancer: 'load-balancer:app.api-nlb',
                allowedPrincipals: [{ value: 'arn:aws:iam::111111111111:root' }, { value: 'arn:aws:iam::222222222222:role/consumer' }],
                acceptanceRequired: true,
                accepted: [{ value: 'interface-endpoint:shared.api-client' }]
            }
        ]);
        expect(t.interfaceEndpoints.map(e => [e.id, e.service, e.securityGroups, e.securityGroupsExplicit])).toEqual([
            ['interface-endpoint:shared.api-client', 'app.api', ['security-group:shared.~default'], false]
        ]);
    });

    it('copies the customer-managed prefix list into the VPC whose group names it', () => {
        expect(t.prefixLists).toEqual([
            {
                kind: 'prefix-list',
                id: 'prefix-list:app.office',
                name: 'office',
                vpc: 'vpc:app',
                maxEntries: 10,
                entries: [{ value: '203.0.113.0/24' }, { value: '198.51.100.0/24' }]
            }
        ]);
        expect(t.securityGroups.find(g => g.name === 'alb-sg')!.rules[1]!.peer).toEqual({
            kind: 'prefix-list',
            service: 'office',
            region: 'us-east-1',
            list: 'prefix-list:app.office'
        });
    });

    it('lists what the language cannot say, and the stand-in', () => {
        expect(result.report.lines()).toEqual([
            'transit-gateway-attachments.json TransitGatewayAttachments[2]: left out: transit gateway attachment tgw-attach-0vpn0000000001 (vpn) (the language has VPC attachments and TGW peerings only)',
            'transit-gateway-peering-attachments.json TransitGatewayPeeringAttachments[0]: stand-in: transit gateway tgw-0eu00000000000001 (outside the snapshot; a gateway without route tables stands for it)',
            'tgw-propagations-tgw-rtb-0default00000001.json TransitGatewayRouteTablePropagations[2]: left out: propagation of tgw-attach-0vpn0000000001 (vpn) (its attachment is not a VPC attachment of the snapshot)',
            'elbv2-listeners-app-web-alb-50dc6c495c0c9188.json Listeners[1]: left out: the redirect action of listener HTTP 8081 of load balancer web-alb (the language forwards a listener to its targets only)'
        ]);
    });

    it('prints text that reads back to the same model, nothing the printer cannot say', async () => {
        expect(printProblems(t)).toEqual([]);
        const printed = printTopology(t, { comments: result.comments });
        expect(printed).toContain('transit-gateway-attachment shared-att transit-gateway core { subnets shared-a appliance-mode on }');
        expect(printed).toContain('listener http 80 -> web-1, web-2 port 8080');
        const back = await modelOf(printed);
        expect(back.problems).toEqual([]);
        expect(normalize(back.topology)).toEqual(normalize(t));
    });

    it('--print-commands lists the transit gateway, elbv2 and endpoint service calls, naming per-table and per-group files', () => {
        const script = printCommands('us-east-1');
        for (const call of [
            'aws ec2 describe-transit-gateways',
            'aws ec2 describe-transit-gateway-vpc-attachments',
            'aws ec2 describe-transit-gateway-peering-attachments',
            'aws ec2 get-transit-gateway-route-table-associations',
            'aws ec2 search-transit-gateway-routes',
            'aws elbv2 describe-load-balancers',
            'aws elbv2 describe-listeners',
            'aws elbv2 describe-target-health',
            'aws ec2 describe-vpc-endpoint-service-permissions'
        ])
            expect(script).toContain(call);
        expect(script).toContain('tgw-routes-$rtb.json');
    });
});

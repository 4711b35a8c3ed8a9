/**
 * Transit gateway, load balancers, endpoint service and a customer-managed prefix list from
 * Terraform, written from the AWS provider's documented examples. Expected model reasoned from
 * the provider's pages: default association/propagation "disable" leaves only the tables written;
 * `internal = true` makes a load balancer internal; a target group attachment registers its
 * target; `aws_ec2_managed_prefix_list_entry` adds to the list's inline entries.
 */
import { describe, expect, it } from 'vitest';
import { printProblems, printTopology } from '../../../src/printer/index.js';
import { modelOf, normalize } from '../../printer/support.js';
import { importFixture } from './probe.js';

const DIR = 'test/fixtures/terraform/hubs';

describe('transit gateway, load balancers, endpoint service, prefix list', async () => {
    const m = await importFixture(DIR);
    const t = m.topology;

    it('maps the gateway, its written table with associations, propagation, static and blackhole routes', () => {
        // aws_vpc.main took `main` first: the gateway, in the same namespace, is main-2.
        expect(t.transitGateways.map(g => [g.id, g.defaultAssociation, g.defaultPropagation, g.routeTables.map(r => r.name)])).toEqual([
            ['transit-gateway:main-2', false, false, ['hub']]
        ]);
        const hub = t.transitGateways[0]!.routeTables[0]!;
        expect(hub.associations.map(a => a.value)).toEqual([
            'transit-gateway-attachment:main.main',
            'transit-gateway-attachment:spoke.spoke'
        ]);
        expect(hub.propagations.map(a => a.value)).toEqual(['transit-gateway-attachment:main.main']);
        expect(hub.routes.map(r => [r.destination.value, r.blackhole, r.target?.id])).toEqual([
            ['10.20.0.0/16', false, 'transit-gateway-attachment:spoke.spoke'],
            ['10.99.0.0/16', true, undefined]
        ]);
        expect(t.transitGatewayAttachments.map(a => [a.id, a.subnets.map(s => s.value), a.applianceMode])).toEqual([
            ['transit-gateway-attachment:main.main', ['subnet:main.a', 'subnet:main.b'], false],
            ['transit-gateway-attachment:spoke.spoke', ['subnet:spoke.spoke'], true]
        ]);
    });

    it('sends aws_route with transit_gateway_id to the gateway, a customer list destination included', () => {
        expect(t.routeTables.find(r => r.id === 'route-table:main.main')!.routes.map(r => [r.destination, r.target?.id])).toEqual([
            [{ kind: 'cidr', cidr: '10.20.0.0/16' }, 'transit-gateway:main-2'],
            [{ kind: 'prefix-list', service: 'office', region: 'us-east-1', list: 'prefix-list:main.office' }, 'transit-gateway:main-2']
        ]);
        expect(t.prefixLists).toEqual([
            {
                kind: 'prefix-list',
                id: 'prefix-list:main.office',
                name: 'office',
                vpc: 'vpc:main',
                maxEntries: 5,
                entries: [{ value: '203.0.113.0/24' }, { value: '198.51.100.0/24' }]
            }
        ]);
    });

    it('maps the ALB and the NLB with their listeners and registered targets', () => {
        expect(
            t.loadBalancers.map(l => [
                l.id,
                l.type,
                l.scheme,
                l.subnets.length,
                l.securityGroups,
                l.listeners.map(x => [x.protocol, x.port, x.targets, x.targetPort])
            ])
        ).toEqual([
            [
                'load-balancer:main.web',
                'application',
                'internal',
                2,
                ['security-group:main.lb'],
                [['https', 443, [{ kind: 'instance', instance: 'instance:main.web' }], 8080]]
            ],
            ['load-balancer:main.api', 'network', 'internal', 1, [], [['tcp', 443, [{ kind: 'ip', address: '10.10.1.20' }], 8443]]]
        ]);
    });

    it('offers the NLB as an endpoint service with both principals, and names it from the consumer as main.api', () => {
        expect(t.endpointServices.map(s => [s.id, s.loadBalancer, s.allowedPrincipals.map(p => p.value), s.acceptanceRequired])).toEqual([
            [
                'endpoint-service:main.api',
                'load-balancer:main.api',
                ['arn:aws:iam::111111111111:root', 'arn:aws:iam::222222222222:root'],
                false
            ]
        ]);
        expect(t.interfaceEndpoints.map(e => [e.id, e.service])).toEqual([['interface-endpoint:spoke.api', 'main.api']]);
        // aws_vpc_endpoint_connection_accepter accepts the consumer's endpoint.
        expect(t.endpointServices[0]!.accepted).toEqual([{ value: 'interface-endpoint:spoke.api' }]);
    });

    it('says that the list no rule or route names is left out, and nothing else', () => {
        expect(m.notes.map(n => `${n.source} ${n.kind} ${n.what}`)).toEqual([
            'test/fixtures/terraform/hubs/main.tf:125 left-out aws_ec2_managed_prefix_list.unused'
        ]);
    });

    it('prints text that reads back to the same model', async () => {
        expect(printProblems(t)).toEqual([]);
        const back = await modelOf(printTopology(t));
        expect(back.problems).toEqual([]);
        // The mapping adds no implicit default account; the parser does.
        const withoutAccounts = (x: unknown) => ({ ...(x as object), accounts: [] });
        expect(withoutAccounts(normalize(back.topology))).toEqual(withoutAccounts(normalize(t)));
    });
});

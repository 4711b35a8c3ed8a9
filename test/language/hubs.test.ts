/** Transit gateways, load balancers, endpoint services and prefix lists: grammar, scoping, model. */
import { describe, expect, it } from 'vitest';
import { check, expectDiagnostic, expectNo } from '../helpers.js';
import { effectiveTgwTables, endpointServiceOf } from '../../src/model/transit.js';
import { printProblems } from '../../src/printer/index.js';

/** The example of LANGUAGE.md §5, completed with what it leaves out (`...`). */
const SECTION5 = `
account prod id "111111111111"
transit-gateway core account prod region us-east-1 {
    default-association on
    default-propagation on
    route-table default
    route-table inspection {
        associate app.core-att
        propagate app.core-att, shared.core-att
        route 10.99.0.0/16 -> east-west
        route 10.66.0.0/16 blackhole
    }
}
transit-gateway core-eu account prod region eu-west-1
transit-gateway-peering east-west requester core accepter core-eu

vpc app account prod region us-east-1 {
    cidr 10.0.0.0/16
    subnet public-a az us-east-1a { cidr 10.0.0.0/24 route-table public }
    subnet public-b az us-east-1b { cidr 10.0.1.0/24 route-table public }
    subnet private-a az us-east-1a { cidr 10.0.10.0/24 route-table private }
    subnet private-b az us-east-1b { cidr 10.0.11.0/24 route-table private }
    internet-gateway igw
    route-table public { route 0.0.0.0/0 -> igw }
    security-group alb-sg { ingress tcp 443 from prefix-list office }
    instance web-1 subnet private-a { ip 10.0.10.10 }
    instance web-2 subnet private-b { ip 10.0.11.10 }
    instance api-1 subnet private-a { ip 10.0.10.20 }
    transit-gateway-attachment core-att transit-gateway core {
        subnets private-a, private-b
    }
    route-table private { route 10.0.0.0/8 -> core }
    load-balancer web-alb type application scheme internet-facing {
        subnets public-a, public-b
        security-groups alb-sg
        listener https 443 -> web-1, web-2 port 8080
    }
    load-balancer api-nlb type network scheme internal {
        subnets private-a, private-b
        listener tcp 443 -> api-1 port 8443
    }
    endpoint-service api {
        load-balancer api-nlb
        allowed-principals "111111111111", "arn:aws:iam::222222222222:root"
        acceptance-required off
    }
    prefix-list office max-entries 10 {
        203.0.113.0/24, 198.51.100.0/24
    }
}

vpc shared account prod region us-east-1 {
    cidr 10.1.0.0/16
    subnet a az us-east-1a { cidr 10.1.0.0/24 }
    transit-gateway-attachment core-att transit-gateway core { subnets a }
}

vpc consumer region us-east-1 {
    cidr 10.0.0.0/16
    subnet a az us-east-1a { cidr 10.0.1.0/24 }
    subnet b az us-east-1b { cidr 10.0.2.0/24 }
    instance consumer-1 subnet a { ip 10.0.1.10 }
    security-group ep-sg { ingress tcp 443 from 10.0.0.0/16 }
    interface-endpoint vendor-api service app.api { subnets a, b  security-groups ep-sg }
}

probe internet -> load-balancer web-alb tcp 443
probe web-1 -> load-balancer api-nlb tcp 443
probe consumer-1 -> endpoint vendor-api tcp 443
`;

describe('transit gateways, load balancers, endpoint services, prefix lists', () => {
    it('parse and resolve the contract example with no unresolved name or syntax error', async () => {
        const result = await check(SECTION5);
        const broken = result.diagnostics.filter(
            d => d.code === 'syntax' || d.code === 'unresolved-reference' || d.code === 'duplicate-name'
        );
        expect(broken).toEqual([]);
    });

    it('converts a transit gateway with its tables, routes and the implicit default table', async () => {
        const model = (await check(SECTION5)).services.workspace.WorkspaceModel.get().topology;
        const core = model.transitGateways.find(t => t.name === 'core')!;
        expect(core.account).toBe('111111111111');
        expect(core.routeTables.map(t => t.name)).toEqual(['default', 'inspection']);
        const inspection = core.routeTables[1]!;
        expect(inspection.associations.map(a => a.value)).toEqual(['transit-gateway-attachment:app.core-att']);
        expect(inspection.propagations.map(a => a.value)).toEqual([
            'transit-gateway-attachment:app.core-att',
            'transit-gateway-attachment:shared.core-att'
        ]);
        expect(inspection.routes.map(r => [r.destination.value, r.target?.kind, r.target?.id, r.blackhole])).toEqual([
            ['10.99.0.0/16', 'transit-gateway-peering', 'transit-gateway-peering:east-west', false],
            ['10.66.0.0/16', undefined, undefined, true]
        ]);
        const euDefault = model.transitGateways.find(t => t.name === 'core-eu')!.routeTables;
        expect(euDefault.map(t => [t.name, t.implicit])).toEqual([['default', true]]);
        const peering = model.transitGatewayPeerings[0]!;
        expect([peering.requester, peering.accepter]).toEqual(['transit-gateway:core', 'transit-gateway:core-eu']);
    });

    it('associates with the default table only the attachments no table names, and propagates every one into it', async () => {
        const model = (await check(SECTION5)).services.workspace.WorkspaceModel.get().topology;
        const tables = effectiveTgwTables(
            model,
            model.transitGateways.find(t => t.name === 'core')!
        );
        const byName = new Map(tables.map(t => [t.name, t]));
        expect(byName.get('default')!.associations).toEqual(['transit-gateway-attachment:shared.core-att']);
        expect(byName.get('default')!.propagations.sort()).toEqual([
            'transit-gateway-attachment:app.core-att',
            'transit-gateway-attachment:shared.core-att'
        ]);
        expect(byName.get('inspection')!.associations).toEqual(['transit-gateway-attachment:app.core-att']);
    });

    it('sends a VPC route to the transit gateway it names', async () => {
        const model = (await check(SECTION5)).services.workspace.WorkspaceModel.get().topology;
        const route = model.routeTables.find(t => t.id === 'route-table:app.private')!.routes[0]!;
        expect(route.target).toEqual({ kind: 'transit-gateway', id: 'transit-gateway:core' });
    });

    it('converts load balancers with listeners, target ports and default groups', async () => {
        const model = (await check(SECTION5)).services.workspace.WorkspaceModel.get().topology;
        const alb = model.loadBalancers.find(l => l.name === 'web-alb')!;
        expect([alb.type, alb.scheme, alb.subnets.map(s => s.value), alb.securityGroups]).toEqual([
            'application',
            'internet-facing',
            ['subnet:app.public-a', 'subnet:app.public-b'],
            ['security-group:app.alb-sg']
        ]);
        expect(alb.listeners).toMatchObject([
            {
                protocol: 'https',
                port: 443,
                targetPort: 8080,
                targets: [
                    { kind: 'instance', instance: 'instance:app.web-1' },
                    { kind: 'instance', instance: 'instance:app.web-2' }
                ]
            }
        ]);
        const nlb = model.loadBalancers.find(l => l.name === 'api-nlb')!;
        expect([nlb.type, nlb.scheme, nlb.securityGroups]).toEqual(['network', 'internal', []]);
        expect(model.probes.map(p => p.destination)).toEqual([
            { kind: 'load-balancer', loadBalancer: 'load-balancer:app.web-alb' },
            { kind: 'load-balancer', loadBalancer: 'load-balancer:app.api-nlb' },
            { kind: 'endpoint', endpoint: 'interface-endpoint:consumer.vendor-api', az: undefined }
        ]);
    });

    it('writes an account id of allowed principals as the account root ARN, and ties an endpoint to the service it names', async () => {
        const model = (await check(SECTION5)).services.workspace.WorkspaceModel.get().topology;
        const service = model.endpointServices[0]!;
        expect(service.loadBalancer).toBe('load-balancer:app.api-nlb');
        expect(service.allowedPrincipals.map(p => p.value)).toEqual(['arn:aws:iam::111111111111:root', 'arn:aws:iam::222222222222:root']);
        expect(service.acceptanceRequired).toBe(false);
        expect(
            endpointServiceOf(
                model,
                model.interfaceEndpoints.find(e => e.name === 'vendor-api')!
            )?.id
        ).toBe('endpoint-service:app.api');
        // An AWS service with a dot in its name stays that service when no VPC of that name offers one.
        expect(endpointServiceOf(model, { service: 'ecr.api' })).toBeUndefined();
    });

    it("resolves prefix-list NAME to the VPC's own list, and counts max-entries as written or as the entries", async () => {
        const model = (await check(SECTION5)).services.workspace.WorkspaceModel.get().topology;
        const office = model.prefixLists[0]!;
        expect([office.maxEntries, office.entries.map(e => e.value)]).toEqual([10, ['203.0.113.0/24', '198.51.100.0/24']]);
        expect(office.entries[1]!.loc?.range.start.line).toBe(office.entries[0]!.loc?.range.start.line);
        const rule = model.securityGroups.find(g => g.id === 'security-group:app.alb-sg')!.rules[0]!;
        expect(rule.peer).toEqual({ kind: 'prefix-list', service: 'office', region: 'us-east-1', list: 'prefix-list:app.office' });
        const bare = await check(
            'vpc v { cidr 10.0.0.0/16  prefix-list two { 192.0.2.0/24 198.51.100.0/24 } security-group g { ingress tcp 22 from prefix-list s3 } }'
        );
        const topology = bare.services.workspace.WorkspaceModel.get().topology;
        expect(topology.prefixLists[0]!.maxEntries).toBe(2);
        expect(topology.securityGroups.find(g => g.name === 'g')!.rules[0]!.peer).toEqual({
            kind: 'prefix-list',
            service: 's3',
            region: 'us-east-1'
        });
    });

    it('reports an attachment naming a transit gateway that does not exist on that name', async () => {
        const result = await check(
            'vpc v { cidr 10.0.0.0/16  subnet a { cidr 10.0.0.0/24 }  transit-gateway-attachment att transit-gateway nope { subnets a } }'
        );
        expectDiagnostic(result, 'unresolved-reference', 'nope');
    });

    it('is listed by the printer as left out, one problem per element, never dropped silently', async () => {
        const model = (await check(SECTION5)).services.workspace.WorkspaceModel.get().topology;
        const left = printProblems(model)
            .filter(p => p.message.includes('does not write this kind yet'))
            .map(p => p.elementId)
            .sort();
        expect(left).toEqual([
            'endpoint-service:app.api',
            'load-balancer:app.api-nlb',
            'load-balancer:app.web-alb',
            'prefix-list:app.office',
            'transit-gateway-attachment:app.core-att',
            'transit-gateway-attachment:shared.core-att',
            'transit-gateway-peering:east-west',
            'transit-gateway:core',
            'transit-gateway:core-eu'
        ]);
    });

    it('tgw-route-no-attachment: on the transit gateway a route names when its VPC has no attachment to it, and not once it has one', async () => {
        const base =
            'transit-gateway core\nvpc app { cidr 10.0.0.0/16\n  subnet a az us-east-1a { cidr 10.0.1.0/24 route-table rt }\n  route-table rt { route 10.0.0.0/8 -> core }';
        const d = expectDiagnostic(await check(`${base} }`), 'tgw-route-no-attachment', 'core');
        expect(d.message).toContain('app has no attachment to transit gateway core');
        const attached = await check(`${base}\n  transit-gateway-attachment att transit-gateway core { subnets a } }`);
        expectNo(attached, 'tgw-route-no-attachment');
        expectNo(attached, 'route-target-foreign');
    });

    it('gives the contract example one finding of the new checks: shared has no route back to app through the gateway', async () => {
        const result = await check(SECTION5);
        const fresh = new Set([
            'tgw-attachment-az',
            'tgw-attachment-missing-az',
            'tgw-association',
            'tgw-missing-return-route',
            'load-balancer-subnets',
            'load-balancer-public-subnet',
            'load-balancer-target',
            'endpoint-service-lb',
            'prefix-list-quota'
        ]);
        const found = result.diagnostics.filter(d => fresh.has(String(d.code)));
        expect(found.map(d => d.code)).toEqual(['tgw-missing-return-route']);
        expect(found[0]!.message).toContain("shared's main");
    });
});

/**
 * The random topologies' transit gateways (with route tables, default tables, associations,
 * propagations, static and blackhole routes), TGW peerings and attachments, VPC routes to a
 * transit gateway, load balancers with listeners and targets, endpoint services and the
 * interface endpoints that name them, customer-managed prefix lists used by rules and routes,
 * and probes to load balancers.
 */
import { makeId, partId } from '../../src/model/ids.js';
import { DEFAULT_TGW_TABLE } from '../../src/model/transit.js';
import { Defaults, type Listener, type ListenerProtocol, type TgwRouteTable, type TransitGateway } from '../../src/model/topology.js';
import type { TopologyBuilder } from '../simulator/builder.js';

/** What the generator needs from its dice (see `arbitrary.ts`). */
export interface Roll {
    next(n: number): number;
    pick<T>(items: readonly T[]): T;
    chance(): boolean;
    some<T>(items: readonly T[], max?: number): T[];
}

/** Names the caller has not used yet where the grammar needs them unique. */
type FreshNames = (prefix: string, count: number, taken: readonly string[]) => string[];

const PROTOCOLS: ListenerProtocol[] = ['http', 'https', 'tcp', 'udp', 'tls', 'tcp_udp'];
/** Managed prefix lists the other rules name: a customer list of that name would capture them. */
const MANAGED = ['s3', 'dynamodb'];

export function hubs(b: TopologyBuilder, dice: Roll, names: FreshNames): void {
    const t = b.t;
    // Route-target names inside VPCs hide a transit gateway of the same name from those VPCs' routes.
    const taken = [...t.accounts, ...t.vpcs, ...t.peerings, ...t.gateways, ...t.natGateways, ...t.gatewayEndpoints, ...t.instances].map(
        e => e.name
    );
    const tgws: TransitGateway[] = names('tgw', dice.next(3), taken).map(name => ({
        kind: 'transit-gateway',
        id: makeId('transit-gateway', name),
        name,
        account: t.accounts.length > 0 && dice.chance() ? dice.pick(t.accounts).number : Defaults.accountNumber,
        region: dice.pick(['us-east-1', 'eu-west-1']),
        defaultAssociation: dice.next(3) !== 0,
        defaultPropagation: dice.next(3) !== 0,
        routeTables: []
    }));
    t.transitGateways.push(...tgws);
    for (const vpc of t.vpcs) vpcMembers(b, dice, vpc.id, vpc.name, tgws, names);
    const peerings = tgws.length === 0 ? [] : names('tgwp', dice.next(3), [...taken, ...tgws.map(g => g.name)]);
    for (const name of peerings) {
        t.transitGatewayPeerings.push({
            kind: 'transit-gateway-peering',
            id: makeId('transit-gateway-peering', name),
            name,
            requester: dice.pick(tgws).id,
            accepter: dice.pick(tgws).id
        });
    }
    for (const tgw of tgws) tgw.routeTables = routeTables(dice, tgw, b, names);
    // VPC routes to a transit gateway.
    for (const table of t.routeTables.filter(r => !r.implicit)) {
        if (tgws.length === 0 || !dice.chance()) continue;
        table.routes.push({
            id: `${table.id}/tgw`,
            destination: { kind: 'cidr', cidr: `10.${100 + dice.next(100)}.0.0/16` },
            target: { kind: 'transit-gateway', id: dice.pick(tgws).id }
        });
    }
    endpointServices(b, dice, names);
    for (const lb of t.loadBalancers) {
        if (!dice.chance()) continue;
        const instances = t.instances.map(i => `${t.vpcs.find(v => v.id === i.vpc)!.name}.${i.name}`);
        const probe = b.probe(
            instances.length > 0 && dice.chance() ? dice.pick(instances) : 'internet',
            { kind: 'load-balancer', loadBalancer: lb.id },
            'tcp 443'
        );
        probe.id = makeId('probe', probe.name);
    }
}

function vpcMembers(b: TopologyBuilder, dice: Roll, vpcId: string, vpc: string, tgws: TransitGateway[], names: FreshNames): void {
    const t = b.t;
    const subnets = t.subnets.filter(s => s.vpc === vpcId);
    const groups = t.securityGroups.filter(g => g.vpc === vpcId && !g.implicit);
    const instances = t.instances.filter(i => i.vpc === vpcId);
    const own = makeId('vpc', vpc);
    if (tgws.length > 0) {
        for (const name of names('att', dice.next(3), [])) {
            t.transitGatewayAttachments.push({
                kind: 'transit-gateway-attachment',
                id: makeId('transit-gateway-attachment', name, vpc),
                name,
                vpc: own,
                transitGateway: dice.pick(tgws).id,
                subnets: dice.some(subnets, 2).map(s => ({ value: s.id })),
                applianceMode: dice.chance()
            });
        }
    }
    for (const name of names('lb', dice.next(3), [])) {
        const type = dice.pick(['application', 'network'] as const);
        const chosen = dice.some(groups, 2).map(g => g.id);
        const listeners: Listener[] = Array.from({ length: dice.next(3) }, (_, i) => {
            const port = dice.pick([80, 443, 53, 8443]);
            const targets = Array.from({ length: dice.next(3) }, () =>
                instances.length > 0 && dice.chance()
                    ? { kind: 'instance' as const, instance: dice.pick(instances).id }
                    : { kind: 'ip' as const, address: dice.pick(['10.0.9.9', '192.168.1.20', 'fd00::20']) }
            );
            return {
                id: partId(makeId('load-balancer', name, vpc), i),
                protocol: dice.pick(PROTOCOLS),
                port,
                targets,
                targetPort: targets.length > 0 && dice.chance() ? 8080 : port
            };
        });
        t.loadBalancers.push({
            kind: 'load-balancer',
            id: makeId('load-balancer', name, vpc),
            name,
            vpc: own,
            type,
            scheme: dice.pick(['internal', 'internet-facing'] as const),
            subnets: dice.some(subnets, 3).map(s => ({ value: s.id })),
            securityGroups: chosen.length > 0 || type === 'network' ? chosen : [t.vpcs.find(v => v.id === own)!.defaultSecurityGroup],
            listeners
        });
    }
    const lists = names('pl', dice.next(3), MANAGED);
    for (const name of lists) {
        const entries = dice.some(['203.0.113.0/24', '198.51.100.0/24', '2001:db8::/32', '192.0.2.10/32'], 3).map(value => ({ value }));
        t.prefixLists.push({
            kind: 'prefix-list',
            id: makeId('prefix-list', name, vpc),
            name,
            vpc: own,
            maxEntries: dice.chance() ? entries.length : entries.length + 5,
            entries
        });
    }
    // The VPC's own lists, named in a rule and a route as AWS-managed ones are.
    const region = t.vpcs.find(v => v.id === own)!.region;
    for (const name of lists.filter(() => dice.chance())) {
        const list = makeId('prefix-list', name, vpc);
        const group = groups.length > 0 ? dice.pick(groups) : undefined;
        // Written rules come before AWS's default outbound one.
        const at = group?.rules.findIndex(r => r.implicit) ?? -1;
        group?.rules.splice(at < 0 ? group.rules.length : at, 0, {
            id: `${group.id}/pl-${name}`,
            // Ingress only: an egress rule would replace a group's default outbound rule.
            direction: 'ingress',
            protocol: 'tcp',
            ports: { from: 443, to: 443 },
            peer: { kind: 'prefix-list', service: name, region, list }
        });
        const tables = t.routeTables.filter(r => r.vpc === own && !r.implicit);
        const targets = t.gateways.filter(g => g.vpc === own);
        if (tables.length > 0 && targets.length > 0)
            dice.pick(tables).routes.push({
                id: `pl-${name}`,
                destination: { kind: 'prefix-list', service: name, region, list },
                target: { kind: targets[0]!.kind, id: targets[0]!.id }
            });
    }
}

function routeTables(dice: Roll, tgw: TransitGateway, b: TopologyBuilder, names: FreshNames): TgwRouteTable[] {
    const t = b.t;
    const attachments = t.transitGatewayAttachments.filter(a => a.transitGateway === tgw.id).map(a => a.id);
    const targets = [
        ...attachments.map(id => ({ kind: 'transit-gateway-attachment' as const, id })),
        ...t.transitGatewayPeerings.map(p => ({ kind: 'transit-gateway-peering' as const, id: p.id }))
    ];
    const tables: TgwRouteTable[] = names('tab', dice.next(3), []).map(name => {
        const id = partId(tgw.id, name);
        return {
            id,
            name,
            associations: dice.some(attachments, 2).map(value => ({ value })),
            propagations: dice.some(attachments, 2).map(value => ({ value })),
            routes: Array.from({ length: dice.next(3) }, (_, i) => {
                const blackhole = targets.length === 0 || dice.next(3) === 0;
                return {
                    id: partId(id, i),
                    destination: { value: dice.pick(['10.50.0.0/16', '0.0.0.0/0', '2001:db8::/32']) },
                    target: blackhole ? undefined : dice.pick(targets),
                    blackhole
                };
            })
        };
    });
    if ((tgw.defaultAssociation || tgw.defaultPropagation) && !tables.some(x => x.name === DEFAULT_TGW_TABLE))
        tables.unshift({
            id: partId(tgw.id, DEFAULT_TGW_TABLE),
            name: DEFAULT_TGW_TABLE,
            implicit: true,
            associations: [],
            propagations: [],
            routes: []
        });
    return tables;
}

function endpointServices(b: TopologyBuilder, dice: Roll, names: FreshNames): void {
    const t = b.t;
    for (const vpc of t.vpcs) {
        const lbs = t.loadBalancers.filter(l => l.vpc === vpc.id);
        const nlbs = lbs.filter(l => l.type === 'network' && l.subnets.length > 0);
        for (const name of names('es', dice.next(2), [])) {
            const id = makeId('endpoint-service', name, vpc.name);
            const acceptanceRequired = dice.chance();
            // A consumer in another VPC names the service `VPC.NAME`.
            const consumers = t.vpcs.filter(v => v.id !== vpc.id && t.subnets.some(s => s.vpc === v.id));
            const accepted: string[] = [];
            if (consumers.length > 0 && dice.chance()) {
                const consumer = dice.pick(consumers);
                const endpoint = `to-${vpc.name}-${name}`;
                if (!t.interfaceEndpoints.some(e => e.vpc === consumer.id && e.name === endpoint)) {
                    b.interfaceEndpoint(
                        consumer.name,
                        endpoint,
                        `${vpc.name}.${name}`,
                        [t.subnets.find(s => s.vpc === consumer.id)!.name],
                        []
                    );
                    // Without groups named, the endpoint has its VPC's default group.
                    t.interfaceEndpoints[t.interfaceEndpoints.length - 1]!.securityGroups = [consumer.defaultSecurityGroup];
                    if (acceptanceRequired && dice.chance()) accepted.push(makeId('interface-endpoint', endpoint, consumer.name));
                }
            }
            t.endpointServices.push({
                kind: 'endpoint-service',
                id,
                name,
                vpc: vpc.id,
                // Mostly a Network Load Balancer when the VPC has one (what AWS takes), sometimes any.
                loadBalancer:
                    lbs.length > 0 && dice.next(4) !== 0 ? dice.pick(nlbs.length > 0 && dice.next(4) !== 0 ? nlbs : lbs).id : undefined,
                allowedPrincipals: dice
                    .some(['arn:aws:iam::111111111111:root', '*', 'arn:aws:iam::222222222222:role/consumer'], 2)
                    .map(value => ({ value })),
                acceptanceRequired,
                accepted: accepted.map(value => ({ value }))
            });
        }
    }
}

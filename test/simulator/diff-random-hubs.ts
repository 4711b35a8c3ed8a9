/**
 * Random small workspaces with the hubs for the diff's properties: transit gateways (one, or two
 * joined by a TGW peering with static routes across), a load balancer, an endpoint service with
 * consumers in other accounts, a customer prefix list named by a rule; and random edits of them.
 */
import { makeId, partId } from '../../src/model/ids.js';
import type { Listener, Topology } from '../../src/model/topology.js';
import { TopologyBuilder } from './builder.js';
import { randomEdit, TRAFFIC, type Dice } from './diff-random.js';

const ACCOUNTS = ['111111111111', '222222222222'];

export const arn = (account: string): string => `arn:aws:iam::${account}:root`;

/** A load balancer of `vpc` on its subnets, sending each listener `[protocol, port, target instance, target port]` on. */
export function addLoadBalancer(
    b: TopologyBuilder,
    vpc: string,
    name: string,
    options: {
        type: 'application' | 'network';
        subnets: string[];
        groups: string[];
        listeners: Array<[Listener['protocol'], number, string, number]>;
    }
): string {
    const id = makeId('load-balancer', name, vpc);
    b.t.loadBalancers.push({
        kind: 'load-balancer',
        id,
        name,
        vpc: `vpc:${vpc}`,
        type: options.type,
        scheme: 'internal',
        subnets: options.subnets.map(s => ({ value: `subnet:${vpc}.${s}` })),
        securityGroups: options.groups.map(g => `security-group:${vpc}.${g}`),
        listeners: options.listeners.map(([protocol, port, target, targetPort], i) => ({
            id: partId(id, i),
            protocol,
            port,
            targets: [{ kind: 'instance', instance: `instance:${target}` }],
            targetPort
        }))
    });
    return id;
}

/** An endpoint service of `vpc` backed by `loadBalancer`; consumers name it `VPC.NAME`. */
export function addEndpointService(
    b: TopologyBuilder,
    vpc: string,
    name: string,
    loadBalancer: string,
    principals: string[],
    acceptance = false
): string {
    const id = makeId('endpoint-service', name, vpc);
    b.t.endpointServices.push({
        kind: 'endpoint-service',
        id,
        name,
        vpc: `vpc:${vpc}`,
        loadBalancer,
        allowedPrincipals: principals.map(value => ({ value })),
        acceptanceRequired: acceptance,
        accepted: []
    });
    return id;
}

/** A customer-managed prefix list of `vpc`, and an ingress rule of `group` naming it. */
export function addPrefixList(b: TopologyBuilder, vpc: string, name: string, entries: string[], group: string, traffic: string): string {
    const id = makeId('prefix-list', name, vpc);
    b.t.prefixLists.push({ kind: 'prefix-list', id, name, vpc: `vpc:${vpc}`, maxEntries: 5, entries: entries.map(value => ({ value })) });
    const sg = b.t.securityGroups.find(g => g.id === `security-group:${vpc}.${group}`)!;
    const [protocol, range] = traffic.split(' ') as ['tcp' | 'udp', string];
    sg.rules.push({
        id: `${sg.id}/pl`,
        direction: 'ingress',
        protocol,
        ports: { from: Number(range), to: Number(range) },
        peer: { kind: 'prefix-list', service: name, region: 'us-east-1', list: id }
    });
    return id;
}

export function randomHubTopology(dice: Dice): Topology {
    const b = new TopologyBuilder();
    const n = 2 + dice.next(3);
    const vpcs = Array.from({ length: n }, (_, i) => `v${i}`);
    vpcs.forEach((v, i) => {
        b.vpc(v, [`10.${i}.0.0/16`], { account: dice.pick(ACCOUNTS) });
        if (dice.next(3) === 0) b.gateway(v, 'igw');
    });
    const peerings: Array<[string, string, string]> = [];
    for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++)
            if (dice.next(3) === 0) {
                b.peering(`p${i}${j}`, vpcs[i]!, vpcs[j]!);
                peerings.push([`p${i}${j}`, vpcs[i]!, vpcs[j]!]);
            }
    // Each VPC joins the hub, the second gateway (when there is one), or neither.
    const second = dice.next(3) === 0;
    const joined = new Map<string, string>();
    for (const v of vpcs) {
        const k = dice.next(3);
        if (k > 0) joined.set(v, second && k === 2 ? 'hub2' : 'hub');
    }
    const on = (tgw: string) => vpcs.filter(v => joined.get(v) === tgw);
    const staticRoutes = !second && dice.chance();
    const routes = (tgw: string): Array<[string, string]> =>
        on(tgw).flatMap(v =>
            dice.next(4) === 0 ? [[`10.${vpcs.indexOf(v)}.0.0/16`, 'blackhole']] : [[`10.${vpcs.indexOf(v)}.0.0/16`, `${v}.att`]]
        );
    if (staticRoutes) b.transitGateway('hub', { defaultPropagation: false, tables: [{ name: 'default', routes: routes('hub') }] });
    else b.transitGateway('hub');
    if (second) {
        b.transitGateway('hub2');
        const peering = makeId('transit-gateway-peering', 'tp');
        b.t.transitGatewayPeerings.push({
            kind: 'transit-gateway-peering',
            id: peering,
            name: 'tp',
            requester: makeId('transit-gateway', 'hub'),
            accepter: makeId('transit-gateway', 'hub2')
        });
        // A TGW peering carries static routes only: each side names the other's VPCs.
        for (const [tgw, other] of [
            ['hub', 'hub2'],
            ['hub2', 'hub']
        ] as const) {
            const table = b.t.transitGateways.find(g => g.name === tgw)!.routeTables[0]!;
            on(other).forEach((v, r) =>
                table.routes.push({
                    id: partId(table.id, 'peer', r),
                    destination: { value: `10.${vpcs.indexOf(v)}.0.0/16` },
                    target: { kind: 'transit-gateway-peering', id: peering },
                    blackhole: false
                })
            );
        }
    }
    const peered = (x: string, y: string) => peerings.some(([, p, q]) => (p === x && q === y) || (p === y && q === x));
    vpcs.forEach((v, i) => {
        const hasIgw = b.t.gateways.some(g => g.vpc === `vpc:${v}`);
        for (const g of ['g0', 'g1']) {
            const rules: Array<['ingress' | 'egress', string, string]> = [];
            if (dice.next(4) !== 0) rules.push(['egress', 'all', '0.0.0.0/0']);
            if (dice.chance()) rules.push(['ingress', dice.pick(TRAFFIC), dice.pick(['10.0.0.0/8', '0.0.0.0/0'])]);
            if (dice.chance()) rules.push(['ingress', dice.pick(TRAFFIC), `10.${dice.next(n)}.0.0/16`]);
            b.sg(v, g, rules);
        }
        const subnets = 1 + dice.next(2);
        for (let s = 0; s < subnets; s++)
            b.subnet(v, `s${s}`, `10.${i}.${s}.0/24`, { table: `rt${s}`, az: s === 1 && dice.chance() ? 'us-east-1b' : undefined });
        const tgw = joined.get(v);
        if (tgw) b.attachment(v, 'att', tgw, subnets > 1 && dice.chance() ? ['s0', 's1'] : ['s0']);
        for (let s = 0; s < subnets; s++) {
            const table: Array<[string, string]> = [];
            if (hasIgw && dice.next(4) !== 0) table.push(['0.0.0.0/0', 'igw']);
            for (const [name, x, y] of peerings)
                if ((x === v || y === v) && dice.next(4) !== 0) table.push([`10.${vpcs.indexOf(x === v ? y : x)}.0.0/16`, name]);
            if (tgw && dice.chance()) table.push(['10.0.0.0/8', tgw]);
            else if (tgw)
                for (const w of vpcs)
                    if (w !== v && joined.has(w) && !peered(v, w) && dice.next(4) !== 0) table.push([`10.${vpcs.indexOf(w)}.0.0/16`, tgw]);
            b.table(v, `rt${s}`, table);
            const groups = dice.chance() ? [dice.pick(['g0', 'g1'])] : ['g0', 'g1'];
            b.instance(v, `h${s}`, `s${s}`, `10.${i}.${s}.10`, { publicIp: dice.chance() ? `54.0.${i}.${s + 10}` : undefined, groups });
            if (dice.chance()) b.instance(v, `h${s}-twin`, `s${s}`, `10.${i}.${s}.11`, { groups });
        }
    });
    if (dice.next(3) !== 0) {
        const provider = dice.pick(vpcs);
        const network = dice.next(3) !== 0;
        const lb = addLoadBalancer(b, provider, 'lb', {
            type: network ? 'network' : 'application',
            subnets: ['s0'],
            groups: network && dice.chance() ? [] : [dice.pick(['g0', 'g1'])],
            listeners: [[network ? 'tcp' : 'http', dice.pick([443, 22]), `${provider}.h0`, dice.pick([443, 22])]]
        });
        if (network && dice.next(3) !== 0) {
            const principals = ACCOUNTS.filter(() => dice.chance()).map(arn);
            addEndpointService(b, provider, 'svc', lb, dice.next(4) === 0 ? ['*'] : principals);
            for (const v of vpcs)
                if (v !== provider && dice.next(3) !== 0)
                    b.interfaceEndpoint(v, 'ep', `${provider}.svc`, ['s0'], [dice.pick(['g0', 'g1'])]);
        }
    }
    if (dice.chance()) {
        const owner = dice.pick(vpcs);
        addPrefixList(
            b,
            owner,
            'pl',
            vpcs.filter(() => dice.chance()).map(v => `10.${vpcs.indexOf(v)}.0.0/16`),
            dice.pick(['g0', 'g1']),
            dice.pick(['tcp 22', 'tcp 443'])
        );
    }
    return b.t;
}

/** One random edit: of a plain element (as `randomEdit`), or of a transit gateway, load balancer, endpoint service or prefix list. */
export function randomHubEdit(t: Topology, dice: Dice): Topology {
    // Weighted towards the hubs: the plain edits are the other property's.
    const kind = [0, 2, 2, 3, 4, 5, 5, 6, 6, 6, 7, 8][dice.next(12)]!;
    if (kind === 0) return randomEdit(t, dice);
    const out = structuredClone(t);
    const tables = out.transitGateways.flatMap(g => g.routeTables);
    const lb = out.loadBalancers[0];
    const service = out.endpointServices[0];
    const list = out.prefixLists[0];
    if (kind === 2 && tables.some(x => x.routes.length > 0)) {
        const table = dice.pick(tables.filter(x => x.routes.length > 0));
        table.routes.splice(dice.next(table.routes.length), 1);
    } else if (kind === 3 && tables.length > 0) {
        const table = dice.pick(tables);
        const cidr = `10.${dice.next(4)}.0.0/16`;
        table.routes = table.routes.filter(r => r.destination.value !== cidr);
        table.routes.push({ id: partId(table.id, 'edit'), destination: { value: cidr }, blackhole: true });
    } else if (kind === 4 && out.transitGatewayAttachments.length > 0) {
        out.transitGatewayAttachments.splice(dice.next(out.transitGatewayAttachments.length), 1);
    } else if (kind === 5 && lb) {
        const listener = lb.listeners[0]!;
        if (dice.chance()) listener.port = listener.port === 443 ? 22 : 443;
        else listener.targetPort = listener.targetPort === 443 ? 22 : 443;
    } else if (kind === 6 && service) {
        if (service.allowedPrincipals.length > 0 && dice.chance())
            service.allowedPrincipals.splice(dice.next(service.allowedPrincipals.length), 1);
        else service.acceptanceRequired = !service.acceptanceRequired;
    } else if (kind === 7 && list) {
        const cidr = `10.${dice.next(4)}.0.0/16`;
        list.entries = list.entries.some(e => e.value === cidr)
            ? list.entries.filter(e => e.value !== cidr)
            : [...list.entries, { value: cidr }];
    } else if (lb) {
        lb.securityGroups =
            lb.securityGroups.length > 0 && dice.chance()
                ? []
                : [lb.vpc.replace('vpc:', 'security-group:') + '.' + dice.pick(['g0', 'g1'])];
    } else {
        out.transitGatewayPeerings = [];
    }
    return out;
}

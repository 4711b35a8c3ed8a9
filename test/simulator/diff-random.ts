/**
 * Random small topologies for the diff's properties (the generator of properties.test.ts, with
 * twins so that classes have several members) and random edits of them.
 */
import type { Topology } from '../../src/model/topology.js';
import { TopologyBuilder } from './builder.js';

/** Dice: a stream of random numbers that a builder consumes, so fast-check can shrink the topology. */
export class Dice {
    private i = 0;
    constructor(private readonly values: number[]) {}
    next(n: number): number {
        return n <= 1 ? 0 : (this.values[this.i++ % this.values.length] ?? 0) % n;
    }
    pick<T>(items: readonly T[]): T {
        return items[this.next(items.length)]!;
    }
    chance(): boolean {
        return this.next(2) === 1;
    }
}

export const TRAFFIC = ['tcp 22', 'tcp 443', 'tcp 1024-65535', 'udp 53', 'all', 'icmp'];

/** Tables hold at most a default route and one route per peer block (see properties.test.ts for why). */
export function randomTopology(dice: Dice): Topology {
    const b = new TopologyBuilder();
    const vpcCount = 1 + dice.next(3);
    const vpcs: string[] = [];
    for (let i = 0; i < vpcCount; i++) {
        const name = `v${i}`;
        vpcs.push(name);
        b.vpc(name, [`10.${i}.0.0/16`], { region: dice.pick(['us-east-1', 'us-east-1', 'eu-west-1']) });
        if (dice.next(4) !== 0) b.gateway(name, 'igw');
    }
    const peerings: Array<[string, string, string]> = [];
    for (let i = 0; i < vpcCount; i++)
        for (let j = i + 1; j < vpcCount; j++) {
            if (dice.chance()) {
                b.peering(`p${i}${j}`, vpcs[i]!, vpcs[j]!);
                peerings.push([`p${i}${j}`, vpcs[i]!, vpcs[j]!]);
            }
        }
    vpcs.forEach((vpc, i) => {
        const hasIgw = b.t.gateways.some(g => g.vpc === `vpc:${vpc}`);
        const groups = ['g0', 'g1'];
        for (const g of groups) {
            const rules: Array<['ingress' | 'egress', string, string]> = [];
            if (dice.next(4) !== 0) rules.push(['egress', 'all', '0.0.0.0/0']);
            if (dice.chance()) rules.push(['ingress', dice.pick(TRAFFIC), dice.pick(['10.0.0.0/8', '0.0.0.0/0'])]);
            const n = dice.next(3);
            for (let r = 0; r < n; r++) {
                const peer = dice.pick(['0.0.0.0/0', `10.${dice.next(vpcCount)}.0.0/16`, `sg ${dice.pick(groups)}`]);
                rules.push([dice.pick(['ingress', 'egress'] as const), dice.pick(TRAFFIC), peer]);
            }
            b.sg(vpc, g, rules);
        }
        if (dice.next(3) === 0) {
            const rules: Array<['inbound' | 'outbound', number, 'allow' | 'deny', string, string]> = [];
            const n = 1 + dice.next(4);
            for (let r = 0; r < n; r++) {
                rules.push([
                    dice.pick(['inbound', 'outbound'] as const),
                    100 + 10 * r,
                    dice.pick(['allow', 'allow', 'deny'] as const),
                    dice.pick(TRAFFIC),
                    dice.pick(['0.0.0.0/0', `10.${dice.next(vpcCount)}.0.0/16`])
                ]);
            }
            b.nacl(vpc, 'edge', rules);
        }
        const hasNacl = b.t.networkAcls.some(a => a.id === `network-acl:${vpc}.edge`);
        const subnets = 1 + dice.next(2);
        for (let s = 0; s < subnets; s++)
            b.subnet(vpc, `s${s}`, `10.${i}.${s}.0/24`, { table: `rt${s}`, nacl: hasNacl && dice.chance() ? 'edge' : undefined });
        if (hasIgw && dice.chance()) b.nat(vpc, 'nat', 's0', `52.0.${i}.1`);
        for (let s = 0; s < subnets; s++) {
            const routes: Array<[string, string]> = [];
            const hasNat = b.t.natGateways.some(n => n.vpc === `vpc:${vpc}`);
            const defaults = [...(hasIgw ? ['igw'] : []), ...(hasNat ? ['nat'] : [])];
            if (defaults.length > 0 && dice.next(4) !== 0) routes.push(['0.0.0.0/0', dice.pick(defaults)]);
            for (const [name, x, y] of peerings) {
                if ((x === vpc || y === vpc) && dice.next(4) !== 0) routes.push([`10.${vpcs.indexOf(x === vpc ? y : x)}.0.0/16`, name]);
            }
            b.table(vpc, `rt${s}`, routes);
            const groupsOf = dice.chance() ? [dice.pick(groups)] : ['g0', 'g1'];
            const publicIp = dice.next(4) !== 0;
            b.instance(vpc, `h${s}`, `s${s}`, `10.${i}.${s}.10`, {
                publicIp: publicIp ? `54.0.${i}.${s + 10}` : undefined,
                groups: groupsOf
            });
            if (dice.chance())
                b.instance(vpc, `h${s}-twin`, `s${s}`, `10.${i}.${s}.11`, {
                    publicIp: publicIp ? `54.0.${i}.${s + 110}` : undefined,
                    groups: groupsOf
                });
        }
    });
    const hosts = b.t.instances.map(h => `${h.vpc.slice(4)}.${h.name}`);
    const probes = 1 + dice.next(4);
    for (let p = 0; p < probes; p++) {
        const from = dice.chance() || hosts.length < 2 ? dice.pick(hosts) : 'internet';
        const to = dice.next(4) === 0 ? { kind: 'internet' as const, address: '8.8.8.8' } : dice.pick(hosts.filter(h => h !== from));
        if (to === undefined) continue;
        b.probe(from, to, dice.pick(['tcp 22', 'tcp 443', 'udp 53', 'icmp']));
    }
    return b.t;
}

/** One random edit: a rule added or removed, a route removed, an instance's groups or address changed, an instance added or removed. */
export function randomEdit(t: Topology, dice: Dice): Topology {
    const out = structuredClone(t);
    const kind = dice.next(7);
    const cidr = dice.pick(['0.0.0.0/0', `10.${dice.next(3)}.0.0/16`]);
    if (kind === 0) {
        const group = dice.pick(out.securityGroups);
        group.rules.push({
            id: `${group.id}/edit`,
            direction: dice.pick(['ingress', 'egress'] as const),
            protocol: dice.pick(['tcp', 'udp', 'all'] as const),
            ports: { from: dice.pick([22, 443, 53]), to: dice.pick([22, 443, 1024]) },
            peer: { kind: 'cidr', cidr }
        });
        const rule = group.rules[group.rules.length - 1]!;
        if (rule.protocol === 'all') delete rule.ports;
        else if (rule.ports!.to < rule.ports!.from) rule.ports!.to = rule.ports!.from;
    } else if (kind === 1) {
        const group = dice.pick(out.securityGroups.filter(g => g.rules.length > 0).concat(out.securityGroups[0]!));
        if (group.rules.length > 0) group.rules.splice(dice.next(group.rules.length), 1);
    } else if (kind === 2) {
        const tables = out.routeTables.filter(r => r.routes.length > 0);
        if (tables.length > 0) {
            const table = dice.pick(tables);
            table.routes.splice(dice.next(table.routes.length), 1);
        }
    } else if (kind === 3 && out.instances.length > 0) {
        const instance = dice.pick(out.instances);
        const groups = out.securityGroups.filter(g => g.vpc === instance.vpc && !g.implicit);
        instance.securityGroups = groups.length > 0 ? [dice.pick(groups).id] : instance.securityGroups;
    } else if (kind === 4 && out.instances.length > 0) {
        const instance = dice.pick(out.instances);
        if (instance.publicIp) delete instance.publicIp;
        else instance.publicIp = { value: `54.9.0.${1 + dice.next(200)}` };
    } else if (kind === 5 && out.instances.length > 0) {
        const instance = dice.pick(out.instances);
        out.instances.push({
            ...instance,
            id: `${instance.id}-new`,
            name: `${instance.name}-new`,
            ip: { value: instance.ip!.value.replace(/\.\d+$/, '.20') },
            publicIp: undefined
        });
    } else if (out.instances.length > 1) {
        out.instances.splice(dice.next(out.instances.length), 1);
        out.probes = out.probes.filter(p => out.instances.some(i => p.source.kind !== 'instance' || i.id === p.source.instance));
    } else {
        const acl = out.networkAcls.find(a => !a.implicit) ?? out.networkAcls[0]!;
        acl.rules.push({
            id: `${acl.id}/edit`,
            direction: dice.pick(['inbound', 'outbound'] as const),
            number: 1 + dice.next(300),
            action: dice.pick(['allow', 'deny'] as const),
            protocol: 'all',
            peer: { kind: 'cidr', cidr }
        });
    }
    return out;
}

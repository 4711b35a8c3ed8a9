/**
 * Metamorphic properties of the simulator over random small topologies: more allow rules never
 * reject what was accepted; fewer routes never accept what was rejected; the order of resources
 * and rules never matters; the same question always gets the same answer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Topology } from '../../src/model/topology.js';
import { compile } from '../../src/simulator/compile.js';
import { computeMatrix } from '../../src/simulator/matrix.js';
import { simulateProbe } from '../../src/simulator/simulate.js';
import { TopologyBuilder } from './builder.js';

/** Dice: a stream of random numbers that a builder consumes, so fast-check can shrink the topology. */
class Dice {
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

const TRAFFIC = ['tcp 22', 'tcp 443', 'tcp 1024-65535', 'udp 53', 'all', 'icmp'];
const PROBE_TRAFFIC = ['tcp 22', 'tcp 443', 'udp 53', 'icmp'];

/**
 * Tables hold at most a default route and one route per peer block, so no specific route shadows
 * a better path: with longest-prefix match, removing a route that drops traffic (say a /24 to a
 * dead appliance) can expose a default route that delivers it, and the property would not hold.
 */
function randomTopology(dice: Dice): Topology {
    const b = new TopologyBuilder();
    const vpcCount = 1 + dice.next(3);
    const regions = ['us-east-1', 'us-east-1', 'eu-west-1'];
    const vpcs: string[] = [];
    for (let i = 0; i < vpcCount; i++) {
        const name = `v${i}`;
        vpcs.push(name);
        b.vpc(name, [`10.${i}.0.0/16`], { region: dice.pick(regions) });
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
    // A transit gateway joins some VPCs of its region; its routes go only to blocks no peering serves.
    const hub = dice.next(3) === 0;
    const attached = vpcs.filter(v => hub && b.t.vpcs.find(x => x.name === v)!.region === 'us-east-1' && dice.chance());
    // Either every attachment propagates into the default table, or only some do.
    if (hub && dice.chance()) b.transitGateway('hub');
    else if (hub)
        b.transitGateway('hub', {
            defaultPropagation: false,
            tables: [{ name: 'default', propagate: attached.filter(() => dice.chance()).map(v => `${v}.att`) }]
        });
    const peered = (x: string, y: string) => peerings.some(([, p, q]) => (p === x && q === y) || (p === y && q === x));
    vpcs.forEach((vpc, i) => {
        const hasIgw = b.t.gateways.some(g => g.vpc === `vpc:${vpc}`);
        const subnets = 1 + dice.next(2);
        const groups = ['g0', 'g1'];
        for (const g of groups) {
            const rules: Array<['ingress' | 'egress', string, string]> = [];
            // Mostly open groups, so that accepted probes are common and the properties bite.
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
        for (let s = 0; s < subnets; s++) {
            b.subnet(vpc, `s${s}`, `10.${i}.${s}.0/24`, {
                table: `rt${s}`,
                nacl: hasNacl && dice.chance() ? 'edge' : undefined,
                az: s === 1 && attached.includes(vpc) && dice.chance() ? `${b.t.vpcs[i]!.region}b` : undefined
            });
        }
        if (attached.includes(vpc)) b.attachment(vpc, 'att', 'hub', ['s0']);
        if (hasIgw && dice.chance()) b.nat(vpc, 'nat', 's0', `52.0.${i}.1`);
        for (let s = 0; s < subnets; s++) {
            const routes: Array<[string, string]> = [];
            const hasNat = b.t.natGateways.some(n => n.vpc === `vpc:${vpc}`);
            const defaults = [...(hasIgw ? ['igw'] : []), ...(hasNat ? ['nat'] : [])];
            if (defaults.length > 0 && dice.next(4) !== 0) routes.push(['0.0.0.0/0', dice.pick(defaults)]);
            for (const [name, x, y] of peerings) {
                if ((x === vpc || y === vpc) && dice.next(4) !== 0) routes.push([`10.${vpcs.indexOf(x === vpc ? y : x)}.0.0/16`, name]);
            }
            if (attached.includes(vpc))
                for (const other of attached)
                    if (other !== vpc && !peered(vpc, other) && dice.next(4) !== 0)
                        routes.push([`10.${vpcs.indexOf(other)}.0.0/16`, 'hub']);
            b.table(vpc, `rt${s}`, routes);
            b.instance(vpc, `h${s}`, `s${s}`, `10.${i}.${s}.10`, {
                publicIp: dice.next(4) !== 0 ? `54.0.${i}.${s + 10}` : undefined,
                groups: dice.chance() ? [dice.pick(groups)] : ['g0', 'g1']
            });
        }
    });
    const hosts = b.t.instances.map(h => `${h.vpc.slice(4)}.${h.name}`);
    const probes = 1 + dice.next(5);
    for (let p = 0; p < probes; p++) {
        const from = dice.chance() || hosts.length < 2 ? dice.pick(hosts) : 'internet';
        const to = dice.next(4) === 0 ? { kind: 'internet' as const, address: '8.8.8.8' } : dice.pick(hosts.filter(h => h !== from));
        if (to === undefined) continue;
        b.probe(from, to, dice.pick(PROBE_TRAFFIC));
    }
    return b.t;
}

function verdicts(topology: Topology): string[] {
    const compiled = compile(topology);
    return topology.probes.map(p => {
        const r = simulateProbe(compiled, p, false);
        return `${p.id} ${r.verdict} ${r.reason ?? ''}`;
    });
}

const dice = fc.array(fc.nat({ max: 1000 }), { minLength: 120, maxLength: 120 });
const clone = (t: Topology): Topology => structuredClone(t);

function shuffle<T>(items: T[], d: Dice): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
        const j = d.next(i + 1);
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
}

describe('simulator properties', () => {
    it('the random topologies exercise both verdicts and many reasons', () => {
        const seen = new Map<string, number>();
        fc.assert(
            fc.property(dice, values => {
                for (const v of verdicts(randomTopology(new Dice(values)))) {
                    const key = v.split(' ').slice(1).join(' ').trim();
                    seen.set(key, (seen.get(key) ?? 0) + 1);
                }
            }),
            { numRuns: 300, seed: 42 }
        );
        expect(seen.get('ACCEPT') ?? 0).toBeGreaterThan(20);
        expect([...seen.keys()].filter(k => k.startsWith('REJECT')).length, JSON.stringify([...seen])).toBeGreaterThanOrEqual(6);
        // Transit gateway paths are among them: a dead end at the TGW (no route or no ENI in the AZ).
        expect(
            [...seen.keys()].some(k => /TGW_/.test(k)),
            JSON.stringify([...seen])
        ).toBe(true);
    });

    it('simulating twice gives the same answer, hop for hop', () => {
        fc.assert(
            fc.property(dice, values => {
                const t = randomTopology(new Dice(values));
                const first = t.probes.map(p => simulateProbe(compile(t), p));
                const second = clone(t).probes.map(p => simulateProbe(compile(t), p));
                expect(second).toEqual(first);
            }),
            { numRuns: 150 }
        );
    });

    it('the order of VPCs, resources, routes and rules never changes a verdict', () => {
        fc.assert(
            fc.property(dice, dice, (values, order) => {
                const t = randomTopology(new Dice(values));
                const d = new Dice(order);
                const shuffled = clone(t);
                for (const key of Object.keys(shuffled) as Array<keyof Topology>) {
                    if (key !== 'documents' && key !== 'probes')
                        (shuffled as unknown as Record<string, unknown[]>)[key] = shuffle(shuffled[key] as unknown[], d);
                }
                for (const table of shuffled.routeTables) table.routes = shuffle(table.routes, d);
                for (const group of shuffled.securityGroups) group.rules = shuffle(group.rules, d);
                for (const acl of shuffled.networkAcls) acl.rules = shuffle(acl.rules, d);
                expect(verdicts(shuffled)).toEqual(verdicts(t));
            }),
            { numRuns: 150 }
        );
    });

    it('adding an allow rule never turns ACCEPT into REJECT', () => {
        fc.assert(
            fc.property(dice, dice, (values, extra) => {
                const t = randomTopology(new Dice(values));
                const d = new Dice(extra);
                const widened = clone(t);
                const traffic = d.pick(['all', 'tcp', 'udp'] as const);
                const cidr = d.pick(['0.0.0.0/0', `10.${d.next(3)}.0.0/16`]);
                if (d.chance() && widened.networkAcls.length > 0) {
                    const acl = d.pick(widened.networkAcls);
                    acl.rules.push({
                        id: 'added',
                        direction: d.pick(['inbound', 'outbound'] as const),
                        number: 1 + d.next(300),
                        action: 'allow',
                        protocol: traffic,
                        peer: { kind: 'cidr', cidr }
                    });
                } else {
                    const group = d.pick(widened.securityGroups);
                    group.rules.push({
                        id: 'added',
                        direction: d.pick(['ingress', 'egress'] as const),
                        protocol: traffic,
                        peer: { kind: 'cidr', cidr }
                    });
                }
                const before = verdicts(t);
                const after = verdicts(widened);
                before.forEach((v, i) => {
                    if (v.includes('ACCEPT')) expect(after[i]).toBe(v);
                });
            }),
            { numRuns: 200 }
        );
    });

    it('removing a route never turns REJECT into ACCEPT', () => {
        fc.assert(
            fc.property(dice, fc.nat(), (values, which) => {
                const t = randomTopology(new Dice(values));
                const tables = t.routeTables.filter(table => table.routes.length > 0);
                if (tables.length === 0) return;
                const narrowed = clone(t);
                const table = narrowed.routeTables.find(x => x.id === tables[which % tables.length]!.id)!;
                table.routes.splice(which % table.routes.length, 1);
                const before = verdicts(t);
                const after = verdicts(narrowed);
                before.forEach((v, i) => {
                    if (v.includes('REJECT')) expect(after[i]).toContain('REJECT');
                });
            }),
            { numRuns: 200 }
        );
    });

    it('the class-based matrix equals probe-by-probe simulation', () => {
        fc.assert(
            fc.property(dice, fc.constantFrom('tcp 22', 'tcp 443', 'udp 53', 'all'), (values, traffic) => {
                const t = randomTopology(new Dice(values));
                // Extra instances share subnets and groups, so that classes have several members.
                for (const instance of [...t.instances]) {
                    const ip = instance.ip!.value.replace(/\.10$/, '.11');
                    t.instances.push({
                        ...instance,
                        id: `${instance.id}-twin`,
                        name: `${instance.name}-twin`,
                        ip: { value: ip },
                        publicIp: instance.publicIp && {
                            value: instance.publicIp.value.replace(/\.(\d+)$/, (_m, n: string) => `.${Number(n) + 100}`)
                        }
                    });
                }
                const [protocol, port] = traffic.split(' ') as ['tcp' | 'udp' | 'all', string | undefined];
                const compiled = compile(t);
                const byClass = computeMatrix(compiled, { protocol, port: port ? Number(port) : undefined });
                const brute = computeMatrix(compiled, { protocol, port: port ? Number(port) : undefined, byClass: false });
                expect(byClass.cells).toEqual(brute.cells);
                expect(byClass.classes).toBeLessThanOrEqual(t.instances.length);
            }),
            { numRuns: Number(process.env.VPC_LAB_FUZZ_RUNS ?? 120) }
        );
    });

    it('a rule naming one address splits the class it falls in', () => {
        const b = new TopologyBuilder()
            .vpc('a', ['10.0.0.0/16'])
            .subnet('a', 's', '10.0.1.0/24')
            .sg('a', 'g', [
                ['ingress', 'tcp 22', '10.0.1.10/32'],
                ['egress', 'all', '0.0.0.0/0']
            ])
            .instance('a', 'x', 's', '10.0.1.10', { groups: ['g'] })
            .instance('a', 'y', 's', '10.0.1.11', { groups: ['g'] })
            .instance('a', 'z', 's', '10.0.1.12', { groups: ['g'] });
        const matrix = computeMatrix(compile(b.t), { protocol: 'tcp', port: 22 });
        expect(matrix.classes).toBe(2);
        expect(
            matrix.cells.map(row =>
                row
                    .slice(0, 3)
                    .map(c => c.verdict[0])
                    .join('')
            )
        ).toEqual(['AAA', 'RAR', 'RRA']);
    });
});

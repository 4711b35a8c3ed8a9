/**
 * Random topologies over every construct of the language, built with the simulator tests'
 * builder: the values a printer must write back. Names come from pools that include the keywords
 * the grammar accepts as names, so the printer meets `subnet`, `main` or `all` as names.
 */
import fc from 'fast-check';
import { Defaults, type FlowLog, type Probe, type ProbeDestination, type Topology } from '../../src/model/topology.js';
import { makeId } from '../../src/model/ids.js';
import { NAME_KEYWORDS } from '../../src/printer/names.js';
import { TopologyBuilder } from '../simulator/builder.js';
import { hubs } from './arbitrary-hubs.js';

/** A stream of random numbers the generator consumes, so fast-check can shrink the topology. */
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
    /** Up to `max` distinct items. */
    some<T>(items: readonly T[], max = items.length): T[] {
        const n = this.next(Math.min(max, items.length) + 1);
        return [...new Set(Array.from({ length: n }, () => this.pick(items)))];
    }
}

const KEYWORD_NAMES = [...NAME_KEYWORDS];
const TRAFFIC = ['tcp 22', 'tcp 443', 'tcp 1024-65535', 'udp 53', 'all', 'icmp', 'icmp 8', 'tcp'];

/** `count` distinct names: plain ones, keywords the grammar takes as names, odd but legal ones. */
function names(dice: Dice, prefix: string, count: number): string[] {
    const pool = [...KEYWORD_NAMES, `${prefix}1`, `${prefix}-2`, `${prefix}_x`, `_${prefix}`, `${prefix.toUpperCase()}9`];
    const chosen: string[] = [];
    while (chosen.length < count) {
        const name = dice.chance() ? dice.pick(pool) : `${prefix}${chosen.length}`;
        if (!chosen.includes(name)) chosen.push(name);
        else chosen.push(`${prefix}${chosen.length}-n`);
    }
    return chosen;
}

export function randomTopology(dice: Dice): Topology {
    const b = new TopologyBuilder();
    const t = b.t;
    const accounts = names(dice, 'acct', dice.next(3));
    accounts.forEach((name, i) =>
        t.accounts.push({
            kind: 'account',
            id: makeId('account', name),
            name,
            number: i === 0 && dice.chance() ? Defaults.accountNumber : `${100000000000 + i * 11111}`
        })
    );
    const vpcs = names(dice, 'net', 1 + dice.next(3)).filter(n => !accounts.includes(n));
    if (vpcs.length === 0) vpcs.push('net');
    const regions = ['us-east-1', 'eu-west-1'];
    vpcs.forEach((vpc, i) => {
        const account = dice.chance() && t.accounts.length > 0 ? dice.pick(t.accounts).number : undefined;
        b.vpc(vpc, dice.chance() ? [`10.${i}.0.0/16`] : [`10.${i}.0.0/16`, `100.64.${i}.0/24`], {
            region: dice.pick(regions),
            account,
            ipv6: dice.chance() ? `2600:1f18:${i}00::/56` : undefined,
            dnsHostnames: dice.chance(),
            dnsSupport: dice.next(4) !== 0
        });
    });
    const peerings: string[] = [];
    if (vpcs.length > 1) {
        for (const [name, i] of names(dice, 'peer', dice.next(3)).map((n, i) => [n, i] as const)) {
            if (vpcs.includes(name) || accounts.includes(name)) continue;
            b.peering(name, vpcs[i % vpcs.length]!, vpcs[(i + 1) % vpcs.length]!, dice.chance());
            peerings.push(name);
        }
    }
    const endpoints: string[] = [];
    vpcs.forEach((vpc, i) => members(b, dice, vpc, i, peerings, endpoints));
    hubs(b, dice, (prefix, count, taken) =>
        names(dice, prefix, count + taken.length)
            .filter(n => !taken.includes(n))
            .slice(0, count)
    );
    for (const name of names(dice, 'bucket', dice.next(3))) {
        b.bucket(dice.chance() ? `${name}.example.com` : name, dice.some(endpoints, 2));
        if (dice.chance()) t.buckets[t.buckets.length - 1]!.region = 'eu-west-1';
    }
    probes(b, dice);
    if (t.vpcs.some(v => v.account === Defaults.accountNumber) && !t.accounts.some(a => a.name === Defaults.account)) {
        t.accounts.push({
            kind: 'account',
            id: makeId('account', Defaults.account),
            name: Defaults.account,
            number: Defaults.accountNumber,
            implicit: true
        });
    }
    return t;
}

/** One VPC's members: a name in one namespace per VPC for what routes name, one per kind otherwise. */
function members(b: TopologyBuilder, dice: Dice, vpc: string, i: number, peerings: string[], endpoints: string[]): void {
    const t = b.t;
    const region = t.vpcs.find(v => v.name === vpc)!.region;
    const subnets = names(dice, 'sn', 1 + dice.next(3));
    const tables = names(dice, 'rt', dice.next(3));
    const groups = names(dice, 'sg', dice.next(3));
    const acls = names(dice, 'acl', dice.next(2));
    const [igw, eigw, nat, gwe, ife, ...instances] = names(dice, 'x', 5 + dice.next(3)).filter(n => !peerings.includes(n));
    if (dice.chance() && igw) b.gateway(vpc, igw);
    if (dice.chance() && eigw) b.gateway(vpc, eigw, 'egress-only-internet-gateway');
    for (const [s, name] of subnets.entries()) {
        b.subnet(vpc, name, `10.${i}.${s}.0/24`, {
            table: dice.chance() && tables.length > 0 ? dice.pick(tables) : undefined,
            nacl: dice.chance() && acls.length > 0 ? dice.pick(acls) : undefined,
            az: dice.chance() ? `${region}${dice.pick(['a', 'b', 'c'])}` : undefined,
            ipv6: dice.chance() ? `2600:1f18:${i}0${s}::/64` : undefined
        });
    }
    if (dice.chance() && nat) {
        b.nat(vpc, nat, subnets[0]!, `52.0.${i}.1`);
        if (dice.chance()) t.natGateways[t.natGateways.length - 1]!.ip = { value: `10.${i}.0.5` };
        if (dice.chance()) t.natGateways[t.natGateways.length - 1]!.publicIp = undefined;
    }
    for (const g of groups) {
        const rules: Array<['ingress' | 'egress', string, string]> = [];
        for (let r = dice.next(4); r > 0; r--) {
            const peer = dice.pick(['0.0.0.0/0', '::/0', `10.${dice.next(3)}.0.0/16`, `sg ${dice.pick(groups)}`, 'pl s3', 'pl dynamodb']);
            rules.push([dice.pick(['ingress', 'egress'] as const), dice.pick(TRAFFIC), peer]);
        }
        b.sg(vpc, g, rules);
    }
    for (const a of acls) {
        b.nacl(
            vpc,
            a,
            Array.from({ length: dice.next(4) }, (_, r) => [
                dice.pick(['inbound', 'outbound'] as const),
                100 + r * 10,
                dice.pick(['allow', 'deny'] as const),
                dice.pick(TRAFFIC),
                dice.pick(['0.0.0.0/0', '::/0', '10.0.0.0/8'])
            ])
        );
        if (dice.chance())
            t.networkAcls[t.networkAcls.length - 1]!.rules.push({
                id: `${makeId('network-acl', a, vpc)}/pl`,
                direction: 'outbound',
                number: 900,
                action: 'allow',
                protocol: 'tcp',
                ports: { from: 443, to: 443 },
                peer: { kind: 'prefix-list', service: 's3', region: dice.pick(regions(region)) }
            });
    }
    for (const [n, name] of instances.entries()) {
        b.instance(vpc, name, dice.pick(subnets), `10.${i}.0.${10 + n}`, {
            publicIp: dice.chance() ? `54.0.${i}.${n}` : undefined,
            ipv6: dice.chance() ? `2600:1f18:${i}00::${n + 10}` : undefined,
            groups: groups.length > 0 && dice.chance() ? dice.some(groups).concat(groups[0]!).slice(0, 2) : undefined
        });
        if (dice.chance()) t.instances[t.instances.length - 1]!.ip = undefined;
    }
    if (gwe && dice.chance()) {
        b.gatewayEndpoint(
            vpc,
            gwe,
            dice.pick(['s3', 'dynamodb']),
            dice.some(tables),
            dice.chance()
                ? {
                      statements: Array.from({ length: 1 + dice.next(2) }, () => ({
                          effect: dice.pick(['allow', 'deny'] as const),
                          actions: dice.some(['s3:GetObject', 's3:*', 'dynamodb:Query'], 2).concat('s3:PutObject'),
                          resources: dice.chance() ? ['*'] : ['arn:aws:s3:::bucket/"quoted"\\path']
                      }))
                  }
                : undefined
        );
        if (dice.chance()) t.gatewayEndpoints[t.gatewayEndpoints.length - 1]!.region = dice.pick(regions(region));
        endpoints.push(`${vpc}.${gwe}`);
    }
    if (ife && dice.chance() && groups.length > 0) {
        b.interfaceEndpoint(
            vpc,
            ife,
            dice.pick(['ssm', 'ecr.api', 'logs', 's3']),
            dice.some(subnets),
            dice.some(groups).concat(groups[0]!).slice(0, 2),
            dice.chance()
        );
        if (dice.chance()) t.interfaceEndpoints[t.interfaceEndpoints.length - 1]!.region = dice.pick(regions(region));
        if (dice.chance())
            t.interfaceEndpoints[t.interfaceEndpoints.length - 1]!.policy = {
                statements: [{ effect: 'allow', actions: ['ssm:*'], resources: ['*'] }]
            };
    }
    for (const name of tables) {
        const targets = [...t.gateways, ...t.natGateways, ...t.gatewayEndpoints, ...t.instances]
            .filter(e => e.vpc === makeId('vpc', vpc))
            .map(e => e.name)
            .concat(peerings);
        const routes: Array<[string, string]> =
            targets.length === 0
                ? []
                : Array.from({ length: dice.next(4) }, (_, r) => [
                      dice.pick(['0.0.0.0/0', '::/0', `172.16.${r}.0/24`, 'pl s3']),
                      dice.pick(targets)
                  ]);
        b.table(vpc, name, routes);
        // A route to another VPC's gateway: wrong (route-target-foreign), but the text must say it, qualified.
        const foreign = t.gateways.filter(g => g.vpc !== makeId('vpc', vpc));
        if (foreign.length > 0 && dice.next(4) === 0) {
            const gateway = dice.pick(foreign);
            t.routeTables[t.routeTables.length - 1]!.routes.push({
                id: 'foreign',
                destination: { kind: 'cidr', cidr: '192.168.0.0/16' },
                target: { kind: gateway.kind, id: gateway.id }
            });
        }
        if (dice.next(4) === 0 && !t.routeTables.some(r => r.vpc === makeId('vpc', vpc) && r.main && !r.implicit)) {
            const table = t.routeTables[t.routeTables.length - 1]!;
            table.main = true;
            t.vpcs.find(v => v.name === vpc)!.mainRouteTable = table.id;
            t.routeTables.splice(
                t.routeTables.findIndex(r => r.vpc === table.vpc && r.implicit),
                1
            );
            for (const s of t.subnets) if (s.vpc === table.vpc && !s.routeTableExplicit) s.routeTable = table.id;
        }
    }
    for (const name of names(dice, 'fl', dice.next(3))) flowLog(b, dice, vpc, name);
}

function regions(own: string): string[] {
    return [own, 'eu-west-1', 'ap-southeast-2'];
}

function flowLog(b: TopologyBuilder, dice: Dice, vpc: string, name: string): void {
    const vpcId = makeId('vpc', vpc);
    const subnets = b.t.subnets.filter(s => s.vpc === vpcId);
    const enis = [...b.t.instances, ...b.t.natGateways, ...b.t.interfaceEndpoints].filter(e => e.vpc === vpcId);
    const level = dice.pick(['vpc', 'subnet', 'eni'] as const);
    const log: FlowLog = {
        kind: 'flow-log',
        id: makeId('flow-log', name, vpc),
        name,
        vpc: vpcId,
        capture:
            level === 'subnet' && subnets.length > 0
                ? { level, target: dice.pick(subnets).id }
                : level === 'eni' && enis.length > 0
                  ? { level, target: dice.pick(enis).id }
                  : { level: 'vpc', target: vpcId },
        traffic: dice.pick(['all', 'accept', 'reject'] as const),
        aggregationSeconds: dice.pick([60, 600]),
        destination: dice.chance()
            ? { kind: dice.pick(['s3', 'cloudwatch'] as const), target: dice.pick(['arn:aws:s3:::logs', 'group-name']) }
            : undefined,
        format: dice.chance() ? { value: '${version} ${srcaddr} ${action}' } : undefined
    };
    b.t.flowLogs.push(log);
}

/** Probes with and without a name, to every kind of destination. */
function probes(b: TopologyBuilder, dice: Dice): void {
    const instances = b.t.instances.map(i => ({ id: i.id, qualified: `${b.t.vpcs.find(v => v.id === i.vpc)!.name}.${i.name}` }));
    const endpoints = b.t.interfaceEndpoints.map(e => e.id);
    for (let n = dice.next(5); n > 0; n--) {
        const from = instances.length > 0 && dice.next(4) !== 0 ? dice.pick(instances).qualified : 'internet';
        const choices: ProbeDestination[] = [
            { kind: 'address', address: dice.pick(['10.0.0.10', '2600:1f18:100::10']) },
            { kind: 'internet', address: dice.pick(['8.8.8.8', '2001:4860:4860::8888']) },
            { kind: 'service', service: dice.pick(['s3', 'ssm', 'ecr.api']), region: dice.chance() ? 'eu-west-1' : undefined },
            ...endpoints.map(endpoint => ({ kind: 'endpoint' as const, endpoint, az: dice.chance() ? 'us-east-1b' : undefined })),
            ...instances.flatMap(i => [
                { kind: 'instance' as const, instance: i.id },
                { kind: 'public-dns' as const, instance: i.id }
            ])
        ];
        const probe: Probe = b.probe(
            from,
            dice.pick(choices),
            dice.pick(['tcp 443', 'udp 53', 'icmp', 'all', 'tcp 5432']),
            dice.chance() ? { action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/key' } : undefined
        );
        if (dice.chance()) probe.expect = dice.pick(['accept', 'reject'] as const);
        if (probe.expect === 'reject' && dice.chance()) probe.expectReason = 'NO_ROUTE';
        probe.id = makeId('probe', probe.name);
    }
}

export const arbitraryTopology = fc.array(fc.nat(), { minLength: 30, maxLength: 300 }).map(values => randomTopology(new Dice(values)));

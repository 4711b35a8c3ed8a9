/**
 * The reachability diff: concrete changes whose effect follows from AWS's documented behaviour,
 * and its properties over random topologies (the simulator's own properties are the model).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FlowChange, Traffic, TopologyDiff } from '../../src/model/diff.js';
import type { Topology } from '../../src/model/topology.js';
import { diffTopologies } from '../../src/simulator/diff.js';
import { compareFlowsBruteForce } from '../../src/simulator/diff-flows.js';
import { trafficFor } from '../../src/simulator/diff-traffic.js';
import { TopologyBuilder, standardVpc } from './builder.js';
import { Dice, randomEdit, randomTopology } from './diff-random.js';

const FEW: Traffic[] = [
    { protocol: 'tcp', port: 22 },
    { protocol: 'tcp', port: 443 },
    { protocol: 'udp', port: 53 },
    { protocol: 'icmp', port: null }
];

/** Every changed flow, one line per source and destination (never an instance to itself). */
function expand(flows: ReadonlyArray<Pick<FlowChange, 'sources' | 'destinations' | 'protocol' | 'port' | 'before' | 'after'>>): string[] {
    const lines: string[] = [];
    for (const f of flows)
        for (const s of f.sources)
            for (const d of f.destinations) {
                if (s !== d)
                    lines.push(
                        `${s} -> ${d} ${f.protocol} ${f.port ?? ''}: ${f.before.verdict} ${f.before.reason ?? ''} => ${f.after.verdict} ${f.after.reason ?? ''}`
                    );
            }
    return lines.sort();
}

function reversed(lines: string[]): string[] {
    return lines
        .map(l => {
            const [head, change] = l.split(': ');
            const [a, b] = change!.split(' => ');
            return `${head}: ${b} => ${a}`;
        })
        .sort();
}

const dice = fc.array(fc.nat({ max: 1000 }), { minLength: 150, maxLength: 150 });

describe('reachability diff: concrete changes', () => {
    const base = () => standardVpc(new TopologyBuilder()).t;

    it('opening ssh to the world on a public instance is newly open from the internet, caused by that rule', () => {
        const before = base();
        const after = structuredClone(before);
        const rule = {
            id: 'x',
            direction: 'ingress' as const,
            protocol: 'tcp' as const,
            ports: { from: 22, to: 22 },
            peer: { kind: 'cidr' as const, cidr: '0.0.0.0/0' },
            loc: { uri: 'file:///after.vpc', range: { start: { line: 7, character: 4 }, end: { line: 7, character: 30 } } }
        };
        after.securityGroups.find(g => g.name === 'web')!.rules.push(rule);
        const diff = diffTopologies(before, after);
        expect(diff.elements).toHaveLength(1);
        expect(diff.elements[0]).toMatchObject({
            change: 'added',
            text: 'security-group app.web: ingress tcp 22 from 0.0.0.0/0',
            after: rule.loc
        });
        // web has a public address and its subnet routes 0.0.0.0/0 to the internet gateway: only its group stood in the way.
        const opened = diff.flows.filter(f => f.kind === 'opened');
        const fromInternet = opened.find(f => f.sources[0] === 'internet' && f.port === 22);
        expect(fromInternet).toMatchObject({
            destinations: ['app.web'],
            before: { verdict: 'REJECT', reason: 'SG_INGRESS' },
            after: { verdict: 'ACCEPT' }
        });
        expect(fromInternet!.hopBefore?.kind).toBe('security-group');
        expect(fromInternet!.causes.map(c => c.text)).toEqual(['security-group app.web: ingress tcp 22 from 0.0.0.0/0']);
        // worker reaches web's private address inside the VPC (local route) on 22 now too.
        expect(opened.some(f => f.sources.includes('app.worker') && f.destinations.includes('app.web') && f.port === 22)).toBe(true);
        expect(diff.flows.filter(f => f.kind === 'closed')).toEqual([]);
        // Nothing but tcp 22 (and the ports no rule tells from it) changes.
        expect(new Set(opened.map(f => `${f.protocol} ${f.port}`))).toEqual(new Set(['tcp 22']));
    });

    it("removing the private subnet's default route to the NAT gateway closes the worker's way out", () => {
        const before = base();
        const after = structuredClone(before);
        after.routeTables.find(t => t.name === 'private')!.routes = [];
        const diff = diffTopologies(before, after, { traffic: FEW });
        const closed = diff.flows.filter(
            f => f.kind === 'closed' && f.sources.includes('app.worker') && f.destinations.includes('internet')
        );
        // AWS: without a route for the destination the packet is dropped; the NAT gateway was the worker's only path out.
        expect(closed.map(f => `${f.protocol} ${f.port ?? ''}`).sort()).toEqual(['icmp ', 'tcp 22', 'tcp 443', 'udp 53']);
        for (const f of closed) {
            expect(f.after).toEqual({ verdict: 'REJECT', reason: 'NO_ROUTE' });
            expect(f.hopAfter?.kind).toBe('route-table');
            expect(f.causes.map(c => c.change)).toEqual(['removed']);
            expect(f.causes[0]!.text).toBe('route-table app.private: route 0.0.0.0/0 -> app.nat');
        }
        expect(diff.flows.some(f => f.kind === 'opened')).toBe(false);
    });

    it('moving a line is not a change, and a probe is matched by name', () => {
        const before = base();
        new TopologyBuilder().probe('app.web', 'app.worker', 'tcp 8080');
        const after = structuredClone(before);
        after.securityGroups.find(g => g.name === 'web')!.rules.reverse();
        for (const g of after.securityGroups)
            for (const r of g.rules)
                r.loc = { uri: 'file:///x.vpc', range: { start: { line: 9, character: 0 }, end: { line: 9, character: 1 } } };
        const diff = diffTopologies(before, after, { traffic: FEW });
        expect(diff.elements).toEqual([]);
        expect(diff.flows).toEqual([]);
    });

    it('a probe that changes verdict is reported with both verdicts and its cause', () => {
        const b = standardVpc(new TopologyBuilder());
        b.probe('app.web', 'app.worker', 'tcp 8080');
        const before = b.t;
        const after = structuredClone(before);
        // app admits 8080 from members of web; without the reference, nothing admits it.
        after.securityGroups.find(g => g.name === 'app')!.rules = after.securityGroups
            .find(g => g.name === 'app')!
            .rules.filter(r => r.direction === 'egress');
        const diff = diffTopologies(before, after, { traffic: FEW });
        expect(diff.probes).toHaveLength(1);
        expect(diff.probes[0]).toMatchObject({
            kind: 'closed',
            before: { verdict: 'ACCEPT' },
            after: { verdict: 'REJECT', reason: 'SG_INGRESS' }
        });
        expect(diff.probes[0]!.causes.map(c => c.text)).toEqual(['security-group app.app: ingress tcp 8080 from sg app.web']);
    });

    it('the traffic tried: the defaults, and one port per way the rules treat ports', () => {
        const b = new TopologyBuilder().vpc('a', ['10.0.0.0/16']).sg('a', 'g', [
            ['ingress', 'tcp 1000-2000', '10.0.0.0/8'],
            ['ingress', 'tcp 1500', '10.0.0.0/8'],
            ['ingress', 'udp 7000-7010', '0.0.0.0/0']
        ]);
        const ports = trafficFor(b.t, b.t).map(t => `${t.protocol} ${t.port ?? ''}`);
        expect(ports).toEqual(
            expect.arrayContaining(['tcp 22', 'tcp 80', 'tcp 443', 'tcp 3389', 'tcp 5432', 'tcp 3306', 'tcp 6379', 'udp 53', 'icmp '])
        );
        // 1000-1499 and 1501-2000 are covered by the same range: 1000 stands for both; 1500 and 2001 (past the range) are their own.
        expect(ports).toEqual(expect.arrayContaining(['tcp 1000', 'tcp 1500', 'udp 7000']));
        expect(ports).not.toContain('tcp 1501');
        expect(ports).not.toContain('tcp 2001');
    });
});

describe('reachability diff: properties', () => {
    const diffOf = (a: Topology, b: Topology): TopologyDiff => diffTopologies(a, b, { traffic: FEW });

    it('diff(x, x) is empty', () => {
        fc.assert(
            fc.property(dice, values => {
                const t = randomTopology(new Dice(values));
                const diff = diffOf(t, structuredClone(t));
                expect(diff.elements).toEqual([]);
                expect(diff.flows).toEqual([]);
                expect(diff.probes).toEqual([]);
            }),
            { numRuns: 60 }
        );
    });

    it('diff(a, b) is diff(b, a) reversed', () => {
        fc.assert(
            fc.property(dice, dice, (values, edit) => {
                const a = randomTopology(new Dice(values));
                const b = randomEdit(a, new Dice(edit));
                expect(expand(diffOf(b, a).flows)).toEqual(reversed(expand(diffOf(a, b).flows)));
            }),
            { numRuns: 50 }
        );
    });

    it('adding an allow rule never closes a flow', () => {
        fc.assert(
            fc.property(dice, dice, (values, extra) => {
                const t = randomTopology(new Dice(values));
                const d = new Dice(extra);
                const widened = structuredClone(t);
                const cidr = d.pick(['0.0.0.0/0', `10.${d.next(3)}.0.0/16`]);
                const protocol = d.pick(['all', 'tcp', 'udp'] as const);
                if (d.chance() && widened.networkAcls.length > 0) {
                    d.pick(widened.networkAcls).rules.push({
                        id: 'added',
                        direction: d.pick(['inbound', 'outbound'] as const),
                        number: 1 + d.next(300),
                        action: 'allow',
                        protocol,
                        peer: { kind: 'cidr', cidr }
                    });
                } else {
                    d.pick(widened.securityGroups).rules.push({
                        id: 'added',
                        direction: d.pick(['ingress', 'egress'] as const),
                        protocol,
                        peer: { kind: 'cidr', cidr }
                    });
                }
                const diff = diffOf(t, widened);
                expect(diff.flows.filter(f => f.kind === 'closed')).toEqual([]);
                expect(diff.probes.filter(p => p.kind === 'closed')).toEqual([]);
            }),
            { numRuns: 80 }
        );
    });

    it('removing a route never opens a flow', () => {
        fc.assert(
            fc.property(dice, fc.nat(), (values, which) => {
                const t = randomTopology(new Dice(values));
                const tables = t.routeTables.filter(table => table.routes.length > 0);
                if (tables.length === 0) return;
                const narrowed = structuredClone(t);
                const table = narrowed.routeTables.find(x => x.id === tables[which % tables.length]!.id)!;
                table.routes.splice(which % table.routes.length, 1);
                const diff = diffOf(t, narrowed);
                expect(diff.flows.filter(f => f.kind === 'opened')).toEqual([]);
                expect(diff.probes.filter(p => p.kind === 'opened')).toEqual([]);
                // The removed route is the cause of everything it closed.
                for (const f of diff.flows.filter(x => x.kind === 'closed')) expect(f.causes.map(c => c.change)).toEqual(['removed']);
            }),
            { numRuns: 80 }
        );
    });

    it('the class-based diff equals a probe-by-probe diff', () => {
        let changed = 0;
        let grouped = 0;
        fc.assert(
            fc.property(dice, dice, (values, edit) => {
                const a = randomTopology(new Dice(values));
                const b = randomEdit(a, new Dice(edit));
                const flows = diffOf(a, b).flows;
                const brute = expand(
                    compareFlowsBruteForce(a, b, FEW).map(f => ({
                        ...f,
                        protocol: f.traffic.protocol,
                        port: f.traffic.port,
                        sources: f.sources.map(n),
                        destinations: f.destinations.map(n)
                    }))
                );
                expect(expand(flows)).toEqual(brute);
                if (brute.length > 0) changed++;
                if (flows.some(f => f.sources.length * f.destinations.length > 1)) grouped++;
            }),
            { numRuns: Number(process.env.VPC_LAB_FUZZ_RUNS ?? 80), seed: 7 }
        );
        // The edits change something often, and classes do group flows: the comparison is not vacuous.
        expect(changed).toBeGreaterThan(25);
        expect(grouped).toBeGreaterThan(5);
    });
});

/** `instance:v0.h0` → `v0.h0`, as the diff names instances. */
function n(end: string): string {
    return end === 'internet' ? end : end.startsWith('service:') ? `service ${end.slice(8)}` : end.replace(/^instance:/, '');
}

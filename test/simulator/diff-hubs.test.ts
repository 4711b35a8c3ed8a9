/**
 * The reachability diff in workspaces with transit gateways, load balancers, endpoint services
 * and prefix lists: a change seen only through one of them is found, and only the sources it
 * can affect are simulated.
 *
 * Expected verdicts follow AWS's documentation: a transit gateway forwards by the route table
 * associated with the attachment, longest prefix first ("How transit gateways work"); a load
 * balancer answers only on its listeners' ports ("Listeners for your Application/Network Load
 * Balancers"); an endpoint service accepts connections only from allowed principals ("Manage
 * permissions", AWS PrivateLink); a rule naming a customer-managed prefix list stands for one
 * rule per entry ("Reference prefix lists in your AWS resources").
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FlowChange, Traffic, TopologyDiff } from '../../src/model/diff.js';
import type { Topology } from '../../src/model/topology.js';
import { diffTopologies } from '../../src/simulator/diff.js';
import { compareFlowsBruteForce } from '../../src/simulator/diff-flows.js';
import { TopologyBuilder } from './builder.js';
import { Dice } from './diff-random.js';
import { addEndpointService, addLoadBalancer, addPrefixList, arn, randomHubEdit, randomHubTopology } from './diff-random-hubs.js';

const FEW: Traffic[] = [
    { protocol: 'tcp', port: 22 },
    { protocol: 'tcp', port: 443 },
    { protocol: 'udp', port: 53 }
];

const diffOf = (a: Topology, b: Topology): TopologyDiff => diffTopologies(a, b, { traffic: FEW });

function expand(flows: ReadonlyArray<Pick<FlowChange, 'sources' | 'destinations' | 'protocol' | 'port' | 'before' | 'after'>>): string[] {
    const lines: string[] = [];
    for (const f of flows)
        for (const s of f.sources)
            for (const d of f.destinations)
                if (s !== d)
                    lines.push(
                        `${s} -> ${d} ${f.protocol} ${f.port ?? ''}: ${f.before.verdict} ${f.before.reason ?? ''} => ${f.after.verdict} ${f.after.reason ?? ''}`
                    );
    return lines.sort();
}

/** `instance:v0.h0` → `v0.h0`, as the diff names instances. */
function n(end: string): string {
    return end === 'internet' ? end : end.startsWith('service:') ? `service ${end.slice(8)}` : end.replace(/^instance:/, '');
}

function bruteForce(a: Topology, b: Topology): string[] {
    return expand(
        compareFlowsBruteForce(a, b, FEW).map(f => ({
            ...f,
            protocol: f.traffic.protocol,
            port: f.traffic.port,
            sources: f.sources.map(n),
            destinations: f.destinations.map(n)
        }))
    );
}

/** Lines of the changed flows, without reasons: `v0.h0 -> v1.h0 tcp 443 closed`. */
function changed(diff: TopologyDiff): string[] {
    return diff.flows
        .flatMap(f => f.sources.flatMap(s => f.destinations.map(d => `${s} -> ${d} ${f.protocol} ${f.port ?? ''} ${f.kind}`)))
        .sort();
}

const dice = fc.array(fc.nat({ max: 1000 }), { minLength: 150, maxLength: 150 });

describe('reachability diff with the hubs: properties', () => {
    it('the class-based diff equals a probe-by-probe diff', () => {
        let found = 0;
        const seen = new Set<string>();
        fc.assert(
            fc.property(dice, dice, (values, edit) => {
                const a = randomHubTopology(new Dice(values));
                const b = randomHubEdit(a, new Dice(edit));
                const diff = diffOf(a, b);
                const brute = bruteForce(a, b);
                expect(expand(diff.flows)).toEqual(brute);
                if (brute.length > 0) found++;
                for (const line of brute) for (const code of line.match(/\b(TGW_\w+|LB_\w+|ENDPOINT_SERVICE_\w+)\b/g) ?? []) seen.add(code);
            }),
            { numRuns: Number(process.env.VPC_LAB_FUZZ_RUNS ?? 120), seed: 15 }
        );
        // The edits change flows often, and through the hubs: the comparison is not vacuous.
        expect(found).toBeGreaterThan(30);
        expect([...seen].sort()).toEqual(expect.arrayContaining(['ENDPOINT_SERVICE_NOT_ALLOWED', 'LB_NO_LISTENER', 'TGW_NO_ROUTE']));
    });

    it('diff(x, x) is empty and diff(a, b) is diff(b, a) reversed', () => {
        fc.assert(
            fc.property(dice, dice, (values, edit) => {
                const a = randomHubTopology(new Dice(values));
                expect(diffOf(a, structuredClone(a)).flows).toEqual([]);
                const b = randomHubEdit(a, new Dice(edit));
                const back = expand(diffOf(b, a).flows).map(l => {
                    const [head, change] = l.split(': ');
                    const [x, y] = change!.split(' => ');
                    return `${head}: ${y} => ${x}`;
                });
                expect(back.sort()).toEqual(expand(diffOf(a, b).flows));
            }),
            { numRuns: 40 }
        );
    });
});

/**
 * Spokes v0, v1, v2 on the hub, which routes by static routes only; v3 and v4 peered with each
 * other and with nothing else. Every group admits tcp 443 from 10.0.0.0/8.
 */
function hubWorkspace(): TopologyBuilder {
    const b = new TopologyBuilder();
    const spokes = ['v0', 'v1', 'v2'];
    b.transitGateway('hub', {
        defaultPropagation: false,
        tables: [{ name: 'default', routes: spokes.map((v, i): [string, string] => [`10.${i}.0.0/16`, `${v}.att`]) }]
    });
    b.peering('p34', 'v3', 'v4');
    for (let i = 0; i < 5; i++) {
        const v = `v${i}`;
        b.vpc(v, [`10.${i}.0.0/16`], { account: i === 4 ? '222222222222' : '111111111111' });
        b.sg(v, 'app', [
            ['ingress', 'tcp 443', '10.0.0.0/8'],
            ['egress', 'all', '0.0.0.0/0']
        ]);
        b.subnet(v, 's0', `10.${i}.0.0/24`, { table: 'rt' });
        b.instance(v, 'h0', 's0', `10.${i}.0.10`, { groups: ['app'] });
        if (i < 3) b.attachment(v, 'att', 'hub', ['s0']);
        b.table(v, 'rt', i < 3 ? [['10.0.0.0/8', 'hub']] : [[`10.${7 - i}.0.0/16`, 'p34']]);
    }
    return b;
}

describe('reachability diff with the hubs: a change seen only through one of them', () => {
    it('removing a TGW static route closes the flows between two spokes, both ways, caused by the transit gateway', () => {
        const before = hubWorkspace().t;
        const after = structuredClone(before);
        after.transitGateways[0]!.routeTables[0]!.routes.splice(1, 1); // 10.1.0.0/16 -> v1.att
        const diff = diffOf(before, after);
        // The requests to v1 find no route; the replies from v1 to v0 and v2 find none either.
        // What the groups rejected before is now rejected at the hub first: a changed reason.
        expect(changed(diff)).toEqual([
            'v0.h0 -> v1.h0 tcp 22 reason',
            'v0.h0 -> v1.h0 tcp 443 closed',
            'v0.h0 -> v1.h0 udp 53 reason',
            'v1.h0 -> v0.h0 tcp 443 closed',
            'v1.h0 -> v2.h0 tcp 443 closed',
            'v2.h0 -> v1.h0 tcp 22 reason',
            'v2.h0 -> v1.h0 tcp 443 closed',
            'v2.h0 -> v1.h0 udp 53 reason'
        ]);
        expect(diff.flows.find(f => f.sources[0] === 'v0.h0')!.after.reason).toBe('TGW_NO_ROUTE');
        for (const f of diff.flows) expect(f.causes.map(c => c.element)).toEqual(['transit-gateway:hub']);
        // The route itself, not the whole gateway, is the cause: it can be reverted alone.
        for (const f of diff.flows)
            expect(f.causes.map(c => `${c.change} ${c.text}`)).toEqual([
                'removed transit-gateway hub: route-table default: route 10.1.0.0/16 -> v1.att'
            ]);
        expect(expand(diff.flows)).toEqual(bruteForce(before, after));
        // The peered pair off the hub is not simulated: three spokes, one class each.
        expect(diff.simulatedSources).toBe(3);
    });

    it('two routes of one TGW table changed at once: each flow names the route that moved it, and only that one', () => {
        const before = hubWorkspace().t;
        const after = structuredClone(before);
        const routes = after.transitGateways[0]!.routeTables[0]!.routes;
        routes[2] = { ...routes[2]!, blackhole: true, target: undefined }; // 10.2.0.0/16 -> v2.att becomes a blackhole
        routes.splice(1, 1); // 10.1.0.0/16 -> v1.att removed
        const diff = diffOf(before, after);
        expect(diff.elements.map(e => `${e.change} ${e.text}`).sort()).toEqual([
            'changed transit-gateway hub: route-table default: route 10.2.0.0/16 -> v2.att → route-table default: route 10.2.0.0/16 blackhole',
            'removed transit-gateway hub: route-table default: route 10.1.0.0/16 -> v1.att'
        ]);
        const causes = (from: string, to: string) =>
            diff.flows.find(f => f.sources.includes(from) && f.destinations.includes(to) && f.port === 443)!.causes.map(c => c.change);
        // v0 to v1: only the removed route; v0 to v2: only the blackhole (AWS drops what a blackhole route matches).
        expect(causes('v0.h0', 'v1.h0')).toEqual(['removed']);
        expect(causes('v0.h0', 'v2.h0')).toEqual(['changed']);
        expect(diff.flows.find(f => f.sources.includes('v0.h0') && f.destinations.includes('v2.h0'))!.after.reason).toBe('TGW_BLACKHOLE');
        expect(expand(diff.flows)).toEqual(bruteForce(before, after));
    });

    it('a rule in one spoke opens flows from the other spokes through the hub, not only from its peers', () => {
        const before = hubWorkspace().t;
        const after = structuredClone(before);
        after.securityGroups
            .find(g => g.id === 'security-group:v1.app')!
            .rules.push({
                id: 'pg',
                direction: 'ingress',
                protocol: 'tcp',
                ports: { from: 22, to: 22 },
                peer: { kind: 'cidr', cidr: '10.0.0.0/8' }
            });
        const diff = diffOf(before, after);
        expect(changed(diff)).toEqual(['v0.h0 -> v1.h0 tcp 22 opened', 'v2.h0 -> v1.h0 tcp 22 opened']);
        expect(diff.simulatedSources).toBe(3);
    });

    it('a one-rule change off the hub simulates only its VPC and its peer', () => {
        const before = hubWorkspace().t;
        const after = structuredClone(before);
        after.securityGroups
            .find(g => g.id === 'security-group:v4.app')!
            .rules.push({
                id: 'pg',
                direction: 'ingress',
                protocol: 'tcp',
                ports: { from: 22, to: 22 },
                peer: { kind: 'cidr', cidr: '10.3.0.0/16' }
            });
        const diff = diffOf(before, after);
        expect(changed(diff)).toEqual(['v3.h0 -> v4.h0 tcp 22 opened']);
        expect(diff.simulatedSources).toBe(2);
    });

    /** v4 (account 2222…) consumes v3's endpoint service `svc`, an NLB listening on tcp 443 that sends to v3.h0. */
    function provider(): Topology {
        const b = hubWorkspace();
        const lb = addLoadBalancer(b, 'v3', 'nlb', {
            type: 'network',
            subnets: ['s0'],
            groups: [],
            listeners: [['tcp', 443, 'v3.h0', 443]]
        });
        addEndpointService(b, 'v3', 'svc', lb, [arn('222222222222')]);
        b.interfaceEndpoint('v4', 'ep', 'v3.svc', ['s0'], ['app']);
        return b.t;
    }

    it('a listener moved to another port closes the consumer flow to the endpoint service', () => {
        const before = provider();
        const after = structuredClone(before);
        after.loadBalancers[0]!.listeners[0]!.port = 8443;
        const diff = diffOf(before, after);
        expect(changed(diff)).toEqual(['v4.h0 -> service v3.svc tcp 443 closed']);
        expect(diff.flows[0]!.after.reason).toBe('LB_NO_LISTENER');
        expect(diff.flows[0]!.causes.map(c => c.element)).toEqual(['load-balancer:v3.nlb']);
        expect(expand(diff.flows)).toEqual(bruteForce(before, after));
    });

    it('removing the allowed principal closes the consumer flow', () => {
        const before = provider();
        const after = structuredClone(before);
        after.endpointServices[0]!.allowedPrincipals = [];
        const diff = diffOf(before, after);
        expect(changed(diff)).toEqual(['v4.h0 -> service v3.svc tcp 443 closed']);
        expect(diff.flows[0]!.after.reason).toBe('ENDPOINT_SERVICE_NOT_ALLOWED');
        expect(diff.flows[0]!.causes.map(c => c.element)).toEqual(['endpoint-service:v3.svc']);
    });

    it("a rule in the provider's target closes the consumer's flow: the consumer reaches the provider's VPC", () => {
        const before = provider();
        const after = structuredClone(before);
        // Through PrivateLink the NLB connects from its own address, which 10.0.0.0/8 admitted.
        after.securityGroups.find(g => g.id === 'security-group:v3.app')!.rules.shift();
        const diff = diffOf(before, after);
        expect(changed(diff)).toContain('v4.h0 -> service v3.svc tcp 443 closed');
        expect(expand(diff.flows)).toEqual(bruteForce(before, after));
    });

    it('removing an entry of a prefix list closes the flow the rule naming it admitted', () => {
        const b = hubWorkspace();
        // v3 admits tcp 22 from the list's entries only: its peer v4's block.
        addPrefixList(b, 'v3', 'partners', ['10.4.0.0/16'], 'app', 'tcp 22');
        const before = b.t;
        const after = structuredClone(before);
        after.prefixLists[0]!.entries = [];
        const diff = diffOf(before, after);
        expect(changed(diff)).toEqual(['v4.h0 -> v3.h0 tcp 22 closed']);
        expect(diff.flows[0]!.causes.map(c => c.element)).toEqual(['prefix-list:v3.partners']);
        expect(diff.simulatedSources).toBe(2);
    });
});

/**
 * What a change in a peered VPC can touch. AWS delivers through a peering only to addresses inside
 * the peer VPC's own CIDR blocks (peering is not transitive: no edge-to-edge routing), so from the
 * other side only the flows into those blocks can change, and the diff re-simulates no more; but a
 * peer that is gone takes every flow the peering carried with it, whatever the address.
 */
import { describe, expect, it } from 'vitest';
import type { Traffic } from '../../src/model/diff.js';
import type { Topology } from '../../src/model/topology.js';
import { diffTopologies } from '../../src/simulator/diff.js';
import { compareFlowsBruteForce } from '../../src/simulator/diff-flows.js';
import { TopologyBuilder } from './builder.js';

const SSH: Traffic[] = [{ protocol: 'tcp', port: 22 }];

/** a peers with b; a's hosts send b's blocks and c's through the peering (c's cannot get through: b is no transit). */
function peered(): Topology {
    const b = new TopologyBuilder();
    for (const [name, k] of [
        ['a', 0],
        ['b', 1],
        ['c', 2]
    ] as const) {
        b.vpc(name, [`10.${k}.0.0/16`]).subnet(name, 's', `10.${k}.1.0/24`, { table: 'rt' });
        b.sg(name, 'open', [
            ['ingress', 'all', '10.0.0.0/8'],
            ['egress', 'all', '0.0.0.0/0']
        ]);
    }
    b.peering('ab', 'a', 'b');
    b.table('a', 'rt', [
        ['10.1.0.0/16', 'ab'],
        ['10.2.0.0/16', 'ab']
    ]);
    b.table('b', 'rt', [['10.0.0.0/16', 'ab']]);
    b.table('c', 'rt', []);
    for (const [name, k] of [
        ['a', 0],
        ['b', 1],
        ['c', 2]
    ] as const)
        b.instance(name, 'h', 's', `10.${k}.1.10`, { groups: ['open'] });
    return b.t;
}

function lines(
    flows: ReadonlyArray<{ sources: string[]; destinations: string[]; before: { reason: string | null }; after: { reason: string | null } }>
) {
    return flows
        .flatMap(f => f.sources.flatMap(s => f.destinations.map(d => `${s} -> ${d}: ${f.before.reason} => ${f.after.reason}`)))
        .sort();
}

describe('reachability diff across a peering', () => {
    it("a rule changed in the peer changes only the flows into the peer's blocks", () => {
        const before = peered();
        const after = structuredClone(before);
        after.securityGroups.find(g => g.id === 'security-group:b.open')!.rules.splice(0, 1);
        const diff = diffTopologies(before, after, { traffic: SSH });
        expect(lines(diff.flows)).toEqual(['a.h -> b.h: null => SG_INGRESS']);
        const brute = compareFlowsBruteForce(before, after, SSH);
        expect(brute.map(f => `${f.source} -> ${f.destination}`)).toEqual(['instance:a.h -> instance:b.h']);
    });

    it('a peer that is gone changes why the flows it could not carry are dropped', () => {
        const before = peered();
        const after = structuredClone(before);
        after.vpcs = after.vpcs.filter(v => v.id !== 'vpc:b');
        for (const list of ['subnets', 'routeTables', 'securityGroups', 'networkAcls', 'instances'] as const)
            (after[list] as Array<{ vpc: string }>) = (after[list] as Array<{ vpc: string }>).filter(x => x.vpc !== 'vpc:b');
        const diff = diffTopologies(before, after, { traffic: SSH });
        // a.h -> c.h was dropped at the peering because c is not b: now because the peering leads nowhere.
        expect(lines(diff.flows)).toContain('a.h -> c.h: NOT_TRANSITIVE => NO_ROUTE');
        const brute = compareFlowsBruteForce(before, after, SSH).map(
            f =>
                `${f.source.replace('instance:', '')} -> ${f.destination.replace('instance:', '')}: ${f.before.reason} => ${f.after.reason}`
        );
        expect(lines(diff.flows).filter(l => !l.includes('b.h'))).toEqual(brute.filter(l => !l.includes('b.h')).sort());
    });
});

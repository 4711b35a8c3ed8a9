/** The matrix's load-balancer columns and its transit gateway reach, on the teaching examples. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { check } from '../helpers.js';
import { toModel } from '../../src/language/to-model.js';
import { compile } from '../../src/simulator/compile.js';
import { computeMatrix } from '../../src/simulator/matrix.js';
import { generateWorkspace } from '../../bench/generate.js';

async function matrixOf(example: string, byClass: boolean) {
    const text = readFileSync(new URL(`../../examples/${example}`, import.meta.url), 'utf8');
    const { topology } = toModel((await check(text)).documents);
    return computeMatrix(compile(topology), { protocol: 'tcp', port: 443, byClass });
}

describe('matrix through load balancers and transit gateways', () => {
    it('has a column per load balancer: the app tier reaches the internet-facing ALB through its NAT, the database tier does not', async () => {
        const m = await matrixOf('three-tier.vpc', true);
        const column = m.instances.length + m.targets.indexOf('load-balancer shop.web');
        expect(m.targets).toContain('load-balancer shop.web');
        const row = (name: string) => m.cells[m.instances.indexOf(name)]!;
        expect(row('shop.app-1')[column]).toEqual({ verdict: 'ACCEPT', reason: null });
        expect(row('shop.db-1')[column]).toEqual({ verdict: 'REJECT', reason: 'NO_ROUTE' });
    });

    it('spoke to spoke through the transit gateway, and the class-based matrix equals probe by probe', async () => {
        const fast = await matrixOf('transit-hub.vpc', true);
        const slow = await matrixOf('transit-hub.vpc', false);
        expect(fast.cells).toEqual(slow.cells);
        const at = (from: string, to: string) => fast.cells[fast.instances.indexOf(from)]![fast.instances.indexOf(to)]!;
        expect(at('spoke-a.app-a', 'spoke-b.app-b').verdict).toBe('ACCEPT');
        expect(at('spoke-a.app-a', 'sandbox.lab-1').reason).toBe('TGW_BLACKHOLE');
        expect(at('sandbox.lab-1', 'spoke-a.app-a').reason).toBe('TGW_NO_ROUTE');
    });

    it('the class-based matrix equals probe by probe for load balancers the source cannot reach, and those it can', async () => {
        // The bench workspace in small: a ring of peerings, a transit gateway joining VPCs 0, 10 and
        // 20, an internal load balancer in VPCs 5, 15 and 25. Most sources reach a given load
        // balancer's VPC by no route at all; its neighbours by peering, the spokes by the gateway.
        const { topology } = toModel((await check(Object.fromEntries(generateWorkspace(30, 10).files))).documents);
        const compiled = compile(topology);
        for (const options of [{ protocol: 'tcp' as const, port: 80 }, { protocol: 'all' as const }]) {
            const fast = computeMatrix(compiled, options);
            const slow = computeMatrix(compiled, { ...options, byClass: false });
            expect(fast.targets.filter(t => t.startsWith('load-balancer'))).toHaveLength(3);
            expect(fast.cells).toEqual(slow.cells);
        }
        for (const example of ['three-tier.vpc', 'saas-privatelink.vpc'])
            expect((await matrixOf(example, true)).cells).toEqual((await matrixOf(example, false)).cells);
    });
});

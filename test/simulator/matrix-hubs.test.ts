/** The matrix's load-balancer columns and its transit gateway reach, on the teaching examples. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { check } from '../helpers.js';
import { toModel } from '../../src/language/to-model.js';
import { compile } from '../../src/simulator/compile.js';
import { computeMatrix } from '../../src/simulator/matrix.js';

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
});

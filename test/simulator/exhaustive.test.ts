/** A route target the engine has no case for is refused, never delivered. */
import { describe, expect, it } from 'vitest';
import { compile, simulateProbe } from '../../src/simulator/simulate.js';
import type { CTarget } from '../../src/simulator/compile.js';
import { assertNever } from '../../src/model/assert-never.js';
import { TopologyBuilder, standardVpc } from './builder.js';

describe('exhaustive kinds', () => {
    it('a compiled target kind the engine does not handle cannot produce ACCEPT', () => {
        const b = standardVpc(new TopologyBuilder());
        const probe = b.probe('app.web', { kind: 'internet', address: '198.51.100.7' }, 'tcp 443');
        const compiled = compile(b.t);
        expect(simulateProbe(compiled, probe).verdict).toBe('ACCEPT');
        // The default route of the public table, compiled as a kind a newer compiler might produce.
        const table = [...compiled.vpcs.values()][0]!.subnets.find(s => s.model.name === 'public')!.table!;
        const route = table.routes.find(r => r.text === '0.0.0.0/0')!;
        route.target = { kind: 'virtual-private-gateway', id: 'vgw' } as unknown as CTarget;
        const result = simulateProbe(compiled, probe);
        expect(result.verdict).toBe('REJECT');
        expect(result.reason).toBe('NO_ROUTE');
        expect(result.blockers[0]!.detail).toContain('virtual-private-gateway');
    });

    it('assertNever names what it did not expect', () => {
        expect(() => assertNever({ kind: 'transit-gateway' } as never, 'route target')).toThrow('unexpected route target: transit-gateway');
    });
});

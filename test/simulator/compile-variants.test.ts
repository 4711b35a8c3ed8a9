/**
 * A variant of a compiled topology (another topology's rules and routes swapped into the same
 * compiled objects) answers every probe exactly as that topology compiled on its own, and the
 * base answers as before once the variant is put away; the diff leaves the AFTER side it is
 * given as it found it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Probe, Topology } from '../../src/model/topology.js';
import { compile, type Compiled } from '../../src/simulator/compile.js';
import { CompiledVariants } from '../../src/simulator/compile-variants.js';
import { diffElements, variantParts } from '../../src/simulator/diff-elements.js';
import { diffTopologies } from '../../src/simulator/diff.js';
import { simulateProbe } from '../../src/simulator/simulate.js';
import { Dice, randomEdit, randomTopology } from './diff-random.js';

const dice = fc.array(fc.nat({ max: 1000 }), { minLength: 150, maxLength: 150 });

/** Every instance to every other, to the internet and from it, in a few protocols. */
function probesOf(t: Topology): Probe[] {
    const probes: Probe[] = [];
    const traffic = [
        { protocol: 'tcp' as const, port: 22 },
        { protocol: 'tcp' as const, port: 443 },
        { protocol: 'udp' as const, port: 53 },
        { protocol: 'icmp' as const, port: undefined }
    ];
    const base = { kind: 'probe' as const, id: 'p', name: 'p', text: '' };
    for (const { protocol, port } of traffic) {
        for (const s of t.instances) {
            for (const d of t.instances)
                if (d !== s)
                    probes.push({
                        ...base,
                        source: { kind: 'instance', instance: s.id },
                        destination: { kind: 'instance', instance: d.id },
                        protocol,
                        port
                    });
            probes.push({
                ...base,
                source: { kind: 'instance', instance: s.id },
                destination: { kind: 'internet', address: '8.8.8.8' },
                protocol,
                port
            });
            probes.push({ ...base, source: { kind: 'internet' }, destination: { kind: 'instance', instance: s.id }, protocol, port });
        }
    }
    return probes;
}

const traces = (compiled: () => Compiled, probes: readonly Probe[]) => probes.map(p => simulateProbe(compiled(), p, true));

describe('compiled variants', () => {
    it('a variant traces every probe as its topology compiled alone, and the base is itself again after it', () => {
        let variants = 0;
        fc.assert(
            fc.property(dice, dice, (values, edit) => {
                const before = randomTopology(new Dice(values));
                const after = randomEdit(before, new Dice(edit));
                const changes = diffElements(before, after);
                const parts = variantParts(changes, before, after);
                if (!parts || changes.length === 0) return;
                const all = new CompiledVariants(compile(after));
                const variant = all.variant(before, parts);
                expect(variant).toBeDefined();
                variants++;
                const probes = probesOf(before);
                expect(traces(() => all.use(variant), probes)).toEqual(traces(() => compile(before), probes));
                expect(traces(() => all.use(undefined), probes)).toEqual(traces(() => compile(after), probes));
            }),
            { numRuns: 120, seed: 21 }
        );
        // Rules and routes are most of the random edits: the comparison is not vacuous.
        expect(variants).toBeGreaterThan(30);
    });

    it('only rules and routes make a variant: an instance changed, or elements reordered, does not', () => {
        const before = randomTopology(new Dice(Array.from({ length: 150 }, (_, i) => (i * 37) % 101)));
        const moved = structuredClone(before);
        moved.instances.reverse();
        expect(moved.instances.length).toBeGreaterThan(1);
        expect(variantParts(diffElements(before, moved), before, moved)).toBeUndefined();
        const grown = structuredClone(before);
        grown.instances[0]!.publicIp = { value: '54.9.9.9' };
        expect(variantParts(diffElements(before, grown), before, grown)).toBeUndefined();
    });

    it('the diff leaves the compiled AFTER side it is given as it found it', () => {
        fc.assert(
            fc.property(dice, dice, (values, edit) => {
                const before = randomTopology(new Dice(values));
                const after = randomEdit(before, new Dice(edit));
                const given = compile(after);
                diffTopologies(before, after, { compiled: { after: given }, traffic: [{ protocol: 'tcp', port: 22 }] });
                const probes = probesOf(after);
                expect(traces(() => given, probes)).toEqual(traces(() => compile(after), probes));
            }),
            { numRuns: 40, seed: 22 }
        );
    });
});

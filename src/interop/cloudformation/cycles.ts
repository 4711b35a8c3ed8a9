/**
 * CloudFormation refuses a template whose resources depend on each other in a circle (through
 * `Ref`, `Fn::GetAtt`, names in `Fn::Sub` strings, or `DependsOn`). The check walks every value
 * of every resource once, so it works on resource numbers, not names, and allocates little.
 */
import { visitReferences } from './references.js';

/**
 * The first reference cycle among a template's resources, in a depth-first search from each
 * resource in template order, following references in the order they are written: the message
 * naming it (`file:line: reference cycle between resources: A → B → A …`), or undefined.
 */
export function cycleIn(file: string, resources: Record<string, unknown>, lines: ReadonlyMap<string, number>): string | undefined {
    const ids = Object.keys(resources);
    const index = new Map<string, number>();
    for (let i = 0; i < ids.length; i++) index.set(ids[i]!, i);
    // The edges of resource i are targets[starts[i]] … targets[starts[i + 1] - 1].
    const starts = new Int32Array(ids.length + 1);
    const targets: number[] = [];
    const names: string[] = [];
    const found = (name: string) => names.push(name);
    for (let i = 0; i < ids.length; i++) {
        const raw = resources[ids[i]!] as { Properties?: unknown; DependsOn?: unknown } | null;
        names.length = 0;
        if (typeof raw === 'object' && raw !== null) {
            visitReferences(raw.Properties, found);
            const dependsOn = raw.DependsOn;
            if (Array.isArray(dependsOn)) for (const d of dependsOn) names.push(String(d));
            else if (dependsOn !== undefined) names.push(String(dependsOn));
        }
        for (const name of names) {
            const target = index.get(name);
            if (target !== undefined) targets.push(target);
        }
        starts[i + 1] = targets.length;
    }
    // 0: not seen, 1: on the path, 2: done.
    const state = new Uint8Array(ids.length);
    const path: number[] = [];
    const visit = (id: number): string | undefined => {
        state[id] = 1;
        path.push(id);
        for (let e = starts[id]!; e < starts[id + 1]!; e++) {
            const next = targets[e]!;
            if (state[next] === 1) {
                const cycle = [...path.slice(path.indexOf(next)), next].map(n => ids[n]!);
                return `${file}:${lines.get(ids[next]!) ?? 1}: reference cycle between resources: ${cycle.join(' → ')} (CloudFormation refuses such a template)`;
            }
            if (state[next] === 0) {
                const found = visit(next);
                if (found) return found;
            }
        }
        path.pop();
        state[id] = 2;
        return undefined;
    };
    for (let i = 0; i < ids.length; i++) {
        if (state[i] !== 0) continue;
        const found = visit(i);
        if (found) return found;
    }
    return undefined;
}

/**
 * Finding elements of the topology: the one written under the editor's cursor, and those whose
 * name matches what is typed in the search box. The page has every element's location in the data
 * it draws, so a cursor move needs no round trip to the language server and still works on the
 * last topology that parsed while the text has syntax errors.
 */
import type { SourceLocation, Topology } from '../model/topology.js';
import { kindOfId } from '../model/ids.js';

export interface Findable {
    id: string;
    name: string;
    kind: string;
    vpc?: string;
    loc?: SourceLocation;
}

/** Every named element with an id: VPCs, subnets, instances, gateways, endpoints, tables, groups, buckets… */
export function findables(topology: Topology): Findable[] {
    const out: Findable[] = [];
    for (const list of Object.values(topology)) {
        if (!Array.isArray(list)) continue;
        for (const item of list as unknown[]) {
            if (typeof item !== 'object' || item === null) continue;
            const e = item as { id?: unknown; name?: unknown; kind?: unknown; vpc?: unknown; loc?: SourceLocation; implicit?: unknown };
            if (typeof e.id !== 'string' || typeof e.name !== 'string' || e.implicit === true) continue;
            out.push({
                id: e.id,
                name: e.name,
                kind: typeof e.kind === 'string' ? e.kind : kindOfId(e.id),
                vpc: typeof e.vpc === 'string' ? e.vpc : undefined,
                loc: e.loc
            });
        }
    }
    return out;
}

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
    return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/**
 * The element being written on a line: the model keeps where each element's name is, not its
 * whole block, so this is the last element named on or before the cursor's line in that file (the
 * block the cursor is in, except on the lines after a nested block has closed). The whole line of a
 * declaration counts: the cursor is as often on the keyword as on the name.
 */
export function elementAt(elements: readonly Findable[], uri: string, line: number): Findable | undefined {
    let best: Findable | undefined;
    for (const e of elements) {
        if (!e.loc || e.loc.uri !== uri || e.loc.range.start.line > line) continue;
        if (!best || before(best.loc!.range.start, e.loc.range.start)) best = e;
    }
    return best;
}

/** Elements whose name (or `vpc.name`) contains the query, names starting with it first; at most `limit`. */
export function search(elements: readonly Findable[], query: string, limit = 30): Findable[] {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const hits = elements.filter(e => e.name.toLowerCase().includes(q) || e.id.toLowerCase().includes(q));
    const rank = (e: Findable) => (e.name.toLowerCase().startsWith(q) ? 0 : 1);
    return hits.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name)).slice(0, limit);
}

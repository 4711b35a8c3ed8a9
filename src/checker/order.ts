import type { SourceLocation } from '../model/topology.js';

/** Orders locations as the workspace reads: by document (in the topology's order), then position. */
export function locationOrder(documents: readonly string[]): (a?: SourceLocation, b?: SourceLocation) => number {
    const rank = new Map(documents.map((uri, i) => [uri, i]));
    return (a, b) => {
        if (!a || !b) return a ? -1 : b ? 1 : 0;
        const byDoc = (rank.get(a.uri) ?? Infinity) - (rank.get(b.uri) ?? Infinity);
        if (byDoc !== 0 && !Number.isNaN(byDoc)) return byDoc;
        return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
    };
}

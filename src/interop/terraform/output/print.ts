/**
 * The imported model as `.vpc` text, by the project's printer (as every importer prints): one file
 * per VPC and one for the workspace scope, each element preceded by a comment naming where it came
 * from, and what was left out or stood in for listed at the top.
 */
import type { Topology } from '../../../model/topology.js';
import { printFiles, printProblems } from '../../../printer/index.js';
import type { ImportNote } from '../map/context.js';

export interface PrintedFile {
    name: string;
    text: string;
}

function header(notes: ImportNote[], source: string): string[] {
    const title = `Imported from ${source} by vpc-lab import terraform.`;
    const listed = notes.filter(n => n.kind !== 'unknown');
    if (listed.length === 0) return [title];
    return [
        title,
        '',
        'Not imported as written:',
        ...listed.map(n => `  ${n.source}: ${n.kind === 'left-out' ? 'left out' : n.kind}: ${n.what} (${n.why})`)
    ];
}

/** The files; what the text cannot say about the model is added to `notes` as left out first. */
export function printImport(t: Topology, origins: Map<string, string>, notes: ImportNote[], source: string): PrintedFile[] {
    for (const problem of printProblems(t))
        notes.push({ source: 'output', kind: 'left-out', what: problem.message, why: 'the .vpc text cannot say it' });
    const comments = new Map([...origins].map(([id, origin]) => [id, [origin]]));
    return printFiles(t, { comments, header: header(notes, source) });
}

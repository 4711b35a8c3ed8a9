/**
 * The imported model as `.vpc` text through the project's printer: one file per VPC and one for
 * the workspace scope, each element preceded by a comment naming the resource it came from, and
 * what was left out or stood in for listed at the top.
 */
import type { Topology } from '../../../model/topology.js';
import { printFilesChecked, WORKSPACE_FILE } from '../../../printer/index.js';
import type { ImportNote } from '../map/context.js';

export interface PrintedFile {
    name: string;
    text: string;
}

/** The header's lines (without `//`). */
function header(notes: ImportNote[], source: string): string[] {
    const lines = [`Imported from ${source} by vpc-lab import terraform.`];
    const listed = notes.filter(n => n.kind !== 'unknown');
    if (listed.length) {
        lines.push('', 'Not imported as written:');
        for (const n of listed) lines.push(`  ${n.source}: ${n.kind === 'left-out' ? 'left out' : n.kind}: ${n.what} (${n.why})`);
    }
    return lines;
}

/** The files; what the text cannot say joins `notes` as left out, so it is reported like the rest. */
export function printImport(t: Topology, origins: ReadonlyMap<string, string>, notes: ImportNote[], source: string): PrintedFile[] {
    // Looked up as each element is printed: a copy of the origins as a map would be one entry per element more.
    const comments = {
        get: (id: string) => {
            const origin = origins.get(id);
            return origin === undefined ? undefined : [origin];
        }
    };
    let lines: string[] = [];
    // One pass: the problems printing meets join the notes before the header that lists them is made.
    const { files } = printFilesChecked(t, {
        comments,
        header: problems => {
            for (const problem of problems)
                notes.push({ source: 'output', kind: 'left-out', what: problem.message, why: 'the .vpc text cannot say it' });
            return (lines = header(notes, source));
        }
    });
    // An import with nothing to write still says what it read and left out.
    return files.length > 0 ? files : [{ name: WORKSPACE_FILE, text: lines.map(l => (l === '' ? '//' : `// ${l}`)).join('\n') + '\n' }];
}

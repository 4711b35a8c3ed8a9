/**
 * One export, whatever the format: the files to write (paths relative to the target folder), what
 * could not be exported, and a one-line summary. The command line and the language server both
 * call it, then write with `writeExportFiles` (all or nothing, never over a file).
 */
import { constants } from 'node:fs';
import { access, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Topology } from '../model/topology.js';
import { exportCloudFormation, type NotExported } from './cloudformation/export/index.js';
import { exportTerraform } from './terraform/export/index.js';
export { HclRuntimeError } from './terraform/wasm/guard.js';

export type ExportFormat = 'cloudformation' | 'terraform';
export type { NotExported };

export interface PreparedExport {
    /** Relative to the target folder (`111122223333-us-east-1.yaml`, `prod-us-east-1/main.tf`). */
    files: Array<{ path: string; text: string }>;
    notExported: NotExported[];
    /** `Wrote 2 templates (31 resources) to OUT: …`, given how OUT is shown. */
    summary: (out: string) => string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `where` says where a left-out element is written (`app.vpc:12`), for the listing at the top of the files. */
export async function prepareExport(
    topology: Topology,
    format: ExportFormat,
    where: (item: NotExported) => string
): Promise<PreparedExport> {
    const name = format === 'terraform' ? 'Terraform' : 'CloudFormation';
    const listing = (items: NotExported[]): string[] =>
        items.length === 0
            ? []
            : [`Not exported (the design has them; ${name} cannot say them):`, ...items.map(n => `  ${where(n)}: ${n.why}`)];
    if (format === 'terraform') {
        const exported = await exportTerraform(topology, listing);
        const resources = exported.files.reduce((n, f) => n + f.blocks.filter(b => b.type === 'resource').length, 0);
        const folders = [...new Set(exported.files.map(f => f.path.split('/')[0]!))];
        return {
            files: exported.files.map(f => ({ path: f.path, text: f.text })),
            notExported: exported.notExported,
            summary: out =>
                `Wrote ${plural(exported.files.length, 'file')} (${resources} resources) in ${plural(folders.length, 'folder')} to ${out}: ${folders.join(', ')}`
        };
    }
    const exported = exportCloudFormation(topology);
    const header = listing(exported.notExported);
    const resources = exported.templates.reduce((n, t) => n + Object.keys(t.json.Resources as object).length, 0);
    return {
        files: exported.templates.map(t => ({
            path: t.name,
            text: header.length > 0 ? header.map(l => `# ${l}`).join('\n') + '\n' + t.text : t.text
        })),
        notExported: exported.notExported,
        summary: out =>
            `Wrote ${plural(exported.templates.length, 'template')} (${resources} resources) to ${out}: ${exported.templates.map(t => t.name).join(', ')}`
    };
}

/** A file of the export already exists: nothing was written. */
export class ExportClashError extends Error {
    constructor(readonly existing: string[]) {
        super(
            `${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}; nothing was written (export never writes over a file)`
        );
    }
}

async function exists(path: string): Promise<boolean> {
    try {
        await access(path, constants.F_OK);
        return true;
    } catch {
        return false;
    }
}

/** Writes every file under `folder`, or none when one of them exists (ExportClashError). Returns the paths written. */
export async function writeExportFiles(folder: string, files: PreparedExport['files']): Promise<string[]> {
    const targets = files.map(f => ({ path: join(folder, f.path), text: f.text }));
    const existing: string[] = [];
    for (const target of targets) if (await exists(target.path)) existing.push(target.path);
    if (existing.length > 0) throw new ExportClashError(existing);
    await mkdir(folder, { recursive: true });
    for (const target of targets) {
        await mkdir(dirname(target.path), { recursive: true });
        // 'wx' fails rather than replace a file that appeared since the check.
        await writeFile(target.path, target.text, { flag: 'wx' });
    }
    return targets.map(t => t.path);
}

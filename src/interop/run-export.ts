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
    /** Files over one of CloudFormation's quotas even so (a stack's own parameters or outputs), with which. */
    overQuota?: Array<{ file: string; problems: string[] }>;
    /** `Wrote 2 templates (31 resources) to OUT: …`, given how OUT is shown. */
    summary: (out: string) => string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const nothing = (out: string) => `Nothing written to ${out}: the design has nothing to deploy (no VPC, transit gateway or bucket)`;

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
                exported.files.length === 0
                    ? nothing(out)
                    : `Wrote ${plural(exported.files.length, 'file')} (${plural(resources, 'resource')}) in ${plural(folders.length, 'folder')} to ${out}: ${folders.join(', ')}`
        };
    }
    const exported = exportCloudFormation(topology);
    const header = listing(exported.notExported);
    // The nested stacks' resources are counted, not the parent's stack resources that hold them.
    const resources = exported.templates.reduce(
        (n, t) =>
            n +
            Object.values(t.json.Resources as Record<string, { Type: string }>).filter(r => r.Type !== 'AWS::CloudFormation::Stack').length,
        0
    );
    const top = exported.templates.filter(t => !t.nestedIn);
    const nested = exported.templates.length - top.length;
    return {
        files: exported.templates.map(t => ({
            path: t.name,
            text: header.length > 0 ? header.map(l => `# ${l}`).join('\n') + '\n' + t.text : t.text
        })),
        notExported: exported.notExported,
        overQuota: exported.overQuota,
        summary: out =>
            exported.templates.length === 0
                ? nothing(out)
                : `Wrote ${plural(exported.templates.length, 'template')} (${plural(resources, 'resource')}${nested > 0 ? `; ${nested} of them nested stacks, in the folders named like their parent` : ''}) to ${out}: ${top.map(t => t.name).join(', ')}`
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
    if (targets.length === 0) return [];
    await mkdir(folder, { recursive: true });
    for (const target of targets) {
        await mkdir(dirname(target.path), { recursive: true });
        // 'wx' fails rather than replace a file that appeared since the check.
        await writeFile(target.path, target.text, { flag: 'wx' });
    }
    return targets.map(t => t.path);
}

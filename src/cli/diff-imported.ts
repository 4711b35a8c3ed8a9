/**
 * Sides of `vpc-lab diff` read by the importers: a folder of `aws ec2 describe-*` JSON, a set of
 * CloudFormation templates, or a Terraform plan alone (its prior state against its planned
 * values). Each side is imported and printed as the `.vpc` files `vpc-lab import` would write,
 * then built like any `.vpc` side, so findings and causes point at lines of those files (each
 * element's comment names the source it came from). Files pair across the sides by their printed
 * names (`<vpc>.vpc`, `workspace.vpc`), which come from the resources' names, not their order.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { importAws } from '../interop/aws/index.js';
import { importCloudFormation } from '../interop/cloudformation/index.js';
import { ImportError, type ImportResult } from '../interop/common/index.js';
import { DEFAULT_REGION } from '../interop/terraform/config/read-configuration.js';
import { TerraformInputError } from '../interop/terraform/errors.js';
import { mapToModel } from '../interop/terraform/map/index.js';
import { readShowJson } from '../interop/terraform/plan-state.js';
import type { Topology } from '../model/topology.js';
import { printFiles } from '../printer/index.js';
import type { SideFiles } from './diff-pair.js';
import type { SideReader, SideSource } from './diff-sides.js';
import { displayPath } from './workspace.js';

function isFolder(path: string): boolean {
    try {
        return statSync(path).isDirectory();
    } catch {
        return false;
    }
}

function isFile(path: string): boolean {
    try {
        return statSync(path).isFile();
    } catch {
        return false;
    }
}

/** A folder with JSON files and no `.vpc` file in it (describe-* output may sit in one sub-folder per region). */
function looksLikeSnapshot(folder: string, depth = 0): { json: boolean; vpc: boolean } {
    const found = { json: false, vpc: false };
    let entries;
    try {
        entries = readdirSync(folder, { withFileTypes: true });
    } catch {
        return found;
    }
    for (const e of entries) {
        if (e.isFile() && e.name.endsWith('.vpc')) found.vpc = true;
        else if (e.isFile() && e.name.toLowerCase().endsWith('.json')) found.json = true;
        else if (e.isDirectory() && depth === 0 && !e.name.startsWith('.') && e.name !== 'node_modules') {
            const inner = looksLikeSnapshot(`${folder}/${e.name}`, 1);
            found.json ||= inner.json;
            found.vpc ||= inner.vpc;
        }
    }
    return found;
}

const TEMPLATE_EXTENSIONS = new Set(['.yaml', '.yml', '.json', '.template']);

/** The start of a JSON file: enough to tell a Terraform plan (`format_version`, `planned_values`) from a template. */
function head(path: string): string {
    try {
        return readFileSync(path, 'utf8').slice(0, 4096);
    } catch {
        return '';
    }
}

function isTerraformShowJson(path: string): boolean {
    return (
        extname(path).toLowerCase() === '.json' &&
        /"format_version"\s*:/.test(head(path)) &&
        /"(planned_values|terraform_version)"\s*:/.test(readFileSync(path, 'utf8'))
    );
}

/** The printed files of an imported topology as one side's texts. */
function sideOf(label: string, origin: string, topology: Topology, comments: ReadonlyMap<string, readonly string[]>): SideFiles {
    const files = printFiles(topology, { comments }).map(f => ({
        display: `${origin}: ${f.name}`,
        uri: `import:/${encodeURIComponent(origin)}/${f.name}`,
        text: f.text,
        key: f.name
    }));
    return { label, files, errors: [] };
}

function failed(label: string, message: string): SideSource {
    return { kind: 'vpc', files: { label, files: [], errors: [message] } };
}

/** What the import left out, on stderr: the diff goes on, but nothing is dropped silently. */
function reportLeftOut(result: ImportResult): void {
    for (const line of result.report.lines()) process.stderr.write(`${line}\n`);
}

async function imported(label: string, origin: string, load: () => Promise<ImportResult>): Promise<SideSource> {
    try {
        const result = await load();
        reportLeftOut(result);
        return { kind: 'vpc', files: sideOf(label, origin, result.topology, result.comments) };
    } catch (error) {
        if (error instanceof ImportError) return failed(label, error.message);
        throw error;
    }
}

export const awsSnapshotReader: SideReader = {
    accepts: paths => paths.length === 1 && isFolder(paths[0]!) && (f => f.json && !f.vpc)(looksLikeSnapshot(paths[0]!)),
    read: (paths, label) => imported(label, displayPath(paths[0]!), () => importAws(paths[0]!))
};

export const cloudFormationReader: SideReader = {
    accepts: paths =>
        paths.length > 0 && paths.every(p => isFile(p) && TEMPLATE_EXTENSIONS.has(extname(p).toLowerCase()) && !isTerraformShowJson(p)),
    read: (paths, label) => imported(label, paths.map(p => displayPath(p)).join(','), () => importCloudFormation(paths))
};

/** A Terraform state or plan given as one side: its planned values (a plan) or its values (a state). */
export const terraformJsonReader: SideReader = {
    accepts: paths => paths.length === 1 && isFile(paths[0]!) && isTerraformShowJson(paths[0]!),
    read: async (paths, label) => {
        const sides = readTerraformJson(paths[0]!);
        if ('error' in sides) return failed(label, sides.error);
        return { kind: 'vpc', files: terraformSide(label, paths[0]!, sides.json, false) };
    }
};

function readTerraformJson(path: string): { json: Record<string, unknown> } | { error: string } {
    try {
        const json: unknown = JSON.parse(readFileSync(path, 'utf8'));
        if (typeof json !== 'object' || json === null || Array.isArray(json))
            return { error: `${displayPath(path)}: not the JSON of terraform show -json` };
        return { json: json as Record<string, unknown> };
    } catch (error) {
        return { error: `${displayPath(path)}: ${error instanceof SyntaxError ? 'not valid JSON' : 'cannot be read'}` };
    }
}

function terraformSide(label: string, path: string, json: Record<string, unknown>, prior: boolean): SideFiles {
    const origin = `${displayPath(path)}${prior ? ' (prior state)' : ''}`;
    try {
        const read = readShowJson(
            prior ? (json.prior_state ?? { format_version: json.format_version, values: {} }) : json,
            basename(path),
            DEFAULT_REGION
        );
        const mapped = mapToModel(read, basename(path));
        for (const note of mapped.notes) process.stderr.write(`${note.source}: ${note.kind}: ${note.what} (${note.why})\n`);
        const comments = new Map([...mapped.origins].map(([id, from]) => [id, [from]]));
        return sideOf(label, origin, mapped.topology, comments);
    } catch (error) {
        if (error instanceof TerraformInputError) return { label, files: [], errors: [error.message] };
        throw error;
    }
}

/**
 * `vpc-lab diff PLAN.json`: the plan's prior state (before) against its planned values (after).
 * A plan made with no state yet has no `prior_state`: everything is then new.
 */
export function readTerraformPlanSides(path: string): { before: SideSource; after: SideSource } | string {
    if (!isFile(path) || !isTerraformShowJson(path))
        return `diff with one side takes a Terraform plan (the JSON of terraform show -json PLAN); '${displayPath(path)}' is not one`;
    const sides = readTerraformJson(path);
    if ('error' in sides) return sides.error;
    if (sides.json.planned_values === undefined)
        return `${displayPath(path)}: a Terraform state, not a plan: it has no planned values to compare with`;
    return {
        before: { kind: 'vpc', files: terraformSide(`${displayPath(path)} (prior state)`, path, sides.json, true) },
        after: { kind: 'vpc', files: terraformSide(`${displayPath(path)} (planned)`, path, sides.json, false) }
    };
}

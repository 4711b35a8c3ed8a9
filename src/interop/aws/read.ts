/**
 * Reads a folder of `aws ec2 describe-*` outputs: every file that holds a JSON object, whatever its
 * name, at the top or in one sub-folder per region; each recognised by its top-level keys.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseJson } from '../common/json.js';
import { ImportError } from '../common/report.js';
import { emptySnapshot, isManaged, LIST_KEYS, type DescribeOutput, type Snapshot } from './input.js';
import { checkItems, checkVpcAttribute } from './shapes.js';

/** `us-east-1`, `eu-central-2`, `us-gov-west-1`: a sub-folder so named holds that region's outputs. */
const REGION = /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d+$/;
/** describe-* output of a large estate runs to tens of MB; far beyond that is not such output. */
const MAX_FILE_BYTES = 256 * 1024 * 1024;

export interface ReadOptions {
    region?: string;
}

interface Found {
    path: string;
    display: string;
    region?: string;
}

async function list(folder: string, display: string, region: string | undefined, depth: number, out: Found[]): Promise<void> {
    let entries;
    try {
        entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
        throw new ImportError(`cannot read the folder '${folder}': ${fsWords(error)}`);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
        if (entry.name.startsWith('.')) continue;
        const path = join(folder, entry.name);
        const shown = display ? `${display}/${entry.name}` : entry.name;
        if (entry.isFile()) out.push({ path, display: shown, region });
        else if (entry.isDirectory() && depth === 0) await list(path, shown, REGION.test(entry.name) ? entry.name : region, 1, out);
    }
}

function fsWords(error: unknown): string {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
        ? 'no such file or folder'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'ENOTDIR'
            ? 'it is not a folder'
            : String(code ?? error);
}

/** The snapshot of a folder; throws ImportError (one line) on unreadable input or when nothing is recognised. */
export async function readSnapshot(folder: string, options: ReadOptions = {}): Promise<Snapshot> {
    const info = await stat(folder).catch(error => {
        throw new ImportError(`cannot read '${folder}': ${fsWords(error)}`);
    });
    if (!info.isDirectory()) throw new ImportError(`'${folder}' is not a folder: give the folder that holds the describe-* JSON files`);
    const found: Found[] = [];
    await list(folder, '', undefined, 0, found);
    const snapshot = emptySnapshot();
    const pending: Array<{ file: Found; output: DescribeOutput }> = [];
    for (const file of found) {
        const size = (await stat(file.path)).size;
        if (size > MAX_FILE_BYTES)
            throw new ImportError(
                `${file.display}: ${(size / 2 ** 20).toFixed(0)} MB is more than describe-* output runs to; vpc-lab reads up to ${MAX_FILE_BYTES / 2 ** 20} MB per file`
            );
        const text = (await readFile(file.path, 'utf8')).replace(/^\uFEFF/, '');
        // Files that do not start like a JSON object (notes, scripts) are not describe-* output.
        if (!/^\s*\{/.test(text)) continue;
        const parsed = parseJson(text);
        if (!parsed.ok)
            throw new ImportError(
                `${file.display}:${parsed.problem.line}:${parsed.problem.column}: not valid JSON: ${parsed.problem.message}`
            );
        pending.push({ file, output: parsed.value as DescribeOutput });
    }
    const fallbackRegion = options.region ?? inferRegion(pending.filter(p => p.file.region === undefined).map(p => p.output));
    let recognised = 0;
    for (const { file, output } of pending) {
        const region = file.region ?? fallbackRegion;
        let known = false;
        for (const key of LIST_KEYS) {
            const items = output[key];
            if (!Array.isArray(items)) continue;
            known = true;
            const managed = key === 'PrefixLists' && items.some(i => typeof i === 'object' && i !== null && isManaged(i));
            const wrong = managed ? checkItems(key, items, 'ManagedPrefixList') : checkItems(key, items);
            if (wrong) throw new ImportError(`${file.display} ${wrong}`);
            const target = (managed ? snapshot.ManagedPrefixLists : snapshot[key]) as Array<{
                item: unknown;
                source: { file: string; path: string };
                region: string;
            }>;
            items.forEach((item, i) => target.push({ item, source: { file: file.display, path: `${key}[${i}]` }, region }));
        }
        if (typeof output.VpcId === 'string' && (output.EnableDnsHostnames || output.EnableDnsSupport)) {
            known = true;
            const wrong = checkVpcAttribute(output);
            if (wrong) throw new ImportError(`${file.display} ${wrong}`);
            snapshot.attributes.push({ item: output, source: { file: file.display }, region });
        }
        if (known) recognised++;
    }
    if (recognised === 0) {
        throw new ImportError(
            `nothing in '${folder}' is aws ec2 describe-* output (no file has Vpcs, Subnets, RouteTables…); run vpc-lab import aws --print-commands to see how to make such a folder`
        );
    }
    return snapshot;
}

/** The region of files outside a region folder, from the first subnet's availability zone. */
function inferRegion(outputs: readonly DescribeOutput[]): string {
    for (const output of outputs) {
        const az = output.Subnets?.find(s => typeof s.AvailabilityZone === 'string')?.AvailabilityZone;
        if (az) return az.replace(/[a-z]$/, '');
    }
    return 'us-east-1';
}

/**
 * Reads one Terraform module directory: every `.tf` file in lexical order (as Terraform loads
 * them), parsed by HashiCorp's HCL parser compiled to WebAssembly (`@cdktn/hcl2json`, the
 * maintained continuation of `@cdktf/hcl2json` since CDKTF's deprecation). The parser returns the
 * structure with expressions as `${…}` text and no positions, so the line of each block is
 * found in the file's text.
 */
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TerraformInputError } from '../errors.js';
import { cachedParse } from './parse-cache.js';
import { ParsePool, POOL_MIN_BYTES } from './parse-pool.js';
import { guarded, HclRuntimeError, loadHclPackage } from '../wasm/guard.js';

export type Raw = string | number | boolean | null | Raw[] | { [key: string]: Raw };
export interface RawObject {
    [key: string]: Raw;
}

export interface Block {
    /** `aws_subnet` for resources and data sources, empty for modules. */
    type: string;
    name: string;
    body: RawObject;
    file: string;
    line: number;
}

export interface ModuleConfig {
    dir: string;
    variables: Map<string, Block>;
    locals: Map<string, { raw: Raw; file: string }>;
    resources: Block[];
    data: Block[];
    modules: Block[];
    outputs: Map<string, Block>;
    /** The default `provider "aws"` block's `region`, as written. */
    providerRegion?: Raw;
    /** Its `allowed_account_ids`, as written. */
    providerAccounts?: Raw;
    /** The `terraform { backend "TYPE" { … } }` block: where the configuration keeps its state. */
    backend?: { type: string; body: RawObject };
}

/** The lines on which `KIND "a" "b" {` blocks open, keyed `KIND a b` (`KIND a ` for one label). */
function blockLines(text: string): Map<string, number> {
    const lines = new Map<string, number>();
    const re = /^[ \t]*(resource|data|module|variable|output)[ \t]+"([^"]+)"(?:[ \t]+"([^"]+)")?[ \t]*\{/gm;
    let m: RegExpExecArray | null;
    let line = 1;
    let last = 0;
    while ((m = re.exec(text))) {
        for (let i = last; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
        last = m.index;
        lines.set([m[1], m[2], m[3] ?? ''].join(' '), line);
    }
    return lines;
}

/** `parse config: [main.tf:2,7-3,1: Invalid expression; Expected …]` as `main.tf:2:7: Invalid expression; Expected …`. */
function syntaxMessage(message: string, file: string): string {
    const m = /\[?([^\s[\]]+):(\d+),(\d+)(?:-\d+(?:,\d+)?)?: ([^\]]*)\]?/.exec(message);
    if (!m) return `${file}: HCL syntax error`;
    return `${m[1]}:${m[2]}:${m[3]}: ${m[4]!.trim()}`;
}

export async function parseHclFile(path: string, display: string): Promise<RawObject> {
    let text: string;
    try {
        text = await readFile(path, 'utf8');
    } catch {
        throw new TerraformInputError(`${display}: cannot be read`);
    }
    return parseHclText(text, display);
}

/** HashiCorp's parse on this thread. */
async function parseHere(display: string, text: string): Promise<unknown> {
    // Loaded on first use: the WebAssembly parser costs nothing to commands that do not read HCL.
    const { parse } = await loadHclPackage('parser', () => import('@cdktn/hcl2json'));
    return parse(display, text);
}

/**
 * Where a parse kept by `readModule` holds its blocks' lines, in the order `fileBlocks` visits
 * them: no block type can be named so, and a warm import then neither searches 800,000 lines
 * for them again nor looks up a key per block.
 */
const LINES = '//lines';

/** A block's line from its kind and labels (`module` and the rest have one label: `b` is empty). */
type LineOf = (kind: string, a: string, b: string) => number;

function byText(text: string): LineOf {
    const lines = blockLines(text);
    return (kind, a, b) => lines.get(`${kind} ${a} ${b}`) ?? 1;
}

interface FileBlocks {
    resources: Block[];
    data: Block[];
    modules: Block[];
    variables: Block[];
    outputs: Block[];
}

/** The blocks of one parsed file, each kind in the order of its lines; `lineOf` is asked once per block, in a fixed order. */
function fileBlocks(json: RawObject, file: string, lineOf: LineOf): FileBlocks {
    const out: FileBlocks = { resources: [], data: [], modules: [], variables: [], outputs: [] };
    for (const [kind, list] of [
        ['resource', out.resources],
        ['data', out.data]
    ] as const) {
        for (const [type, byName] of Object.entries((json[kind] ?? {}) as RawObject)) {
            for (const [name, bodies] of Object.entries(byName as RawObject)) {
                for (const body of asBlocks(bodies)) list.push({ type, name, body, file, line: lineOf(kind, type, name) });
            }
        }
    }
    for (const [kind, list, all] of [
        ['module', out.modules, true],
        ['variable', out.variables, false],
        ['output', out.outputs, false]
    ] as const) {
        for (const [name, bodies] of Object.entries((json[kind] ?? {}) as RawObject)) {
            const found = asBlocks(bodies);
            // A variable or output is declared once: the first block is the one.
            for (const body of all ? found : [found[0] ?? {}]) list.push({ type: '', name, body, file, line: lineOf(kind, name, '') });
        }
    }
    // hcl2json groups blocks by type and name; Terraform's order is the lines'.
    const byLine = (x: Block, y: Block): number => x.line - y.line;
    out.resources.sort(byLine);
    out.data.sort(byLine);
    out.modules.sort(byLine);
    return out;
}

/** The lines `fileBlocks` asks for, in its order, to keep with the parse. */
function linesInOrder(json: RawObject, text: string): number[] {
    const lineOf = byText(text);
    const order: number[] = [];
    fileBlocks(json, '', (kind, a, b) => {
        const line = lineOf(kind, a, b);
        order.push(line);
        return line;
    });
    return order;
}

/** The blocks of a file, with the lines kept in its cached parse when they are there. */
function blocksOf(json: RawObject, file: string, text: string): FileBlocks {
    const kept = json[LINES];
    if (Array.isArray(kept)) {
        let n = 0;
        const blocks = fileBlocks(json, file, () => (kept[n++] as number | undefined) ?? 1);
        if (n === kept.length) return blocks;
    }
    return fileBlocks(json, file, byText(text));
}

export async function parseHclText(text: string, display: string, pool?: ParsePool, withLines = false): Promise<RawObject> {
    try {
        // Syntax errors are not kept: they throw before anything is written.
        return await cachedParse(text, async () => {
            const json = (await (pool
                ? pool.parse(display, text)
                : guarded('parser', display, () => parseHere(display, text)))) as RawObject;
            return withLines ? { ...json, [LINES]: linesInOrder(json, text) } : json;
        });
    } catch (e) {
        if (e instanceof HclRuntimeError) throw e;
        throw new TerraformInputError(syntaxMessage(e instanceof Error ? e.message : String(e), display));
    }
}

function asBlocks(raw: Raw | undefined): RawObject[] {
    if (Array.isArray(raw)) return raw.filter((b): b is RawObject => typeof b === 'object' && b !== null && !Array.isArray(b));
    return raw && typeof raw === 'object' ? [raw] : [];
}

/** Reads every `.tf` file of a directory; `display` is how messages name the directory. */
export async function readModule(dir: string, display: string): Promise<ModuleConfig> {
    let names: string[];
    try {
        names = (await readdir(dir)).filter(n => n.endsWith('.tf')).sort();
    } catch {
        throw new TerraformInputError(`${display}: the module directory cannot be read`);
    }
    const config: ModuleConfig = { dir, variables: new Map(), locals: new Map(), resources: [], data: [], modules: [], outputs: new Map() };
    // Read at once, as the cached parses are: the promise API costs more than the reading.
    const texts = names.map(name => {
        const file = display === '.' ? name : join(display, name);
        try {
            return { file, text: readFileSync(join(dir, name), 'utf8') };
        } catch {
            throw new TerraformInputError(`${file}: cannot be read`);
        }
    });
    const size = texts.reduce((sum, t) => sum + t.text.length, 0);
    const pool = size >= POOL_MIN_BYTES ? new ParsePool(parseHere) : undefined;
    let files: Array<{ file: string; text: string; json: RawObject }>;
    try {
        files = await Promise.all(texts.map(async t => ({ ...t, json: await parseHclText(t.text, t.file, pool, true) })));
    } finally {
        pool?.close();
    }
    for (const { file, text, json } of files) {
        // Terraform's order is the files' order, then the lines'.
        const blocks = blocksOf(json, file, text);
        for (const block of blocks.resources) config.resources.push(block);
        for (const block of blocks.data) config.data.push(block);
        for (const block of blocks.modules) config.modules.push(block);
        for (const block of blocks.variables) config.variables.set(block.name, block);
        for (const block of blocks.outputs) config.outputs.set(block.name, block);
        const aws = asBlocks((json.provider as RawObject | undefined)?.aws).find(p => p.alias === undefined);
        if (aws && 'region' in aws) config.providerRegion = aws.region!;
        if (aws && 'allowed_account_ids' in aws) config.providerAccounts = aws.allowed_account_ids!;
        for (const settings of asBlocks(json.terraform)) {
            const backend = settings.backend;
            const [type, bodies] =
                backend && typeof backend === 'object' && !Array.isArray(backend) ? (Object.entries(backend)[0] ?? []) : [];
            if (type !== undefined) config.backend = { type, body: asBlocks(bodies)[0] ?? {} };
        }
        for (const locals of asBlocks(json.locals)) {
            for (const [name, raw] of Object.entries(locals)) config.locals.set(name, { raw, file });
        }
    }
    return config;
}

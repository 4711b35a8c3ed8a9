/**
 * Reads one Terraform module directory: every `.tf` file in lexical order (as Terraform loads
 * them), parsed by HashiCorp's HCL parser compiled to WebAssembly (`@cdktn/hcl2json`, the
 * maintained continuation of `@cdktf/hcl2json` since CDKTF's deprecation). The parser returns the
 * structure with expressions as `${…}` text and no positions, so the line of each block is
 * found in the file's text. Files in the plain style `vpc-lab export` writes are read by
 * fmt-style.ts into exactly what the parser gives, at some fifty times its speed; every other file
 * goes to the parser.
 */
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TerraformInputError } from '../errors.js';
import { readFmtStyle } from './fmt-style.js';
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
    /** A resource's place among its module's resources (set when the module is read): where evaluation keeps its instances. */
    ordinal: number;
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

/** HashiCorp's parse, on the pool when there is one; a syntax error as `file:line:column: …`. */
async function parseOrFail<T>(display: string, parse: () => Promise<T>): Promise<T> {
    try {
        return await parse();
    } catch (e) {
        if (e instanceof HclRuntimeError) throw e;
        throw new TerraformInputError(syntaxMessage(e instanceof Error ? e.message : String(e), display));
    }
}

/** A block's line from its kind and labels (`module` and the rest have one label: `b` is empty). */
export type LineOf = (kind: string, a: string, b: string) => number;

export function byText(text: string): LineOf {
    const lines = blockLines(text);
    return (kind, a, b) => lines.get(`${kind} ${a} ${b}`) ?? 1;
}

export interface FileBlocks {
    resources: Block[];
    data: Block[];
    modules: Block[];
    variables: Block[];
    outputs: Block[];
}

const BLOCK_KINDS = ['resource', 'data', 'module', 'variable', 'output'];

/** The blocks of one parsed file, each kind in the order of its lines. */
function fileBlocks(json: RawObject, file: string, lineOf: LineOf): FileBlocks {
    const out: FileBlocks = { resources: [], data: [], modules: [], variables: [], outputs: [] };
    // The fields in one order, so that blocks read back from the cache share one shape.
    const block = (type: string, name: string, body: RawObject, line: number): Block => ({ type, name, body, file, line, ordinal: 0 });
    for (const [kind, list] of [
        ['resource', out.resources],
        ['data', out.data]
    ] as const) {
        for (const [type, byName] of Object.entries((json[kind] ?? {}) as RawObject)) {
            for (const [name, bodies] of Object.entries(byName as RawObject)) {
                for (const body of asBlocks(bodies)) list.push(block(type, name, body, lineOf(kind, type, name)));
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
            for (const body of all ? found : [found[0] ?? {}]) list.push(block('', name, body, lineOf(kind, name, '')));
        }
    }
    // hcl2json groups blocks by type and name; Terraform's order is the lines'.
    const byLine = (x: Block, y: Block): number => x.line - y.line;
    out.resources.sort(byLine);
    out.data.sort(byLine);
    out.modules.sort(byLine);
    return out;
}

/**
 * A module's file as the cache keeps it: its blocks already listed kind by kind in Terraform's
 * order with their lines (their `file` is filled in on reading, as the same text may be read under
 * another name), and the rest of the parse (locals, provider and terraform blocks) as it was. A
 * warm import then neither searches the text for lines nor regroups the parser's output.
 */
interface KeptFile {
    '//blocks': FileBlocks;
    '//rest': RawObject;
}

/** The cache's name for this shape: a new shape needs a new name, or an old entry would be read as the new. */
const KEPT_FORM = 'module-file@1';

function keptForm(json: RawObject, lineOf: LineOf, file = ''): KeptFile {
    const rest: RawObject = {};
    for (const key in json) if (!BLOCK_KINDS.includes(key)) rest[key] = json[key]!;
    return { '//blocks': fileBlocks(json, file, lineOf), '//rest': rest };
}

/** A file's blocks listed kind by kind in Terraform's order, and the rest, from the parser's output. */
export function blocksOfParse(json: RawObject, file: string, lineOf: LineOf): { blocks: FileBlocks; rest: RawObject } {
    const kept = keptForm(json, lineOf, file);
    return { blocks: kept['//blocks'], rest: kept['//rest'] };
}

function isKept(v: unknown): v is KeptFile {
    if (typeof v !== 'object' || v === null || !('//blocks' in v) || !('//rest' in v)) return false;
    const { '//blocks': blocks, '//rest': rest } = v as KeptFile;
    return (
        typeof rest === 'object' &&
        rest !== null &&
        typeof blocks === 'object' &&
        blocks !== null &&
        Array.isArray(blocks.resources) &&
        Array.isArray(blocks.data) &&
        Array.isArray(blocks.modules) &&
        Array.isArray(blocks.variables) &&
        Array.isArray(blocks.outputs)
    );
}

/** One `.tf` file of a module: its blocks and the rest of its parse. */
async function parseModuleFile(bytes: Buffer, file: string, pool?: ParsePool): Promise<{ blocks: FileBlocks; rest: RawObject }> {
    const text = bytes.toString('utf8');
    // Text in the plain style is read here, neither looked up in the cache nor kept there: its reading costs about what finding it there does.
    const plain = readFmtStyle(text);
    if (plain) {
        const direct = plain.blocks(file);
        if (direct) return direct;
        const lines = plain.lines();
        return blocksOfParse(plain.json(), file, (kind, a, b) => lines.get(`${kind} ${a} ${b}`) ?? 1);
    }
    const parse = async (): Promise<KeptFile> => {
        const json = (await (pool ? pool.parse(file, text) : guarded('parser', file, () => parseHere(file, text)))) as RawObject;
        return keptForm(json, byText(text));
    };
    // Syntax errors are not kept: they throw before anything is written.
    const kept = await parseOrFail(file, () => cachedParse(bytes, KEPT_FORM, parse));
    if (isKept(kept)) {
        if (named(kept, file)) return { blocks: kept['//blocks'], rest: kept['//rest'] };
        // Damaged on disk: parsed again.
        const fresh = await parseOrFail(file, parse);
        named(fresh, file);
        return { blocks: fresh['//blocks'], rest: fresh['//rest'] };
    }
    // The parser's own form, kept by hand or by another version under this name: grouped here.
    const raw = kept as RawObject;
    return { blocks: fileBlocks(raw, file, byText(text)), rest: raw };
}

/** Gives a kept parse's blocks the name their file is read by; false when a block is not one. */
function named(kept: KeptFile, file: string): boolean {
    const blocks = kept['//blocks'];
    for (const list of [blocks.resources, blocks.data, blocks.modules, blocks.variables, blocks.outputs]) {
        for (const block of list) {
            const b = block as Partial<Block> | null;
            if (typeof b !== 'object' || b === null || typeof b.type !== 'string' || typeof b.name !== 'string') return false;
            if (typeof b.line !== 'number' || typeof b.body !== 'object' || b.body === null || Array.isArray(b.body)) return false;
            block.file = file;
        }
    }
    return true;
}

/** A variables file (`terraform.tfvars`, `--var-file`): the parser's output as it is. */
export async function parseHclText(text: string, display: string): Promise<RawObject> {
    return parseOrFail(display, () =>
        cachedParse(text, 'raw', async () => (await guarded('parser', display, () => parseHere(display, text))) as RawObject)
    );
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
    const contents = names.map(name => {
        const file = display === '.' ? name : join(display, name);
        try {
            return { file, bytes: readFileSync(join(dir, name)) };
        } catch {
            throw new TerraformInputError(`${file}: cannot be read`);
        }
    });
    const size = contents.reduce((sum, c) => sum + c.bytes.length, 0);
    const pool = size >= POOL_MIN_BYTES ? new ParsePool(parseHere) : undefined;
    let files: Array<{ file: string; blocks: FileBlocks; rest: RawObject }>;
    try {
        files = await Promise.all(contents.map(async c => ({ file: c.file, ...(await parseModuleFile(c.bytes, c.file, pool)) })));
    } finally {
        pool?.close();
    }
    for (const { file, blocks, rest: json } of files) {
        // Terraform's order is the files' order, then the lines'.
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
    config.resources.forEach((block, n) => (block.ordinal = n));
    return config;
}

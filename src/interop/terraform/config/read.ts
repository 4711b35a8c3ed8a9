/**
 * Reads one Terraform module directory: every `.tf` file in lexical order (as Terraform loads
 * them), parsed by HashiCorp's HCL parser compiled to WebAssembly (`@cdktn/hcl2json`, the
 * maintained continuation of `@cdktf/hcl2json` since CDKTF's deprecation). The parser returns the
 * structure with expressions as `${…}` text and no positions, so the line of each block is
 * found in the file's text.
 */
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
}

/** The lines on which `KIND "a" "b" {` blocks open, keyed `KIND a b`. */
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

export async function parseHclText(text: string, display: string, pool?: ParsePool): Promise<RawObject> {
    try {
        // Syntax errors are not kept: they throw before anything is written.
        return await cachedParse(
            text,
            async () => (await (pool ? pool.parse(display, text) : guarded('parser', display, () => parseHere(display, text)))) as RawObject
        );
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
    const texts = await Promise.all(
        names.map(async name => {
            const file = display === '.' ? name : join(display, name);
            const text = await readFile(join(dir, name), 'utf8').catch(() => {
                throw new TerraformInputError(`${file}: cannot be read`);
            });
            return { file, text };
        })
    );
    const size = texts.reduce((sum, t) => sum + t.text.length, 0);
    const pool = size >= POOL_MIN_BYTES ? new ParsePool(parseHere) : undefined;
    let files: Array<{ file: string; text: string; json: RawObject }>;
    try {
        files = await Promise.all(texts.map(async t => ({ ...t, json: await parseHclText(t.text, t.file, pool) })));
    } finally {
        pool?.close();
    }
    for (const { file, text, json } of files) {
        const lines = blockLines(text);
        const lineOf = (key: string): number => lines.get(key) ?? 1;
        for (const [type, byName] of Object.entries((json.resource ?? {}) as RawObject)) {
            for (const [name, bodies] of Object.entries(byName as RawObject)) {
                for (const body of asBlocks(bodies))
                    config.resources.push({ type, name, body, file, line: lineOf(`resource ${type} ${name}`) });
            }
        }
        for (const [type, byName] of Object.entries((json.data ?? {}) as RawObject)) {
            for (const [name, bodies] of Object.entries(byName as RawObject)) {
                for (const body of asBlocks(bodies)) config.data.push({ type, name, body, file, line: lineOf(`data ${type} ${name}`) });
            }
        }
        for (const [name, bodies] of Object.entries((json.module ?? {}) as RawObject)) {
            for (const body of asBlocks(bodies)) config.modules.push({ type: '', name, body, file, line: lineOf(`module ${name} `) });
        }
        for (const [name, bodies] of Object.entries((json.variable ?? {}) as RawObject)) {
            const body = asBlocks(bodies)[0] ?? {};
            config.variables.set(name, { type: '', name, body, file, line: lineOf(`variable ${name} `) });
        }
        for (const [name, bodies] of Object.entries((json.output ?? {}) as RawObject)) {
            const body = asBlocks(bodies)[0] ?? {};
            config.outputs.set(name, { type: '', name, body, file, line: lineOf(`output ${name} `) });
        }
        const aws = asBlocks((json.provider as RawObject | undefined)?.aws).find(p => p.alias === undefined);
        if (aws && 'region' in aws) config.providerRegion = aws.region!;
        if (aws && 'allowed_account_ids' in aws) config.providerAccounts = aws.allowed_account_ids!;
        for (const locals of asBlocks(json.locals)) {
            for (const [name, raw] of Object.entries(locals)) config.locals.set(name, { raw, file });
        }
    }
    // hcl2json groups blocks by type and name; Terraform's order is the files' order.
    const order = (a: Block, b: Block): number => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1);
    config.resources.sort(order);
    config.data.sort(order);
    config.modules.sort(order);
    return config;
}

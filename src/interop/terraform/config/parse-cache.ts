/**
 * HashiCorp's HCL parser runs as Go compiled to WebAssembly and reads some 15,000 lines a second
 * (its scanner walks every byte of every token by grapheme cluster, and it formats each number
 * through math/big), so a 600,000-line configuration takes most of a minute. What it returns
 * depends only on a file's text and on the parser's version, so it is kept on disk under that
 * key: importing a configuration again, or one where few files changed, parses only what changed.
 *
 * The place is `VPC_LAB_CACHE_DIR` when set (`off` turns the cache off), else the user's cache
 * folder (XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches on macOS, %LOCALAPPDATA% on
 * Windows). The cache is best effort: when it cannot be read or written, files are parsed.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

function userCacheDir(): string | undefined {
    const env = process.env;
    if (process.platform === 'win32') return env.LOCALAPPDATA ? join(env.LOCALAPPDATA, 'vpc-lab', 'Cache') : undefined;
    const home = homedir();
    if (process.platform === 'darwin') return home ? join(home, 'Library', 'Caches', 'vpc-lab') : undefined;
    const base = env.XDG_CACHE_HOME || (home ? join(home, '.cache') : undefined);
    return base ? join(base, 'vpc-lab') : undefined;
}

/** The folder parsed files are kept in, or undefined when the cache is off. */
export function parseCacheDir(): string | undefined {
    const chosen = process.env.VPC_LAB_CACHE_DIR;
    if (chosen === 'off') return undefined;
    const root = chosen || userCacheDir();
    return root ? join(root, 'hcl') : undefined;
}

let parserVersion: string | undefined;
/** The parser's package version: a new parser may read the same text differently. */
function parserId(): string {
    if (parserVersion === undefined) {
        try {
            parserVersion = (createRequire(import.meta.url)('@cdktn/hcl2json/package.json') as { version: string }).version;
        } catch {
            parserVersion = 'unknown';
        }
    }
    return `@cdktn/hcl2json@${parserVersion}`;
}

/**
 * The parse of a file's `content` in the given `form`, from the cache when it holds one, else
 * `parse()`'s, then kept. The key is the file's bytes (no need to decode a file whose parse is
 * kept), the parser's version and the form: one text may be kept both as a module's file and as
 * a variables file, in two shapes.
 */
export async function cachedParse<T>(content: string | Uint8Array, form: string, parse: () => Promise<T>): Promise<T> {
    const dir = parseCacheDir();
    if (!dir) return parse();
    const key = createHash('sha256').update(parserId()).update('\0').update(form).update('\0').update(content).digest('hex');
    const path = join(dir, key.slice(0, 2), `${key}.json`);
    try {
        // Read at once: a thousand cached files through the promise API's open, stat, read and close cost more than their parse.
        return JSON.parse(readFileSync(path, 'utf8')) as T;
    } catch {
        // Not kept yet, or unreadable: parse it.
    }
    const parsed = await parse();
    try {
        await mkdir(join(dir, key.slice(0, 2)), { recursive: true });
        // Written beside and renamed, so a reader never sees half a file.
        const partial = `${path}.${process.pid}.partial`;
        await writeFile(partial, JSON.stringify(parsed));
        await rename(partial, path);
    } catch {
        // A read-only or full disk only loses the speed-up.
    }
    return parsed;
}

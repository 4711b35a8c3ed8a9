/**
 * The BEFORE side of `vpc-lab diff --git REV [PATH...]`: the `.vpc` files of a revision, read
 * through git (`git ls-tree`, `git cat-file`), never checked out. Files pair with the working
 * tree's by their path in the repository.
 */
import { spawnSync } from 'node:child_process';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { URI } from 'langium';
import { MAX_FILE_BYTES, UsageError } from './workspace.js';
import type { SideFiles } from './diff-pair.js';
import { readVpcFiles } from './diff-sides.js';

function git(args: string[], input?: string): { ok: boolean; stdout: Buffer; stderr: string } {
    const run = spawnSync('git', args, { input, maxBuffer: 512 * 1024 * 1024 });
    if (run.error) return { ok: false, stdout: Buffer.alloc(0), stderr: 'git could not be run' };
    return { ok: run.status === 0, stdout: run.stdout, stderr: run.stderr.toString('utf8') };
}

/** The repository's top folder, or a UsageError when the working folder is not in one. */
function topLevel(): string {
    const run = git(['rev-parse', '--show-toplevel']);
    if (!run.ok) throw new UsageError(run.stderr.includes('could not be run') ? 'git is not installed or cannot be run' : `'${process.cwd()}' is not inside a git repository`);
    return run.stdout.toString('utf8').trim();
}

function commitOf(rev: string): string {
    if (rev.startsWith('-')) throw new UsageError(`'${rev}' is not a revision`);
    const run = git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
    if (!run.ok) throw new UsageError(`git knows no revision '${rev}'`);
    return run.stdout.toString('utf8').trim();
}

/** Blobs by `commit:path`, read in one `git cat-file --batch`. */
function readBlobs(commit: string, paths: readonly string[]): Map<string, Buffer> {
    const run = git(['cat-file', '--batch'], paths.map(p => `${commit}:${p}\n`).join(''));
    const blobs = new Map<string, Buffer>();
    let at = 0;
    for (const path of paths) {
        const eol = run.stdout.indexOf(10, at);
        if (eol < 0) break;
        const header = run.stdout.subarray(at, eol).toString('utf8').split(' ');
        at = eol + 1;
        if (header[1] !== 'blob') continue;
        const size = Number(header[2]);
        blobs.set(path, run.stdout.subarray(at, at + size));
        at += size + 1;
    }
    return blobs;
}

function decode(bytes: Buffer, display: string): string {
    if (bytes.length > MAX_FILE_BYTES) throw new UsageError(`'${display}' is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; vpc-lab reads topology files of up to ${MAX_FILE_BYTES / 1024 / 1024} MB`);
    if (bytes.indexOf(0) >= 0) throw new UsageError(`'${display}' is not a text file`);
    try {
        const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    } catch {
        throw new UsageError(`'${display}' is not valid UTF-8 text`);
    }
}

/** Both sides of `--git REV [PATH...]`: the revision's files under PATHs, and the working tree's, paired by their path in the repository. */
export async function readGitSides(rev: string, paths: readonly string[]): Promise<{ before: SideFiles; after: SideFiles }> {
    const top = topLevel();
    const commit = commitOf(rev);
    const given = paths.length > 0 ? paths : ['.'];
    const wanted = given.map(p => relative(top, resolve(p)).replace(/\\/g, '/'));
    for (const [i, w] of wanted.entries()) if (w.startsWith('..') || isAbsolute(w)) throw new UsageError(`'${given[i]}' is outside the git repository`);
    const listing = git(['ls-tree', '-r', '-z', '--name-only', '--full-tree', commit]);
    if (!listing.ok) throw new UsageError(`git cannot list the files of '${rev}'`);
    const inside = (file: string) => wanted.some(w => w === '' || file === w || file.startsWith(`${w}/`));
    const hidden = (file: string) => file.split('/').some(part => part.startsWith('.') || part === 'node_modules');
    const names = listing.stdout.toString('utf8').split('\0').filter(f => f && extname(f) === '.vpc' && inside(f) && !hidden(f));
    const blobs = readBlobs(commit, names);
    const before: SideFiles = {
        label: rev, errors: [],
        files: names.map(name => {
            const display = `${rev}:${name}`;
            return { display, uri: URI.from({ scheme: 'git', path: `/${name}`, query: commit }).toString(), text: decode(blobs.get(name) ?? Buffer.alloc(0), display), key: name };
        })
    };
    const after = await readVpcFiles(given, 'working tree', file => relative(top, file).replace(/\\/g, '/'));
    // A folder with no .vpc files (all new, or all deleted) is still a side; with none on either, there is nothing to compare.
    after.errors = after.errors.filter(e => !e.startsWith('no .vpc files in folder'));
    if (names.length === 0 && after.files.length === 0) after.errors.push(`no .vpc files under ${given.map(p => `'${p}'`).join(', ')} in '${rev}' or the working tree`);
    return { before, after };
}

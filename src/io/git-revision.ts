/**
 * The `.vpc` files of a git revision, read through git (`git ls-tree`, `git cat-file`), never
 * checked out: the BEFORE side of `vpc-lab diff --git REV` and of the editor's comparison.
 * Plain data only; the callers give the files their URIs.
 */
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { MAX_TEXT_BYTES } from './read-text.js';

/** Something git cannot answer: the message is the one line the user sees. */
export class GitError extends Error {}

export interface RevisionFile {
    /** The path in the repository, `/`-separated. */
    path: string;
    text: string;
}

export interface RevisionFiles {
    commit: string;
    top: string;
    files: RevisionFile[];
}

function git(args: string[], cwd: string, input?: string): { ok: boolean; stdout: Buffer; stderr: string } {
    const run = spawnSync('git', args, { cwd, input, maxBuffer: 512 * 1024 * 1024 });
    if (run.error) return { ok: false, stdout: Buffer.alloc(0), stderr: 'git could not be run' };
    return { ok: run.status === 0, stdout: run.stdout, stderr: run.stderr.toString('utf8') };
}

/**
 * A path as git sees it, inside the repository: git reports its top folder with symbolic links
 * resolved, so the path is resolved too (as far as it exists: a folder deleted since the
 * revision keeps its given form below its nearest existing parent).
 */
export function repositoryPath(top: string, path: string): string {
    let real = path;
    let rest = '';
    for (;;) {
        try {
            real = join(realpathSync.native(real), rest);
            break;
        } catch {
            const parent = dirname(real);
            if (parent === real) {
                real = path;
                break;
            }
            rest = join(basename(real), rest);
            real = parent;
        }
    }
    return relative(top, real).replace(/\\/g, '/');
}

/** The repository's top folder. */
export function repositoryTop(cwd: string): string {
    const run = git(['rev-parse', '--show-toplevel'], cwd);
    if (!run.ok)
        throw new GitError(
            run.stderr.includes('could not be run') ? 'git is not installed or cannot be run' : `'${cwd}' is not inside a git repository`
        );
    return run.stdout.toString('utf8').trim();
}

/** The commit a revision names. */
export function commitOf(rev: string, cwd: string): string {
    if (rev.startsWith('-') || rev.trim() === '') throw new GitError(`'${rev}' is not a revision`);
    const run = git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], cwd);
    if (!run.ok) throw new GitError(`git knows no revision '${rev}'`);
    return run.stdout.toString('utf8').trim();
}

export interface RevisionChoice {
    revision: string;
    description: string;
}

/** Revisions to offer: HEAD, then the local branches and tags, then the latest commits. */
export function recentRevisions(cwd: string, commits = 20): RevisionChoice[] {
    const choices: RevisionChoice[] = [];
    const head = git(['log', '-1', '--format=%h %s'], cwd);
    if (!head.ok) return choices;
    choices.push({ revision: 'HEAD', description: head.stdout.toString('utf8').trim() });
    const refs = git(['for-each-ref', '--format=%(refname:short)\t%(objectname:short) %(subject)', 'refs/heads', 'refs/tags'], cwd);
    for (const line of refs.ok ? refs.stdout.toString('utf8').split('\n') : []) {
        const [name, description] = line.split('\t');
        if (name && description) choices.push({ revision: name, description });
    }
    const log = git(['log', `-${commits}`, '--format=%h\t%s'], cwd);
    for (const line of log.ok ? log.stdout.toString('utf8').split('\n') : []) {
        const [hash, subject] = line.split('\t');
        if (hash) choices.push({ revision: hash, description: subject ?? '' });
    }
    return choices;
}

/** Blobs by `commit:path`, read in one `git cat-file --batch`. */
function readBlobs(commit: string, paths: readonly string[], cwd: string): Map<string, Buffer> {
    const run = git(['cat-file', '--batch'], cwd, paths.map(p => `${commit}:${p}\n`).join(''));
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
    if (bytes.length > MAX_TEXT_BYTES)
        throw new GitError(
            `'${display}' is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; vpc-lab reads topology files of up to ${MAX_TEXT_BYTES / 1024 / 1024} MB`
        );
    if (bytes.indexOf(0) >= 0) throw new GitError(`'${display}' is not a text file`);
    try {
        const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    } catch {
        throw new GitError(`'${display}' is not valid UTF-8 text`);
    }
}

/** The `.vpc` files of `rev` under `paths` (absolute or relative to `cwd`; the whole repository when none), hidden folders and node_modules left out. */
export function readRevisionFiles(rev: string, paths: readonly string[], cwd: string): RevisionFiles {
    const top = repositoryTop(cwd);
    const commit = commitOf(rev, cwd);
    const given = paths.length > 0 ? paths : [top];
    const wanted = given.map(p => repositoryPath(top, resolve(cwd, p)));
    for (const [i, w] of wanted.entries())
        if (w.startsWith('..') || isAbsolute(w)) throw new GitError(`'${given[i]}' is outside the git repository`);
    const listing = git(['ls-tree', '-r', '-z', '--name-only', '--full-tree', commit], cwd);
    if (!listing.ok) throw new GitError(`git cannot list the files of '${rev}'`);
    const inside = (file: string) => wanted.some(w => w === '' || file === w || file.startsWith(`${w}/`));
    const hidden = (file: string) => file.split('/').some(part => part.startsWith('.') || part === 'node_modules');
    const names = listing.stdout
        .toString('utf8')
        .split('\0')
        .filter(f => f && extname(f) === '.vpc' && inside(f) && !hidden(f));
    const blobs = readBlobs(commit, names, cwd);
    return { commit, top, files: names.map(path => ({ path, text: decode(blobs.get(path) ?? Buffer.alloc(0), `${rev}:${path}`) })) };
}

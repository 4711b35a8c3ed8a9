/**
 * Which folders are root modules. A folder with `.tf` files is one. A folder without any, whose
 * subfolders have them (the layout `vpc-lab export --format terraform` writes: one folder per
 * account and region), stands for those subfolders, except hidden ones (`.terraform`) and those
 * another of them calls as a local module (`source = "../modules/vpc"`).
 */
import { readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { TerraformInputError } from '../errors.js';
import { readModuleTree, type ModuleTree } from './module-tree.js';

export interface RootFolder {
    dir: string;
    tree: ModuleTree;
}

async function entries(dir: string, display: string) {
    try {
        return await readdir(dir, { withFileTypes: true });
    } catch {
        throw new TerraformInputError(`${display}: the folder cannot be read`);
    }
}

const hasTf = (list: Array<{ name: string; isFile(): boolean }>): boolean => list.some(e => e.isFile() && e.name.endsWith('.tf'));

/** Every folder a module tree reads, the root's included. */
function treeDirs(tree: ModuleTree, into: Set<string>): Set<string> {
    into.add(resolve(tree.config.dir));
    for (const child of tree.children.values()) if ('config' in child) treeDirs(child, into);
    return into;
}

/** The root folders the given folders stand for, each read as a module tree, in the order given (subfolders by name). */
export async function findRoots(dirs: readonly string[], cwd: string): Promise<RootFolder[]> {
    const candidates: string[] = [];
    for (const dir of dirs) {
        const display = relative(cwd, dir) || '.';
        const list = await entries(dir, display);
        if (hasTf(list)) {
            candidates.push(dir);
            continue;
        }
        const subfolders: string[] = [];
        for (const e of list.filter(e => e.isDirectory() && !e.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : 1)))
            if (hasTf(await entries(join(dir, e.name), join(display, e.name)))) subfolders.push(join(dir, e.name));
        if (subfolders.length === 0) throw new TerraformInputError(`${display}: no .tf files, neither in the folder nor in its subfolders`);
        candidates.push(...subfolders);
    }
    const seen = new Set<string>();
    const unique = candidates.filter(d => !seen.has(resolve(d)) && seen.add(resolve(d)));
    const trees = await Promise.all(unique.map(dir => readModuleTree(dir, cwd)));
    // A folder another one calls as a module is that module, not a root of its own.
    const called = new Set<string>();
    trees.forEach(tree => {
        for (const child of tree.children.values()) if ('config' in child) treeDirs(child, called);
    });
    return unique.map((dir, i) => ({ dir, tree: trees[i]! })).filter(r => !called.has(resolve(r.dir)));
}

/** A module's blocks by type and name, for the references of evaluation (`aws_subnet.a`, `data.x.y`, `module.m`). */
import type { ModuleTree } from './module-tree.js';
import type { Block } from './read.js';

export interface BlockIndex {
    resources: Map<string, Map<string, Block>>;
    data: Map<string, Map<string, Block>>;
    modules: Map<string, Block>;
}

/** Made once per module: the instances of a module called with count or for_each share it. */
const indexes = new WeakMap<ModuleTree, BlockIndex>();

export function blockIndex(tree: ModuleTree): BlockIndex {
    let index = indexes.get(tree);
    if (index) return index;
    index = { resources: new Map(), data: new Map(), modules: new Map() };
    const add = (by: Map<string, Map<string, Block>>, b: Block): void => {
        let names = by.get(b.type);
        if (!names) by.set(b.type, (names = new Map()));
        names.set(b.name, b);
    };
    for (const r of tree.config.resources) add(index.resources, r);
    for (const d of tree.config.data) add(index.data, d);
    for (const m of tree.config.modules) index.modules.set(m.name, m);
    indexes.set(tree, index);
    return index;
}

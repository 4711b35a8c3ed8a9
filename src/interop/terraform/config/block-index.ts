/** A module's blocks by type and name, for the references of evaluation (`aws_subnet.a`, `data.x.y`, `module.m`). */
import type { ModuleTree } from './module-tree.js';
import type { Block } from './read.js';

/**
 * A type's blocks by name are gathered when the type is first referred to: most blocks of a large
 * configuration (rules, routes, associations) are of types nothing refers to, and are never indexed.
 */
export class BlockIndex {
    private readonly resourceNames = new Map<string, Map<string, Block>>();
    private readonly dataNames = new Map<string, Map<string, Block>>();
    private moduleNames: Map<string, Block> | undefined = undefined;

    constructor(private readonly tree: ModuleTree) {}

    resource(type: string, name: string): Block | undefined {
        return named(this.resourceNames, this.tree.config.resources, type).get(name);
    }

    data(type: string, name: string): Block | undefined {
        return named(this.dataNames, this.tree.config.data, type).get(name);
    }

    module(name: string): Block | undefined {
        this.moduleNames ??= new Map(this.tree.config.modules.map(m => [m.name, m]));
        return this.moduleNames.get(name);
    }
}

/** The blocks of one type by name; of two of the same name, the later one (as a map built in order keeps). */
function named(byType: Map<string, Map<string, Block>>, blocks: readonly Block[], type: string): Map<string, Block> {
    let names = byType.get(type);
    if (!names) {
        names = new Map();
        for (const b of blocks) if (b.type === type) names.set(b.name, b);
        byType.set(type, names);
    }
    return names;
}

/** Made once per module: the instances of a module called with count or for_each share it. */
const indexes = new WeakMap<ModuleTree, BlockIndex>();

export function blockIndex(tree: ModuleTree): BlockIndex {
    let index = indexes.get(tree);
    if (!index) indexes.set(tree, (index = new BlockIndex(tree)));
    return index;
}

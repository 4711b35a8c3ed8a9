/** A module's blocks by type and name, for the references of evaluation (`aws_subnet.a`, `data.x.y`, `module.m`). */
import type { ModuleTree } from './module-tree.js';
import type { Block } from './read.js';

/**
 * A type's blocks by name are gathered when the type is first referred to: most blocks of a large
 * configuration (rules, routes, associations) are of types nothing refers to, and are never indexed
 * by name. The blocks are sorted by type once, in one pass, rather than scanned again for each type.
 */
export class BlockIndex {
    private readonly resourceNames = new ByType();
    private readonly dataNames = new ByType();
    private moduleNames: Map<string, Block> | undefined = undefined;

    constructor(private readonly tree: ModuleTree) {}

    resource(type: string, name: string): Block | undefined {
        return this.resourceNames.named(this.tree.config.resources, type).get(name);
    }

    data(type: string, name: string): Block | undefined {
        return this.dataNames.named(this.tree.config.data, type).get(name);
    }

    module(name: string): Block | undefined {
        this.moduleNames ??= new Map(this.tree.config.modules.map(m => [m.name, m]));
        return this.moduleNames.get(name);
    }
}

class ByType {
    private readonly names = new Map<string, Map<string, Block>>();
    private ofType: Map<string, Block[]> | undefined = undefined;

    /** The blocks of one type by name; of two of the same name, the later one (as a map built in order keeps). */
    named(blocks: readonly Block[], type: string): Map<string, Block> {
        let names = this.names.get(type);
        if (!names) {
            if (!this.ofType) {
                this.ofType = new Map();
                for (const b of blocks) {
                    const list = this.ofType.get(b.type);
                    if (list) list.push(b);
                    else this.ofType.set(b.type, [b]);
                }
            }
            names = new Map();
            for (const b of this.ofType.get(type) ?? []) names.set(b.name, b);
            this.names.set(type, names);
        }
        return names;
    }
}

/** Made once per module: the instances of a module called with count or for_each share it. */
const indexes = new WeakMap<ModuleTree, BlockIndex>();

export function blockIndex(tree: ModuleTree): BlockIndex {
    let index = indexes.get(tree);
    if (!index) indexes.set(tree, (index = new BlockIndex(tree)));
    return index;
}

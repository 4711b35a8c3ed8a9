/**
 * The tree of module calls, read before evaluation (a module's `source` is always a literal in
 * Terraform). Local paths are followed; registry and git modules come from the directories
 * `terraform init` recorded in `.terraform/modules/modules.json`, or are named as not available.
 */
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { TerraformInputError } from '../errors.js';
import { readModule, type ModuleConfig } from './read.js';

export interface ModuleTree {
    config: ModuleConfig;
    children: Map<string, ModuleTree | { unavailable: string }>;
}

interface ModulesJson {
    Modules?: Array<{ Key?: string; Source?: string; Dir?: string }>;
}

async function installedModules(root: string): Promise<Map<string, string>> {
    try {
        const json = JSON.parse(await readFile(join(root, '.terraform', 'modules', 'modules.json'), 'utf8')) as ModulesJson;
        return new Map((json.Modules ?? []).filter(m => m.Key && m.Dir).map(m => [m.Key!, join(root, m.Dir!)]));
    } catch {
        return new Map();
    }
}

export async function readModuleTree(root: string, cwd: string): Promise<ModuleTree> {
    const installed = await installedModules(root);
    const display = (dir: string): string => relative(cwd, dir) || '.';
    const seen: string[] = [];
    async function read(dir: string, key: string): Promise<ModuleTree> {
        if (seen.includes(dir)) throw new TerraformInputError(`${display(dir)}: the module calls itself`);
        seen.push(dir);
        const config = await readModule(dir, display(dir));
        const children = new Map<string, ModuleTree | { unavailable: string }>();
        for (const block of config.modules) {
            const source = typeof block.body.source === 'string' ? block.body.source : undefined;
            const childKey = key ? `${key}.${block.name}` : block.name;
            if (source === undefined || source.includes('${')) {
                children.set(block.name, { unavailable: 'its source is not a literal string' });
                continue;
            }
            let childDir: string | undefined;
            if (source.startsWith('./') || source.startsWith('../')) childDir = join(dir, source);
            else childDir = installed.get(childKey);
            if (!childDir) {
                children.set(block.name, {
                    unavailable: `the module "${source}" is not available here: run terraform init, which records it in .terraform/modules/modules.json`
                });
                continue;
            }
            try {
                children.set(block.name, await read(childDir, childKey));
            } catch (e) {
                if (!(e instanceof TerraformInputError) || !/module directory cannot be read/.test(e.message)) throw e;
                children.set(block.name, { unavailable: `its directory ${display(childDir)} cannot be read` });
            }
        }
        seen.pop();
        return { config, children };
    }
    return read(root, '');
}

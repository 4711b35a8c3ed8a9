/**
 * What every part of the Terraform export shares: the root modules (one folder per account and
 * region, as a provider block is bound to one region and one set of credentials), the resource
 * address each element got, how one folder refers to an element of another (a variable it is
 * given, filled from the other folder's output), and the list of what could not be exported.
 */
import { qualifiedNameOfId } from '../../../model/ids.js';
import type { Topology, Vpc } from '../../../model/topology.js';
import { ExportPlan, type NotExported, type UnitKey } from '../../common/export-plan.js';
import { block, expr, type Block, type HclValue } from './hcl.js';

export type { NotExported };

export interface Folder extends UnitKey {
    resources: Block[];
    variables: Map<string, Block>;
    outputs: Map<string, Block>;
    data: Map<string, Block>;
    /** Resource names taken, by resource type. */
    taken: Map<string, Set<string>>;
}

/** A valid Terraform identifier: letters, digits, `_` and `-`, starting with a letter or `_`. */
export function identifier(text: string): string {
    const s = text.replace(/[^A-Za-z0-9_-]/g, '_');
    return /^[A-Za-z_]/.test(s) ? s : `_${s}`;
}

export class ExportContext extends ExportPlan<Folder> {
    private readonly address = new Map<string, { folder: Folder; type: string; name: string }>();

    constructor(topology: Topology) {
        super(topology, key => ({
            ...key,
            resources: [],
            variables: new Map(),
            outputs: new Map(),
            data: new Map(),
            taken: new Map()
        }));
    }

    get folders(): Folder[] {
        return this.units;
    }

    folderFor(account: string, region: string): Folder {
        return this.unitFor(account, region);
    }

    folderOfVpc(vpc: Vpc): Folder {
        return this.unitOfVpc(vpc);
    }

    /**
     * A resource name for a type in a folder: the element's own name where free (so that
     * importing the export gives the element back its name), else qualified by its VPC.
     */
    allocate(folder: Folder, type: string, ...candidates: string[]): string {
        let taken = folder.taken.get(type);
        if (!taken) folder.taken.set(type, (taken = new Set()));
        for (const candidate of candidates.map(identifier)) {
            if (!taken.has(candidate)) {
                taken.add(candidate);
                return candidate;
            }
        }
        const base = identifier(candidates[candidates.length - 1] ?? type);
        let n = 2;
        while (taken.has(`${base}-${n}`)) n++;
        taken.add(`${base}-${n}`);
        return `${base}-${n}`;
    }

    /** Adds a resource for an element (or a part of one, by key) and records its address. */
    resource(
        folder: Folder,
        key: string | undefined,
        type: string,
        name: string,
        attributes: Record<string, HclValue | undefined>,
        nested: Block[] = [],
        comment?: string[]
    ): string {
        folder.resources.push(block('resource', [type, name], attributes, nested, comment));
        if (key) this.address.set(key, { folder, type, name });
        return `${type}.${name}`;
    }

    /** Element id → its resource name and folder: the name `vpc-lab import terraform` gives it back. */
    resourceNames(): Map<string, { folder: string; id: string }> {
        return new Map([...this.address].map(([key, a]) => [key, { folder: a.folder.name, id: a.name }]));
    }

    /** An element's resource address (`aws_vpc.app`), once written. */
    addressOf(key: string): string | undefined {
        const a = this.address.get(key);
        return a && `${a.type}.${a.name}`;
    }

    has(key: string): boolean {
        return this.address.has(key);
    }

    /**
     * An attribute of an element's resource as seen from a folder: a reference inside the same
     * folder, a variable of the asking folder otherwise (the element's folder outputs it).
     */
    refFrom(folder: Folder, key: string, attribute = 'id'): HclValue | undefined {
        const target = this.address.get(key);
        if (!target) return undefined;
        const reference = `${target.type}.${target.name}.${attribute}`;
        if (target.folder === folder) return expr(reference);
        const name = identifier(`${target.name}_${target.type.replace(/^aws_/, '')}_${attribute}`);
        if (!target.folder.outputs.has(name)) {
            target.folder.outputs.set(
                name,
                block('output', [name], {
                    description: `${qualifiedNameOfId(key) ?? key} ${attribute}, for other folders`,
                    value: expr(reference)
                })
            );
        }
        this.variable(folder, name, {
            type: expr('string'),
            description: `The output ${name} of the configuration in ${target.folder.name}`
        });
        return expr(`var.${name}`);
    }

    /** An element's resource as `depends_on` names it (`TYPE.NAME`), when it is in the folder. */
    dependency(folder: Folder, key: string): HclValue | undefined {
        const target = this.address.get(key);
        return target && target.folder === folder ? expr(`${target.type}.${target.name}`) : undefined;
    }

    variable(folder: Folder, name: string, attributes: Record<string, HclValue | undefined>): HclValue {
        if (!folder.variables.has(name)) folder.variables.set(name, block('variable', [name], attributes));
        return expr(`var.${name}`);
    }

    dataSource(folder: Folder, type: string, name: string, attributes: Record<string, HclValue | undefined>): string {
        const key = `${type}.${name}`;
        if (!folder.data.has(key)) folder.data.set(key, block('data', [type, name], attributes));
        return `data.${type}.${name}`;
    }
}

export function tags(name: string, extra: Record<string, string> = {}): HclValue {
    return { Name: name, ...extra };
}

/**
 * What every part of the Terraform export shares: the root modules (one folder per account and
 * region, as a provider block is bound to one region and one set of credentials), the file of the
 * module each resource goes to, the resource address each element got, how one folder refers to
 * an element of another (a variable it is given, filled from the other folder's output), and the
 * list of what could not be exported.
 */
import { qualifiedNameOfId } from '../../../model/ids.js';
import type { Topology, Vpc } from '../../../model/topology.js';
import { ExportPlan, type NotExported, type UnitKey } from '../../common/export-plan.js';
import { block, expr, type Block, type HclValue } from './hcl.js';

export type { NotExported };

export interface Folder extends UnitKey {
    /** The resources by file (`vpc-app.tf`, `peerings.tf`), in the order the files were first written to. */
    files: Map<string, Block[]>;
    /** VPC id → the name of the file that holds its resources. */
    vpcFiles: Map<string, string>;
    /** File names taken, lower-cased: two names that differ only in case are one file on some systems. */
    fileNames: Set<string>;
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

/** Where the resources being written go: a VPC's own file, or a file of things VPCs share. */
type Scope = { vpc: string } | { file: string };

export class ExportContext extends ExportPlan<Folder> {
    private readonly address = new Map<string, { folder: Folder; type: string; name: string }>();
    private scope: Scope = { file: 'main.tf' };

    constructor(topology: Topology) {
        super(topology, key => ({
            ...key,
            files: new Map(),
            vpcFiles: new Map(),
            fileNames: new Set(),
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
        // The address first: a VPC's file is named after its resource.
        if (key) this.address.set(key, { folder, type, name });
        const file = this.fileFor(folder);
        let blocks = folder.files.get(file);
        if (!blocks) folder.files.set(file, (blocks = []));
        blocks.push(block('resource', [type, name], attributes, nested, comment));
        return `${type}.${name}`;
    }

    /**
     * Runs `write` with its resources going to the file of a VPC (`{ vpc: id }`) or to a shared
     * file (`{ file: 'peerings.tf' }`).
     */
    within<T>(scope: Scope, write: () => T): T {
        const outer = this.scope;
        this.scope = scope;
        try {
            return write();
        } finally {
            this.scope = outer;
        }
    }

    /**
     * The file a resource goes to in a folder: `vpc-NAME.tf` for a VPC, NAME the VPC's resource
     * name (a valid identifier, unique in the folder), else the scope's shared file.
     */
    private fileFor(folder: Folder): string {
        if ('file' in this.scope) return this.scope.file;
        const known = folder.vpcFiles.get(this.scope.vpc);
        if (known) return known;
        const base = `vpc-${this.address.get(this.scope.vpc)?.name ?? identifier(this.element(this.scope.vpc)?.name ?? 'vpc')}`;
        let file = `${base}.tf`;
        for (let n = 2; folder.fileNames.has(file.toLowerCase()); n++) file = `${base}-${n}.tf`;
        folder.fileNames.add(file.toLowerCase());
        folder.vpcFiles.set(this.scope.vpc, file);
        return file;
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

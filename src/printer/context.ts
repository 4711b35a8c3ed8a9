/**
 * What printing one topology needs to know across statements: every element by id (to write a
 * reference as the name that resolves to it from where it is written), the comments to attach,
 * and the problems met (what the text cannot say, listed by `printProblems`).
 */
import { makeId, parseId } from '../model/ids.js';
import type { Topology } from '../model/topology.js';
import { isWritableName } from './names.js';

export interface PrintProblem {
    /** The element the problem is about. */
    elementId: string;
    message: string;
}

/** Comment lines by element id: a map, or what looks them up on demand. */
export type Comments = Pick<ReadonlyMap<string, readonly string[]>, 'get'>;

interface Known {
    id: string;
    kind: string;
    name: string;
    vpc?: string;
}

/** The kinds a route may name inside its VPC: a peering of the same name there is out of reach. */
const IN_VPC_TARGETS = new Set(['internet-gateway', 'egress-only-internet-gateway', 'nat-gateway', 'gateway-endpoint', 'instance']);

export class PrintContext {
    readonly problems: PrintProblem[] = [];
    private readonly known = new Map<string, Known>();
    private readonly sameName = new Map<string, number>();
    /** Route targets by `VPC-ID name`, which hide a peering of that name from the VPC's routes. */
    private readonly vpcTargets = new Map<string, Known>();

    /** `split`: the workspace statements go to a file of their own, so they qualify every VPC resource. */
    constructor(
        readonly topology: Topology,
        private readonly comments: Comments | undefined,
        readonly split: boolean
    ) {
        const lists = Object.entries(topology)
            .filter(([key]) => key !== 'documents')
            .map(([, list]) => list as Known[]);
        for (const list of lists) {
            for (const element of list) {
                // The element itself: only its id, kind, name and VPC are read.
                if (!this.known.has(element.id)) this.known.set(element.id, element);
                // Split, every reference from the top level is qualified: no need to count names.
                if (!split) {
                    const key = `${element.kind} ${element.name}`;
                    this.sameName.set(key, (this.sameName.get(key) ?? 0) + 1);
                }
                if (element.vpc !== undefined && IN_VPC_TARGETS.has(element.kind))
                    this.vpcTargets.set(`${element.vpc} ${element.name}`, element);
            }
        }
    }

    /** Whether the id is some VPC's default security group, which no source can name. */
    isDefaultSecurityGroup(id: string): boolean {
        // A set made on first use: every rule naming a group asks, and a scan of the VPCs each time is quadratic.
        this.defaultGroups ??= new Set(this.topology.vpcs.map(v => v.defaultSecurityGroup));
        return this.defaultGroups.has(id);
    }
    private defaultGroups?: Set<string>;

    problem(elementId: string, message: string): void {
        this.problems.push({ elementId, message });
    }

    commentsOf(id: string): readonly string[] | undefined {
        return this.comments?.get(id);
    }

    /** How messages name an element: `vpc.name` inside a VPC, else its name. */
    display(id: string): string {
        const known = this.known.get(id);
        if (!known) return parseId(id)?.name ?? id;
        const vpc = known.vpc === undefined ? undefined : this.vpcName(known.vpc);
        return vpc === undefined || known.kind === 'vpc' ? known.name : `${vpc}.${known.name}`;
    }

    /** The name a statement declares, noted as a problem when the grammar cannot read it as one. */
    declared(element: { id: string; name: string; kind: string }): string {
        if (!isWritableName(element.name))
            this.problem(
                element.id,
                `${element.kind} '${element.name}': not a name the language can write (letters, digits, _ and -, not a keyword)`
            );
        return element.name;
    }

    vpcName(vpcId: string): string {
        return this.known.get(vpcId)?.name ?? parseId(vpcId)?.name ?? vpcId;
    }

    /**
     * How a statement in VPC `from` (undefined: at the top level) names the element `id`: its bare
     * name in its own VPC, `vpc.name` from another VPC, and at the top level the bare name when no
     * other element of its kind has it (when the workspace statements are printed on their own,
     * always `vpc.name`). Undefined, with a problem noted, when there is nothing to name.
     */
    reference(id: string | undefined, from: string | undefined, owner: string, what: string): string | undefined {
        if (id === undefined) {
            this.problem(owner, `${this.display(owner)}: a ${what} it names is missing, and the language cannot leave the reference out`);
            return undefined;
        }
        const target = this.known.get(id) ?? this.fromId(id, owner, what);
        if (!target) return undefined;
        if (!isWritableName(target.name))
            this.problem(owner, `${this.display(owner)}: its ${what} '${target.name}' is not a name the language can write`);
        if (target.vpc === undefined || target.kind === 'vpc') {
            if ((target.kind === 'peering' || target.kind === 'transit-gateway') && from !== undefined)
                this.checkShadow(target, from, owner);
            return target.name;
        }
        const qualified = `${this.vpcName(target.vpc)}.${target.name}`;
        if (from !== undefined) return from === target.vpc ? target.name : qualified;
        return !this.split && this.sameName.get(`${target.kind} ${target.name}`) === 1 ? target.name : qualified;
    }

    /** A reference to an element the topology does not hold: named from its id, and noted. */
    private fromId(id: string, owner: string, what: string): Known | undefined {
        const parsed = parseId(id);
        this.problem(owner, `${this.display(owner)}: its ${what} '${id}' is not in the topology`);
        if (!parsed) return undefined;
        return {
            id,
            kind: parsed.kind,
            name: parsed.name,
            vpc:
                parsed.vpc === undefined
                    ? undefined
                    : ([...this.known.values()].find(k => k.kind === 'vpc' && k.name === parsed.vpc)?.id ?? makeId('vpc', parsed.vpc))
        };
    }

    private checkShadow(peering: Known, from: string, owner: string): void {
        const shadow = this.vpcTargets.get(`${from} ${peering.name}`);
        if (shadow)
            this.problem(
                owner,
                `${this.display(owner)}: routes to ${peering.kind} ${peering.name}, but in its VPC that name is ${shadow.kind} ${this.display(shadow.id)}`
            );
    }
}

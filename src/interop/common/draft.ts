/**
 * A topology being imported: the model under construction, the names handed out, the comment
 * above each element, and the report of what was left out or stood in. Importers of every format
 * fill one and return `finish()`.
 */
import {
    defaultNetworkAcl,
    defaultNetworkAclId,
    defaultSecurityGroup,
    defaultSecurityGroupId,
    implicitMainRouteTable,
    mainRouteTableId
} from '../../model/defaults.js';
import { makeId } from '../../model/ids.js';
import { Defaults, emptyTopology, type Topology, type Vpc } from '../../model/topology.js';
import { NameTable } from './names.js';
import { ImportReport } from './report.js';
import { formatSource, type SourceRef } from './source.js';

export interface ImportResult {
    topology: Topology;
    /** Comment lines above each element, keyed by element id (the printer's `comments`). */
    comments: ReadonlyMap<string, readonly string[]>;
    report: ImportReport;
}

export interface VpcFields {
    account?: string;
    region: string;
    cidrs: string[];
    ipv6?: string[];
    dnsSupport?: boolean;
    dnsHostnames?: boolean;
}

/** An element's origin, `what (file:line)`, written when the comment is asked for. */
class OriginLine {
    constructor(
        readonly what: string | (() => string),
        readonly source: SourceRef
    ) {}

    text(): string {
        return `${typeof this.what === 'string' ? this.what : this.what()} (${formatSource(this.source)})`;
    }
}

type CommentLine = string | OriginLine | (() => string);

const written = (line: CommentLine): string => (typeof line === 'string' ? line : line instanceof OriginLine ? line.text() : line());

/**
 * The comment lines above each element, kept as their parts and written when asked for. An
 * import names the origin of each of its elements (tens of thousands in a large one), and most
 * of them are only printed at the end, if at all: strings joined at once would each be a small
 * tree of pieces the collector copies while the import runs.
 */
export class CommentLines implements ReadonlyMap<string, readonly string[]> {
    private readonly lines = new Map<string, CommentLine | CommentLine[]>();

    add(id: string, line: CommentLine): void {
        const known = this.lines.get(id);
        if (known === undefined) this.lines.set(id, line);
        else if (Array.isArray(known)) known.push(line);
        else this.lines.set(id, [known, line]);
    }

    get(id: string): string[] | undefined {
        const known = this.lines.get(id);
        if (known === undefined) return undefined;
        return Array.isArray(known) ? known.map(written) : [written(known)];
    }

    has(id: string): boolean {
        return this.lines.has(id);
    }

    get size(): number {
        return this.lines.size;
    }

    keys(): MapIterator<string> {
        return this.lines.keys();
    }

    *values(): MapIterator<string[]> {
        for (const id of this.lines.keys()) yield this.get(id)!;
    }

    *entries(): MapIterator<[string, string[]]> {
        for (const id of this.lines.keys()) yield [id, this.get(id)!];
    }

    [Symbol.iterator](): MapIterator<[string, string[]]> {
        return this.entries();
    }

    forEach(
        callback: (value: readonly string[], key: string, map: ReadonlyMap<string, readonly string[]>) => void,
        thisArg?: unknown
    ): void {
        for (const [id, lines] of this.entries()) callback.call(thisArg, lines, id, this);
    }
}

export class TopologyDraft {
    readonly topology = emptyTopology();
    readonly comments = new CommentLines();
    readonly names = new NameTable();
    readonly report = new ImportReport();

    /**
     * The comment naming where an element came from: `AWS::EC2::Subnet PublicSubnet1 (vpc.yaml:42)`.
     * `what` may be given as what writes it, when the line is asked for (see `CommentLines`).
     */
    origin(id: string, what: string | (() => string), source: SourceRef, ...more: string[]): void {
        this.comments.add(id, new OriginLine(what, source));
        for (const line of more) this.comments.add(id, line);
    }

    /** A further comment line above an element (or what writes it, when asked for). */
    note(id: string, line: string | (() => string)): void {
        this.comments.add(id, line);
    }

    /** Adds a VPC (with what AWS creates with it: main route table, default NACL and security group). */
    addVpc(rawName: string, fields: VpcFields): Vpc {
        const name = this.names.name('vpc', rawName);
        const account = fields.account ?? Defaults.accountNumber;
        this.ensureAccount(account);
        const vpc: Vpc = {
            kind: 'vpc',
            id: makeId('vpc', name),
            name,
            account,
            region: fields.region,
            cidrs: fields.cidrs.map(value => ({ value })),
            ipv6: (fields.ipv6 ?? []).map(value => ({ value })),
            dnsSupport: fields.dnsSupport ?? Defaults.dnsSupport,
            dnsHostnames: fields.dnsHostnames ?? Defaults.dnsHostnames,
            mainRouteTable: mainRouteTableId(name),
            defaultNetworkAcl: defaultNetworkAclId(name),
            defaultSecurityGroup: defaultSecurityGroupId(name)
        };
        this.topology.vpcs.push(vpc);
        this.topology.routeTables.push(implicitMainRouteTable(vpc));
        this.topology.networkAcls.push(defaultNetworkAcl(vpc));
        this.topology.securityGroups.push(defaultSecurityGroup(vpc));
        return vpc;
    }

    /**
     * Re-creates the implicit defaults of a VPC whose blocks changed after `addVpc` (an IPv6 block
     * found later adds `::/0` to the default NACL and security group).
     */
    refreshDefaults(vpc: Vpc): void {
        const replace = <T extends { id: string }>(list: T[], element: T) => {
            const at = list.findIndex(e => e.id === element.id);
            if (at >= 0) list[at] = element;
        };
        replace(this.topology.networkAcls, defaultNetworkAcl(vpc));
        replace(this.topology.securityGroups, defaultSecurityGroup(vpc));
    }

    /** The account element of a 12-digit number (named `account-NUMBER` unless the source names it), made once. */
    ensureAccount(number: string, named?: string): void {
        if (this.topology.accounts.some(a => a.number === number)) return;
        if (number === Defaults.accountNumber && named === undefined) return;
        const name = this.names.name('account', named ?? `account-${number}`);
        this.topology.accounts.push({ kind: 'account', id: makeId('account', name), name, number });
    }

    finish(): ImportResult {
        if (
            this.topology.vpcs.some(v => v.account === Defaults.accountNumber) &&
            !this.topology.accounts.some(a => a.number === Defaults.accountNumber)
        ) {
            this.topology.accounts.push({
                kind: 'account',
                id: makeId('account', Defaults.account),
                name: Defaults.account,
                number: Defaults.accountNumber,
                implicit: true
            });
        }
        return { topology: this.topology, comments: this.comments, report: this.report };
    }
}

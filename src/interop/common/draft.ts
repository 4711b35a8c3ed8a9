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
    comments: Map<string, string[]>;
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

export class TopologyDraft {
    readonly topology = emptyTopology();
    readonly comments = new Map<string, string[]>();
    readonly names = new NameTable();
    readonly report = new ImportReport();

    /** The comment naming where an element came from: `AWS::EC2::Subnet PublicSubnet1 (vpc.yaml:42)`. */
    origin(id: string, what: string, source: SourceRef, ...more: string[]): void {
        const lines = this.comments.get(id) ?? [];
        lines.push(`${what} (${formatSource(source)})`, ...more);
        this.comments.set(id, lines);
    }

    /** A further comment line above an element. */
    note(id: string, line: string): void {
        const lines = this.comments.get(id) ?? [];
        lines.push(line);
        this.comments.set(id, lines);
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

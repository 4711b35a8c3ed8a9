/**
 * The imported model as `.vpc` text: one file per VPC and one for the workspace scope (peerings,
 * buckets), each element preceded by a comment naming where it came from, and what was left out
 * or stood in for listed at the top. Kept behind `printImport` so that the project's general
 * printer can take its place.
 */
import { parseId } from '../../../model/ids.js';
import type {
    FlowLog,
    GatewayEndpoint,
    Instance,
    InterfaceEndpoint,
    NatGateway,
    NetworkAcl,
    NetworkAclRule,
    Policy,
    PortRange,
    RouteTable,
    RulePeer,
    SecurityGroup,
    SecurityGroupRule,
    Subnet,
    Topology,
    Vpc
} from '../../../model/topology.js';
import type { ImportNote } from '../map/context.js';

export interface PrintedFile {
    name: string;
    text: string;
}

/** Where the id points, written as the language refers to it from inside `vpc` (`name` or `other.name`). */
function ref(id: string | undefined, from: Vpc | undefined): string {
    const p = id ? parseId(id) : undefined;
    if (!p) return '?';
    return p.vpc !== undefined && p.vpc !== from?.name ? `${p.vpc}.${p.name}` : p.name;
}

function traffic(protocol: string, ports?: PortRange): string {
    if (protocol === 'all') return 'all';
    if (!ports) return protocol === 'icmp' ? 'icmp' : `${protocol} 0-65535`;
    return `${protocol} ${ports.from === ports.to ? ports.from : `${ports.from}-${ports.to}`}`;
}

function peer(p: RulePeer, vpc: Vpc): string {
    if (p.kind === 'cidr') return p.cidr;
    if (p.kind === 'prefix-list') return `prefix-list ${p.service}${p.region !== vpc.region ? ` region ${p.region}` : ''}`;
    return `sg ${ref(p.group, vpc)}`;
}

function quote(s: string): string {
    return JSON.stringify(s);
}

class Writer {
    lines: string[] = [];
    constructor(readonly origins: Map<string, string>) {}
    origin(id: string, indent: string): void {
        const o = this.origins.get(id);
        if (o) this.lines.push(`${indent}// ${o}`);
    }
    line(text: string): void {
        this.lines.push(text);
    }
    block(indent: string, head: string, body: string[]): void {
        if (body.length === 0) this.lines.push(`${indent}${head}`);
        else this.lines.push(`${indent}${head} {`, ...body.map(b => `${indent}  ${b}`), `${indent}}`);
    }
}

function policyLines(policy: Policy | undefined): string[] {
    if (!policy) return [];
    const statements = policy.statements.map(
        s =>
            `  ${s.effect} ${s.actions.map(quote).join(', ')}${s.resources.length && !(s.resources.length === 1 && s.resources[0] === '*') ? ` resource ${s.resources.map(quote).join(', ')}` : ''}`
    );
    return ['policy {', ...statements, '}'];
}

/** The elements of each VPC, grouped once: printing is one pass over the topology, not one per VPC. */
class ByVpc {
    private readonly groups = new Map<unknown[], Map<string, unknown[]>>();
    readonly implicit: Set<string>;
    constructor(t: Topology) {
        this.implicit = new Set([...t.networkAcls, ...t.securityGroups, ...t.routeTables].filter(x => x.implicit).map(x => x.id));
    }
    of<T extends { vpc: string }>(list: T[], vpc: Vpc): T[] {
        let byVpc = this.groups.get(list);
        if (!byVpc) {
            byVpc = new Map();
            for (const x of list) {
                const g = byVpc.get(x.vpc);
                if (g) g.push(x);
                else byVpc.set(x.vpc, [x]);
            }
            this.groups.set(list, byVpc);
        }
        return (byVpc.get(vpc.id) ?? []) as T[];
    }
}

function printVpc(t: Topology, vpc: Vpc, w: Writer, groups: ByVpc): void {
    const inVpc = <T extends { vpc: string }>(xs: T[]): T[] => groups.of(xs, vpc);
    w.origin(vpc.id, '');
    w.line(`vpc ${vpc.name} region ${vpc.region} {`);
    for (const c of vpc.cidrs) w.line(`  cidr ${c.value}`);
    for (const c of vpc.ipv6) w.line(`  ipv6 ${c.value}`);
    if (!vpc.dnsSupport) w.line('  dns-support off');
    if (vpc.dnsHostnames) w.line('  dns-hostnames on');
    const I = '  ';
    for (const s of inVpc<Subnet>(t.subnets)) {
        w.line('');
        w.origin(s.id, I);
        const body = [
            ...(s.cidr ? [`cidr ${s.cidr.value}`] : []),
            ...(s.ipv6 ? [`ipv6 ${s.ipv6.value}`] : []),
            ...(s.routeTableExplicit && s.routeTable ? [`route-table ${ref(s.routeTable, vpc)}`] : []),
            ...(s.networkAcl && !groups.implicit.has(s.networkAcl) ? [`network-acl ${ref(s.networkAcl, vpc)}`] : [])
        ];
        w.block(I, `subnet ${s.name} az ${s.az}`, body);
    }
    for (const g of inVpc(t.gateways)) {
        w.line('');
        w.origin(g.id, I);
        w.line(`${I}${g.kind} ${g.name}`);
    }
    for (const n of inVpc<NatGateway>(t.natGateways)) {
        w.line('');
        w.origin(n.id, I);
        w.line(
            `${I}nat-gateway ${n.name} subnet ${ref(n.subnet, vpc)}${n.ip ? ` ip ${n.ip.value}` : ''}${n.publicIp ? ` public-ip ${n.publicIp.value}` : ''}`
        );
    }
    for (const r of inVpc<RouteTable>(t.routeTables)) {
        if (r.implicit) continue;
        w.line('');
        w.origin(r.id, I);
        w.block(
            I,
            `route-table ${r.name}${r.main ? ' main' : ''}`,
            r.routes
                .filter(x => x.target)
                .map(x => {
                    const dest = x.destination.kind === 'cidr' ? x.destination.cidr : `prefix-list ${x.destination.service}`;
                    return `route ${dest} -> ${ref(x.target!.id, vpc)}`;
                })
        );
    }
    for (const g of inVpc<SecurityGroup>(t.securityGroups)) {
        if (g.implicit) continue;
        w.line('');
        w.origin(g.id, I);
        const rules = g.rules
            .filter((r: SecurityGroupRule) => !r.implicit)
            .map(r => `${r.direction} ${traffic(r.protocol, r.ports)} ${r.direction === 'ingress' ? 'from' : 'to'} ${peer(r.peer, vpc)}`);
        // A group with no outbound rule at all (the provider removes AWS's default one) says so.
        if (!g.rules.some(r => r.direction === 'egress')) rules.push('egress none');
        w.block(I, `security-group ${g.name}`, rules);
    }
    for (const a of inVpc<NetworkAcl>(t.networkAcls)) {
        if (a.implicit) continue;
        w.line('');
        w.origin(a.id, I);
        w.block(
            I,
            `network-acl ${a.name}`,
            a.rules.map(
                (r: NetworkAclRule) =>
                    `${r.direction} ${r.number} ${r.action} ${traffic(r.protocol, r.ports)} ${r.direction === 'inbound' ? 'from' : 'to'} ${peer(r.peer, vpc)}`
            )
        );
    }
    for (const n of inVpc<Instance>(t.instances)) {
        w.line('');
        w.origin(n.id, I);
        const named = n.securityGroups.filter(g => !groups.implicit.has(g));
        w.block(I, `instance ${n.name} subnet ${ref(n.subnet, vpc)}`, [
            ...(n.ip ? [`ip ${n.ip.value}`] : []),
            ...(n.ipv6 ? [`ipv6 ${n.ipv6.value}`] : []),
            ...(n.publicIp ? [`public-ip ${n.publicIp.value}`] : []),
            ...(named.length ? [`security-groups ${named.map(g => ref(g, vpc)).join(', ')}`] : [])
        ]);
    }
    for (const e of inVpc<GatewayEndpoint>(t.gatewayEndpoints)) {
        w.line('');
        w.origin(e.id, I);
        w.block(I, `gateway-endpoint ${e.name} service ${e.service}${e.region !== vpc.region ? ` region ${e.region}` : ''}`, [
            ...(e.routeTables.length ? [`route-tables ${e.routeTables.map(r => ref(r.value, vpc)).join(', ')}`] : []),
            ...policyLines(e.policy)
        ]);
    }
    for (const e of inVpc<InterfaceEndpoint>(t.interfaceEndpoints)) {
        w.line('');
        w.origin(e.id, I);
        const service = e.region !== vpc.region ? `com.amazonaws.${e.region}.${e.service}` : e.service;
        w.block(I, `interface-endpoint ${e.name} service ${service}`, [
            ...(e.subnets.length ? [`subnets ${e.subnets.map(s => ref(s.value, vpc)).join(', ')}`] : []),
            ...(e.securityGroupsExplicit ? [`security-groups ${e.securityGroups.map(g => ref(g, vpc)).join(', ')}`] : []),
            `private-dns ${e.privateDns ? 'on' : 'off'}`,
            ...policyLines(e.policy)
        ]);
    }
    for (const f of inVpc<FlowLog>(t.flowLogs)) {
        w.line('');
        w.origin(f.id, I);
        const capture = f.capture.level === 'vpc' ? 'capture vpc' : `capture ${f.capture.level} ${ref(f.capture.target, vpc)}`;
        w.block(I, `flow-log ${f.name}`, [
            capture,
            `traffic ${f.traffic}`,
            ...(f.destination ? [`destination ${f.destination.kind} ${quote(f.destination.target)}`] : []),
            `aggregation ${f.aggregationSeconds === 60 ? '1m' : '10m'}`,
            ...(f.format ? [`format ${quote(f.format.value)}`] : [])
        ]);
    }
    w.line('}');
}

function header(notes: ImportNote[], source: string): string[] {
    const lines = [`// Imported from ${source} by vpc-lab import terraform.`];
    const listed = notes.filter(n => n.kind !== 'unknown');
    if (listed.length) {
        lines.push('//', '// Not imported as written:');
        for (const n of listed) lines.push(`//   ${n.source}: ${n.kind === 'left-out' ? 'left out' : n.kind}: ${n.what} (${n.why})`);
    }
    return [...lines, ''];
}

export function printImport(t: Topology, origins: Map<string, string>, notes: ImportNote[], source: string): PrintedFile[] {
    const files: PrintedFile[] = [];
    const groups = new ByVpc(t);
    for (const vpc of t.vpcs) {
        const w = new Writer(origins);
        printVpc(t, vpc, w, groups);
        files.push({ name: `${vpc.name}.vpc`, text: [...header(notes, source), ...w.lines, ''].join('\n') });
    }
    const w = new Writer(origins);
    for (const p of t.peerings) {
        w.origin(p.id, '');
        w.block(
            '',
            `peering ${p.name} requester ${ref(p.requester, undefined)} accepter ${ref(p.accepter, undefined)}`,
            p.dnsResolution ? ['dns-resolution on'] : []
        );
        w.line('');
    }
    for (const b of t.buckets) {
        w.origin(b.id, '');
        w.block(
            '',
            `bucket ${b.name} region ${b.region}`,
            b.privateTo.length ? [`private-to ${b.privateTo.map(e => ref(e, undefined)).join(', ')}`] : []
        );
        w.line('');
    }
    if (w.lines.length || files.length === 0)
        files.push({ name: 'workspace.vpc', text: [...header(notes, source), ...w.lines].join('\n') });
    return files;
}

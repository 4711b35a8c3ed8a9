/**
 * Compiles a topology once into the form the simulator walks: ENIs with numeric addresses,
 * route tables sorted for longest-prefix match, rules with numeric protocols and ports.
 * Many probes are then answered from it without touching text or ip-num again.
 */
import type {
    Gateway,
    GatewayEndpoint,
    InterfaceEndpoint,
    NatGateway,
    NetworkAclRule,
    Peering,
    Protocol,
    RouteTable,
    RulePeer,
    SecurityGroupRule,
    Subnet,
    Topology,
    Vpc
} from '../model/topology.js';
import { eniPlaceId, qualifiedNameOfId } from '../model/ids.js';
import { prefixListText } from '../model/route-text.js';
import { endpointServiceIdOf } from '../model/transit.js';
import { assertNever } from '../model/assert-never.js';
import { ROUTE_TARGET_KINDS, type RouteTargetKind } from '../model/kinds.js';
import { addrAt, addrOf, inSpan, spanOf, type Addr, type Span } from './cidr.js';
import { TopologyIndex, type AnyElement } from './topology-index.js';
import {
    compileHubEnis,
    compileHubs,
    emptyHubs,
    type CAttachment,
    type CEndpointService,
    type CLoadBalancer,
    type CTgw,
    type CompiledHubs
} from './compile-hubs.js';

export const PROTOCOL_NUMBER: Record<Protocol, number> = { all: -1, tcp: 6, udp: 17, icmp: 1 };

export interface CVpc {
    model: Vpc;
    spans: Span[];
    subnets: CSubnet[];
    igw?: Gateway;
    eigw?: Gateway;
    /** ENIs by private address (IPv4 numbers and IPv6 bigints share the map: the types differ). */
    enis: Map<Addr, CEni>;
    interfaceEndpoints: CInterfaceEndpoint[];
    gatewayEndpoints: GatewayEndpoint[];
    attachments: CAttachment[];
}

export interface CSubnet {
    model: Subnet;
    vpc: CVpc;
    spans: Span[];
    table?: CTable;
    nacl?: CNacl;
}

export type CTarget =
    | { kind: 'local' }
    | { kind: 'internet-gateway'; gateway: Gateway }
    | { kind: 'egress-only-internet-gateway'; gateway: Gateway }
    | { kind: 'nat-gateway'; nat: CEni }
    | { kind: 'peering'; peering: Peering }
    | { kind: 'gateway-endpoint'; endpoint: GatewayEndpoint }
    | { kind: 'instance'; eni: CEni }
    | { kind: 'transit-gateway'; tgw: CTgw }
    /** `text` names the target in the route; `why` says why the packet goes nowhere, as a hop's detail. */
    | { kind: 'blackhole'; text: string; why: string };

export interface CRoute {
    span: Span;
    target: CTarget;
    /** `local`, the CIDR, or `prefix-list s3` as written. */
    text: string;
    /** For a prefix-list route: the list's service and region. */
    prefixList?: { service: string; region: string };
    routeId?: string;
}

export interface CTable {
    model: RouteTable;
    vpc: CVpc;
    /** Longest prefix first; ties keep local routes first. */
    routes: CRoute[];
}

export interface CRule {
    protocol: number;
    from: number;
    to: number;
    peer: RulePeer;
    span?: Span;
    group?: CGroup;
    text: string;
    id: string;
}

export interface CGroup {
    id: string;
    name: string;
    vpc: CVpc;
    ingress: CRule[];
    egress: CRule[];
    members: CEni[];
}

export interface CNaclRule extends CRule {
    number: number;
    allow: boolean;
}

export interface CNacl {
    id: string;
    name: string;
    inbound: CNaclRule[];
    outbound: CNaclRule[];
}

export interface CEni {
    /** `eni-` and 17 hex digits, stable for the same topology. */
    eniId: string;
    kind: 'instance' | 'nat-gateway' | 'interface-endpoint' | 'transit-gateway-attachment' | 'load-balancer';
    owner: string;
    name: string;
    subnet: CSubnet;
    ipv4?: number;
    ipv6?: bigint;
    publicIp?: number;
    groups: CGroup[];
    endpoint?: CInterfaceEndpoint;
    attachment?: CAttachment;
    loadBalancer?: CLoadBalancer;
}

export interface CInterfaceEndpoint {
    model: InterfaceEndpoint;
    vpc: CVpc;
    enis: CEni[];
    groups: CGroup[];
    /** The endpoint service of another VPC it connects to, when it names one (PrivateLink). */
    endpointService?: CEndpointService;
}

export interface Compiled extends CompiledHubs {
    topology: Topology;
    index: TopologyIndex;
    vpcs: Map<string, CVpc>;
    subnets: Map<string, CSubnet>;
    enis: CEni[];
    enisByOwner: Map<string, CEni[]>;
    /** Public IPv4 addresses (instances' public or Elastic IPs, NAT gateways' Elastic IPs). */
    publicIps: Map<number, CEni>;
    groups: Map<string, CGroup>;
    /** AWS service address ranges (the prefix lists) by `service/region`. */
    servicePrefixes: Map<string, Span>;
}

// ---- deterministic identifiers and addresses ----------------------------------------------

function fnv1a(text: string, seed = 0x811c9dc5): number {
    let hash = seed >>> 0;
    for (let i = 0; i < text.length; i++) {
        hash ^= text.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash >>> 0;
}

/** A stable number for any text, used for ENI ids, ports and synthetic addresses. */
export function stableHash(text: string): number {
    return fnv1a(text);
}

export function eniIdFor(owner: string): string {
    const a = fnv1a(owner).toString(16).padStart(8, '0');
    const b = fnv1a(owner, 0x01000193).toString(16).padStart(8, '0');
    const c = (fnv1a(owner, 0x9e3779b9) & 0xf).toString(16);
    return `eni-0${a}${b}`.slice(0, 4 + 16) + c;
}

/**
 * The address range a service answers on in a region, as its AWS-managed prefix list would list.
 * The ranges are invented (in 3.0.0.0/8, which AWS owns) and stable: the same service and region
 * always get the same /22.
 */
export function servicePrefix(service: string, region: string): Span {
    const k = stableHash(`${service}/${region}`);
    return spanOf(`3.${(k % 200) + 32}.${((k >>> 8) % 64) * 4}.0/22`)!;
}

/** The address a service's default DNS name resolves to outside any VPC. */
export function serviceAddress(service: string, region: string): number {
    return addrAt(servicePrefix(service, region), 10) as number;
}

/**
 * What `probe SOURCE -> internet PROTOCOL [PORT]` reaches: a host of the documentation ranges
 * (RFC 5737's TEST-NET-1 and RFC 3849's 2001:db8::/32). They stand for "a host on the internet"
 * in AWS's and everyone's examples, are never assigned to a real host and never change, are
 * public to the simulator (no private or special-use range), and differ from the internet
 * clients below and the NAT gateways' default Elastic IPs (203.0.113.0/24).
 */
export const REPRESENTATIVE_INTERNET_V4 = '192.0.2.1';
export const REPRESENTATIVE_INTERNET_V6 = '2001:db8::1';

export function representativeInternetAddress(family: 4 | 6): Addr {
    return addrOf(family === 4 ? REPRESENTATIVE_INTERNET_V4 : REPRESENTATIVE_INTERNET_V6)!;
}

/** Where probes from the internet come from: addresses of the documentation ranges. */
export const INTERNET_CLIENT_V4 = addrOf('198.51.100.7') as number;
export const INTERNET_CLIENT_V6 = addrOf('2001:db8::7') as bigint;

// ---- compilation ---------------------------------------------------------------------------

export function compile(topology: Topology): Compiled {
    const index = new TopologyIndex(topology);
    const compiled: Compiled = {
        topology,
        index,
        vpcs: new Map(),
        subnets: new Map(),
        enis: [],
        enisByOwner: new Map(),
        publicIps: new Map(),
        groups: new Map(),
        servicePrefixes: new Map(),
        ...emptyHubs()
    };
    for (const view of index.vpcs.values()) {
        compiled.vpcs.set(view.vpc.id, {
            model: view.vpc,
            spans: [...view.vpc.cidrs, ...view.vpc.ipv6].map(c => spanOf(c.value)).filter((s): s is Span => s !== undefined),
            subnets: [],
            enis: new Map(),
            interfaceEndpoints: [],
            gatewayEndpoints: view.gatewayEndpoints,
            attachments: [],
            igw: view.gateways.find(g => g.kind === 'internet-gateway'),
            eigw: view.gateways.find(g => g.kind === 'egress-only-internet-gateway')
        });
    }
    for (const group of topology.securityGroups) {
        const vpc = compiled.vpcs.get(group.vpc);
        if (vpc && !compiled.groups.has(group.id))
            compiled.groups.set(group.id, { id: group.id, name: group.name, vpc, ingress: [], egress: [], members: [] });
    }
    const nacls = new Map(topology.networkAcls.map(acl => [acl.id, compileNacl(acl.id, acl.name, acl.rules)]));
    for (const subnet of topology.subnets) {
        const vpc = compiled.vpcs.get(subnet.vpc);
        if (!vpc || compiled.subnets.has(subnet.id)) continue;
        const spans = [subnet.cidr, subnet.ipv6].map(c => spanOf(c?.value)).filter((s): s is Span => s !== undefined);
        const c: CSubnet = { model: subnet, vpc, spans, nacl: nacls.get(subnet.networkAcl ?? vpc.model.defaultNetworkAcl) };
        vpc.subnets.push(c);
        compiled.subnets.set(subnet.id, c);
    }
    compileEnis(compiled);
    compileHubs(compiled);
    for (const vpc of compiled.vpcs.values())
        for (const endpoint of vpc.interfaceEndpoints)
            endpoint.endpointService = compiled.endpointServices.get(endpointServiceIdOf(endpoint.model) ?? '');
    for (const group of topology.securityGroups) {
        const c = compiled.groups.get(group.id);
        if (!c || c.ingress.length + c.egress.length > 0) continue;
        for (const rule of group.rules) (rule.direction === 'ingress' ? c.ingress : c.egress).push(...compileRules(rule, compiled));
    }
    const tables = new Map<string, CTable>();
    for (const table of topology.routeTables) {
        const vpc = compiled.vpcs.get(table.vpc);
        if (vpc && !tables.has(table.id)) tables.set(table.id, compileTable(table, vpc, compiled));
    }
    for (const subnet of compiled.subnets.values()) {
        subnet.table = tables.get(index.routeTableOf(subnet.model)?.id ?? '');
    }
    return compiled;
}

function portsOf(rule: { protocol: Protocol; ports?: { from: number; to: number } }): { from: number; to: number } {
    if (rule.protocol === 'all' || !rule.ports) return { from: 0, to: 65535 };
    return rule.ports;
}

function describePorts(protocol: Protocol, ports?: { from: number; to: number }): string {
    if (protocol === 'all') return 'all traffic';
    if (!ports) return `${protocol} (all ports)`;
    return ports.from === ports.to ? `${protocol} ${ports.from}` : `${protocol} ${ports.from}-${ports.to}`;
}

function describePeer(peer: RulePeer, compiled: Compiled): string {
    if (peer.kind === 'cidr') return peer.cidr;
    if (peer.kind === 'prefix-list') return prefixListText(peer.service);
    const group = peer.group ? compiled.groups.get(peer.group) : undefined;
    return `sg ${group?.name ?? '?'}`;
}

/** The entries of a customer-managed prefix list, as spans (undefined when the id names none). */
function customerListSpans(compiled: Compiled, listId: string | undefined): Span[] | undefined {
    if (listId === undefined) return undefined;
    const list = compiled.topology.prefixLists.find(l => l.id === listId);
    return list?.entries.map(e => spanOf(e.value)).filter((s): s is Span => s !== undefined);
}

/** A rule naming a customer-managed prefix list stands for one rule per entry, as AWS expands it. */
export function compileRules(rule: SecurityGroupRule, compiled: Compiled): CRule[] {
    const compiledRule = compileRule(rule, compiled);
    const spans = rule.peer.kind === 'prefix-list' ? customerListSpans(compiled, rule.peer.list) : undefined;
    return spans ? spans.map(span => ({ ...compiledRule, span })) : [compiledRule];
}

function compileRule(rule: SecurityGroupRule, compiled: Compiled): CRule {
    const { from, to } = portsOf(rule);
    const peer = rule.peer;
    const text = `${rule.direction} ${describePorts(rule.protocol, rule.ports)} ${rule.direction === 'ingress' ? 'from' : 'to'} ${describePeer(peer, compiled)}`;
    return {
        protocol: PROTOCOL_NUMBER[rule.protocol],
        from,
        to,
        peer,
        text,
        id: rule.id,
        span:
            peer.kind === 'cidr'
                ? spanOf(peer.cidr)
                : peer.kind === 'prefix-list'
                  ? servicePrefixOf(compiled, peer.service, peer.region)
                  : undefined,
        group: peer.kind === 'sg' && peer.group ? compiled.groups.get(peer.group) : undefined
    };
}

export function compileNacl(id: string, name: string, rules: NetworkAclRule[]): CNacl {
    const compileOne = (rule: NetworkAclRule): CNaclRule => {
        const { from, to } = portsOf(rule);
        const peer = rule.peer;
        return {
            number: rule.number,
            allow: rule.action === 'allow',
            protocol: PROTOCOL_NUMBER[rule.protocol],
            from,
            to,
            peer,
            id: rule.id,
            // A prefix list is not allowed in a NACL (a checker error): such a rule matches nothing.
            span: peer.kind === 'cidr' ? spanOf(peer.cidr) : undefined,
            text: `rule ${rule.number} ${rule.action === 'allow' ? 'allows' : 'denies'} ${describePorts(rule.protocol, rule.ports)} ${rule.direction === 'inbound' ? 'from' : 'to'} ${peer.kind === 'cidr' ? peer.cidr : prefixListText(peer.kind === 'prefix-list' ? peer.service : '')}`
        };
    };
    const sorted = (direction: 'inbound' | 'outbound') =>
        rules
            .filter(r => r.direction === direction)
            .map(compileOne)
            .sort((a, b) => a.number - b.number);
    return { id, name, inbound: sorted('inbound'), outbound: sorted('outbound') };
}

export function servicePrefixOf(compiled: Compiled, service: string, region: string): Span {
    const key = `${service}/${region}`;
    let span = compiled.servicePrefixes.get(key);
    if (!span) {
        span = servicePrefix(service, region);
        compiled.servicePrefixes.set(key, span);
    }
    return span;
}

export function compileTable(table: RouteTable, vpc: CVpc, compiled: Compiled): CTable {
    const routes: CRoute[] = vpc.spans.map(span => ({ span, target: { kind: 'local' as const }, text: 'local' }));
    for (const route of table.routes) {
        const target = compileTarget(route.target, compiled);
        if (route.destination.kind === 'cidr') {
            const span = spanOf(route.destination.cidr);
            if (span) routes.push({ span, target, text: route.destination.cidr, routeId: route.id });
        } else if (route.destination.list !== undefined) {
            const text = prefixListText(route.destination.service);
            for (const span of customerListSpans(compiled, route.destination.list) ?? [])
                routes.push({ span, target, text: `${text} (${span.text})`, routeId: route.id });
        } else {
            const { service, region } = route.destination;
            routes.push({
                span: servicePrefixOf(compiled, service, region),
                target,
                text: prefixListText(service),
                prefixList: { service, region },
                routeId: route.id
            });
        }
    }
    // A gateway endpoint associated with the table adds its service's prefix-list route.
    for (const endpoint of vpc.gatewayEndpoints) {
        if (!endpoint.routeTables.some(t => t.value === table.id)) continue;
        if (routes.some(r => r.prefixList?.service === endpoint.service && r.target.kind === 'gateway-endpoint')) continue;
        routes.push({
            span: servicePrefixOf(compiled, endpoint.service, endpoint.region),
            target: { kind: 'gateway-endpoint', endpoint },
            text: prefixListText(endpoint.service),
            prefixList: { service: endpoint.service, region: endpoint.region }
        });
    }
    routes.sort((a, b) => b.span.prefix - a.span.prefix || (a.target.kind === 'local' ? -1 : b.target.kind === 'local' ? 1 : 0));
    return { model: table, vpc, routes };
}

type RouteTargetElement = Extract<AnyElement, { kind: RouteTargetKind }>;

function isRouteTarget(element: AnyElement): element is RouteTargetElement {
    return (ROUTE_TARGET_KINDS as readonly string[]).includes(element.kind);
}

function compileTarget(target: { kind: string; id: string } | undefined, compiled: Compiled): CTarget {
    const element = compiled.index.get(target?.id);
    if (!element) {
        return target
            ? {
                  kind: 'blackhole',
                  text: qualifiedNameOfId(target.id) ?? target.id,
                  why: `the route's target ${qualifiedNameOfId(target.id) ?? target.id} no longer exists: a blackhole route drops the packet`
              }
            : {
                  kind: 'blackhole',
                  text: '(unresolved target)',
                  why: "the route's target names no resource (see the unresolved-reference error on it): the packet is dropped, as at a blackhole route"
              };
    }
    if (!isRouteTarget(element))
        return {
            kind: 'blackhole',
            text: element.name,
            why: `${element.name} cannot be a route's target: the packet is dropped, as at a blackhole route`
        };
    switch (element.kind) {
        case 'internet-gateway':
            return { kind: 'internet-gateway', gateway: element };
        case 'egress-only-internet-gateway':
            return { kind: 'egress-only-internet-gateway', gateway: element };
        case 'peering':
            return { kind: 'peering', peering: element };
        case 'gateway-endpoint':
            return { kind: 'gateway-endpoint', endpoint: element };
        case 'nat-gateway': {
            const eni = compiled.enisByOwner.get(element.id)?.[0];
            return eni
                ? { kind: 'nat-gateway', nat: eni }
                : {
                      kind: 'blackhole',
                      text: element.name,
                      why: `NAT gateway ${element.name} has no network interface (it needs a subnet): the packet is dropped, as at a blackhole route`
                  };
        }
        case 'instance': {
            const eni = compiled.enisByOwner.get(element.id)?.[0];
            return eni
                ? { kind: 'instance', eni }
                : {
                      kind: 'blackhole',
                      text: element.name,
                      why: `instance ${element.name} has no network interface (it needs a subnet): the packet is dropped, as at a blackhole route`
                  };
        }
        case 'transit-gateway': {
            const tgw = compiled.tgws.get(element.id);
            return tgw
                ? { kind: 'transit-gateway', tgw }
                : { kind: 'blackhole', text: element.name, why: `transit gateway ${element.name} does not exist` };
        }
        default:
            return assertNever(element, 'route target');
    }
}

/** Every ENI: instances, NAT gateways and one per interface-endpoint subnet, with their addresses. */
function compileEnis(compiled: Compiled): void {
    const { topology } = compiled;
    const taken = new Set<Addr>();
    const add = (eni: CEni) => {
        compiled.enis.push(eni);
        const list = compiled.enisByOwner.get(eni.owner);
        if (list) list.push(eni);
        else compiled.enisByOwner.set(eni.owner, [eni]);
        const vpc = eni.subnet.vpc;
        if (eni.ipv4 !== undefined && !vpc.enis.has(eni.ipv4)) vpc.enis.set(eni.ipv4, eni);
        if (eni.ipv6 !== undefined && !vpc.enis.has(eni.ipv6)) vpc.enis.set(eni.ipv6, eni);
        if (eni.publicIp !== undefined && !compiled.publicIps.has(eni.publicIp)) compiled.publicIps.set(eni.publicIp, eni);
        for (const group of eni.groups) group.members.push(eni);
    };
    const groupsOf = (ids: readonly string[]) => ids.map(id => compiled.groups.get(id)).filter((g): g is CGroup => g !== undefined);
    // Addresses written in the source come first; generated ones must avoid them.
    for (const instance of topology.instances)
        for (const a of [instance.ip?.value, instance.ipv6?.value]) {
            const v = addrOf(a);
            if (v !== undefined) taken.add(v);
        }
    for (const nat of topology.natGateways) {
        const v = addrOf(nat.ip?.value);
        if (v !== undefined) taken.add(v);
    }
    const free = (subnet: CSubnet, family: 4 | 6): Addr | undefined => {
        const span = subnet.spans.find(s => s.v6 === (family === 6));
        if (!span) return undefined;
        // From the top of the subnet down, below the last (reserved) address.
        for (let k = 2; k < 4096; k++) {
            const candidate = addrAt(span, -k);
            if (
                !inSpan(candidate, span) ||
                (span.v6 ? (candidate as bigint) < (span.first as bigint) + 4n : (candidate as number) < (span.first as number) + 4)
            )
                return undefined;
            if (!taken.has(candidate)) {
                taken.add(candidate);
                return candidate;
            }
        }
        return undefined;
    };
    for (const instance of topology.instances) {
        const subnet = compiled.subnets.get(instance.subnet ?? '');
        if (!subnet || subnet.vpc.model.id !== instance.vpc) continue;
        const ipv4 = addrOf(instance.ip?.value) ?? free(subnet, 4);
        add({
            eniId: eniIdFor(instance.id),
            kind: 'instance',
            owner: instance.id,
            name: instance.name,
            subnet,
            ipv4: typeof ipv4 === 'number' ? ipv4 : undefined,
            ipv6: (() => {
                const v = addrOf(instance.ipv6?.value);
                return typeof v === 'bigint' ? v : undefined;
            })(),
            publicIp: (() => {
                const v = addrOf(instance.publicIp?.value);
                return typeof v === 'number' ? v : undefined;
            })(),
            groups: groupsOf(instance.securityGroups)
        });
    }
    let eip = 0;
    for (const nat of topology.natGateways as NatGateway[]) {
        const subnet = compiled.subnets.get(nat.subnet ?? '');
        if (!subnet || subnet.vpc.model.id !== nat.vpc) continue;
        const ipv4 = addrOf(nat.ip?.value) ?? free(subnet, 4);
        const publicIp = addrOf(nat.publicIp?.value) ?? (addrOf(`203.0.113.${(eip++ % 250) + 1}`) as number);
        add({
            eniId: eniIdFor(nat.id),
            kind: 'nat-gateway',
            owner: nat.id,
            name: nat.name,
            subnet,
            ipv4: typeof ipv4 === 'number' ? ipv4 : undefined,
            publicIp: typeof publicIp === 'number' ? publicIp : undefined,
            groups: []
        });
    }
    for (const endpoint of topology.interfaceEndpoints) {
        const vpc = compiled.vpcs.get(endpoint.vpc);
        if (!vpc) continue;
        const groups = groupsOf(endpoint.securityGroups);
        const c: CInterfaceEndpoint = { model: endpoint, vpc, enis: [], groups };
        vpc.interfaceEndpoints.push(c);
        for (const { value } of endpoint.subnets) {
            const subnet = compiled.subnets.get(value);
            if (!subnet || subnet.vpc !== vpc) continue;
            const ipv4 = free(subnet, 4);
            const eni: CEni = {
                eniId: eniIdFor(eniPlaceId(endpoint.id, value)),
                kind: 'interface-endpoint',
                owner: endpoint.id,
                name: endpoint.name,
                subnet,
                ipv4: typeof ipv4 === 'number' ? ipv4 : undefined,
                groups,
                endpoint: c
            };
            c.enis.push(eni);
            add(eni);
        }
    }
    compileHubEnis(compiled, add, free, groupsOf);
}

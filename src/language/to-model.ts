/**
 * The one bridge from the AST to the model. AWS's defaults are filled here, once: the main route
 * table, the default network ACL and security group, DNS flags, the default account and region.
 */
import { AstUtils, type AstNode, type CstNode, type LangiumDocument, type Reference } from 'langium';
import {
    defaultEgressRules,
    defaultNetworkAcl,
    defaultNetworkAclId,
    defaultSecurityGroup,
    defaultSecurityGroupId,
    implicitMainRouteTable,
    mainRouteTableId
} from '../model/defaults.js';
import {
    Defaults,
    emptyTopology,
    type Located,
    type PortRange,
    type ProbeDestination as ModelProbeDestination,
    type Range,
    type RouteDestination,
    type RulePeer as ModelRulePeer,
    type SecurityGroupRule,
    type SourceLocation,
    type TargetKind,
    type Topology,
    type Vpc as ModelVpc
} from '../model/topology.js';
import { parseServiceName } from '../simulator/services.js';
import * as ast from './generated/ast.js';
import { AST_KINDS, modelKindOfType } from './kinds.js';
import { duplicateId, makeId, parseId, partId } from '../model/ids.js';
import { assertNever } from '../model/assert-never.js';
import * as hubs from './to-model-hubs.js';

/** A read-only lookup: what the model's two indexes offer (a Map is one). */
export interface Lookup<K, V> {
    get(key: K): V | undefined;
}

export interface ModelBuild {
    topology: Topology;
    /** The AST node behind each model element, for placing findings and for editor features. */
    nodes: Lookup<string, AstNode>;
    /** The model id of each named AST node (the reverse of `nodes`). */
    ids: Lookup<AstNode, string>;
}

/** Converts every document of a workspace (in workspace order) into one topology. */
export function toModel(documents: readonly LangiumDocument[]): ModelBuild {
    return new ModelBuilder(documents).build();
}

/**
 * One document's part of the model, converted on its own: what the editor keeps per document so
 * that an edit converts only the document that changed. Ids come from names, so a reference into
 * another document gets the id that document's own conversion gives its target, provided no id
 * needs a `#n` suffix (a duplicate name); `renumbered` says when one did, and the caller then
 * converts the workspace as a whole.
 */
export interface Fragment {
    document: LangiumDocument;
    /** The parse the fragment was converted from: a document parsed again needs a new fragment. */
    parsed: LangiumDocument['parseResult'];
    topology: Topology;
    nodes: Map<string, AstNode>;
    ids: Map<AstNode, string>;
    renumbered: boolean;
    /** What the conversion read through the document's references (see `linkSignature`). */
    signature: string;
}

export function toFragment(document: LangiumDocument): Fragment {
    const { topology, nodes, ids } = new ModelBuilder([document], true).build(false);
    return {
        document,
        parsed: document.parseResult,
        topology,
        nodes,
        ids,
        renumbered: [...nodes.keys()].some(id => parseId(id)?.duplicate !== undefined),
        signature: linkSignature(document)
    };
}

/**
 * All a document's conversion reads from other documents: each reference's target, by the id it
 * gets, its kind, and an account's number. A document linked again with the same signature (and
 * not parsed again) converts to the same fragment.
 */
export function linkSignature(document: LangiumDocument): string {
    return document.references.map(reference => targetSignature('ref' in reference ? reference.ref : undefined)).join('\n');
}

/** What the conversion reads from one reference's target (see `linkSignature`). */
export function targetSignature(target: AstNode | undefined): string {
    if (!target) return '';
    const account = ast.isAccount(target) ? `|${target.accountId ?? ''}|${target.accountNumber ?? ''}` : '';
    return `${baseIdOf(target) ?? ''}|${target.$type}${account}`;
}

type ElementLists = {
    [K in keyof Topology]: Topology[K] extends Array<infer T> ? (K extends 'documents' ? never : T[]) : never;
}[keyof Topology];

/** The topology of fragments that share no id, in document order: the same as `toModel` of their documents. */
export function mergeFragments(fragments: readonly Fragment[]): Topology {
    const topology = emptyTopology();
    topology.documents = fragments.map(f => f.document.uri.toString());
    const keys = (Object.keys(topology) as Array<keyof Topology>).filter(k => k !== 'documents');
    for (const key of keys) {
        const lists = fragments.map(f => f.topology[key] as ElementLists);
        (topology[key] as ElementLists) = ([] as ElementLists).concat(...lists) as ElementLists;
    }
    addImplicitAccount(topology);
    return topology;
}

/** The account VPCs belong to when they name none, when one does and the source does not declare it. */
function addImplicitAccount(topology: Topology): void {
    if (topology.vpcs.some(v => v.account === Defaults.accountNumber) && !topology.accounts.some(a => a.name === Defaults.account)) {
        topology.accounts.push({
            kind: 'account',
            id: makeId('account', Defaults.account),
            name: Defaults.account,
            number: Defaults.accountNumber,
            implicit: true
        });
    }
}

/** The id a node gets from its kind and names (before any `#n` suffix for a duplicate). */
function baseIdOf(node: AstNode): string | undefined {
    const kind = modelKindOfType(node.$type);
    if (!kind) return undefined;
    const container = node.$container;
    if (container && ast.isVpc(container)) return makeId(kind, (node as { name?: string }).name ?? 'unnamed', statementName(container));
    return makeId(kind, statementName(node));
}

function statementName(node: AstNode): string {
    return (node as { name?: string }).name ?? `line${(node.$cstNode?.range.start.line ?? 0) + 1}`;
}

class ModelBuilder implements hubs.Converter {
    private readonly topology = emptyTopology();
    private readonly ids = new Map<AstNode, string>();
    private readonly nodes = new Map<string, AstNode>();
    private uri = '';

    /** `alone`: one document converted on its own, references into others resolved to their base ids. */
    constructor(
        private readonly documents: readonly LangiumDocument[],
        private readonly alone = false
    ) {}

    build(implicitAccount = true): { topology: Topology; nodes: Map<string, AstNode>; ids: Map<AstNode, string> } {
        this.topology.documents = this.documents.map(d => d.uri.toString());
        for (const document of this.documents) this.assignIds(document.parseResult.value as ast.Workspace);
        for (const document of this.documents) {
            this.uri = document.uri.toString();
            this.convert(document.parseResult.value as ast.Workspace);
        }
        if (implicitAccount) addImplicitAccount(this.topology);
        return { topology: this.topology, nodes: this.nodes, ids: this.ids };
    }

    // ---- ids -------------------------------------------------------------------------------

    private assignIds(root: ast.Workspace): void {
        for (const statement of root.statements ?? []) {
            const id = baseIdOf(statement);
            if (!id) continue;
            this.assign(statement, id);
            if (ast.isVpc(statement)) {
                for (const member of statement.members ?? []) {
                    const memberId = 'name' in member ? baseIdOf(member) : undefined;
                    if (memberId) this.assign(member, memberId);
                }
            }
        }
    }

    private assign(node: AstNode, base: string): void {
        let id = base;
        for (let n = 2; this.nodes.has(id); n++) id = duplicateId(base, n);
        this.ids.set(node, id);
        this.nodes.set(id, node);
    }

    idOf(ref: Reference | undefined): string | undefined {
        const target = ref?.ref;
        return target ? this.idOfNode(target) : undefined;
    }

    private idOfNode(node: AstNode): string | undefined {
        return this.ids.get(node) ?? (this.alone && AstUtils.findRootNode(node) !== this.root ? baseIdOf(node) : undefined);
    }

    private get root(): AstNode | undefined {
        return this.documents[0]?.parseResult.value;
    }

    // ---- locations -------------------------------------------------------------------------

    range(node: AstNode | undefined, property?: string): SourceLocation | undefined {
        if (!node?.$cstNode) return undefined;
        const cst = property ? (propertyNode(node.$cstNode, property) ?? node.$cstNode) : node.$cstNode;
        return { uri: this.uri, range: copyRange(cst.range) };
    }

    refLoc(ref: Reference | undefined): SourceLocation | undefined {
        const cst = ref?.$refNode;
        return cst ? { uri: this.uri, range: copyRange(cst.range) } : undefined;
    }

    private located<T>(value: T, node: AstNode, property = 'value'): Located<T> {
        return { value, loc: this.range(node, property) };
    }

    /** The located values of the props that have one (a half-typed prop has none). */
    private values(props: Array<AstNode & { value?: string }>): Located[] {
        return props.filter(p => typeof p.value === 'string').map(p => this.located(p.value!, p));
    }

    private optional(prop: (AstNode & { value?: string }) | undefined): Located | undefined {
        return prop && typeof prop.value === 'string' ? this.located(prop.value, prop) : undefined;
    }

    // ---- conversion ------------------------------------------------------------------------

    private convert(root: ast.Workspace): void {
        for (const statement of root.statements ?? []) {
            const id = this.ids.get(statement);
            if (!id) continue;
            switch (statement.$type) {
                case 'Account':
                    this.account(statement, id);
                    break;
                case 'Vpc':
                    this.vpc(statement, id);
                    break;
                case 'Peering':
                    this.peering(statement, id);
                    break;
                case 'TransitGateway':
                    this.topology.transitGateways.push(hubs.transitGateway(this, statement, id));
                    break;
                case 'TransitGatewayPeering':
                    this.topology.transitGatewayPeerings.push(hubs.transitGatewayPeering(this, statement, id));
                    break;
                case 'Bucket':
                    this.bucket(statement, id);
                    break;
                case 'Probe':
                    this.probe(statement, id);
                    break;
                default:
                    assertNever(statement, 'statement');
            }
        }
    }

    private account(node: ast.Account, id: string): void {
        const number = this.accountNumber(node);
        this.topology.accounts.push({ kind: 'account', id, name: node.name, number, loc: this.range(node, 'name') });
    }

    private vpc(node: ast.Vpc, id: string): void {
        const accountProp = node.options.find(ast.isAccountProp);
        const accountNode = accountProp?.account?.ref;
        const account = accountNode ? this.accountNumber(accountNode) : Defaults.accountNumber;
        const region = node.options.find(ast.isRegionProp)?.region ?? Defaults.region;
        const members = node.members ?? [];
        const dns = (setting: string, fallback: boolean) => {
            const found = members
                .filter(ast.isDnsSetting)
                .filter(m => m.setting === setting)
                .pop();
            return found ? found.value === 'on' : fallback;
        };
        const vpcName = node.name ?? 'unnamed';
        const explicitMain = members.find((m): m is ast.RouteTable => ast.isRouteTable(m) && m.main);
        const mainRouteTable = explicitMain ? this.ids.get(explicitMain)! : mainRouteTableId(vpcName);
        const vpc: ModelVpc = {
            kind: 'vpc',
            id,
            name: vpcName,
            loc: this.range(node, 'name'),
            account,
            region,
            cidrs: this.values(members.filter(ast.isCidrProp)),
            ipv6: this.values(members.filter(ast.isIpv6Prop)),
            dnsSupport: dns('dns-support', Defaults.dnsSupport),
            dnsHostnames: dns('dns-hostnames', Defaults.dnsHostnames),
            mainRouteTable,
            defaultNetworkAcl: defaultNetworkAclId(vpcName),
            defaultSecurityGroup: defaultSecurityGroupId(vpcName)
        };
        this.topology.vpcs.push(vpc);
        this.addDefaults(vpc, explicitMain === undefined);
        for (const member of members) this.member(member, vpc);
    }

    accountNumberOf(node: ast.Account): string {
        return this.accountNumber(node);
    }

    private accountNumber(node: ast.Account): string {
        if (node.accountId !== undefined) return node.accountId;
        if (node.accountNumber !== undefined) return String(node.accountNumber).padStart(12, '0');
        return Defaults.accountNumber;
    }

    /** What AWS creates with every VPC: a main route table, a default NACL and a default security group. */
    private addDefaults(vpc: ModelVpc, needsMainTable: boolean): void {
        if (needsMainTable) this.topology.routeTables.push(implicitMainRouteTable(vpc));
        this.topology.networkAcls.push(defaultNetworkAcl(vpc));
        this.topology.securityGroups.push(defaultSecurityGroup(vpc));
    }

    private member(node: ast.VpcMember, vpc: ModelVpc): void {
        const id = this.ids.get(node);
        if (!id) return;
        const base = { id, vpc: vpc.id };
        switch (node.$type) {
            case 'Subnet': {
                const routeTable = node.props.find(ast.isRouteTableProp);
                const acl = node.props.find(ast.isNetworkAclProp);
                const cidr = node.props.find(ast.isCidrProp);
                const ipv6 = node.props.find(ast.isIpv6Prop);
                this.topology.subnets.push({
                    ...base,
                    kind: 'subnet',
                    name: node.name,
                    loc: this.range(node, 'name'),
                    az: node.az ?? `${vpc.region}a`,
                    cidr: this.optional(cidr),
                    ipv6: this.optional(ipv6),
                    routeTable: routeTable ? this.idOf(routeTable.table) : vpc.mainRouteTable,
                    routeTableExplicit: routeTable !== undefined,
                    networkAcl: acl ? this.idOf(acl.acl) : vpc.defaultNetworkAcl
                });
                break;
            }
            case 'RouteTable':
                this.topology.routeTables.push({
                    ...base,
                    kind: 'route-table',
                    name: node.name,
                    loc: this.range(node, 'name'),
                    main: node.main,
                    routes: node.routes
                        .filter(route => route.destination)
                        .map((route, i) => ({
                            id: partId(id, i),
                            destination: this.routeDestination(route.destination, vpc),
                            target: this.target(route.target),
                            targetLoc: this.refLoc(route.target),
                            loc: this.range(route)
                        }))
                });
                break;
            case 'InternetGateway':
            case 'EgressOnlyInternetGateway':
                this.topology.gateways.push({ ...base, kind: AST_KINDS[node.$type].kind, name: node.name, loc: this.range(node, 'name') });
                break;
            case 'NatGateway': {
                const ip = node.props.find(ast.isIpProp);
                const publicIp = node.props.find(ast.isPublicIpProp);
                this.topology.natGateways.push({
                    ...base,
                    kind: 'nat-gateway',
                    name: node.name,
                    loc: this.range(node, 'name'),
                    subnet: this.idOf(node.subnet),
                    ip: this.optional(ip),
                    publicIp: this.optional(publicIp)
                });
                break;
            }
            case 'SecurityGroup': {
                const rules: SecurityGroupRule[] = node.rules
                    .filter((rule): rule is ast.SgRule & { protocol: NonNullable<ast.SgRule['protocol']> } => !!rule.protocol)
                    .flatMap((rule, i) =>
                        rule.peers.map((peer, j) => ({
                            id: partId(id, `${i}.${j}`),
                            direction: rule.direction,
                            protocol: rule.protocol,
                            ports: ports(rule.ports),
                            peer: this.rulePeer(peer, vpc),
                            peerLoc: this.range(peer),
                            loc: this.range(rule)
                        }))
                    );
                // `egress none` says what writing no egress rule cannot: no outbound rule at all.
                if (!node.rules.some(rule => rule.direction === 'egress')) rules.push(...defaultEgressRules(id, vpc));
                this.topology.securityGroups.push({
                    ...base,
                    kind: 'security-group',
                    name: node.name,
                    loc: this.range(node, 'name'),
                    rules
                });
                break;
            }
            case 'NetworkAcl':
                this.topology.networkAcls.push({
                    ...base,
                    kind: 'network-acl',
                    name: node.name,
                    loc: this.range(node, 'name'),
                    rules: node.rules
                        .filter(rule => rule.protocol && rule.peer && typeof rule.number === 'number')
                        .map((rule, i) => ({
                            id: partId(id, i),
                            direction: rule.direction,
                            number: rule.number,
                            action: rule.action,
                            protocol: rule.protocol,
                            ports: ports(rule.ports),
                            peer: this.rulePeer(rule.peer, vpc),
                            numberLoc: this.range(rule, 'number'),
                            peerLoc: this.range(rule.peer),
                            loc: this.range(rule)
                        }))
                });
                break;
            case 'Instance': {
                const ip = node.props.find(ast.isIpProp);
                const ipv6 = node.props.find(ast.isIpv6Prop);
                const publicIp = node.props.find(ast.isPublicIpProp);
                const groups = this.groups(node.props.filter(ast.isSecurityGroupsProp));
                this.topology.instances.push({
                    ...base,
                    kind: 'instance',
                    name: node.name,
                    loc: this.range(node, 'name'),
                    subnet: this.idOf(node.subnet),
                    ip: this.optional(ip),
                    ipv6: this.optional(ipv6),
                    publicIp: this.optional(publicIp),
                    securityGroups: groups.length > 0 ? groups : [vpc.defaultSecurityGroup]
                });
                break;
            }
            case 'GatewayEndpoint': {
                const service = parseServiceName(node.service ?? '');
                const policy = node.props.find(ast.isPolicy);
                this.topology.gatewayEndpoints.push({
                    ...base,
                    kind: 'gateway-endpoint',
                    name: node.name,
                    loc: this.range(node, 'name'),
                    service: service.service,
                    region: node.region ?? service.region ?? vpc.region,
                    serviceLoc: this.range(node, 'service'),
                    routeTables: node.props
                        .filter(ast.isRouteTablesProp)
                        .flatMap(p => p.tables.map(t => ({ value: this.idOf(t) ?? '', loc: this.refLoc(t) })))
                        .filter(t => t.value !== ''),
                    policy: policy && this.policy(policy)
                });
                break;
            }
            case 'InterfaceEndpoint': {
                const service = parseServiceName(node.service ?? '');
                const groups = this.groups(node.props.filter(ast.isSecurityGroupsProp));
                const privateDns = node.props.filter(ast.isPrivateDnsProp).shift();
                const policy = node.props.find(ast.isPolicy);
                this.topology.interfaceEndpoints.push({
                    ...base,
                    kind: 'interface-endpoint',
                    name: node.name,
                    loc: this.range(node, 'name'),
                    service: service.service,
                    region: service.region ?? vpc.region,
                    serviceLoc: this.range(node, 'service'),
                    subnets: node.props
                        .filter(ast.isSubnetsProp)
                        .flatMap(p => p.subnets.map(s => ({ value: this.idOf(s) ?? '', loc: this.refLoc(s) })))
                        .filter(s => s.value !== ''),
                    securityGroups: groups.length > 0 ? groups : [vpc.defaultSecurityGroup],
                    securityGroupsExplicit: groups.length > 0 || node.props.some(ast.isSecurityGroupsProp),
                    privateDns: privateDns ? privateDns.value === 'on' : Defaults.privateDns,
                    privateDnsLoc: privateDns && this.range(privateDns, 'value'),
                    policy: policy && this.policy(policy)
                });
                break;
            }
            case 'FlowLog': {
                const capture = node.props.find(ast.isCaptureProp);
                const traffic = node.props.find(ast.isTrafficProp);
                const destination = node.props.find(ast.isDestinationProp);
                const aggregation = node.props.find(ast.isAggregationProp);
                const format = node.props.find(ast.isFormatProp);
                this.topology.flowLogs.push({
                    ...base,
                    kind: 'flow-log',
                    name: node.name,
                    loc: this.range(node, 'name'),
                    capture:
                        !capture || capture.level === 'vpc'
                            ? { level: 'vpc', target: vpc.id }
                            : {
                                  level: capture.level,
                                  target: this.idOf(capture.subnet ?? capture.eni),
                                  loc: this.refLoc(capture.subnet ?? capture.eni)
                              },
                    traffic: traffic?.value ?? Defaults.traffic,
                    destination:
                        destination?.kind && typeof destination.target === 'string'
                            ? { kind: destination.kind, target: destination.target, loc: this.range(destination, 'target') }
                            : undefined,
                    aggregationSeconds: aggregation?.value === '1m' ? 60 : Defaults.aggregationSeconds,
                    format: this.optional(format)
                });
                break;
            }
            case 'TransitGatewayAttachment':
                this.topology.transitGatewayAttachments.push(hubs.transitGatewayAttachment(this, node, id, vpc));
                break;
            case 'LoadBalancer':
                this.topology.loadBalancers.push(hubs.loadBalancer(this, node, id, vpc));
                break;
            case 'EndpointService':
                this.topology.endpointServices.push(hubs.endpointService(this, node, id, vpc));
                break;
            case 'PrefixList':
                this.topology.prefixLists.push(hubs.prefixList(this, node, id, vpc));
                break;
            // The VPC's own settings, read where the VPC is converted.
            case 'CidrProp':
            case 'Ipv6Prop':
            case 'DnsSetting':
                break;
            default:
                assertNever(node, 'VPC member');
        }
    }

    groups(props: ast.SecurityGroupsProp[]): string[] {
        return props.flatMap(p => p.groups.map(g => this.idOf(g))).filter((g): g is string => g !== undefined);
    }

    private routeDestination(node: ast.RouteDestination, vpc: ModelVpc): RouteDestination {
        if (node.prefixList) return { kind: 'prefix-list', ...this.prefixList(node.prefixList, vpc), loc: this.range(node) };
        return { kind: 'cidr', cidr: node.cidr ?? '', loc: this.range(node) };
    }

    /** An AWS-managed list by service name, or the VPC's own customer-managed list of that name. */
    private prefixList(node: ast.PrefixListRef, vpc: ModelVpc): { service: string; region: string; list?: string } {
        const parsed = parseServiceName(node.service ?? '');
        const owner = AstUtils.getContainerOfType(node, ast.isVpc);
        const own =
            node.region === undefined && owner?.members.find((m): m is ast.PrefixList => ast.isPrefixList(m) && m.name === node.service);
        const list = own ? this.ids.get(own) : undefined;
        return { service: parsed.service, region: node.region ?? parsed.region ?? vpc.region, ...(list ? { list } : {}) };
    }

    private rulePeer(node: ast.RulePeer, vpc: ModelVpc): ModelRulePeer {
        if (node.prefixList) return { kind: 'prefix-list', ...this.prefixList(node.prefixList, vpc) };
        if (node.group) return { kind: 'sg', group: this.idOf(node.group) };
        return { kind: 'cidr', cidr: node.cidr ?? '' };
    }

    private target(ref: Reference<ast.RouteTarget> | undefined): { kind: TargetKind; id: string } | undefined {
        const node = ref?.ref;
        const id = node && this.idOfNode(node);
        return node && id ? { kind: AST_KINDS[node.$type].kind, id } : undefined;
    }

    private policy(node: ast.Policy) {
        return {
            loc: this.range(node),
            statements: node.statements.map(s => ({
                effect: s.effect,
                actions: s.actions,
                resources: s.resources.length > 0 ? s.resources : ['*']
            }))
        };
    }

    private peering(node: ast.Peering, id: string): void {
        this.topology.peerings.push({
            kind: 'peering',
            id,
            name: node.name,
            loc: this.range(node, 'name'),
            requester: this.idOf(node.requester),
            accepter: this.idOf(node.accepter),
            requesterLoc: this.refLoc(node.requester),
            accepterLoc: this.refLoc(node.accepter),
            dnsResolution: node.props.filter(ast.isDnsResolutionProp).pop()?.value === 'on'
        });
    }

    private bucket(node: ast.Bucket, id: string): void {
        this.topology.buckets.push({
            kind: 'bucket',
            id,
            name: node.name,
            loc: this.range(node, 'name'),
            region: node.region ?? Defaults.region,
            privateTo: node.props.flatMap(p => p.endpoints.map(e => this.idOf(e))).filter((e): e is string => e !== undefined)
        });
    }

    private probe(node: ast.Probe, id: string): void {
        if (!node.source || !node.destination || !node.protocol) return;
        const source = node.source.internet
            ? { kind: 'internet' as const }
            : { kind: 'instance' as const, instance: this.idOf(node.source.instance) };
        const text = probeText(node);
        this.topology.probes.push({
            kind: 'probe',
            id,
            name: node.name ?? text,
            text,
            loc: this.range(node, node.name ? 'name' : undefined),
            source,
            destination: this.probeDestination(node.destination),
            protocol: node.protocol,
            port: node.ports?.from,
            request:
                node.action !== undefined && node.resource !== undefined ? { action: node.action, resource: node.resource } : undefined,
            expect: node.expect,
            expectReason: node.expectReason,
            destinationLoc: this.range(node.destination),
            protocolLoc: this.range(node, 'protocol'),
            expectLoc: node.expect ? this.range(node, 'expect') : undefined
        });
    }

    private probeDestination(node: ast.ProbeDestination): ModelProbeDestination {
        switch (node.kind) {
            case 'internet':
                return { kind: 'internet', address: node.address };
            case 'service': {
                const parsed = parseServiceName(node.service ?? '');
                return { kind: 'service', service: parsed.service, region: node.region ?? parsed.region };
            }
            case 'endpoint':
                return { kind: 'endpoint', endpoint: this.idOf(node.endpoint), az: node.az };
            case 'public-dns':
                return { kind: 'public-dns', instance: this.idOf(node.instance) };
            case 'load-balancer':
                return { kind: 'load-balancer', loadBalancer: this.idOf(node.loadBalancer) };
            case undefined:
                return node.address !== undefined
                    ? { kind: 'address', address: node.address }
                    : { kind: 'instance', instance: this.idOf(node.instance) };
            default:
                return assertNever(node.kind, 'probe destination');
        }
    }
}

function ports(node: ast.PortRange | undefined): PortRange | undefined {
    return node ? { from: node.from, to: node.to ?? node.from } : undefined;
}

/** The feature an element of the grammar assigns, if it is (or is inside) an assignment. Cached per element. */
const featureCache = new WeakMap<object, string | null>();
function assignedFeature(element: AstNode | undefined): string | undefined {
    if (!element) return undefined;
    let feature = featureCache.get(element);
    if (feature === undefined) {
        const assignment = AstUtils.getContainerOfType(
            element,
            (n: AstNode): n is AstNode & { feature: string } => n.$type === 'Assignment'
        );
        feature = assignment?.feature ?? null;
        featureCache.set(element, feature);
    }
    return feature ?? undefined;
}

/**
 * The first CST node below `cst` that holds `property` of the same AST node (as Langium's
 * findNodeForProperty, but stopping at the first match instead of collecting every one).
 */
function propertyNode(cst: CstNode, property: string, astNode = cst.astNode): CstNode | undefined {
    if (!('content' in cst)) return undefined;
    for (const child of (cst as CstNode & { content: CstNode[] }).content) {
        if (assignedFeature(child.grammarSource) === property) return child;
        if (child.astNode === astNode) {
            const found = propertyNode(child, property, astNode);
            if (found) return found;
        }
    }
    return undefined;
}

function copyRange(range: Range): Range {
    return { start: { ...range.start }, end: { ...range.end } };
}

/** `web-1 -> db-1 tcp 5432`, from the source text between `probe` and `request`/`expect`. */
function probeText(node: ast.Probe): string {
    const source = node.source.$cstNode?.text ?? '?';
    const destination = node.destination.$cstNode?.text ?? '?';
    const port = node.ports ? ` ${node.ports.$cstNode?.text ?? node.ports.from}` : '';
    return `${source} -> ${destination} ${node.protocol}${port}`.replace(/\s+/g, ' ');
}

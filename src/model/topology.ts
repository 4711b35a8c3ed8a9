/**
 * The topology as plain, JSON-serialisable data. Elements point at each other by id, never by
 * object reference, so a model can be cached, sent to the preview or built by hand in tests.
 * A reference that did not resolve is `undefined`; the language layer has already reported it.
 */
import { ELEMENT_LISTS, type RouteTargetKind } from './kinds.js';

/** Zero-based, as in LSP. */
export interface Position {
    line: number;
    character: number;
}
export interface Range {
    start: Position;
    end: Position;
}
export interface SourceLocation {
    uri: string;
    range: Range;
}

export type Protocol = 'tcp' | 'udp' | 'icmp' | 'all';
export interface PortRange {
    from: number;
    to: number;
}

interface Element {
    /** Stable and unique in a topology: `kind:vpc.name`, e.g. `subnet:app.web`. */
    id: string;
    name: string;
    /** The element's name token (or the whole element when it has no name). */
    loc?: SourceLocation;
}

/** A piece of text from the source with the place it came from. */
export interface Located<T = string> {
    value: T;
    loc?: SourceLocation;
}

export interface Account extends Element {
    kind: 'account';
    /** The 12-digit AWS account id. */
    number: string;
    implicit?: boolean;
}

export interface Vpc extends Element {
    kind: 'vpc';
    account: string;
    region: string;
    /** The primary block first, then secondary blocks, as written. */
    cidrs: Located[];
    ipv6: Located[];
    dnsSupport: boolean;
    dnsHostnames: boolean;
    mainRouteTable: string;
    defaultNetworkAcl: string;
    defaultSecurityGroup: string;
}

export interface Subnet extends Element {
    kind: 'subnet';
    vpc: string;
    az: string;
    cidr?: Located;
    ipv6?: Located;
    routeTable?: string;
    /** false when the subnet uses the main route table by default. */
    routeTableExplicit: boolean;
    networkAcl?: string;
}

/**
 * `list`: the customer-managed prefix list of the VPC that the name resolved to; without it the
 * name is an AWS-managed service list.
 */
export type RouteDestination =
    | { kind: 'cidr'; cidr: string; loc?: SourceLocation }
    | { kind: 'prefix-list'; service: string; region: string; list?: string; loc?: SourceLocation };

/** What a route may send traffic to (the kinds registry's route targets). */
export type TargetKind = RouteTargetKind;

export interface Route {
    id: string;
    destination: RouteDestination;
    target?: { kind: TargetKind; id: string };
    targetLoc?: SourceLocation;
    loc?: SourceLocation;
}

export interface RouteTable extends Element {
    kind: 'route-table';
    vpc: string;
    main: boolean;
    /** Created by AWS, not written in the source. */
    implicit?: boolean;
    routes: Route[];
}

export interface Gateway extends Element {
    kind: 'internet-gateway' | 'egress-only-internet-gateway';
    vpc: string;
}

export interface NatGateway extends Element {
    kind: 'nat-gateway';
    vpc: string;
    subnet?: string;
    ip?: Located;
    publicIp?: Located;
}

export type RulePeer =
    | { kind: 'cidr'; cidr: string }
    | { kind: 'sg'; group?: string }
    | { kind: 'prefix-list'; service: string; region: string; list?: string };

export interface SecurityGroupRule {
    id: string;
    /** AWS's default outbound rule of a group that names no egress rule of its own. */
    implicit?: boolean;
    direction: 'ingress' | 'egress';
    protocol: Protocol;
    ports?: PortRange;
    peer: RulePeer;
    peerLoc?: SourceLocation;
    loc?: SourceLocation;
}

export interface SecurityGroup extends Element {
    kind: 'security-group';
    vpc: string;
    implicit?: boolean;
    rules: SecurityGroupRule[];
}

export interface NetworkAclRule {
    id: string;
    direction: 'inbound' | 'outbound';
    number: number;
    action: 'allow' | 'deny';
    protocol: Protocol;
    ports?: PortRange;
    peer: RulePeer;
    numberLoc?: SourceLocation;
    peerLoc?: SourceLocation;
    loc?: SourceLocation;
}

export interface NetworkAcl extends Element {
    kind: 'network-acl';
    vpc: string;
    implicit?: boolean;
    rules: NetworkAclRule[];
}

export interface Instance extends Element {
    kind: 'instance';
    vpc: string;
    subnet?: string;
    ip?: Located;
    ipv6?: Located;
    publicIp?: Located;
    /** The groups named, or the VPC's default group when none is. */
    securityGroups: string[];
}

export interface PolicyStatement {
    effect: 'allow' | 'deny';
    actions: string[];
    resources: string[];
}

export interface Policy {
    statements: PolicyStatement[];
    loc?: SourceLocation;
}

export interface GatewayEndpoint extends Element {
    kind: 'gateway-endpoint';
    vpc: string;
    /** The service's short name (`s3`), from `s3` or `com.amazonaws.REGION.s3`. */
    service: string;
    region: string;
    serviceLoc?: SourceLocation;
    routeTables: Located[];
    policy?: Policy;
}

export interface InterfaceEndpoint extends Element {
    kind: 'interface-endpoint';
    vpc: string;
    service: string;
    region: string;
    serviceLoc?: SourceLocation;
    subnets: Located[];
    securityGroups: string[];
    securityGroupsExplicit: boolean;
    privateDns: boolean;
    privateDnsLoc?: SourceLocation;
    policy?: Policy;
}

export type FlowLogCapture = { level: 'vpc'; target: string } | { level: 'subnet' | 'eni'; target?: string; loc?: SourceLocation };

export interface FlowLog extends Element {
    kind: 'flow-log';
    vpc: string;
    capture: FlowLogCapture;
    traffic: 'all' | 'accept' | 'reject';
    /** `loc`: the quoted target, where a destination AWS would refuse is reported. */
    destination?: { kind: 's3' | 'cloudwatch'; target: string; loc?: SourceLocation };
    /** 60 or 600 seconds. */
    aggregationSeconds: number;
    format?: Located;
}

export interface Peering extends Element {
    kind: 'peering';
    requester?: string;
    accepter?: string;
    requesterLoc?: SourceLocation;
    accepterLoc?: SourceLocation;
    dnsResolution: boolean;
}

/** A transit gateway's route table: part of the gateway, with an id from `partId`. */
export interface TgwRouteTable {
    id: string;
    name: string;
    /** The `default` table AWS creates when default association or propagation is on, not written. */
    implicit?: boolean;
    /** Attachment ids, as written (see `model/transit.ts` for the effective ones). */
    associations: Located[];
    propagations: Located[];
    routes: TgwRoute[];
    loc?: SourceLocation;
}

export interface TgwRoute {
    id: string;
    destination: Located;
    /** An attachment or a TGW peering; none for a blackhole or a name that did not resolve. */
    target?: { kind: 'transit-gateway-attachment' | 'transit-gateway-peering'; id: string };
    targetLoc?: SourceLocation;
    blackhole: boolean;
    loc?: SourceLocation;
}

export interface TransitGateway extends Element {
    kind: 'transit-gateway';
    /** The owner's account number. */
    account: string;
    region: string;
    defaultAssociation: boolean;
    defaultPropagation: boolean;
    routeTables: TgwRouteTable[];
}

export interface TransitGatewayPeering extends Element {
    kind: 'transit-gateway-peering';
    requester?: string;
    accepter?: string;
    requesterLoc?: SourceLocation;
    accepterLoc?: SourceLocation;
}

export interface TransitGatewayAttachment extends Element {
    kind: 'transit-gateway-attachment';
    vpc: string;
    transitGateway?: string;
    transitGatewayLoc?: SourceLocation;
    /** One subnet per AZ: the TGW places an ENI in each. */
    subnets: Located[];
    applianceMode: boolean;
}

export type ListenerProtocol = 'http' | 'https' | 'tcp' | 'udp' | 'tls' | 'tcp_udp';

export type LoadBalancerTarget =
    { kind: 'instance'; instance?: string; loc?: SourceLocation } | { kind: 'ip'; address: string; loc?: SourceLocation };

export interface Listener {
    id: string;
    protocol: ListenerProtocol;
    port: number;
    targets: LoadBalancerTarget[];
    /** The targets' port: the listener's own when not written. */
    targetPort: number;
    loc?: SourceLocation;
}

export interface LoadBalancer extends Element {
    kind: 'load-balancer';
    vpc: string;
    type: 'application' | 'network';
    scheme: 'internal' | 'internet-facing';
    /** One ENI per subnet. */
    subnets: Located[];
    /** The groups named; an ALB without any uses the VPC's default group, an NLB may have none. */
    securityGroups: string[];
    listeners: Listener[];
}

export interface EndpointService extends Element {
    kind: 'endpoint-service';
    vpc: string;
    loadBalancer?: string;
    loadBalancerLoc?: SourceLocation;
    /** ARNs (an account id is written short for `arn:aws:iam::ID:root`), or `*`. */
    allowedPrincipals: Located[];
    acceptanceRequired: boolean;
    /** The interface endpoints accepted, when acceptance is required. */
    accepted: Located[];
}

export interface PrefixList extends Element {
    kind: 'prefix-list';
    vpc: string;
    /** What each reference counts against rule and route quotas: the entries' count when not written. */
    maxEntries: number;
    maxEntriesLoc?: SourceLocation;
    entries: Located[];
}

export interface Bucket extends Element {
    kind: 'bucket';
    region: string;
    privateTo: string[];
}

export type ProbeDestination =
    | { kind: 'instance'; instance?: string }
    | { kind: 'address'; address: string }
    /** Without an address: a representative public address of the probe's family (see `representativeInternetAddress`). */
    | { kind: 'internet'; address?: string }
    | { kind: 'service'; service: string; region?: string }
    | { kind: 'endpoint'; endpoint?: string; az?: string }
    | { kind: 'public-dns'; instance?: string }
    | { kind: 'load-balancer'; loadBalancer?: string };

export interface Probe extends Element {
    kind: 'probe';
    source: { kind: 'internet' } | { kind: 'instance'; instance?: string };
    destination: ProbeDestination;
    protocol: Protocol;
    port?: number;
    request?: { action: string; resource: string };
    expect?: 'accept' | 'reject';
    expectReason?: string;
    /** The probe as written, e.g. `web-1 -> db-1 tcp 5432`. */
    text: string;
    destinationLoc?: SourceLocation;
    protocolLoc?: SourceLocation;
    expectLoc?: SourceLocation;
}

export interface Topology {
    /** The source documents, in workspace order: "later" in diagnostics means later here. */
    documents: string[];
    accounts: Account[];
    vpcs: Vpc[];
    subnets: Subnet[];
    routeTables: RouteTable[];
    gateways: Gateway[];
    natGateways: NatGateway[];
    securityGroups: SecurityGroup[];
    networkAcls: NetworkAcl[];
    instances: Instance[];
    gatewayEndpoints: GatewayEndpoint[];
    interfaceEndpoints: InterfaceEndpoint[];
    flowLogs: FlowLog[];
    transitGatewayAttachments: TransitGatewayAttachment[];
    loadBalancers: LoadBalancer[];
    endpointServices: EndpointService[];
    prefixLists: PrefixList[];
    peerings: Peering[];
    transitGateways: TransitGateway[];
    transitGatewayPeerings: TransitGatewayPeering[];
    buckets: Bucket[];
    probes: Probe[];
}

export function emptyTopology(): Topology {
    return { documents: [], ...Object.fromEntries(ELEMENT_LISTS.map(list => [list, []])) } as unknown as Topology;
}

/** AWS's defaults where the source says nothing. */
export const Defaults = {
    account: 'default',
    accountNumber: '123456789012',
    region: 'us-east-1',
    dnsSupport: true,
    dnsHostnames: false,
    privateDns: true,
    aggregationSeconds: 600,
    traffic: 'all',
    defaultAssociation: true,
    defaultPropagation: true,
    loadBalancerType: 'application',
    loadBalancerScheme: 'internet-facing',
    acceptanceRequired: false
} as const;

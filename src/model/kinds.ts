/**
 * Every resource kind of the model, described once. The per-kind tables of the code (the
 * topology list a kind lives in, the lists one VPC holds, name namespaces, what a route or a
 * flow log may name, the `.vpc` keyword and block layout, the diagram's boxes) are read from
 * here, so a new kind is one entry here (and one in `language/kinds.ts` for its grammar rule).
 * Plain data only: the printer, the formatter, the checker and the page all read it.
 */
import type { Topology } from './topology.js';

/** The topology's element lists (everything but `documents`). */
export type ElementListKey = Exclude<keyof Topology, 'documents'>;
export type ModelElement = Topology[ElementListKey][number];
export type ModelKind = ModelElement['kind'];

/**
 * How a kind's statement is laid out in `.vpc` text:
 * - `line`: one line, no block (`internet-gateway igw`);
 * - `props`: a line with an optional short block of properties kept on it (`subnet web { cidr … }`);
 * - `list`: a block of entries (routes, rules, settings), one per line when it holds more than one;
 * - `members`: a block always one member per line (a VPC).
 */
export type BlockLayout = 'line' | 'props' | 'list' | 'members';

export interface KindInfo {
    /** The topology list that holds elements of the kind. */
    list: ElementListKey;
    /** Declared at the top level of a document, or inside a VPC. */
    scope: 'workspace' | 'vpc';
    /**
     * `shared`: the name is unique among all the `shared` kinds of its scope (accounts, VPCs and
     * peerings in the workspace; what routes and flow logs name inside a VPC), `own`: among the
     * kind's own elements of its scope.
     */
    namespace: 'shared' | 'own';
    /** A route may send traffic to it. */
    routeTarget: boolean;
    /** It places ENIs in subnets (an instance, a NAT gateway, an interface endpoint's per subnet). */
    eniOwner: boolean;
    /** A flow log may capture it (`capture vpc`, `capture subnet NAME`, `capture eni NAME`). */
    flowLogCapture: boolean;
    /** The word a statement of the kind starts with. */
    keyword: string;
    layout: BlockLayout;
    /** How the diagram draws it: a box of its own, an edge between boxes, or not at all. */
    diagram: 'box' | 'edge' | 'none';
    /** How messages name the kind ("route table"). */
    words: string;
}

/** In the order the printer writes statements and members. */
export const KINDS = {
    account: {
        list: 'accounts',
        scope: 'workspace',
        namespace: 'shared',
        routeTarget: false,
        eniOwner: false,
        flowLogCapture: false,
        keyword: 'account',
        layout: 'line',
        diagram: 'none',
        words: 'account'
    },
    vpc: {
        list: 'vpcs',
        scope: 'workspace',
        namespace: 'shared',
        routeTarget: false,
        eniOwner: false,
        flowLogCapture: true,
        keyword: 'vpc',
        layout: 'members',
        diagram: 'box',
        words: 'VPC'
    },
    subnet: {
        list: 'subnets',
        scope: 'vpc',
        namespace: 'own',
        routeTarget: false,
        eniOwner: false,
        flowLogCapture: true,
        keyword: 'subnet',
        layout: 'props',
        diagram: 'box',
        words: 'subnet'
    },
    'route-table': {
        list: 'routeTables',
        scope: 'vpc',
        namespace: 'own',
        routeTarget: false,
        eniOwner: false,
        flowLogCapture: false,
        keyword: 'route-table',
        layout: 'list',
        diagram: 'box',
        words: 'route table'
    },
    'internet-gateway': {
        list: 'gateways',
        scope: 'vpc',
        namespace: 'shared',
        routeTarget: true,
        eniOwner: false,
        flowLogCapture: false,
        keyword: 'internet-gateway',
        layout: 'line',
        diagram: 'box',
        words: 'internet gateway'
    },
    'egress-only-internet-gateway': {
        list: 'gateways',
        scope: 'vpc',
        namespace: 'shared',
        routeTarget: true,
        eniOwner: false,
        flowLogCapture: false,
        keyword: 'egress-only-internet-gateway',
        layout: 'line',
        diagram: 'box',
        words: 'egress-only internet gateway'
    },
    'nat-gateway': {
        list: 'natGateways',
        scope: 'vpc',
        namespace: 'shared',
        routeTarget: true,
        eniOwner: true,
        flowLogCapture: true,
        keyword: 'nat-gateway',
        layout: 'props',
        diagram: 'box',
        words: 'NAT gateway'
    },
    'security-group': {
        list: 'securityGroups',
        scope: 'vpc',
        namespace: 'own',
        routeTarget: false,
        eniOwner: false,
        flowLogCapture: false,
        keyword: 'security-group',
        layout: 'list',
        diagram: 'none',
        words: 'security group'
    },
    'network-acl': {
        list: 'networkAcls',
        scope: 'vpc',
        namespace: 'own',
        routeTarget: false,
        eniOwner: false,
        flowLogCapture: false,
        keyword: 'network-acl',
        layout: 'list',
        diagram: 'box',
        words: 'network ACL'
    },
    instance: {
        list: 'instances',
        scope: 'vpc',
        namespace: 'shared',
        routeTarget: true,
        eniOwner: true,
        flowLogCapture: true,
        keyword: 'instance',
        layout: 'props',
        diagram: 'box',
        words: 'instance'
    },
    'gateway-endpoint': {
        list: 'gatewayEndpoints',
        scope: 'vpc',
        namespace: 'shared',
        routeTarget: true,
        eniOwner: false,
        flowLogCapture: false,
        keyword: 'gateway-endpoint',
        layout: 'props',
        diagram: 'box',
        words: 'gateway endpoint'
    },
    'interface-endpoint': {
        list: 'interfaceEndpoints',
        scope: 'vpc',
        namespace: 'shared',
        routeTarget: false,
        eniOwner: true,
        flowLogCapture: true,
        keyword: 'interface-endpoint',
        layout: 'props',
        diagram: 'box',
        words: 'interface endpoint'
    },
    'flow-log': {
        list: 'flowLogs',
        scope: 'vpc',
        namespace: 'own',
        routeTarget: false,
        eniOwner: false,
        flowLogCapture: false,
        keyword: 'flow-log',
        layout: 'list',
        diagram: 'none',
        words: 'flow log'
    },
    'transit-gateway-attachment': {
        list: 'transitGatewayAttachments',
        scope: 'vpc',
        namespace: 'own',
        routeTarget: false,
        eniOwner: false,
        flowLogCapture: false,
        keyword: 'transit-gateway-attachment',
        layout: 'props',
        diagram: 'box',
        words: 'transit gateway attachment'
    },
    'load-balancer': {
        list: 'loadBalancers',
        scope: 'vpc',
        namespace: 'own',
        routeTarget: false,
        eniOwner: false,
        flowLogCapture: false,
        keyword: 'load-balancer',
        layout: 'list',
        diagram: 'box',
        words: 'load balancer'
    },
    'endpoint-service': {
        list: 'endpointServices',
        scope: 'vpc',
        namespace: 'own',
        routeTarget: false,
        eniOwner: false,
        flowLogCapture: false,
        keyword: 'endpoint-service',
        layout: 'list',
        diagram: 'box',
        words: 'endpoint service'
    },
    'prefix-list': {
        list: 'prefixLists',
        scope: 'vpc',
        namespace: 'own',
        routeTarget: false,
        eniOwner: false,
        flowLogCapture: false,
        keyword: 'prefix-list',
        layout: 'props',
        diagram: 'none',
        words: 'prefix list'
    },
    peering: {
        list: 'peerings',
        scope: 'workspace',
        namespace: 'shared',
        routeTarget: true,
        eniOwner: false,
        flowLogCapture: false,
        keyword: 'peering',
        layout: 'props',
        diagram: 'edge',
        words: 'peering'
    },
    'transit-gateway': {
        list: 'transitGateways',
        scope: 'workspace',
        namespace: 'shared',
        routeTarget: true,
        eniOwner: false,
        flowLogCapture: false,
        keyword: 'transit-gateway',
        layout: 'members',
        diagram: 'box',
        words: 'transit gateway'
    },
    'transit-gateway-peering': {
        list: 'transitGatewayPeerings',
        scope: 'workspace',
        namespace: 'shared',
        routeTarget: false,
        eniOwner: false,
        flowLogCapture: false,
        keyword: 'transit-gateway-peering',
        layout: 'line',
        diagram: 'edge',
        words: 'transit gateway peering'
    },
    bucket: {
        list: 'buckets',
        scope: 'workspace',
        namespace: 'own',
        routeTarget: false,
        eniOwner: false,
        flowLogCapture: false,
        keyword: 'bucket',
        layout: 'props',
        diagram: 'box',
        words: 'bucket'
    },
    probe: {
        list: 'probes',
        scope: 'workspace',
        namespace: 'own',
        routeTarget: false,
        eniOwner: false,
        flowLogCapture: false,
        keyword: 'probe',
        layout: 'line',
        diagram: 'none',
        words: 'probe'
    }
} as const satisfies { [K in ModelKind]: KindInfo & { list: ListOf<K> } };

/** The list key whose elements have kind K. */
type ListOf<K extends ModelKind> = { [L in ElementListKey]: K extends Topology[L][number]['kind'] ? L : never }[ElementListKey];

type Kinds = typeof KINDS;
type KindsWhere<F extends keyof KindInfo, V> = { [K in ModelKind]: Kinds[K][F] extends V ? K : never }[ModelKind];

export const MODEL_KINDS = Object.keys(KINDS) as ModelKind[];

/** Every element list of a topology, in registry order. */
export const ELEMENT_LISTS: readonly ElementListKey[] = [...new Set(MODEL_KINDS.map(kind => KINDS[kind].list))];

export function kindInfo(kind: ModelKind): KindInfo {
    return KINDS[kind];
}

/** Whether a string is the kind of a model element. */
export function isModelKind(kind: string): kind is ModelKind {
    return Object.hasOwn(KINDS, kind);
}

function kindsWhere(test: (info: KindInfo) => boolean): ModelKind[] {
    return MODEL_KINDS.filter(kind => test(KINDS[kind]));
}

/** What a route may send traffic to. */
export type RouteTargetKind = KindsWhere<'routeTarget', true>;
export const ROUTE_TARGET_KINDS = kindsWhere(k => k.routeTarget) as RouteTargetKind[];

/** What places ENIs in subnets. */
export type EniOwnerKind = KindsWhere<'eniOwner', true>;
export const ENI_OWNER_KINDS = kindsWhere(k => k.eniOwner) as EniOwnerKind[];

export const FLOW_LOG_CAPTURE_KINDS = kindsWhere(k => k.flowLogCapture);

/** The kinds a VPC holds, and the topology lists they live in (in registry order, without repeats). */
export type VpcScopedKind = KindsWhere<'scope', 'vpc'>;
export type VpcListKey = Kinds[VpcScopedKind]['list'];
export const VPC_LISTS = [...new Set(kindsWhere(k => k.scope === 'vpc').map(k => KINDS[k].list))] as VpcListKey[];
export type WorkspaceListKey = Kinds[KindsWhere<'scope', 'workspace'>]['list'];
export const WORKSPACE_LISTS = [...new Set(kindsWhere(k => k.scope === 'workspace').map(k => KINDS[k].list))] as WorkspaceListKey[];

/** The kinds the diagram draws as boxes of their own. */
export type DrawnKind = KindsWhere<'diagram', 'box'>;

/**
 * The namespace an element's name must be unique in (see `KindInfo.namespace`): `VPC-ID:target`
 * or `VPC-ID:KIND` inside a VPC, `workspace` or `workspace:KIND` at the top level.
 */
export function namespaceOf(element: { kind: string; vpc?: string }): string | undefined {
    if (!isModelKind(element.kind)) return undefined;
    const info = KINDS[element.kind];
    if (info.scope === 'vpc')
        return element.vpc === undefined ? undefined : `${element.vpc}:${info.namespace === 'shared' ? 'target' : element.kind}`;
    return info.namespace === 'shared' ? 'workspace' : `workspace:${element.kind}`;
}

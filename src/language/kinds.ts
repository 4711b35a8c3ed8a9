/**
 * The grammar's side of the kinds registry (`model/kinds.ts`): for each named rule of the
 * grammar, the model kind it becomes and what the editor does with it. Keyed by the generated
 * AST `$type`, and checked against every named rule: a rule with `name=` and no entry here
 * fails to compile.
 */
import { SemanticTokenTypes, SymbolKind } from 'vscode-languageserver';
import { KINDS, type KindInfo, type ModelKind } from '../model/kinds.js';
import type { VpcLabAstType } from './generated/ast.js';

/** The AST types of the grammar's own rules (not unions of rules) that declare a `name`. */
export type NamedAstType = {
    [T in keyof VpcLabAstType]: VpcLabAstType[T] extends { $type: T } ? ('name' extends keyof VpcLabAstType[T] ? T : never) : never;
}[keyof VpcLabAstType];

/** Node types of the properties a block may hold. */
type PropertyType = keyof VpcLabAstType;

export interface AstKindInfo {
    kind: ModelKind;
    /** The semantic token of its name, where declared and where referenced. */
    token: SemanticTokenTypes;
    /** The key of its concept in the hover's concepts (`lsp/concepts.ts`). */
    concept: string;
    /** Its kind in the outline (document symbols). */
    symbol: SymbolKind;
    /** Properties written at most once in its block, with why, for the message about a repeat. */
    once?: Partial<Record<PropertyType, string>>;
}

const ONE_IP = 'it has one primary private address';
const ONE_PUBLIC_IP = 'it has one public or Elastic IP address';
const ONE_POLICY = 'an endpoint has one policy (put every statement in it)';
const ONE_IPV6 = 'it has at most one IPv6 block';

export const AST_KINDS = {
    Account: { kind: 'account', token: SemanticTokenTypes.namespace, concept: 'account', symbol: SymbolKind.Package },
    Vpc: {
        kind: 'vpc',
        token: SemanticTokenTypes.namespace,
        concept: 'vpc',
        symbol: SymbolKind.Namespace,
        once: {
            AccountProp: 'a VPC belongs to one account',
            RegionProp: 'a VPC lives in one region',
            Ipv6Prop: ONE_IPV6,
            DnsSetting: 'each DNS attribute is set once'
        }
    },
    Subnet: {
        kind: 'subnet',
        token: SemanticTokenTypes.struct,
        concept: 'subnet',
        symbol: SymbolKind.Struct,
        once: {
            CidrProp: 'a subnet has one IPv4 block',
            Ipv6Prop: ONE_IPV6,
            RouteTableProp: 'a subnet is associated with one route table',
            NetworkAclProp: 'a subnet is associated with one network ACL'
        }
    },
    RouteTable: { kind: 'route-table', token: SemanticTokenTypes.type, concept: 'route-table', symbol: SymbolKind.Array },
    InternetGateway: {
        kind: 'internet-gateway',
        token: SemanticTokenTypes.interface,
        concept: 'internet-gateway',
        symbol: SymbolKind.Interface
    },
    EgressOnlyInternetGateway: {
        kind: 'egress-only-internet-gateway',
        token: SemanticTokenTypes.interface,
        concept: 'egress-only-internet-gateway',
        symbol: SymbolKind.Interface
    },
    NatGateway: {
        kind: 'nat-gateway',
        token: SemanticTokenTypes.interface,
        concept: 'nat-gateway',
        symbol: SymbolKind.Constructor,
        once: { IpProp: ONE_IP, PublicIpProp: ONE_PUBLIC_IP }
    },
    SecurityGroup: { kind: 'security-group', token: SemanticTokenTypes.class, concept: 'security-group', symbol: SymbolKind.Class },
    NetworkAcl: { kind: 'network-acl', token: SemanticTokenTypes.type, concept: 'network-acl', symbol: SymbolKind.Enum },
    Instance: {
        kind: 'instance',
        token: SemanticTokenTypes.variable,
        concept: 'instance',
        symbol: SymbolKind.Object,
        once: { IpProp: ONE_IP, Ipv6Prop: ONE_IPV6, PublicIpProp: ONE_PUBLIC_IP }
    },
    GatewayEndpoint: {
        kind: 'gateway-endpoint',
        token: SemanticTokenTypes.interface,
        concept: 'gateway-endpoint',
        symbol: SymbolKind.Module,
        once: { Policy: ONE_POLICY }
    },
    InterfaceEndpoint: {
        kind: 'interface-endpoint',
        token: SemanticTokenTypes.interface,
        concept: 'interface-endpoint',
        symbol: SymbolKind.Module,
        once: { PrivateDnsProp: 'private DNS is either on or off', Policy: ONE_POLICY }
    },
    FlowLog: {
        kind: 'flow-log',
        token: SemanticTokenTypes.property,
        concept: 'flow-log',
        symbol: SymbolKind.Event,
        once: {
            CaptureProp: 'a flow log captures one resource',
            TrafficProp: 'a flow log has one traffic filter',
            DestinationProp: 'a flow log has one destination',
            AggregationProp: 'a flow log has one aggregation interval',
            FormatProp: 'a flow log has one format, fixed when it is created'
        }
    },
    Peering: {
        kind: 'peering',
        token: SemanticTokenTypes.interface,
        concept: 'peering',
        symbol: SymbolKind.Key,
        once: { DnsResolutionProp: 'DNS resolution is either on or off' }
    },
    TransitGateway: {
        kind: 'transit-gateway',
        token: SemanticTokenTypes.interface,
        concept: 'transit-gateway',
        symbol: SymbolKind.Namespace,
        once: {
            AccountProp: 'a transit gateway belongs to one account',
            RegionProp: 'a transit gateway lives in one region',
            DefaultAssociationProp: 'default association is either on or off',
            DefaultPropagationProp: 'default propagation is either on or off'
        }
    },
    TransitGatewayPeering: {
        kind: 'transit-gateway-peering',
        token: SemanticTokenTypes.interface,
        concept: 'transit-gateway-peering',
        symbol: SymbolKind.Key
    },
    TransitGatewayAttachment: {
        kind: 'transit-gateway-attachment',
        token: SemanticTokenTypes.interface,
        concept: 'transit-gateway-attachment',
        symbol: SymbolKind.Module,
        once: { ApplianceModeProp: 'appliance mode is either on or off' }
    },
    LoadBalancer: { kind: 'load-balancer', token: SemanticTokenTypes.interface, concept: 'load-balancer', symbol: SymbolKind.Constructor },
    EndpointService: {
        kind: 'endpoint-service',
        token: SemanticTokenTypes.interface,
        concept: 'endpoint-service',
        symbol: SymbolKind.Module,
        once: {
            LoadBalancerProp: 'an endpoint service here fronts one load balancer',
            AcceptanceRequiredProp: 'acceptance is either required or not'
        }
    },
    PrefixList: { kind: 'prefix-list', token: SemanticTokenTypes.type, concept: 'prefix-list', symbol: SymbolKind.Array },
    Bucket: { kind: 'bucket', token: SemanticTokenTypes.variable, concept: 'bucket', symbol: SymbolKind.File },
    Probe: { kind: 'probe', token: SemanticTokenTypes.function, concept: 'probe', symbol: SymbolKind.Function }
} as const satisfies Record<NamedAstType, AstKindInfo>;

export const NAMED_AST_TYPES = Object.keys(AST_KINDS) as NamedAstType[];

/** The registry entry of a node type, if it is a named rule. */
export function astKind(type: string): AstKindInfo | undefined {
    return Object.hasOwn(AST_KINDS, type) ? AST_KINDS[type as NamedAstType] : undefined;
}

/** The model kind a node type becomes, if it is a named rule. */
export function modelKindOfType(type: string): ModelKind | undefined {
    return astKind(type)?.kind;
}

/** The model registry's entry for a node type. */
export function kindInfoOfType(type: string): KindInfo | undefined {
    const kind = modelKindOfType(type);
    return kind && KINDS[kind];
}

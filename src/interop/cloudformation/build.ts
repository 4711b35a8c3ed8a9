/**
 * CloudFormation resources into the model. Pass one names every element (its logical ID, in
 * template and document order) and finds its VPC; pass two builds elements; pass three applies
 * what modifies them (routes, associations, separate rules, ACL entries, EIPs, CIDR blocks).
 * Semantics follow AWS's resource reference pages (defaults noted where they matter).
 */
import { makeId } from '../../model/ids.js';
import type { Vpc } from '../../model/topology.js';
import type { TopologyDraft } from '../common/draft.js';
import type { Resource, Stacks } from './stacks.js';
import { ResourceRef, Unknown, findUnknown } from './values.js';

/** The model kind each element-making type becomes (VPCEndpoint by its VpcEndpointType). */
export const ELEMENT_TYPES: Readonly<Record<string, string>> = {
    'AWS::EC2::VPC': 'vpc',
    'AWS::EC2::Subnet': 'subnet',
    'AWS::EC2::RouteTable': 'route-table',
    'AWS::EC2::InternetGateway': 'internet-gateway',
    'AWS::EC2::EgressOnlyInternetGateway': 'egress-only-internet-gateway',
    'AWS::EC2::NatGateway': 'nat-gateway',
    'AWS::EC2::SecurityGroup': 'security-group',
    'AWS::EC2::NetworkAcl': 'network-acl',
    'AWS::EC2::Instance': 'instance',
    'AWS::EC2::NetworkInterface': 'instance',
    'AWS::EC2::VPCEndpoint': 'endpoint',
    'AWS::EC2::VPCPeeringConnection': 'peering',
    'AWS::EC2::FlowLog': 'flow-log',
    'AWS::S3::Bucket': 'bucket'
};

/** Types that change other elements rather than make one. */
export const MODIFIER_TYPES = new Set([
    'AWS::EC2::VPCCidrBlock',
    'AWS::EC2::Route',
    'AWS::EC2::SubnetRouteTableAssociation',
    'AWS::EC2::VPCGatewayAttachment',
    'AWS::EC2::EIP',
    'AWS::EC2::EIPAssociation',
    'AWS::EC2::SecurityGroupIngress',
    'AWS::EC2::SecurityGroupEgress',
    'AWS::EC2::NetworkAclEntry',
    'AWS::EC2::SubnetNetworkAclAssociation',
    'AWS::S3::BucketPolicy',
    'AWS::EC2::NetworkInterfaceAttachment'
]);

export interface Declared {
    resource: Resource;
    kind: string;
    id: string;
    name: string;
    vpc?: Vpc;
}

/** What the passes share. */
export interface BuildContext {
    stacks: Stacks;
    draft: TopologyDraft;
    region: (resource: Resource) => string;
    account: (resource: Resource) => string;
    /** Logical resource (by file and id) → its declared element. */
    declared: Map<Resource, Declared>;
    /** VPC resource → model VPC. */
    vpcs: Map<Resource, Vpc>;
    /** A resource that is part of another element (an instance's primary network interface) → that element's resource. */
    aliases: Map<Resource, Resource>;
}

export function what(resource: Resource): string {
    return `${resource.type} ${resource.logicalId}`;
}

/** The resource a reference value names, if it is one. */
export function target(context: BuildContext, value: unknown): Resource | undefined {
    const resource = value instanceof ResourceRef ? context.stacks.resource(value) : undefined;
    return resource && (context.aliases.get(resource) ?? resource);
}

/** The element id a reference value names, or why not. */
export function elementOf(
    context: BuildContext,
    value: unknown,
    kinds?: readonly string[]
): { id: string; declared: Declared } | { why: string } {
    if (value === undefined) return { why: 'it is not given' };
    if (value instanceof Unknown) return { why: value.why };
    const resource = target(context, value);
    if (!resource) return { why: `${JSON.stringify(value)} is no resource of the templates given` };
    const declared = context.declared.get(resource);
    if (!declared) return { why: `${resource.logicalId} was not imported` };
    // `Fn::GetAtt [Vpc, DefaultSecurityGroup]` names the group AWS makes with the VPC.
    const vpc = context.vpcs.get(resource);
    if (vpc && value instanceof ResourceRef && value.attribute === 'DefaultSecurityGroup' && (!kinds || kinds.includes('security-group')))
        return { id: vpc.defaultSecurityGroup, declared };
    if (kinds && !kinds.includes(declared.kind)) return { why: `${resource.logicalId} is a ${resource.type}` };
    return { id: declared.id, declared };
}

/** The VPC a `VpcId` value names (a VPC resource of the templates). */
export function vpcOf(context: BuildContext, value: unknown): Vpc | { why: string } {
    if (value instanceof Unknown) return { why: value.why };
    const resource = target(context, value);
    const vpc = resource && context.vpcs.get(resource);
    if (vpc) return vpc;
    return { why: typeof value === 'string' ? `its VPC ${value} is not in the templates given` : 'its VPC is not in the templates given' };
}

/** A string property, or why it cannot be had. */
export function text(value: unknown, property: string): string | { why: string } {
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    const unknown = findUnknown(value);
    if (unknown) return { why: `${property}: ${unknown.why}` };
    return { why: `${property} is ${value === undefined ? 'not given' : 'not a string'}` };
}

export function bool(value: unknown, fallback: boolean): boolean {
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    return fallback;
}

export function list(value: unknown): unknown[] {
    return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** Element ids of the references in a list property (security groups, subnets, route tables). */
export function elements(context: BuildContext, value: unknown, kinds: readonly string[], resource: Resource, property: string): string[] {
    const ids: string[] = [];
    for (const item of list(value)) {
        const found = elementOf(context, item, kinds);
        if ('id' in found) ids.push(found.id);
        else
            context.draft.report.leftOut(
                resource.source,
                `${property} ${typeof item === 'string' ? item : ''} of ${what(resource)}`.replace('  ', ' '),
                found.why
            );
    }
    return ids;
}

export function makeElementId(kind: string, name: string, vpc?: Vpc): string {
    return makeId(kind, name, vpc?.name);
}

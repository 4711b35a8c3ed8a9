/** What AWS creates with every VPC, written once for the language bridge and for code that builds models. */
import { makeId, partId } from './ids.js';
import type { NetworkAcl, NetworkAclRule, RouteTable, SecurityGroup, SecurityGroupRule, Vpc } from './topology.js';

export function mainRouteTableId(vpcName: string): string {
    return makeId('route-table', '~main', vpcName);
}
export function defaultNetworkAclId(vpcName: string): string {
    return makeId('network-acl', '~default', vpcName);
}
export function defaultSecurityGroupId(vpcName: string): string {
    return makeId('security-group', '~default', vpcName);
}

/** An implicit main route table: only the local routes, which every table has anyway. */
export function implicitMainRouteTable(vpc: Vpc): RouteTable {
    return { kind: 'route-table', id: vpc.mainRouteTable, name: 'main', vpc: vpc.id, main: true, implicit: true, routes: [] };
}

function everywhere(vpc: Vpc): Array<{ cidr: string; n: number }> {
    return [{ cidr: '0.0.0.0/0', n: 100 }, ...(vpc.ipv6.length > 0 ? [{ cidr: '::/0', n: 101 }] : [])];
}

/** The default network ACL allows all inbound and outbound traffic (IPv6 too when the VPC has a block). */
export function defaultNetworkAcl(vpc: Vpc): NetworkAcl {
    const rules: NetworkAclRule[] = (['inbound', 'outbound'] as const).flatMap(direction =>
        everywhere(vpc).map(({ cidr, n }) => ({
            id: partId(vpc.defaultNetworkAcl, direction, n),
            direction,
            number: n,
            action: 'allow' as const,
            protocol: 'all' as const,
            peer: { kind: 'cidr' as const, cidr }
        }))
    );
    return { kind: 'network-acl', id: vpc.defaultNetworkAcl, name: 'default', vpc: vpc.id, implicit: true, rules };
}

/**
 * A new security group has one outbound rule that allows all traffic (0.0.0.0/0, and ::/0 in a
 * VPC with IPv6); writing egress rules replaces it. Ingress starts empty.
 */
export function defaultEgressRules(groupId: string, vpc: Vpc): SecurityGroupRule[] {
    return everywhere(vpc).map(({ cidr }, i) => ({
        id: partId(groupId, `default-egress${i}`),
        implicit: true,
        direction: 'egress' as const,
        protocol: 'all' as const,
        peer: { kind: 'cidr' as const, cidr }
    }));
}

/** The default security group admits its own members and lets everything out. */
export function defaultSecurityGroup(vpc: Vpc): SecurityGroup {
    const rules: SecurityGroupRule[] = [
        {
            id: partId(vpc.defaultSecurityGroup, 'in'),
            direction: 'ingress',
            protocol: 'all',
            peer: { kind: 'sg', group: vpc.defaultSecurityGroup }
        },
        ...everywhere(vpc).map(({ cidr }, i) => ({
            id: partId(vpc.defaultSecurityGroup, `out${i}`),
            direction: 'egress' as const,
            protocol: 'all' as const,
            peer: { kind: 'cidr' as const, cidr }
        }))
    ];
    return { kind: 'security-group', id: vpc.defaultSecurityGroup, name: 'default', vpc: vpc.id, implicit: true, rules };
}

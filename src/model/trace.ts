/** What the simulator answers for a probe: plain data, shared by the CLI, the editor and the preview. */
import type { RejectReason } from './reasons.js';

export type HopKind =
    | 'dns'
    | 'instance'
    | 'security-group'
    | 'network-acl'
    | 'route-table'
    | 'internet-gateway'
    | 'egress-only-internet-gateway'
    | 'nat-gateway'
    | 'peering'
    | 'gateway-endpoint'
    | 'interface-endpoint'
    | 'transit-gateway'
    /** A transit gateway's ENI in one subnet of an attached VPC. */
    | 'transit-gateway-attachment'
    | 'transit-gateway-peering'
    | 'load-balancer'
    | 'endpoint-service'
    | 'service'
    | 'bucket'
    | 'internet'
    /** Instance metadata, Amazon Time Sync and other link-local addresses, answered on the instance's own link. */
    | 'link-local'
    /** The Amazon DNS server (the VPC's base address plus two, 169.254.169.253). */
    | 'amazon-dns'
    /** One of the other addresses AWS reserves in a subnet (network, VPC router, +2, +3, last). */
    | 'aws-reserved';

export interface Hop {
    kind: HopKind;
    name: string;
    /** The VPC the hop is in, or null for the internet and AWS services. */
    vpc: string | null;
    action: 'ACCEPT' | 'REJECT';
    /** Why, in words a student understands, with the values involved. */
    detail: string;
    /** The model element behind the hop, for the editor and the preview. */
    elementId?: string;
    /**
     * Where on a diagram the hop happens, when that is not `elementId` itself: the subnet a route
     * table or network ACL acts for, the instance or endpoint ENI a security group guards
     * (`endpoint-id@subnet-id` for an interface endpoint's ENI).
     */
    at?: string;
}

export interface Blocker {
    /** Index into `hops`. */
    hop: number;
    reason: RejectReason;
    detail: string;
    /** The one rule that would lift this blocker, where there is one (a missing security-group rule). */
    remedy?: Remedy;
}

/**
 * A rule to add to `element` (a model id): a security-group rule (`ingress tcp 5432 from 10.0.1.10/32`)
 * or a network ACL entry numbered to come before the entry that denied (`inbound 90 allow tcp 443 from …`).
 */
export interface Remedy {
    kind: 'security-group-rule' | 'network-acl-rule';
    element: string;
    rule: string;
}

export interface ProbeResult {
    name: string;
    from: string;
    to: string;
    protocol: string;
    port: number | null;
    verdict: 'ACCEPT' | 'REJECT';
    reason: RejectReason | null;
    expected: 'accept' | 'reject' | null;
    hops: Hop[];
    /** Every blocker on the path, in path order; the first is `reason`. */
    blockers: Blocker[];
}

/** What one ENI saw of one direction of a probe's flow: the raw material of flow-log records. */
import type { Addr } from './cidr.js';
import type { CEni } from './compile.js';

export interface FlowObservation {
    eni: CEni;
    direction: 'ingress' | 'egress';
    /** Addresses as the ENI sees them: for incoming traffic `dst` is the ENI's own address. */
    src: Addr;
    dst: Addr;
    sport: number;
    dport: number;
    protocol: number;
    /** The packet's own addresses (pkt-srcaddr, pkt-dstaddr), which differ at a NAT gateway. */
    pktSrc: Addr;
    pktDst: Addr;
    action: 'ACCEPT' | 'REJECT';
    reply: boolean;
    /** AWS's traffic-path code for egress: 1 same VPC, 2 internet gateway or gateway endpoint, 4 intra-region peering, 5 inter-region peering. */
    trafficPath?: number;
    /** The AWS service at the far end (pkt-src-aws-service, pkt-dst-aws-service). */
    awsService?: string;
}

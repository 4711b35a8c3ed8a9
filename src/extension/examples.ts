/**
 * The teaching examples shipped with the extension (`examples/*.vpc`), as "VPC: Open a Teaching
 * Example" offers them: the walkthrough's, in its order, then the others. Kept beside the
 * walkthrough's steps (and checked against the folder and the README's table by the tests) rather
 * than read from the files, so that the list needs no file access to show.
 */
export interface TeachingExample {
    file: string;
    title: string;
    /** One line: what the example teaches. */
    detail: string;
}

export const TEACHING_EXAMPLES: readonly TeachingExample[] = [
    {
        file: 'flow-logs.vpc',
        title: 'Flow logs at three capture levels',
        detail: 'VPC, subnet and ENI flow logs side by side, and the four records of one connection through a NAT gateway'
    },
    {
        file: 'ipv6-egress.vpc',
        title: 'The egress-only internet gateway',
        detail: 'IPv6 connections out and none in; IPv4 from the same subnet through a NAT gateway'
    },
    {
        file: 'gateway-endpoints.vpc',
        title: 'Gateway endpoints and a private bucket',
        detail: 'S3 and DynamoDB through prefix-list routes, an endpoint policy, a bucket open only through the endpoint'
    },
    {
        file: 'interface-endpoints.vpc',
        title: 'Interface endpoints and their DNS names',
        detail: 'PrivateLink ENIs per subnet, their security group, regional, zonal and private DNS names'
    },
    {
        file: 'tour.vpc',
        title: 'A tour of vpc-lab',
        detail: 'Every concept once: subnets, NAT, endpoints, a private bucket, peering across accounts and regions, flow logs, probes'
    },
    {
        file: 'fix-a-probe.vpc',
        title: 'Fix a failing probe',
        detail: 'The app tier cannot reach its database: find the deciding hop and add the rule it names'
    },
    {
        file: 'hub-and-spokes.vpc',
        title: 'Peering is not transitive',
        detail: 'Two spokes peered with a hub cannot reach each other through it; each side needs its own return route'
    },
    {
        file: 'transit-hub.vpc',
        title: 'A transit gateway as the hub',
        detail: 'Spoke to spoke through a transit gateway: route tables by association and propagation, a blackhole route'
    },
    {
        file: 'peering-overlap.vpc',
        title: 'Peering needs disjoint blocks',
        detail: "A secondary block inside the peer's primary one, and why AWS refuses the peering"
    },
    {
        file: 'subnet-sizing.vpc',
        title: 'Subnet sizing',
        detail: 'Blocks from /16 to /28, IPv6 steps of 4, and the five addresses AWS keeps in every subnet'
    },
    {
        file: 'stateful-vs-stateless.vpc',
        title: 'Security groups and network ACLs',
        detail: 'Groups admit replies by themselves; ACLs need rules for them, and the lowest-numbered match wins'
    },
    {
        file: 'three-tier.vpc',
        title: 'Three tiers behind a load balancer',
        detail: 'An internet-facing ALB, private app instances, a database with no way out, a NAT gateway per AZ'
    },
    {
        file: 'saas-privatelink.vpc',
        title: 'A SaaS API over PrivateLink',
        detail: 'An endpoint service behind an NLB, a consumer with the same block, and one that is not an allowed principal'
    }
];

/** What the quick pick shows for each example: its title, its file beside it, and what it teaches under it. */
export function examplePicks(): Array<{ label: string; description: string; detail: string; file: string }> {
    return TEACHING_EXAMPLES.map(e => ({ label: e.title, description: e.file, detail: e.detail, file: e.file }));
}

/** The example of that file name, if the extension ships one. */
export function teachingExample(file: string | undefined): TeachingExample | undefined {
    return TEACHING_EXAMPLES.find(e => e.file === file);
}

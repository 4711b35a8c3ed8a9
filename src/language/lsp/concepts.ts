/**
 * What each word of the language means in AWS, for hovers and the study guide: a few sentences
 * each (from the project's AWS notes; "older material says" where study guides lag AWS), and the
 * AWS documentation page to read next. One place, as data.
 */
export interface Concept {
    title: string;
    text: string;
    link: string;
}

const VPC = 'https://docs.aws.amazon.com/vpc/latest/userguide';
const PRIVATELINK = 'https://docs.aws.amazon.com/vpc/latest/privatelink';
const PEERING = 'https://docs.aws.amazon.com/vpc/latest/peering';
const TGW = 'https://docs.aws.amazon.com/vpc/latest/tgw';
const ELB = 'https://docs.aws.amazon.com/elasticloadbalancing/latest';

const concept = (title: string, text: string, link: string): Concept => ({ title, text, link });

const SECURITY_GROUP = concept(
    'Security group',
    'A stateful firewall attached to ENIs: allow rules only, and the reply to allowed traffic is always allowed. Rules name CIDR blocks, prefix lists or other groups (members of a group, in the same VPC or a same-region peer). A new group lets everything out until you write egress rules of your own; ingress starts empty.',
    `${VPC}/vpc-security-groups.html`
);
const NETWORK_ACL = concept(
    'Network ACL',
    'A stateless firewall at the subnet boundary: numbered rules are evaluated from the lowest, the first match decides (allow or deny), and a final `*` rule denies the rest. Replies need their own rules, usually ephemeral ports 1024–65535. The default NACL allows everything; a subnet without one named uses it.',
    `${VPC}/vpc-network-acls.html`
);
const FLOW_LOG = concept(
    'VPC Flow Logs',
    'Metadata of IP traffic (addresses, ports, protocol, packets, bytes, action), never payload, captured per ENI at the VPC, subnet or ENI level. Not real time: records are aggregated over 10 minutes (or 1), then delivered to S3 (about 10 minutes later) or CloudWatch Logs (about 5). Athena queries the S3 files with SQL.',
    `${VPC}/flow-logs.html`
);
const PEERING_CONCEPT = concept(
    'VPC peering',
    "A private, encrypted connection between exactly two VPCs, in one or two regions and accounts. It cannot be created when any block of one VPC overlaps a block of the other, and it is not transitive: A–B and B–C do not connect A and C, and no VPC uses its peer's gateways or endpoints; what enters one VPC from elsewhere (through a transit gateway, say) does not go on through the peering, which carries only traffic between the two VPCs' own addresses. Each side routes to the other itself.",
    `${PEERING}/what-is-vpc-peering.html`
);

export const CONCEPTS: Record<string, Concept> = {
    account: concept(
        'AWS account',
        'The owner of resources, identified by a 12-digit account id. A VPC without `account` belongs to account `default` (123456789012). Peerings may join VPCs of different accounts; flow-log records carry the account of the ENI.',
        'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html'
    ),
    vpc: concept(
        'VPC',
        'A virtual network in one region of one account, with a primary IPv4 block (/16 to /28), up to four secondary blocks by default and optionally an IPv6 block. Every VPC comes with a main route table, a default network ACL (allow all) and a default security group.',
        `${VPC}/configure-your-vpc.html`
    ),
    region: concept(
        'Region',
        'An AWS region such as us-east-1. A VPC lives in one region; gateway endpoints and prefix lists serve only their own region; cross-region peering traffic stays on the AWS global network, encrypted. Default here: us-east-1.',
        'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-regions-availability-zones.html'
    ),
    cidr: concept(
        'IPv4 CIDR block',
        "A VPC takes IPv4 blocks from /16 (65,536 addresses) to /28 (16); the first is the primary, more `cidr` lines add secondary blocks, which may not overlap and must respect AWS's association restrictions (for instance no other RFC 1918 range than the primary's). In a subnet, the block must lie inside one of the VPC's, and AWS reserves five of its addresses.",
        `${VPC}/vpc-cidr-blocks.html`
    ),
    ipv6: concept(
        'IPv6 block',
        'Amazon provides a /56 for a VPC (or /44 to /60 in steps of 4 from IPAM or your own addresses); a subnet takes a /64 by default (/44 to /64 in steps of 4) from it. IPv6 addresses are public: an internet gateway does not translate them, and an egress-only internet gateway keeps them outbound-only.',
        `${VPC}/vpc-cidr-blocks.html`
    ),
    'dns-support': concept(
        'DNS support',
        "Whether the Amazon DNS server (the VPC block's base address plus two) answers in the VPC. On by default. Private DNS of interface endpoints needs it on, with DNS hostnames.",
        `${VPC}/vpc-dns.html`
    ),
    'dns-hostnames': concept(
        'DNS hostnames',
        'Whether instances with public IPv4 addresses get public DNS hostnames. Off by default (on in a default VPC). Interface-endpoint private DNS needs it on, with DNS support.',
        `${VPC}/vpc-dns.html`
    ),
    subnet: concept(
        'Subnet',
        "A range of the VPC's addresses in one Availability Zone. AWS reserves five addresses of every subnet: the network address, +1 (the VPC router), +2 (Amazon DNS), +3 (reserved) and the last, so a /24 has 251 usable. A subnet uses the main route table and the default network ACL unless it names others.",
        `${VPC}/configure-subnets.html`
    ),
    az: concept(
        'Availability Zone',
        'An isolated location within a region (us-east-1a). A subnet lives in exactly one AZ; spread subnets, NAT gateways and interface-endpoint ENIs over several AZs for availability.',
        'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-regions-availability-zones.html'
    ),
    'route-table': concept(
        'Route table',
        "Where a subnet's traffic goes: the longest matching prefix wins. Every table has an implicit `local` route for each VPC block, which a less specific route cannot override. Gateway endpoints add their service's prefix-list route to the tables they are associated with.",
        `${VPC}/VPC_Route_Tables.html`
    ),
    main: concept(
        'Main route table',
        'The route table every subnet without an explicit association uses. A VPC has exactly one; without `main` on any table, it is an implicit table with only the local routes.',
        `${VPC}/VPC_Route_Tables.html`
    ),
    route: concept(
        'Route',
        '`route DESTINATION -> TARGET`: a CIDR block or a service prefix list, sent to an internet gateway, egress-only internet gateway (IPv6), NAT gateway (IPv4, and 64:ff9b::/96 for NAT64), peering, gateway endpoint or instance. The longest matching prefix wins; a route whose target is gone is a blackhole.',
        `${VPC}/route-table-options.html`
    ),
    'internet-gateway': concept(
        'Internet gateway',
        'Connects a VPC to the internet, horizontally scaled and highly available, one per VPC. IPv4 reaches the internet only from an address that has a public or Elastic IP (the gateway does the 1:1 translation); IPv6 addresses are public and pass untranslated.',
        `${VPC}/VPC_Internet_Gateway.html`
    ),
    'egress-only-internet-gateway': concept(
        'Egress-only internet gateway',
        'The IPv6 counterpart of NAT: stateful and outbound-only, so instances start connections out and replies come back, but nothing from the internet starts a connection in. Highly available across AZs; no security group attaches to it (NACLs still apply).',
        `${VPC}/egress-only-internet-gateway.html`
    ),
    'nat-gateway': concept(
        'NAT gateway',
        "Lets private IPv4 addresses start connections out, never in, translating them to the NAT gateway's Elastic IP. A public NAT gateway sits in a subnet whose route table sends 0.0.0.0/0 to an internet gateway; deploy one per AZ for availability. It also serves NAT64 (64:ff9b::/96).",
        `${VPC}/vpc-nat-gateway.html`
    ),
    'security-group': SECURITY_GROUP,
    'security-groups': SECURITY_GROUP,
    ingress: concept(
        'Ingress rule',
        'A security-group rule admitting traffic from a CIDR block, a prefix list or the members of a group. Security groups are stateful: replies to admitted traffic leave without an egress rule.',
        `${VPC}/security-group-rules.html`
    ),
    egress: concept(
        'Egress rule',
        "A security-group rule letting traffic out to a CIDR block, a prefix list or the members of a group. Writing any egress rule replaces the group's default allow-all outbound rule.",
        `${VPC}/security-group-rules.html`
    ),
    'network-acl': NETWORK_ACL,
    inbound: concept(
        'Inbound NACL rule',
        'A numbered rule for traffic entering the subnet: lowest number first, first match wins. NACLs are stateless, so replies to outbound connections also need inbound rules (ephemeral ports 1024–65535).',
        `${VPC}/nacl-rules.html`
    ),
    outbound: concept(
        'Outbound NACL rule',
        'A numbered rule for traffic leaving the subnet: lowest number first, first match wins. Replies to inbound connections leave through these rules too (stateless), usually on ephemeral ports.',
        `${VPC}/nacl-rules.html`
    ),
    instance: concept(
        'Instance (ENI)',
        "An EC2 instance, seen through its network interface: a private address in its subnet (never one of the five reserved ones), optional IPv6, optional public or Elastic IP, and up to five security groups (the VPC's default group when none is named).",
        'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-eni.html'
    ),
    'public-ip': concept(
        'Public IPv4 address',
        'An instance reaches and is reached from the internet over IPv4 only with a public or Elastic IP, which the internet gateway maps 1:1 to its private address. Without one, IPv4 to the internet needs a NAT gateway, and nothing from the internet can start a connection to it.',
        `${VPC}/vpc-ip-addressing.html`
    ),
    'elastic-ip': concept(
        'Elastic IP address',
        'A static public IPv4 address you own and attach to an instance or a NAT gateway; the internet gateway translates it 1:1.',
        `${VPC}/vpc-eips.html`
    ),
    'gateway-endpoint': concept(
        'Gateway endpoint',
        "Private access to S3 and DynamoDB without internet gateway or NAT: free, highly available, not placed in subnets. Associating it with route tables adds the service's prefix-list route, which wins over 0.0.0.0/0. Same region only, and usable only from its own VPC (not through peering, VPN, Direct Connect or a transit gateway).",
        `${PRIVATELINK}/gateway-endpoints.html`
    ),
    'prefix-list': concept(
        'Prefix list',
        "A named set of CIDR blocks; AWS-managed lists hold a service's addresses in a region (com.amazonaws.us-east-1.s3). A customer-managed list (`prefix-list NAME max-entries N { … }`) holds your own blocks of one address family, and counts as its maximum entries against rule and route quotas wherever it is used. Route tables and security groups may name them; network ACLs may not.",
        `${VPC}/managed-prefix-lists.html`
    ),
    policy: concept(
        'Endpoint policy',
        'An IAM resource policy on a gateway or interface endpoint that limits which actions on which resources pass through it. An explicit deny wins; what no statement allows is denied; an endpoint without a policy allows full access.',
        `${PRIVATELINK}/vpc-endpoints-access.html`
    ),
    'interface-endpoint': concept(
        'Interface endpoint (PrivateLink)',
        'An ENI with a private address in each chosen subnet (one per AZ), reached over TCP only; its security groups control access and an endpoint policy still applies. Not highly available unless placed in several AZs. Reachable from peers, VPN and Direct Connect by its own DNS names. Older material says interface endpoints are IPv4-only and exist for every service except DynamoDB; today dual-stack endpoints exist and DynamoDB has had them since March 2024.',
        `${PRIVATELINK}/create-interface-endpoint.html`
    ),
    'private-dns': concept(
        'Private DNS',
        "Attaches a private hosted zone so that the service's default name (ssm.us-east-1.amazonaws.com) resolves to the endpoint inside its own VPC: applications need no change. On by default; needs the VPC's DNS support and DNS hostnames; only one endpoint per service per VPC may have it.",
        `${PRIVATELINK}/privatelink-access-aws-services.html`
    ),
    subnets: concept(
        'Endpoint subnets',
        'One endpoint ENI per listed subnet, at most one subnet per AZ. Subnets in several AZs make the endpoint highly available; each AZ gets a zonal DNS name.',
        `${PRIVATELINK}/create-interface-endpoint.html`
    ),
    'route-tables': concept(
        'Gateway endpoint route tables',
        "The route tables that get the service's prefix-list route to this endpoint: subnets using them reach S3 or DynamoDB privately.",
        `${PRIVATELINK}/gateway-endpoints.html`
    ),
    'flow-log': FLOW_LOG,
    capture: concept(
        'Capture level',
        '`capture vpc`, `capture subnet NAME` or `capture eni NAME`: a flow log on a VPC or subnet captures every ENI below it; several flow logs may capture one ENI.',
        `${VPC}/flow-logs.html`
    ),
    traffic: concept(
        'Traffic filter',
        '`all`, `accept` or `reject`: which records a flow log keeps, by the action the ENI saw (security groups and network ACLs together).',
        `${VPC}/flow-logs.html`
    ),
    destination: concept(
        'Flow-log destination',
        '`s3 "arn:aws:s3:::bucket/prefix"` writes gzip files under AWSLogs/ every 5 minutes (about 10 minutes after the window), `cloudwatch "group"` writes one log stream per ENI (about 5 minutes after).',
        `${VPC}/flow-logs-s3.html`
    ),
    aggregation: concept(
        'Aggregation interval',
        'The longest time a flow is aggregated before its record is written: 10m (the default) or 1m. ENIs of Nitro instances aggregate every minute or less whatever is set.',
        `${VPC}/flow-log-records.html`
    ),
    format: concept(
        'Flow-log format',
        'The default format is the version-2 fields in order; a custom format lists any fields as ${field} (versions 2 to 8, such as ${pkt-srcaddr}, ${flow-direction}, ${traffic-path}). The format is fixed when the flow log is created.',
        `${VPC}/flow-log-records.html`
    ),
    peering: PEERING_CONCEPT,
    requester: concept(
        'Requester',
        "The VPC that asks for the peering; the accepter's owner accepts it. Each side then adds its own routes to the other.",
        `${PEERING}/create-vpc-peering-connection.html`
    ),
    accepter: concept(
        'Accepter',
        'The VPC that accepts the peering request, in the same or another account and region.',
        `${PEERING}/create-vpc-peering-connection.html`
    ),
    'dns-resolution': concept(
        'Peering DNS resolution',
        "With it on, the public DNS hostnames of the peer's instances resolve to their private addresses, so traffic stays on the peering instead of leaving for the internet.",
        `${PEERING}/modify-peering-connections.html`
    ),
    bucket: concept(
        'S3 bucket',
        'A bucket named in request probes. `private-to` gives it the policy that denies every request not arriving through the named gateway endpoints (aws:SourceVpce): the classic guard against leaky buckets.',
        'https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html'
    ),
    'private-to': concept(
        'Private to endpoints',
        'The bucket policy denies any request whose aws:SourceVpce is not one of these gateway endpoints: the bucket answers only from inside those VPCs.',
        'https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html'
    ),
    probe: concept(
        'Probe',
        "A question for the simulator: a new connection from an instance (or the internet) to a destination, carried hop by hop as AWS would carry it and its reply, with a verdict, the deciding hop and every blocker on the path. AWS's own Reachability Analyzer answers similar questions about deployed networks.",
        'https://docs.aws.amazon.com/vpc/latest/reachability/what-is-reachability-analyzer.html'
    ),
    expect: concept(
        'Expectation',
        '`expect accept` or `expect reject [REASON]`: the checker reports probe-expectation when the simulator disagrees, naming the deciding hop.',
        'https://docs.aws.amazon.com/vpc/latest/reachability/what-is-reachability-analyzer.html'
    ),
    request: concept(
        'API request',
        '`request "s3:GetObject" on "arn:aws:s3:::bucket/key"`: the call the probe makes, judged by the endpoint policies on the way and the policy of the bucket it names.',
        `${PRIVATELINK}/vpc-endpoints-access.html`
    ),
    service: concept(
        'AWS service destination',
        "The service's default DNS name in a region. Inside a VPC with an interface endpoint for it and private DNS on, that name resolves to the endpoint; otherwise to the service's public addresses, reached through a gateway endpoint (S3, DynamoDB), a NAT gateway or the internet gateway.",
        `${PRIVATELINK}/privatelink-access-aws-services.html`
    ),
    endpoint: concept(
        'Endpoint DNS names',
        "An interface endpoint answers on a regional name (any AZ's ENI) and one zonal name per AZ; these resolve anywhere, also from peers, unlike private DNS, which works only in the endpoint's VPC.",
        `${PRIVATELINK}/privatelink-access-aws-services.html`
    ),
    'public-dns': concept(
        'Public DNS name',
        'An instance with a public IPv4 address and DNS hostnames on has a public DNS name. It resolves to the private address inside its VPC and, over a peering with DNS resolution on, from the peer; elsewhere to the public address.',
        `${VPC}/vpc-dns.html`
    ),
    'transit-gateway': concept(
        'Transit gateway',
        'A regional router that VPCs (and VPNs, Direct Connect, other transit gateways) attach to. Unlike peering it is transitive: spokes attached to one gateway reach each other through it, and one attachment per VPC replaces a mesh of peerings. Each VPC attachment places an ENI in one subnet per AZ, and traffic from an AZ without one cannot use it. The path turns in TGW route tables: each attachment is associated with one, propagates its blocks into any, and static routes (or blackholes) beat propagated ones for the same prefix. VPC route tables still route to the gateway, both ways. Unlike peering it costs per attachment-hour and per GB processed.',
        `${TGW}/how-transit-gateways-work.html`
    ),
    'default-association': concept(
        'Default route table association',
        'On (the default): a new attachment is associated with the default TGW route table. Off: each attachment needs `associate` in exactly one table, or it routes nowhere.',
        `${TGW}/tgw-route-tables.html`
    ),
    'default-propagation': concept(
        'Default route table propagation',
        'On (the default): a new attachment propagates its VPC blocks into the default TGW route table.',
        `${TGW}/tgw-route-tables.html`
    ),
    associate: concept(
        'TGW route table association',
        "The table an attachment's incoming traffic is routed by. An attachment is associated with exactly one table; a table may serve many attachments (isolated tables give a shared-services or inspection pattern).",
        `${TGW}/tgw-route-tables.html`
    ),
    propagate: concept(
        'TGW route propagation',
        "The attachment's VPC blocks become routes of this table, kept up to date by AWS. A static route for the same prefix wins. Peering attachments do not propagate: they carry static routes only.",
        `${TGW}/tgw-route-tables.html`
    ),
    blackhole: concept(
        'Blackhole route',
        'A static TGW route that drops matching traffic: it wins over a propagated route for the same prefix, so it cuts one destination out of a table.',
        `${TGW}/tgw-route-tables.html`
    ),
    'transit-gateway-attachment': concept(
        'Transit gateway VPC attachment',
        "Joins a VPC to a transit gateway of the same region through one subnet per AZ, where the gateway places an ENI. Traffic enters and leaves the gateway through the ENI in the source's AZ; the network ACL of that subnet applies to it. Appliance mode keeps both directions of a flow in one AZ for stateful appliances.",
        `${TGW}/tgw-vpc-attachments.html`
    ),
    'transit-gateway-peering': concept(
        'Transit gateway peering',
        'Joins two transit gateways, in other regions or accounts. Routes across it are static only: nothing propagates through a peering attachment.',
        `${TGW}/tgw-peering.html`
    ),
    'appliance-mode': concept(
        'Appliance mode',
        "With it on, the transit gateway sends both directions of a flow through the same AZ's ENI of this attachment, so a stateful appliance in the VPC sees the whole conversation.",
        `${TGW}/transit-gateway-appliance-scenario.html`
    ),
    'load-balancer': concept(
        'Elastic Load Balancing',
        "An application load balancer (layer 7, `type application`) ends the client's connection and opens its own to the target, from its private address; it needs subnets in at least two AZs and always has security groups. A network load balancer (layer 4) passes the client's address to instance targets (client IP preservation), except for traffic that arrives through PrivateLink, which targets see from the NLB's private address. Each subnet gets a load-balancer ENI; an internet-facing one needs public subnets.",
        `${ELB}/userguide/how-elastic-load-balancing-works.html`
    ),
    listener: concept(
        'Listener',
        "`listener PROTOCOL PORT -> TARGETS port P`: the port the load balancer accepts on, and the targets (instances or private addresses) and port it forwards to. Targets must admit the load balancer in their security groups (an ALB's address, or the client's for an NLB that preserves it).",
        `${ELB}/application/load-balancer-listeners.html`
    ),
    scheme: concept(
        'Load-balancer scheme',
        "`internet-facing`: public addresses, reachable from the internet through the VPC's internet gateway, so its subnets need a route to one. `internal`: private addresses only.",
        `${ELB}/userguide/how-elastic-load-balancing-works.html`
    ),
    'endpoint-service': concept(
        'Endpoint service (PrivateLink)',
        "A provider offers a network load balancer to other VPCs and accounts. A consumer creates an interface endpoint: an ENI in its own subnets, so it talks to an address of its own VPC and the provider's blocks never enter its route tables. That is why it works when the two VPCs' blocks overlap, unlike peering, and why it goes one way: only the consumer starts connections; the provider cannot reach into the consumer. Allowed principals decide who may connect, and acceptance may be required.",
        `${PRIVATELINK}/privatelink-share-your-services.html`
    ),
    'allowed-principals': concept(
        'Allowed principals',
        'Who may create endpoints to the service: IAM ARNs, a 12-digit account id (short for arn:aws:iam::ID:root) or `*` for anyone. Nobody is allowed until you add principals.',
        `${PRIVATELINK}/configure-endpoint-service.html`
    ),
    'acceptance-required': concept(
        'Acceptance required',
        "With it on, each endpoint request waits for the provider to accept it (`accept VPC.ENDPOINT`); traffic flows only through accepted endpoints. Off by default here, as in AWS's API.",
        `${PRIVATELINK}/configure-endpoint-service.html`
    ),
    'max-entries': concept(
        'Prefix-list maximum entries',
        'Fixed when the list is created (it can be raised later). Every reference to the list counts as this many rules of a security group or routes of a route table against their quotas, however many entries it holds.',
        `${VPC}/managed-prefix-lists.html`
    ),
    internet: concept(
        'The internet',
        'Anything outside AWS. From a VPC it is reached through an internet gateway (IPv4 needs a public or Elastic IP), a NAT gateway (IPv4 out only) or an egress-only internet gateway (IPv6 out only).',
        `${VPC}/VPC_Internet_Gateway.html`
    )
};

/** The hover text of a concept: its title, its sentences and the page to read. */
export function conceptMarkdown(key: string): string | undefined {
    const c = CONCEPTS[key];
    return c && `**${c.title}**\n\n${c.text}\n\n[AWS documentation](${c.link})`;
}

/**
 * Why each diagnostic matters in AWS, a small example that triggers it, and the fix: the
 * reference in docs/diagnostics.md is generated from here, and a test checks every example
 * really produces its code.
 */
import type { DiagnosticCode } from './codes.js';

export interface CodeDoc {
    why: string;
    example: string;
    fix: string;
}

export const CODE_DOCS = {
    syntax: {
        why: 'Nothing can be checked or simulated in text that does not parse.',
        example: 'vpc app { cidr 10.0.0.0/16\n  subnet { cidr 10.0.1.0/24 } }',
        fix: 'Follow the message: it names what was expected and what was found.'
    },
    'unresolved-reference': {
        why: 'A route, rule or probe that names nothing cannot be built in AWS either (InvalidGroup.NotFound, InvalidRouteTableID.NotFound).',
        example: 'vpc app { cidr 10.0.0.0/16\n  route-table rt { route 0.0.0.0/0 -> igw } }',
        fix: 'Declare the resource, or correct the name (`vpc.name` reaches another VPC).'
    },
    'duplicate-name': {
        why: 'References would be ambiguous; AWS ids are unique, and names here stand for them.',
        example:
            'vpc app { cidr 10.0.0.0/16\n  internet-gateway gw\n  nat-gateway gw subnet s\n  subnet s az us-east-1a { cidr 10.0.1.0/24 } }',
        fix: 'Rename one of them (rename refuses a clashing name).'
    },
    'cidr-invalid': {
        why: 'AWS rejects malformed blocks and addresses.',
        example: 'vpc app { cidr 10.0.0.0/16\n  subnet s az us-east-1a { cidr 10.0.256.0/24 } }',
        fix: 'Write a valid block: four octets from 0 to 255 (or IPv6 groups) and a prefix length.'
    },
    'cidr-host-bits': {
        why: 'AWS stores the network address; writing host bits usually hides a typo in the intended block.',
        example: 'vpc app { cidr 10.0.0.1/16 }',
        fix: 'Use the network address (the quick fix writes it).'
    },
    'cidr-size': {
        why: 'VPC IPv4 blocks run from /16 to /28, subnets from /16 to /28, VPC IPv6 blocks /44–/60 in /4 steps (an Amazon-provided one is /56) and subnet IPv6 blocks /44–/64 in /4 steps.',
        example: 'vpc app { cidr 10.0.0.0/15 }',
        fix: 'Choose a size inside the range AWS allows.'
    },
    'instance-ip-outside-subnet': {
        why: 'An ENI takes its address from its subnet; AWS refuses any other.',
        example: 'vpc app { cidr 10.0.0.0/16\n  subnet s az us-east-1a { cidr 10.0.1.0/24 }\n  instance i subnet s { ip 10.0.2.10 } }',
        fix: "Pick an address inside the subnet's block."
    },
    'instance-ip-reserved': {
        why: 'AWS keeps the first four addresses and the last one of every subnet (network, VPC router, DNS, future use, broadcast).',
        example: 'vpc app { cidr 10.0.0.0/16\n  subnet s az us-east-1a { cidr 10.0.1.0/24 }\n  instance i subnet s { ip 10.0.1.1 } }',
        fix: 'Use an address from .4 up to the one before the last.'
    },
    'ip-duplicate': {
        why: 'A private address belongs to one ENI in its VPC: AWS refuses a second instance or NAT gateway on an address already in use (InvalidIPAddress.InUse). A public or Elastic IP address likewise belongs to one ENI at a time, across every VPC.',
        example:
            'vpc app { cidr 10.0.0.0/16\n  subnet s az us-east-1a { cidr 10.0.1.0/24 }\n  instance a subnet s { ip 10.0.1.10 }\n  instance b subnet s { ip 10.0.1.10 } }',
        fix: 'Give each ENI its own address (or leave `ip` out and let AWS pick a free one).'
    },
    'subnet-outside-vpc': {
        why: "A subnet's block must lie inside one of its VPC's blocks.",
        example: 'vpc app { cidr 10.0.0.0/16\n  subnet s az us-east-1a { cidr 10.1.0.0/24 } }',
        fix: 'Move the subnet into a VPC block, or add the block to the VPC.'
    },
    'subnet-overlap': {
        why: 'AWS refuses a subnet whose block overlaps another subnet of the VPC.',
        example:
            'vpc app { cidr 10.0.0.0/16\n  subnet a az us-east-1a { cidr 10.0.0.0/23 }\n  subnet b az us-east-1b { cidr 10.0.1.0/24 } }',
        fix: 'Give each subnet its own range (completion offers the next free block).'
    },
    'vpc-cidr-overlap': {
        why: "A secondary block may not overlap the VPC's other blocks.",
        example: 'vpc app { cidr 10.0.0.0/16\n  cidr 10.0.128.0/17 }',
        fix: 'Choose a secondary block outside the existing ones.'
    },
    'vpc-cidr-restricted': {
        why: "AWS refuses special-purpose ranges as VPC blocks (link-local 169.254.0.0/16 is where instance metadata, Time Sync and the Amazon DNS server answer; loopback, multicast, 0.0.0.0/8 and 240.0.0.0/4 are no host's), and its IPv4 CIDR block association restrictions decide which secondary blocks may join the primary: no other RFC 1918 range, no 198.19.0.0/16 beside an RFC 1918 or public primary, no 172.31.0.0/16 beside a 172.16.0.0/12 primary, no 10.0.0.0/16 when a block is in 10.0.0.0/15.",
        example: 'vpc app { cidr 10.0.0.0/16\n  cidr 192.168.0.0/16 }\nvpc meta { cidr 169.254.0.0/16 }',
        fix: "Take the block from a range AWS permits: the primary block's own RFC 1918 range, 100.64.0.0/10, or public addresses you own."
    },
    'vpc-cidr-service-range': {
        why: 'The VPC guide asks VPCs to avoid 172.17.0.0/16: some AWS services use it (AWS Cloud9 and Amazon SageMaker AI are named), and they can meet address conflicts in such a VPC.',
        example: 'vpc app { cidr 172.17.0.0/16 }',
        fix: 'Choose another block, e.g. 172.18.0.0/16 or a 10.0.0.0/8 range.'
    },
    'peering-cidr-overlap': {
        why: 'AWS cannot create a peering between VPCs with overlapping IPv4 or IPv6 blocks: routes could not tell the sides apart.',
        example: 'vpc a { cidr 10.0.0.0/16 }\nvpc b { cidr 10.0.0.0/16 }\npeering ab requester a accepter b',
        fix: 'Re-address one VPC (plan non-overlapping ranges before peering).'
    },
    'peering-self': {
        why: 'A VPC cannot be peered with itself.',
        example: 'vpc a { cidr 10.0.0.0/16 }\npeering aa requester a accepter a',
        fix: 'Name two different VPCs.'
    },
    'peering-duplicate': {
        why: 'Only one active peering may join a pair of VPCs.',
        example:
            'vpc a { cidr 10.0.0.0/16 }\nvpc b { cidr 10.1.0.0/16 }\npeering ab requester a accepter b\npeering ba requester b accepter a',
        fix: 'Keep one peering and point routes at it.'
    },
    'transitive-routing': {
        why: 'Peering is not transitive: a peer never forwards traffic to its own peers, gateways or endpoints, so the packets are dropped.',
        example:
            'vpc a { cidr 10.0.0.0/16\n  route-table rt { route 10.2.0.0/16 -> ab } }\nvpc b { cidr 10.1.0.0/16 }\nvpc c { cidr 10.2.0.0/16 }\npeering ab requester a accepter b\npeering bc requester b accepter c',
        fix: 'Peer the two VPCs directly (or use a transit gateway).'
    },
    'route-target-family': {
        why: 'An egress-only internet gateway carries IPv6 only, a NAT gateway IPv4 (and NAT64); a gateway endpoint is the target of its prefix list only.',
        example:
            'vpc app { cidr 10.0.0.0/16\n  ipv6 2600:1f18:1234:ab00::/56\n  egress-only-internet-gateway eigw\n  route-table rt { route 0.0.0.0/0 -> eigw } }',
        fix: 'Point the route at a gateway of the right family (the quick fix picks one).'
    },
    'route-duplicate': {
        why: 'A route table holds one route per destination; AWS refuses the second (RouteAlreadyExists).',
        example:
            'vpc app { cidr 10.0.0.0/16\n  internet-gateway igw\n  route-table rt { route 0.0.0.0/0 -> igw\n    route 0.0.0.0/0 -> igw } }',
        fix: 'Keep one route for the destination.'
    },
    'route-target-foreign': {
        why: "A route may target only its own VPC's gateways, NAT gateways, endpoints and instances, or one of its peerings.",
        example:
            'vpc a { cidr 10.0.0.0/16\n  route-table rt { route 0.0.0.0/0 -> b.igw } }\nvpc b { cidr 10.1.0.0/16\n  internet-gateway igw }',
        fix: "Use the VPC's own gateway, or route through a peering to addresses of the peer."
    },
    'tgw-route-no-attachment': {
        why: 'A VPC reaches a transit gateway only through its own attachment, whose ENIs sit in its subnets: a route to a gateway the VPC is not attached to has nowhere to go.',
        example: 'transit-gateway core\nvpc app { cidr 10.0.0.0/16\n  route-table rt { route 10.0.0.0/8 -> core } }',
        fix: 'Attach the VPC to the transit gateway (one subnet per AZ), or route elsewhere.'
    },
    'tgw-attachment-az': {
        why: 'A transit gateway places one ENI per Availability Zone of an attachment, so AWS takes one subnet per zone; and a gateway is regional, attaching VPCs of its own region only.',
        example:
            'transit-gateway core\nvpc app { cidr 10.0.0.0/16\n  subnet a az us-east-1a { cidr 10.0.1.0/24 }\n  subnet b az us-east-1a { cidr 10.0.2.0/24 }\n  transit-gateway-attachment att transit-gateway core { subnets a, b } }',
        fix: 'Keep one subnet per zone; for another region, attach to a gateway there and peer the two gateways.'
    },
    'tgw-attachment-missing-az': {
        why: 'Resources in an Availability Zone where the attachment has no subnet cannot reach the transit gateway, even when their route table sends traffic to it: AWS accepts the setup and the traffic goes nowhere.',
        example:
            'transit-gateway core\nvpc app { cidr 10.0.0.0/16\n  subnet a az us-east-1a { cidr 10.0.1.0/24 route-table rt }\n  subnet b az us-east-1b { cidr 10.0.2.0/24 route-table rt }\n  route-table rt { route 10.0.0.0/8 -> core }\n  instance web subnet b\n  transit-gateway-attachment att transit-gateway core { subnets a } }',
        fix: 'Add a subnet of the missing zone to the attachment (the quick fix does).'
    },
    'tgw-association': {
        why: 'An attachment is associated with exactly one transit gateway route table, which routes the traffic it sends; with default association off and no table named, the gateway drops that traffic.',
        example:
            'transit-gateway core {\n  default-association off\n  route-table spokes }\nvpc app { cidr 10.0.0.0/16\n  subnet a az us-east-1a { cidr 10.0.1.0/24 }\n  transit-gateway-attachment att transit-gateway core { subnets a } }',
        fix: 'Associate the attachment with one route table; propagate it into the others that should reach it.'
    },
    'tgw-missing-return-route': {
        why: 'A transit gateway is transitive, but each VPC still routes its own traffic: requests arrive through the gateway and the replies, with no route back to it, are dropped.',
        example:
            'transit-gateway core\nvpc a { cidr 10.0.0.0/16\n  subnet s az us-east-1a { cidr 10.0.1.0/24 route-table rt }\n  route-table rt { route 10.1.0.0/16 -> core }\n  transit-gateway-attachment att transit-gateway core { subnets s } }\nvpc b { cidr 10.1.0.0/16\n  subnet s az us-east-1a { cidr 10.1.1.0/24 }\n  transit-gateway-attachment att transit-gateway core { subnets s } }',
        fix: "Add the route back to the transit gateway in the destination's route table (the quick fix does)."
    },
    'load-balancer-subnets': {
        why: 'A load balancer has one node (and ENI) per Availability Zone, so it takes one subnet per zone; an Application Load Balancer needs at least two zones.',
        example:
            'vpc app { cidr 10.0.0.0/16\n  subnet a az us-east-1a { cidr 10.0.1.0/24 }\n  load-balancer web type application scheme internal { subnets a } }',
        fix: 'Name one subnet in each zone, two zones at least for an ALB, one at least for an NLB.'
    },
    'load-balancer-public-subnet': {
        why: "An internet-facing load balancer's nodes take public addresses and answer clients from their subnets: without a route to an internet gateway, the internet cannot reach them.",
        example:
            'vpc app { cidr 10.0.0.0/16\n  subnet a az us-east-1a { cidr 10.0.1.0/24 }\n  subnet b az us-east-1b { cidr 10.0.2.0/24 }\n  load-balancer web type application scheme internet-facing { subnets a, b } }',
        fix: 'Put the load balancer in public subnets (a route to an internet gateway); its targets may stay private.'
    },
    'load-balancer-target': {
        why: "A target group registers instances of its own VPC, and IP addresses from the VPC's subnets or private ranges (RFC 1918, RFC 6598: on-premises included), never publicly routable ones.",
        example:
            'vpc app { cidr 10.0.0.0/16\n  subnet a az us-east-1a { cidr 10.0.1.0/24 }\n  load-balancer api type network scheme internal { subnets a\n    listener tcp 443 -> 198.51.100.7 } }',
        fix: 'Register an instance of the VPC, or a private address (through a peering, transit gateway, VPN or Direct Connect).'
    },
    'endpoint-service-lb': {
        why: 'PrivateLink delivers traffic to a Network Load Balancer (or a Gateway Load Balancer); an Application Load Balancer can sit only behind an NLB.',
        example:
            'vpc app { cidr 10.0.0.0/16\n  subnet a az us-east-1a { cidr 10.0.1.0/24 }\n  subnet b az us-east-1b { cidr 10.0.2.0/24 }\n  load-balancer web type application scheme internal { subnets a, b }\n  endpoint-service api { load-balancer web } }',
        fix: 'Offer a Network Load Balancer (with the ALB as its target if needed).'
    },
    'prefix-list-quota': {
        why: "A reference to a prefix list counts as its maximum entries against the quota of the group's rules (60 inbound, 60 outbound per family) or the table's routes (50 per family), however few entries it has now.",
        example:
            'vpc app { cidr 10.0.0.0/16\n  prefix-list office max-entries 61 { 203.0.113.0/24 }\n  security-group web { ingress tcp 443 from prefix-list office } }',
        fix: "Lower the list's max-entries, split the rules over several groups, or raise the quota."
    },
    'peering-missing-return-route': {
        why: 'Each side of a peering routes for itself: without a route back, requests arrive and replies are dropped.',
        example:
            'vpc a { cidr 10.0.0.0/16\n  subnet s az us-east-1a { cidr 10.0.1.0/24 route-table rt }\n  route-table rt { route 10.1.0.0/16 -> ab } }\nvpc b { cidr 10.1.0.0/16\n  subnet s az us-east-1a { cidr 10.1.1.0/24 } }\npeering ab requester a accepter b',
        fix: "Add the route back in the peer's table (the quick fix does)."
    },
    'gateway-endpoint-service': {
        why: 'Gateway endpoints exist for Amazon S3 and DynamoDB only; other services use interface endpoints.',
        example: 'vpc app { cidr 10.0.0.0/16\n  gateway-endpoint e service sqs }',
        fix: 'Use an interface endpoint for that service.'
    },
    'gateway-endpoint-region': {
        why: "A gateway endpoint and its prefix list serve their own region's service only.",
        example: 'vpc app region us-east-1 { cidr 10.0.0.0/16\n  gateway-endpoint e service com.amazonaws.eu-west-1.s3 }',
        fix: "Use the VPC's region; reach other regions over the internet or a NAT gateway."
    },
    'gateway-endpoint-remote': {
        why: 'A gateway endpoint serves only its own VPC: a peer or a VPN cannot route through it.',
        example:
            'vpc a { cidr 10.0.0.0/16\n  route-table rt { route prefix-list s3 -> b.e } }\nvpc b { cidr 10.1.0.0/16\n  gateway-endpoint e service s3 }\npeering ab requester a accepter b',
        fix: 'Give the VPC its own gateway endpoint.'
    },
    'interface-endpoint-protocol': {
        why: 'Interface endpoints (PrivateLink) carry TCP only.',
        example:
            'vpc app { cidr 10.0.0.0/16\n  dns-hostnames on\n  subnet s az us-east-1a { cidr 10.0.1.0/24 }\n  subnet t az us-east-1b { cidr 10.0.2.0/24 }\n  security-group ep { ingress all from 10.0.0.0/16 }\n  interface-endpoint ssm service ssm { subnets s, t security-groups ep }\n  instance i subnet s }\nprobe i -> endpoint ssm udp 53',
        fix: 'Use TCP, or reach the service another way.'
    },
    'interface-endpoint-no-sg': {
        why: "Without a group, AWS attaches the VPC's default group, which admits only its own members: most clients cannot connect.",
        example:
            'vpc app { cidr 10.0.0.0/16\n  dns-hostnames on\n  subnet s az us-east-1a { cidr 10.0.1.0/24 }\n  subnet t az us-east-1b { cidr 10.0.2.0/24 }\n  interface-endpoint ssm service ssm { subnets s, t } }',
        fix: 'Attach a group that allows TCP 443 from the clients.'
    },
    'interface-endpoint-single-az': {
        why: 'An endpoint has an ENI per subnet; with one AZ, an AZ outage takes the endpoint down.',
        example:
            'vpc app { cidr 10.0.0.0/16\n  dns-hostnames on\n  subnet s az us-east-1a { cidr 10.0.1.0/24 }\n  subnet t az us-east-1b { cidr 10.0.2.0/24 }\n  security-group ep { ingress tcp 443 from 10.0.0.0/16 }\n  interface-endpoint ssm service ssm { subnets s security-groups ep } }',
        fix: 'Add a subnet in another AZ (the quick fix does when one exists).'
    },
    'interface-endpoint-az': {
        why: 'An interface endpoint has one ENI per Availability Zone: AWS takes one subnet per AZ and refuses a second subnet of the same AZ.',
        example:
            'vpc app { cidr 10.0.0.0/16\n  dns-hostnames on\n  subnet s az us-east-1a { cidr 10.0.1.0/24 }\n  subnet t az us-east-1a { cidr 10.0.2.0/24 }\n  security-group ep { ingress tcp 443 from 10.0.0.0/16 }\n  interface-endpoint ssm service ssm { subnets s, t security-groups ep } }',
        fix: 'Keep one subnet per AZ; for high availability, name a subnet of another AZ.'
    },
    'interface-endpoint-private-dns': {
        why: 'Private DNS needs both DNS support and DNS hostnames on in the VPC; AWS refuses it otherwise.',
        example:
            'vpc app { cidr 10.0.0.0/16\n  subnet s az us-east-1a { cidr 10.0.1.0/24 }\n  subnet t az us-east-1b { cidr 10.0.2.0/24 }\n  security-group ep { ingress tcp 443 from 10.0.0.0/16 }\n  interface-endpoint ssm service ssm { subnets s, t security-groups ep } }',
        fix: 'Turn `dns-hostnames on` (and DNS support), or set `private-dns off`.'
    },
    'interface-endpoint-private-dns-duplicate': {
        why: "Only one endpoint per service per VPC can own the service's default DNS name.",
        example:
            'vpc app { cidr 10.0.0.0/16\n  dns-hostnames on\n  subnet s az us-east-1a { cidr 10.0.1.0/24 }\n  subnet t az us-east-1b { cidr 10.0.2.0/24 }\n  security-group ep { ingress tcp 443 from 10.0.0.0/16 }\n  interface-endpoint a service ssm { subnets s, t security-groups ep }\n  interface-endpoint b service ssm { subnets s, t security-groups ep } }',
        fix: 'Set `private-dns off` on all but one.'
    },
    'nacl-prefix-list': {
        why: 'Network ACL entries take CIDR blocks only; prefix lists are for routes and security groups.',
        example: 'vpc app { cidr 10.0.0.0/16\n  network-acl n { outbound 100 allow tcp 443 to prefix-list s3 } }',
        fix: 'Use CIDR blocks (or control the traffic with a security group).'
    },
    'nacl-rule-number': {
        why: 'Entries of one direction are ordered by unique numbers from 1 to 32766.',
        example:
            'vpc app { cidr 10.0.0.0/16\n  network-acl n { inbound 100 allow tcp 443 from 0.0.0.0/0\n    inbound 100 deny tcp 22 from 0.0.0.0/0 } }',
        fix: 'Renumber; leave gaps (100, 110, …) for later entries.'
    },
    'interface-endpoint-dynamodb': {
        why: 'DynamoDB has had interface endpoints since March 2024; older study material says only a gateway endpoint exists.',
        example:
            'vpc app { cidr 10.0.0.0/16\n  dns-hostnames on\n  subnet s az us-east-1a { cidr 10.0.1.0/24 }\n  subnet t az us-east-1b { cidr 10.0.2.0/24 }\n  security-group ep { ingress tcp 443 from 10.0.0.0/16 }\n  interface-endpoint d service dynamodb { subnets s, t security-groups ep } }',
        fix: 'Nothing to fix: a note for study. The gateway endpoint is free; the interface endpoint reaches from peers and on-premises.'
    },
    'nat-no-internet': {
        why: "A NAT gateway sends traffic out through its own subnet's route table: without a route to an internet gateway it reaches nothing.",
        example: 'vpc app { cidr 10.0.0.0/16\n  subnet s az us-east-1a { cidr 10.0.1.0/24 }\n  nat-gateway nat subnet s }',
        fix: 'Place the NAT gateway in a public subnet (default route to the internet gateway).'
    },
    'sg-reference-cross-region': {
        why: 'A security group can reference groups of a peer VPC only in the same region.',
        example:
            'vpc a region us-east-1 { cidr 10.0.0.0/16\n  security-group g { ingress tcp 443 from sg b.h } }\nvpc b region eu-west-1 { cidr 10.1.0.0/16\n  security-group h }\npeering ab requester a accepter b',
        fix: "Use the peer's CIDR blocks instead."
    },
    'flow-log-target': {
        why: 'A flow log captures resources of its own VPC.',
        example:
            'vpc a { cidr 10.0.0.0/16\n  flow-log f { capture subnet b.s destination cloudwatch "logs" } }\nvpc b { cidr 10.1.0.0/16\n  subnet s az us-east-1a { cidr 10.1.1.0/24 } }',
        fix: "Declare the flow log in the captured resource's VPC."
    },
    'flow-log-destination': {
        why: 'CreateFlowLogs takes an S3 bucket ARN (with an optional subfolder other than AWSLogs) whose bucket name follows the S3 naming rules, or a CloudWatch Logs log group name (1–512 letters, digits, `_ - / . #`); anything else is refused, and no record is delivered.',
        example: 'vpc app { cidr 10.0.0.0/16\n  flow-log f { destination s3 "arn:aws:s3:::ab" } }',
        fix: "Write the bucket's ARN, `arn:aws:s3:::my-bucket` or `arn:aws:s3:::my-bucket/my-folder/`, or the log group's name."
    },
    'flow-log-format': {
        why: 'A custom format may name only the fields AWS defines (versions 2 to 8).',
        example:
            'vpc app { cidr 10.0.0.0/16\n  flow-log f { destination cloudwatch "logs"\n    format "${version} ${srcaddr} ${colour}" } }',
        fix: 'Use field names from the flow-log record reference.'
    },
    'probe-expectation': {
        why: 'The design does not do what its author expects: the message names the deciding hop.',
        example:
            'vpc app { cidr 10.0.0.0/16\n  subnet s az us-east-1a { cidr 10.0.1.0/24 }\n  instance i subnet s }\nprobe i -> internet 8.8.8.8 tcp 443 expect accept',
        fix: 'Change the design or the expectation; the quick fix adds the missing security-group or ACL rules when those are the only blockers.'
    }
} as const satisfies Record<DiagnosticCode, CodeDoc>;

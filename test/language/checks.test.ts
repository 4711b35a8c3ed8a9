/**
 * Every checker code (docs/diagnostics.md) that needs no simulation: each case fires the code on the
 * exact token it names, and its near miss (the closest text AWS accepts) must not fire it.
 */
import { describe, expect, it } from 'vitest';
import { check, expectDiagnostic, expectNo } from '../helpers.js';

/** Two peered VPCs; `a` routes to `b` and back. Override parts to make a case. */
function peered(
    o: { aRoutes?: string; bRoutes?: string; bBlocks?: string; bRegion?: string; extra?: string; aBody?: string; bBody?: string } = {}
): string {
    return `
vpc a region us-east-1 {
  cidr 10.0.0.0/16
  subnet s az us-east-1a { cidr 10.0.1.0/24 route-table rt }
  route-table rt { ${o.aRoutes ?? 'route 10.1.0.0/16 -> ab'} }
  ${o.aBody ?? ''}
}
vpc b region ${o.bRegion ?? 'us-east-1'} {
  ${o.bBlocks ?? 'cidr 10.1.0.0/16\n  cidr 10.2.0.0/16'}
  subnet t az ${o.bRegion ?? 'us-east-1'}a { cidr 10.1.1.0/24 route-table rt }
  route-table rt { ${o.bRoutes ?? 'route 10.0.0.0/16 -> ab'} }
  ${o.bBody ?? ''}
}
peering ab requester a accepter b
${o.extra ?? ''}`;
}

/** A VPC with an interface endpoint, an instance that may use it, and one that admits nothing. */
const endpointVpc = `vpc a {
  cidr 10.0.0.0/16
  dns-hostnames on
  subnet s1 az us-east-1a { cidr 10.0.1.0/24 }
  subnet s2 az us-east-1b { cidr 10.0.2.0/24 }
  security-group ep { ingress tcp 443 from 10.0.0.0/16 }
  security-group closed
  interface-endpoint ssm service ssm { subnets s1, s2 security-groups ep }
  instance h subnet s1 { ip 10.0.1.10 }
  instance other subnet s1 { ip 10.0.1.11 security-groups closed }
}`;

interface Case {
    name: string;
    code: string;
    text: string;
    token: string;
    nearMiss: string;
    /** A word the message must contain: it teaches with the values involved. */
    says?: string;
}

const cases: Case[] = [
    {
        name: 'a name that resolves nowhere',
        code: 'unresolved-reference',
        text: 'vpc a { cidr 10.0.0.0/16  subnet s { cidr 10.0.1.0/24 route-table nope } }',
        token: 'nope',
        nearMiss: 'vpc a { cidr 10.0.0.0/16  subnet s { cidr 10.0.1.0/24 route-table rt }  route-table rt }'
    },
    {
        name: 'two resources of one VPC with one name',
        code: 'duplicate-name',
        text: 'vpc a { cidr 10.0.0.0/16  internet-gateway gw  nat-gateway gw subnet s  subnet s { cidr 10.0.1.0/24 } }',
        token: 'gw',
        nearMiss: 'vpc a { cidr 10.0.0.0/16  internet-gateway gw }\nvpc b { cidr 10.1.0.0/16  internet-gateway gw }'
    },
    {
        name: 'an octet over 255',
        code: 'cidr-invalid',
        text: 'vpc a { cidr 10.0.0.0/16  subnet s { cidr 10.0.256.0/24 } }',
        token: '10.0.256.0/24',
        nearMiss: 'vpc a { cidr 10.0.0.0/16  subnet s { cidr 10.0.255.0/24 } }'
    },
    {
        name: 'an IPv6 block on a cidr line',
        code: 'cidr-invalid',
        text: 'vpc a { cidr 2600:1f18::/56 }',
        token: '2600:1f18::/56',
        nearMiss: 'vpc a { cidr 10.0.0.0/16  ipv6 2600:1f18::/56 }',
        says: 'ipv6'
    },
    {
        name: 'a secondary block from another RFC 1918 range than the primary',
        code: 'vpc-cidr-restricted',
        text: 'vpc a { cidr 10.0.0.0/16  cidr 192.168.0.0/16 }',
        token: '192.168.0.0/16',
        nearMiss: 'vpc a { cidr 10.0.0.0/16  cidr 10.1.0.0/16  cidr 100.64.0.0/16 }',
        says: 'other RFC 1918 ranges'
    },
    {
        name: 'a secondary block from 198.19.0.0/16',
        code: 'vpc-cidr-restricted',
        text: 'vpc a { cidr 54.0.0.0/16  cidr 198.19.0.0/16 }',
        token: '198.19.0.0/16',
        nearMiss: 'vpc a { cidr 54.0.0.0/16  cidr 54.1.0.0/16 }'
    },
    {
        name: 'a secondary block from 172.31.0.0/16 next to a 172.16.0.0/12 primary',
        code: 'vpc-cidr-restricted',
        text: 'vpc a { cidr 172.16.0.0/16  cidr 172.31.0.0/16 }',
        token: '172.31.0.0/16',
        nearMiss: 'vpc a { cidr 172.16.0.0/16  cidr 172.30.0.0/16 }'
    },
    {
        name: 'host bits set',
        code: 'cidr-host-bits',
        text: 'vpc a { cidr 10.0.0.1/16 }',
        token: '10.0.0.1/16',
        nearMiss: 'vpc a { cidr 10.0.0.0/16 }',
        says: '10.0.0.0/16'
    },
    {
        name: 'IPv6 host bits set',
        code: 'cidr-host-bits',
        text: 'vpc a { cidr 10.0.0.0/16  ipv6 2600:1f18:1234:ab01::/56 }',
        token: '2600:1f18:1234:ab01::/56',
        nearMiss: 'vpc a { cidr 10.0.0.0/16  ipv6 2600:1f18:1234:ab00::/56 }',
        says: '2600:1f18:1234:ab00::/56'
    },
    {
        name: 'a VPC block larger than /16',
        code: 'cidr-size',
        text: 'vpc a { cidr 10.0.0.0/15 }',
        token: '10.0.0.0/15',
        nearMiss: 'vpc a { cidr 10.0.0.0/16 }'
    },
    {
        name: 'a subnet smaller than /28',
        code: 'cidr-size',
        text: 'vpc a { cidr 10.0.0.0/16  subnet s { cidr 10.0.1.0/29 } }',
        token: '10.0.1.0/29',
        nearMiss: 'vpc a { cidr 10.0.0.0/16  subnet s { cidr 10.0.1.0/28 } }'
    },
    {
        name: 'a VPC IPv6 block off the /4 steps',
        code: 'cidr-size',
        text: 'vpc a { cidr 10.0.0.0/16  ipv6 2600:1f18:1234:ab00::/57 }',
        token: '2600:1f18:1234:ab00::/57',
        nearMiss: 'vpc a { cidr 10.0.0.0/16  ipv6 2600:1f18:1234:ab00::/56 }'
    },
    {
        name: 'a subnet IPv6 block smaller than /64',
        code: 'cidr-size',
        text: 'vpc a { cidr 10.0.0.0/16  ipv6 2600:1f18:1234:ab00::/56  subnet s { cidr 10.0.1.0/24 ipv6 2600:1f18:1234:ab01::/68 } }',
        token: '2600:1f18:1234:ab01::/68',
        nearMiss: 'vpc a { cidr 10.0.0.0/16  ipv6 2600:1f18:1234:ab00::/56  subnet s { cidr 10.0.1.0/24 ipv6 2600:1f18:1234:ab01::/64 } }'
    },
    {
        name: 'an instance address outside its subnet',
        code: 'instance-ip-outside-subnet',
        text: 'vpc a { cidr 10.0.0.0/16  subnet s { cidr 10.0.1.0/24 }  instance i subnet s { ip 10.0.2.10 } }',
        token: '10.0.2.10',
        nearMiss: 'vpc a { cidr 10.0.0.0/16  subnet s { cidr 10.0.1.0/24 }  instance i subnet s { ip 10.0.1.254 } }'
    },
    {
        name: 'an instance on the Amazon DNS address (+2)',
        code: 'instance-ip-reserved',
        text: 'vpc a { cidr 10.0.0.0/16  subnet s { cidr 10.0.1.0/24 }  instance i subnet s { ip 10.0.1.2 } }',
        token: '10.0.1.2',
        nearMiss: 'vpc a { cidr 10.0.0.0/16  subnet s { cidr 10.0.1.0/24 }  instance i subnet s { ip 10.0.1.4 } }',
        says: 'DNS'
    },
    {
        name: 'an instance on the last address of the subnet',
        code: 'instance-ip-reserved',
        text: 'vpc a { cidr 10.0.0.0/16  subnet s { cidr 10.0.1.0/28 }  instance i subnet s { ip 10.0.1.15 } }',
        token: '10.0.1.15',
        nearMiss: 'vpc a { cidr 10.0.0.0/16  subnet s { cidr 10.0.1.0/28 }  instance i subnet s { ip 10.0.1.14 } }',
        says: '11 usable'
    },
    {
        name: 'a subnet outside every block of its VPC',
        code: 'subnet-outside-vpc',
        text: 'vpc a { cidr 10.0.0.0/16  cidr 10.1.0.0/16  subnet s { cidr 10.2.0.0/24 } }',
        token: '10.2.0.0/24',
        nearMiss: 'vpc a { cidr 10.0.0.0/16  cidr 10.1.0.0/16  subnet s { cidr 10.1.0.0/24 } }'
    },
    {
        name: 'overlapping subnets',
        code: 'subnet-overlap',
        text: 'vpc a { cidr 10.0.0.0/16  subnet s1 { cidr 10.0.0.0/17 }  subnet s2 { cidr 10.0.64.0/18 } }',
        token: '10.0.64.0/18',
        nearMiss: 'vpc a { cidr 10.0.0.0/16  subnet s1 { cidr 10.0.0.0/17 }  subnet s2 { cidr 10.0.128.0/17 } }'
    },
    {
        name: 'overlapping blocks of one VPC',
        code: 'vpc-cidr-overlap',
        text: 'vpc a { cidr 10.0.0.0/16  cidr 10.0.128.0/17 }',
        token: '10.0.128.0/17',
        nearMiss: 'vpc a { cidr 10.0.0.0/17  cidr 10.0.128.0/17 }'
    },
    {
        name: 'peered VPCs overlapping across a secondary block',
        code: 'peering-cidr-overlap',
        text: peered({ bBlocks: 'cidr 10.1.0.0/16\n  cidr 10.0.128.0/17' }),
        token: 'ab',
        nearMiss: peered({ bBlocks: 'cidr 10.1.0.0/16\n  cidr 10.2.0.0/17' }),
        says: '10.0.0.0/16 (a) overlaps 10.0.128.0/17 (b)'
    },
    {
        name: 'a VPC peered with itself',
        code: 'peering-self',
        text: 'vpc a { cidr 10.0.0.0/16 }\npeering p requester a accepter a',
        token: 'a',
        nearMiss: 'vpc a { cidr 10.0.0.0/16 }\nvpc b { cidr 10.1.0.0/16 }\npeering p requester a accepter b'
    },
    {
        name: 'a second peering of one pair',
        code: 'peering-duplicate',
        text: peered({ extra: 'peering again requester b accepter a' }),
        token: 'again',
        nearMiss: peered({ extra: 'vpc c { cidr 10.9.0.0/16 }\npeering ac requester a accepter c' })
    },
    {
        name: 'a route through a peering to a third VPC',
        code: 'transitive-routing',
        text: peered({ aRoutes: 'route 10.1.0.0/16 -> ab\n route 10.3.0.0/16 -> ab' }),
        token: '10.3.0.0/16',
        nearMiss: peered({ aRoutes: 'route 10.1.0.0/16 -> ab\n route 10.2.128.0/17 -> ab' }),
        says: 'not transitive'
    },
    {
        name: 'a default route through a peering (edge to edge)',
        code: 'transitive-routing',
        text: peered({ aRoutes: 'route 0.0.0.0/0 -> ab' }),
        token: '0.0.0.0/0',
        nearMiss: peered(),
        says: 'edge-to-edge'
    },
    {
        name: "a peer's gateway endpoint through the peering",
        code: 'transitive-routing',
        text: peered({ aRoutes: 'route 10.1.0.0/16 -> ab\n route prefix-list s3 -> ab' }),
        token: 'prefix-list s3',
        nearMiss: peered()
    },
    {
        name: 'IPv4 to an egress-only internet gateway',
        code: 'route-target-family',
        text: 'vpc a { cidr 10.0.0.0/16  egress-only-internet-gateway e  route-table r { route 0.0.0.0/0 -> e } }',
        token: 'e',
        nearMiss: 'vpc a { cidr 10.0.0.0/16  ipv6 2600:1f18::/56  egress-only-internet-gateway e  route-table r { route ::/0 -> e } }'
    },
    {
        name: 'IPv6 to a NAT gateway',
        code: 'route-target-family',
        text: 'vpc a { cidr 10.0.0.0/16  subnet s { cidr 10.0.1.0/24 }  nat-gateway n subnet s  route-table r { route ::/0 -> n } }',
        token: 'n',
        nearMiss:
            'vpc a { cidr 10.0.0.0/16  subnet s { cidr 10.0.1.0/24 }  nat-gateway n subnet s  route-table r { route 64:ff9b::/96 -> n } }'
    },
    {
        name: 'one destination twice in a table',
        code: 'route-duplicate',
        text: 'vpc a { cidr 10.0.0.0/16  internet-gateway g  route-table r { route 0.0.0.0/0 -> g  route 0.0.0.0/0 -> g } }',
        token: '0.0.0.0/0',
        nearMiss: 'vpc a { cidr 10.0.0.0/16  internet-gateway g  route-table r { route 0.0.0.0/0 -> g  route 0.0.0.0/1 -> g } }'
    },
    {
        name: "another VPC's internet gateway",
        code: 'route-target-foreign',
        text: 'vpc a { cidr 10.0.0.0/16  route-table r { route 0.0.0.0/0 -> b.g } }\nvpc b { cidr 10.1.0.0/16  internet-gateway g }',
        token: 'b.g',
        nearMiss:
            'vpc a { cidr 10.0.0.0/16  internet-gateway g  route-table r { route 0.0.0.0/0 -> g } }\nvpc b { cidr 10.1.0.0/16  internet-gateway g }'
    },
    {
        name: 'a peering without a return route',
        code: 'peering-missing-return-route',
        text: peered({ bRoutes: '' }),
        token: 'ab',
        nearMiss: peered(),
        says: '10.0.1.0/24'
    },
    {
        name: 'a gateway endpoint for a service without one',
        code: 'gateway-endpoint-service',
        text: 'vpc a { cidr 10.0.0.0/16  gateway-endpoint e service sqs }',
        token: 'sqs',
        nearMiss: 'vpc a { cidr 10.0.0.0/16  gateway-endpoint e service dynamodb }'
    },
    {
        name: 'a gateway endpoint for another region',
        code: 'gateway-endpoint-region',
        text: 'vpc a region us-east-1 { cidr 10.0.0.0/16  gateway-endpoint e service com.amazonaws.eu-west-1.s3 }',
        token: 'com.amazonaws.eu-west-1.s3',
        nearMiss: 'vpc a region us-east-1 { cidr 10.0.0.0/16  gateway-endpoint e service com.amazonaws.us-east-1.s3 }'
    },
    {
        name: 'a prefix list of another region in a security group',
        code: 'gateway-endpoint-region',
        text: 'vpc a region us-east-1 { cidr 10.0.0.0/16  security-group g { egress tcp 443 to prefix-list s3 region eu-west-1 } }',
        token: 'prefix-list s3 region eu-west-1',
        nearMiss: 'vpc a region us-east-1 { cidr 10.0.0.0/16  security-group g { egress tcp 443 to prefix-list s3 } }'
    },
    {
        name: "a route to a peer's gateway endpoint",
        code: 'gateway-endpoint-remote',
        text: peered({ aRoutes: 'route 10.1.0.0/16 -> ab\n route prefix-list s3 -> b.s3gw', bBody: 'gateway-endpoint s3gw service s3' }),
        token: 'b.s3gw',
        nearMiss: peered({ aBody: 'gateway-endpoint s3gw service s3 { route-tables rt }', bBody: 'gateway-endpoint s3gw service s3' })
    },
    {
        name: 'an interface endpoint without a security group',
        code: 'interface-endpoint-no-sg',
        text: 'vpc a { cidr 10.0.0.0/16  dns-hostnames on  subnet s1 az us-east-1a { cidr 10.0.1.0/24 }  subnet s2 az us-east-1b { cidr 10.0.2.0/24 }  interface-endpoint ssm service ssm { subnets s1, s2 } }',
        token: 'ssm',
        nearMiss:
            'vpc a { cidr 10.0.0.0/16  dns-hostnames on  subnet s1 az us-east-1a { cidr 10.0.1.0/24 }  subnet s2 az us-east-1b { cidr 10.0.2.0/24 }  security-group g  interface-endpoint ssm service ssm { subnets s1, s2 security-groups g } }'
    },
    {
        name: 'an interface endpoint in one AZ',
        code: 'interface-endpoint-single-az',
        text: 'vpc a { cidr 10.0.0.0/16  dns-hostnames on  subnet s1 az us-east-1a { cidr 10.0.1.0/24 }  security-group g  interface-endpoint ssm service ssm { subnets s1 security-groups g } }',
        token: 's1',
        nearMiss:
            'vpc a { cidr 10.0.0.0/16  dns-hostnames on  subnet s1 az us-east-1a { cidr 10.0.1.0/24 }  subnet s2 az us-east-1b { cidr 10.0.2.0/24 }  security-group g  interface-endpoint ssm service ssm { subnets s1, s2 security-groups g } }'
    },
    {
        name: 'private DNS with DNS hostnames off (the default)',
        code: 'interface-endpoint-private-dns',
        text: 'vpc a { cidr 10.0.0.0/16  security-group g  interface-endpoint ssm service ssm { security-groups g private-dns on } }',
        token: 'on',
        nearMiss: 'vpc a { cidr 10.0.0.0/16  security-group g  interface-endpoint ssm service ssm { security-groups g private-dns off } }',
        says: 'dns-hostnames'
    },
    {
        name: 'two endpoints of one service with private DNS',
        code: 'interface-endpoint-private-dns-duplicate',
        text: 'vpc a { cidr 10.0.0.0/16  dns-hostnames on  security-group g  interface-endpoint e1 service ssm { security-groups g }  interface-endpoint e2 service ssm { security-groups g private-dns on } }',
        token: 'on',
        nearMiss:
            'vpc a { cidr 10.0.0.0/16  dns-hostnames on  security-group g  interface-endpoint e1 service ssm { security-groups g }  interface-endpoint e2 service ssm { security-groups g private-dns off } }'
    },
    {
        name: 'a prefix list in a NACL rule',
        code: 'nacl-prefix-list',
        text: 'vpc a { cidr 10.0.0.0/16  network-acl n { outbound 100 allow tcp 443 to prefix-list s3 } }',
        token: 'prefix-list s3',
        nearMiss: 'vpc a { cidr 10.0.0.0/16  network-acl n { outbound 100 allow tcp 443 to 0.0.0.0/0 } }'
    },
    {
        name: 'a NACL rule number used twice in one direction',
        code: 'nacl-rule-number',
        text: 'vpc a { cidr 10.0.0.0/16  network-acl n { inbound 100 allow all from 0.0.0.0/0  inbound 100 deny tcp 22 from 0.0.0.0/0 } }',
        token: '100',
        nearMiss: 'vpc a { cidr 10.0.0.0/16  network-acl n { inbound 100 allow all from 0.0.0.0/0  outbound 100 allow all to 0.0.0.0/0 } }'
    },
    {
        name: 'a NACL rule number past 32766',
        code: 'nacl-rule-number',
        text: 'vpc a { cidr 10.0.0.0/16  network-acl n { inbound 32767 allow all from 0.0.0.0/0 } }',
        token: '32767',
        nearMiss: 'vpc a { cidr 10.0.0.0/16  network-acl n { inbound 1 allow all from 0.0.0.0/0  inbound 32766 deny all from 0.0.0.0/0 } }'
    },
    {
        name: 'a NACL rule number 0',
        code: 'nacl-rule-number',
        text: 'vpc a { cidr 10.0.0.0/16  network-acl n { inbound 0 allow all from 0.0.0.0/0 } }',
        token: '0',
        nearMiss: 'vpc a { cidr 10.0.0.0/16  network-acl n { inbound 1 allow all from 0.0.0.0/0 } }'
    },
    {
        name: 'a DynamoDB interface endpoint (history)',
        code: 'interface-endpoint-dynamodb',
        text: 'vpc a { cidr 10.0.0.0/16  interface-endpoint d service dynamodb { private-dns off } }',
        token: 'dynamodb',
        nearMiss: 'vpc a { cidr 10.0.0.0/16  gateway-endpoint d service dynamodb }',
        says: '2024'
    },
    {
        name: 'a NAT gateway in a private subnet',
        code: 'nat-no-internet',
        text: 'vpc a { cidr 10.0.0.0/16  subnet s { cidr 10.0.1.0/24 }  nat-gateway n subnet s }',
        token: 'n',
        nearMiss:
            'vpc a { cidr 10.0.0.0/16  subnet s { cidr 10.0.1.0/24 route-table pub }  internet-gateway g  route-table pub { route 0.0.0.0/0 -> g }  nat-gateway n subnet s }'
    },
    {
        name: 'a group of a cross-region peer',
        code: 'sg-reference-cross-region',
        text: peered({ bRegion: 'eu-west-1', aBody: 'security-group web { ingress tcp 443 from sg b.api }', bBody: 'security-group api' }),
        token: 'sg b.api',
        nearMiss: peered({ aBody: 'security-group web { ingress tcp 443 from sg b.api }', bBody: 'security-group api' })
    },
    {
        name: 'a flow log capturing a subnet of another VPC',
        code: 'flow-log-target',
        text: peered({ aBody: 'flow-log f { capture subnet b.t destination s3 "arn:aws:s3:::logs" }' }),
        token: 'b.t',
        nearMiss: peered({ aBody: 'flow-log f { capture subnet s destination s3 "arn:aws:s3:::logs" }' })
    },
    {
        name: 'a custom format with a field AWS does not define',
        code: 'flow-log-format',
        text: 'vpc a { cidr 10.0.0.0/16  flow-log f { format "${version} ${src-addr} ${action}" } }',
        token: '${src-addr}',
        nearMiss:
            'vpc a { cidr 10.0.0.0/16  flow-log f { format "${version} ${pkt-srcaddr} ${flow-direction} ${traffic-path} ${reject-reason}" } }',
        says: 'srcaddr'
    },
    {
        name: 'a probe whose expectation the simulator contradicts',
        code: 'probe-expectation',
        text: `${endpointVpc}\nprobe a.h -> a.other tcp 22 expect accept`,
        token: 'accept',
        nearMiss: `${endpointVpc}\nprobe a.h -> a.other tcp 22 expect reject SG_INGRESS`,
        says: 'SG_INGRESS at hop'
    },
    {
        name: 'a probe expecting the wrong reason',
        code: 'probe-expectation',
        text: `${endpointVpc}\nprobe a.h -> internet 8.8.8.8 tcp 443 expect reject SG_EGRESS`,
        token: 'reject',
        nearMiss: `${endpointVpc}\nprobe a.h -> internet 8.8.8.8 tcp 443 expect reject NO_ROUTE`,
        says: 'NO_ROUTE'
    },
    {
        name: 'UDP to an interface endpoint',
        code: 'interface-endpoint-protocol',
        text: `${endpointVpc}\nprobe a.h -> endpoint a.ssm udp 443`,
        token: 'udp',
        nearMiss: `${endpointVpc}\nprobe a.h -> endpoint a.ssm tcp 443`
    },
    {
        name: 'an endpoint security group admitting UDP',
        code: 'interface-endpoint-protocol',
        text: endpointVpc.replace('ingress tcp 443 from 10.0.0.0/16', 'ingress udp 53 from 10.0.0.0/16'),
        token: 'ingress udp 53 from 10.0.0.0/16',
        nearMiss: endpointVpc
    },
    {
        name: 'an account id that is not 12 digits',
        code: 'syntax',
        text: 'account prod id "1234"',
        token: '"1234"',
        nearMiss: 'account prod id "012345678901"'
    }
];

describe('checker codes', () => {
    for (const c of cases) {
        it(`${c.code}: ${c.name}`, async () => {
            const fired = await check(c.text);
            const diagnostic = expectDiagnostic(fired, c.code, c.token);
            if (c.says) expect(diagnostic.message).toContain(c.says);
            const near = await check(c.nearMiss);
            expectNo(near, c.code);
        });
    }
});

describe('placement and related information', () => {
    it('puts a duplicate on the later one, pointing at the earlier, across files in workspace order', async () => {
        const result = await check({
            '1.vpc': 'vpc a { cidr 10.0.0.0/16 }',
            '2.vpc': 'vpc a { cidr 10.1.0.0/16 }'
        });
        const d = expectDiagnostic(result, 'duplicate-name', 'a', '2.vpc');
        expect(d.relatedInformation?.[0]?.location.uri).toMatch(/1\.vpc$/);
    });

    it('reports a subnet overlap on the later subnet and names the earlier', async () => {
        const result = await check(
            'vpc a { cidr 10.0.0.0/16  subnet s1 { cidr 10.0.1.0/24 }  subnet s2 { cidr 10.0.2.0/24 }  subnet s3 { cidr 10.0.1.128/25 } }'
        );
        const d = expectDiagnostic(result, 'subnet-overlap', '10.0.1.128/25');
        expect(d.message).toContain('s1');
    });

    it('finds the return route missing only in the peer table that serves the destination', async () => {
        const text = peered({
            aRoutes: 'route 10.1.0.0/16 -> ab\n route 10.2.0.0/16 -> ab',
            bBody: 'subnet u az us-east-1b { cidr 10.2.1.0/24 route-table other }\n  route-table other { }'
        });
        const d = expectDiagnostic(await check(text), 'peering-missing-return-route', 'ab');
        expect(d.message).toContain('other (used by u)');
        expect(d.message).not.toContain('rt (used by t)');
    });

    it("accepts a route inside the peer's secondary block when that side routes back", async () => {
        const text = peered({
            aRoutes: 'route 10.2.0.0/16 -> ab',
            bBody: 'subnet u az us-east-1b { cidr 10.2.1.0/24 route-table rt }'
        });
        const result = await check(text);
        expectNo(result, 'transitive-routing');
        expectNo(result, 'peering-missing-return-route');
    });
});

describe('AWS defaults', () => {
    it('gives a subnet without an association the main route table', async () => {
        const result = await check(
            'vpc a { cidr 10.0.0.0/16  subnet s { cidr 10.0.1.0/24 }  internet-gateway g  route-table pub main { route 0.0.0.0/0 -> g }  nat-gateway n subnet s }'
        );
        expectNo(result, 'nat-no-internet');
    });

    it('treats DNS hostnames as off and DNS support as on unless written', async () => {
        const on = await check(
            'vpc a { cidr 10.0.0.0/16  dns-hostnames on  security-group g  interface-endpoint e service ssm { security-groups g } }'
        );
        expectNo(on, 'interface-endpoint-private-dns');
        const supportOff = await check(
            'vpc a { cidr 10.0.0.0/16  dns-hostnames on  dns-support off  security-group g  interface-endpoint e service ssm { security-groups g } }'
        );
        expect(expectDiagnostic(supportOff, 'interface-endpoint-private-dns', 'e').message).toContain('dns-support');
    });
});

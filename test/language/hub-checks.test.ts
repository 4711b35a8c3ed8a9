/**
 * The checks of transit gateways, load balancers, endpoint services and prefix lists: each fires on
 * the token AWS would object to, and stays quiet on the near miss AWS accepts.
 */
import { describe, expect, it } from 'vitest';
import { check, expectDiagnostic, expectNo } from '../helpers.js';

/** Two subnets per VPC in two zones, attached to `core`; `extra` goes inside the VPC block. */
function spoke(name: string, second: number, extra = '', region = 'us-east-1'): string {
    return `vpc ${name} region ${region} {
  cidr 10.${second}.0.0/16
  subnet a az ${region}a { cidr 10.${second}.1.0/24 route-table rt }
  subnet b az ${region}b { cidr 10.${second}.2.0/24 route-table rt }
  transit-gateway-attachment att transit-gateway core { subnets a, b }
${extra}
}
`;
}

describe('tgw-attachment-az', () => {
    it('fires on the second subnet of one zone, pointing at the first', async () => {
        const text = `transit-gateway core
vpc app { cidr 10.0.0.0/16
  subnet a az us-east-1a { cidr 10.0.1.0/24 }
  subnet a2 az us-east-1a { cidr 10.0.3.0/24 }
  subnet b az us-east-1b { cidr 10.0.2.0/24 }
  transit-gateway-attachment att transit-gateway core { subnets a, b, a2 } }`;
        const d = expectDiagnostic(await check(text), 'tgw-attachment-az', 'a2');
        expect(d.message).toContain('one subnet per Availability Zone');
        expect(d.relatedInformation?.[0]?.message).toContain('subnet a');
        expectNo(await check(text.replace(', a2 }', ' }')), 'tgw-attachment-az');
    });

    it("fires on the gateway's name when the VPC is in another region, not when the regions agree", async () => {
        const text = (region: string) => `transit-gateway core region us-east-1
vpc app region ${region} { cidr 10.0.0.0/16
  subnet a az ${region}a { cidr 10.0.1.0/24 }
  transit-gateway-attachment att transit-gateway core { subnets a } }`;
        const d = expectDiagnostic(await check(text('eu-west-1')), 'tgw-attachment-az', 'core');
        expect(d.message).toContain('regional');
        expectNo(await check(text('us-east-1')), 'tgw-attachment-az');
    });
});

describe('tgw-attachment-missing-az', () => {
    const text = (instanceSubnet: string, route = 'route 10.0.0.0/8 -> core') => `transit-gateway core
vpc app { cidr 10.0.0.0/16
  subnet a az us-east-1a { cidr 10.0.1.0/24 route-table rt }
  subnet b az us-east-1b { cidr 10.0.2.0/24 route-table rt }
  route-table rt { ${route} }
  instance web subnet ${instanceSubnet}
  transit-gateway-attachment att transit-gateway core { subnets a } }`;

    it('warns on the attachment when instances of a zone without attachment subnet route to the gateway', async () => {
        const d = expectDiagnostic(await check(text('b')), 'tgw-attachment-missing-az', 'att');
        expect(d.severity).toBe(2);
        expect(d.message).toContain('no subnet in us-east-1b');
    });

    it('stays quiet when the instances sit in a covered zone, or do not route to the gateway', async () => {
        expectNo(await check(text('a')), 'tgw-attachment-missing-az');
        const noRoute = await check(text('b', '').replace('route-table rt {  }', 'route-table rt'));
        expectNo(noRoute, 'tgw-attachment-missing-az');
    });
});

describe('tgw-association', () => {
    it('fires on the second association of one attachment, pointing at the first', async () => {
        const text = `transit-gateway core {
  route-table blue { associate app.att }
  route-table green { associate app.att }
}
${spoke('app', 0)}`;
        const d = expectDiagnostic(await check(text), 'tgw-association', 'app.att');
        expect(d.range.start.line).toBe(2);
        expect(d.relatedInformation?.[0]?.message).toContain('blue');
        expectNo(
            await check(text.replace('route-table green { associate app.att }', 'route-table green { propagate app.att }')),
            'tgw-association'
        );
    });

    it('fires on an attachment no table associates when default association is off, not when one does', async () => {
        const text = (tables: string) => `transit-gateway core {
  default-association off
  ${tables}
}
${spoke('app', 0)}`;
        const d = expectDiagnostic(await check(text('route-table spokes')), 'tgw-association', 'att');
        expect(d.message).toContain('default association is off');
        expectNo(await check(text('route-table spokes { associate app.att }')), 'tgw-association');
    });
});

describe('tgw-missing-return-route', () => {
    const hub = (returnRoute: string) => `transit-gateway core
${spoke('a', 1, '  route-table rt { route 10.2.0.0/16 -> core }')}
${spoke('b', 2, `  route-table rt { ${returnRoute} }`)}`;

    it("warns on the route's target when the destination VPC has no route back through the gateway", async () => {
        const d = expectDiagnostic(await check(hub('')), 'tgw-missing-return-route', 'core');
        expect(d.range.start.line).toBeLessThan(9);
        expect(d.message).toContain("b's rt");
        expect(d.message).toContain('route 10.1.0.0/16 -> core');
    });

    it('stays quiet once the destination routes back (an aggregate route counts)', async () => {
        expectNo(await check(hub('route 10.0.0.0/8 -> core')), 'tgw-missing-return-route');
    });

    it('follows the table the sender is associated with: a blackhole or an isolated table reaches no VPC, so no return is owed', async () => {
        const isolated = `transit-gateway core {
  default-association off
  default-propagation off
  route-table isolated { associate a.att }
  route-table spokes { associate b.att
    propagate a.att, b.att }
}
${spoke('a', 1, '  route-table rt { route 10.2.0.0/16 -> core }')}
${spoke('b', 2, '  route-table rt')}`;
        expectNo(await check(isolated), 'tgw-missing-return-route');
        const reaching = isolated.replace(
            'route-table isolated { associate a.att }',
            'route-table isolated { associate a.att\n    propagate b.att }'
        );
        expectDiagnostic(await check(reaching), 'tgw-missing-return-route', 'core');
        const blackholed = reaching.replace('propagate b.att }', 'propagate b.att\n    route 10.2.0.0/16 blackhole }');
        expectNo(await check(blackholed), 'tgw-missing-return-route');
    });
});

describe('load-balancer-subnets', () => {
    const lb = (type: string, subnets: string) => `vpc app { cidr 10.0.0.0/16
  subnet a az us-east-1a { cidr 10.0.1.0/24 }
  subnet a2 az us-east-1a { cidr 10.0.3.0/24 }
  subnet b az us-east-1b { cidr 10.0.2.0/24 }
  load-balancer web type ${type} scheme internal { subnets ${subnets} } }`;

    it('fires on an ALB of one zone (on its name) and not on an NLB of one zone', async () => {
        const d = expectDiagnostic(await check(lb('application', 'a')), 'load-balancer-subnets', 'web');
        expect(d.message).toContain('at least two zones');
        expectNo(await check(lb('network', 'a')), 'load-balancer-subnets');
        expectNo(await check(lb('application', 'a, b')), 'load-balancer-subnets');
    });

    it('fires on the second subnet of one zone, for any type', async () => {
        const d = expectDiagnostic(await check(lb('network', 'a, b, a2')), 'load-balancer-subnets', 'a2');
        expect(d.relatedInformation).toHaveLength(1);
    });
});

describe('load-balancer-public-subnet', () => {
    const text = (scheme: string, route: string) => `vpc app { cidr 10.0.0.0/16
  internet-gateway igw
  subnet a az us-east-1a { cidr 10.0.1.0/24 route-table public }
  subnet b az us-east-1b { cidr 10.0.2.0/24 }
  route-table public { route 0.0.0.0/0 -> igw }
  load-balancer web type application scheme ${scheme} { subnets ${route} } }`;

    it('warns on the private subnet of an internet-facing load balancer', async () => {
        const d = expectDiagnostic(await check(text('internet-facing', 'a, b')), 'load-balancer-public-subnet', 'b');
        expect(d.severity).toBe(2);
        expect(d.message).toContain('no route to an internet gateway');
    });

    it('stays quiet for an internal load balancer in the same subnets', async () => {
        expectNo(await check(text('internal', 'a, b')), 'load-balancer-public-subnet');
    });
});

describe('load-balancer-target', () => {
    const text = (target: string) => `vpc app { cidr 10.0.0.0/16
  subnet a az us-east-1a { cidr 10.0.1.0/24 }
  instance api subnet a
  load-balancer nlb type network scheme internal { subnets a
    listener tcp 443 -> ${target} port 8443 } }
vpc other { cidr 10.9.0.0/16
  subnet a az us-east-1a { cidr 10.9.1.0/24 }
  instance api subnet a }`;

    it("fires on an instance of another VPC, not on the load balancer's own", async () => {
        const d = expectDiagnostic(await check(text('other.api')), 'load-balancer-target', 'other.api');
        expect(d.message).toContain('another VPC');
        expectNo(await check(text('api')), 'load-balancer-target');
    });

    it('fires on a publicly routable IP target, and accepts RFC 1918 and RFC 6598 addresses outside the VPC (on-premises)', async () => {
        expectDiagnostic(await check(text('8.8.8.8')), 'load-balancer-target', '8.8.8.8');
        for (const onPremises of ['192.168.10.5', '172.20.0.9', '100.64.3.4', '10.9.1.10']) {
            expectNo(await check(text(onPremises)), 'load-balancer-target');
        }
    });

    it("accepts a public address that lies in one of the VPC's own subnets", async () => {
        const own = text('198.51.100.20')
            .replace('cidr 10.0.0.0/16', 'cidr 10.0.0.0/16\n  cidr 198.51.100.0/24')
            .replace('instance api subnet a\n  load', 'subnet p az us-east-1b { cidr 198.51.100.0/26 }\n  instance api subnet a\n  load');
        expectNo(await check(own), 'load-balancer-target');
    });
});

describe('endpoint-service-lb', () => {
    const text = (type: string) => `vpc app { cidr 10.0.0.0/16
  subnet a az us-east-1a { cidr 10.0.1.0/24 }
  subnet b az us-east-1b { cidr 10.0.2.0/24 }
  load-balancer front type ${type} scheme internal { subnets a, b }
  endpoint-service api { load-balancer front } }`;

    it("fires on the load balancer's name when it is an ALB, not when it is an NLB", async () => {
        const d = expectDiagnostic(await check(text('application')), 'endpoint-service-lb', 'front');
        expect(d.message).toContain('Network Load Balancer');
        expectNo(await check(text('network')), 'endpoint-service-lb');
    });
});

describe('prefix-list-quota', () => {
    const rules = (n: number) => Array.from({ length: n }, (_, i) => `    ingress tcp 443 from 10.1.${i}.0/24`).join('\n');
    const group = (maxEntries: number, extra: number) => `vpc app { cidr 10.0.0.0/16
  prefix-list office max-entries ${maxEntries} { 203.0.113.0/24, 198.51.100.0/24 }
  security-group web {
    ingress tcp 443 from prefix-list office
${rules(extra)}
  } }`;

    it('counts a referenced list as its max-entries, not its two entries: 50 + 11 rules is over 60', async () => {
        const d = expectDiagnostic(await check(group(50, 11)), 'prefix-list-quota', '10.1.10.0/24');
        expect(d.message).toContain('61 IPv4 inbound rules');
        expect(d.message).toContain('office counts 50');
    });

    it('stays quiet at exactly 60, and does not mix families (IPv6 rules are counted apart)', async () => {
        expectNo(await check(group(50, 10)), 'prefix-list-quota');
        const ipv6 = group(50, 10).replace('security-group web {', 'security-group web {\n    ingress tcp 443 from ::/0');
        expectNo(await check(ipv6), 'prefix-list-quota');
    });

    it('counts routes to a prefix list against the 50 routes of a table', async () => {
        const table = (maxEntries: number) => `vpc app { cidr 10.0.0.0/16
  internet-gateway igw
  prefix-list partners max-entries ${maxEntries} { 192.0.2.0/24 }
  route-table rt {
    route 0.0.0.0/0 -> igw
    route prefix-list partners -> igw
  } }`;
        expectDiagnostic(await check(table(50)), 'prefix-list-quota', 'prefix-list partners');
        expectNo(await check(table(49)), 'prefix-list-quota');
    });
});

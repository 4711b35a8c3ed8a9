/**
 * Transit gateways, from .vpc text: each reason with a near miss (the smallest change AWS would
 * accept), route-table precedence, the route back, and the network ACLs around the TGW's ENIs as
 * AWS's "Network ACLs for transit gateways" describes them.
 */
import { describe, expect, it } from 'vitest';
import { probes, verdict } from './from-text.js';

interface Options {
    tgw?: string;
    /** Subnets of vpc a's attachment. */
    aAttach?: string;
    /** Subnets of vpc b's attachment. */
    bAttach?: string;
    aNacl?: string;
    bNacl?: string;
    bRoutes?: string;
    probe?: string;
}

/** Two spokes on one transit gateway: a (10.1/16, two AZs) and b (10.2/16); instances a1, a2 (AZ b), b1. */
function spokes(o: Options = {}): string {
    return `
transit-gateway core region us-east-1 ${o.tgw ?? ''}
vpc a region us-east-1 {
  cidr 10.1.0.0/16
  subnet s1 az us-east-1a { cidr 10.1.1.0/24  route-table rt ${o.aNacl ? 'network-acl acl' : ''} }
  subnet s2 az us-east-1b { cidr 10.1.2.0/24  route-table rt }
  subnet t1 az us-east-1a { cidr 10.1.255.0/28  route-table rt }
  route-table rt { route 10.0.0.0/8 -> core }
  ${o.aNacl ?? ''}
  transit-gateway-attachment att transit-gateway core { subnets ${o.aAttach ?? 's1'} }
  security-group sg { ingress tcp 443 from 10.0.0.0/8 }
  instance a1 subnet s1 { ip 10.1.1.10  security-groups sg }
  instance a2 subnet s2 { ip 10.1.2.10  security-groups sg }
}
vpc b region us-east-1 {
  cidr 10.2.0.0/16
  subnet s1 az us-east-1a { cidr 10.2.1.0/24  route-table rt ${o.bNacl ? 'network-acl acl' : ''} }
  subnet t1 az us-east-1a { cidr 10.2.255.0/28  route-table rt }
  route-table rt { ${o.bRoutes ?? 'route 10.0.0.0/8 -> core'} }
  ${o.bNacl ?? ''}
  transit-gateway-attachment att transit-gateway core { subnets ${o.bAttach ?? 's1'} }
  security-group sg { ingress tcp 443 from 10.0.0.0/8 }
  instance b1 subnet s1 { ip 10.2.1.10  security-groups sg }
}
probe ${o.probe ?? 'a1 -> b1 tcp 443'}
`;
}

describe('transit gateway routing', () => {
    it('is transitive: spoke to spoke through the hub router, both ways', async () => {
        expect(await verdict(spokes())).toBe('ACCEPT');
        expect(await verdict(spokes({ probe: 'b1 -> a1 tcp 443' }))).toBe('ACCEPT');
    });

    it('TGW_NO_ROUTE: nothing propagates into the default table; near miss: propagation on', async () => {
        const off = await probes(spokes({ tgw: '{ default-propagation off  route-table default }' }));
        expect(off[0]!.reason).toBe('TGW_NO_ROUTE');
        expect(off[0]!.blockers[0]!.detail).toMatch(/no route in core's route table default/);
        expect(off[0]!.hops[off[0]!.blockers[0]!.hop]!.kind).toBe('transit-gateway');
        expect(await verdict(spokes({ tgw: '{ default-propagation on  route-table default }' }))).toBe('ACCEPT');
    });

    it('TGW_NO_ROUTE: an attachment associated with no table (default association off)', async () => {
        const text = spokes({ tgw: '{ default-association off  route-table default }' });
        const [result] = await probes(
            text.replace(
                '{ default-association off  route-table default }',
                '{ default-association off  route-table default { associate b.att } }'
            )
        );
        expect(result!.reason).toBe('TGW_NO_ROUTE');
        expect(result!.blockers[0]!.detail).toMatch(/associated with no route table/);
        const near = await probes(
            text.replace(
                '{ default-association off  route-table default }',
                '{ default-association off  route-table default { associate a.att, b.att } }'
            )
        );
        expect(near[0]!.reason).toBeNull();
    });

    it('TGW_BLACKHOLE: a static blackhole beats the propagated route for the same prefix; near miss: a narrower blackhole elsewhere', async () => {
        const result = await probes(spokes({ tgw: '{ route-table default { route 10.2.0.0/16 blackhole } }' }));
        expect(result[0]!.reason).toBe('TGW_BLACKHOLE');
        expect(await verdict(spokes({ tgw: '{ route-table default { route 10.2.9.0/24 blackhole } }' }))).toBe('ACCEPT');
    });

    it('the longest prefix wins over a wider static route', async () => {
        // A static /8 blackhole loses to b's propagated /16.
        expect(await verdict(spokes({ tgw: '{ route-table default { route 10.0.0.0/8 blackhole } }' }))).toBe('ACCEPT');
        expect(await verdict(spokes({ tgw: '{ route-table default { route 10.2.1.0/24 blackhole } }' }))).toBe('TGW_BLACKHOLE');
    });

    it('a static route to another attachment beats the propagated one for the same prefix', async () => {
        const [result] = await probes(spokes({ tgw: '{ route-table default { route 10.2.0.0/16 -> a.att } }' }));
        // Sent back into a, which has no ENI at 10.2.1.10: its route table hands it to the TGW again.
        expect(result!.verdict).toBe('REJECT');
        expect(result!.hops.some(h => h.kind === 'transit-gateway' && /10\.2\.0\.0\/16 -> att \(static/.test(h.detail))).toBe(true);
    });

    it('TGW_NO_ATTACHMENT_AZ: the source AZ has no attachment subnet; near miss: add one', async () => {
        const [result] = await probes(spokes({ probe: 'a2 -> b1 tcp 443' }));
        expect(result!.reason).toBe('TGW_NO_ATTACHMENT_AZ');
        expect(result!.blockers[0]!.detail).toMatch(/not in us-east-1b, where a2 is/);
        expect(await verdict(spokes({ probe: 'a2 -> b1 tcp 443', aAttach: 's1, s2' }))).toBe('ACCEPT');
    });

    it('NO_RETURN_ROUTE: the destination VPC does not route back to the TGW; near miss: it does', async () => {
        const [result] = await probes(spokes({ bRoutes: 'route 10.1.0.0/16 -> core' }).replace('route 10.1.0.0/16 -> core', ''));
        expect(result!.reason).toBe('NO_RETURN_ROUTE');
        expect(result!.blockers[0]!.detail).toMatch(/not to core/);
        expect(await verdict(spokes({ bRoutes: 'route 10.1.0.0/16 -> core' }))).toBe('ACCEPT');
    });

    it("NO_RETURN_ROUTE: the destination attachment's TGW table has no way back", async () => {
        const tgw = `{ default-propagation off
            route-table default { propagate b.att }
            route-table back { associate b.att }
          }`;
        const [result] = await probes(spokes({ tgw }));
        expect(result!.reason).toBe('NO_RETURN_ROUTE');
        expect(result!.blockers[0]!.detail).toMatch(/on the way back, no route in core's route table back/);
        const near = tgw.replace('route-table back { associate b.att }', 'route-table back { associate b.att  propagate a.att }');
        expect(await verdict(spokes({ tgw: near }))).toBe('ACCEPT');
    });

    it("appliance mode: a hash of the flow, not the source's AZ, picks the destination attachment's ENI", async () => {
        const [plain] = await probes(spokes());
        expect(plain!.hops.some(h => /appliance mode/.test(h.detail))).toBe(false);
        const [result] = await probes(spokes({ bAttach: 's1  appliance-mode on' }));
        expect(result!.blockers).toEqual([]);
        expect(
            result!.hops.some(h => h.kind === 'transit-gateway-attachment' && /appliance mode keeps both directions/.test(h.detail))
        ).toBe(true);
    });

    it('a TGW peering carries static routes to the peer gateway', async () => {
        const text = `
transit-gateway east region us-east-1 { route-table default { route 10.9.0.0/16 -> link } }
transit-gateway west region us-west-2 { route-table default { route 10.1.0.0/16 -> link } }
transit-gateway-peering link requester east accepter west
vpc a region us-east-1 {
  cidr 10.1.0.0/16
  subnet s1 az us-east-1a { cidr 10.1.1.0/24  route-table rt }
  route-table rt { route 10.9.0.0/16 -> east }
  transit-gateway-attachment att transit-gateway east { subnets s1 }
  instance a1 subnet s1 { ip 10.1.1.10 }
}
vpc z region us-west-2 {
  cidr 10.9.0.0/16
  subnet s1 az us-west-2a { cidr 10.9.1.0/24  route-table rt }
  route-table rt { route 10.1.0.0/16 -> west }
  transit-gateway-attachment att transit-gateway west { subnets s1 }
  security-group sg { ingress tcp 443 from 10.1.0.0/16 }
  instance z1 subnet s1 { ip 10.9.1.10  security-groups sg }
}
probe a1 -> z1 tcp 443
`;
        const [result] = await probes(text);
        expect(result!.blockers).toEqual([]);
        expect(result!.hops.map(h => h.kind)).toEqual(expect.arrayContaining(['transit-gateway', 'transit-gateway-peering']));
        // Without the peer's static route back, the reply has no way home.
        const [oneWay] = await probes(text.replace('{ route-table default { route 10.1.0.0/16 -> link } }', ''));
        expect(oneWay!.reason).toBe('NO_RETURN_ROUTE');
    });
});

describe('network ACLs around transit gateway ENIs', () => {
    // Inbound admits only replies from the other VPC and the own block, never the instance's own requests to the TGW.
    const own = (block: string, other: string) => `network-acl acl {
    inbound 100 allow all from ${block}
    inbound 110 allow tcp 1024-65535 from ${other}
    outbound 100 allow all to 0.0.0.0/0
  }`;

    it('instance and TGW ENI in one subnet: the request into the TGW is judged inbound too, by its source', async () => {
        const nacl = own('10.2.0.0/16', '10.2.0.0/16');
        const [result] = await probes(spokes({ aNacl: nacl }));
        expect(result!.reason).toBe('NACL_INBOUND');
        expect(result!.blockers[0]!.detail).toMatch(/inbound, subnet s1.*from 10\.1\.1\.10/);
        // Near miss: the TGW's ENI in its own subnet (default ACL); the instance's ACL then sees only the reply inbound.
        expect(await verdict(spokes({ aNacl: nacl, aAttach: 't1' }))).toBe('ACCEPT');
    });

    it('TGW ENI and instance in one subnet on the far side: the way out of the TGW is not judged, the reply is', async () => {
        // Inbound from a's block is not allowed, yet the request passes: AWS evaluates no rule TGW -> instance there.
        const nacl = own('10.2.0.0/16', '10.2.0.0/16');
        expect(await verdict(spokes({ bNacl: nacl }))).toBe('ACCEPT');
        // Near miss the other way: the TGW's ENI in another subnet, so b's ACL judges the request inbound.
        const [apart] = await probes(spokes({ bNacl: nacl, bAttach: 't1' }));
        expect(apart!.reason).toBe('NACL_INBOUND');
        expect(apart!.blockers[0]!.detail).toMatch(/from 10\.1\.1\.10/);
    });

    it('one subnet on the far side: the reply is judged out and in by the same ACL', async () => {
        const nacl = `network-acl acl {
    inbound 100 allow all from 10.1.0.0/16
    outbound 100 allow all to 10.1.0.0/16
  }`;
        // The reply's inbound check sees its source, b1 itself (10.2.1.10), which no rule allows.
        const [result] = await probes(spokes({ bNacl: nacl }));
        expect(result!.reason).toBe('NACL_RETURN');
        const near = nacl.replace('inbound 100 allow all from 10.1.0.0/16', 'inbound 100 allow all from 10.0.0.0/8');
        expect(await verdict(spokes({ bNacl: near }))).toBe('ACCEPT');
    });
});

describe('a transit gateway and a peering behind it', () => {
    /** Spoke a reaches hub through core; hub is peered with legacy, and core routes legacy's block to hub. */
    const hubAndLegacy = (probe: string) => `
transit-gateway core region us-east-1 { route-table default { route 10.9.0.0/16 -> hub.att } }
vpc a region us-east-1 {
  cidr 10.1.0.0/16
  subnet s1 az us-east-1a { cidr 10.1.1.0/24  route-table rt }
  route-table rt { route 10.0.0.0/8 -> core }
  transit-gateway-attachment att transit-gateway core { subnets s1 }
  instance a1 subnet s1 { ip 10.1.1.10 }
}
vpc hub region us-east-1 {
  cidr 10.0.0.0/16
  subnet t1 az us-east-1a { cidr 10.0.1.0/24  route-table rt }
  route-table rt {
    route 10.1.0.0/16 -> core
    route 10.9.0.0/16 -> hub-legacy
  }
  transit-gateway-attachment att transit-gateway core { subnets t1 }
  instance h1 subnet t1 { ip 10.0.1.10 }
}
vpc legacy region us-east-1 {
  cidr 10.9.0.0/16
  subnet s1 az us-east-1a { cidr 10.9.1.0/24  route-table rt }
  route-table rt { route 10.0.0.0/8 -> hub-legacy }
  security-group sg { ingress tcp 443 from 10.0.0.0/8 }
  instance l1 subnet s1 { ip 10.9.1.10  security-groups sg }
}
peering hub-legacy requester hub accepter legacy
probe ${probe}
`;

    it('NOT_TRANSITIVE: what enters the hub from the gateway cannot go on through its peering (no edge-to-edge routing)', async () => {
        const [result] = await probes(hubAndLegacy('a1 -> l1 tcp 443'));
        expect(result!.reason).toBe('NOT_TRANSITIVE');
        const blocker = result!.blockers[0]!;
        expect(result!.hops[blocker.hop]!.kind).toBe('peering');
        expect(blocker.detail).toBe(
            "the source 10.1.1.10 is not inside hub's blocks (10.0.0.0/16): a peering carries only traffic between its two VPCs' own addresses, so hub-legacy cannot carry what came into hub through core"
        );
        // The gateway did its part: the packet was delivered into hub before the peering refused it.
        expect(result!.hops.some(h => h.kind === 'transit-gateway-attachment')).toBe(true);
    });

    it('near miss: the hub’s own instance reaches legacy through the same peering', async () => {
        expect(await verdict(hubAndLegacy('h1 -> l1 tcp 443'))).toBe('ACCEPT');
    });
});

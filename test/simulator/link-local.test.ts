/**
 * What security groups, network ACLs and flow logs never see (the VPC guide: they do not filter
 * traffic to or from link-local addresses or a subnet's AWS-reserved addresses, and flow logs do
 * not capture it): instance metadata, Amazon Time Sync and the Amazon DNS server answer whatever the
 * rules say; other link-local addresses answer nothing; nothing outside the VPC reaches them.
 */
import { describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../src/model/trace.js';
import { compile } from '../../src/simulator/compile.js';
import { simulateProbe, simulateWithFlowLogs } from '../../src/simulator/simulate.js';
import { TopologyBuilder, standardVpc } from './builder.js';

/** The worker sits behind a group that lets nothing out and a network ACL that lets nothing through. */
function lockedDown(options: { dnsSupport?: boolean; cidrs?: string[] } = {}): TopologyBuilder {
    const b = new TopologyBuilder()
        .vpc('app', options.cidrs ?? ['10.0.0.0/16'], { ipv6: '2600:1f18:1234:ab00::/56', dnsSupport: options.dnsSupport })
        .subnet('app', 'private', '10.0.2.0/24', { nacl: 'closed', ipv6: '2600:1f18:1234:ab02::/64' })
        .subnet('app', 'other', '10.0.3.0/24')
        .nacl('app', 'closed', [])
        .sg('app', 'locked', [['egress', 'tcp 5432', '10.9.9.9/32']])
        .instance('app', 'worker', 'private', '10.0.2.10', { groups: ['locked'], ipv6: '2600:1f18:1234:ab02::10' })
        .instance('app', 'v4only', 'other', '10.0.3.10', { groups: ['locked'] })
        .instance('app', 'db', 'other', '10.0.3.20');
    b.t.flowLogs.push({
        kind: 'flow-log',
        id: 'flow-log:app.all',
        name: 'all',
        vpc: 'vpc:app',
        capture: { level: 'vpc', target: 'vpc:app' },
        traffic: 'all',
        destination: { kind: 's3', target: 'arn:aws:s3:::flow-bucket' },
        aggregationSeconds: 600
    });
    return b;
}

function last(b: TopologyBuilder): ProbeResult {
    const compiled = compile(b.t);
    return simulateProbe(compiled, b.t.probes[b.t.probes.length - 1]!);
}

function trace(r: ProbeResult): string {
    return r.hops.map(h => `${h.kind} ${h.action} ${h.detail}`).join('\n');
}

function address(address: string) {
    return { kind: 'address' as const, address };
}

describe("addresses answered on the instance's own link", () => {
    it('instance metadata answers tcp 80 through a closed group and a closed ACL; an ordinary address does not', () => {
        const b = lockedDown();
        b.probe('app.worker', address('169.254.169.254'), 'tcp 80');
        const r = last(b);
        expect(r.verdict, trace(r)).toBe('ACCEPT');
        expect(r.hops.map(h => h.kind)).toEqual(['instance', 'link-local']);
        expect(r.hops[1]!.detail).toMatch(/instance metadata service.*do not filter/);
        // Near miss: the same rules stop a connection to an ordinary address of the VPC.
        const near = lockedDown();
        near.probe('app.worker', 'app.db', 'tcp 80');
        const n = last(near);
        expect(n.reason).toBe('SG_EGRESS');
        expect(n.blockers.map(x => x.reason)).toContain('NACL_OUTBOUND');
    });

    it('the metadata service listens on tcp 80 only', () => {
        const b = lockedDown();
        b.probe('app.worker', address('169.254.169.254'), 'tcp 443');
        const r = last(b);
        expect(r.reason).toBe('NO_ROUTE');
        expect(r.blockers[0]!.detail).toMatch(/listens on tcp 80/);
        expect(r.hops[r.blockers[0]!.hop]!.kind).toBe('link-local');
    });

    it('Amazon Time Sync answers udp 123, over IPv4 and (Nitro) IPv6', () => {
        const b = lockedDown();
        b.probe('app.worker', address('169.254.169.123'), 'udp 123');
        expect(last(b).verdict).toBe('ACCEPT');
        b.probe('app.worker', address('fd00:ec2::123'), 'udp 123');
        const r = last(b);
        expect(r.verdict, trace(r)).toBe('ACCEPT');
        expect(r.hops[1]!.detail).toMatch(/Nitro/);
        // Near miss: NTP is UDP; tcp 123 finds nothing.
        b.probe('app.worker', address('169.254.169.123'), 'tcp 123');
        expect(last(b).reason).toBe('NO_ROUTE');
    });

    it('the IPv6 endpoints need an instance with an IPv6 address', () => {
        const b = lockedDown();
        b.probe('app.v4only', address('fd00:ec2::254'), 'tcp 80');
        const r = last(b);
        expect(r.reason).toBe('NO_ROUTE');
        expect(r.blockers[0]!.detail).toMatch(/IPv6 address of the instance metadata service.*v4only has none/);
        b.probe('app.worker', address('fd00:ec2::254'), 'tcp 80');
        expect(last(b).verdict).toBe('ACCEPT');
    });

    it('the Amazon DNS server answers at the VPC base plus two and at 169.254.169.253, in an amazon-dns hop', () => {
        for (const [target, traffic] of [
            ['10.0.0.2', 'udp 53'],
            ['169.254.169.253', 'tcp 53'],
            ['fd00:ec2::253', 'udp 53']
        ] as const) {
            const b = lockedDown();
            b.probe('app.worker', address(target), traffic);
            const r = last(b);
            expect(r.verdict, `${target}: ${trace(r)}`).toBe('ACCEPT');
            expect(r.hops.map(h => h.kind)).toEqual(['instance', 'amazon-dns']);
        }
    });

    it('with dns-support off the Amazon DNS server does not answer', () => {
        const b = lockedDown({ dnsSupport: false });
        b.probe('app.worker', address('10.0.0.2'), 'udp 53');
        const r = last(b);
        expect(r.reason).toBe('NO_ROUTE');
        expect(r.blockers[0]!.detail).toMatch(/dns-support off/);
    });

    it("the DNS server lives in the primary block only: a secondary block's base plus two is an ordinary address", () => {
        const b = lockedDown({ cidrs: ['10.0.0.0/16', '10.1.0.0/16'] });
        b.probe('app.db', address('10.1.0.2'), 'udp 53');
        const r = last(b);
        expect(r.reason).toBe('NO_ROUTE');
        expect(r.hops.some(h => h.kind === 'amazon-dns')).toBe(false);
        b.probe('app.db', address('10.0.0.2'), 'udp 53');
        expect(last(b).verdict).toBe('ACCEPT');
    });

    it('other link-local addresses answer nothing, and no route table is asked', () => {
        const b = lockedDown();
        b.probe('app.db', address('169.254.1.1'), 'tcp 80');
        const r = last(b);
        expect(r.reason).toBe('NO_ROUTE');
        expect(r.hops.map(h => h.kind)).toEqual(['instance', 'link-local']);
        expect(r.blockers[0]!.detail).toMatch(/link-local address.*no router forwards it/);
    });

    it('flow logs record none of it; the near miss (an ordinary connection) is recorded', () => {
        const b = lockedDown();
        b.probe('app.worker', address('169.254.169.254'), 'tcp 80');
        b.probe('app.db', address('10.0.0.2'), 'udp 53');
        b.probe('app.db', address('169.254.169.123'), 'udp 123');
        expect(simulateWithFlowLogs(b.t, 0).records).toEqual([]);
        b.probe('app.db', 'app.v4only', 'tcp 22');
        expect(simulateWithFlowLogs(b.t, 0).records.length).toBeGreaterThan(0);
    });
});

describe("a subnet's other reserved addresses", () => {
    it('the VPC router and the last address answer no connection, before any group or ACL, and the trace says which they are', () => {
        const b = lockedDown();
        b.probe('app.worker', address('10.0.3.1'), 'tcp 80');
        const router = last(b);
        expect(router.reason).toBe('NO_ROUTE');
        expect(router.blockers).toHaveLength(1);
        expect(router.hops.map(h => h.kind)).toEqual(['instance', 'aws-reserved']);
        expect(router.blockers[0]!.detail).toMatch(/10\.0\.3\.1 is the VPC router's address in subnet other/);
        b.probe('app.db', address('10.0.3.255'), 'tcp 80');
        expect(last(b).blockers[0]!.detail).toMatch(/last address of subnet other/);
        b.probe('app.db', address('10.0.2.2'), 'udp 53');
        expect(last(b).blockers[0]!.detail).toMatch(
            /reserved by AWS in subnet private \(the Amazon DNS server answers only at the VPC's base plus two\)/
        );
        b.probe('app.db', address('10.0.3.99'), 'tcp 80');
        const plain = last(b);
        expect(plain.reason).toBe('NO_ROUTE');
        expect(plain.blockers[0]!.detail).not.toMatch(/it is/);
    });
});

describe('the same addresses from elsewhere', () => {
    it('from the internet, a link-local address is unreachable', () => {
        const b = standardVpc(new TopologyBuilder());
        b.probe('internet', address('169.254.169.254'), 'tcp 80');
        const r = last(b);
        expect(r.reason).toBe('NO_ROUTE');
        expect(r.blockers[0]!.detail).toMatch(/link-local.*nothing on the internet/);
    });

    it("from a peered VPC, another VPC's DNS server does not answer; its own does", () => {
        const b = standardVpc(new TopologyBuilder());
        standardVpc(b, 'shared', '10.1.0.0/16');
        b.peering('app-shared', 'app', 'shared')
            .table('app', 'private', [
                ['0.0.0.0/0', 'nat'],
                ['10.1.0.0/16', 'app-shared']
            ])
            .table('shared', 'private', [
                ['0.0.0.0/0', 'nat'],
                ['10.0.0.0/16', 'app-shared']
            ]);
        b.probe('app.worker', address('10.1.0.2'), 'udp 53');
        const r = last(b);
        expect(r.reason, trace(r)).toBe('NO_ROUTE');
        expect(r.blockers[0]!.detail).toMatch(/shared's Amazon DNS server, which answers only instances inside shared/);
        b.probe('app.worker', address('10.0.0.2'), 'udp 53');
        expect(last(b).verdict).toBe('ACCEPT');
    });
});

/**
 * Every reason the simulator gives, at least twice, each with a near miss: the smallest change
 * AWS would accept, which must turn the verdict to ACCEPT. Topologies are model objects.
 */
import { describe, expect, it } from 'vitest';
import type { RejectReason } from '../../src/model/reasons.js';
import type { Policy } from '../../src/model/topology.js';
import type { ProbeResult } from '../../src/model/trace.js';
import { compile } from '../../src/simulator/compile.js';
import { simulateProbe } from '../../src/simulator/simulate.js';
import { TopologyBuilder, standardVpc } from './builder.js';

function run(b: TopologyBuilder): ProbeResult[] {
    const compiled = compile(b.t);
    return b.t.probes.map(p => simulateProbe(compiled, p));
}

function expectReason(b: TopologyBuilder, reason: RejectReason, detail?: RegExp): ProbeResult {
    const [result] = run(b).slice(-1);
    expect(
        result!.verdict,
        JSON.stringify(
            result!.hops.map(h => `${h.kind} ${h.action} ${h.detail}`),
            null,
            1
        )
    ).toBe('REJECT');
    expect(result!.reason).toBe(reason);
    if (detail) expect(result!.blockers[0]!.detail).toMatch(detail);
    const decisive = result!.hops[result!.blockers[0]!.hop]!;
    expect(decisive.action).toBe('REJECT');
    return result!;
}

function expectAccept(b: TopologyBuilder): ProbeResult {
    const [result] = run(b).slice(-1);
    expect(result!.blockers.map(x => `${x.reason}: ${x.detail}`)).toEqual([]);
    expect(result!.verdict).toBe('ACCEPT');
    return result!;
}

const s3Policy: Policy = { statements: [{ effect: 'allow', actions: ['s3:Get*'], resources: ['arn:aws:s3:::assets/*'] }] };

describe('NO_ROUTE', () => {
    it('a private subnet without a default route cannot reach the internet', () => {
        const b = standardVpc(new TopologyBuilder()).table('app', 'private', []);
        b.probe('app.worker', { kind: 'internet', address: '8.8.8.8' }, 'tcp 443');
        expectReason(b, 'NO_ROUTE', /no route in private matches 8\.8\.8\.8/);
        const near = standardVpc(new TopologyBuilder());
        near.probe('app.worker', { kind: 'internet', address: '8.8.8.8' }, 'tcp 443');
        expectAccept(near);
    });

    it('an address of the VPC that no ENI holds', () => {
        const b = standardVpc(new TopologyBuilder());
        b.probe('app.web', { kind: 'address', address: '10.0.2.99' }, 'tcp 8080');
        expectReason(b, 'NO_ROUTE', /no ENI in app has the address 10\.0\.2\.99/);
        const near = standardVpc(new TopologyBuilder());
        near.probe('app.web', { kind: 'address', address: '10.0.2.10' }, 'tcp 8080');
        expectAccept(near);
    });

    it('a routing loop ends at the hop limit', () => {
        const b = standardVpc(new TopologyBuilder())
            .instance('app', 'fw', 'private', '10.0.2.20', { groups: ['app'] })
            .table('app', 'private', [['0.0.0.0/0', 'fw']]);
        b.probe('app.worker', { kind: 'internet', address: '8.8.8.8' }, 'tcp 443');
        expectReason(b, 'NO_ROUTE', /routing loop/);
    });
});

describe('SG_EGRESS', () => {
    it('egress rules replace the default allow-all: a group that allows only its VPC', () => {
        const b = standardVpc(new TopologyBuilder())
            .sg('app', 'inside', [
                ['ingress', 'all', '0.0.0.0/0'],
                ['egress', 'all', '10.0.0.0/16']
            ])
            .instance('app', 'quiet', 'public', '10.0.1.20', { publicIp: '54.0.0.20', groups: ['inside'] });
        b.probe('app.quiet', { kind: 'internet', address: '8.8.8.8' }, 'tcp 443');
        expectReason(b, 'SG_EGRESS', /no egress rule of inside allows tcp 443 to 8\.8\.8\.8/);
        const near = standardVpc(new TopologyBuilder())
            .sg('app', 'ingress-only', [['ingress', 'all', '0.0.0.0/0']])
            .instance('app', 'quiet', 'public', '10.0.1.20', { publicIp: '54.0.0.20', groups: ['ingress-only'] });
        near.probe('app.quiet', { kind: 'internet', address: '8.8.8.8' }, 'tcp 443');
        expectAccept(near);
    });

    it('egress for one port does not cover another; allowing it is the near miss', () => {
        const build = (port: string) =>
            standardVpc(new TopologyBuilder())
                .sg('app', 'narrow', [['egress', `tcp ${port}`, '0.0.0.0/0']])
                .instance('app', 'n', 'public', '10.0.1.20', { publicIp: '54.0.0.20', groups: ['narrow'] });
        const b = build('443');
        b.probe('app.n', { kind: 'internet', address: '8.8.8.8' }, 'tcp 22');
        expectReason(b, 'SG_EGRESS');
        const near = build('22');
        near.probe('app.n', { kind: 'internet', address: '8.8.8.8' }, 'tcp 22');
        expectAccept(near);
    });
});

describe('SG_INGRESS', () => {
    it('a group reference admits members only', () => {
        const b = standardVpc(new TopologyBuilder()).instance('app', 'other', 'public', '10.0.1.30', { groups: ['app'] });
        b.probe('app.other', 'app.worker', 'tcp 8080');
        expectReason(b, 'SG_INGRESS', /no rule of app allows tcp 8080 from 10\.0\.1\.30/);
        const near = standardVpc(new TopologyBuilder());
        near.probe('app.web', 'app.worker', 'tcp 8080');
        expectAccept(near);
    });

    it('a port the group does not open', () => {
        const b = standardVpc(new TopologyBuilder());
        b.probe('internet', 'app.web', 'tcp 22');
        expectReason(b, 'SG_INGRESS', /tcp 22 from 198\.51\.100\.7/);
        const near = standardVpc(new TopologyBuilder());
        near.probe('internet', 'app.web', 'tcp 443');
        expectAccept(near);
    });
});

function withNacl(rules: Parameters<TopologyBuilder['nacl']>[2], subnet: 'public' | 'private' = 'public'): TopologyBuilder {
    const b = standardVpc(new TopologyBuilder()).nacl('app', 'edge', rules);
    const s = b.t.subnets.find(x => x.name === subnet)!;
    s.networkAcl = 'network-acl:app.edge';
    return b;
}

describe('NACL_OUTBOUND', () => {
    it('a lower-numbered deny wins over a later allow', () => {
        const b = withNacl([
            ['outbound', 90, 'deny', 'tcp 22', '0.0.0.0/0'],
            ['outbound', 100, 'allow', 'all', '0.0.0.0/0'],
            ['inbound', 100, 'allow', 'all', '0.0.0.0/0']
        ]);
        b.probe('app.web', { kind: 'internet', address: '8.8.8.8' }, 'tcp 22');
        expectReason(b, 'NACL_OUTBOUND', /rule 90 denies tcp 22 to 0\.0\.0\.0\/0/);
        const near = withNacl([
            ['outbound', 100, 'allow', 'all', '0.0.0.0/0'],
            ['outbound', 200, 'deny', 'tcp 22', '0.0.0.0/0'],
            ['inbound', 100, 'allow', 'all', '0.0.0.0/0']
        ]);
        near.probe('app.web', { kind: 'internet', address: '8.8.8.8' }, 'tcp 22');
        expectAccept(near);
    });

    it('nothing matches: the final * rule denies', () => {
        const b = withNacl([['inbound', 100, 'allow', 'all', '0.0.0.0/0']]);
        b.probe('app.web', { kind: 'internet', address: '8.8.8.8' }, 'udp 53');
        expectReason(b, 'NACL_OUTBOUND', /final \* rule denies/);
    });
});

describe('NACL_INBOUND', () => {
    it('the destination subnet denies the request', () => {
        const b = withNacl(
            [
                ['inbound', 100, 'deny', 'tcp 8080', '10.0.1.0/24'],
                ['inbound', 200, 'allow', 'all', '0.0.0.0/0'],
                ['outbound', 100, 'allow', 'all', '0.0.0.0/0']
            ],
            'private'
        );
        b.probe('app.web', 'app.worker', 'tcp 8080');
        expectReason(b, 'NACL_INBOUND', /rule 100 denies tcp 8080 from 10\.0\.1\.0\/24/);
        const near = withNacl(
            [
                ['inbound', 100, 'deny', 'tcp 8080', '10.0.9.0/24'],
                ['inbound', 200, 'allow', 'all', '0.0.0.0/0'],
                ['outbound', 100, 'allow', 'all', '0.0.0.0/0']
            ],
            'private'
        );
        near.probe('app.web', 'app.worker', 'tcp 8080');
        expectAccept(near);
    });

    it("traffic from the internet meets the public subnet's inbound rules", () => {
        const b = withNacl([
            ['inbound', 100, 'allow', 'tcp 80', '0.0.0.0/0'],
            ['outbound', 100, 'allow', 'all', '0.0.0.0/0']
        ]);
        b.probe('internet', 'app.web', 'tcp 443');
        expectReason(b, 'NACL_INBOUND');
    });
});

describe('NACL_RETURN', () => {
    it('replies need the ephemeral ports open: NACLs are stateless', () => {
        const b = withNacl([
            ['inbound', 100, 'allow', 'tcp 443', '0.0.0.0/0'],
            ['outbound', 100, 'allow', 'tcp 443', '0.0.0.0/0']
        ]);
        b.probe('internet', 'app.web', 'tcp 443');
        expectReason(b, 'NACL_RETURN', /the reply, tcp \d+ to 198\.51\.100\.7/);
        const near = withNacl([
            ['inbound', 100, 'allow', 'tcp 443', '0.0.0.0/0'],
            ['outbound', 100, 'allow', 'tcp 1024-65535', '0.0.0.0/0']
        ]);
        near.probe('internet', 'app.web', 'tcp 443');
        expectAccept(near);
    });

    it('an outbound connection needs its replies admitted inbound', () => {
        const b = withNacl([
            ['outbound', 100, 'allow', 'all', '0.0.0.0/0'],
            ['inbound', 100, 'allow', 'tcp 22', '10.0.0.0/8']
        ]);
        b.probe('app.web', { kind: 'internet', address: '8.8.8.8' }, 'tcp 443');
        expectReason(b, 'NACL_RETURN', /the reply, tcp \d+ from 8\.8\.8\.8/);
        const near = withNacl([
            ['outbound', 100, 'allow', 'all', '0.0.0.0/0'],
            ['inbound', 100, 'allow', 'tcp 1024-65535', '0.0.0.0/0']
        ]);
        near.probe('app.web', { kind: 'internet', address: '8.8.8.8' }, 'tcp 443');
        expectAccept(near);
    });
});

describe('NO_PUBLIC_IP', () => {
    it('an instance without a public IP in a public subnet', () => {
        const b = standardVpc(new TopologyBuilder()).instance('app', 'bare', 'public', '10.0.1.40', { groups: ['web'] });
        b.probe('app.bare', { kind: 'internet', address: '8.8.8.8' }, 'tcp 443');
        expectReason(b, 'NO_PUBLIC_IP', /bare has no public or Elastic IP/);
    });

    it('from the internet to a private instance; the public instance is the near miss', () => {
        const b = standardVpc(new TopologyBuilder());
        b.probe('internet', 'app.worker', 'tcp 8080');
        expectReason(b, 'NO_PUBLIC_IP');
        const near = standardVpc(new TopologyBuilder());
        near.probe('internet', 'app.web', 'tcp 443');
        expectAccept(near);
    });
});

function chain(direct: boolean): TopologyBuilder {
    const b = new TopologyBuilder()
        .vpc('a', ['10.1.0.0/16'])
        .vpc('b', ['10.2.0.0/16'])
        .vpc('c', ['10.3.0.0/16'])
        .peering('ab', 'a', 'b')
        .peering('bc', 'b', 'c');
    if (direct) b.peering('ac', 'a', 'c');
    return b
        .subnet('a', 's', '10.1.1.0/24', { table: 'rt' })
        .subnet('b', 's', '10.2.1.0/24', { table: 'rt' })
        .subnet('c', 's', '10.3.1.0/24', { table: 'rt' })
        .table('a', 'rt', [
            ['10.2.0.0/16', 'ab'],
            ['10.3.0.0/16', direct ? 'ac' : 'ab']
        ])
        .table('b', 'rt', [
            ['10.1.0.0/16', 'ab'],
            ['10.3.0.0/16', 'bc']
        ])
        .table('c', 'rt', [
            ['10.2.0.0/16', 'bc'],
            ['10.1.0.0/16', direct ? 'ac' : 'bc']
        ])
        .sg('a', 'open', [
            ['ingress', 'all', '10.0.0.0/8'],
            ['egress', 'all', '0.0.0.0/0']
        ])
        .sg('c', 'open', [
            ['ingress', 'all', '10.0.0.0/8'],
            ['egress', 'all', '0.0.0.0/0']
        ])
        .instance('a', 'x', 's', '10.1.1.10', { groups: ['open'] })
        .instance('c', 'z', 's', '10.3.1.10', { groups: ['open'] });
}

describe('NOT_TRANSITIVE', () => {
    it('a route to a third VPC through a peer', () => {
        const b = chain(false);
        b.probe('a.x', 'c.z', 'tcp 22');
        expectReason(b, 'NOT_TRANSITIVE', /10\.3\.1\.10 is not inside b's blocks \(10\.2\.0\.0\/16\): peering is not transitive/);
        const near = chain(true);
        near.probe('a.x', 'c.z', 'tcp 22');
        expectAccept(near);
    });

    it('the internet through a peer (no edge-to-edge routing)', () => {
        const b = chain(false)
            .gateway('b', 'igw')
            .table('a', 'rt', [['0.0.0.0/0', 'ab']]);
        b.probe('a.x', { kind: 'internet', address: '8.8.8.8' }, 'tcp 443');
        expectReason(b, 'NOT_TRANSITIVE');
    });
});

describe('NO_RETURN_ROUTE', () => {
    it('the peer routes nothing back', () => {
        const b = chain(true).table('c', 'rt', [['10.2.0.0/16', 'bc']]);
        b.probe('a.x', 'c.z', 'tcp 22');
        expectReason(b, 'NO_RETURN_ROUTE', /the reply to 10\.1\.1\.10 cannot go back: rt has no route for it, not ac/);
    });

    it('an instance with a public IP in a subnet that does not route to the internet gateway', () => {
        const b = standardVpc(new TopologyBuilder()).instance('app', 'stray', 'private', '10.0.2.50', {
            publicIp: '54.0.0.50',
            groups: ['web']
        });
        b.probe('internet', 'app.stray', 'tcp 443');
        expectReason(b, 'NO_RETURN_ROUTE', /sends it to nat, not the internet gateway/);
        const near = standardVpc(new TopologyBuilder()).instance('app', 'stray', 'public', '10.0.1.50', {
            publicIp: '54.0.0.50',
            groups: ['web']
        });
        near.probe('internet', 'app.stray', 'tcp 443');
        expectAccept(near);
    });
});

function dualStack(outbound: 'eigw' | 'igw'): TopologyBuilder {
    return new TopologyBuilder()
        .vpc('v6', ['10.0.0.0/16'], { ipv6: '2600:1f18:1234:ab00::/56' })
        .gateway('v6', 'igw')
        .gateway('v6', 'eigw', 'egress-only-internet-gateway')
        .subnet('v6', 's', '10.0.1.0/24', { table: 'rt', ipv6: '2600:1f18:1234:ab01::/64' })
        .table('v6', 'rt', [
            ['0.0.0.0/0', 'igw'],
            ['::/0', outbound]
        ])
        .sg('v6', 'g', [
            ['ingress', 'tcp 443', '::/0'],
            ['egress', 'all', '::/0']
        ])
        .instance('v6', 'h', 's', '10.0.1.10', { ipv6: '2600:1f18:1234:ab01::10', groups: ['g'] });
}

describe('EIGW_INBOUND', () => {
    it('a connection from the internet to IPv6 behind an egress-only gateway', () => {
        const b = dualStack('eigw');
        b.probe('internet', { kind: 'address', address: '2600:1f18:1234:ab01::10' }, 'tcp 443');
        expectReason(b, 'EIGW_INBOUND', /drops those started from the internet/);
        const near = dualStack('igw');
        near.probe('internet', { kind: 'address', address: '2600:1f18:1234:ab01::10' }, 'tcp 443');
        expectAccept(near);
    });

    it('outbound IPv6 through it is fine, and inbound is still dropped', () => {
        const b = dualStack('eigw');
        b.probe('v6.h', { kind: 'internet', address: '2001:4860:4860::8888' }, 'tcp 443');
        expect(run(b)[0]!.verdict).toBe('ACCEPT');
        b.probe('internet', { kind: 'address', address: '2600:1f18:1234:ab01::10' }, 'tcp 22');
        expectReason(b, 'EIGW_INBOUND');
    });
});

describe('NAT_NO_INTERNET', () => {
    it('a NAT gateway placed in a private subnet', () => {
        const b = standardVpc(new TopologyBuilder())
            .nat('app', 'nat2', 'private')
            .table('app', 'private', [['0.0.0.0/0', 'nat2']]);
        b.probe('app.worker', { kind: 'internet', address: '8.8.8.8' }, 'tcp 443');
        expectReason(b, 'NAT_NO_INTERNET', /nat2's subnet private sends 8\.8\.8\.8 to nat2, not to an internet gateway/);
    });

    it('a NAT gateway whose public subnet lost its default route; restoring it is the near miss', () => {
        const b = standardVpc(new TopologyBuilder()).table('app', 'public', []);
        b.probe('app.worker', { kind: 'internet', address: '1.1.1.1' }, 'udp 53');
        expectReason(b, 'NAT_NO_INTERNET', /has no route for 1\.1\.1\.1/);
        const near = standardVpc(new TopologyBuilder());
        near.probe('app.worker', { kind: 'internet', address: '1.1.1.1' }, 'udp 53');
        expectAccept(near);
    });
});

describe('ENDPOINT_POLICY and BUCKET_POLICY', () => {
    const s3 = (policy = s3Policy) =>
        standardVpc(new TopologyBuilder()).gatewayEndpoint('app', 's3gw', 's3', ['private'], policy).bucket('assets', ['app.s3gw']);
    const service = { kind: 'service' as const, service: 's3' };

    it('the endpoint policy allows Get*, not Put', () => {
        const b = s3();
        b.probe('app.worker', service, 'tcp 443', { action: 's3:PutObject', resource: 'arn:aws:s3:::assets/a.csv' });
        expectReason(b, 'ENDPOINT_POLICY', /no statement of s3gw's policy allows s3:PutObject/);
        const near = s3();
        near.probe('app.worker', service, 'tcp 443', { action: 's3:GetObject', resource: 'arn:aws:s3:::assets/a.csv' });
        expectAccept(near);
    });

    it('an explicit deny wins over an allow', () => {
        const b = s3({
            statements: [...s3Policy.statements, { effect: 'deny', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::assets/secret/*'] }]
        });
        b.probe('app.worker', service, 'tcp 443', { action: 's3:GetObject', resource: 'arn:aws:s3:::assets/secret/key' });
        expectReason(b, 'ENDPOINT_POLICY', /explicit deny always wins/);
    });

    it('a private bucket refuses a request that came through the NAT gateway', () => {
        const b = s3();
        b.t.gatewayEndpoints[0]!.routeTables = [];
        b.probe('app.worker', service, 'tcp 443', { action: 's3:GetObject', resource: 'arn:aws:s3:::assets/a.csv' });
        expectReason(b, 'BUCKET_POLICY', /came over the internet path/);
    });

    it('and one from a public subnet through the internet gateway', () => {
        const b = s3();
        b.probe('app.web', service, 'tcp 443', { action: 's3:GetObject', resource: 'arn:aws:s3:::assets/a.csv' });
        expectReason(b, 'BUCKET_POLICY');
        const result = run(b)[0]!;
        expect(result.hops.map(h => h.kind)).toContain('internet-gateway');
    });
});

describe('ENDPOINT_PROTOCOL', () => {
    const build = () =>
        standardVpc(new TopologyBuilder())
            .sg('app', 'ep', [['ingress', 'all', '10.0.0.0/16']])
            .interfaceEndpoint('app', 'ssm', 'ssm', ['private'], ['ep']);

    it('UDP to an interface endpoint by its name', () => {
        const b = build();
        b.probe('app.worker', { kind: 'endpoint', endpoint: 'interface-endpoint:app.ssm' }, 'udp 443');
        expectReason(b, 'ENDPOINT_PROTOCOL', /PrivateLink carries TCP only/);
        const near = build();
        near.probe('app.worker', { kind: 'endpoint', endpoint: 'interface-endpoint:app.ssm' }, 'tcp 443');
        expectAccept(near);
    });

    it('ICMP to the service name that private DNS points at the endpoint', () => {
        const b = build();
        b.probe('app.worker', { kind: 'service', service: 'ssm' }, 'icmp');
        expectReason(b, 'ENDPOINT_PROTOCOL');
    });
});

describe('CROSS_REGION_ENDPOINT', () => {
    const isolated = () =>
        new TopologyBuilder()
            .vpc('iso', ['10.9.0.0/16'])
            .subnet('iso', 's', '10.9.1.0/24', { table: 'rt' })
            .table('iso', 'rt', [])
            .gatewayEndpoint('iso', 's3gw', 's3', ['rt'])
            .instance('iso', 'h', 's', '10.9.1.10');

    it('an S3 gateway endpoint does not carry traffic to S3 in another region', () => {
        const b = isolated();
        b.probe('iso.h', { kind: 'service', service: 's3', region: 'eu-west-1' }, 'tcp 443');
        expectReason(b, 'CROSS_REGION_ENDPOINT', /serves only us-east-1/);
        const near = isolated();
        near.probe('iso.h', { kind: 'service', service: 's3' }, 'tcp 443');
        expectAccept(near);
    });

    it('a prefix-list route of another region to the endpoint', () => {
        const b = isolated();
        const table = b.t.routeTables.find(t => t.name === 'rt')!;
        table.routes.push({
            id: 'x',
            destination: { kind: 'prefix-list', service: 's3', region: 'eu-west-1' },
            target: { kind: 'gateway-endpoint', id: 'gateway-endpoint:iso.s3gw' }
        });
        b.probe('iso.h', { kind: 'service', service: 's3', region: 'eu-west-1' }, 'tcp 443');
        expectReason(b, 'CROSS_REGION_ENDPOINT');
    });
});

describe('every blocker, not only the first', () => {
    it('lists the security group and both NACLs a path needs changed, in path order', () => {
        const b = withNacl([['inbound', 100, 'allow', 'all', '0.0.0.0/0']]);
        b.sg('app', 'mute', [['egress', 'tcp 22', '10.0.0.0/16']]).instance('app', 'q', 'public', '10.0.1.20', {
            publicIp: '54.0.0.20',
            groups: ['mute']
        });
        b.probe('app.q', { kind: 'internet', address: '8.8.8.8' }, 'tcp 443');
        const result = expectReason(b, 'SG_EGRESS');
        expect(result.blockers.map(x => x.reason)).toEqual(['SG_EGRESS', 'NACL_OUTBOUND']);
        for (const blocker of result.blockers) expect(result.hops[blocker.hop]!.action).toBe('REJECT');
    });
});

/** Two VPCs on one transit gateway: app (10.0/16) and shared (10.1/16); app's private subnet routes 10.1/16 to it. */
function twoSpokes(tables?: Parameters<TopologyBuilder['transitGateway']>[1], attachSubnet = 'private'): TopologyBuilder {
    const b = standardVpc(new TopologyBuilder());
    standardVpc(b, 'shared', '10.1.0.0/16');
    b.transitGateway('core', tables);
    b.attachment('app', 'att', 'core', [attachSubnet]).attachment('shared', 'att', 'core', ['private']);
    b.table('app', 'private', [
        ['0.0.0.0/0', 'nat'],
        ['10.1.0.0/16', 'core']
    ]);
    b.table('shared', 'private', [
        ['0.0.0.0/0', 'nat'],
        ['10.0.0.0/16', 'core']
    ]);
    b.sg('shared', 'svc', [['ingress', 'tcp 8080', '10.0.0.0/16']]).instance('shared', 'svc', 'private', '10.1.2.20', { groups: ['svc'] });
    b.probe('app.worker', 'shared.svc', 'tcp 8080');
    return b;
}

describe('TGW_NO_ROUTE', () => {
    it('the associated table has no route for the destination; near miss: the destination propagates into it', () => {
        expectReason(twoSpokes({ defaultPropagation: false, tables: [{ name: 'default', propagate: ['app.att'] }] }), 'TGW_NO_ROUTE');
        expectAccept(twoSpokes({ defaultPropagation: false, tables: [{ name: 'default', propagate: ['app.att', 'shared.att'] }] }));
    });
});

describe('TGW_BLACKHOLE', () => {
    it('a static blackhole for the destination; near miss: the blackhole covers another block', () => {
        expectReason(twoSpokes({ tables: [{ name: 'default', routes: [['10.1.2.0/24', 'blackhole']] }] }), 'TGW_BLACKHOLE', /blackhole/);
        expectAccept(twoSpokes({ tables: [{ name: 'default', routes: [['10.1.3.0/24', 'blackhole']] }] }));
    });
});

describe('TGW_NO_ATTACHMENT_AZ', () => {
    it("the source's AZ has no attachment subnet; near miss: the attachment's subnet is in that AZ", () => {
        const b = twoSpokes(undefined, 'public');
        b.t.subnets.find(s => s.id === 'subnet:app.private')!.az = 'us-east-1b';
        expectReason(b, 'TGW_NO_ATTACHMENT_AZ', /us-east-1b/);
        const near = twoSpokes(undefined, 'public');
        expectAccept(near);
    });
});

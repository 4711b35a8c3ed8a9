/**
 * NAT64 as the VPC guide describes it ("DNS64 and NAT64"): DNS64 answers an IPv4-only name with
 * 64:ff9b::/96 plus the IPv4 address, the subnet routes 64:ff9b::/96 to a NAT gateway, and the NAT
 * gateway sends the traffic on as IPv4 from its own address, through its subnet's route table.
 */
import { describe, expect, it } from 'vitest';
import type { FlowLog } from '../../src/model/topology.js';
import type { ProbeResult } from '../../src/model/trace.js';
import { addrOf, formatAddr } from '../../src/simulator/cidr.js';
import { compile } from '../../src/simulator/compile.js';
import { nat64Target } from '../../src/simulator/nat64.js';
import { simulateProbe, simulateWithFlowLogs } from '../../src/simulator/simulate.js';
import { TopologyBuilder } from './builder.js';

const SIX = '2600:1f18:1234:ab02::10';

/** A dual-stack VPC whose private subnet sends 64:ff9b::/96 to a public NAT gateway. */
function dualStack(
    privateRoutes: Array<[string, string]> = [['64:ff9b::/96', 'nat']],
    publicRoutes: Array<[string, string]> = [['0.0.0.0/0', 'igw']]
): TopologyBuilder {
    return new TopologyBuilder()
        .vpc('app', ['10.0.0.0/16'], { ipv6: '2600:1f18:1234:ab00::/56' })
        .subnet('app', 'public', '10.0.1.0/24', { table: 'public', ipv6: '2600:1f18:1234:ab01::/64' })
        .subnet('app', 'private', '10.0.2.0/24', { table: 'private', ipv6: '2600:1f18:1234:ab02::/64' })
        .gateway('app', 'igw')
        .nat('app', 'nat', 'public', '52.0.0.1')
        .table('app', 'public', publicRoutes)
        .table('app', 'private', privateRoutes)
        .sg('app', 'out', [
            ['egress', 'all', '0.0.0.0/0'],
            ['egress', 'all', '::/0']
        ])
        .instance('app', 'six', 'private', '10.0.2.10', { ipv6: SIX, groups: ['out'] });
}

function last(b: TopologyBuilder): ProbeResult {
    return simulateProbe(compile(b.t), b.t.probes[b.t.probes.length - 1]!);
}

const to = (address: string) => ({ kind: 'address' as const, address });

describe('NAT64', () => {
    it('reads the IPv4 address from the last 32 bits of 64:ff9b::/96 only', () => {
        expect(formatAddr(nat64Target(addrOf('64:ff9b::cb00:7105')!)!)).toBe('203.0.113.5');
        expect(nat64Target(addrOf('64:ff9b:1::cb00:7105')!)).toBeUndefined();
        expect(nat64Target(addrOf('203.0.113.5')!)).toBeUndefined();
    });

    it('IPv6 to 64:ff9b::cb00:7105 leaves the NAT gateway as IPv4 to 203.0.113.5, then through the internet gateway', () => {
        const b = dualStack();
        b.probe('app.six', to('64:ff9b::cb00:7105'), 'tcp 443');
        const r = last(b);
        expect(r.verdict, r.hops.map(h => `${h.kind} ${h.detail}`).join('\n')).toBe('ACCEPT');
        const nat = r.hops.find(h => h.kind === 'nat-gateway')!;
        expect(nat.detail).toMatch(
            /NAT64.*2600:1f18:1234:ab02::10:\d+ becomes its own address 10\.0\.1\.\d+:\d+.*64:ff9b::cb00:7105 becomes .* 203\.0\.113\.5/
        );
        expect(r.hops.filter(h => h.kind === 'route-table').map(h => h.name)).toEqual(['private', 'public']);
        expect(r.hops.find(h => h.kind === 'internet-gateway')!.detail).toMatch(/to its public address 52\.0\.0\.1/);
        expect(r.hops.find(h => h.kind === 'internet')!.detail).toMatch(/203\.0\.113\.5 is on the internet/);
    });

    it('near misses: outside the /96 no route matches; a NAT gateway without an internet route cannot go on', () => {
        const outside = dualStack();
        outside.probe('app.six', to('64:ff9b:1::cb00:7105'), 'tcp 443');
        expect(last(outside).reason).toBe('NO_ROUTE');
        const noIgw = dualStack(undefined, []);
        noIgw.probe('app.six', to('64:ff9b::cb00:7105'), 'tcp 443');
        const r = last(noIgw);
        expect(r.reason).toBe('NAT_NO_INTERNET');
        expect(r.blockers[0]!.detail).toMatch(/no route for 203\.0\.113\.5/);
    });

    it('an IPv6 route to the NAT gateway beyond 64:ff9b::/96 is not translated', () => {
        const b = dualStack([['::/0', 'nat']]);
        b.probe('app.six', to('2001:db8::1'), 'tcp 443');
        const r = last(b);
        expect(r.reason).toBe('NO_ROUTE');
        expect(r.blockers[0]!.detail).toMatch(/IPv6 only toward the NAT64 prefix 64:ff9b::\/96/);
    });

    it('the NAT gateway ENI logs both legs as AWS writes them: the primary private IPv4 address stands for the ENI on the IPv6 leg', () => {
        const b = dualStack();
        const flowLog: FlowLog = {
            kind: 'flow-log',
            id: 'flow-log:app.nat',
            name: 'nat',
            vpc: 'vpc:app',
            capture: { level: 'eni', target: 'nat-gateway:app.nat' },
            traffic: 'all',
            destination: { kind: 's3', target: 'arn:aws:s3:::flow-bucket' },
            aggregationSeconds: 600,
            format: { value: '${interface-id} ${srcaddr} ${dstaddr} ${pkt-srcaddr} ${pkt-dstaddr} ${flow-direction} ${action}' }
        };
        b.t.flowLogs.push(flowLog);
        b.probe('app.six', to('64:ff9b::cb00:7105'), 'tcp 443');
        const nat = compile(b.t).enisByOwner.get('nat-gateway:app.nat')![0]!;
        const natIp = formatAddr(nat.ipv4!);
        const records = simulateWithFlowLogs(b.t, 0).records.map(r => r.record.split(' '));
        expect(records).toEqual([
            [nat.eniId, SIX, natIp, SIX, '64:ff9b::cb00:7105', 'ingress', 'ACCEPT'],
            [nat.eniId, natIp, '203.0.113.5', natIp, '203.0.113.5', 'egress', 'ACCEPT'],
            [nat.eniId, '203.0.113.5', natIp, '203.0.113.5', natIp, 'ingress', 'ACCEPT'],
            [nat.eniId, natIp, SIX, '64:ff9b::cb00:7105', SIX, 'egress', 'ACCEPT']
        ]);
    });
});

/**
 * What AWS refuses outright, each on the offending token with its near miss (the closest text AWS
 * accepts): VPC blocks from special-purpose ranges, every row of the VPC guide's "IPv4 CIDR block
 * association restrictions" table, the 172.17.0.0/16 caveat, an interface endpoint with two subnets
 * in one Availability Zone, and one private address on two ENIs of a VPC.
 */
import { describe, expect, it } from 'vitest';
import { checkTopology, checkTopologyIncrementally, CheckCache } from '../../src/checker/index.js';
import { TopologyIndex } from '../../src/simulator/topology-index.js';
import { TopologyBuilder } from '../simulator/builder.js';
import { check, expectDiagnostic, expectNo } from '../helpers.js';

interface Case {
    name: string;
    code: string;
    text: string;
    token: string;
    nearMiss: string;
    says?: string;
}

const vpc = (...blocks: string[]) => `vpc a { ${blocks.map(b => `cidr ${b}`).join('  ')} }`;

const cases: Case[] = [
    // Special-purpose ranges, primary or secondary.
    {
        name: 'link-local as the primary block',
        code: 'vpc-cidr-restricted',
        text: vpc('169.254.0.0/16'),
        token: '169.254.0.0/16',
        nearMiss: vpc('100.64.0.0/16'),
        says: 'instance metadata'
    },
    {
        name: 'link-local as a secondary block',
        code: 'vpc-cidr-restricted',
        text: vpc('10.0.0.0/16', '169.254.10.0/24'),
        token: '169.254.10.0/24',
        nearMiss: vpc('10.0.0.0/16', '100.64.10.0/24')
    },
    {
        name: 'multicast',
        code: 'vpc-cidr-restricted',
        text: vpc('224.0.0.0/16'),
        token: '224.0.0.0/16',
        nearMiss: vpc('223.255.0.0/16'),
        says: 'multicast'
    },
    {
        name: 'loopback',
        code: 'vpc-cidr-restricted',
        text: vpc('127.0.0.0/16'),
        token: '127.0.0.0/16',
        nearMiss: vpc('128.0.0.0/16'),
        says: 'loopback'
    },
    { name: "'this network'", code: 'vpc-cidr-restricted', text: vpc('0.0.0.0/16'), token: '0.0.0.0/16', nearMiss: vpc('1.0.0.0/16') },
    {
        name: 'the block holding 255.255.255.255',
        code: 'vpc-cidr-restricted',
        text: vpc('255.255.255.240/28'),
        token: '255.255.255.240/28',
        nearMiss: vpc('223.255.255.240/28'),
        says: '255.255.255.255'
    },
    {
        name: 'IPv6 link-local',
        code: 'vpc-cidr-restricted',
        text: 'vpc a { cidr 10.0.0.0/16  ipv6 fe80::/56 }',
        token: 'fe80::/56',
        nearMiss: 'vpc a { cidr 10.0.0.0/16  ipv6 2600:1f18::/56 }'
    },
    // The association-restrictions table, row by row (primary range → a restricted secondary).
    {
        name: '10.0.0.0/8 primary, 172.16.0.0/12 secondary',
        code: 'vpc-cidr-restricted',
        text: vpc('10.0.0.0/16', '172.20.0.0/16'),
        token: '172.20.0.0/16',
        nearMiss: vpc('10.0.0.0/16', '10.5.0.0/16'),
        says: 'other RFC 1918 ranges'
    },
    {
        name: '10.0.0.0/8 primary in 10.0.0.0/15, a secondary from 10.0.0.0/16',
        code: 'vpc-cidr-restricted',
        text: vpc('10.1.0.0/16', '10.0.5.0/24'),
        token: '10.0.5.0/24',
        nearMiss: vpc('10.2.0.0/16', '10.0.5.0/24'),
        says: '10.0.0.0/15'
    },
    {
        name: '192.168.0.0/16 primary, 172.16.0.0/12 secondary',
        code: 'vpc-cidr-restricted',
        text: vpc('192.168.0.0/16', '172.16.0.0/16'),
        token: '172.16.0.0/16',
        nearMiss: vpc('192.168.0.0/16', '54.0.0.0/16')
    },
    {
        name: '192.168.0.0/16 primary, 198.19.0.0/16 secondary',
        code: 'vpc-cidr-restricted',
        text: vpc('192.168.0.0/16', '198.19.0.0/16'),
        token: '198.19.0.0/16',
        nearMiss: vpc('192.168.0.0/16', '100.64.0.0/16')
    },
    {
        name: '198.19.0.0/16 primary, RFC 1918 secondary',
        code: 'vpc-cidr-restricted',
        text: vpc('198.19.0.0/16', '10.0.0.0/16'),
        token: '10.0.0.0/16',
        nearMiss: vpc('198.19.0.0/16', '100.64.0.0/16')
    },
    {
        name: '100.64.0.0/10 primary, RFC 1918 secondary',
        code: 'vpc-cidr-restricted',
        text: vpc('100.64.0.0/16', '192.168.0.0/16'),
        token: '192.168.0.0/16',
        nearMiss: vpc('100.64.0.0/16', '54.1.0.0/16')
    },
    // The range some AWS services use.
    {
        name: '172.17.0.0/16 as the primary block',
        code: 'vpc-cidr-service-range',
        text: vpc('172.17.0.0/16'),
        token: '172.17.0.0/16',
        nearMiss: vpc('172.18.0.0/16'),
        says: 'SageMaker'
    },
    {
        name: 'a secondary block inside 172.17.0.0/16',
        code: 'vpc-cidr-service-range',
        text: vpc('172.16.0.0/16', '172.17.8.0/24'),
        token: '172.17.8.0/24',
        nearMiss: vpc('172.16.0.0/16', '172.18.8.0/24')
    }
];

const endpoint = (second: string, az = 'us-east-1a') => `vpc a {
  cidr 10.0.0.0/16
  dns-hostnames on
  subnet s az us-east-1a { cidr 10.0.1.0/24 }
  subnet t az ${az} { cidr 10.0.2.0/24 }
  security-group ep { ingress tcp 443 from 10.0.0.0/16 }
  interface-endpoint ssm service ssm { subnets s, ${second} security-groups ep }
}`;

describe('what AWS refuses', () => {
    for (const c of cases) {
        it(`${c.code}: ${c.name}`, async () => {
            const d = expectDiagnostic(await check(c.text), c.code, c.token);
            if (c.says) expect(d.message).toContain(c.says);
            expectNo(await check(c.nearMiss), c.code);
        });
    }

    it('a reserved primary block is reported once, not again through the association table', async () => {
        const result = await check(vpc('169.254.0.0/16', '192.168.0.0/16'));
        expect(result.diagnostics.filter(d => d.code === 'vpc-cidr-restricted').map(d => d.covered)).toEqual(['169.254.0.0/16']);
    });

    it('the syntax code keeps to syntax: a restricted range is not cidr-invalid', async () => {
        expectNo(await check(vpc('10.0.0.0/16', '192.168.0.0/16')), 'cidr-invalid');
    });

    it('interface-endpoint-az: a second subnet of one AZ, on that subnet, pointing at the first', async () => {
        const d = expectDiagnostic(await check(endpoint('t')), 'interface-endpoint-az', 't');
        expect(d.message).toContain('already has subnet s in us-east-1a');
        expect(d.relatedInformation?.[0]?.message).toBe('s is in us-east-1a');
        expectNo(await check(endpoint('t', 'us-east-1b')), 'interface-endpoint-az');
    });

    it('interface-endpoint-az: one subnet named twice', async () => {
        const d = expectDiagnostic(await check(endpoint('s')), 'interface-endpoint-az', 's');
        expect(d.message).toContain('twice');
        expect(d.range.start.line).toBe(6);
    });

    it('ip-duplicate: the later ENI, pointing at the earlier; an instance after a NAT gateway; IPv6 too', async () => {
        const text = `vpc a {
  cidr 10.0.0.0/16
  ipv6 2600:1f18:1234:ab00::/56
  subnet s az us-east-1a { cidr 10.0.1.0/24 ipv6 2600:1f18:1234:ab01::/64 }
  nat-gateway n subnet s ip 10.0.1.20
  instance one subnet s { ip 10.0.1.10 ipv6 2600:1f18:1234:ab01::10 }
  instance two subnet s { ip 10.0.1.10 }
  instance three subnet s { ip 10.0.1.20 }
  instance four subnet s { ip 10.0.1.40 ipv6 2600:1f18:1234:ab01::10 }
}`;
        const result = await check(text);
        const found = result.diagnostics.filter(d => d.code === 'ip-duplicate');
        expect(found.map(d => `${d.range.start.line}:${d.covered}`)).toEqual(['6:10.0.1.10', '7:10.0.1.20', '8:2600:1f18:1234:ab01::10']);
        expect(found[1]!.message).toContain('NAT gateway n');
        expect(found[0]!.relatedInformation?.[0]?.location.range.start.line).toBe(5);
    });

    it('ip-duplicate near miss: one address in two VPCs is two addresses', async () => {
        expectNo(
            await check(`vpc a { cidr 10.0.0.0/16  subnet s { cidr 10.0.1.0/24 }  instance i subnet s { ip 10.0.1.10 } }
vpc b { cidr 10.0.0.0/16  subnet s { cidr 10.0.1.0/24 }  instance i subnet s { ip 10.0.1.10 } }`),
            'ip-duplicate'
        );
    });

    it('ip-duplicate: a public or Elastic IP on two ENIs anywhere in the workspace, across files', async () => {
        const result = await check({
            '1.vpc': 'vpc a { cidr 10.0.0.0/16  subnet s { cidr 10.0.1.0/24 }  instance i subnet s { public-ip 54.0.0.10 } }',
            '2.vpc': 'vpc b { cidr 10.1.0.0/16  subnet s { cidr 10.1.1.0/24 }  nat-gateway n subnet s elastic-ip 54.0.0.10 }'
        });
        const d = expectDiagnostic(result, 'ip-duplicate', '54.0.0.10', '2.vpc');
        expect(d.message).toContain('public address of instance i');
        expect(d.relatedInformation?.[0]?.location.uri).toMatch(/1\.vpc$/);
        expectNo(
            await check({
                '1.vpc': 'vpc a { cidr 10.0.0.0/16  subnet s { cidr 10.0.1.0/24 }  instance i subnet s { public-ip 54.0.0.10 } }',
                '2.vpc': 'vpc b { cidr 10.1.0.0/16  subnet s { cidr 10.1.1.0/24 }  nat-gateway n subnet s elastic-ip 54.0.0.11 }'
            }),
            'ip-duplicate'
        );
    });

    it('the VPC-by-VPC checker finds what the whole run finds', () => {
        const b = new TopologyBuilder()
            .vpc('a', ['10.0.0.0/16', '169.254.0.0/24'])
            .subnet('a', 's', '10.0.1.0/24', { az: 'us-east-1a' })
            .subnet('a', 't', '10.0.2.0/24', { az: 'us-east-1a' })
            .instance('a', 'one', 's', '10.0.1.10')
            .instance('a', 'two', 's', '10.0.1.10')
            .interfaceEndpoint('a', 'ssm', 'ssm', ['s', 't'], [])
            .vpc('b', ['172.17.0.0/16']);
        const codes = (findings: Array<{ code: string }>) =>
            findings
                .map(f => f.code)
                .filter(c => ['vpc-cidr-restricted', 'vpc-cidr-service-range', 'ip-duplicate', 'interface-endpoint-az'].includes(c))
                .sort();
        const whole = codes(checkTopology(b.t));
        expect(whole).toEqual(['interface-endpoint-az', 'ip-duplicate', 'vpc-cidr-restricted', 'vpc-cidr-service-range']);
        expect(codes(checkTopologyIncrementally(b.t, new TopologyIndex(b.t), new CheckCache()))).toEqual(whole);
    });
});

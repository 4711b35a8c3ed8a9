/**
 * for_each over a map of subnets, dual stack with an egress-only internet gateway, network-ACL
 * rules as a list of maps through a dynamic block, the newer separate security-group rule
 * resources, and endpoints made by a local module. Verdicts reasoned from the VPC user guide
 * (egress-only internet gateways, network ACL rule order, gateway and interface endpoints with
 * private DNS) and Terraform's documentation (for_each, dynamic blocks, modules).
 */
import { describe, expect, it } from 'vitest';
import { importFixture, leftOut, verdict } from './probe.js';

const DIR = 'test/fixtures/terraform/for-each-dual-stack';

describe('for_each, dual stack, dynamic ACL rules, endpoints in a module', () => {
    it('names for_each instances by key, module resources with the module name first', async () => {
        const m = await importFixture(DIR);
        expect(m.topology.subnets.map(s => s.name)).toEqual(['this-db', 'this-web']);
        expect(m.topology.gatewayEndpoints.map(e => e.name)).toEqual(['endpoints-s3']);
        expect(m.topology.interfaceEndpoints.map(e => `${e.name} ${e.service} ${e.privateDns}`)).toEqual([
            'endpoints-interface-logs logs true',
            'endpoints-interface-ssm ssm true'
        ]);
        // The internet gateway and the egress-only one are both named `this`: routes name them, so the second gets -2.
        expect(m.topology.gateways.map(g => g.name)).toEqual(['this', 'this-2']);
    });

    it('the Amazon-provided IPv6 block gets a stated stand-in that subnets divide with cidrsubnet', async () => {
        const m = await importFixture(DIR);
        const block = m.topology.vpcs[0]!.ipv6[0]!.value;
        expect(m.notes.filter(n => n.kind === 'stand-in').map(n => n.what)).toContain(`aws_vpc.this: ipv6_cidr_block = ${block}`);
        // cidrsubnet(/56, 8, 1) is the second /64 of the block.
        expect(m.topology.subnets.find(s => s.name === 'this-web')?.ipv6?.value).toBe(block.replace('00::/56', '01::/64'));
    });

    it('expands the dynamic ingress rules in order of their numbers, after the static egress blocks', async () => {
        const m = await importFixture(DIR);
        const acl = m.topology.networkAcls.find(a => a.name === 'public')!;
        expect(acl.rules.map(r => `${r.direction} ${r.number} ${r.action}`)).toEqual([
            'inbound 100 allow',
            'outbound 100 allow',
            'outbound 101 allow',
            'inbound 110 allow',
            'inbound 120 deny'
        ]);
        expect(m.topology.subnets.find(s => s.name === 'this-web')?.networkAcl).toBe(acl.id);
    });

    it('probe verdicts', async () => {
        const t = (await importFixture(DIR)).topology;
        // Public subnet: IGW route, ACL rule 100 admits 443, the group admits 443.
        expect(verdict(t, 'internet -> this.web tcp 443')).toBe('ACCEPT');
        // ACL rule 120 denies 22 (and the group has no rule for it).
        expect(verdict(t, 'internet -> this.web tcp 22')).toBe('REJECT');
        // The private table sends ::/0 to the egress-only gateway: IPv6 out works...
        expect(verdict(t, 'this.db -> internet 2001:4860:4860::8888 tcp 443')).toBe('ACCEPT');
        // ...IPv4 has no default route there.
        expect(verdict(t, 'this.db -> internet 8.8.8.8 tcp 443')).toBe('REJECT');
        // The S3 gateway endpoint is on the private table.
        expect(verdict(t, 'this.db -> service s3 tcp 443')).toBe('ACCEPT');
        // Private DNS sends ssm to the endpoint's ENI in the db subnet; its group admits 443 from
        // the VPC; the web subnet's ACL lets the replies in (rule 110, ports 1024-65535).
        expect(verdict(t, 'this.web -> service ssm tcp 443')).toBe('ACCEPT');
    });

    it('imports the module group that has no egress rule, leaving nothing out', async () => {
        expect(leftOut(await importFixture(DIR))).toEqual([]);
    });
});

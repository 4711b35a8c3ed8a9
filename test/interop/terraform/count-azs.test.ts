/**
 * Count over availability zones with cidrsubnet, a NAT gateway per AZ or a single one: the style
 * of most VPC modules. Verdicts reasoned from AWS's documentation (VPC user guide: internet
 * gateways, NAT gateways, security groups) and Terraform's (count, cidrsubnet).
 */
import { printImport } from '../../../src/interop/terraform/output/print.js';
import { describe, expect, it } from 'vitest';
import { importFixture, leftOut, verdict } from './probe.js';

const DIR = 'test/fixtures/terraform/count-azs';

describe('count over AZs with cidrsubnet', () => {
    it('evaluates count, cidrsubnet and the AZs of the region from the catalogue', async () => {
        const m = await importFixture(DIR);
        // cidrsubnet("10.20.0.0/16", 8, i) is 10.20.i.0/24; the private ones start at netnum 10.
        expect(m.topology.subnets.map(s => `${s.name} ${s.az} ${s.cidr?.value}`)).toEqual([
            'public-0 us-east-1a 10.20.0.0/24',
            'public-1 us-east-1b 10.20.1.0/24',
            'private-0 us-east-1a 10.20.10.0/24',
            'private-1 us-east-1b 10.20.11.0/24'
        ]);
        // cidrhost(10.20.10.0/24, 10)
        expect(m.topology.instances.find(i => i.name === 'app-0')?.ip?.value).toBe('10.20.10.10');
        expect(m.topology.natGateways.map(n => n.subnet)).toEqual(['subnet:main.public-0', 'subnet:main.public-1']);
    });

    it('another region gives other AZ names (--region)', async () => {
        const m = await importFixture(DIR, { region: 'eu-west-1' });
        expect(m.topology.subnets.map(s => s.az)).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1a', 'eu-west-1b']);
    });

    it('a NAT gateway per AZ: each private table routes to the NAT of its own AZ', async () => {
        const m = await importFixture(DIR);
        const routes = m.topology.routeTables.filter(r => r.name.startsWith('private')).map(r => `${r.name} -> ${r.routes[0]?.target?.id}`);
        expect(routes).toEqual(['private-0 -> nat-gateway:main.nat-0', 'private-1 -> nat-gateway:main.nat-1']);
    });

    it('single_nat_gateway: one NAT gateway, both private tables route to it', async () => {
        const m = await importFixture(DIR, { vars: ['single_nat_gateway=true'] });
        expect(m.topology.natGateways.map(n => n.name)).toEqual(['nat-0']);
        expect(m.topology.routeTables.filter(r => r.name.startsWith('private')).map(r => r.routes[0]?.target?.id)).toEqual([
            'nat-gateway:main.nat-0',
            'nat-gateway:main.nat-0'
        ]);
    });

    it('probe verdicts', async () => {
        const t = (await importFixture(DIR)).topology;
        // web instances sit in public subnets with map_public_ip_on_launch: a public address, a
        // route to the internet gateway, and the web group admits 443 from anywhere.
        expect(verdict(t, 'internet -> main.web-0 tcp 443')).toBe('ACCEPT');
        expect(verdict(t, 'internet -> main.web-0 tcp 22')).toBe('REJECT');
        // The app group admits 8080 from members of the web group only.
        expect(verdict(t, 'main.web-1 -> main.app-0 tcp 8080')).toBe('REJECT'); // web-1 has no egress rule: see below
        // app instances are private: their egress goes out through the NAT gateway of their AZ.
        expect(verdict(t, 'main.app-0 -> internet 8.8.8.8 tcp 443')).toBe('ACCEPT');
        expect(verdict(t, 'internet -> main.app-0 tcp 8080')).toBe('REJECT');
    });

    it('a group Terraform creates with no egress block has no egress rule, printed `egress none`', async () => {
        const m = await importFixture(DIR);
        // The provider removes AWS's default allow-all egress rule (aws_security_group docs), so the
        // web instances can answer (security groups are stateful) but not start connections.
        expect(m.topology.securityGroups.find(g => g.name === 'web')?.rules.filter(r => r.direction === 'egress')).toEqual([]);
        expect(leftOut(m)).toEqual([]);
        const web = printImport(m.topology, m.origins, m.notes, DIR)
            .map(f => f.text)
            .join('\n')
            .match(/security-group web \{[^}]*\}/)![0];
        expect(web).toMatch(/\n\s*egress none\n/);
    });
});

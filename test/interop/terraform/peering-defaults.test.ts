/**
 * Two VPCs peered, default resources managed by Terraform, the separate rule and association
 * resources, a flow log to a bucket kept private to a gateway endpoint. Verdicts reasoned from
 * the VPC user guide (peering routes on both sides, stateless network ACLs need the return
 * ports) and the AWS provider's pages (aws_default_route_table and aws_default_security_group
 * remove what they do not list; aws_main_route_table_association makes a table main).
 */
import { describe, expect, it } from 'vitest';
import { importFixture, leftOut, verdict } from './probe.js';

const DIR = 'test/fixtures/terraform/peering-defaults';

describe('peering and default resources', () => {
    it('takes the region from the provider block, the main tables from the default and main-association resources', async () => {
        const m = await importFixture(DIR);
        expect(m.topology.vpcs.map(v => `${v.name} ${v.region} ${v.mainRouteTable}`)).toEqual([
            'app eu-west-1 route-table:app.app',
            'shared eu-west-1 route-table:shared.shared'
        ]);
        expect(
            m.topology.routeTables.map(
                r =>
                    `${r.id} main=${r.main} ${r.routes.map(x => `${x.destination.kind === 'cidr' ? x.destination.cidr : ''}->${x.target?.id}`).join()}`
            )
        ).toEqual([
            'route-table:app.app main=true 10.61.0.0/16->peering:app_shared',
            'route-table:shared.shared main=true 10.60.0.0/16->peering:app_shared'
        ]);
        // route_table_id = aws_vpc.app.default_route_table_id names the main table AWS made.
        expect(m.topology.gatewayEndpoints.map(e => e.routeTables.map(r => r.value))).toEqual([['route-table:app.app']]);
        expect(m.topology.peerings.map(p => `${p.requester} ${p.accepter} ${p.dnsResolution}`)).toEqual(['vpc:app vpc:shared true']);
    });

    it('the default group is replaced by the one Terraform manages, and instances without groups use it', async () => {
        const m = await importFixture(DIR);
        expect(m.topology.instances.find(i => i.name === 'app')?.securityGroups).toEqual(['security-group:app.app']);
        expect(
            m.topology.securityGroups
                .filter(g => g.vpc === 'vpc:app')
                .map(g => g.rules.map(r => `${r.direction} ${r.protocol} ${r.peer.kind === 'cidr' ? r.peer.cidr : r.peer.kind}`))
        ).toEqual([['ingress all sg', 'egress tcp 10.61.0.0/16', 'egress tcp 0.0.0.0/0']]);
    });

    it("the bucket policy and flow log resolve through jsonencode and the bucket's ARN", async () => {
        const m = await importFixture(DIR);
        expect(m.topology.buckets.map(b => `${b.name} ${b.region} ${b.privateTo.join()}`)).toEqual([
            'app-flow-logs eu-west-1 gateway-endpoint:app.s3'
        ]);
        expect(m.topology.flowLogs.map(f => f.destination)).toEqual([{ kind: 's3', target: 'arn:aws:s3:::app-flow-logs' }]);
    });

    it('lists what the language cannot say', async () => {
        expect(leftOut(await importFixture(DIR))).toEqual(['aws_ec2_managed_prefix_list.office', 'aws_iam_role.flow_logs']);
    });

    it('probe verdicts', async () => {
        const t = (await importFixture(DIR)).topology;
        // Routes both ways over the peering, the shared ACL admits 5432 and lets the replies out
        // on the ephemeral ports, the db group admits 5432 from the app subnet.
        expect(verdict(t, 'app.app -> shared.db tcp 5432')).toBe('ACCEPT');
        // The shared ACL has no inbound rule for 22: its implicit deny.
        expect(verdict(t, 'app.app -> shared.db tcp 22')).toBe('REJECT');
        // The db side may not start connections to app: app's default group admits only its members.
        expect(verdict(t, 'shared.db -> app.app tcp 443')).toBe('REJECT');
        // S3 through the gateway endpoint on app's main table, egress 443 allowed.
        expect(verdict(t, 'app.app -> service s3 tcp 443')).toBe('ACCEPT');
        // No internet gateway anywhere.
        expect(verdict(t, 'app.app -> internet 1.1.1.1 tcp 443')).toBe('REJECT');
    });
});

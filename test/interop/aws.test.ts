/**
 * The describe-* importer against estates written from AWS's documented output shapes. Verdicts
 * come from AWS's rules (VPC User Guide: route tables, internet gateways, NAT gateways, security
 * groups, gateway and interface endpoints, peering), reasoned out in the comments, not from a run.
 */
import { describe, expect, it } from 'vitest';
import { importAws } from '../../src/interop/aws/index.js';
import { endpointOnly, peered } from '../fixtures/aws/private-and-peered.js';
import { twoTier } from '../fixtures/aws/two-tier.js';
import { verdict, writeFixture } from './helpers.js';

describe('import aws: two-tier VPC with a NAT gateway per AZ', async () => {
    const result = await importAws(writeFixture(twoTier));
    const t = result.topology;

    it('names elements by their Name tag and keeps the structure', () => {
        expect(t.vpcs.map(v => v.name)).toEqual(['two-tier']);
        expect(t.subnets.map(s => `${s.name} ${s.cidr?.value} ${s.az}`)).toEqual([
            'public-a 10.0.0.0/24 us-east-1a',
            'public-b 10.0.1.0/24 us-east-1b',
            'private-a 10.0.10.0/24 us-east-1a',
            'private-b 10.0.11.0/24 us-east-1b'
        ]);
        const byName = new Map(t.subnets.map(s => [s.name, s]));
        expect(byName.get('private-b')!.routeTable).toBe('route-table:two-tier.private-b');
        expect(byName.get('public-a')!.routeTable).toBe('route-table:two-tier.public');
        // The main table has only its local route; it replaces the implicit one.
        expect(t.routeTables.filter(r => r.main).map(r => r.name)).toEqual(['rtb-0main00000000000']);
        expect(t.vpcs[0]!.mainRouteTable).toBe('route-table:two-tier.rtb-0main00000000000');
        // The untouched default group and NACL are AWS's own, not printed again.
        expect(t.securityGroups.filter(g => !g.implicit).map(g => g.name)).toEqual(['web-sg', 'app-sg']);
        expect(t.networkAcls.filter(a => !a.implicit)).toEqual([]);
        expect(t.natGateways.map(n => `${n.name} ${n.publicIp?.value}`)).toEqual(['nat-a 52.0.0.1', 'nat-b 52.0.0.2']);
    });

    it('comments name where each element came from', () => {
        expect(result.comments.get('subnet:two-tier.public-a')).toEqual(['subnet-0pub0000000000a "public-a" (subnets.json Subnets[0])']);
    });

    it('makes the ENIs of an ALB and a Lambda function instances named after them, and says so', () => {
        expect(t.instances.map(i => i.name)).toEqual(['web-a', 'app-b', 'alb-web-alb', 'lambda-resize-images']);
        expect(result.comments.get('instance:two-tier.alb-web-alb')!.join(' ')).toMatch(/load balancer app\/web-alb/);
        expect(result.report.notes.filter(n => n.kind === 'stand-in').map(n => n.what)).toEqual([
            'network interface eni-0alb0000000000001, the network interface of load balancer app/web-alb/50dc6c495c0c9188',
            'network interface eni-0lambda00000000001, a network interface of Lambda function resize-images'
        ]);
        expect(result.report.hasLeftOut).toBe(false);
    });

    it('answers probes as AWS would', () => {
        // Public subnet → IGW, a public IP, and web-sg admits 443 from anywhere; the default NACL allows all.
        expect(verdict(t, 'internet', 'web-a', 'tcp', 443)).toBe('ACCEPT');
        // web-sg admits nothing on 22.
        expect(verdict(t, 'internet', 'web-a', 'tcp', 22)).toBe('REJECT SG_INGRESS');
        // app-sg admits 8080 from members of web-sg, and the local route covers the VPC.
        expect(verdict(t, 'web-a', 'app-b', 'tcp', 8080)).toBe('ACCEPT');
        // private-b → nat-b (in public-b, whose table sends 0.0.0.0/0 to the IGW).
        expect(verdict(t, 'app-b', { kind: 'internet', address: '8.8.8.8' }, 'tcp', 443)).toBe('ACCEPT');
        // app-b has no public address: nothing from the internet reaches it.
        expect(verdict(t, 'internet', 'app-b', 'tcp', 8080)).toBe('REJECT NO_PUBLIC_IP');
        // app-sg admits 8080 from web-sg members only; the Lambda ENI is in app-sg, not web-sg.
        expect(verdict(t, 'lambda-resize-images', 'app-b', 'tcp', 8080)).toBe('REJECT SG_INGRESS');
    });

    it('imports flow logs to S3 and CloudWatch Logs at VPC, subnet and ENI level', () => {
        expect(
            t.flowLogs.map(f => ({
                name: f.name,
                capture: f.capture,
                traffic: f.traffic,
                destination: f.destination,
                agg: f.aggregationSeconds,
                format: f.format?.value
            }))
        ).toEqual([
            {
                name: 'all-to-s3',
                capture: { level: 'vpc', target: 'vpc:two-tier' },
                traffic: 'all',
                destination: { kind: 's3', target: 'arn:aws:s3:::flow-log-bucket' },
                agg: 600,
                format: undefined
            },
            {
                name: 'fl-0cw0000000000000002',
                capture: { level: 'subnet', target: 'subnet:two-tier.private-b' },
                traffic: 'reject',
                destination: { kind: 'cloudwatch', target: 'two-tier-private-rejects' },
                agg: 60,
                format: '${version} ${interface-id} ${srcaddr} ${dstaddr} ${pkt-srcaddr} ${action}'
            },
            {
                name: 'fl-0eni000000000000003',
                capture: { level: 'eni', target: 'nat-gateway:two-tier.nat-a' },
                traffic: 'accept',
                destination: { kind: 'cloudwatch', target: 'nat-a' },
                agg: 600,
                format: undefined
            }
        ]);
    });
});

describe('import aws: endpoint-only private VPC', async () => {
    const result = await importAws(writeFixture(endpointOnly));
    const t = result.topology;

    it('reads DNS flags, endpoints, AWS-managed prefix lists and the customer-managed one the VPC names, saying its entries are missing', () => {
        expect(t.vpcs[0]).toMatchObject({ name: 'vault', dnsSupport: true, dnsHostnames: true });
        expect(
            t.gatewayEndpoints.map(e => ({
                name: e.name,
                service: e.service,
                region: e.region,
                tables: e.routeTables.map(r => r.value),
                policy: e.policy
            }))
        ).toEqual([{ name: 's3', service: 's3', region: 'us-east-1', tables: ['route-table:vault.private'], policy: undefined }]);
        // The endpoint's own prefix-list route comes back from its route-tables, not twice.
        expect(t.routeTables.find(r => r.name === 'private')!.routes).toEqual([]);
        expect(
            t.interfaceEndpoints.map(e => ({
                name: e.name,
                service: e.service,
                subnets: e.subnets.length,
                dns: e.privateDns,
                groups: e.securityGroups
            }))
        ).toEqual([{ name: 'ssm', service: 'ssm', subnets: 2, dns: true, groups: ['security-group:vault.endpoint-sg'] }]);
        const worker = t.securityGroups.find(g => g.name === 'worker-sg')!;
        // The customer-managed list becomes the VPC's own list that the rule names; AWS counts it as MaxEntries.
        expect(worker.rules.map(r => r.peer)).toEqual([
            { kind: 'prefix-list', service: 'office', region: 'us-east-1', list: 'prefix-list:vault.office' },
            { kind: 'prefix-list', service: 's3', region: 'us-east-1' },
            { kind: 'cidr', cidr: '10.1.0.0/16' }
        ]);
        expect(t.prefixLists).toEqual([
            { kind: 'prefix-list', id: 'prefix-list:vault.office', name: 'office', vpc: 'vpc:vault', maxEntries: 5, entries: [] }
        ]);
        expect(result.report.lines()).toEqual([
            'managed-prefix-lists.json PrefixLists[1]: left out: the entries of prefix list pl-0office000000001 (add its get-managed-prefix-list-entries output, in a file named after it (as --print-commands does))'
        ]);
    });

    it('answers probes as AWS would', () => {
        // The gateway endpoint adds the S3 prefix list to the table, and worker-sg lets 443 out to it.
        expect(verdict(t, 'worker', { kind: 'service', service: 's3' }, 'tcp', 443)).toBe('ACCEPT');
        // Private DNS makes ssm's default name resolve to the endpoint; endpoint-sg admits 443 from the VPC.
        expect(verdict(t, 'worker', { kind: 'service', service: 'ssm' }, 'tcp', 443)).toBe('ACCEPT');
        // No internet gateway, no NAT: nothing matches 8.8.8.8. (worker-sg would block it too, but the route comes first.)
        expect(verdict(t, 'worker', { kind: 'internet', address: '8.8.8.8' }, 'tcp', 443)).toMatch(/^REJECT (NO_ROUTE|SG_EGRESS)$/);
    });
});

describe('import aws: peered pair and a peer outside the snapshot', async () => {
    const result = await importAws(writeFixture(peered));
    const t = result.topology;

    it("keeps the outside peer as a placeholder with the block the peering reports, and the other account's group resolvable", () => {
        const placeholder = t.vpcs.find(v => v.name === 'vpc-0remote0000000001')!;
        expect(placeholder).toMatchObject({ account: '222222222222', region: 'us-east-1', cidrs: [{ value: '10.3.0.0/16' }] });
        expect(t.peerings.map(p => `${p.name} ${p.requester} ${p.accepter}`)).toEqual([
            'app-shared vpc:app vpc:shared',
            'app-partner vpc:app vpc:vpc-0remote0000000001'
        ]);
        const appSg = t.securityGroups.find(g => g.name === 'app-sg')!;
        expect(appSg.rules[0]!.peer).toEqual({ kind: 'sg', group: 'security-group:vpc-0remote0000000001.sg-0partner000000001' });
        expect(t.securityGroups.some(g => g.id === 'security-group:vpc-0remote0000000001.sg-0partner000000001')).toBe(true);
        expect(t.accounts.map(a => a.number).sort()).toEqual(['111111111111', '222222222222']);
        expect(result.report.hasLeftOut).toBe(false);
    });

    it('answers probes as AWS would', () => {
        // Routes both ways through the peering, same region: db-sg may name app-sg, which admits app-1.
        expect(verdict(t, 'app-1', 'db-1', 'tcp', 5432)).toBe('ACCEPT');
        // app-sg admits only 8443 from the partner's group: db-1 is not in it.
        expect(verdict(t, 'db-1', 'app-1', 'tcp', 8443)).toBe('REJECT SG_INGRESS');
    });
});

/**
 * Plans and state from `terraform show -json`, written by hand in the format HashiCorp's "JSON
 * Output Format" page documents. Verdicts reasoned from the VPC user guide and the AWS
 * provider's documentation of aws_default_route_table and aws_default_security_group.
 */
import { describe, expect, it } from 'vitest';
import { readShowJson } from '../../../src/interop/terraform/plan-state.js';
import { TerraformInputError } from '../../../src/interop/terraform/errors.js';
import { importFixture, leftOut, verdict } from './probe.js';

describe('a plan', () => {
    it('rebuilds links the plan does not know yet from the configuration references', async () => {
        const m = await importFixture('test/fixtures/terraform/json/plan.json');
        // vpc_id is unknown in planned_values; configuration says aws_vpc.main.id.
        expect(m.topology.subnets.map(s => `${s.id} ${s.vpc}`)).toEqual(['subnet:main.public-0 vpc:main', 'subnet:main.public-1 vpc:main']);
        // subnet_id = aws_subnet.public[count.index].id is listed as `aws_subnet.public`: the same index.
        expect(m.topology.subnets.map(s => s.routeTable)).toEqual(['route-table:main.public', 'route-table:main.public']);
        // The inline route's gateway_id is unknown inside a block: rebuilt from the block's expressions.
        expect(m.topology.routeTables.find(r => r.name === 'public')?.routes.map(r => r.target?.id)).toEqual(['internet-gateway:main.gw']);
        expect(leftOut(m)).toEqual([]);
    });

    it('probe verdicts: the public subnet gives the instance a public address and a route out', async () => {
        const t = (await importFixture('test/fixtures/terraform/json/plan.json')).topology;
        expect(verdict(t, 'internet -> main.web tcp 443')).toBe('ACCEPT');
        expect(verdict(t, 'internet -> main.web tcp 80')).toBe('REJECT');
        expect(verdict(t, 'main.web -> internet 1.1.1.1 tcp 443')).toBe('ACCEPT');
    });
});

describe('a state', () => {
    it('links by AWS ids, names module resources with the module first, keeps the bucket name', async () => {
        const m = await importFixture('test/fixtures/terraform/json/state.json');
        expect(m.topology.vpcs.map(v => v.name)).toEqual(['net-this-0']);
        expect(m.topology.instances.map(i => `${i.name} ${i.subnet}`)).toEqual(['app-this subnet:net-this-0.net-private-0']);
        expect(m.topology.buckets.map(b => `${b.name} ${b.privateTo.join()}`)).toEqual([
            'acme-flow-logs gateway-endpoint:net-this-0.net-s3-0'
        ]);
        expect(m.topology.flowLogs.map(f => `${f.traffic} ${f.aggregationSeconds} ${f.destination?.target}`)).toEqual([
            'reject 60 arn:aws:s3:::acme-flow-logs'
        ]);
    });

    it('default resources replace what AWS made: the main table has only the endpoint route, the default group no rule', async () => {
        const m = await importFixture('test/fixtures/terraform/json/state.json');
        const vpc = m.topology.vpcs[0]!;
        expect(vpc.mainRouteTable).toBe('route-table:net-this-0.net-this-0');
        expect(m.topology.securityGroups.filter(g => g.vpc === vpc.id).map(g => `${g.name} ${g.rules.length}`)).toEqual(['net-this-0 0']);
        // aws_default_security_group with no egress block removes the default allow-all egress
        // (provider docs), so the instance cannot start any connection, even to S3 through the endpoint.
        const t = m.topology;
        expect(verdict(t, 'net-this-0.app-this -> service s3 tcp 443')).toBe('REJECT');
        expect(verdict(t, 'net-this-0.app-this -> internet 1.1.1.1 tcp 443')).toBe('REJECT');
        expect(leftOut(m)).toEqual([]);
    });

    it('refuses a format version whose major it does not know', () => {
        expect(() => readShowJson({ format_version: '2.0', values: {} }, 'future.json', 'us-east-1')).toThrow(TerraformInputError);
        expect(() => readShowJson({ format_version: '2.0', values: {} }, 'future.json', 'us-east-1')).toThrow(
            'future.json: format_version 2.0 is not one this import reads (it reads major versions 0 and 1)'
        );
        expect(() => readShowJson({ resources: [] }, 'x.json', 'us-east-1')).toThrow(/not the output of terraform show -json/);
    });
});

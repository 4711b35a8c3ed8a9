/**
 * import(export(x)) equals x in findings, probe verdicts and the reachability matrix, for the
 * examples that deploy in one account and region (one root module). The design's AWS-assigned
 * values (IPv6 blocks, public addresses) come back through the vpc-lab:* tags the export writes.
 */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportTerraform } from '../../src/interop/terraform/export/index.js';
import { importTerraform } from '../../src/interop/terraform/index.js';
import type { Topology } from '../../src/model/topology.js';
import { compile } from '../../src/simulator/compile.js';
import { computeMatrix } from '../../src/simulator/matrix.js';
import { simulate } from '../../src/simulator/simulate.js';
import { check } from '../helpers.js';
import { root } from '../cli/run.js';

async function modelOf(input: string | Record<string, string>): Promise<{ topology: Topology; codes: string[] }> {
    const result = await check(input);
    return { topology: result.services.workspace.WorkspaceModel.get().topology, codes: result.codes().sort() };
}

function verdicts(topology: Topology, probes: Topology['probes']): string[] {
    return simulate({ ...topology, probes }).map(r => r.verdict);
}

async function roundTrip(text: string) {
    const before = await modelOf(text);
    const { files } = await exportTerraform(before.topology);
    const folders = [...new Set(files.map(f => f.path.split('/')[0]!))];
    const dir = mkdtempSync(join(tmpdir(), 'tf-round-trip-'));
    for (const f of files) {
        mkdirSync(dirname(join(dir, f.path)), { recursive: true });
        writeFileSync(join(dir, f.path), f.text);
    }
    const imported = await importTerraform(join(dir, folders[0]!), {
        region: before.topology.vpcs[0]?.region,
        vars: files.some(f => f.text.includes('variable "flow_logs_role_arn"'))
            ? ['flow_logs_role_arn=arn:aws:iam::123456789012:role/flow-logs']
            : []
    });
    const after = await modelOf(Object.fromEntries(imported.files.map(f => [f.name, f.text])));
    return { before, after, folders, notes: imported.notes };
}

/** The examples that export at all (no error findings, as `vpc-lab export` requires) into one root module. */
const single = ['stateful-vs-stateless.vpc', 'flow-logs.vpc'];

describe('Terraform round trip', () => {
    it.each(single)('%s: findings, probe verdicts and the matrix survive export and import', async file => {
        const { before, after, folders, notes } = await roundTrip(readFileSync(join(root, 'examples', file), 'utf8'));
        expect(folders).toHaveLength(1);
        // The import does not read Reachability Analyzer paths back as probes yet: everything else comes back.
        expect(
            notes.filter(n => n.kind === 'left-out' && !n.what.startsWith('aws_ec2_network_insights_path.')).map(n => `${n.what}: ${n.why}`)
        ).toEqual([]);
        // Probes are not imported (Reachability Analyzer paths are not part of the language): the design's own run on both.
        expect(verdicts(after.topology, before.topology.probes)).toEqual(verdicts(before.topology, before.topology.probes));
        expect(computeMatrix(compile(after.topology))).toEqual(computeMatrix(compile(before.topology)));
        const probeCodes = /^probe-/;
        expect(after.codes.filter(c => !probeCodes.test(c))).toEqual(before.codes.filter(c => !probeCodes.test(c)));
    });

    it('the AWS-assigned values of the design (IPv6 blocks and addresses, public addresses) come back from the vpc-lab tags as stand-ins', async () => {
        const { before, after, notes } = await roundTrip(`vpc app { cidr 10.0.0.0/16  ipv6 2600:1f18:1234:ab00::/56
            internet-gateway igw
            egress-only-internet-gateway eigw
            subnet pub az us-east-1a { cidr 10.0.0.0/24  ipv6 2600:1f18:1234:ab03::/64  route-table pub }
            route-table pub { route 0.0.0.0/0 -> igw  route ::/0 -> igw }
            security-group web { ingress tcp 443 from 0.0.0.0/0  ingress tcp 443 from ::/0 }
            instance web-1 subnet pub { ip 10.0.0.10  ipv6 2600:1f18:1234:ab03::10  public-ip 54.0.0.10  security-groups web } }
            probe internet -> web-1 tcp 443 expect accept`);
        expect(after.topology.vpcs[0]!.ipv6.map(b => b.value)).toEqual(['2600:1f18:1234:ab00::/56']);
        expect(after.topology.subnets[0]!.ipv6?.value).toBe('2600:1f18:1234:ab03::/64');
        expect(after.topology.instances[0]!.ipv6?.value).toBe('2600:1f18:1234:ab03::10');
        expect(after.topology.instances[0]!.publicIp?.value).toBe('54.0.0.10');
        expect(
            notes
                .filter(n => n.kind === 'stand-in')
                .map(n => n.what)
                .sort()
        ).toEqual([
            'aws_instance.web-1: ipv6_addresses = [2600:1f18:1234:ab03::10]',
            'aws_instance.web-1: public_ip = 54.0.0.10',
            'aws_vpc.app: ipv6_cidr_block = 2600:1f18:1234:ab00::/56'
        ]);
        expect(verdicts(after.topology, before.topology.probes)).toEqual(['ACCEPT']);
        expect(computeMatrix(compile(after.topology))).toEqual(computeMatrix(compile(before.topology)));
        expect(after.codes).toEqual(before.codes);
    });
});

/**
 * import(export(x)) equals x in findings, probe verdicts and the reachability matrix, for the
 * examples that deploy in one account and region (one root module), for those that deploy in several,
 * and for random designs of one or several root modules. The
 * design's AWS-assigned values (IPv6 blocks, public addresses) come back through the vpc-lab:*
 * tags the export writes, and its probes from the aws_ec2_network_insights_path resources.
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
import fc from 'fast-check';
import { arbitraryTopology } from '../printer/arbitrary.js';
import { deployable } from './deployable.js';
import {
    byLogicalIds,
    byOrigins,
    designProbesOn,
    matrixOf,
    propertyRuns,
    unexpressible,
    verdictsOf,
    NEW_KINDS
} from './round-trip-support.js';

async function modelOf(input: string | Record<string, string>): Promise<{ topology: Topology; codes: string[] }> {
    const result = await check(input);
    return { topology: result.services.workspace.WorkspaceModel.get().topology, codes: result.codes().sort() };
}

function verdicts(topology: Topology, probes: Topology['probes']): string[] {
    return simulate({ ...topology, probes }).map(r => r.verdict);
}

async function roundTrip(text: string | Record<string, string>) {
    const before = await modelOf(text);
    const { files, resourceNames, notExported } = await exportTerraform(before.topology);
    const folders = [...new Set(files.map(f => f.path.split('/')[0]!))];
    const dir = mkdtempSync(join(tmpdir(), 'tf-round-trip-'));
    for (const f of files) {
        mkdirSync(dirname(join(dir, f.path)), { recursive: true });
        writeFileSync(join(dir, f.path), f.text);
    }
    // One root module is read as a folder; several as the parent folder the export wrote them in.
    const imported = await importTerraform(folders.length === 1 ? join(dir, folders[0]!) : dir, {
        ...(folders.length === 1 ? { region: before.topology.vpcs[0]?.region } : {}),
        vars: [
            ...(files.some(f => f.text.includes('variable "flow_logs_role_arn"'))
                ? ['flow_logs_role_arn=arn:aws:iam::123456789012:role/flow-logs']
                : []),
            ...(files.some(f => f.text.includes('variable "certificate_arn"'))
                ? ['certificate_arn=arn:aws:acm:us-east-1:123456789012:certificate/0123abcd-0123-0123-0123-0123456789ab']
                : [])
        ]
    });
    const after = await modelOf(Object.fromEntries(imported.files.map(f => [f.name, f.text])));
    return {
        before,
        after,
        folders,
        notes: imported.notes,
        origins: imported.origins,
        rename: byLogicalIds(before.topology, resourceNames),
        resourceNames,
        notExported
    };
}

/**
 * The examples that export at all (no error findings, as `vpc-lab export` requires), with the
 * number of root modules (one per account and region) they export to.
 */
const examples: Array<[string, number]> = [
    ['flow-logs.vpc', 1],
    ['interface-endpoints.vpc', 1],
    ['stateful-vs-stateless.vpc', 1],
    ['three-tier.vpc', 1],
    ['transit-hub.vpc', 1],
    ['saas-privatelink.vpc', 3],
    ['tour.vpc', 4]
];

describe('Terraform round trip', () => {
    it.each(examples)('%s: findings, probe verdicts and the matrix survive export and import (%i folders)', async (file, count) => {
        const { before, after, folders, notes, rename, resourceNames } = await roundTrip(
            readFileSync(join(root, 'examples', file), 'utf8')
        );
        expect(folders).toHaveLength(count);
        expect(notes.filter(n => n.kind === 'left-out').map(n => `${n.what}: ${n.why}`)).toEqual([]);
        const expected = verdictsOf(before.topology);
        expect(designProbesOn(after.topology, before.topology, rename)).toEqual(expected);
        expect(matrixOf(after.topology)).toEqual(matrixOf(before.topology, rename));
        expect(after.codes).toEqual(before.codes);
        // The probes read back from the paths, each with the design's verdict and expectation.
        const exported = before.topology.probes.filter(p => resourceNames.has(p.id));
        expect(after.topology.probes.map(p => p.name)).toEqual(exported.map(p => resourceNames.get(p.id)!.id));
        const readBack = verdictsOf(after.topology);
        exported.forEach((p, i) => {
            expect(readBack[i], p.name).toBe(expected[before.topology.probes.indexOf(p)]);
            expect(after.topology.probes[i]!.expect).toBe(p.expect);
        });
    });

    it('a customer-managed prefix list comes back with its entries and size, named by the rule and the route that use it', async () => {
        const { before, after, notes, rename } = await roundTrip(`vpc a region us-east-1 {
  cidr 10.0.0.0/16
  subnet s az us-east-1a { cidr 10.0.1.0/24  route-table rt }
  internet-gateway igw
  route-table rt { route prefix-list office -> igw }
  prefix-list office max-entries 5 { 192.0.2.0/24, 198.51.100.0/24 }
  security-group web { ingress tcp 443 from prefix-list office }
  instance w subnet s { ip 10.0.1.10  public-ip 203.0.113.5  security-groups web }
}
probe w -> internet 192.0.2.7 tcp 443 expect accept
probe w -> internet 8.8.8.8 tcp 443 expect reject NO_ROUTE`);
        expect(notes.filter(n => n.kind === 'left-out').map(n => `${n.what}: ${n.why}`)).toEqual([]);
        expect(after.topology.prefixLists.map(l => ({ max: l.maxEntries, entries: l.entries.map(e => e.value) }))).toEqual([
            { max: 5, entries: ['192.0.2.0/24', '198.51.100.0/24'] }
        ]);
        expect(after.topology.routeTables.flatMap(t => t.routes.map(r => r.destination.kind))).toContain('prefix-list');
        expect(after.topology.securityGroups.flatMap(g => g.rules.map(r => r.peer.kind))).toContain('prefix-list');
        // The route through the list is what lets w reach 192.0.2.7 and nothing else.
        expect(verdictsOf(before.topology)).toEqual(['ACCEPT ', 'REJECT NO_ROUTE']);
        expect(designProbesOn(after.topology, before.topology, rename)).toEqual(verdictsOf(before.topology));
        expect(after.codes).toEqual(before.codes);
    });

    it('random topologies, in one or several accounts and regions: findings, probe verdicts and the matrix survive export and import', async () => {
        let compared = 0;
        const met = new Set<string>();
        // How many root modules (accounts and regions) the compared designs exported to.
        const roots = new Set<number>();
        await fc.assert(
            fc.asyncProperty(arbitraryTopology, async topology => {
                // `vpc-lab export` takes designs without errors only; what Terraform cannot say goes too.
                const design = await deployable(topology, async d => unexpressible(d, (await exportTerraform(d)).notExported));
                fc.pre(design !== undefined);
                const { before, after, folders, notes, origins, notExported, resourceNames } = await roundTrip(design.files);
                roots.add(folders.length);
                expect(notExported.filter(n => !before.topology.probes.some(p => p.loc === n.loc))).toEqual([]);
                compared++;
                for (const kind of NEW_KINDS) if (before.topology[kind].length > 0) met.add(kind);
                const rename = byOrigins(before.topology, resourceNames, origins);
                expect(notes.filter(n => n.kind === 'left-out').map(n => `${n.what}: ${n.why}`)).toEqual([]);
                expect(after.codes.filter(c => !c.startsWith('probe-'))).toEqual(before.codes.filter(c => !c.startsWith('probe-')));
                expect(designProbesOn(after.topology, before.topology, rename)).toEqual(verdictsOf(before.topology));
                expect(matrixOf(after.topology)).toEqual(matrixOf(before.topology, rename));
            }),
            { ...propertyRuns(), endOnFailure: true }
        );
        expect(compared).toBeGreaterThan(0);
        // The default runs meet every kind of the language's second version, and designs of one root module and of several.
        if (process.env.ROUND_TRIP_SEED === undefined) {
            expect([...met].sort()).toEqual([...NEW_KINDS].sort());
            expect(roots.has(1)).toBe(true);
            expect([...roots].some(n => n > 1)).toBe(true);
        }
    }, 240_000);

    it('the AWS-assigned values of the design (IPv6 blocks and addresses, public addresses) come back from the vpc-lab tags as stand-ins', async () => {
        const { before, after, notes } = await roundTrip(`vpc app { cidr 10.0.0.0/16  ipv6 2600:1f18:1234:ab00::/56
            internet-gateway igw
            egress-only-internet-gateway eigw
            subnet pub az us-east-1a { cidr 10.0.0.0/24  ipv6 2600:1f18:1234:ab03::/64  route-table pub }
            route-table pub { route 0.0.0.0/0 -> igw  route ::/0 -> igw }
            security-group web { ingress tcp 443 from 0.0.0.0/0  ingress tcp 443 from ::/0 }
            instance web-1 subnet pub { ip 10.0.0.10  ipv6 2600:1f18:1234:ab03::10  public-ip 54.0.0.10  security-groups web } }
            probe internet -> web-1 tcp 443 expect accept`);
        // The default network ACL of an IPv6 VPC (AWS's rules for ::/0 too) is the language's own: nothing left out.
        expect(notes.filter(n => n.kind === 'left-out').map(n => `${n.what}: ${n.why}`)).toEqual([]);
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
        expect(after.topology.probes.map(p => `${p.source.kind} ${p.destination.kind} ${p.port} ${p.expect}`)).toEqual([
            'internet instance 443 accept'
        ]);
        expect(computeMatrix(compile(after.topology))).toEqual(computeMatrix(compile(before.topology)));
        expect(after.codes).toEqual(before.codes);
    });
});

/**
 * A large estate: the bench's workspace at 200 VPCs (a ring of peerings, a transit gateway,
 * load balancers; some 21,000 lines of .vpc) exports as one root module of one file per VPC, and
 * importing what was written gives back the same findings and probe verdicts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateWorkspace } from '../../../bench/generate.js';
import { exportTerraform } from '../../../src/interop/terraform/export/index.js';
import { importTerraform } from '../../../src/interop/terraform/index.js';
import { check } from '../../helpers.js';
import { byLogicalIds, designProbesOn, verdictsOf } from '../round-trip-support.js';

const VPCS = 200;

// Instance iN is in VPC vN (subnet s2, group app-sg: tcp 1101 from the next VPC's block over the
// ring's peering, udp 1102-1112 from the previous one's); VPC v0 is on the transit gateway.
const PROBES = `probe ring-next: i2 -> i1 tcp 1101
probe ring-wrong-side: i0 -> i1 tcp 1101
probe ring-udp: i0 -> i1 udp 1105
probe far: i7 -> i1 tcp 1101
probe out: i5 -> internet 203.0.113.5 tcp 443
probe in: internet -> i5 tcp 1101
`;

async function model(files: Record<string, string>) {
    const checked = await check(files);
    return { topology: checked.services.workspace.WorkspaceModel.get().topology, codes: checked.codes().sort() };
}

describe('Terraform export of a large estate', () => {
    it(`${VPCS} VPCs: one file per VPC; import of the export gives the same findings and probe verdicts`, async () => {
        const generated = generateWorkspace(VPCS);
        const before = await model({ ...Object.fromEntries(generated.files), 'probes.vpc': PROBES });
        const exported = await exportTerraform(before.topology);
        const paths = exported.files.map(f => f.path);
        expect(new Set(paths.map(p => p.split('/')[0]))).toEqual(new Set(['123456789012-us-east-1']));
        expect(paths.filter(p => /\/vpc-v\d+\.tf$/.test(p))).toHaveLength(VPCS);
        expect(exported.notExported.map(n => `${n.element}: ${n.why}`)).toEqual([]);
        // No file holds more than one VPC's worth of lines but the shared ones (the peerings of the ring).
        const longest = Math.max(...exported.files.filter(f => !f.path.endsWith('/peerings.tf')).map(f => f.text.split('\n').length));
        expect(longest).toBeLessThan(1500);

        const dir = mkdtempSync(join(tmpdir(), 'tf-large-'));
        try {
            for (const f of exported.files) {
                mkdirSync(dirname(join(dir, f.path)), { recursive: true });
                writeFileSync(join(dir, f.path), f.text);
            }
            const imported = await importTerraform(join(dir, '123456789012-us-east-1'), {});
            expect(imported.notes.filter(n => n.kind === 'left-out').map(n => `${n.what}: ${n.why}`)).toEqual([]);
            const after = await model(Object.fromEntries(imported.files.map(f => [f.name, f.text])));
            expect(after.topology.vpcs).toHaveLength(VPCS);
            const verdicts = verdictsOf(before.topology);
            // The probes tell accepted from refused traffic, so that a lost rule or route would show.
            expect(verdicts.filter(v => v.startsWith('ACCEPT')).length).toBeGreaterThan(0);
            expect(verdicts.filter(v => v.startsWith('REJECT')).length).toBeGreaterThan(0);
            expect(designProbesOn(after.topology, before.topology, byLogicalIds(before.topology, exported.resourceNames))).toEqual(
                verdicts
            );
            expect(after.codes.filter(c => !c.startsWith('probe-'))).toEqual(before.codes.filter(c => !c.startsWith('probe-')));
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    }, 300_000);
});

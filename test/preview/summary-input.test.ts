/**
 * The worker places a large estate's summaries from a slimmed topology (no subnets, rules or
 * source locations, the counts sent beside it): the page must draw exactly what a layout of the
 * whole topology gives, locations for "reveal in the editor" and owners for a probe's hops included.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeWorkspace } from '../../bench/check.js';
import { generateWorkspace } from '../../bench/generate.js';
import { loadWorkspace } from '../../src/cli/workspace.js';
import { layoutEstate, summaryInput, vpcCounts, withLocations } from '../../src/webview/estate.js';
import { root } from '../cli/run.js';

const folder = mkdtempSync(join(tmpdir(), 'vpc-summary-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function topologyOf(paths: string[]) {
    return (await loadWorkspace(paths)).model().topology;
}

describe('the summary layout from the slimmed topology', () => {
    it.each([
        ['the 40-VPC bench estate (peerings, a transit gateway, load balancers)', 'forty'],
        ['the hubs and PrivateLink fixture', 'hubs']
    ])('%s: the same boxes, edges, locations and owners as from the whole topology', async (_label, which) => {
        let paths: string[];
        if (which === 'forty') {
            writeWorkspace(generateWorkspace(40), join(folder, 'forty'));
            paths = [join(folder, 'forty')];
        } else paths = [join(root, 'test/fixtures/preview/hubs.vpc')];
        const topology = await topologyOf(paths);
        const whole = layoutEstate(topology, { width: 1400, detail: 'summary' });
        // What crosses to the worker is JSON text: undefined fields (the stripped locations) vanish on the way.
        const sent = JSON.parse(JSON.stringify(summaryInput(topology))) as typeof topology;
        expect(sent.subnets).toEqual([]);
        expect(JSON.stringify([sent.vpcs, sent.peerings, sent.transitGatewayAttachments])).not.toContain('"loc"');
        const { owners: _owners, ...slim } = layoutEstate(sent, { width: 1400, detail: 'summary', counts: vpcCounts(topology) });
        const rebuilt = withLocations({ ...JSON.parse(JSON.stringify(slim)), owners: new Map() }, topology);
        expect(rebuilt.boxes).toEqual(JSON.parse(JSON.stringify(whole.boxes)));
        expect(rebuilt.edges).toEqual(JSON.parse(JSON.stringify(whole.edges)));
        expect(rebuilt.boxes.filter(b => b.kind === 'vpc').every(b => b.loc !== undefined)).toBe(true);
        expect([...rebuilt.owners].sort()).toEqual([...whole.owners].sort());
        expect(rebuilt.owners.size).toBeGreaterThan(topology.subnets.length);
    });
});

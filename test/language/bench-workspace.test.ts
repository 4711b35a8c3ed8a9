/** The benchmark's generated workspace checks clean, hub and load balancers included, and holds what its counts say. */
import { describe, expect, it } from 'vitest';
import { describeCounts, generateWorkspace } from '../../bench/generate.js';
import { check, expectClean } from '../helpers.js';

describe('the generated bench workspace', () => {
    it('checks clean with three VPCs on the transit gateway and three load balancers, and its counts are what it holds', async () => {
        const workspace = generateWorkspace(30);
        const result = await check(Object.fromEntries(workspace.files));
        expectClean(result);
        const topology = result.services.workspace.WorkspaceModel.get().topology;
        const c = workspace.counts;
        expect(topology.transitGatewayAttachments.map(a => a.vpc)).toEqual(['vpc:v0', 'vpc:v10', 'vpc:v20']);
        expect(topology.loadBalancers.map(l => l.vpc)).toEqual(['vpc:v5', 'vpc:v15', 'vpc:v25']);
        expect(c).toMatchObject({ vpcs: 30, attachments: 3, loadBalancers: 3, peerings: topology.peerings.length });
        expect(c.subnets).toBe(topology.subnets.length);
        expect(c.routes).toBe(topology.routeTables.reduce((n, t) => n + t.routes.length, 0));
        const written = <T extends { implicit?: boolean }>(list: T[]) => list.filter(x => !x.implicit);
        const rules =
            written(topology.securityGroups).reduce((n, g) => n + written(g.rules).length, 0) +
            written(topology.networkAcls).reduce((n, a) => n + a.rules.length, 0);
        expect(c.rules).toBe(rules);
        expect(describeCounts(c)).toContain('a transit gateway with 3 attachments, 3 load balancers');
    });

    it('would report a missing return route if a spoke lost its route to the hub: the check sees the hub', async () => {
        const workspace = generateWorkspace(30);
        const files = Object.fromEntries(workspace.files);
        const first = Object.keys(files)[1]!;
        files[first] = files[first]!.replace(
            /(vpc v10 [\s\S]*?route-table public \{\n    route 0\.0\.0\.0\/0 -> igw\n)    route 10\.0\.0\.0\/8 -> hub\n/,
            '$1'
        );
        const result = await check(files);
        expect(result.diagnostics.filter(d => d.code === 'tgw-missing-return-route').length).toBeGreaterThan(0);
    });
});

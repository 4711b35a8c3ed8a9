/**
 * Transit gateways, load balancers and endpoint services on the diagram: a TGW as a hub in its
 * region joined to the VPCs it attaches, a load balancer's and an attachment's ENIs in their
 * subnets, an endpoint service linked to the interface endpoints that consume it, at full detail
 * in Chromium and between VPC summaries in the layout of a large estate.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../src/cli/workspace.js';
import type { Hop } from '../../src/model/trace.js';
import { layoutEstate } from '../../src/webview/estate.js';
import { boxOfHop } from '../../src/webview/shapes.js';
import { launchChromium } from '../e2e/browser.js';
import { root, vpcLab } from '../cli/run.js';

const FIXTURE = join(root, 'test/fixtures/preview/hubs.vpc');
let browser: Browser;
let folder: string;
let page: Page;

/** Whether the first rectangle lies within the second (half a pixel of rounding allowed). */
async function inside(inner: string, outer: string): Promise<boolean> {
    const a = (await page.locator(`g.box[data-id="${inner}"] > rect`).first().boundingBox())!;
    const b = (await page.locator(`g.box[data-id="${outer}"] > rect`).first().boundingBox())!;
    return a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.width <= b.x + b.width + 0.5 && a.y + a.height <= b.y + b.height + 0.5;
}

beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'vpc-kinds-'));
    expect(vpcLab(['preview', FIXTURE, '-o', join(folder, 'hubs.html')]).code).toBe(0);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`file://${join(folder, 'hubs.html')}`);
    await page.waitForSelector('body[data-ready]');
});

afterAll(async () => {
    await browser?.close();
    rmSync(folder, { recursive: true, force: true });
});

describe('the new kinds at full detail', () => {
    it('a transit gateway is a hub in its own region, with an edge from each attachment ENI and one to its peer across regions', async () => {
        expect(await inside('transit-gateway:core', 'region:us-east-1')).toBe(true);
        expect(await inside('transit-gateway:core-eu', 'region:eu-west-1')).toBe(true);
        expect(await page.locator('g.box[data-id="transit-gateway:core"] text').allTextContents()).toContain('2 attachments · 2 tables');
        const attachments = await page.locator('g.edge-transit-gateway').evaluateAll(n => n.map(e => e.getAttribute('data-id')).sort());
        expect(attachments).toEqual(['edge:transit-gateway-attachment:app.core-att', 'edge:transit-gateway-attachment:shared.core-att']);
        expect(await page.locator('g.edge-transit-gateway-peering').getAttribute('class')).toContain('cross-region');
        // An attachment has an ENI in each subnet it names, inside that subnet.
        for (const subnet of ['app.private-a', 'app.private-b'])
            expect(await inside(`transit-gateway-attachment:app.core-att@subnet:${subnet}`, `subnet:${subnet}`)).toBe(true);
    });

    it('a load balancer has a node in each of its subnets, and nowhere else', async () => {
        for (const subnet of ['app.public-a', 'app.public-b'])
            expect(await inside(`load-balancer:app.web-alb@subnet:${subnet}`, `subnet:${subnet}`)).toBe(true);
        expect(await page.locator('g.box-load-balancer[data-id^="load-balancer:app.web-alb@"]').count()).toBe(2);
        expect(await page.locator('g.box-load-balancer[data-id^="load-balancer:app.api-nlb@"]').count()).toBe(2);
    });

    it("an endpoint service sits in its provider's VPC, linked by PrivateLink to the consumer's endpoint, not drawn as an AWS service", async () => {
        expect(await inside('endpoint-service:app.api', 'vpc:app')).toBe(true);
        expect(await page.locator('g.box[data-id="endpoint-service:app.api"] text.line').textContent()).toContain('behind api-nlb');
        expect(await page.locator('g.edge-privatelink').getAttribute('data-id')).toBe('edge:interface-endpoint:consumer.vendor-api');
        expect(await page.locator('g.box-service').count()).toBe(0);
        const sizes = await page.locator('g.box text').evaluateAll(nodes =>
            nodes.flatMap(n => {
                const t = n as SVGTextElement;
                const h = t.getBBox().height;
                return h === 0 ? [] : [(parseFloat(getComputedStyle(t).fontSize) * t.getBoundingClientRect().height) / h];
            })
        );
        expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
    });
});

describe('the new kinds in a summarised estate', () => {
    it('the hub joins the VPC summaries, and PrivateLink links the consumer VPC to the provider VPC', async () => {
        const { topology } = (await loadWorkspace([FIXTURE])).model();
        const laid = layoutEstate(topology, { width: 1400, detail: 'summary' });
        const ends = (id: string) => {
            const edge = laid.edges.find(e => e.id === id)!;
            const at = (p: { x: number; y: number }) =>
                laid.boxes.find(
                    b => p.x >= b.x - 0.01 && p.x <= b.x + b.w + 0.01 && p.y >= b.y - 0.01 && p.y <= b.y + b.h + 0.01 && b.kind !== 'region'
                )?.id;
            return [at(edge.points[0]!), at(edge.points[edge.points.length - 1]!)];
        };
        expect(ends('edge:transit-gateway-attachment:shared.core-att')).toEqual(['vpc:shared', 'transit-gateway:core']);
        expect(ends('edge:interface-endpoint:consumer.vendor-api')).toEqual(['vpc:consumer', 'vpc:app']);
        expect(laid.boxes.filter(b => b.kind === 'subnet')).toEqual([]);
        // A hop at an element not drawn lands on its owner: the attachment on its VPC, a TGW route table on its gateway.
        expect(laid.owners.get('transit-gateway-attachment:app.core-att')).toBe('vpc:app');
        expect(laid.owners.get(topology.transitGateways.find(t => t.name === 'core')!.routeTables[1]!.id)).toBe('transit-gateway:core');
    });

    it('a hop of a kind this page does not know lands on its element, or nowhere, never an error', () => {
        const hop = (extra: Partial<Hop>) =>
            ({ kind: 'transit-gateway-attachment', name: 'x', vpc: null, action: 'ACCEPT', detail: '', ...extra }) as unknown as Hop;
        expect(boxOfHop(hop({ at: 'transit-gateway-attachment:app.core-att@subnet:app.private-a', elementId: 'y' }))).toBe(
            'transit-gateway-attachment:app.core-att@subnet:app.private-a'
        );
        expect(boxOfHop(hop({ elementId: 'transit-gateway:core' }))).toBe('transit-gateway:core');
        expect(boxOfHop(hop({}))).toBeUndefined();
    });
});

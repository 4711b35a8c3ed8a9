/**
 * An edge's name on the diagram: at the middle of its line unless a box lies there, else at the
 * point nearest the middle where the text covers no box but those the line joins.
 */
import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../src/cli/workspace.js';
import { labelPoint, labelRect, type Rect } from '../../src/webview/edge-labels.js';
import { layoutEstate } from '../../src/webview/estate.js';

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('where an edge names itself', () => {
    const from = { x: 0, y: 0 };
    const to = { x: 0, y: 400 };
    const start: Rect = { x: -50, y: -50, w: 100, h: 50 };
    const end: Rect = { x: -50, y: 400, w: 100, h: 50 };

    it('at the middle when nothing lies there (the boxes it joins do not count)', () => {
        expect(labelPoint(from, to, 'p', [start, end])).toEqual({ x: 4, y: 196 });
    });

    it('off a box the line passes over, as near the middle as the gap allows', () => {
        const across: Rect = { x: -200, y: 60, w: 400, h: 280 };
        const p = labelPoint(from, to, 'a-peering', [start, end, across]);
        expect(overlaps(labelRect(p.x, p.y, 'a-peering'), across)).toBe(false);
        // The gap above the box (0–60) is as near the middle as the one below (340–400): the first found, above, by a few steps.
        expect(p.y).toBeLessThan(60);
        expect(p.y).toBeGreaterThan(40);
    });

    it('at the middle when every point of the line is covered', () => {
        const all: Rect = { x: -200, y: 0, w: 400, h: 400 };
        expect(labelPoint({ x: 0, y: 10 }, { x: 0, y: 390 }, 'p', [all])).toEqual({ x: 4, y: 196 });
    });

    it("transit-hub.vpc: the hub's peering with legacy passes under spoke-b, and its name is not written over it", async () => {
        const { topology } = (await loadWorkspace(['examples/transit-hub.vpc'])).model();
        const laid = layoutEstate(topology, { width: 760 });
        const edge = laid.edges.find(e => e.id === 'peering:hub-legacy')!;
        const boxes = laid.boxes.filter(b => b.kind !== 'region' && b.kind !== 'az');
        const spokeB = boxes.find(b => b.id === 'vpc:spoke-b')!;
        const [a, b] = [edge.points[0]!, edge.points.at(-1)!];
        // The middle of the line is inside spoke-b: where a name at the middle would have been.
        const middle = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
        expect(middle.y > spokeB.y && middle.y < spokeB.y + spokeB.h && middle.x > spokeB.x && middle.x < spokeB.x + spokeB.w).toBe(true);
        const p = labelPoint(a, b, edge.label!, boxes);
        const rect = labelRect(p.x, p.y, edge.label!);
        const covered = boxes.filter(box => overlaps(rect, box)).map(box => box.id);
        expect(covered).toEqual([]);
    });
});

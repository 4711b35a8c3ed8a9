/** The topology as SVG: boxes from the layout, zoom and pan, and a probe's path drawn over it. */
import type { PreviewProbe } from '../model/preview-data.js';
import type { SourceLocation } from '../model/topology.js';
import type { Hop } from '../model/trace.js';
import { INTERIOR_MIN_W, type Box, type Edge, type Interior, type Layout } from './layout.js';
import { labelPoint } from './edge-labels.js';
import { drawComparePath, drawSteps } from './path-marks.js';
import { actionable, boxOfHop, drawLabels, el, onBoxAction, removeLabels } from './shapes.js';
import { standaloneSvg } from './svg-export.js';
import { afterPaint, boundsOf, onScreen, panAndZoom, pathView, VIEW_MARGIN, type Zoom } from './view.js';

export type { Zoom } from './view.js';

/** Below this zoom a summary's words would be under 5 px: its frame alone is drawn. */
const MIN_LABEL_SCALE = 0.45;
/** A summary box's title band, and the room an interior keeps above itself for its gateways. */
const DETAIL_TOP = 22;
const DETAIL_ABOVE = 12;

export class Diagram {
    private readonly svg: SVGSVGElement;
    private readonly viewport: SVGGElement;
    private readonly overlay: SVGGElement;
    /** The compared paths (changes.ts), kept apart from a probe's highlight. */
    private readonly compareLayer: SVGGElement;
    private boxes = new Map<string, { box: Box; node: SVGGElement }>();
    private edges = new Map<string, SVGGElement>();
    private layoutSize = { width: 1, height: 1 };
    private zoom: Zoom = { x: 0, y: 0, k: 1 };

    private owners = new Map<string, string>();
    /** A summarised VPC's interior, laid out when first zoomed into (estate.ts `detailSource`). */
    private detailOf: (vpc: string) => Interior | undefined = () => undefined;
    private readonly interiors = new Map<string, { inside: Interior; scale: number } | null>();
    /** The interiors drawn now, by VPC, with the ids of their boxes. */
    private readonly drawnDetail = new Map<string, { node: SVGGElement; ids: string[] }>();
    private detailFrame = 0;
    private maxZoom = 8;
    private labelLayer: SVGGElement | undefined;
    private edgeLabels: Array<{ x: number; y: number; text: string; node: SVGTextElement | undefined }> = [];
    /** What an edge's name should not cover: every box but the regions' and zones' frames (drawings in detail only). */
    private obstacles: Box[] = [];
    private lastProbe: PreviewProbe | null = null;
    private lastPaths: ReadonlyArray<{ hops: readonly Hop[]; className: string; offset: number }> = [];
    /** Counts the drawings: a second pass belongs to the drawing it was made for. */
    private renders = 0;
    private marking: string | null = null;

    constructor(
        host: HTMLElement,
        private readonly onReveal: (loc: SourceLocation) => void,
        private readonly onZoom: (zoom: Zoom) => void,
        private readonly onOpen: (vpc: string) => void
    ) {
        this.svg = el('svg', { class: 'diagram', role: 'group', 'aria-label': 'Topology diagram' });
        host.appendChild(this.svg);
        const defs = el('defs', {}, this.svg);
        const marker = el(
            'marker',
            { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
            defs
        );
        el('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow-head' }, marker);
        this.viewport = el('g', { class: 'viewport' }, this.svg);
        this.overlay = el('g', { class: 'overlay' });
        this.compareLayer = el('g', { class: 'compare-overlay' });
        panAndZoom(this.svg, this);
        onBoxAction(this.svg, (id, action) => {
            const box = this.boxes.get(id)?.box;
            if (action === 'open') this.onOpen(id);
            else if (box?.loc) this.onReveal(box.loc);
        });
    }

    /**
     * Draws a layout. A summarised estate draws what is in view at once and the rest after the
     * first frame has painted (the promise settles then): a thousand VPCs' boxes and edges cost
     * more to build, style and lay out than the frame that shows forty of them.
     */
    render(layout: Layout, zoom: Zoom | null, detailOf?: (vpc: string) => Interior | undefined): Promise<void> {
        // Measured before the drawing is built: read after, it would lay out every new node once more than the frame does.
        const size = this.svg.getBoundingClientRect();
        const ticket = ++this.renders;
        this.viewport.replaceChildren();
        this.boxes.clear();
        this.edges.clear();
        this.interiors.clear();
        this.drawnDetail.clear();
        this.detailOf = detailOf ?? (() => undefined);
        // A summarised VPC's interior is drawn inside its summary box, smaller: zooming far enough in makes it legible.
        this.maxZoom = layout.boxes.some(b => b.collapsed) ? 64 : 8;
        this.layoutSize = { width: Math.max(1, layout.width), height: Math.max(1, layout.height) };
        this.owners = layout.owners;
        const view = zoom ?? { x: 0, y: 0, k: 1 };
        const summary = this.maxZoom > 8;
        // A summarised estate's boxes out of view wait for the second pass (a hidden panel has no view: all at once).
        const now = (r: { x: number; y: number; w: number; h: number }) =>
            !summary || size.width === 0 || onScreen(r, view, size, VIEW_MARGIN);
        const later: Array<() => void> = [];
        const edgeLayer = el('g', { class: 'edges' });
        const order: Box['kind'][] = ['region', 'vpc', 'az', 'subnet'];
        const sorted = [...layout.boxes].sort((a, b) => rank(a.kind) - rank(b.kind));
        function rank(kind: Box['kind']): number {
            const i = order.indexOf(kind);
            return i < 0 ? order.length : i;
        }
        // Regions, then the edges, then everything else: a straight edge passes under the VPCs it crosses, never over their subnets.
        for (const box of sorted) if (box.kind === 'region') this.drawBox(box);
        this.viewport.appendChild(edgeLayer);
        this.edgeLabels = [];
        this.obstacles = summary ? [] : layout.boxes.filter(b => b.kind !== 'region' && b.kind !== 'az');
        const labels = el('g', { class: 'edge-labels' });
        for (const edge of layout.edges) {
            const draw = () => this.drawEdge(edge, edgeLayer, labels, summary);
            if (now(boundsOf(edge.points))) draw();
            else later.push(draw);
        }
        for (const box of sorted) {
            if (box.kind === 'region') continue;
            if (now(box)) this.drawBox(box);
            else later.push(() => this.drawBox(box, this.viewport, labels));
        }
        this.viewport.appendChild(labels);
        this.labelLayer = labels;
        this.viewport.appendChild(this.overlay);
        this.overlay.replaceChildren();
        // The default is the drawing at its own size, from its top-left corner: the layout already fits the panel's width.
        this.apply(view);
        // The first paint of a summarised estate has the words of the VPCs in view.
        if (summary) {
            cancelAnimationFrame(this.detailFrame);
            this.updateDetail(size);
        }
        if (later.length === 0) return Promise.resolve();
        return afterPaint().then(() => {
            if (ticket !== this.renders) return;
            for (const draw of later) draw();
            // What was marked before these boxes existed is marked again, the view left where it is.
            this.highlight(this.lastProbe);
            this.drawPaths(this.lastPaths);
            if (this.marking) this.boxOrOwner(this.marking)?.node.classList.add('current');
        });
    }

    private drawEdge(edge: Edge, layer: SVGGElement, labels: SVGGElement, summary: boolean): void {
        const group = el(
            'g',
            {
                class: `edge edge-${edge.kind}${edge.crossRegion ? ' cross-region' : ''}${edge.crossAccount ? ' cross-account' : ''}`,
                'data-id': edge.id
            },
            layer
        );
        el('polyline', { points: edge.points.map(p => `${p.x},${p.y}`).join(' ') }, group);
        if (edge.label) {
            const [a, b] = [edge.points[0]!, edge.points[edge.points.length - 1]!];
            // A summarised estate's thousands of edges keep their middles; a drawing in detail keeps its names off the boxes.
            const point = summary ? { x: (a.x + b.x) / 2 + 4, y: (a.y + b.y) / 2 - 4 } : labelPoint(a, b, edge.label, this.obstacles);
            const label = { ...point, text: edge.label, node: undefined };
            // A summarised estate's edge labels come with the summaries' words, on screen only.
            if (summary) this.edgeLabels.push(label);
            else el('text', { x: label.x, y: label.y, class: 'edge-label' }, labels).textContent = label.text;
        }
        this.edges.set(edge.id, group);
    }

    /** `before`: drawn after the first pass, a box goes under the edge labels as the others do. */
    private drawBox(box: Box, parent: Element = this.viewport, before?: Element): SVGGElement {
        const classes = ['box', `box-${box.kind}`, ...(box.tags ?? []), ...(box.collapsed ? ['collapsed'] : [])];
        const group = el('g', { class: classes.join(' '), 'data-id': box.id, transform: `translate(${box.x},${box.y})` });
        parent.insertBefore(group, before ?? null);
        const rect = el('rect', { width: box.w, height: box.h, rx: box.kind === 'region' || box.kind === 'vpc' ? 8 : 4 }, group);
        rect.classList.add('frame');
        if (box.kind === 'az') rect.setAttribute('class', 'frame az-frame');
        // A summary's words are drawn once it is on screen and large enough to read (`updateDetail`): a thousand VPCs' texts cost more to lay out than all the rest.
        if (!box.collapsed) drawLabels(box, group);
        if (box.collapsed) actionable(group, `${box.title}: open`, 'open');
        else if (box.loc) actionable(group, `${box.title}: reveal in the editor`, 'reveal');
        this.boxes.set(box.id, { box, node: group });
        return group;
    }

    /** Draws the interiors of the summarised VPCs that are on screen and large enough to read; removes the others. */
    private updateDetail({ width, height }: { width: number; height: number } = this.svg.getBoundingClientRect()): void {
        this.detailFrame = 0;
        if (width === 0) return;
        const { x, y, k } = this.zoom;
        let changed = false;
        for (const { box, node } of this.boxes.values()) {
            if (!box.collapsed) continue;
            const sx = box.x * k + x;
            const sy = box.y * k + y;
            const onScreen = sx < width && sy < height && sx + box.w * k > 0 && sy + box.h * k > 0;
            const labelled = node.classList.contains('labelled');
            if (onScreen && k >= MIN_LABEL_SCALE && !labelled) drawLabels(box, node);
            else if (labelled && !(onScreen && k >= MIN_LABEL_SCALE)) removeLabels(node);
            // Cheap first: a summary narrower on screen than the narrowest interior cannot hold it legibly (nor is any VPC's inside laid out to know).
            const inside = onScreen && (box.w - 8) * k >= INTERIOR_MIN_W ? this.interiorOf(box) : undefined;
            const want = !!inside && inside.scale * k >= 1;
            const drawn = this.drawnDetail.get(box.id);
            if (want && !drawn) {
                this.drawInterior(box, node, inside);
                changed = true;
            } else if (!want && drawn) {
                drawn.node.remove();
                for (const id of drawn.ids) this.boxes.delete(id);
                this.drawnDetail.delete(box.id);
                node.classList.remove('detailed');
                changed = true;
            }
        }
        for (const label of this.edgeLabels) {
            const sx = label.x * k + x;
            const sy = label.y * k + y;
            const want = k >= MIN_LABEL_SCALE && sx > -200 && sx < width && sy > 0 && sy < height + 20;
            if (want && !label.node) {
                label.node = el('text', { x: label.x, y: label.y, class: 'edge-label' }, this.labelLayer);
                label.node.textContent = label.text;
            } else if (!want && label.node) {
                label.node.remove();
                label.node = undefined;
            }
        }
        if (!changed) return;
        document.body.dataset.detailShown = String(this.drawnDetail.size);
        this.highlight(this.lastProbe);
        // The marked element keeps its mark in its new box, without moving the view the user chose.
        for (const node of this.viewport.querySelectorAll('.box.current')) node.classList.remove('current');
        if (this.marking) this.boxOrOwner(this.marking)?.node.classList.add('current');
    }

    /** Where a VPC's interior goes in its summary box: under the title, as large as the box allows. */
    private interiorOf(box: Box): { inside: Interior; scale: number } | undefined {
        if (!this.interiors.has(box.id)) {
            const inside = this.detailOf(box.id);
            const scale = inside ? Math.min((box.w - 8) / inside.w, (box.h - DETAIL_TOP - 4) / (inside.h + DETAIL_ABOVE)) : 0;
            this.interiors.set(box.id, inside ? { inside, scale } : null);
        }
        return this.interiors.get(box.id) ?? undefined;
    }

    private drawInterior(vpc: Box, vpcNode: SVGGElement, { inside, scale }: { inside: Interior; scale: number }): void {
        const ox = vpc.x + (vpc.w - inside.w * scale) / 2;
        const oy = vpc.y + DETAIL_TOP + DETAIL_ABOVE * scale;
        const group = el('g', { class: 'detail', 'data-vpc': vpc.id, transform: `translate(${ox},${oy}) scale(${scale})` });
        this.viewport.insertBefore(group, this.labelLayer ?? this.overlay);
        const ids: string[] = [];
        for (const b of inside.boxes) {
            const node = this.drawBox(b, group);
            // Kept in drawing coordinates, so that paths and the cursor find it where it is.
            this.boxes.set(b.id, { box: { ...b, x: ox + b.x * scale, y: oy + b.y * scale, w: b.w * scale, h: b.h * scale }, node });
            ids.push(b.id);
        }
        vpcNode.classList.add('detailed');
        this.drawnDetail.set(vpc.id, { node: group, ids });
    }

    /** Marks a probe's hops on the diagram, the path between them, and every blocker in red; `reveal` pans to its start when off screen. */
    highlight(probe: PreviewProbe | null, reveal = false): void {
        this.lastProbe = probe;
        // Only the few marked nodes are touched: a thousand VPCs' boxes are not walked to unmark none.
        for (const node of this.viewport.querySelectorAll('.on-path, .blocked, .deciding'))
            node.classList.remove('on-path', 'blocked', 'deciding');
        this.overlay.replaceChildren();
        if (!probe) return;
        const blocked = new Set(probe.blockers.map(b => b.hop));
        const deciding = probe.blockers[0]?.hop;
        const points: Array<{ x: number; y: number; blocked: boolean; n: number }> = [];
        probe.hops.forEach((hop, i) => {
            if (hop.kind === 'peering' && hop.elementId) {
                this.edges.get(hop.elementId)?.classList.add('on-path', ...(blocked.has(i) ? ['blocked'] : []));
                return;
            }
            // A hop through an element drawn as an edge (a transit gateway attachment, a TGW peering, a PrivateLink link) lights it too.
            if (hop.elementId) this.edges.get(hop.elementId)?.classList.add('on-path');
            if (hop.elementId) this.edges.get(`edge:${hop.elementId}`)?.classList.add('on-path');
            const id = boxOfHop(hop);
            const found = id ? this.boxOrOwner(id) : undefined;
            if (!found) return;
            found.node.classList.add('on-path');
            if (blocked.has(i)) found.node.classList.add('blocked');
            if (i === deciding) found.node.classList.add('deciding');
            const { box } = found;
            const centre = { x: box.x + box.w / 2, y: box.y + box.h / 2 };
            const last = points[points.length - 1];
            if (last && last.x === centre.x && last.y === centre.y) {
                last.blocked ||= blocked.has(i);
                return;
            }
            points.push({ ...centre, blocked: blocked.has(i), n: i + 1 });
        });
        drawSteps(this.overlay, points);
        if (points.length > 0 && reveal) {
            const { width, height } = this.svg.getBoundingClientRect();
            this.apply(pathView(points, width || 800, height || 600));
        }
    }

    /** An element's box, or when it is not drawn (a summarised or closed VPC) its VPC's box. */
    boxOrOwner(id: string): { box: Box; node: SVGGElement } | undefined {
        const own = this.boxes.get(id) ?? [...this.boxes.values()].find(b => b.box.id.startsWith(`${id}@`));
        if (own) return own;
        const owner = this.owners.get(id);
        return owner ? this.boxes.get(owner) : undefined;
    }

    has(id: string): boolean {
        return this.boxes.has(id);
    }

    /** Marks the element under the editor's cursor (or found by search); brings it into view when off screen. */
    mark(id: string | null, centre = false): string | null {
        for (const node of this.viewport.querySelectorAll('.box.current')) node.classList.remove('current');
        this.marking = id;
        const found = id ? this.boxOrOwner(id) : undefined;
        if (!found) return null;
        found.node.classList.add('current');
        const { box } = found;
        const point = { x: box.x + box.w / 2, y: box.y + Math.min(box.h / 2, 40) };
        if (centre) this.centre(point);
        else this.reveal(point);
        return box.id;
    }

    private centre(point: { x: number; y: number }): void {
        const { width, height } = this.svg.getBoundingClientRect();
        this.apply({ ...this.zoom, x: width / 2 - point.x * this.zoom.k, y: height / 2 - point.y * this.zoom.k });
    }

    /** The drawing as a standalone SVG document: every computed colour and size written into it, so it looks the same anywhere. */
    exportSvg(): string {
        // The picture has every summary's words, wherever the view is.
        for (const { box, node } of this.boxes.values()) if (box.collapsed && !node.classList.contains('labelled')) drawLabels(box, node);
        for (const label of this.edgeLabels) {
            label.node ??= el('text', { x: label.x, y: label.y, class: 'edge-label' }, this.labelLayer);
            label.node.textContent = label.text;
        }
        const svg = standaloneSvg(this.svg, this.layoutSize);
        if (this.maxZoom > 8) this.updateDetail();
        return svg;
    }

    /**
     * Draws paths in the classes given (`compare-before`, `compare-after`), each shifted by its
     * offset so that where both sides take the same way both lines stay visible; none clears them.
     */
    drawPaths(paths: ReadonlyArray<{ hops: readonly Hop[]; className: string; offset: number }>): void {
        this.lastPaths = paths;
        const classes = ['compare-before', 'compare-after'];
        for (const node of this.viewport.querySelectorAll('.compare-before, .compare-after')) node.classList.remove(...classes);
        this.compareLayer.replaceChildren();
        this.viewport.appendChild(this.compareLayer);
        for (const path of paths) {
            const points: Array<{ x: number; y: number }> = [];
            for (const hop of path.hops) {
                const id = boxOfHop(hop);
                const found = id ? this.boxes.get(id) : undefined;
                if (!found) continue;
                found.node.classList.add(path.className);
                const { box } = found;
                const centre = { x: box.x + box.w / 2 + path.offset, y: box.y + box.h / 2 + path.offset };
                const last = points[points.length - 1];
                if (!last || last.x !== centre.x || last.y !== centre.y) points.push(centre);
            }
            if (points.length > 0) drawComparePath(this.compareLayer, points, path.className);
        }
    }

    /** The ids of the boxes marked on the current path (for tests and screen readers). */
    marked(kind: 'on-path' | 'blocked'): string[] {
        return [...this.boxes.entries()].filter(([, { node }]) => node.classList.contains(kind)).map(([id]) => id);
    }

    private reveal(point: { x: number; y: number }): void {
        const { width, height } = this.svg.getBoundingClientRect();
        const x = point.x * this.zoom.k + this.zoom.x;
        const y = point.y * this.zoom.k + this.zoom.y;
        if (x < 0 || y < 0 || x > width || y > height)
            this.apply({ ...this.zoom, x: width / 2 - point.x * this.zoom.k, y: height / 2 - point.y * this.zoom.k });
    }

    fit(): void {
        const { width, height } = this.svg.getBoundingClientRect();
        const k = Math.min(
            2,
            Math.max(0.02, Math.min((width || 800) / (this.layoutSize.width + 40), (height || 600) / (this.layoutSize.height + 40)))
        );
        this.apply({ k, x: ((width || 800) - this.layoutSize.width * k) / 2, y: 20 });
    }

    zoomBy(factor: number, cx?: number, cy?: number): void {
        const { width, height } = this.svg.getBoundingClientRect();
        const x = cx ?? width / 2;
        const y = cy ?? height / 2;
        const k = Math.min(this.maxZoom, Math.max(0.02, this.zoom.k * factor));
        const f = k / this.zoom.k;
        this.apply({ k, x: x - (x - this.zoom.x) * f, y: y - (y - this.zoom.y) * f });
    }

    panBy(dx: number, dy: number): void {
        this.apply({ ...this.zoom, x: this.zoom.x + dx, y: this.zoom.y + dy });
    }

    private apply(zoom: Zoom): void {
        this.zoom = zoom;
        this.viewport.setAttribute('transform', `translate(${zoom.x},${zoom.y}) scale(${zoom.k})`);
        this.onZoom(zoom);
        if (this.maxZoom > 8 && this.detailFrame === 0) this.detailFrame = requestAnimationFrame(() => this.updateDetail());
    }
}

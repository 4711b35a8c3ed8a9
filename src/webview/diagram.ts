/** The topology as SVG: boxes from the layout, zoom and pan, and a probe's path drawn over it. */
import type { PreviewProbe } from '../model/preview-data.js';
import type { SourceLocation } from '../model/topology.js';
import type { Hop } from '../model/trace.js';
import type { Box, Layout } from './layout.js';

const SVG = 'http://www.w3.org/2000/svg';
export interface Zoom {
    x: number;
    y: number;
    k: number;
}

function el<K extends keyof SVGElementTagNameMap>(
    name: K,
    attributes: Record<string, string | number> = {},
    parent?: Element
): SVGElementTagNameMap[K] {
    const node = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
    parent?.appendChild(node);
    return node;
}

/** SVG text does not wrap: shorten to what fits (about 6.6 px a character at 11 px). */
function fit(text: string, width: number, charWidth = 6.6): string {
    const max = Math.max(3, Math.floor(width / charWidth));
    return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The box a hop happens at, by the ids the layout gives its boxes. */
export function boxOfHop(hop: Hop): string | undefined {
    switch (hop.kind) {
        case 'dns':
            return undefined;
        case 'internet':
            return 'internet';
        case 'service':
            return `service:${hop.name.split('.')[0]}`;
        case 'route-table':
            return hop.at ? `rt@${hop.at}` : undefined;
        case 'network-acl':
            return hop.at ? `acl@${hop.at}` : undefined;
        case 'security-group':
        case 'interface-endpoint':
        case 'transit-gateway-attachment':
        case 'load-balancer':
            return hop.at ?? hop.elementId;
        case 'transit-gateway':
        case 'transit-gateway-peering':
        case 'endpoint-service':
            return hop.elementId;
        case 'instance':
        case 'internet-gateway':
        case 'egress-only-internet-gateway':
        case 'nat-gateway':
        case 'peering':
        case 'gateway-endpoint':
        case 'bucket':
        case 'link-local':
        case 'amazon-dns':
        case 'aws-reserved':
            return hop.elementId;
        default:
            // A hop kind from a newer server: no box to light, never a broken page.
            void (hop.kind satisfies never);
            return undefined;
    }
}

/** The gateways' own glyphs, 16 px, in the manner of AWS's diagrams (no AWS icon files): a door for an internet gateway, a one-way door for the egress-only one, crossing arrows for NAT, a plug for endpoints. */
const GLYPHS: Partial<Record<Box['kind'], string>> = {
    'internet-gateway': 'M2 14V4l6-3 6 3v10M6 14V8h4v6',
    'egress-only-internet-gateway': 'M2 14V4l6-3 6 3v10M5 9h6m-2-2 2 2-2 2',
    'nat-gateway': 'M2 5h9m-2-3 3 3-3 3M14 11H5m2-3-3 3 3 3',
    'gateway-endpoint': 'M3 8h4m2-4v8M9 4h3a4 4 0 0 1 0 8H9',
    'interface-endpoint': 'M3 8h4m2-4v8M9 4h3a4 4 0 0 1 0 8H9',
    internet: 'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1M1 8h14M8 1c3 3 3 11 0 14M8 1c-3 3-3 11 0 14',
    bucket: 'M2 3h12l-2 11H4zM2 3c0 2 12 2 12 0'
};

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
        this.enablePanAndZoom();
    }

    render(layout: Layout, zoom: Zoom | null): void {
        this.viewport.replaceChildren();
        this.boxes.clear();
        this.edges.clear();
        this.layoutSize = { width: Math.max(1, layout.width), height: Math.max(1, layout.height) };
        this.owners = layout.owners;
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
        const labels = el('g', { class: 'edge-labels' });
        for (const edge of layout.edges) {
            const group = el(
                'g',
                {
                    class: `edge edge-${edge.kind}${edge.crossRegion ? ' cross-region' : ''}${edge.crossAccount ? ' cross-account' : ''}`,
                    'data-id': edge.id
                },
                edgeLayer
            );
            el('polyline', { points: edge.points.map(p => `${p.x},${p.y}`).join(' ') }, group);
            if (edge.label) {
                const [a, b] = [edge.points[0]!, edge.points[edge.points.length - 1]!];
                const label = el('text', { x: (a.x + b.x) / 2 + 4, y: (a.y + b.y) / 2 - 4, class: 'edge-label' }, labels);
                label.textContent = edge.label;
            }
            this.edges.set(edge.id, group);
        }
        for (const box of sorted) if (box.kind !== 'region') this.drawBox(box);
        this.viewport.appendChild(labels);
        this.viewport.appendChild(this.overlay);
        this.overlay.replaceChildren();
        // The default is the drawing at its own size, from its top-left corner: the layout already fits the panel's width.
        this.apply(zoom ?? { x: 0, y: 0, k: 1 });
    }

    private drawBox(box: Box): void {
        const classes = ['box', `box-${box.kind}`, ...(box.tags ?? []), ...(box.collapsed ? ['collapsed'] : [])];
        const group = el('g', { class: classes.join(' '), 'data-id': box.id, transform: `translate(${box.x},${box.y})` }, this.viewport);
        const rect = el('rect', { width: box.w, height: box.h, rx: box.kind === 'region' || box.kind === 'vpc' ? 8 : 4 }, group);
        rect.classList.add('frame');
        const small = box.kind === 'route-table' || box.kind === 'network-acl';
        const glyph = GLYPHS[box.kind];
        if (glyph) el('path', { d: glyph, class: 'glyph', transform: `translate(${box.w - 20},4)` }, group);
        const title = el('text', { x: 8, y: small ? 12 : box.kind === 'region' ? 20 : 15, class: 'title' }, group);
        title.textContent = fit(box.title, box.w - (glyph ? 30 : 12));
        box.lines.forEach((line, i) => {
            if (!line) return;
            const text = el('text', { x: 8, y: 30 + i * 15, class: 'line' }, group);
            text.textContent = fit(line, box.w - 12, 6.8);
        });
        if (box.kind === 'az') {
            title.setAttribute('y', '12');
            rect.setAttribute('class', 'frame az-frame');
        }
        if (box.collapsed) {
            const vpc = box.id;
            group.setAttribute('tabindex', '0');
            group.setAttribute('role', 'button');
            group.setAttribute('aria-label', `${box.title}: open`);
            group.addEventListener('click', event => {
                event.stopPropagation();
                this.onOpen(vpc);
            });
            group.addEventListener('keydown', event => {
                if (event.key === 'Enter' || event.key === ' ') {
                    event.preventDefault();
                    this.onOpen(vpc);
                }
            });
        } else if (box.loc) {
            const loc = box.loc;
            group.setAttribute('tabindex', '0');
            group.setAttribute('role', 'button');
            group.setAttribute('aria-label', `${box.title}: reveal in the editor`);
            group.addEventListener('click', event => {
                event.stopPropagation();
                this.onReveal(loc);
            });
            group.addEventListener('keydown', event => {
                if (event.key === 'Enter' || event.key === ' ') {
                    event.preventDefault();
                    this.onReveal(loc);
                }
            });
        }
        el('title', {}, group).textContent = [box.title, ...box.lines].filter(Boolean).join('\n');
        this.boxes.set(box.id, { box, node: group });
    }

    /** Marks a probe's hops on the diagram, the path between them, and every blocker in red; `reveal` pans to its start when off screen. */
    highlight(probe: PreviewProbe | null, reveal = false): void {
        for (const { node } of this.boxes.values()) node.classList.remove('on-path', 'blocked', 'deciding');
        for (const node of this.edges.values()) node.classList.remove('on-path', 'blocked');
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
        for (let i = 1; i < points.length; i++) {
            const a = points[i - 1]!;
            const b = points[i]!;
            el(
                'line',
                {
                    x1: a.x,
                    y1: a.y,
                    x2: b.x,
                    y2: b.y,
                    class: `path-segment${b.blocked || a.blocked ? ' blocked' : ''}`,
                    'marker-end': 'url(#arrow)'
                },
                this.overlay
            );
        }
        for (const p of points) {
            const marker = el(
                'g',
                { class: `path-step${p.blocked ? ' blocked' : ''}`, transform: `translate(${p.x},${p.y})` },
                this.overlay
            );
            el('circle', { r: 9 }, marker);
            el('text', { 'text-anchor': 'middle', y: 4 }, marker).textContent = p.blocked ? '✗' : String(p.n);
        }
        if (points.length > 0 && reveal) this.fitPoints(points);
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
        const found = id ? this.boxOrOwner(id) : undefined;
        if (!found) return null;
        found.node.classList.add('current');
        const { box } = found;
        const point = { x: box.x + box.w / 2, y: box.y + Math.min(box.h / 2, 40) };
        if (centre) this.centre(point);
        else this.reveal(point);
        return box.id;
    }

    /** Zooms and pans so a probe's path fills the view, never past a legible size nor beyond twice the drawing's. */
    private fitPoints(points: ReadonlyArray<{ x: number; y: number }>): void {
        const { width, height } = this.svg.getBoundingClientRect();
        const xs = points.map(p => p.x);
        const ys = points.map(p => p.y);
        const box = {
            x: Math.min(...xs) - 40,
            y: Math.min(...ys) - 40,
            w: Math.max(...xs) - Math.min(...xs) + 80,
            h: Math.max(...ys) - Math.min(...ys) + 80
        };
        const k = Math.min(2, Math.max(0.5, Math.min((width || 800) / box.w, (height || 600) / box.h)));
        this.apply({ k, x: (width || 800) / 2 - (box.x + box.w / 2) * k, y: (height || 600) / 2 - (box.y + box.h / 2) * k });
    }

    private centre(point: { x: number; y: number }): void {
        const { width, height } = this.svg.getBoundingClientRect();
        this.apply({ ...this.zoom, x: width / 2 - point.x * this.zoom.k, y: height / 2 - point.y * this.zoom.k });
    }

    /** The drawing as a standalone SVG document: every computed colour and size written into it, so it looks the same anywhere. */
    exportSvg(): string {
        const clone = this.svg.cloneNode(true) as SVGSVGElement;
        const properties = [
            'fill',
            'stroke',
            'stroke-width',
            'stroke-dasharray',
            'stroke-linecap',
            'stroke-linejoin',
            'paint-order',
            'opacity',
            'font-size',
            'font-weight',
            'font-family',
            'display'
        ];
        const source = [this.svg, ...this.svg.querySelectorAll('*')];
        const target = [clone, ...clone.querySelectorAll('*')];
        source.forEach((node, i) => {
            const style = getComputedStyle(node);
            (target[i] as SVGElement).setAttribute('style', properties.map(p => `${p}:${style.getPropertyValue(p)}`).join(';'));
        });
        clone.querySelector('.viewport')?.removeAttribute('transform');
        clone.setAttribute('xmlns', SVG);
        clone.setAttribute('width', String(Math.ceil(this.layoutSize.width)));
        clone.setAttribute('height', String(Math.ceil(this.layoutSize.height)));
        clone.setAttribute('viewBox', `0 0 ${Math.ceil(this.layoutSize.width)} ${Math.ceil(this.layoutSize.height)}`);
        const background = getComputedStyle(document.body).backgroundColor;
        clone.insertBefore(el('rect', { width: '100%', height: '100%', fill: background }), clone.firstChild);
        return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}\n`;
    }

    /**
     * Draws paths in the classes given (`compare-before`, `compare-after`), each shifted by its
     * offset so that where both sides take the same way both lines stay visible; none clears them.
     */
    drawPaths(paths: ReadonlyArray<{ hops: readonly Hop[]; className: string; offset: number }>): void {
        const classes = ['compare-before', 'compare-after'];
        for (const { node } of this.boxes.values()) node.classList.remove(...classes);
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
            if (points.length === 0) continue;
            const line = el(
                'polyline',
                {
                    class: `compare-path ${path.className}`,
                    points: points.map(p => `${p.x},${p.y}`).join(' '),
                    'marker-end': 'url(#arrow)'
                },
                this.compareLayer
            );
            el('title', {}, line).textContent = path.className === 'compare-before' ? 'before' : 'after';
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
        const k = Math.min(8, Math.max(0.02, this.zoom.k * factor));
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
    }

    private enablePanAndZoom(): void {
        let drag: { x: number; y: number; id: number } | undefined;
        this.svg.addEventListener('pointerdown', event => {
            if ((event.target as Element).closest('.box[tabindex]')) return;
            drag = { x: event.clientX, y: event.clientY, id: event.pointerId };
            this.svg.setPointerCapture(event.pointerId);
            this.svg.classList.add('panning');
        });
        this.svg.addEventListener('pointermove', event => {
            if (!drag || drag.id !== event.pointerId) return;
            this.panBy(event.clientX - drag.x, event.clientY - drag.y);
            drag = { ...drag, x: event.clientX, y: event.clientY };
        });
        const end = () => {
            drag = undefined;
            this.svg.classList.remove('panning');
        };
        this.svg.addEventListener('pointerup', end);
        this.svg.addEventListener('pointercancel', end);
        this.svg.addEventListener(
            'wheel',
            event => {
                event.preventDefault();
                const rect = this.svg.getBoundingClientRect();
                this.zoomBy(Math.exp(-event.deltaY * 0.0015), event.clientX - rect.left, event.clientY - rect.top);
            },
            { passive: false }
        );
    }
}

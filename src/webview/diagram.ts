/** The topology as SVG: boxes from the layout, zoom and pan, and a probe's path drawn over it. */
import type { PreviewProbe } from '../model/preview-data.js';
import type { SourceLocation } from '../model/topology.js';
import type { Hop } from '../model/trace.js';
import { unknownKind } from '../model/assert-never.js';
import type { Box, Layout } from './layout.js';

const SVG = 'http://www.w3.org/2000/svg';
export interface Zoom { x: number; y: number; k: number }

function el<K extends keyof SVGElementTagNameMap>(name: K, attributes: Record<string, string | number> = {}, parent?: Element): SVGElementTagNameMap[K] {
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
        case 'dns': return undefined;
        case 'internet': return 'internet';
        case 'service': return `service:${hop.name.split('.')[0]}`;
        case 'route-table': return hop.at ? `rt@${hop.at}` : undefined;
        case 'network-acl': return hop.at ? `acl@${hop.at}` : undefined;
        case 'security-group':
        case 'interface-endpoint': return hop.at ?? hop.elementId;
        case 'instance': case 'internet-gateway': case 'egress-only-internet-gateway': case 'nat-gateway':
        case 'peering': case 'gateway-endpoint': case 'bucket': case 'link-local': case 'amazon-dns': case 'aws-reserved':
            return hop.elementId;
        default:
            // A hop kind from a newer server: no box to light, never a broken page.
            unknownKind(hop.kind);
            return undefined;
    }
}

export class Diagram {
    private readonly svg: SVGSVGElement;
    private readonly viewport: SVGGElement;
    private readonly overlay: SVGGElement;
    private boxes = new Map<string, { box: Box; node: SVGGElement }>();
    private edges = new Map<string, SVGGElement>();
    private layoutSize = { width: 1, height: 1 };
    private zoom: Zoom = { x: 0, y: 0, k: 1 };

    constructor(host: HTMLElement, private readonly onReveal: (loc: SourceLocation) => void, private readonly onZoom: (zoom: Zoom) => void) {
        this.svg = el('svg', { class: 'diagram', role: 'group', 'aria-label': 'Topology diagram' });
        host.appendChild(this.svg);
        const defs = el('defs', {}, this.svg);
        const marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, defs);
        el('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow-head' }, marker);
        this.viewport = el('g', { class: 'viewport' }, this.svg);
        this.overlay = el('g', { class: 'overlay' });
        this.enablePanAndZoom();
    }

    render(layout: Layout, zoom: Zoom | null): void {
        this.viewport.replaceChildren();
        this.boxes.clear();
        this.edges.clear();
        this.layoutSize = { width: Math.max(1, layout.width), height: Math.max(1, layout.height) };
        const edgeLayer = el('g', { class: 'edges' });
        const order: Box['kind'][] = ['region', 'vpc', 'az', 'subnet'];
        const sorted = [...layout.boxes].sort((a, b) => rank(a.kind) - rank(b.kind));
        function rank(kind: Box['kind']): number { const i = order.indexOf(kind); return i < 0 ? order.length : i; }
        for (const box of sorted) {
            if (box.kind === 'vpc' || box.kind === 'region') this.drawBox(box);
        }
        this.viewport.appendChild(edgeLayer);
        for (const edge of layout.edges) {
            const group = el('g', { class: `edge edge-${edge.kind}${edge.crossRegion ? ' cross-region' : ''}${edge.crossAccount ? ' cross-account' : ''}`, 'data-id': edge.id }, edgeLayer);
            el('polyline', { points: edge.points.map(p => `${p.x},${p.y}`).join(' ') }, group);
            if (edge.label) {
                const middle = edge.points[Math.floor(edge.points.length / 2)]!;
                const label = el('text', { x: middle.x + 4, y: middle.y - 4, class: 'edge-label' }, group);
                label.textContent = edge.label;
            }
            this.edges.set(edge.id, group);
        }
        for (const box of sorted) {
            if (box.kind !== 'vpc' && box.kind !== 'region') this.drawBox(box);
        }
        this.viewport.appendChild(this.overlay);
        this.overlay.replaceChildren();
        if (zoom) this.apply(zoom); else this.fit();
    }

    private drawBox(box: Box): void {
        const group = el('g', { class: `box box-${box.kind}`, 'data-id': box.id, transform: `translate(${box.x},${box.y})` }, this.viewport);
        const rect = el('rect', { width: box.w, height: box.h, rx: box.kind === 'region' || box.kind === 'vpc' ? 8 : 4 }, group);
        rect.classList.add('frame');
        const small = box.kind === 'route-table' || box.kind === 'network-acl';
        const title = el('text', { x: 8, y: small ? 11 : box.kind === 'region' ? 20 : 15, class: 'title' }, group);
        title.textContent = fit(box.title, box.w - 12);
        box.lines.forEach((line, i) => {
            if (!line) return;
            const text = el('text', { x: 8, y: 30 + i * 15, class: 'line' }, group);
            text.textContent = fit(line, box.w - 12, 6.2);
        });
        if (box.kind === 'az') { title.setAttribute('y', '12'); rect.setAttribute('class', 'frame az-frame'); }
        if (box.loc) {
            const loc = box.loc;
            group.setAttribute('tabindex', '0');
            group.setAttribute('role', 'button');
            group.setAttribute('aria-label', `${box.title}: reveal in the editor`);
            group.addEventListener('click', event => { event.stopPropagation(); this.onReveal(loc); });
            group.addEventListener('keydown', event => {
                if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); this.onReveal(loc); }
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
            const found = id ? this.boxes.get(id) : undefined;
            if (!found) return;
            found.node.classList.add('on-path');
            if (blocked.has(i)) found.node.classList.add('blocked');
            if (i === deciding) found.node.classList.add('deciding');
            const { box } = found;
            const centre = { x: box.x + box.w / 2, y: box.y + box.h / 2 };
            const last = points[points.length - 1];
            if (last && last.x === centre.x && last.y === centre.y) { last.blocked ||= blocked.has(i); return; }
            points.push({ ...centre, blocked: blocked.has(i), n: i + 1 });
        });
        for (let i = 1; i < points.length; i++) {
            const a = points[i - 1]!;
            const b = points[i]!;
            el('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: `path-segment${b.blocked || a.blocked ? ' blocked' : ''}`, 'marker-end': 'url(#arrow)' }, this.overlay);
        }
        for (const p of points) {
            const marker = el('g', { class: `path-step${p.blocked ? ' blocked' : ''}`, transform: `translate(${p.x},${p.y})` }, this.overlay);
            el('circle', { r: 9 }, marker);
            el('text', { 'text-anchor': 'middle', y: 4 }, marker).textContent = p.blocked ? '✗' : String(p.n);
        }
        const first = points[0];
        if (first && reveal) this.reveal(first);
    }

    /** The ids of the boxes marked on the current path (for tests and screen readers). */
    marked(kind: 'on-path' | 'blocked'): string[] {
        return [...this.boxes.entries()].filter(([, { node }]) => node.classList.contains(kind)).map(([id]) => id);
    }

    private reveal(point: { x: number; y: number }): void {
        const { width, height } = this.svg.getBoundingClientRect();
        const x = point.x * this.zoom.k + this.zoom.x;
        const y = point.y * this.zoom.k + this.zoom.y;
        if (x < 0 || y < 0 || x > width || y > height) this.apply({ ...this.zoom, x: width / 2 - point.x * this.zoom.k, y: height / 2 - point.y * this.zoom.k });
    }

    fit(): void {
        const { width, height } = this.svg.getBoundingClientRect();
        const k = Math.min(2, Math.max(0.02, Math.min((width || 800) / (this.layoutSize.width + 40), (height || 600) / (this.layoutSize.height + 40))));
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
        const end = () => { drag = undefined; this.svg.classList.remove('panning'); };
        this.svg.addEventListener('pointerup', end);
        this.svg.addEventListener('pointercancel', end);
        this.svg.addEventListener('wheel', event => {
            event.preventDefault();
            const rect = this.svg.getBoundingClientRect();
            this.zoomBy(Math.exp(-event.deltaY * 0.0015), event.clientX - rect.left, event.clientY - rect.top);
        }, { passive: false });
    }
}

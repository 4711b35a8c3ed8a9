/** How one box is drawn: its glyph and its words, and which box a hop of a probe's path lights. */
import type { Hop } from '../model/trace.js';
import type { Box } from './layout.js';

const SVG = 'http://www.w3.org/2000/svg';

export function el<K extends keyof SVGElementTagNameMap>(
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
        default: {
            // A hop kind this page does not know (a newer simulator's): its element's box when drawn, never a broken page.
            void (hop.kind satisfies never);
            const unknown = hop as Hop;
            return unknown.at ?? unknown.elementId;
        }
    }
}

/** The gateways' own glyphs, 16 px, in the manner of AWS's diagrams (no AWS icon files): a door for an internet gateway, a one-way door for the egress-only one, crossing arrows for NAT, a plug for endpoints. */
export const GLYPHS: Partial<Record<Box['kind'], string>> = {
    'internet-gateway': 'M2 14V4l6-3 6 3v10M6 14V8h4v6',
    'egress-only-internet-gateway': 'M2 14V4l6-3 6 3v10M5 9h6m-2-2 2 2-2 2',
    'nat-gateway': 'M2 5h9m-2-3 3 3-3 3M14 11H5m2-3-3 3 3 3',
    'gateway-endpoint': 'M3 8h4m2-4v8M9 4h3a4 4 0 0 1 0 8H9',
    'interface-endpoint': 'M3 8h4m2-4v8M9 4h3a4 4 0 0 1 0 8H9',
    internet: 'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1M1 8h14M8 1c3 3 3 11 0 14M8 1c-3 3-3 11 0 14',
    bucket: 'M2 3h12l-2 11H4zM2 3c0 2 12 2 12 0',
    // A hub and its spokes; a fork for a load balancer spreading to its targets; a plug held out for an endpoint service.
    'transit-gateway': 'M8 5.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5M8 1v4.5M8 10.5V15M1 8h4.5M10.5 8H15',
    'transit-gateway-attachment': 'M2 8h5m2 0h5M7 5v6M9 5v6',
    'load-balancer': 'M2 8h4m0 0 6-5m-6 5h6m-6 0 6 5m0-10h2m-2 5h2m-2 5h2',
    'endpoint-service': 'M13 8H9m-2-4v8M7 4H4a4 4 0 0 0 0 8h3'
};

/** A box's glyph, title, lines and tooltip, into its group (drawn already with its frame). */
export function drawLabels(box: Box, group: SVGGElement): void {
    const small = box.kind === 'route-table' || box.kind === 'network-acl';
    const glyph = GLYPHS[box.kind];
    if (glyph) el('path', { d: glyph, class: 'glyph', transform: `translate(${box.w - 20},4)` }, group);
    const y = box.kind === 'az' || small ? 12 : box.kind === 'region' ? 20 : 15;
    el('text', { x: 8, y, class: 'title' }, group).textContent = fit(box.title, box.w - (glyph ? 30 : 12));
    box.lines.forEach((line, i) => {
        if (line) el('text', { x: 8, y: 30 + i * 15, class: 'line' }, group).textContent = fit(line, box.w - 12, 6.8);
    });
    el('title', {}, group).textContent = [box.title, ...box.lines].filter(Boolean).join('\n');
    group.classList.add('labelled');
}

export function removeLabels(group: SVGGElement): void {
    for (const node of group.querySelectorAll(':scope > text, :scope > title, :scope > .glyph')) node.remove();
    group.classList.remove('labelled');
}

/** What a box does when chosen: open a summarised VPC, or reveal its element in the editor. */
export type BoxAction = 'open' | 'reveal';

/** A box that acts on a click, Enter or Space; the one listener for all of them is `onBoxAction`'s. */
export function actionable(group: SVGGElement, label: string, action: BoxAction): void {
    group.setAttribute('tabindex', '0');
    group.setAttribute('role', 'button');
    group.setAttribute('aria-label', label);
    group.dataset.action = action;
}

/**
 * One click and one key listener on the drawing for every actionable box, rather than two per box:
 * a thousand summaries' closures cost more to make before the first paint than the listeners save.
 * The innermost actionable box under the event acts, and the event goes no further (to the boxes
 * under it or the pan).
 */
export function onBoxAction(svg: SVGSVGElement, act: (id: string, action: BoxAction) => void): void {
    const chosen = (event: Event): SVGGElement | null => {
        const target = event.target instanceof Element ? event.target : null;
        return target?.closest<SVGGElement>('.box[data-action]') ?? null;
    };
    const run = (group: SVGGElement) => {
        const { id, action } = group.dataset;
        if (id && (action === 'open' || action === 'reveal')) act(id, action);
    };
    svg.addEventListener('click', event => {
        const group = chosen(event);
        if (!group) return;
        event.stopPropagation();
        run(group);
    });
    svg.addEventListener('keydown', event => {
        if (event.key !== 'Enter' && event.key !== ' ') return;
        const group = chosen(event);
        // Only the focused box itself: Enter on a box inside another acts on the one that has the focus.
        if (!group || group !== event.target) return;
        event.preventDefault();
        run(group);
    });
}

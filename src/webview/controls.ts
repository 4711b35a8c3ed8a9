/** The page's bar and frame around the diagram: the tabs, the zoom buttons, the canvas's keys, the breadcrumb and the probe counts. */
import type { PreviewData } from '../model/preview-data.js';
import { probeCounts, type PreviewTab } from '../protocol.js';
import type { Diagram } from './diagram.js';
import { h } from './tables.js';

/** 8,000: by hand, since the first `toLocaleString` loads the page's locale data, tens of ms before the first paint. */
export function thousands(n: number): string {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The file a location is in, by its name only (`tour.vpc`). */
export function fileName(uri: string): string {
    return decodeURIComponent(uri.split('/').pop() ?? uri);
}

const TAB_LABELS: Record<PreviewTab, string> = {
    diagram: 'Diagram',
    matrix: 'Reachability matrix',
    'flow-logs': 'Flow logs',
    changes: 'Changes'
};

/** The views' tab list (arrow keys move between tabs); each button is put in `tabs`. */
export function tabList(tabs: Map<PreviewTab, HTMLElement>, show: (tab: PreviewTab) => void): HTMLElement {
    const tablist = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Views' });
    for (const tab of Object.keys(TAB_LABELS) as PreviewTab[]) {
        const button = h('button', { role: 'tab', id: `tab-${tab}`, 'aria-controls': `view-${tab}`, type: 'button' }, TAB_LABELS[tab]);
        button.addEventListener('click', () => show(tab));
        button.addEventListener('keydown', event => {
            const order = Object.keys(TAB_LABELS) as PreviewTab[];
            const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
            if (step === 0) return;
            const next = order[(order.indexOf(tab) + step + order.length) % order.length]!;
            show(next);
            tabs.get(next)?.focus();
        });
        tabs.set(tab, button);
        tablist.append(button);
    }
    return tablist;
}

/** `diagram`: asked at each press, since the diagram is made inside the canvas these buttons come before. */
export function zoomGroup(diagram: () => Diagram): HTMLElement {
    const zoomButtons = h('div', { class: 'zoom', role: 'group', 'aria-label': 'Zoom' });
    for (const [label, text, act] of [
        ['Zoom in', '+', () => diagram().zoomBy(1.25)],
        ['Zoom out', '−', () => diagram().zoomBy(0.8)],
        ['Fit to window', 'Fit', () => diagram().fit()]
    ] as const) {
        const button = h('button', { type: 'button', title: label, 'aria-label': label }, text);
        button.addEventListener('click', act);
        zoomButtons.append(button);
    }
    return zoomButtons;
}

/** The diagram's frame: focusable, arrow keys pan, + and − zoom, 0 fits. */
export function diagramCanvas(diagram: () => Diagram): HTMLElement {
    const canvas = h('div', { class: 'canvas', tabindex: '0', 'aria-label': 'Diagram: arrow keys pan, + and − zoom, 0 fits' });
    canvas.addEventListener('keydown', event => {
        const pan: Record<string, [number, number]> = {
            ArrowLeft: [40, 0],
            ArrowRight: [-40, 0],
            ArrowUp: [0, 40],
            ArrowDown: [0, -40]
        };
        if (event.target !== canvas) return;
        if (pan[event.key]) {
            event.preventDefault();
            diagram().panBy(...pan[event.key]!);
        } else if (event.key === '+' || event.key === '=') diagram().zoomBy(1.25);
        else if (event.key === '-') diagram().zoomBy(0.8);
        else if (event.key === '0') diagram().fit();
    });
    return canvas;
}

/** Where the view is: the whole estate, or one VPC opened alone with a way `back`. */
export function crumbsOf(data: PreviewData, opened: string | null | undefined, back: () => void): HTMLElement[] {
    const vpc = data.topology.vpcs.find(v => v.id === opened);
    const all = `All VPCs (${data.topology.vpcs.length})`;
    if (!vpc) return [h('span', { 'aria-current': 'page' }, all)];
    const button = h('button', { type: 'button', class: 'crumb' }, all);
    button.addEventListener('click', back);
    return [
        button,
        h('span', { class: 'crumb-sep', 'aria-hidden': 'true' }, ' › '),
        h('span', { 'aria-current': 'page' }, `VPC ${vpc.name}`)
    ];
}

export function summaryOf(data: PreviewData): string {
    const { passed, failed } = probeCounts(data.probes);
    const { errors, warnings } = data.problems;
    return `✓ ${passed} probes · ✗ ${failed}` + (errors + warnings > 0 ? ` · ${errors} errors, ${warnings} warnings` : '');
}

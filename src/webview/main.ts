/**
 * The preview page: in a VS Code webview (data arrives as messages) or standalone (data embedded
 * in the page by `vpc-lab preview`). It lays out and draws; it never parses.
 */
import type { PreviewData } from '../model/preview-data.js';
import type { SourceLocation } from '../model/topology.js';
import { isHostMessage, pageStateOf, probeCounts, type PageMessage, type PageState, type PreviewTab } from '../protocol.js';
import { ChangesView } from './changes.js';
import { Diagram } from './diagram.js';
import { layout } from './layout.js';
import { flowLogTable, h, hopTable, matrixTable, probeList, type RecordFilter } from './tables.js';

interface Host { post(message: PageMessage): void; getState(): unknown; setState(state: PageState): void; standalone: boolean }

declare function acquireVsCodeApi(): { postMessage(message: unknown): void; getState(): unknown; setState(state: unknown): void };

function connect(): Host {
    if (typeof acquireVsCodeApi === 'function') {
        const api = acquireVsCodeApi();
        return { post: m => api.postMessage(m), getState: () => api.getState(), setState: s => api.setState(s), standalone: false };
    }
    let saved: unknown;
    return { post: () => undefined, getState: () => saved, setState: s => { saved = s; }, standalone: true };
}

/** The file a location is in, by its name only (`tour.vpc`). */
function fileName(uri: string): string {
    return decodeURIComponent(uri.split('/').pop() ?? uri);
}

const TAB_LABELS: Record<PreviewTab, string> = { diagram: 'Diagram', matrix: 'Reachability matrix', 'flow-logs': 'Flow logs', changes: 'Changes' };

class Page {
    private state: PageState;
    private data: PreviewData | undefined;
    /** The last topology without syntax errors: shown, with a banner, while the text is broken. */
    private lastGood: PreviewData | undefined;
    private readonly diagram: Diagram;
    private readonly changes: ChangesView;
    private readonly views = new Map<PreviewTab, HTMLElement>();
    private readonly tabs = new Map<PreviewTab, HTMLElement>();
    private readonly summary = h('span', { class: 'summary', role: 'status' });
    private readonly banner = h('div', { class: 'banner', role: 'alert', hidden: '' });
    private readonly probesPane = h('div', { class: 'probes' });
    private readonly hopsPane = h('div', { class: 'hop-pane' });
    private readonly status = h('div', { class: 'status-line', 'aria-live': 'polite' });
    private filter: RecordFilter = { flowLog: '', eni: '', action: '' };
    private renders = 0;
    private firstZoom: PageState['zoom'];

    constructor(root: HTMLElement, private readonly host: Host) {
        this.state = pageStateOf(host.getState());
        this.firstZoom = this.state.zoom;
        const tablist = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Views' });
        for (const tab of Object.keys(TAB_LABELS) as PreviewTab[]) {
            const button = h('button', { role: 'tab', id: `tab-${tab}`, 'aria-controls': `view-${tab}`, type: 'button' }, TAB_LABELS[tab]);
            button.addEventListener('click', () => this.showTab(tab));
            button.addEventListener('keydown', event => {
                const order = Object.keys(TAB_LABELS) as PreviewTab[];
                const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
                if (step === 0) return;
                const next = order[(order.indexOf(tab) + step + order.length) % order.length]!;
                this.showTab(next);
                this.tabs.get(next)?.focus();
            });
            this.tabs.set(tab, button);
            tablist.append(button);
        }
        const zoomButtons = h('div', { class: 'zoom', role: 'group', 'aria-label': 'Zoom' });
        for (const [label, text, act] of [['Zoom in', '+', () => this.diagram.zoomBy(1.25)], ['Zoom out', '−', () => this.diagram.zoomBy(0.8)], ['Fit to window', 'Fit', () => this.diagram.fit()]] as const) {
            const button = h('button', { type: 'button', title: label, 'aria-label': label }, text);
            button.addEventListener('click', act);
            zoomButtons.append(button);
        }
        const canvas = h('div', { class: 'canvas', tabindex: '0', 'aria-label': 'Diagram: arrow keys pan, + and − zoom, 0 fits' });
        canvas.addEventListener('keydown', event => {
            const pan: Record<string, [number, number]> = { ArrowLeft: [40, 0], ArrowRight: [-40, 0], ArrowUp: [0, 40], ArrowDown: [0, -40] };
            if (event.target !== canvas) return;
            if (pan[event.key]) { event.preventDefault(); this.diagram.panBy(...pan[event.key]!); }
            else if (event.key === '+' || event.key === '=') this.diagram.zoomBy(1.25);
            else if (event.key === '-') this.diagram.zoomBy(0.8);
            else if (event.key === '0') this.diagram.fit();
        });
        this.diagram = new Diagram(canvas, loc => this.reveal(loc), zoom => { this.state.zoom = zoom; this.save(); });
        const diagramView = h('section', { id: 'view-diagram', role: 'tabpanel', 'aria-labelledby': 'tab-diagram', class: 'view view-diagram' },
            canvas, h('aside', { class: 'side' }, h('h2', {}, 'Probes'), this.probesPane, this.hopsPane));
        const matrixView = h('section', { id: 'view-matrix', role: 'tabpanel', 'aria-labelledby': 'tab-matrix', class: 'view view-matrix' });
        const flowView = h('section', { id: 'view-flow-logs', role: 'tabpanel', 'aria-labelledby': 'tab-flow-logs', class: 'view view-flow-logs' });
        this.changes = new ChangesView(this.diagram, loc => this.reveal(loc), () => this.showTab('diagram'));
        this.views.set('diagram', diagramView).set('matrix', matrixView).set('flow-logs', flowView).set('changes', this.changes.element);
        root.append(h('header', { class: 'bar' }, h('strong', { class: 'brand' }, 'vpc-lab'), this.summary, tablist, zoomButtons), this.banner, diagramView, matrixView, flowView, this.changes.element, this.status);
        this.showTab(this.state.tab);
        window.addEventListener('message', event => this.receive(event.data));
    }

    private save(): void {
        this.host.setState(this.state);
    }

    private reveal(loc: SourceLocation): void {
        if (this.host.standalone) {
            this.status.textContent = `Defined at ${fileName(loc.uri)}:${loc.range.start.line + 1}:${loc.range.start.character + 1}`;
        } else {
            this.host.post({ type: 'reveal', loc });
        }
    }

    private receive(message: unknown): void {
        // Anything not of a known shape is ignored, whoever sent it.
        if (!isHostMessage(message)) return;
        if (message.type === 'update') void this.update(message.data);
        else if (message.type === 'compare') this.changes.update(message.data);
        else if (message.type === 'select-probe') { this.showTab('diagram'); this.select(message.probeId); }
        else this.showTab(message.tab);
    }

    showTab(tab: PreviewTab): void {
        this.state.tab = tab;
        for (const [name, view] of this.views) view.hidden = name !== tab;
        for (const [name, button] of this.tabs) {
            button.setAttribute('aria-selected', String(name === tab));
            button.tabIndex = name === tab ? 0 : -1;
        }
        this.save();
    }

    private select(probeId: string | null): void {
        this.state.probeId = probeId;
        this.save();
        this.renderProbes(true);
        if (!this.host.standalone) this.host.post({ type: 'selected', probeId });
    }

    async update(data: PreviewData): Promise<void> {
        const broken = data.problems.syntaxErrors > 0;
        const shown = broken && this.lastGood ? this.lastGood : data;
        if (!broken) this.lastGood = data;
        this.data = shown;
        this.renderSummary(data);
        if (broken) {
            const first = data.problems.firstSyntaxError;
            const where = first ? ` (${fileName(first.loc.uri)}:${first.loc.range.start.line + 1}: ${first.message})` : '';
            this.banner.textContent = `${data.problems.syntaxErrors} syntax error${data.problems.syntaxErrors === 1 ? '' : 's'}${where}. ${shown === data ? 'The diagram shows what could be read.' : 'Showing the last topology that parsed.'}`;
            this.banner.hidden = false;
        } else {
            this.banner.hidden = true;
        }
        const render = ++this.renders;
        const started = performance.now();
        const laid = await layout(shown.topology);
        if (render !== this.renders) return;
        this.diagram.render(laid, this.firstZoom ?? null);
        this.firstZoom = null;
        this.renderProbes();
        this.changes.redraw();
        this.renderMatrix();
        this.renderFlowLogs();
        document.body.dataset.renderMs = String(Math.round(performance.now() - started));
        document.body.dataset.ready = String(render);
    }

    private renderSummary(data: PreviewData): void {
        const { passed, failed } = probeCounts(data.probes);
        const { errors, warnings } = data.problems;
        this.summary.textContent = `✓ ${passed} probes · ✗ ${failed}` + (errors + warnings > 0 ? ` · ${errors} errors, ${warnings} warnings` : '');
    }

    /** `reveal`: the user chose the probe, so its path is brought into view (a restored selection keeps the restored zoom). */
    private renderProbes(reveal = false): void {
        const data = this.data;
        if (!data) return;
        const selected = data.probes.find(p => p.id === this.state.probeId) ?? null;
        this.probesPane.replaceChildren(probeList(data.probes, selected?.id ?? null, id => this.select(id === this.state.probeId ? null : id)));
        this.hopsPane.replaceChildren(selected ? hopTable(selected) : h('p', { class: 'hint' }, 'Select a probe to see its path hop by hop.'));
        this.diagram.highlight(selected, reveal);
        (this.probesPane.querySelector(`[data-probe="${CSS.escape(selected?.id ?? '')}"]`) as HTMLElement | null)?.scrollIntoView({ block: 'nearest' });
    }

    private renderMatrix(): void {
        if (!this.data) return;
        this.views.get('matrix')!.replaceChildren(matrixTable(this.data.matrix, this.data.matrixNote));
    }

    private renderFlowLogs(): void {
        const data = this.data;
        if (!data) return;
        this.views.get('flow-logs')!.replaceChildren(flowLogTable(data, this.filter, (name, value) => { this.filter = { ...this.filter, [name]: value }; this.renderFlowLogs(); }));
    }
}

const root = document.getElementById('app');
if (root) {
    const host = connect();
    const page = new Page(root, host);
    const embedded = document.getElementById('vpc-lab-data');
    if (embedded?.textContent) {
        try {
            const message = { type: 'update', data: JSON.parse(embedded.textContent) as unknown };
            if (isHostMessage(message) && message.type === 'update') void page.update(message.data);
        } catch {
            root.append(h('p', { class: 'banner' }, 'The page\'s embedded data is damaged; run vpc-lab preview again.'));
        }
    }
    host.post({ type: 'ready' });
}

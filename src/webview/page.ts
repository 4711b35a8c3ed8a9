/**
 * The page itself: its views and panes, what it does with each message from its host, and when it
 * lays out and draws (the first frame of a large estate before the rest).
 */
import type { PreviewData } from '../model/preview-data.js';
import type { SourceLocation } from '../model/topology.js';
import { isHostMessage, pageStateOf, type PageState, type PreviewTab } from '../protocol.js';
import { ChangesView } from './changes.js';
import { crumbsOf, diagramCanvas, fileName, summaryOf, tabList, thousands, zoomGroup } from './controls.js';
import { Diagram } from './diagram.js';
import { DETAIL_LIMIT, detailSource, layoutEstate } from './estate.js';
import { elementAt, findables, type Findable } from './find.js';
import type { Host } from './host.js';
import type { Layout } from './layout.js';
import { SearchBox } from './search-box.js';
import { flowLogTable, h, hopTable, matrixTable, probeList, type RecordFilter } from './tables.js';
import { LayoutWorker } from './worker.js';

/** Narrower than this, the probes become a drawer under the diagram, closed until asked for. */
const NARROW = 900;

export class Page {
    private state: PageState;
    private data: PreviewData | undefined;
    /** The last topology without syntax errors: shown, with a banner, while the text is broken. */
    private lastGood: PreviewData | undefined;
    /** The VPC interiors zoomed into, for the topology shown. */
    private details: ReturnType<typeof detailSource> | undefined;
    private readonly diagram: Diagram;
    private readonly changes: ChangesView;
    private readonly views = new Map<PreviewTab, HTMLElement>();
    private readonly tabs = new Map<PreviewTab, HTMLElement>();
    private readonly summary = h('span', { class: 'summary', role: 'status' });
    private readonly banner = h('div', { class: 'banner', role: 'alert', hidden: '' });
    private readonly probesPane = h('div', { class: 'probes' });
    private readonly hopsPane = h('div', { class: 'hop-pane' });
    private readonly status = h('div', { class: 'status-line', 'aria-live': 'polite' });
    private readonly progress = h('progress', { max: '1', value: '0' }) as HTMLProgressElement;
    private readonly progressLabel = h('span', {});
    private readonly progressBox = h('div', { class: 'layout-progress', role: 'status', hidden: '' }, this.progressLabel, this.progress);
    private readonly worker: LayoutWorker;
    private layouts = 0;
    /** The tables not yet built for the data shown. */
    private stale = new Set<PreviewTab>();
    private filter: RecordFilter = { flowLog: '', eni: '', action: '' };
    private renders = 0;
    private firstZoom: PageState['zoom'];
    private readonly canvas: HTMLElement;
    private readonly side: HTMLElement;
    private readonly drawerToggle: HTMLButtonElement;
    private readonly crumbs = h('nav', { class: 'crumbs', 'aria-label': 'Where you are' });
    private readonly search: SearchBox;
    /** The named elements of the topology shown, gathered at the first search or cursor move after an update. */
    private named: Findable[] | undefined;
    private laidWidth = 0;
    /** The element last marked from the cursor or the search, kept across redraws. */
    private current: string | null = null;

    constructor(
        root: HTMLElement,
        private readonly host: Host,
        script: HTMLScriptElement | null
    ) {
        this.worker = new LayoutWorker(script);
        this.state = pageStateOf(host.getState());
        this.firstZoom = this.state.zoom;
        const tablist = tabList(this.tabs, tab => this.showTab(tab));
        const zoomButtons = zoomGroup(() => this.diagram);
        const canvas = diagramCanvas(() => this.diagram);
        this.canvas = canvas;
        this.diagram = new Diagram(
            canvas,
            loc => this.reveal(loc),
            zoom => {
                this.state.zoom = zoom;
                this.save();
            },
            vpc => this.open(vpc)
        );
        this.search = new SearchBox(element => this.goTo(element));
        this.search.setElements(() => this.elements());
        const exportButton = h(
            'button',
            { type: 'button', title: 'Save the diagram as SVG', 'aria-label': 'Save the diagram as SVG' },
            'SVG'
        );
        exportButton.addEventListener('click', () => this.exportSvg());
        zoomButtons.append(exportButton);
        this.drawerToggle = h(
            'button',
            { type: 'button', class: 'drawer-toggle', 'aria-expanded': 'true', 'aria-controls': 'side-content' },
            'Probes'
        );
        this.drawerToggle.addEventListener('click', () => this.toggleDrawer());
        this.side = h(
            'aside',
            { class: 'side' },
            h('h2', {}, this.drawerToggle),
            h('div', { id: 'side-content', class: 'side-content' }, this.probesPane, this.hopsPane)
        );
        if (window.innerWidth < NARROW) this.toggleDrawer(false);
        const diagramView = h(
            'section',
            { id: 'view-diagram', role: 'tabpanel', 'aria-labelledby': 'tab-diagram', class: 'view view-diagram' },
            h('div', { class: 'stage' }, this.crumbs, canvas, this.progressBox),
            this.side
        );
        const matrixView = h('section', {
            id: 'view-matrix',
            role: 'tabpanel',
            'aria-labelledby': 'tab-matrix',
            class: 'view view-matrix'
        });
        const flowView = h('section', {
            id: 'view-flow-logs',
            role: 'tabpanel',
            'aria-labelledby': 'tab-flow-logs',
            class: 'view view-flow-logs'
        });
        this.changes = new ChangesView(
            this.diagram,
            loc => this.reveal(loc),
            () => this.showTab('diagram')
        );
        this.views.set('diagram', diagramView).set('matrix', matrixView).set('flow-logs', flowView).set('changes', this.changes.element);
        root.append(
            h(
                'header',
                { class: 'bar' },
                h('strong', { class: 'brand' }, 'vpc-lab'),
                this.summary,
                tablist,
                this.search.element,
                zoomButtons
            ),
            this.banner,
            diagramView,
            matrixView,
            flowView,
            this.changes.element,
            this.status
        );
        this.showTab(this.state.tab);
        window.addEventListener('message', event => this.receive(event.data));
        window.addEventListener('keydown', event => {
            if ((event.ctrlKey || event.metaKey) && event.key === 'f') {
                event.preventDefault();
                this.search.focus();
            }
        });
        // A wider or narrower panel lays the estate out again for its width (the zoom stays).
        let resize: ReturnType<typeof setTimeout> | undefined;
        new ResizeObserver(() => {
            clearTimeout(resize);
            resize = setTimeout(() => {
                if (this.data && this.canvas.clientWidth > 0 && Math.abs(this.width() - this.laidWidth) > 40)
                    void this.draw(this.state.zoom);
            }, 150);
        }).observe(canvas);
    }

    private elements(): Findable[] {
        return (this.named ??= this.data ? findables(this.data.topology) : []);
    }

    private width(): number {
        // A hidden tab has no width: keep the last one rather than lay out for the whole window.
        return this.canvas.clientWidth || this.laidWidth || window.innerWidth || 800;
    }

    private toggleDrawer(open = this.drawerToggle.getAttribute('aria-expanded') !== 'true'): void {
        this.drawerToggle.setAttribute('aria-expanded', String(open));
        this.side.classList.toggle('closed', !open);
    }

    /** Opens one VPC alone (null: back to the whole estate). */
    private open(vpc: string | null): void {
        this.state.vpc = vpc;
        this.save();
        void this.draw(null);
    }

    /** Goes to an element found by the search: opens its VPC when the estate shows summaries, then centres it. */
    private goTo(element: Findable): void {
        this.showTab('diagram');
        const vpc = element.kind === 'vpc' ? element.id : element.vpc;
        if (!this.diagram.has(element.id) && vpc && vpc !== this.state.vpc) this.open(vpc);
        this.current = this.diagram.mark(element.id, true);
        this.status.textContent = `${element.kind} ${element.name}`;
        this.canvas.focus();
    }

    private followCursor(uri: string, line: number): void {
        const element = elementAt(this.elements(), uri, line);
        if (!element) return;
        const vpc = element.kind === 'vpc' ? element.id : element.vpc;
        // In a VPC opened alone, the cursor in another VPC opens that one.
        if (this.state.vpc && vpc && vpc !== this.state.vpc) this.open(vpc);
        this.current = this.diagram.mark(element.id);
    }

    svg(): string {
        return this.diagram.exportSvg();
    }

    warmLayout(): void {
        this.worker.warm();
    }

    private exportSvg(): void {
        const svg = this.diagram.exportSvg();
        if (!this.host.standalone) {
            this.host.post({ type: 'save-svg', svg });
            return;
        }
        const link = h('a', { href: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`, download: 'vpc-diagram.svg' });
        document.body.append(link);
        link.click();
        link.remove();
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
        else if (message.type === 'select-probe') {
            this.showTab('diagram');
            this.select(message.probeId);
        } else if (message.type === 'cursor') this.followCursor(message.uri, message.line);
        else this.showTab(message.tab);
    }

    showTab(tab: PreviewTab): void {
        this.state.tab = tab;
        if (this.stale.delete(tab)) {
            if (tab === 'matrix') this.renderMatrix();
            if (tab === 'flow-logs') this.renderFlowLogs();
        }
        for (const [name, view] of this.views) view.hidden = name !== tab;
        for (const [name, button] of this.tabs) {
            button.setAttribute('aria-selected', String(name === tab));
            button.tabIndex = name === tab ? 0 : -1;
        }
        this.save();
    }

    private select(probeId: string | null): void {
        this.state.probeId = probeId;
        if (probeId && this.side.classList.contains('closed')) this.toggleDrawer(true);
        this.save();
        this.renderProbes(true);
        if (!this.host.standalone) this.host.post({ type: 'selected', probeId });
    }

    async update(data: PreviewData): Promise<void> {
        const broken = data.problems.syntaxErrors > 0;
        const shown = broken && this.lastGood ? this.lastGood : data;
        if (!broken) this.lastGood = data;
        if (shown !== this.data) this.details = undefined;
        this.data = shown;
        this.summary.textContent = summaryOf(data);
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
        // A large estate is placed by the worker: started now, it gets ready while the page does the rest.
        if (shown.topology.vpcs.length > DETAIL_LIMIT) this.worker.warm();
        this.named = undefined;
        if (this.state.vpc && !shown.topology.vpcs.some(v => v.id === this.state.vpc)) this.state.vpc = null;
        const zoom = this.firstZoom ?? this.state.zoom ?? null;
        this.firstZoom = null;
        const { rest } = await this.draw(zoom);
        if (render !== this.renders) return;
        this.renderProbes();
        this.changes.redraw();
        // The first paint, in ms since the page was opened: the frame after the first drawing (read by the bench).
        if (render === 1) {
            const first = Math.round(performance.now() - started);
            requestAnimationFrame(() => {
                document.body.dataset.paintMs = String(Math.round(performance.now()));
                document.body.dataset.firstRenderMs = String(first);
            });
        }
        // A large estate's boxes out of view are drawn once the first frame is up.
        await rest;
        if (render !== this.renders) return;
        document.body.dataset.renderMs = String(Math.round(performance.now() - started));
        document.body.dataset.ready = String(render);
        // The tables are in hidden tabs: each is built when its tab is first shown after this update.
        this.stale = new Set(['matrix', 'flow-logs']);
        if (this.state.tab !== 'diagram') this.showTab(this.state.tab);
    }

    /**
     * Lays out for the panel's width and draws; the first paint of a large estate is its regions
     * and VPCs, placed by the worker while the page keeps answering, with its progress shown.
     */
    /** Settles when the first pass is drawn, with `rest`: the second pass of a large estate (an async function's promise would wait for it). */
    private async draw(zoom: PageState['zoom']): Promise<{ rest: Promise<void> }> {
        const done = { rest: Promise.resolve() };
        const data = this.data;
        if (!data) return done;
        // Typing redraws often: a width within 40 px of the last keeps the same places.
        if (this.laidWidth === 0 || Math.abs(this.width() - this.laidWidth) > 40) this.laidWidth = this.width();
        const options = { width: this.laidWidth, only: this.state.vpc };
        const ticket = ++this.layouts;
        const started = performance.now();
        let laid: Layout | undefined;
        if (!this.state.vpc && data.topology.vpcs.length > DETAIL_LIMIT) {
            document.body.dataset.layout = 'running';
            const shown = setTimeout(() => (this.progressBox.hidden = false), 100);
            this.progress.value = 0;
            this.progressLabel.textContent = `Placing ${thousands(data.topology.vpcs.length)} VPCs…`;
            laid = await this.worker.summary(data.topology, options, share => (this.progress.value = share));
            clearTimeout(shown);
            this.progressBox.hidden = true;
            document.body.dataset.layout = laid ? 'worker' : 'page';
            // A newer layout was asked for meanwhile: it draws, not this one.
            if (ticket !== this.layouts || data !== this.data) return done;
        }
        laid ??= layoutEstate(data.topology, options);
        const placed = performance.now();
        const rest = this.diagram.render(laid, zoom, (this.details ??= detailSource(data.topology)));
        // For the bench: how long placing took (worker included) and how long drawing.
        document.body.dataset.layoutMs = String(Math.round(placed - started));
        document.body.dataset.drawMs = String(Math.round(performance.now() - placed));
        if (this.current) this.diagram.mark(this.current);
        this.diagram.highlight(data.probes.find(p => p.id === this.state.probeId) ?? null);
        this.crumbs.replaceChildren(...crumbsOf(data, this.state.vpc, () => this.open(null)));
        document.body.dataset.detail = laid.boxes.some(b => b.collapsed) ? 'summary' : 'full';
        return { rest };
    }

    /** `reveal`: the user chose the probe, so its path is brought into view (a restored selection keeps the restored zoom). */
    private renderProbes(reveal = false): void {
        const data = this.data;
        if (!data) return;
        const selected = data.probes.find(p => p.id === this.state.probeId) ?? null;
        this.probesPane.replaceChildren(
            probeList(data.probes, selected?.id ?? null, id => this.select(id === this.state.probeId ? null : id))
        );
        this.hopsPane.replaceChildren(
            selected ? hopTable(selected) : h('p', { class: 'hint' }, 'Select a probe to see its path hop by hop.')
        );
        this.diagram.highlight(selected, reveal);
        (this.probesPane.querySelector(`[data-probe="${CSS.escape(selected?.id ?? '')}"]`) as HTMLElement | null)?.scrollIntoView({
            block: 'nearest'
        });
    }

    private renderMatrix(): void {
        if (!this.data) return;
        this.views.get('matrix')!.replaceChildren(matrixTable(this.data.matrix, this.data.matrixNote));
    }

    private renderFlowLogs(): void {
        const data = this.data;
        if (!data) return;
        this.views.get('flow-logs')!.replaceChildren(
            flowLogTable(data, this.filter, (name, value) => {
                this.filter = { ...this.filter, [name]: value };
                this.renderFlowLogs();
            })
        );
    }
}

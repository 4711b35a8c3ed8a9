/**
 * The estate's layout in a worker, so that the page answers input while a large estate is placed.
 * The worker is the page's own script, started again from a blob (the CSP allows `worker-src
 * blob:` and nothing else): inline in a standalone page, fetched from the webview's resources in
 * VS Code. Where a worker cannot start, the layout runs on the page's thread as before.
 */
import type { Topology } from '../model/topology.js';
import { layoutEstate, summaryInput, vpcCounts, withLocations, type EstateOptions, type VpcCounts } from './estate.js';
import type { Layout } from './layout.js';

/**
 * Both ways the payload is JSON text: a string crosses to a worker as one copy, where the
 * structured clone of the same objects took several times as long as writing and reading it.
 */
type Request = { id: number; json: string };
type Reply = { id: number; progress: number } | { id: number; json: string } | { id: number; failed: string };
interface Sent {
    topology: Topology;
    options: Omit<EstateOptions, 'counts' | 'onProgress'> & { counts: Array<[string, VpcCounts]> };
}

interface WorkerScope {
    onmessage: ((event: MessageEvent<Request>) => void) | null;
    postMessage(message: Reply): void;
}

/** In the worker: answers each request with its layout (without its owners: the page has the whole topology to find them), and its progress on the way. */
export function serveLayouts(scope: WorkerScope): void {
    scope.onmessage = ({ data }) => {
        try {
            const { topology, options } = JSON.parse(data.json) as Sent;
            const { owners: _owners, ...layout } = layoutEstate(topology, {
                ...options,
                counts: new Map(options.counts),
                onProgress: progress => scope.postMessage({ id: data.id, progress })
            });
            scope.postMessage({ id: data.id, json: JSON.stringify(layout) });
        } catch (error) {
            scope.postMessage({ id: data.id, failed: String(error) });
        }
    };
}

/** The page's side: one worker, started from the page's own script, replies matched by id. */
export class LayoutWorker {
    private worker: Worker | undefined;
    private ready: Promise<Worker | undefined> | undefined;
    private next = 0;
    private readonly pending = new Map<number, { done(layout: Layout | undefined): void; progress(p: number): void }>();

    /** `script`: the page's own script element, taken while it runs (`document.currentScript`). */
    constructor(private readonly script: HTMLScriptElement | null) {}

    /** Started at the first large estate only: a small one is laid out on the page faster than a worker starts. */
    private async start(script: HTMLScriptElement | null): Promise<Worker | undefined> {
        if (!script || typeof Worker !== 'function') return undefined;
        const source = script.src ? await (await fetch(script.src)).text() : (script.textContent ?? '');
        if (!source) return undefined;
        const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
        worker.onmessage = ({ data }: MessageEvent<Reply>) => {
            const waiting = this.pending.get(data.id);
            if (!waiting) return;
            if ('progress' in data) return waiting.progress(data.progress);
            this.pending.delete(data.id);
            waiting.done('json' in data ? ({ ...JSON.parse(data.json), owners: new Map() } as Layout) : undefined);
        };
        // A worker the CSP or the browser refuses: every layout from now on runs on the page's thread.
        worker.onerror = () => this.stop();
        this.worker = worker;
        return worker;
    }

    private stop(): void {
        this.worker?.terminate();
        this.worker = undefined;
        this.ready = Promise.resolve(undefined);
        for (const waiting of this.pending.values()) waiting.done(undefined);
        this.pending.clear();
    }

    /** Starts the worker ahead of its first layout, so that it is ready by the time the data is. */
    warm(): void {
        this.ready ??= this.start(this.script).catch(() => undefined);
    }

    /**
     * A large estate's summary layout, from the worker when there is one; undefined when it could
     * not give one (the caller lays out itself). The worker is sent only what a summary reads.
     */
    async summary(topology: Topology, options: EstateOptions, progress: (p: number) => void): Promise<Layout | undefined> {
        this.warm();
        const sent: Sent = {
            topology: summaryInput(topology),
            options: { width: options.width, only: options.only, detail: 'summary', counts: [...vpcCounts(topology)] }
        };
        const json = JSON.stringify(sent);
        const worker = await this.ready;
        if (!worker || this.worker !== worker) return undefined;
        const id = ++this.next;
        const laid = await new Promise<Layout | undefined>(done => {
            this.pending.set(id, { done, progress });
            worker.postMessage({ id, json });
        });
        return laid && withLocations(laid, topology);
    }
}

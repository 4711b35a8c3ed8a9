/**
 * The preview page: in a VS Code webview (data arrives as messages) or standalone (data embedded
 * in the page by `vpc-lab preview`). It lays out and draws; it never parses.
 */
import { isHostMessage } from '../protocol.js';
import { connect } from './host.js';
import { Page } from './page.js';
import { h } from './tables.js';
import { serveLayouts } from './worker.js';

/** Embedded data longer than this (in characters) is taken for a large estate before it is read. */
const LARGE_DATA = 1_000_000;

// Started again as the layout worker, the script has no page: it only answers layouts.
const root = typeof document === 'undefined' ? null : document.getElementById('app');
if (typeof document === 'undefined') serveLayouts(self as unknown as Parameters<typeof serveLayouts>[0]);
else if (root) {
    const host = connect();
    // Standalone, the page follows the system's contrast preference (or `#high-contrast` in its address); VS Code sets its own theme classes.
    if (host.standalone && (location.hash === '#high-contrast' || matchMedia('(prefers-contrast: more)').matches))
        document.body.classList.add('high-contrast');
    // Drawn for `--svg/--png`, the page lays out on its own thread: headless Chromium's virtual clock
    // runs out while a worker computes, and would read the page before the diagram is there.
    const exporting = location.hash === '#export-svg';
    const page = new Page(root, host, exporting ? null : (document.currentScript as HTMLScriptElement | null));
    const text = document.getElementById('vpc-lab-data')?.textContent;
    const show = async (text: string) => {
        let message: unknown;
        try {
            message = { type: 'update', data: JSON.parse(text) as unknown };
        } catch {
            root.append(h('p', { class: 'banner' }, "The page's embedded data is damaged; run vpc-lab preview again."));
            return;
        }
        if (!isHostMessage(message) || message.type !== 'update') return;
        const drawn = page.update(message.data);
        // `vpc-lab preview --svg/--png`: headless Chromium reads the drawing back from the page's DOM,
        // once all of it is drawn (a large estate's layout is the worker's, and arrives later).
        if (exporting) {
            await drawn;
            const out = h('script', { type: 'image/svg+xml', id: 'vpc-lab-export' });
            out.textContent = page.svg();
            document.body.append(out);
        }
    };
    // Megabytes of data are an estate too large to draw whole: its layout worker is started first,
    // and the data read in the next task, so that the worker gets going meanwhile.
    if (text && text.length > LARGE_DATA && !exporting) {
        page.warmLayout();
        setTimeout(() => void show(text), 0);
    } else if (text) void show(text);
    host.post({ type: 'ready' });
}

/** The diagram's view: what is on screen under a zoom, the zoom that fits a probe's path, and panning and zooming by pointer and wheel. */

export interface Zoom {
    x: number;
    y: number;
    k: number;
}

export type Rect = { x: number; y: number; w: number; h: number };

/** How far outside the view (in screen px) a box still counts as in view for the first pass. */
export const VIEW_MARGIN = 200;

/** Whether a rectangle in drawing coordinates is on a screen of `size` under `zoom`, give or take `margin`. */
export function onScreen(r: Rect, zoom: Zoom, size: { width: number; height: number }, margin = 0): boolean {
    const sx = r.x * zoom.k + zoom.x;
    const sy = r.y * zoom.k + zoom.y;
    return sx < size.width + margin && sy < size.height + margin && sx + r.w * zoom.k > -margin && sy + r.h * zoom.k > -margin;
}

export function boundsOf(points: ReadonlyArray<{ x: number; y: number }>): Rect {
    const xs = points.map(p => p.x);
    const ys = points.map(p => p.y);
    const x = Math.min(...xs);
    const y = Math.min(...ys);
    return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y };
}

/** Settles once the next frame has painted; a hidden page, which paints no frame, goes on after a moment. */
export function afterPaint(): Promise<void> {
    return new Promise(resolve => {
        let done = false;
        const go = () => {
            if (done) return;
            done = true;
            setTimeout(resolve, 0);
        };
        requestAnimationFrame(go);
        setTimeout(go, 250);
    });
}

/**
 * The zoom at which a probe's path fills a view of `width` × `height`, never below the drawing's
 * own size (where every label is 11 px) nor beyond twice it. A path too long for that fits from
 * its start: as many hops as the view holds, the rest a pan away.
 */
export function pathView(points: ReadonlyArray<{ x: number; y: number }>, width: number, height: number): Zoom {
    const bounds = (upTo: number) => {
        const xs = points.slice(0, upTo).map(p => p.x);
        const ys = points.slice(0, upTo).map(p => p.y);
        const x = Math.min(...xs) - 40;
        const y = Math.min(...ys) - 40;
        return { x, y, w: Math.max(...xs) + 40 - x, h: Math.max(...ys) + 40 - y };
    };
    let box = bounds(points.length);
    let k = Math.min(2, width / box.w, height / box.h);
    if (k < 1) {
        k = 1;
        let shown = 1;
        while (shown < points.length) {
            const next = bounds(shown + 1);
            if (next.w > width || next.h > height) break;
            shown++;
        }
        box = bounds(shown);
    }
    return { k, x: width / 2 - (box.x + box.w / 2) * k, y: height / 2 - (box.y + box.h / 2) * k };
}

/** Dragging the background pans; the wheel zooms about the pointer. A drag never starts on a box that acts on a click. */
export function panAndZoom(
    svg: SVGSVGElement,
    view: { panBy(dx: number, dy: number): void; zoomBy(f: number, cx?: number, cy?: number): void }
): void {
    let drag: { x: number; y: number; id: number } | undefined;
    svg.addEventListener('pointerdown', event => {
        if ((event.target as Element).closest('.box[tabindex]')) return;
        drag = { x: event.clientX, y: event.clientY, id: event.pointerId };
        svg.setPointerCapture(event.pointerId);
        svg.classList.add('panning');
    });
    svg.addEventListener('pointermove', event => {
        if (!drag || drag.id !== event.pointerId) return;
        view.panBy(event.clientX - drag.x, event.clientY - drag.y);
        drag = { ...drag, x: event.clientX, y: event.clientY };
    });
    const end = () => {
        drag = undefined;
        svg.classList.remove('panning');
    };
    svg.addEventListener('pointerup', end);
    svg.addEventListener('pointercancel', end);
    svg.addEventListener(
        'wheel',
        event => {
            event.preventDefault();
            const rect = svg.getBoundingClientRect();
            view.zoomBy(Math.exp(-event.deltaY * 0.0015), event.clientX - rect.left, event.clientY - rect.top);
        },
        { passive: false }
    );
}

/** A path drawn over the diagram: a probe's numbered steps joined by arrows, or a compared path as one line. */
import { el } from './shapes.js';

/** A probe's steps: an arrow from each to the next, red where either end is blocked; a numbered disc at each (✗ where blocked). */
export function drawSteps(layer: SVGGElement, points: ReadonlyArray<{ x: number; y: number; blocked: boolean; n: number }>): void {
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
            layer
        );
    }
    for (const p of points) {
        const marker = el('g', { class: `path-step${p.blocked ? ' blocked' : ''}`, transform: `translate(${p.x},${p.y})` }, layer);
        el('circle', { r: 9 }, marker);
        el('text', { 'text-anchor': 'middle', y: 4 }, marker).textContent = p.blocked ? '✗' : String(p.n);
    }
}

/** One side of a compared path (`compare-before` or `compare-after`), titled with its side. */
export function drawComparePath(layer: SVGGElement, points: ReadonlyArray<{ x: number; y: number }>, className: string): void {
    const line = el(
        'polyline',
        {
            class: `compare-path ${className}`,
            points: points.map(p => `${p.x},${p.y}`).join(' '),
            'marker-end': 'url(#arrow)'
        },
        layer
    );
    el('title', {}, line).textContent = className === 'compare-before' ? 'before' : 'after';
}

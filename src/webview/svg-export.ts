/** The diagram as a file: a standalone SVG document with every computed colour and size written into it, so that it looks the same anywhere. */
import { el } from './shapes.js';

const SVG = 'http://www.w3.org/2000/svg';

const PROPERTIES = [
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

/** `svg` as drawn, unzoomed, at the layout's `size`, on the page's background. */
export function standaloneSvg(svg: SVGSVGElement, size: { width: number; height: number }): string {
    const clone = svg.cloneNode(true) as SVGSVGElement;
    const source = [svg, ...svg.querySelectorAll('*')];
    const target = [clone, ...clone.querySelectorAll('*')];
    source.forEach((node, i) => {
        const style = getComputedStyle(node);
        (target[i] as SVGElement).setAttribute('style', PROPERTIES.map(p => `${p}:${style.getPropertyValue(p)}`).join(';'));
    });
    clone.querySelector('.viewport')?.removeAttribute('transform');
    clone.setAttribute('xmlns', SVG);
    clone.setAttribute('width', String(Math.ceil(size.width)));
    clone.setAttribute('height', String(Math.ceil(size.height)));
    clone.setAttribute('viewBox', `0 0 ${Math.ceil(size.width)} ${Math.ceil(size.height)}`);
    const background = getComputedStyle(document.body).backgroundColor;
    clone.insertBefore(el('rect', { width: '100%', height: '100%', fill: background }), clone.firstChild);
    return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}\n`;
}

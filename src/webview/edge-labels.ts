/**
 * Where an edge's name goes. An edge is a straight line between two boxes, and may pass over a
 * third (a peering between VPCs laid out apart): its name goes at the point of the line nearest
 * the middle where the text covers no box but those the line joins, and at the middle when every
 * point covers one.
 */
export interface Rect {
    x: number;
    y: number;
    w: number;
    h: number;
}

/** The edge labels' font (11px, styles.css): an average character's width and the line's height. */
const CHAR_W = 6.4;
const LINE_H = 13;
/** From the middle outwards, in steps of a hundredth of the line: the gap between two boxes it crosses may be short. */
const STEPS = Array.from({ length: 97 }, (_, i) => 0.5 + (i % 2 === 0 ? i / 200 : -(i + 1) / 200));

/** The text's box when drawn from `(x, y)` (the baseline's start, 4px right of and above the point, as drawn). */
export function labelRect(x: number, y: number, text: string): Rect {
    return { x, y: y - LINE_H + 3, w: text.length * CHAR_W, h: LINE_H };
}

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const within = (p: { x: number; y: number }, r: Rect) => p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h;

export function labelPoint(
    a: { x: number; y: number },
    b: { x: number; y: number },
    text: string,
    obstacles: readonly Rect[]
): { x: number; y: number } {
    // The boxes the line joins (those holding its ends) are where it starts and stops: a label over them is expected.
    const others = obstacles.filter(o => !within(a, o) && !within(b, o));
    const at = (t: number) => ({ x: a.x + (b.x - a.x) * t + 4, y: a.y + (b.y - a.y) * t - 4 });
    for (const t of STEPS) {
        const p = at(t);
        const rect = labelRect(p.x, p.y, text);
        if (!others.some(o => overlaps(rect, o))) return p;
    }
    return at(0.5);
}

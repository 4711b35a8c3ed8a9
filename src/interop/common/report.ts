/**
 * Nothing is dropped silently: what the language cannot express is "left out" (with why), and a
 * value AWS assigns at deployment gets a "stand-in" (with what stands in). Both are printed on
 * stderr as `SOURCE: left out: WHAT (why)` and at the top of the output, and decide the exit status.
 */
import { formatSource, type SourceRef } from './source.js';

export interface ImportNote {
    kind: 'left out' | 'stand-in';
    source: SourceRef;
    what: string;
    why: string;
}

export class ImportReport {
    readonly notes: ImportNote[] = [];

    leftOut(source: SourceRef, what: string, why: string): void {
        this.notes.push({ kind: 'left out', source, what, why });
    }

    standIn(source: SourceRef, what: string, why: string): void {
        this.notes.push({ kind: 'stand-in', source, what, why });
    }

    get hasLeftOut(): boolean {
        return this.notes.some(n => n.kind === 'left out');
    }

    /** One line per note, in the order they were found: `SOURCE: left out: WHAT (why)`. */
    lines(): string[] {
        return this.notes.map(n => `${formatSource(n.source)}: ${n.kind}: ${n.what} (${n.why})`);
    }

    /** The comment block for the top of the output (lines without `//`). */
    header(title: string): string[] {
        const lines = this.lines();
        return lines.length === 0 ? [title] : [title, '', 'Not imported as written:', ...lines.map(l => `  ${l}`)];
    }
}

/** The input cannot be read: one line in the product's words; the command exits 2 and writes nothing. */
export class ImportError extends Error {}

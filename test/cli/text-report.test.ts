/** The text report's source excerpt: clipped around the token, columns counted as a terminal shows them. */
import { describe, expect, it } from 'vitest';
import { excerpt } from '../../src/cli/text-report.js';
import { codePointWidth, displayWidth, isWide } from '../../src/cli/text-width.js';

describe('terminal width (EastAsianWidth W and F)', () => {
    it('counts wide and fullwidth characters as two columns, the rest as one', () => {
        expect(displayWidth('abc')).toBe(3);
        expect(displayWidth('é')).toBe(1);
        expect(displayWidth('東京')).toBe(4); // CJK ideographs (W)
        expect(displayWidth('서버')).toBe(4); // Hangul syllables (W)
        expect(displayWidth('ｶﾀｶﾅ')).toBe(4); // halfwidth katakana (H): one each
        expect(displayWidth('ＡＢ')).toBe(4); // fullwidth Latin (F)
        expect(displayWidth('😀')).toBe(2); // emoji presentation (W), one code point in two UTF-16 units
        expect(displayWidth('e\u0301')).toBe(1); // a combining accent takes no column
        expect(displayWidth('\u200b')).toBe(0); // zero width space
    });

    it('follows the range edges of the table', () => {
        for (const [codePoint, wide] of [
            [0x10ff, false],
            [0x1100, true],
            [0x115f, true],
            [0x1160, false],
            [0x4e00, true],
            [0x9fff, true],
            [0xac00, true],
            [0xd7a3, true],
            [0xd7a4, false],
            [0xff01, true],
            [0xff60, true],
            [0xff61, false],
            [0x20000, true],
            [0x3fffd, true],
            [0x3fffe, false]
        ] as const) {
            expect(isWide(codePoint), codePoint.toString(16)).toBe(wide);
        }
        expect(codePointWidth(0x41)).toBe(1);
    });
});

describe('source excerpt', () => {
    it('shows a short line whole, with the caret under the token', () => {
        expect(excerpt('  cidr 10.0.0.0/33', 7, 18)).toEqual({ text: '  cidr 10.0.0.0/33', caretAt: 7, caretWidth: 11 });
    });

    it('clips a long line around the token, marking each cut', () => {
        const line = `${'a '.repeat(50_000)}TOKEN${' b'.repeat(50_000)}`;
        const start = line.indexOf('TOKEN');
        const shown = excerpt(line, start, start + 5);
        expect(shown.text.length).toBeLessThanOrEqual(122);
        expect(shown.text.startsWith('…') && shown.text.endsWith('…')).toBe(true);
        expect(shown.text.slice(shown.caretAt, shown.caretAt + 5)).toBe('TOKEN');
    });

    it('never splits a surrogate pair at a cut', () => {
        const line = `${'😀'.repeat(200)}x`;
        const shown = excerpt(line, line.length - 1, line.length);
        expect(shown.text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    });

    it('counts wide characters before the token twice', () => {
        expect(excerpt('subnet 東京 az', 10, 12)).toEqual({ text: 'subnet 東京 az', caretAt: 12, caretWidth: 2 });
    });

    it('replaces control characters with a visible stand-in of one column', () => {
        const shown = excerpt('a\u001b[31mb', 6, 7);
        expect(shown.text).toBe('a\ufffd[31mb');
        expect(shown.caretAt).toBe(6);
    });
});

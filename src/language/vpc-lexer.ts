/**
 * Lexing errors in the product's words, for the command line and the editor alike: a character
 * the language has no use for, a string or a comment left open. Chevrotain's own wording
 * ("unexpected character: ->é<- at offset: 7, skipped 1 characters") names its internals.
 */
import { DefaultLexer, type LexerResult, type TokenizeOptions } from 'langium';
import type { IToken, ILexerErrorMessageProvider } from 'chevrotain';

/** A character as the user can find it: itself (when visible) and its code point. */
function character(text: string): string {
    const codePoint = text.codePointAt(0)!;
    const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
    return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(String.fromCodePoint(codePoint)) ? `\`${String.fromCodePoint(codePoint)}\` (${hex})` : hex;
}

/** Control and format characters as code points, so that a message never carries a terminal escape. */
function visible(text: string): string {
    return text.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, c => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`);
}

export class VpcLexerErrorMessageProvider implements ILexerErrorMessageProvider {
    buildUnexpectedCharactersMessage(fullText: string, startOffset: number, length: number): string {
        const skipped = fullText.slice(startOffset, startOffset + length);
        if (skipped.startsWith('"')) return 'This string is not closed on its line: end it with `"` (a string cannot span lines).';
        const chars = [...skipped];
        const first =
            chars.length === 1 ? character(skipped) : `\`${visible(chars.length > 20 ? `${chars.slice(0, 20).join('')}…` : skipped)}\``;
        if (/^[\x21-\x7e]/.test(skipped))
            return `${first} has no meaning here: outside quoted strings and comments the language uses names, numbers, addresses and the signs \`{ } , : . ->\`.`;
        return `${first} cannot appear outside a quoted string or a comment: names are made of the letters A–Z and a–z, digits, \`_\` and \`-\`.`;
    }

    buildUnableToPopLexerModeMessage(token: IToken): string {
        return `${character(token.image)} ends a part of the text that was never opened.`;
    }
}

export const UNCLOSED_COMMENT = 'This comment is never closed: end it with `*/` (everything after `/*` is part of the comment).';

/** A comment opened with `/*` runs to the end of the text when it is never closed: one error on the `/*`, not one per word after it. */
export class VpcLexer extends DefaultLexer {
    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const result = super.tokenize(text, options);
        for (const token of result.hidden) {
            if (token.tokenType.name !== 'ML_COMMENT' || (token.image.length >= 4 && token.image.endsWith('*/'))) continue;
            result.errors.push({
                offset: token.startOffset,
                line: token.startLine,
                column: token.startColumn,
                length: 2,
                message: UNCLOSED_COMMENT
            });
        }
        return result;
    }
}

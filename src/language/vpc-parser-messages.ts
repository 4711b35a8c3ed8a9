/** Syntax errors in the user's words: what could come here, said once, not a list of token paths. */
import { AstUtils, GrammarAST, LangiumParserErrorMessageProvider } from 'langium';
import { VpcLabGrammar } from './generated/grammar.js';
import type { IToken, TokenType } from 'chevrotain';

const WORDS: Record<string, string> = {
    ID: 'a name',
    IPV4: 'an IPv4 address or block',
    IPV6: 'an IPv6 address or block',
    INT: 'a number',
    STRING: 'a quoted string',
    DURATION: 'a duration such as 10m'
};

function describe(type: TokenType): string {
    if (WORDS[type.name]) return WORDS[type.name]!;
    const keyword = type.name.endsWith(':KW') ? type.name.slice(0, -3) : type.name;
    return `'${keyword}'`;
}

function expectedList(paths: TokenType[][][]): string {
    const firsts = [
        ...new Set(
            paths
                .flat()
                .map(path => path[0])
                .filter((t): t is TokenType => t !== undefined)
                .map(describe)
        )
    ];
    // A name may also be one of a few keyword-like words; say "a name" once instead of listing them.
    const names = firsts.includes('a name')
        ? firsts.filter(w => w === 'a name' || !/^'[a-z0-9-]+'$/.test(w) || !NAME_WORDS.has(w.slice(1, -1)))
        : firsts;
    if (names.length <= 1) return names[0] ?? 'something else';
    return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** Keywords the grammar also accepts as names (its `Name` rule: every word of the language). */
const NAME_WORDS = new Set(
    AstUtils.streamAllContents(VpcLabGrammar().rules.find(r => r.name === 'Name')!)
        .filter(GrammarAST.isKeyword)
        .map(k => k.value)
);

/** A token as the message quotes it: long ones (a 1 MB string) are cut. */
function quoted(image: string): string {
    return `\`${image.length > 40 ? `${image.slice(0, 37)}…` : image}\``;
}

function found(actual: IToken): string {
    if (actual.tokenType.name === 'EOF' || actual.image === '') return 'the end of the file';
    const word = WORDS[actual.tokenType.name];
    return word
        ? quoted(actual.image)
        : `${quoted(actual.image)}${/^[a-z-]+$/.test(actual.image) && !actual.tokenType.name.startsWith('ID') ? ' (a keyword)' : ''}`;
}

/** What the text may hold at its top level. */
const TOP_LEVEL = "'vpc', 'account', 'peering', 'bucket' or 'probe'";

export class VpcParserErrorMessageProvider extends LangiumParserErrorMessageProvider {
    override buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
        const expected = options.expected.name === 'EOF' ? TOP_LEVEL : describe(options.expected);
        return `Expected ${expected}, but found ${found(options.actual)}.`;
    }

    override buildNotAllInputParsedMessage(options: { firstRedundant: IToken; ruleName: string }): string {
        return `Expected ${TOP_LEVEL}, but found ${found(options.firstRedundant)}.`;
    }

    override buildNoViableAltMessage(options: {
        expectedPathsPerAlt: TokenType[][][];
        actual: IToken[];
        previous: IToken;
        customUserDescription?: string;
        ruleName: string;
    }): string {
        return `Expected ${expectedList(options.expectedPathsPerAlt)}, but found ${found(options.actual[0]!)}.`;
    }

    override buildEarlyExitMessage(options: {
        expectedIterationPaths: TokenType[][];
        actual: IToken[];
        previous: IToken;
        customUserDescription?: string;
        ruleName: string;
    }): string {
        return `Expected ${expectedList([options.expectedIterationPaths])}, but found ${found(options.actual[0]!)}.`;
    }
}

/** The TextMate grammar VS Code colours with before the server answers, and the language configuration's word pattern. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { beforeAll, describe, expect, it } from 'vitest';
import { root } from '../cli/run.js';

let grammar: textmate.IGrammar;

beforeAll(async () => {
    const require = createRequire(import.meta.url);
    const wasm = readFileSync(join(require.resolve('vscode-oniguruma'), '..', 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
    const registry = new textmate.Registry({
        onigLib: Promise.resolve({
            createOnigScanner: p => new oniguruma.OnigScanner(p),
            createOnigString: s => new oniguruma.OnigString(s)
        }),
        loadGrammar: async () =>
            textmate.parseRawGrammar(readFileSync(join(root, 'syntaxes/vpc.tmLanguage.json'), 'utf8'), 'vpc.tmLanguage.json')
    });
    grammar = (await registry.loadGrammar('source.vpc'))!;
});

/** Each token of a line with its most specific scope. */
function tokens(line: string): Array<[string, string]> {
    const { tokens: list } = grammar.tokenizeLine(line, textmate.INITIAL);
    return list
        .map(t => [line.slice(t.startIndex, t.endIndex), t.scopes[t.scopes.length - 1]!] as [string, string])
        .filter(([text]) => text.trim() !== '');
}

function scopeOf(line: string, text: string): string | undefined {
    return tokens(line).find(([t]) => t === text)?.[1];
}

describe('the TextMate grammar', () => {
    it('colours IPv4 and IPv6 blocks and addresses as values, whole', () => {
        const line = '  subnet public-a az us-east-1a { cidr 10.0.0.0/24 ipv6 2600:1f18:1234:ab00::/64 }';
        expect(scopeOf(line, '10.0.0.0/24')).toBe('constant.numeric.cidr.ipv4.vpc');
        expect(scopeOf(line, '2600:1f18:1234:ab00::/64')).toBe('constant.numeric.cidr.ipv6.vpc');
        expect(scopeOf('    route ::/0 -> eigw', '::/0')).toBe('constant.numeric.cidr.ipv6.vpc');
        expect(scopeOf('  instance web-1 subnet a { ip 10.0.0.10 }', '10.0.0.10')).toBe('constant.numeric.address.ipv4.vpc');
    });

    it('colours ports, port ranges, durations, reason codes, the arrow and strings', () => {
        const probe = 'probe x: web-1 -> db-1 tcp 5432 expect reject SG_INGRESS';
        expect(scopeOf(probe, '5432')).toBe('constant.numeric.integer.vpc');
        expect(scopeOf(probe, '->')).toBe('keyword.operator.arrow.vpc');
        expect(scopeOf(probe, 'SG_INGRESS')).toBe('constant.language.reason.vpc');
        expect(scopeOf('    ingress tcp 1024-65535 from 0.0.0.0/0', '1024-65535')).toBe('constant.numeric.port-range.vpc');
        expect(scopeOf('    aggregation 1m', '1m')).toBe('constant.numeric.duration.vpc');
        expect(tokens('account prod id "111111111111"').some(([t, s]) => t.includes('111111111111') && s.startsWith('string.quoted'))).toBe(
            true
        );
    });

    it('keeps keywords whole: no colour inside hyphenated names, and no number inside a name', () => {
        const line = '  security-group web-sg { ingress tcp 443 from sg all-hosts }';
        expect(scopeOf(line, 'security-group')).toBe('keyword.control.vpc');
        expect(scopeOf(line, 'ingress')).toBe('keyword.control.vpc');
        expect(tokens(line).filter(([t]) => t === 'sg' || t === 'all')).toEqual([['sg', 'keyword.control.vpc']]);
        expect(tokens('  instance web-1 subnet us-east-1a').filter(([, s]) => s.startsWith('constant.numeric'))).toEqual([]);
        expect(
            scopeOf('// a comment with 10.0.0.0/16', '// a comment with 10.0.0.0/16') ?? tokens('// a comment with 10.0.0.0/16')[1]?.[1]
        ).toMatch(/^comment/);
    });
});

describe('the language configuration', () => {
    const config = JSON.parse(readFileSync(join(root, 'syntaxes/language-configuration.json'), 'utf8')) as {
        wordPattern: string;
        comments: { lineComment: string; blockComment: string[] };
        brackets: string[][];
        folding: { markers: { start: string; end: string } };
    };
    const words = (text: string) => text.match(new RegExp(config.wordPattern, 'g')) ?? [];

    it('a word is a whole block, address or name: double-click selects 10.0.0.0/16, 2600:1f18::/56 and web-1', () => {
        expect(words('cidr 10.0.0.0/16')).toEqual(['cidr', '10.0.0.0/16']);
        expect(words('ipv6 2600:1f18::/56')).toEqual(['ipv6', '2600:1f18::/56']);
        expect(words('route ::/0 -> eigw')).toEqual(['route', '::/0', 'eigw']);
        expect(words('instance web-1 subnet public-a {')).toEqual(['instance', 'web-1', 'subnet', 'public-a']);
        expect(words('ingress tcp 8080 from sg app.web-sg')).toEqual(['ingress', 'tcp', '8080', 'from', 'sg', 'app.web-sg']);
    });

    it('comments, brackets and folding markers match the language', () => {
        expect(config.comments).toEqual({ lineComment: '//', blockComment: ['/*', '*/'] });
        expect(config.brackets).toEqual([['{', '}']]);
        expect(new RegExp(config.folding.markers.start).test('  // region subnets')).toBe(true);
        expect(new RegExp(config.folding.markers.end).test('  // endregion')).toBe(true);
    });
});

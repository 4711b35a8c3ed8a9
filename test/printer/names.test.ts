/** The printer's word lists are the grammar's: what it writes as a name, the parser reads as one. */
import { AstUtils, EmptyFileSystem, GrammarAST } from 'langium';
import { parseHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/language/generated/ast.js';
import { createVpcServices } from '../../src/language/vpc-module.js';
import { isAddressToken, isWritableName, isWritableProbeName, KEYWORDS, NAME_KEYWORDS, quote } from '../../src/printer/names.js';

const services = createVpcServices(EmptyFileSystem).Vpc;
const parse = parseHelper<Workspace>(services);
const grammar = services.Grammar;
const words = (node: GrammarAST.AbstractElement | GrammarAST.ParserRule) =>
    new Set(
        AstUtils.streamAllContents(node)
            .filter(GrammarAST.isKeyword)
            .map(k => k.value)
            .filter(v => /^[a-z]/.test(v))
    );

describe('the names the printer writes', () => {
    it('know every keyword of the grammar, and the ones its Name rule accepts', () => {
        expect([...KEYWORDS].sort()).toEqual([...words(grammar as unknown as GrammarAST.ParserRule)].sort());
        const rule = grammar.rules.find(r => r.name === 'Name') as GrammarAST.ParserRule;
        expect([...NAME_KEYWORDS].sort()).toEqual([...words(rule)].sort());
    });

    it('parse as a name exactly when the printer says they can be written', async () => {
        const candidates = [...KEYWORDS, 'web', 'web-1', 'a_b', '_x', 'Web9', '9web', 'web-', 'a.b', 'a b', ''];
        for (const name of candidates) {
            const document = await parse(`vpc v { cidr 10.0.0.0/16  subnet ${name} { cidr 10.0.1.0/24 } }`);
            const ok =
                document.parseResult.parserErrors.length === 0 &&
                document.parseResult.lexerErrors.length === 0 &&
                document.parseResult.value.statements[0]?.$type === 'Vpc';
            expect(ok, `subnet ${JSON.stringify(name)}`).toBe(isWritableName(name));
        }
    });

    it('label a probe with a name like any other', () => {
        expect(isWritableProbeName('ssh-in')).toBe(true);
        expect(isWritableProbeName('main')).toBe(true);
        expect(isWritableProbeName('9web')).toBe(false);
        expect(isWritableName('main')).toBe(true);
    });

    it('quote strings so that the parser reads the same text back', async () => {
        const value = 'say "hi"\\now\n\ttab';
        const document = await parse(`account a id ${quote(value)}`);
        expect(document.parseResult.parserErrors).toEqual([]);
        expect((document.parseResult.value.statements[0] as { accountId?: string }).accountId).toBe(value);
    });

    it('take an address only as one IPv4 or IPv6 token', () => {
        expect(['10.0.0.0/16', '::/0', '2600:1f18::10', '8.8.8.8'].every(isAddressToken)).toBe(true);
        expect(['localhost', '10.0.0.0/', '10.0.0.0 ', ''].some(isAddressToken)).toBe(false);
    });
});

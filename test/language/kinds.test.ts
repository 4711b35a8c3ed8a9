/** The kinds registry against the grammar: every named rule has an entry, and the unions agree. */
import { EmptyFileSystem, GrammarAST, AstUtils } from 'langium';
import { describe, expect, it } from 'vitest';
import { AST_KINDS, NAMED_AST_TYPES } from '../../src/language/kinds.js';
import { createVpcServices } from '../../src/language/vpc-module.js';
import { ENI_OWNER_KINDS, KINDS, MODEL_KINDS, ROUTE_TARGET_KINDS } from '../../src/model/kinds.js';
import { emptyTopology } from '../../src/model/topology.js';

const { Vpc } = createVpcServices(EmptyFileSystem);

/** The grammar's parser rules that assign a `name` (read from the grammar, not from the registry). */
function namedRules(): string[] {
    return Vpc.Grammar.rules
        .filter(GrammarAST.isParserRule)
        .filter(rule => AstUtils.streamAllContents(rule).some(node => GrammarAST.isAssignment(node) && node.feature === 'name'))
        .map(rule => rule.name)
        .sort();
}

describe('kinds registry', () => {
    it('has one entry for each named rule of the grammar, and no other', () => {
        expect(namedRules().length).toBeGreaterThan(10);
        expect([...NAMED_AST_TYPES].sort()).toEqual(namedRules());
    });

    it('maps the named rules one to one onto the model kinds', () => {
        const kinds = NAMED_AST_TYPES.map(type => AST_KINDS[type].kind);
        expect(new Set(kinds).size).toBe(kinds.length);
        expect([...kinds].sort()).toEqual([...MODEL_KINDS].sort());
    });

    it('says what the grammar says a route and a flow-log ENI capture may name', () => {
        const kindsOf = (union: string) =>
            Vpc.shared.AstReflection.getAllSubTypes(union)
                .filter(t => t !== union)
                .map(t => AST_KINDS[t as keyof typeof AST_KINDS].kind)
                .sort();
        expect(kindsOf('RouteTarget')).toEqual([...ROUTE_TARGET_KINDS].sort());
        expect(kindsOf('EniOwner')).toEqual([...ENI_OWNER_KINDS].sort());
    });

    it('names a list of the topology for every kind, and every list has a kind', () => {
        const lists = Object.keys(emptyTopology())
            .filter(k => k !== 'documents')
            .sort();
        expect([...new Set(MODEL_KINDS.map(k => KINDS[k].list))].sort()).toEqual(lists);
    });

    it('gives each kind the keyword its grammar rule starts with', () => {
        for (const type of NAMED_AST_TYPES) {
            const rule = Vpc.Grammar.rules.find(r => r.name === type)!;
            const first = AstUtils.streamAllContents(rule).find(GrammarAST.isKeyword);
            expect(first?.value, type).toBe(KINDS[AST_KINDS[type].kind].keyword);
        }
    });
});

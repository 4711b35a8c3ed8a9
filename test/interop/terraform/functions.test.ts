/**
 * Terraform's built-in functions, checked against the examples on their pages on
 * developer.hashicorp.com/terraform/language/functions (expected values as documented there).
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/interop/terraform/hcl/evaluate.js';
import { parseExpression } from '../../../src/interop/terraform/hcl/parse-expression.js';
import { EvalError, toJson, Unknown, type Value } from '../../../src/interop/terraform/hcl/values.js';

const scope = {
    root: (parts: string[]): { value: Value; used: number } => {
        throw new EvalError(`no ${parts[0]}`);
    }
};
const run = (text: string): unknown => toJson(evaluate(parseExpression(text), scope));

describe('documented examples of the functions', () => {
    it.each([
        ['cidrsubnet("172.16.0.0/12", 4, 2)', '172.18.0.0/16'],
        ['cidrsubnet("10.1.2.0/24", 4, 15)', '10.1.2.240/28'],
        ['cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)', 'fd00:fd12:3456:7800:a200::/72'],
        ['cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)', ['10.1.0.0/20', '10.1.16.0/20', '10.1.32.0/24', '10.1.48.0/20']],
        [
            'cidrsubnets("fd00:fd12:3456:7890::/56", 16, 16, 16, 32)',
            ['fd00:fd12:3456:7800::/72', 'fd00:fd12:3456:7800:100::/72', 'fd00:fd12:3456:7800:200::/72', 'fd00:fd12:3456:7800:300::/88']
        ],
        ['cidrhost("10.12.112.0/20", 16)', '10.12.112.16'],
        ['cidrhost("10.12.112.0/20", 268)', '10.12.113.12'],
        ['cidrhost("fd00:fd12:3456:7890:00a2::/72", 34)', 'fd00:fd12:3456:7890::22'],
        ['cidrnetmask("172.16.0.0/12")', '255.240.0.0'],
        ['element(["a", "b", "c"], 1)', 'b'],
        ['element(["a", "b", "c"], 3)', 'a'],
        ['element(["a", "b", "c"], length(["a", "b", "c"])-1)', 'c'],
        ['length([])', 0],
        ['length(["a", "b"])', 2],
        ['length({"a" = "b"})', 1],
        ['length("hello")', 5],
        ['concat(["a", ""], ["b", "c"])', ['a', '', 'b', 'c']],
        ['flatten([["a", "b"], [], ["c"]])', ['a', 'b', 'c']],
        ['flatten([[["a", "b"], []], ["c"]])', ['a', 'b', 'c']],
        ['lookup({a="ay", b="bee"}, "a", "what?")', 'ay'],
        ['lookup({a="ay", b="bee"}, "c", "what?")', 'what?'],
        ['merge({a="b", c="d"}, {e="f", c="z"})', { a: 'b', c: 'z', e: 'f' }],
        ['merge({a="b"}, {a=[1,2], c="z"}, {d=3})', { a: [1, 2], c: 'z', d: 3 }],
        ['coalesce("a", "b")', 'a'],
        ['coalesce("", "b")', 'b'],
        ['coalesce(1,2)', 1],
        ['compact(["a", "", "b", null, "c"])', ['a', 'b', 'c']],
        ['distinct(["a", "b", "a", "c", "d", "b"])', ['a', 'b', 'c', 'd']],
        ['format("Hello, %s!", "Ander")', 'Hello, Ander!'],
        ['format("There are %d lights", 4)', 'There are 4 lights'],
        ['format("%-5s|%5s|%05d|%.2f", "a", "b", 42, 3.14159)', 'a    |    b|00042|3.14'],
        ['format("%q %v %t", "x", 1, true)', '"x" 1 true'],
        ['join(", ", ["foo", "bar", "baz"])', 'foo, bar, baz'],
        ['join(", ", ["foo"])', 'foo'],
        ['split(",", "foo,bar,baz")', ['foo', 'bar', 'baz']],
        ['split(",", "foo")', ['foo']],
        ['split(",", "")', ['']],
        ['keys({a=1, c=2, d=3})', ['a', 'c', 'd']],
        ['values({a=3, c=2, d=1})', [3, 2, 1]],
        ['zipmap(["a", "b"], [1, 2])', { a: 1, b: 2 }],
        ['slice(["a", "b", "c", "d"], 1, 3)', ['b', 'c']],
        ['contains(["a", "b", "c"], "a")', true],
        ['contains(["a", "b", "c"], "d")', false],
        ['range(3)', [0, 1, 2]],
        ['range(1, 4)', [1, 2, 3]],
        ['range(1, 8, 2)', [1, 3, 5, 7]],
        ['range(1, 4, 0.5)', [1, 1.5, 2, 2.5, 3, 3.5]],
        ['range(4, 1)', [4, 3, 2]],
        ['range(10, 5, -2)', [10, 8, 6]],
        ['toset(["c", "b", "b"])', ['b', 'c']],
        ['tolist(["a", "b"])', ['a', 'b']],
        ['jsonencode({"hello"="world"})', '{"hello":"world"}'],
        ['min(12, 54, 3)', 3],
        ['max(12, 54, 3)', 54],
        ['max([12, 54, 3]...)', 54],
        ['replace("1 + 2 + 3", "+", "-")', '1 - 2 - 3'],
        ['replace("hello world", "/w.*d/", "everybody")', 'hello everybody'],
        ['lower("HELLO")', 'hello'],
        ['upper("hello")', 'HELLO'],
        ['substr("hello world", 1, 4)', 'ello'],
        ['substr("🤔🤷", 0, 1)', '🤔'],
        ['substr("hello world", -5, -1)', 'world'],
        ['substr("hello world", 6, 10)', 'world'],
        ['trimspace("  hello\\n\\n")', 'hello'],
        ['startswith("hello world", "hello")', true],
        ['startswith("hello world", "world")', false],
        ['one([])', null],
        ['one(["hello"])', 'hello'],
        ['sum([10, 13, 6, 4.5])', 33.5],
        ['try(tonumber("no"), "fallback")', 'fallback'],
        ['can(cidrsubnet("10.0.0.0/24", 9, 0))', false],
        ['can(cidrsubnet("10.0.0.0/16", 8, 0))', true],
        ['trimprefix("helloworld", "hello")', 'world'],
        ['trimsuffix("helloworld", "world")', 'hello']
    ])('%s', (text, expected) => {
        expect(run(text)).toEqual(expected);
    });

    it('refuses what the documentation calls an error', () => {
        expect(() => run('one(["hello", "goodbye"])')).toThrow(EvalError);
        expect(() => run('cidrsubnet("10.0.0.0/24", 4, 16)')).toThrow(/does not accommodate/);
        expect(() => run('lookup({a=1}, "b")')).toThrow(/no element "b"/);
    });

    it('a value known only after apply makes the result unknown, not wrong', () => {
        const unknownScope = { root: (): { value: Value; used: number } => ({ value: new Unknown('known after apply'), used: 2 }) };
        const v = evaluate(parseExpression('cidrsubnet(var.x, 8, 1)'), unknownScope);
        expect(v).toBeInstanceOf(Unknown);
    });
});

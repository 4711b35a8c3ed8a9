/**
 * HCL's expression grammar and Terraform's evaluation of it, per the hclsyntax specification and
 * Terraform's "Expressions" pages: operator precedence, conditionals, templates with directives
 * and strip markers, heredocs, splats, for expressions, index and attribute access.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/interop/terraform/hcl/evaluate.js';
import { parseExpression, parseTemplate } from '../../../src/interop/terraform/hcl/parse-expression.js';
import { EvalError, InstanceValue, Ref, toJson, Unknown, type Value } from '../../../src/interop/terraform/hcl/values.js';
import { HclSyntaxError } from '../../../src/interop/terraform/hcl/ast.js';

const vars: Record<string, Value> = {
    list: ['a', 'b', 'c'],
    objs: [
        { id: 1, tags: { n: 'x' } },
        { id: 2, tags: { n: 'y' } }
    ],
    map: { b: 2, a: 1 },
    name: 'web'
};
const scope = {
    root: (parts: string[]): { value: Value; used: number } => {
        if (parts[0] === 'var') return { value: vars[parts[1]!]!, used: 2 };
        if (parts[0] === 'aws_vpc') return { value: new InstanceValue('aws_vpc.main', { cidr_block: '10.0.0.0/16' }), used: 2 };
        throw new EvalError(`unknown ${parts.join('.')}`);
    }
};
const run = (text: string): unknown => toJson(evaluate(parseExpression(text), scope));
const tmpl = (text: string): unknown => toJson(evaluate(parseTemplate(text), scope));

describe('HCL expressions', () => {
    it.each([
        ['1 + 2 * 3', 7],
        ['(1 + 2) * 3', 9],
        ['10 - 4 - 3', 3],
        ['7 % 4 + 1', 4],
        ['1 + 2 < 4 && !false', true],
        ['true || false && false', true],
        ['2 == 2 != false', true],
        ['-3 + 5', 2],
        ['1 == "1"', false],
        ['true ? "a" : "b"', 'a'],
        ['length(var.list) > 2 ? "many" : "few"', 'many'],
        ['var.list[1]', 'b'],
        ['var.list.2', 'c'],
        ['var.map["a"]', 1],
        ['var.map.b', 2],
        ['var.objs[*].id', [1, 2]],
        ['var.objs.*.id', [1, 2]],
        ['var.objs[*].tags.n', ['x', 'y']],
        ['[for s in var.list : upper(s)]', ['A', 'B', 'C']],
        ['[for i, s in var.list : "${i}-${s}" if s != "b"]', ['0-a', '2-c']],
        ['{for k, v in var.map : v => k}', { 1: 'a', 2: 'b' }],
        ['{for s in ["a", "b", "a"] : s => s...}', { a: ['a', 'a'], b: ['b'] }],
        ['{ a = 1, "b" = 2, (var.name) = 3 }', { a: 1, b: 2, web: 3 }],
        ['{\n  a = 1\n  b = [\n    1,\n    2,\n  ]\n}', { a: 1, b: [1, 2] }],
        ['"${var.name}-${1 + 1}"', 'web-2'],
        ['"a\\"b\\n"', 'a"b\n'],
        ['"$${literal}"', '${literal}'],
        ['<<EOT\nhello ${var.name}\nEOT', 'hello web\n'],
        ['<<-EOT\n    indented\n      more\n    EOT', 'indented\n  more\n'],
        ['aws_vpc.main.cidr_block', '10.0.0.0/16'],
        ['null', null],
        ['[1, 2,]', [1, 2]]
    ])('%s', (text, expected) => {
        expect(run(text)).toEqual(expected);
    });

    it('template directives with strip markers', () => {
        expect(tmpl('%{ if var.name == "web" }yes%{ else }no%{ endif }')).toBe('yes');
        expect(tmpl('%{ for s in var.list }${s},%{ endfor }')).toBe('a,b,c,');
        expect(tmpl('a   ${~ "b" ~}   c')).toBe('abc');
        expect(tmpl('%%{ not a directive }')).toBe('%{ not a directive }');
    });

    it("a template that is only one interpolation keeps the value's type", () => {
        expect(run('"${var.list}"')).toEqual(['a', 'b', 'c']);
        expect(run('"${1 + 1}"')).toBe(2);
    });

    it('an attribute the configuration does not set is a reference to be resolved, not a value', () => {
        const v = evaluate(parseExpression('aws_vpc.main.id'), scope);
        expect(v).toBeInstanceOf(Ref);
        expect(String(v)).toBe('aws_vpc.main.id');
        // Interpolated into text, a reference is known only after apply.
        expect(evaluate(parseExpression('"vpc ${aws_vpc.main.id}"'), scope)).toBeInstanceOf(Unknown);
    });

    it('syntax errors carry their offset', () => {
        expect(() => parseExpression('1 +')).toThrow(HclSyntaxError);
        expect(() => parseExpression('[1, 2')).toThrow(/expected "," or "]"/);
        expect(() => parseExpression('foo(1 2)')).toThrow(/expected "," or "\)"/);
    });

    it("evaluation errors are Terraform's", () => {
        expect(() => run('var.list[3]')).toThrow(/out of range/);
        expect(() => run('var.map.c')).toThrow(/no attribute "c"/);
        expect(() => run('{for s in ["a", "a"] : s => 1}')).toThrow(/duplicate object key "a"/);
        expect(() => run('nosuch(1)')).toThrow(/not one this import evaluates/);
    });
});

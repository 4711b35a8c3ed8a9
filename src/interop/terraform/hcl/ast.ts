/**
 * HCL's expression syntax as a tree (HashiCorp's hclsyntax specification): what the configuration
 * reader gets back from HashiCorp's parser as `${…}` text is parsed into this and then evaluated.
 */
export type Expr =
    | { t: 'lit'; v: string | number | boolean | null }
    | { t: 'tmpl'; parts: TemplatePart[] }
    | { t: 'var'; name: string }
    | { t: 'attr'; obj: Expr; name: string }
    | { t: 'index'; obj: Expr; key: Expr }
    /** `each` is evaluated with `anon` bound to every element of `obj`. */
    | { t: 'splat'; obj: Expr; each: Expr }
    | { t: 'anon' }
    | { t: 'call'; name: string; args: Expr[]; expand: boolean }
    | { t: 'tuple'; items: Expr[] }
    | { t: 'object'; items: Array<{ key: Expr; value: Expr }> }
    | { t: 'for'; keyVar?: string; valVar: string; coll: Expr; keyExpr?: Expr; valExpr: Expr; cond?: Expr; group: boolean; object: boolean }
    | { t: 'unary'; op: '!' | '-'; e: Expr }
    | { t: 'binary'; op: BinaryOp; l: Expr; r: Expr }
    | { t: 'cond'; c: Expr; a: Expr; b: Expr };

export type BinaryOp = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%';

export type TemplatePart =
    | { t: 'text'; text: string }
    | { t: 'interp'; e: Expr }
    | { t: 'if'; c: Expr; then: TemplatePart[]; else: TemplatePart[] }
    | { t: 'for'; keyVar?: string; valVar: string; coll: Expr; body: TemplatePart[] };

/** A parse failure at an offset of the parsed text. */
export class HclSyntaxError extends Error {
    constructor(
        message: string,
        readonly offset: number
    ) {
        super(message);
    }
}

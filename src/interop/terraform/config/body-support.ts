import { HclSyntaxError } from '../hcl/ast.js';
import { EvalError } from '../hcl/values.js';

export { EvalError, isOpaque, toStr, Unknown, type Value, type ValueObject } from '../hcl/values.js';

/** A syntax error inside `${…}` that HashiCorp's parser accepted as text: named with the text. */
export function HclSyntaxErrorOf(err: unknown, text: string): Error {
    if (err instanceof HclSyntaxError) {
        const excerpt = text.length > 60 ? `${text.slice(0, 57)}...` : text;
        return new EvalError(`cannot read the expression "${excerpt}": ${err.message}`);
    }
    return err instanceof Error ? err : new Error(String(err));
}

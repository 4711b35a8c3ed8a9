/**
 * The end of every `switch` over a kind union: a kind added to the union without a case fails
 * to compile here, and a value no case knows (from data built elsewhere) fails loudly instead of
 * falling through to some default behaviour.
 */
export function assertNever(value: never, what = 'value'): never {
    throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}

/**
 * The end of every `switch` over a kind union. A kind added to the union without a case fails to
 * compile at the call; a value no case knows at run time (data built elsewhere, a newer producer)
 * fails loudly instead of falling through to some default behaviour.
 */
export function assertNever(value: never, what = 'kind'): never {
    throw new Error(`unexpected ${what}: ${describeUnknown(value)}`);
}

/**
 * For a switch that must answer even for what it does not know (the simulator refuses such
 * traffic rather than stop): the same compile-time check, and the text of the value for a message.
 */
export function unknownKind(value: never): string {
    return describeUnknown(value);
}

function describeUnknown(value: unknown): string {
    const kind = typeof value === 'object' && value !== null && 'kind' in value ? (value as { kind: unknown }).kind : value;
    return typeof kind === 'string' ? kind : (JSON.stringify(kind) ?? String(kind));
}

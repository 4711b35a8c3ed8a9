/**
 * What a template value names, as CloudFormation reads it: `Ref`, `Fn::GetAtt` (`[A, B]` or
 * `A.B`) and the names inside `Fn::Sub` text, but for the variables the `Fn::Sub` defines itself
 * and pseudo parameters (`AWS::Region`). The import's cycle check and the export's nesting both
 * walk values with it, so they agree on what depends on what.
 */

const SUB_NAME = /\$\{([^!}][^}]*)\}/g;

/** The names `${…}` in `Fn::Sub` text (`${!…}` is a literal). */
export function subNames(text: string): string[] {
    if (!text.includes('${')) return [];
    return [...text.matchAll(SUB_NAME)].map(m => m[1]!.trim());
}

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/** Calls `found` for every resource or parameter a value names, in the order they are written (repeats included). */
export function visitReferences(value: unknown, found: (id: string, attribute?: string) => void): void {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) visitReferences(value[i], found);
        return;
    }
    // `for in` rather than Object.keys: no array of keys for each of the many small mappings.
    for (const key in value) {
        const inner = (value as Record<string, unknown>)[key];
        if (key === 'Ref' && typeof inner === 'string') found(inner);
        else if (key === 'Fn::GetAtt') {
            const [id, attribute] = Array.isArray(inner) ? inner.map(String) : String(inner).split(/\.(.*)/s);
            found(id!, attribute);
        } else if (key === 'Fn::Sub') {
            const text = Array.isArray(inner) ? inner[0] : inner;
            const variables = Array.isArray(inner) && inner[1] !== null && typeof inner[1] === 'object' ? (inner[1] as object) : undefined;
            if (typeof text === 'string')
                for (const name of subNames(text)) {
                    if ((variables && hasOwn(variables, name)) || name.startsWith('AWS::')) continue;
                    const dot = name.indexOf('.');
                    found(dot < 0 ? name : name.slice(0, dot), dot < 0 ? undefined : name.slice(dot + 1));
                }
            if (Array.isArray(inner)) visitReferences(inner[1], found);
        } else visitReferences(inner, found);
    }
}

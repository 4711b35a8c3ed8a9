// The part of js-yaml 4 (which ships no types) that the template reader and its tests use.
declare module 'js-yaml' {
    export interface TypeOptions {
        kind: 'scalar' | 'sequence' | 'mapping';
        construct?: (data: unknown) => unknown;
    }
    export class Type {
        constructor(tag: string, options: TypeOptions);
    }
    export class Schema {
        extend(types: Type[]): Schema;
    }
    /** One of the core schema's scalar types: whether a plain scalar is of it, and its value. */
    export interface ScalarType {
        resolve(data: string): boolean;
        construct(data: string): unknown;
    }
    export const types: { null: ScalarType; bool: ScalarType; int: ScalarType; float: ScalarType };
    export const CORE_SCHEMA: Schema;
    export const DEFAULT_SCHEMA: Schema;
    export function load(text: string, options?: { schema?: Schema; filename?: string }): unknown;
}

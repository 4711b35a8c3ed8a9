/**
 * A random topology made deployable: what the checker reports as an error (AWS would refuse it, or
 * `vpc-lab export` would) is taken out, the smallest part that carries it (a rule, a route, a
 * target, else the element), until the design checks clean. The random builder means to meet
 * every construct, valid or not; the round trip needs designs that export, and filtering the
 * builder's output instead would throw nearly all of them away.
 */
import { parseId } from '../../src/model/ids.js';
import type { SourceLocation, Topology } from '../../src/model/topology.js';
import { printFiles } from '../../src/printer/index.js';
import { check, type Checked } from '../helpers.js';

type Diagnostic = Checked['diagnostics'][number];

const ROUNDS = 6;

export interface Deployable {
    files: Record<string, string>;
    topology: Topology;
    /** The design's finding codes, sorted. */
    codes: string[];
}

/**
 * The design's files and model, or undefined when an error cannot be traced to a part of the model.
 * `leftOut` names the parts of a clean design that are to go too (what an export cannot write).
 */
export async function deployable(
    topology: Topology,
    leftOut: (design: Topology) => Promise<Array<{ loc?: SourceLocation }>> | Array<{ loc?: SourceLocation }> = () => []
): Promise<Deployable | undefined> {
    let current = topology;
    for (let round = 0; round < ROUNDS; round++) {
        const files = Object.fromEntries(printFiles(current).map(f => [f.name, f.text]));
        const checked = await check(files);
        const model = checked.services.workspace.WorkspaceModel.get().topology;
        let errors = checked.diagnostics.filter(d => d.severity === 1 && d.code !== 'probe-expectation');
        if (errors.length === 0) {
            errors = (await leftOut(model)).flatMap(part => (part.loc ? [asDiagnostic(part.loc)] : []));
            if (errors.length === 0) return { files, topology: model, codes: checked.codes().sort() };
        }
        const parsed = structuredClone(model);
        const kinds = kindsIn(parsed);
        if (!removeCarriers(parsed, errors)) return undefined;
        pruneDangling(parsed, kinds);
        current = parsed;
    }
    return undefined;
}

function asDiagnostic(loc: SourceLocation): Diagnostic {
    return { file: loc.uri.split('/').pop()!, range: loc.range, covered: '', message: '', severity: 1 };
}

interface Carrier {
    array: unknown[];
    item: unknown;
    depth: number;
}

/** Removes, for each error, the deepest list item holding a source location that covers it. */
function removeCarriers(topology: Topology, errors: Diagnostic[]): boolean {
    const doomed = new Map<unknown[], Set<unknown>>();
    for (const error of errors) {
        // A reference that did not resolve is not in the model: the part written on its line carries it.
        const carrier = deepestCarrier(topology, error, covers) ?? deepestCarrier(topology, error, sameLine);
        if (!carrier) return false;
        if (!doomed.has(carrier.array)) doomed.set(carrier.array, new Set());
        doomed.get(carrier.array)!.add(carrier.item);
    }
    for (const [array, items] of doomed) {
        const kept = array.filter(item => !items.has(item));
        array.splice(0, array.length, ...kept);
    }
    return true;
}

function deepestCarrier(
    topology: Topology,
    error: Diagnostic,
    near: (loc: SourceLocation | undefined, error: Diagnostic) => boolean
): Carrier | undefined {
    let best: Carrier | undefined;
    const visit = (value: unknown, depth: number, holder: { array: unknown[]; item: unknown } | undefined): boolean => {
        if (Array.isArray(value)) {
            let found = false;
            for (const item of value) if (visit(item, depth + 1, { array: value, item })) found = true;
            return found;
        }
        if (value === null || typeof value !== 'object') return false;
        let found = false;
        for (const [key, v] of Object.entries(value)) {
            if ((key === 'loc' || key.endsWith('Loc')) && near(v as SourceLocation | undefined, error)) found = true;
            else if (visit(v, depth, holder)) found = true;
        }
        if (found && holder && (!best || depth > best.depth)) best = { ...holder, depth };
        return found;
    };
    visit(topology, 0, undefined);
    return best;
}

function covers(loc: SourceLocation | undefined, error: Diagnostic): boolean {
    if (!loc?.range || !loc.uri.endsWith(`/${error.file}`)) return false;
    const before = (a: { line: number; character: number }, b: { line: number; character: number }) =>
        a.line < b.line || (a.line === b.line && a.character <= b.character);
    return before(loc.range.start, error.range.start) && before(error.range.end, loc.range.end);
}

/**
 * Takes out what names a removed element (the list item holding the reference, else the element),
 * until nothing does: the model drops a reference that does not resolve, so the checker could not
 * point at it.
 */
function pruneDangling(topology: Topology, kinds: ReadonlySet<string>): void {
    const lists = Object.values(topology).filter(Array.isArray) as unknown[][];
    for (let changed = true; changed;) {
        changed = false;
        const ids = new Set<string>();
        const collect = (value: unknown): void => {
            if (Array.isArray(value)) value.forEach(collect);
            else if (value !== null && typeof value === 'object') {
                const record = value as Record<string, unknown>;
                if (typeof record.id === 'string') ids.add(record.id);
                Object.values(record).forEach(collect);
            }
        };
        collect(topology);
        const dangling = (value: unknown, key: string): boolean =>
            key !== 'id' && typeof value === 'string' && kinds.has(parseId(value)?.kind ?? '') && !ids.has(value);
        /** Whether `value` holds a dangling reference that no list inside it could take out. */
        const clean = (value: unknown, key: string): boolean => {
            if (dangling(value, key)) return true;
            if (Array.isArray(value)) {
                const kept = value.filter(item => !clean(item, key));
                if (kept.length !== value.length) {
                    value.splice(0, value.length, ...kept);
                    changed = true;
                }
                return false;
            }
            if (value === null || typeof value !== 'object') return false;
            let holds = false;
            for (const [k, v] of Object.entries(value)) if (clean(v, k)) holds = true;
            return holds;
        };
        for (const list of lists) clean(list, '');
    }
}

/** The kinds of the elements: a string of the shape `kind:…` with one of them is a reference. */
function kindsIn(topology: Topology): Set<string> {
    const kinds = new Set<string>();
    const visit = (value: unknown): void => {
        if (Array.isArray(value)) value.forEach(visit);
        else if (value !== null && typeof value === 'object') {
            const record = value as Record<string, unknown>;
            if (typeof record.kind === 'string' && typeof record.id === 'string') kinds.add(record.kind);
            Object.values(record).forEach(visit);
        }
    };
    visit(topology);
    return kinds;
}

function sameLine(loc: SourceLocation | undefined, error: Diagnostic): boolean {
    return (
        !!loc?.range &&
        loc.uri.endsWith(`/${error.file}`) &&
        loc.range.start.line <= error.range.start.line &&
        error.range.start.line <= loc.range.end.line
    );
}

/**
 * The quick way through a YAML template: text in the export's own style by block-yaml.ts, other
 * text by js-yaml. js-yaml builds plain values several times faster than
 * the `yaml` package builds its document (which keeps every node's position), and the only
 * positions an import needs on success are the lines of the resources, found by a scan of the
 * text. Anything unusual (a parse error, an unknown tag, a duplicate key, anchors, a resource the
 * scan cannot place) returns undefined and the caller takes the `yaml` package's path, which says
 * exactly where a problem is.
 */
import { CORE_SCHEMA, load, Type, type Schema } from 'js-yaml';
import { readBlockTemplate } from './block-yaml.js';
import { SHORT_FORMS } from './template.js';

function shortForm(tag: string, name: string, kind: 'scalar' | 'sequence' | 'mapping'): Type {
    return new Type(tag, {
        kind,
        construct: data => {
            if (name === 'Fn::GetAtt' && typeof data === 'string') {
                const dot = data.indexOf('.');
                return { [name]: dot < 0 ? [data] : [data.slice(0, dot), data.slice(dot + 1)] };
            }
            // A tag with nothing after it is an empty string in the `yaml` package's reading, null in js-yaml's.
            return { [name]: data ?? '' };
        }
    });
}

let schema: Schema | undefined;
/** YAML 1.2's core schema, as the `yaml` package reads by default (`2010-09-09` stays a string), with the short forms. */
function templateSchema(): Schema {
    schema ??= CORE_SCHEMA.extend(
        Object.entries(SHORT_FORMS).flatMap(([tag, name]) =>
            (['scalar', 'sequence', 'mapping'] as const).map(kind => shortForm(tag, name, kind))
        )
    );
    return schema;
}

/** An anchor or alias outside quotes: js-yaml would share one object where the slow path copies. */
const ANCHOR_OR_ALIAS = /(?:^|[\s[{,])[&*][^\s,\]}]/m;

/** The template's values and the line of each resource, or undefined when the slow path must decide. */
export function fastYamlTemplate(text: string): { body: unknown; lines: Map<string, number> } | undefined {
    return readBlockTemplate(text) ?? jsYamlTemplate(text);
}

/** js-yaml's reading, for what is not in the export's style (block-yaml.ts). */
export function jsYamlTemplate(text: string): { body: unknown; lines: Map<string, number> } | undefined {
    if (ANCHOR_OR_ALIAS.test(text)) return undefined;
    let body: unknown;
    try {
        body = load(text, { schema: templateSchema() });
    } catch {
        return undefined;
    }
    const resources = (body as { Resources?: unknown } | null)?.Resources;
    if (typeof resources !== 'object' || resources === null || Array.isArray(resources)) return undefined;
    const lines = resourceLines(text);
    for (const key of Object.keys(resources)) if (!lines.has(key)) return undefined;
    return { body, lines };
}

/**
 * The lines of the keys directly under a block-style top-level `Resources:`: the first key line
 * below it sets the indentation, and every line at that indentation holding `Key:` names one.
 */
function resourceLines(text: string): Map<string, number> {
    const lines = new Map<string, number>();
    const start = /^Resources[ \t]*:[ \t]*(?:#.*)?$/m.exec(text);
    if (!start) return lines;
    let line = 1;
    for (let i = 0; i < start.index; i++) if (text.charCodeAt(i) === 10) line++;
    let at = text.indexOf('\n', start.index);
    let indent = -1;
    while (at >= 0 && at < text.length) {
        const next = text.indexOf('\n', at + 1);
        const content = text.slice(at + 1, next < 0 ? text.length : next);
        line++;
        at = next;
        const spaces = content.length - content.trimStart().length;
        const rest = content.slice(spaces);
        if (rest === '' || rest.startsWith('#') || rest === '\r') continue;
        if (indent < 0) {
            if (spaces === 0) break;
            indent = spaces;
        }
        if (spaces < indent) break;
        if (spaces > indent) continue;
        const key = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s#'"][^:#]*?))[ \t]*:(?:[ \t]|\r?$)/.exec(rest);
        if (key) lines.set(key[1] ?? key[2]?.replace(/''/g, "'") ?? key[3]!, line);
    }
    return lines;
}

/**
 * Reads a CloudFormation template (YAML with the short-form tags, or JSON) into plain values,
 * with the short forms written out as their long forms (`!Ref X` → `{Ref: X}`, `!Sub s` →
 * `{'Fn::Sub': s}`) and the line of every resource.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { locateJsonError } from '../common/json.js';
import { fastYamlTemplate } from './fast-yaml.js';
import { ImportError } from '../common/report.js';

/** CloudFormation's short-form tags (the template anatomy page and each function's page). */
export const SHORT_FORMS: Readonly<Record<string, string>> = {
    '!Ref': 'Ref',
    '!Condition': 'Condition',
    '!Sub': 'Fn::Sub',
    '!GetAtt': 'Fn::GetAtt',
    '!Join': 'Fn::Join',
    '!Select': 'Fn::Select',
    '!Split': 'Fn::Split',
    '!GetAZs': 'Fn::GetAZs',
    '!Cidr': 'Fn::Cidr',
    '!If': 'Fn::If',
    '!Equals': 'Fn::Equals',
    '!And': 'Fn::And',
    '!Or': 'Fn::Or',
    '!Not': 'Fn::Not',
    '!FindInMap': 'Fn::FindInMap',
    '!Base64': 'Fn::Base64',
    '!ImportValue': 'Fn::ImportValue'
};

/** CloudFormation refuses templates over 1 MB (uploaded through S3; 51,200 bytes inline). */
export const MAX_TEMPLATE_BYTES = 1024 * 1024;

export interface Template {
    file: string;
    body: Record<string, unknown>;
    /** The 1-based line of each resource's logical ID. */
    lines: Map<string, number>;
    /** The message of its first reference cycle, when the thread that read it looked (null: none); see cycles.ts. */
    cycle?: string | null;
}

/** The text's size in bytes when it is over `maxBytes`, else 0 (counted only when it may be: UTF-8 takes at most 4 bytes a unit). */
function bytesOver(text: string, maxBytes: number): number {
    const bytes = text.length > maxBytes / 4 ? Buffer.byteLength(text) : 0;
    return bytes > maxBytes ? bytes : 0;
}

/** JSON is read by JSON.parse: a YAML parser takes many times longer over the same text. */
const isJson = (text: string): boolean => /^\s*\{/.test(text);

export function parseTemplate(file: string, text: string, maxBytes = MAX_TEMPLATE_BYTES): Template {
    const bytes = bytesOver(text, maxBytes);
    if (bytes > 0) {
        throw new ImportError(`${file}: ${(bytes / 2 ** 20).toFixed(1)} MB is larger than CloudFormation accepts (1 MB); not a template`);
    }
    if (isJson(text)) return jsonTemplate(file, text);
    const fast = fastYamlTemplate(text);
    if (fast) return quickTemplate(file, fast.body, fast.lines);
    return yamlTemplate(file, text);
}

/** A template the quick path has read (on this thread or another). */
export function quickTemplate(file: string, body: unknown, lines: Map<string, number>, cycle?: string | null): Template {
    return { file, body: checkShape(file, body), lines, cycle };
}

/** Whether `parseTemplate` would read the text as YAML, within the size given: what may be read on another thread. */
export function yamlWithin(text: string, maxBytes = MAX_TEMPLATE_BYTES): boolean {
    return !isJson(text) && bytesOver(text, maxBytes) === 0;
}

/** The `yaml` package's reading, which knows every node's position: for errors, and what the quick path leaves. */
export function yamlTemplate(file: string, text: string): Template {
    const lineCounter = new LineCounter();
    // Duplicate keys are found while converting (yaml's own check compares every pair of keys).
    const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
    const first = doc.errors[0];
    if (first) {
        const at = first.linePos?.[0];
        throw new ImportError(
            `${file}:${at?.line ?? 1}:${at?.col ?? 1}: not valid YAML: ${first.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '')}`
        );
    }
    const where = (node: Node | null | undefined, tag?: string) => {
        const start = node?.range?.[0] ?? 0;
        // A node's range starts after its tag: point at the tag when asked.
        const tagAt = tag ? text.lastIndexOf(tag, start) : -1;
        const at = lineCounter.linePos(tagAt >= 0 ? tagAt : start);
        return `${file}:${at.line}:${at.col}`;
    };
    const template = checkShape(file, toPlain(doc, doc.contents, where));
    const lines = new Map<string, number>();
    const root = doc.contents;
    if (isMap(root)) {
        const resources = root.items.find(p => isScalar(p.key) && p.key.value === 'Resources')?.value;
        if (isMap(resources)) {
            for (const pair of resources.items) {
                if (isScalar(pair.key)) lines.set(String(pair.key.value), lineCounter.linePos(pair.key.range?.[0] ?? 0).line);
            }
        }
    }
    return { file, body: template, lines };
}

function jsonTemplate(file: string, text: string): Template {
    let body: unknown;
    try {
        body = JSON.parse(text);
    } catch {
        const p = locateJsonError(text);
        throw new ImportError(`${file}:${p.line}:${p.column}: not valid JSON: ${p.message}`);
    }
    const template = checkShape(file, body);
    return { file, body: template, lines: jsonResourceLines(text) };
}

function checkShape(file: string, body: unknown): Record<string, unknown> {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
        throw new ImportError(`${file}: not a CloudFormation template (no top-level mapping)`);
    const template = body as Record<string, unknown>;
    const resources = template.Resources;
    if (typeof resources !== 'object' || resources === null)
        throw new ImportError(`${file}: not a CloudFormation template (no Resources section)`);
    if (Array.isArray(resources))
        throw new ImportError(`${file}: Resources is a list; CloudFormation reads it as a mapping of logical IDs to resources`);
    // CloudFormation refuses a template without a resource ("At least one Resources member must be defined").
    if (Object.keys(resources).length === 0)
        throw new ImportError(`${file}: Resources is empty; a template declares at least one resource`);
    return template;
}

/**
 * The line of each resource's key in a JSON template already known to be valid: one pass over
 * the text, counting object depth outside strings; the keys one level inside the top-level
 * `Resources` object are the logical IDs.
 */
function jsonResourceLines(text: string): Map<string, number> {
    const lines = new Map<string, number>();
    let depth = 0;
    let line = 1;
    let inResources = false;
    let lastKey = '';
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) line++;
        else if (c === 123 || c === 91) {
            if (c === 123 && depth === 1 && lastKey === 'Resources') inResources = true;
            depth++;
        } else if (c === 125 || c === 93) {
            depth--;
            if (inResources && depth === 1) return lines;
        } else if (c === 34) {
            const start = i;
            for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
            let j = i + 1;
            while (j < text.length && /\s/.test(text[j]!)) j++;
            if (text[j] !== ':') continue;
            const key = JSON.parse(text.slice(start, i + 1)) as string;
            if (depth === 1) lastKey = key;
            else if (inResources && depth === 2 && !lines.has(key)) lines.set(key, line);
        }
    }
    return lines;
}

function toPlain(doc: Document, node: unknown, where: (node: Node, tag?: string) => string): unknown {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return toPlain(doc, node.resolve(doc), where);
    let value: unknown;
    if (isScalar(node)) value = node.value;
    else if (isSeq(node)) value = node.items.map(item => toPlain(doc, item, where));
    else if (isMap(node)) {
        const object: Record<string, unknown> = {};
        for (const pair of node.items) {
            const key = isScalar(pair.key) ? String(pair.key.value) : String(toPlain(doc, pair.key, where));
            if (Object.prototype.hasOwnProperty.call(object, key))
                throw new ImportError(`${where(pair.key as Node)}: not valid YAML: the key ${key} appears twice in one mapping`);
            const value = toPlain(doc, pair.value, where);
            // A key `__proto__` is data like any other: assigned, it would set the object's prototype and vanish.
            if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
            else object[key] = value;
        }
        value = object;
    } else return node;
    const tag = (node as Node).tag;
    if (!tag || !tag.startsWith('!') || tag.startsWith('!!')) return value;
    const name = SHORT_FORMS[tag];
    if (!name)
        throw new ImportError(
            `${where(node as Node, tag)}: unknown tag ${tag}: CloudFormation's short forms are ${Object.keys(SHORT_FORMS).join(' ')}`
        );
    if (name === 'Fn::GetAtt' && typeof value === 'string') {
        const dot = value.indexOf('.');
        value = dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
    }
    return { [name]: value };
}

/**
 * Reads a CloudFormation template (YAML with the short-form tags, or JSON) into plain values,
 * with the short forms written out as their long forms (`!Ref X` → `{Ref: X}`, `!Sub s` →
 * `{'Fn::Sub': s}`) and the line of every resource.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { locateJsonError } from '../common/json.js';
import { ImportError } from '../common/report.js';

/** CloudFormation's short-form tags (the template anatomy page and each function's page). */
export const SHORT_FORMS: Readonly<Record<string, string>> = {
    '!Ref': 'Ref', '!Condition': 'Condition', '!Sub': 'Fn::Sub', '!GetAtt': 'Fn::GetAtt', '!Join': 'Fn::Join', '!Select': 'Fn::Select',
    '!Split': 'Fn::Split', '!GetAZs': 'Fn::GetAZs', '!Cidr': 'Fn::Cidr', '!If': 'Fn::If', '!Equals': 'Fn::Equals', '!And': 'Fn::And',
    '!Or': 'Fn::Or', '!Not': 'Fn::Not', '!FindInMap': 'Fn::FindInMap', '!Base64': 'Fn::Base64', '!ImportValue': 'Fn::ImportValue'
};

/** CloudFormation refuses templates over 1 MB (uploaded through S3; 51,200 bytes inline). */
export const MAX_TEMPLATE_BYTES = 1024 * 1024;

export interface Template {
    file: string;
    body: Record<string, unknown>;
    /** The 1-based line of each resource's logical ID. */
    lines: Map<string, number>;
}

export function parseTemplate(file: string, text: string, maxBytes = MAX_TEMPLATE_BYTES): Template {
    const bytes = text.length > maxBytes / 4 ? Buffer.byteLength(text) : 0;
    if (bytes > maxBytes) {
        throw new ImportError(`${file}: ${(bytes / 2 ** 20).toFixed(1)} MB is larger than CloudFormation accepts (1 MB); not a template`);
    }
    const json = /^\s*\{/.test(text);
    if (json) {
        try { JSON.parse(text); } catch {
            const p = locateJsonError(text);
            throw new ImportError(`${file}:${p.line}:${p.column}: not valid JSON: ${p.message}`);
        }
    }
    const lineCounter = new LineCounter();
    // Duplicate keys are found while converting (yaml's own check compares every pair of keys).
    const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
    const first = doc.errors[0];
    if (first) {
        const at = first.linePos?.[0];
        throw new ImportError(`${file}:${at?.line ?? 1}:${at?.col ?? 1}: not valid YAML: ${first.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '')}`);
    }
    const where = (node: Node | null | undefined, tag?: string) => {
        const start = node?.range?.[0] ?? 0;
        // A node's range starts after its tag: point at the tag when asked.
        const tagAt = tag ? text.lastIndexOf(tag, start) : -1;
        const at = lineCounter.linePos(tagAt >= 0 ? tagAt : start);
        return `${file}:${at.line}:${at.col}`;
    };
    const body = toPlain(doc, doc.contents, where);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ImportError(`${file}: not a CloudFormation template (no top-level mapping)`);
    const template = body as Record<string, unknown>;
    if (typeof template.Resources !== 'object' || template.Resources === null) throw new ImportError(`${file}: not a CloudFormation template (no Resources section)`);
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
            if (Object.prototype.hasOwnProperty.call(object, key)) throw new ImportError(`${where(pair.key as Node)}: not valid YAML: the key ${key} appears twice in one mapping`);
            object[key] = toPlain(doc, pair.value, where);
        }
        value = object;
    } else return node;
    const tag = (node as Node).tag;
    if (!tag || !tag.startsWith('!') || tag.startsWith('!!')) return value;
    const name = SHORT_FORMS[tag];
    if (!name) throw new ImportError(`${where(node as Node, tag)}: unknown tag ${tag}: CloudFormation's short forms are ${Object.keys(SHORT_FORMS).join(' ')}`);
    if (name === 'Fn::GetAtt' && typeof value === 'string') {
        const dot = value.indexOf('.');
        value = dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
    }
    return { [name]: value };
}

/**
 * A template as YAML, with the comments the export attached to its resources. Each entry is
 * written by js-yaml's `dump` (several times faster than building the `yaml` package's document,
 * which the largest designs' tens of megabytes made the most of an export) and the comments are
 * placed between entries, where a comment line cannot change what the YAML says.
 */
import { dump } from 'js-yaml';
import type { Template, Value } from './template.js';

export function templateYaml(template: Template, header: readonly string[] = []): string {
    return jsonYaml(template.toJson(), template.comments, header);
}

const SECTIONS = new Set(['Parameters', 'Resources', 'Outputs']);

function entry(key: string, value: Value): string {
    // lineWidth -1: no folding (a folded Description would read back the same, but not diff well); noRefs: no anchors.
    return dump({ [key]: value }, { lineWidth: -1, noRefs: true, quotingType: '"' });
}

const comment = (lines: readonly string[], indent: string) => lines.map(line => `${indent}# ${line}\n`.replace(/ +\n$/, '\n')).join('');

/** Template data as YAML: `comments` above the parameters, resources and outputs they name, `header` at the top. */
export function jsonYaml(json: Record<string, Value>, comments: ReadonlyMap<string, string[]>, header: readonly string[] = []): string {
    let text = header.length > 0 ? `${comment(header, '')}\n` : '';
    for (const [key, value] of Object.entries(json)) {
        if (key === 'AWSTemplateFormatVersion') {
            // Quoted, so that no YAML 1.1 reader takes it for a date.
            text += `${key}: ${JSON.stringify(value)}\n`;
            continue;
        }
        if (!SECTIONS.has(key) || value === null || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).length === 0) {
            text += entry(key, value);
            continue;
        }
        text += `${key}:\n`;
        for (const [name, inner] of Object.entries(value)) {
            const lines = comments.get(name);
            if (lines) text += comment(lines, '  ');
            text += entry(name, inner).replace(/^(?=.)/gm, '  ');
        }
    }
    return text;
}

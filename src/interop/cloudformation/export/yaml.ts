/** A template as YAML, with the comments the export attached to its resources. */
import { Document, isMap, isScalar, type Pair } from 'yaml';
import type { Template, Value } from './template.js';

export function templateYaml(template: Template, header: readonly string[] = []): string {
    return jsonYaml(template.toJson(), template.comments, header);
}

/** Template data as YAML: `comments` above the parameters, resources and outputs they name, `header` at the top. */
export function jsonYaml(json: Record<string, Value>, comments: ReadonlyMap<string, string[]>, header: readonly string[] = []): string {
    const document = new Document(json, { aliasDuplicateObjects: false });
    const version = document.get('AWSTemplateFormatVersion', true);
    // Quoted, so that no YAML 1.1 reader takes it for a date.
    if (isScalar(version)) version.type = 'QUOTE_DOUBLE';
    if (header.length > 0) document.commentBefore = header.map(line => ` ${line}`).join('\n');
    for (const section of ['Parameters', 'Resources', 'Outputs']) {
        const map = document.get(section, true);
        if (!isMap(map)) continue;
        for (const pair of map.items as Array<Pair<unknown, unknown>>) {
            const key = pair.key;
            if (!isScalar(key)) continue;
            const comment = comments.get(String(key.value));
            if (comment) key.commentBefore = comment.map(line => ` ${line}`).join('\n');
        }
    }
    return document.toString({ lineWidth: 0 });
}

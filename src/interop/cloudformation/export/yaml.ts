/** A template as YAML, with the comments the export attached to its resources. */
import { Document, isMap, isScalar, type Pair } from 'yaml';
import type { Template } from './template.js';

export function templateYaml(template: Template, header: readonly string[] = []): string {
    const document = new Document(template.toJson(), { aliasDuplicateObjects: false });
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
            const comment = template.comments.get(String(key.value));
            if (comment) key.commentBefore = comment.map(line => ` ${line}`).join('\n');
        }
    }
    return document.toString({ lineWidth: 0 });
}

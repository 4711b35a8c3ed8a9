/**
 * Nested stacks whose template is a file beside the parent (`TemplateURL: part-01.yaml`, as
 * `aws cloudformation package` takes it before uploading): which given template is nested in which
 * parent, under which logical ID. A `TemplateURL` that is a URL names a template not given here.
 */
import { posix } from 'node:path';
import type { Template } from './template.js';

export const STACK_TYPE = 'AWS::CloudFormation::Stack';

export interface Nesting {
    parent: Template;
    /** The parent's `AWS::CloudFormation::Stack` resource. */
    logicalId: string;
}

/** A `TemplateURL` that names a local file (no scheme): the path it names, relative to the parent's folder. */
export function localTemplatePath(url: unknown): string | undefined {
    if (typeof url !== 'string' || url === '' || /^[a-z][a-z0-9+.-]*:/i.test(url)) return undefined;
    return url;
}

/** The file a parent's local `TemplateURL` names, as the parent's own file is named. */
export function nestedFile(parentFile: string, url: string): string {
    return posix.normalize(posix.join(posix.dirname(parentFile.replace(/\\/g, '/')), url));
}

/** Nested template file → its parent and stack resource, for the templates given together. */
export function findNesting(templates: readonly Template[]): Map<string, Nesting> {
    const byFile = new Map(templates.map(t => [posix.normalize(t.file.replace(/\\/g, '/')), t]));
    const nesting = new Map<string, Nesting>();
    for (const parent of templates) {
        const resources = parent.body.Resources as Record<string, { Type?: unknown; Properties?: unknown } | null>;
        for (const logicalId in resources) {
            const raw = resources[logicalId];
            if (raw?.Type !== STACK_TYPE) continue;
            const url = localTemplatePath((raw.Properties as Record<string, unknown> | undefined)?.TemplateURL);
            const child = url === undefined ? undefined : byFile.get(nestedFile(parent.file, url));
            if (child && child !== parent && !nesting.has(child.file)) nesting.set(child.file, { parent, logicalId });
        }
    }
    return nesting;
}

/**
 * The local `TemplateURL`s of a template's text, found without parsing it (YAML block style or
 * JSON), to read those files too; the parsed template decides what is nested.
 */
export function templateUrlsIn(text: string): string[] {
    const urls: string[] = [];
    for (const m of text.matchAll(/(?:^|[\s{,])"?TemplateURL"?[ \t]*:[ \t]*(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s#,}]+))/g)) {
        const url = localTemplatePath(m[1] ?? m[2]?.replace(/''/g, "'") ?? m[3]);
        if (url !== undefined) urls.push(url);
    }
    return urls;
}

/**
 * CloudFormation's quotas on one template (AWS's "Understand CloudFormation quotas" page): what a
 * template may declare, and how large its body may be when given inline or through Amazon S3
 * (`aws cloudformation package` and `deploy --s3-bucket` upload it there).
 */
import type { Value } from './template.js';

export const QUOTAS = {
    resources: 500,
    parameters: 200,
    outputs: 200,
    /** A template body passed inline in a CreateStack or UpdateStack request. */
    inlineBytes: 51_200,
    /** A template body read from an Amazon S3 object. */
    s3Bytes: 1_048_576,
    /** The template's Description. */
    descriptionBytes: 1_024,
    /** The resources a stack's nested stacks together create, update or delete in one operation. */
    nestedOperation: 2_500
} as const;

/**
 * The quota on one operation of a parent and its nested stacks, for each parent over it: creating
 * the parent creates every nested stack's resources at once.
 */
export function nestedOperationProblems(
    templates: ReadonlyArray<{ name: string; json: Record<string, Value>; nestedIn?: string }>
): Array<{ file: string; problems: string[] }> {
    const count = (json: Record<string, Value>) => sectionSize(json, 'Resources');
    const totals = new Map<string, number>();
    for (const t of templates) if (t.nestedIn) totals.set(t.nestedIn, (totals.get(t.nestedIn) ?? 0) + count(t.json));
    return templates.flatMap(t => {
        const total = (totals.get(t.name) ?? 0) + count(t.json);
        return totals.has(t.name) && total > QUOTAS.nestedOperation
            ? [
                  {
                      file: t.name,
                      problems: [
                          `${total} resources created in one operation with its nested stacks (at most ${QUOTAS.nestedOperation}: deploy the design in parts of fewer VPCs)`
                      ]
                  }
              ]
            : [];
    });
}

/** How many entries a template section (Resources, Parameters, Outputs) declares. */
function sectionSize(json: Record<string, Value>, section: string): number {
    return Object.keys((json[section] ?? {}) as object).length;
}

/** Each quota the template (as data, and as the text written) goes over, in words; empty when it deploys. */
export function quotaProblems(json: Record<string, Value>, text: string): string[] {
    const count = (section: string) => sectionSize(json, section);
    const problems: string[] = [];
    const over = (what: string, n: number, limit: number) => {
        if (n > limit) problems.push(`${n} ${what} (at most ${limit})`);
    };
    over('resources', count('Resources'), QUOTAS.resources);
    over('parameters', count('Parameters'), QUOTAS.parameters);
    over('outputs', count('Outputs'), QUOTAS.outputs);
    // UTF-8 takes at most 3 bytes per UTF-16 unit: most templates are known to fit without counting.
    if (text.length * 3 > QUOTAS.s3Bytes) over('bytes of body', Buffer.byteLength(text), QUOTAS.s3Bytes);
    over('bytes of Description', Buffer.byteLength(String(json.Description ?? '')), QUOTAS.descriptionBytes);
    return problems;
}

/**
 * IAM policy documents (endpoint policies) as the language keeps them: statements of an effect,
 * actions and resources. A principal other than everyone, and conditions, cannot be kept: named.
 */
import type { Policy, PolicyStatement } from '../../model/topology.js';

interface IamStatement {
    Effect?: string;
    Action?: string | string[];
    Resource?: string | string[];
    Principal?: unknown;
    Condition?: unknown;
    NotAction?: unknown;
    NotResource?: unknown;
}

const list = (value: string | string[] | undefined): string[] =>
    value === undefined ? ['*'] : Array.isArray(value) ? value.map(String) : [String(value)];

function everyone(principal: unknown): boolean {
    return (
        principal === undefined ||
        principal === '*' ||
        (typeof principal === 'object' && principal !== null && (principal as { AWS?: unknown }).AWS === '*')
    );
}

/**
 * The policy (undefined for full access: no policy, or the default "allow everything") and what
 * could not be kept. Accepts the document as a JSON string (describe-vpc-endpoints) or an object.
 */
export function policyFromDocument(document: unknown): { policy?: Policy; dropped: string[] } {
    let doc = document;
    if (typeof doc === 'string') {
        try {
            doc = JSON.parse(doc);
        } catch {
            return { dropped: ['an unreadable policy document'] };
        }
    }
    if (doc === undefined || doc === null || typeof doc !== 'object') return { dropped: [] };
    const raw = (doc as { Statement?: IamStatement | IamStatement[] }).Statement;
    const statements = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    const dropped: string[] = [];
    const kept: PolicyStatement[] = [];
    statements.forEach((s, i) => {
        if (!everyone(s.Principal)) dropped.push(`the principal of statement ${i + 1}`);
        if (s.Condition !== undefined) dropped.push(`the condition of statement ${i + 1}`);
        if (s.NotAction !== undefined || s.NotResource !== undefined) dropped.push(`NotAction/NotResource of statement ${i + 1}`);
        kept.push({
            effect: String(s.Effect).toLowerCase() === 'deny' ? 'deny' : 'allow',
            actions: list(s.Action),
            resources: list(s.Resource)
        });
    });
    const fullAccess =
        kept.length === 1 &&
        kept[0]!.effect === 'allow' &&
        kept[0]!.actions.join() === '*' &&
        kept[0]!.resources.join() === '*' &&
        dropped.length === 0;
    return { policy: fullAccess || kept.length === 0 ? undefined : { statements: kept }, dropped };
}

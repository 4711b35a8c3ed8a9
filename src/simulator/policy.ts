/** Endpoint policies and bucket policies, as IAM evaluates them: an explicit deny wins, then any allow. */
import type { Bucket, Policy, PolicyStatement } from '../model/topology.js';

const patternCache = new Map<string, RegExp>();

/** IAM wildcards: `*` any run of characters, `?` one character. Actions ignore case; ARNs do not. */
export function wildcardMatch(pattern: string, text: string, ignoreCase: boolean): boolean {
    const key = `${ignoreCase ? 'i' : 's'}${pattern}`;
    let regex = patternCache.get(key);
    if (!regex) {
        const body = pattern
            .replace(/[.+^${}()|[\]\\]/g, '\\$&')
            .replace(/\*/g, '.*')
            .replace(/\?/g, '.');
        regex = new RegExp(`^${body}$`, ignoreCase ? 'i' : '');
        patternCache.set(key, regex);
    }
    return regex.test(text);
}

function matches(statement: PolicyStatement, action: string, resource: string): boolean {
    return statement.actions.some(a => wildcardMatch(a, action, true)) && statement.resources.some(r => wildcardMatch(r, resource, false));
}

export interface PolicyDecision {
    allowed: boolean;
    detail: string;
}

export function evaluatePolicy(policy: Policy | undefined, action: string, resource: string, owner: string): PolicyDecision {
    if (!policy) return { allowed: true, detail: `${owner} has no policy: full access` };
    const deny = policy.statements.find(s => s.effect === 'deny' && matches(s, action, resource));
    if (deny)
        return {
            allowed: false,
            detail: `${owner}'s policy denies ${action} on ${resource} (deny ${deny.actions.join(', ')}): an explicit deny always wins`
        };
    const allow = policy.statements.find(s => s.effect === 'allow' && matches(s, action, resource));
    if (allow) return { allowed: true, detail: `${owner}'s policy allows ${action} on ${resource}` };
    return {
        allowed: false,
        detail: `no statement of ${owner}'s policy allows ${action} on ${resource}: what a policy does not allow is denied`
    };
}

/** The bucket an S3 ARN names (`arn:aws:s3:::bucket/key`), if it is an S3 ARN. */
export function bucketNameOf(resource: string): string | undefined {
    const match = /^arn:aws[a-z-]*:s3:::([^/]+)/.exec(resource);
    return match?.[1];
}

/**
 * A bucket that is `private-to` some gateway endpoints has a policy denying every request whose
 * aws:SourceVpce is not one of them: it answers only through those endpoints.
 */
export function evaluateBucket(bucket: Bucket, viaEndpoint: string | undefined, endpointName: (id: string) => string): PolicyDecision {
    if (bucket.privateTo.length === 0) return { allowed: true, detail: `bucket ${bucket.name} has no restricting policy` };
    const names = bucket.privateTo.map(endpointName).join(', ');
    if (viaEndpoint && bucket.privateTo.includes(viaEndpoint)) {
        return {
            allowed: true,
            detail: `bucket ${bucket.name} accepts it: the request came through ${endpointName(viaEndpoint)} (aws:SourceVpce matches)`
        };
    }
    return {
        allowed: false,
        detail: `bucket ${bucket.name}'s policy denies requests that do not come through ${names} (aws:SourceVpce), and this one ${viaEndpoint ? `came through ${endpointName(viaEndpoint)}` : 'came over the internet path'}`
    };
}

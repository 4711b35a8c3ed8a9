/** An AWS service at the end of a path: it accepts the connection, and endpoint and bucket policies judge the request. */
import type { Destination } from './dns.js';
import type { Walk } from './engine.js';
import { bucketNameOf, evaluateBucket, evaluatePolicy } from './policy.js';

/** An AWS service endpoint accepts the connection; a `request` is judged against the bucket it names. */
export function atService(walk: Walk, destination: Destination, viaEndpoint: string | undefined): void {
    const service = destination.service!;
    walk.hop(
        'service',
        `${service.service}.${service.region}.amazonaws.com`,
        null,
        () => `${service.service} in ${service.region} accepts the connection`
    );
    const request = walk.probe.request;
    if (!request || service.service !== 's3') return;
    const bucketName = bucketNameOf(request.resource);
    const bucket = bucketName ? walk.compiled.topology.buckets.find(b => b.name === bucketName) : undefined;
    if (!bucket) return;
    const decision = evaluateBucket(bucket, viaEndpoint, id => walk.compiled.index.get(id)?.name ?? id);
    walk.hop('bucket', bucket.name, null, () => decision.detail, bucket.id);
    if (!decision.allowed) walk.block('BUCKET_POLICY', () => decision.detail);
}

export function judgePolicy(walk: Walk, policy: Parameters<typeof evaluatePolicy>[0], owner: string): void {
    const request = walk.probe.request;
    if (!request) return;
    const decision = evaluatePolicy(policy, request.action, request.resource, owner);
    if (!decision.allowed) walk.block('ENDPOINT_POLICY', () => decision.detail);
    else if (walk.trace) {
        const last = walk.hops[walk.hops.length - 1]!;
        walk.hops[walk.hops.length - 1] = { ...last, detail: `${last.detail}; ${decision.detail}` };
    }
}

import { describe, expect, it } from 'vitest';
import { bucketNameOf, evaluateBucket, evaluatePolicy, wildcardMatch } from '../../src/simulator/policy.js';

describe('IAM wildcards', () => {
    it('* matches any run, ? exactly one character; actions ignore case, ARNs do not', () => {
        expect(wildcardMatch('s3:Get*', 's3:GetObject', true)).toBe(true);
        expect(wildcardMatch('s3:get*', 's3:GetObject', true)).toBe(true);
        expect(wildcardMatch('s3:Get?bject', 's3:GetObject', true)).toBe(true);
        expect(wildcardMatch('s3:Get?bject', 's3:GetOObject', true)).toBe(false);
        expect(wildcardMatch('arn:aws:s3:::Assets/*', 'arn:aws:s3:::assets/a', false)).toBe(false);
        expect(wildcardMatch('arn:aws:s3:::assets/report-202?.csv', 'arn:aws:s3:::assets/report-2024.csv', false)).toBe(true);
        expect(wildcardMatch('arn:aws:s3:::a.b/*', 'arn:aws:s3:::aXb/k', false)).toBe(false);
    });
});

describe('policies', () => {
    const policy = {
        statements: [
            { effect: 'allow' as const, actions: ['s3:*'], resources: ['arn:aws:s3:::assets/*'] },
            { effect: 'deny' as const, actions: ['s3:Delete*'], resources: ['*'] }
        ]
    };

    it('no policy is full access', () => {
        expect(evaluatePolicy(undefined, 's3:DeleteBucket', 'arn:aws:s3:::x', 'e').allowed).toBe(true);
    });

    it('an explicit deny wins; what no statement allows is denied', () => {
        expect(evaluatePolicy(policy, 's3:GetObject', 'arn:aws:s3:::assets/k', 'e').allowed).toBe(true);
        expect(evaluatePolicy(policy, 's3:DeleteObject', 'arn:aws:s3:::assets/k', 'e')).toMatchObject({
            allowed: false,
            detail: expect.stringContaining('explicit deny')
        });
        expect(evaluatePolicy(policy, 's3:GetObject', 'arn:aws:s3:::other/k', 'e')).toMatchObject({
            allowed: false,
            detail: expect.stringContaining('no statement')
        });
    });

    it('a private-to bucket answers only through its endpoints', () => {
        const bucket = { kind: 'bucket' as const, id: 'bucket:b', name: 'b', region: 'us-east-1', privateTo: ['gateway-endpoint:a.s3gw'] };
        expect(bucketNameOf('arn:aws:s3:::b/key/with/slashes')).toBe('b');
        expect(bucketNameOf('arn:aws:s3:::b')).toBe('b');
        expect(bucketNameOf('arn:aws:dynamodb:us-east-1:1:table/t')).toBeUndefined();
        expect(evaluateBucket(bucket, 'gateway-endpoint:a.s3gw', () => 's3gw').allowed).toBe(true);
        expect(evaluateBucket(bucket, 'gateway-endpoint:b.s3gw', () => 'other').allowed).toBe(false);
        expect(evaluateBucket(bucket, undefined, () => 's3gw').allowed).toBe(false);
    });
});

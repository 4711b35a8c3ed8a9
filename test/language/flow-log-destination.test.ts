/**
 * flow-log-destination: what CreateFlowLogs accepts, from AWS's documentation — an S3 bucket ARN
 * (`arn:aws:s3:::my_bucket/my_subfolder/`, the subfolder optional and never `AWSLogs`) whose name
 * follows the general purpose bucket naming rules, or a log group name of 1–512 characters from
 * a-z, A-Z, 0-9, `_ - / . #`. Each refused destination has its near miss, which passes.
 */
import { describe, expect, it } from 'vitest';
import {
    bucketNameProblem,
    destinationProblem,
    logGroupNameProblem,
    parseS3Destination
} from '../../src/simulator/flow-log-destination.js';
import { check, expectDiagnostic, expectNo } from '../helpers.js';

describe('S3 bucket names (general purpose bucket naming rules)', () => {
    // [refused, near miss, what the message says]
    const cases: Array<[string, string, RegExp]> = [
        ['ab', 'abc', /3 to 63 characters.*has 2/],
        ['a'.repeat(64), 'a'.repeat(63), /3 to 63 characters.*has 64/],
        ['My-Bucket', 'my-bucket', /lowercase.*'M'.*write 'my-bucket'/],
        ['my_bucket', 'my-bucket', /'_'/],
        ['-bucket', 'bucket-1', /begins and ends with a letter or a digit/],
        ['bucket.', 'bucket.1', /begins and ends/],
        ['my..bucket', 'my.bucket', /two adjacent periods/],
        ['192.168.5.4', '192.168.5.4a', /IP address/],
        ['xn--bucket', 'xn-bucket', /start with 'xn--'/],
        ['sthree-logs', 'sthree1-logs', /start with 'sthree-'/],
        ['amzn-s3-demo-bucket', 'amzn-s3-demo1', /start with 'amzn-s3-demo-'/],
        ['logs-s3alias', 'logs-s3alias1', /end with '-s3alias'/],
        ['logs--ol-s3', 'logs-ol-s3', /end with '--ol-s3'/],
        ['logs.mrap', 'logs.mrap1', /end with '.mrap'/],
        ['logs--x-s3', 'logs-x-s3', /end with '--x-s3'/]
    ];
    for (const [refused, nearMiss, says] of cases) {
        it(`refuses '${refused.length > 20 ? `${refused.slice(0, 8)}… (${refused.length})` : refused}', accepts '${nearMiss.length > 20 ? `${nearMiss.slice(0, 8)}… (${nearMiss.length})` : nearMiss}'`, () => {
            expect(bucketNameProblem(refused)).toMatch(says);
            expect(bucketNameProblem(nearMiss)).toBeUndefined();
        });
    }
});

describe('S3 destination ARNs', () => {
    it('takes a bucket ARN with an optional subfolder, in any partition', () => {
        expect(parseS3Destination('arn:aws:s3:::my-bucket')).toEqual({ bucket: 'my-bucket', prefix: '' });
        expect(parseS3Destination('arn:aws:s3:::my-bucket/my-logs/')).toEqual({ bucket: 'my-bucket', prefix: 'my-logs' });
        expect(parseS3Destination('arn:aws-cn:s3:::my-bucket/a/b')).toEqual({ bucket: 'my-bucket', prefix: 'a/b' });
        expect(parseS3Destination('arn:aws-us-gov:s3:::my-bucket')).toEqual({ bucket: 'my-bucket', prefix: '' });
    });

    it('refuses what is not a bucket ARN, and says what to write', () => {
        expect(destinationProblem({ kind: 's3', target: 'my-bucket' })).toMatch(/write "arn:aws:s3:::my-bucket"/);
        expect(destinationProblem({ kind: 's3', target: 's3://my-bucket/logs' })).toMatch(/write "arn:aws:s3:::my-bucket\/logs"/);
        expect(destinationProblem({ kind: 's3', target: 'arn:aws:s3:us-east-1::my-bucket' })).toMatch(/is not one/);
        expect(destinationProblem({ kind: 's3', target: 'arn:aws:s3:::b' })).toMatch(/3 to 63 characters/);
        expect(destinationProblem({ kind: 's3', target: '' })).toMatch(/is not one/);
    });

    it('refuses AWSLogs as a subfolder, and accepts a near name', () => {
        expect(destinationProblem({ kind: 's3', target: 'arn:aws:s3:::my-bucket/AWSLogs/' })).toMatch(/AWSLogs cannot be a subfolder/);
        expect(destinationProblem({ kind: 's3', target: 'arn:aws:s3:::my-bucket/team/AWSLogs' })).toMatch(/AWSLogs cannot be a subfolder/);
        expect(destinationProblem({ kind: 's3', target: 'arn:aws:s3:::my-bucket/AWSLogs2/' })).toBeUndefined();
    });
});

describe('CloudWatch Logs log group names', () => {
    it('takes 1 to 512 characters of letters, digits and _ - / . #', () => {
        expect(logGroupNameProblem('/shop/private-rejects')).toBeUndefined();
        expect(logGroupNameProblem('Team_1.flow#logs')).toBeUndefined();
        expect(logGroupNameProblem('a'.repeat(512))).toBeUndefined();
        expect(logGroupNameProblem('a'.repeat(513))).toMatch(/1 to 512 characters.*513/);
        expect(logGroupNameProblem('')).toMatch(/1 to 512 characters/);
        expect(logGroupNameProblem('flow logs')).toMatch(/has ' '/);
        expect(logGroupNameProblem('logs:rejects')).toMatch(/has ':'/);
    });

    it('says to give the name when given the ARN', () => {
        expect(logGroupNameProblem('arn:aws:logs:us-east-1:123456789012:log-group:my-group')).toMatch(
            /name, not its ARN: write "my-group"/
        );
    });
});

describe('the checker reports flow-log-destination on the quoted destination', () => {
    const vpc = (destination: string) => `vpc a { cidr 10.0.0.0/16  flow-log f { destination ${destination} } }`;

    it('on a too-short bucket name, not on its near miss', async () => {
        expectDiagnostic(await check(vpc('s3 "arn:aws:s3:::b"')), 'flow-log-destination', '"arn:aws:s3:::b"');
        expectNo(await check(vpc('s3 "arn:aws:s3:::bbb"')), 'flow-log-destination');
    });

    it('on a destination that is not an ARN', async () => {
        const d = expectDiagnostic(await check(vpc('s3 "flow-logs"')), 'flow-log-destination', '"flow-logs"');
        expect(d.message).toContain('arn:aws:s3:::flow-logs');
    });

    it('on a log group name with a character AWS refuses', async () => {
        expectDiagnostic(await check(vpc('cloudwatch "flow logs"')), 'flow-log-destination', '"flow logs"');
        expectNo(await check(vpc('cloudwatch "flow-logs"')), 'flow-log-destination');
    });
});

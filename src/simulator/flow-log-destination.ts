/**
 * Which flow-log destinations AWS accepts (CreateFlowLogs): for S3 a bucket ARN, optionally with
 * a subfolder (`arn:aws:s3:::my-bucket/my-logs/`), whose bucket name follows S3's naming rules and
 * whose subfolder is not `AWSLogs`; for CloudWatch Logs a log group name of 1 to 512 characters
 * from a-z, A-Z, 0-9, `_`, `-`, `/`, `.` and `#`. The checker reports a problem; the simulator
 * writes records only where AWS would deliver them.
 */

export interface S3Destination {
    bucket: string;
    prefix: string;
}

/** The partitions: aws, aws-cn, aws-us-gov and the isolated ones (aws-iso, aws-iso-b…). */
const S3_ARN = /^arn:(aws(?:-[a-z]+)*):s3:::([^/]*)(?:\/(.*))?$/;

const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3'];

/** Why a bucket name breaks S3's general purpose bucket naming rules, or undefined. */
export function bucketNameProblem(name: string): string | undefined {
    if (name.length < 3 || name.length > 63) return `a bucket name is 3 to 63 characters long, and '${name}' has ${name.length}`;
    const bad = /[^a-z0-9.-]/.exec(name);
    if (bad)
        return `a bucket name holds only lowercase letters, digits, '.' and '-', and '${name}' has '${bad[0]}'${/[A-Z]/.test(bad[0]) ? ` (write '${name.toLowerCase()}')` : ''}`;
    if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name))
        return `a bucket name begins and ends with a letter or a digit, and '${name}' does not`;
    if (name.includes('..')) return `a bucket name has no two adjacent periods, and '${name}' has`;
    if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return `a bucket name is not formatted as an IP address, and '${name}' is`;
    const prefix = RESERVED_PREFIXES.find(p => name.startsWith(p));
    if (prefix) return `S3 reserves bucket names that start with '${prefix}'`;
    const suffix = RESERVED_SUFFIXES.find(s => name.endsWith(s));
    if (suffix) return `S3 reserves bucket names that end with '${suffix}'`;
    return undefined;
}

/** `arn:aws:s3:::bucket` or `arn:aws:s3:::bucket/prefix/`, when AWS would accept it as a flow-log destination. */
export function parseS3Destination(arn: string): S3Destination | { problem: string } {
    const match = S3_ARN.exec(arn);
    if (!match) {
        const url = /^s3:\/\/([^/]+)\/?(.*)$/.exec(arn);
        const suggestion = url
            ? `arn:aws:s3:::${url[1]}${url[2] ? `/${url[2]}` : ''}`
            : bucketNameProblem(arn) === undefined
              ? `arn:aws:s3:::${arn}`
              : 'arn:aws:s3:::BUCKET or arn:aws:s3:::BUCKET/FOLDER/';
        return { problem: `An S3 flow-log destination is the bucket's ARN, and '${arn}' is not one: write "${suggestion}".` };
    }
    const bucket = match[2]!;
    const problem = bucketNameProblem(bucket);
    if (problem) return { problem: `AWS would refuse this destination: ${problem}.` };
    const prefix = (match[3] ?? '').replace(/\/+$/, '');
    if (prefix.split('/').includes('AWSLogs'))
        return {
            problem:
                'AWS would refuse this destination: AWSLogs cannot be a subfolder name (AWS writes its own AWSLogs/ folder under the subfolder).'
        };
    return { bucket, prefix };
}

/** Why a CloudWatch Logs log group name would be refused, or undefined. */
export function logGroupNameProblem(name: string): string | undefined {
    if (/^arn:/.test(name)) {
        const group = /:log-group:([^:]+)/.exec(name)?.[1];
        return `\`destination cloudwatch\` takes the log group's name, not its ARN${group ? `: write "${group}"` : ''}.`;
    }
    if (name.length < 1 || name.length > 512) return `A log group name is 1 to 512 characters long, and this one has ${name.length}.`;
    const bad = /[^A-Za-z0-9_\-/.#]/.exec(name);
    if (bad) return `A log group name holds only letters, digits and '_', '-', '/', '.', '#', and this one has '${bad[0]}'.`;
    return undefined;
}

/** Why AWS would refuse the destination, or undefined when it would deliver there. */
export function destinationProblem(destination: { kind: 's3' | 'cloudwatch'; target: string }): string | undefined {
    if (destination.kind === 'cloudwatch') return logGroupNameProblem(destination.target);
    const parsed = parseS3Destination(destination.target);
    return 'problem' in parsed ? parsed.problem : undefined;
}

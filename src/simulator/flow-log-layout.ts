/**
 * Where and how AWS delivers flow-log records: S3 objects under AWSLogs/ (gzip, a header line,
 * one file per flow log per 5-minute publication), CloudWatch Logs streams per ENI, and the
 * Athena table that reads the S3 layout.
 */
import type { FlowLog, Topology, Vpc } from '../model/topology.js';
import { stableHash } from './compile.js';
import { logGroupNameProblem, parseS3Destination, type S3Destination } from './flow-log-destination.js';
import { DELIVERY_DELAY_SECONDS, fieldsOf, flowLogIdOf, type FlowLogRecord } from './flow-logs.js';

/** VPC Flow Logs publish files to S3 every 5 minutes. */
export const S3_PUBLISH_SECONDS = 300;

export type { S3Destination } from './flow-log-destination.js';

/** `arn:aws:s3:::bucket` or `arn:aws:s3:::bucket/prefix`, when AWS would accept it; undefined otherwise. */
export function parseS3Arn(arn: string): S3Destination | undefined {
    const parsed = parseS3Destination(arn);
    return 'problem' in parsed ? undefined : parsed;
}

function pad(n: number): string {
    return String(n).padStart(2, '0');
}

function stamp(seconds: number): { yyyy: string; mm: string; dd: string; compact: string } {
    const d = new Date(seconds * 1000);
    const yyyy = String(d.getUTCFullYear());
    const mm = pad(d.getUTCMonth() + 1);
    const dd = pad(d.getUTCDate());
    return { yyyy, mm, dd, compact: `${yyyy}${mm}${dd}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}Z` };
}

export interface DeliveredFile {
    flowLog: FlowLog;
    /** The path under the delivery folder: `bucket/prefix/AWSLogs/…log.gz` or `cloudwatch/group/stream.json`. */
    path: string;
    /** The text before compression (S3) or the JSON document (CloudWatch Logs). */
    content: string;
    gzip: boolean;
    records: number;
    /** When AWS would have delivered it, seconds since the epoch (typical delay after the window closes). */
    deliveredAt: number;
}

/** Where a record goes: its S3 object (without the content hash) or its CloudWatch Logs stream. */
export interface Placement {
    path: string;
    gzip: boolean;
    publish: number;
}

export function placeRecord(record: FlowLogRecord, vpc: Vpc | undefined): Placement | undefined {
    const destination = record.flowLog.destination;
    if (!destination || !vpc) return undefined;
    if (destination.kind === 's3') {
        const s3 = parseS3Arn(destination.target);
        if (!s3) return undefined;
        const publish = Math.ceil(record.end / S3_PUBLISH_SECONDS) * S3_PUBLISH_SECONDS;
        const t = stamp(publish);
        const folder = [s3.bucket, s3.prefix, 'AWSLogs', vpc.account, 'vpcflowlogs', vpc.region, t.yyyy, t.mm, t.dd]
            .filter(Boolean)
            .join('/');
        return { path: `${folder}/${vpc.account}_vpcflowlogs_${vpc.region}_${record.flowLogId}_${t.compact}`, gzip: true, publish };
    }
    if (logGroupNameProblem(destination.target)) return undefined;
    const group = destination.target
        .replace(/^\/+/, '')
        .split('/')
        .filter(part => part !== '' && part !== '.' && part !== '..')
        .join('/');
    return { path: `cloudwatch/${group}/${record.eni.eniId}-all.json`, gzip: false, publish: record.end };
}

/**
 * An S3 object's text (the header line, then the records) and its final name. The name's hash
 * stands for the content; it is taken over the object's size and ends, which keeps it stable and cheap.
 */
export function s3Object(path: string, header: string, lines: readonly string[]): { path: string; content: string } {
    const digest = stableHash(`${path}|${lines.length}|${lines[0]}|${lines[lines.length - 1]}`);
    return { path: `${path}_${digest.toString(16).padStart(8, '0')}.log.gz`, content: `${header}\n${lines.join('\n')}\n` };
}

/** A CloudWatch Logs stream as `aws logs get-log-events` shows it. */
export function cloudwatchDocument(path: string, records: readonly FlowLogRecord[]): string {
    const events = records.map(r => ({
        timestamp: r.start * 1000,
        message: r.record,
        ingestionTime: (r.end + DELIVERY_DELAY_SECONDS.cloudwatch) * 1000
    }));
    return (
        JSON.stringify(
            {
                events,
                nextForwardToken: `f/${String(stableHash(`${path}/${events.length - 1}`)).padStart(56, '0')}`,
                nextBackwardToken: `b/${String(stableHash(`${path}/0`)).padStart(56, '0')}`
            },
            null,
            2
        ) + '\n'
    );
}

/** Groups records as AWS publishes them and lays each group out as AWS names it (all in memory: for small runs and tests). */
export function deliveries(topology: Topology, records: readonly FlowLogRecord[]): DeliveredFile[] {
    const vpcs = new Map(topology.vpcs.map(v => [v.id, v]));
    const groups = new Map<string, { placement: Placement; flowLog: FlowLog; lines: FlowLogRecord[] }>();
    for (const record of records) {
        const placement = placeRecord(record, vpcs.get(record.flowLog.vpc));
        if (!placement) continue;
        const entry = groups.get(placement.path) ?? { placement, flowLog: record.flowLog, lines: [] };
        entry.lines.push(record);
        entry.placement.publish = Math.max(entry.placement.publish, placement.publish);
        groups.set(placement.path, entry);
    }
    return [...groups.values()].map(({ placement, flowLog, lines }) =>
        placement.gzip
            ? {
                  flowLog,
                  ...s3Object(
                      placement.path,
                      lines[0]!.fields.join(' '),
                      lines.map(r => r.record)
                  ),
                  gzip: true,
                  records: lines.length,
                  deliveredAt: placement.publish + DELIVERY_DELAY_SECONDS.s3
              }
            : {
                  flowLog,
                  path: placement.path,
                  content: cloudwatchDocument(placement.path, lines),
                  gzip: false,
                  records: lines.length,
                  deliveredAt: placement.publish + DELIVERY_DELAY_SECONDS.cloudwatch
              }
    );
}

/** Athena's column type for each flow-log field (the AWS Athena guide's flow-log table). */
const ATHENA_TYPES: Record<string, string> = {
    version: 'int',
    srcport: 'int',
    dstport: 'int',
    protocol: 'bigint',
    packets: 'bigint',
    bytes: 'bigint',
    start: 'bigint',
    end: 'bigint',
    'tcp-flags': 'int',
    'traffic-path': 'int'
};

export function columnName(field: string): string {
    return field.replace(/-/g, '_');
}

export function athenaType(field: string): string {
    return ATHENA_TYPES[field] ?? 'string';
}

/** The CREATE EXTERNAL TABLE statement (non-Hive prefixes, partition projection) for one S3 flow log. */
export function athenaTable(flowLog: FlowLog, topology: Topology, since: Date): string | undefined {
    if (flowLog.destination?.kind !== 's3') return undefined;
    const s3 = parseS3Arn(flowLog.destination.target);
    const vpc = topology.vpcs.find(v => v.id === flowLog.vpc);
    if (!s3 || !vpc) return undefined;
    const fields = fieldsOf(flowLog);
    // `region` is both a field and a partition column in AWS's template; the partition yields.
    const regionPartition = fields.includes('region') ? 'log_region' : 'region';
    const columns = fields.map(f => `  ${f === 'end' ? '`end`' : columnName(f)} ${athenaType(f)}`).join(',\n');
    const base = `s3://${[s3.bucket, s3.prefix].filter(Boolean).join('/')}/AWSLogs/`;
    const table = `vpc_flow_logs_${flowLog.name.replace(/[^A-Za-z0-9_]/g, '_')}`;
    const day = `${since.getUTCFullYear()}/${pad(since.getUTCMonth() + 1)}/${pad(since.getUTCDate())}`;
    return `-- Flow log ${flowLog.name} (${flowLogIdOf(flowLog)}) of VPC ${vpc.name}: ${flowLog.format ? 'custom format' : 'default format'}, delivered to ${flowLog.destination.target}
CREATE EXTERNAL TABLE IF NOT EXISTS ${table} (
${columns}
)
PARTITIONED BY (accid string, ${regionPartition} string, day string)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ' '
LOCATION '${base}'
TBLPROPERTIES (
  "skip.header.line.count" = "1",
  "projection.enabled" = "true",
  "projection.accid.type" = "enum",
  "projection.accid.values" = "${vpc.account}",
  "projection.${regionPartition}.type" = "enum",
  "projection.${regionPartition}.values" = "${vpc.region}",
  "projection.day.type" = "date",
  "projection.day.range" = "${day},NOW",
  "projection.day.format" = "yyyy/MM/dd",
  "storage.location.template" = "${base}\${accid}/vpcflowlogs/\${${regionPartition}}/\${day}"
);`;
}

/** Where a flow log delivers, in one short text: `s3://bucket/prefix` or `cloudwatch:group`. */
export function destinationText(destination: FlowLog['destination']): string | null {
    if (!destination) return null;
    if (destination.kind === 'cloudwatch') return `cloudwatch:${destination.target}`;
    const s3 = parseS3Arn(destination.target);
    return s3 ? `s3://${[s3.bucket, s3.prefix].filter(Boolean).join('/')}` : destination.target;
}

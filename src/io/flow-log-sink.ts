/**
 * Streams flow-log records into the files AWS would deliver. Records arrive in time order, so an
 * S3 object is complete once a record of a later 5-minute publication arrives: it is written then
 * (gzip, under a temporary name, then renamed) and forgotten. CloudWatch streams are written at
 * the end. Memory holds one publication interval of records; files are compressed as soon as
 * they are complete and written in the background, several at a time (writing many small files
 * is latency-bound), and `close()` waits for them.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describeFsError } from './errors.js';
import type { FlowLog, Vpc } from '../model/topology.js';
import { cloudwatchDocument, placeRecord, s3Object, type Placement } from '../simulator/flow-log-layout.js';
import { DELIVERY_DELAY_SECONDS, type FlowLogRecord } from '../simulator/flow-logs.js';
/** The folder cannot be written: the message says why, in words. */
export class FlowLogWriteError extends Error {}

export interface WrittenFile {
    flowLog: FlowLog;
    path: string;
    records: number;
    gzip: boolean;
    deliveredAt: number;
}

interface OpenFile {
    placement: Placement;
    flowLog: FlowLog;
    header: string;
    lines: string[];
    records: FlowLogRecord[];
}

export class FlowLogSink {
    private readonly root: string;
    private readonly s3 = new Map<string, OpenFile>();
    private readonly cloudwatch = new Map<string, OpenFile>();
    private latestPublish = -Infinity;
    private counter = 0;
    readonly written: WrittenFile[] = [];
    /** Records of flow logs whose destination AWS would refuse: counted, never written (AWS would deliver none). */
    readonly undelivered = new Map<FlowLog, number>();
    /** Only count and lay out, without writing (for the summary of a run without --flow-logs). */
    private readonly dryRun: boolean;

    constructor(
        folder: string | undefined,
        private readonly vpcs: ReadonlyMap<string, Vpc>
    ) {
        this.dryRun = folder === undefined;
        this.root = resolve(folder ?? '.');
    }

    /** The open file a record belongs to, found by a short key: placements repeat for every record of a file. */
    private fileFor(record: FlowLogRecord): OpenFile | undefined {
        const cloudwatch = record.flowLog.destination?.kind === 'cloudwatch';
        const key = `${record.flowLogId}|${cloudwatch ? record.eni.eniId : record.end}`;
        const map = cloudwatch ? this.cloudwatch : this.s3;
        let file = map.get(key);
        if (!file) {
            const placement = placeRecord(record, this.vpcs.get(record.flowLog.vpc));
            if (!placement) return undefined;
            file = { placement, flowLog: record.flowLog, header: record.fields.join(' '), lines: [], records: [] };
            map.set(key, file);
        }
        if (cloudwatch) file.placement.publish = Math.max(file.placement.publish, record.end);
        return file;
    }

    add(record: FlowLogRecord): void {
        const file = this.fileFor(record);
        if (!file) {
            this.undelivered.set(record.flowLog, (this.undelivered.get(record.flowLog) ?? 0) + 1);
            return;
        }
        if (!file.placement.gzip) {
            file.records.push(record);
            return;
        }
        if (file.placement.publish > this.latestPublish) {
            // Every object of an earlier publication is complete: records come in time order.
            for (const [key, open] of this.s3)
                if (open.placement.publish < file.placement.publish) {
                    this.writeS3(open);
                    this.s3.delete(key);
                }
            this.latestPublish = file.placement.publish;
        }
        file.lines.push(record.record);
    }

    private writeS3(file: OpenFile): void {
        const { path, content } = s3Object(file.placement.path, file.header, file.lines);
        // The fastest deflate level: a quarter of the time of the default, a little larger files.
        this.write(path, () => gzipSync(content, { level: 1 }));
        this.written.push({
            flowLog: file.flowLog,
            path,
            records: file.lines.length,
            gzip: true,
            deliveredAt: file.placement.publish + DELIVERY_DELAY_SECONDS.s3
        });
    }

    private readonly pending: Array<() => Promise<void>> = [];
    private running = 0;
    private failure: Error | undefined;
    private idle: (() => void) | undefined;
    private static readonly CONCURRENCY = 32;

    private write(path: string, data: () => Buffer | string): void {
        if (this.dryRun || this.failure) return;
        const target = resolve(this.root, path);
        if (!target.startsWith(this.root + sep)) throw new FlowLogWriteError(`refusing to write '${path}' outside the flow-log folder`);
        if (existsSync(target))
            throw new FlowLogWriteError(
                `'${relative(process.cwd(), target)}' already exists: vpc-lab never overwrites flow-log files; give --flow-logs an empty or new folder`
            );
        const temporary = join(dirname(target), `.vpc-lab-${process.pid}-${this.counter++}.tmp`);
        const content = data();
        this.pending.push(async () => {
            try {
                await mkdir(dirname(target), { recursive: true });
                await writeFile(temporary, content, { flag: 'wx' });
                await rename(temporary, target);
            } catch (error) {
                await rm(temporary, { force: true }).catch(() => undefined);
                this.failure ??= new FlowLogWriteError(
                    `cannot write flow logs to '${relative(process.cwd(), this.root) || '.'}': ${describeFsError(error)}`
                );
            }
        });
        this.pump();
    }

    private pump(): void {
        while (this.running < FlowLogSink.CONCURRENCY && this.pending.length > 0) {
            const task = this.pending.shift()!;
            this.running++;
            void task().finally(() => {
                this.running--;
                this.pump();
                if (this.running === 0 && this.pending.length === 0) this.idle?.();
            });
        }
    }

    /** Writes what is still open and waits for every write; returns every file, in the order written. */
    async close(): Promise<WrittenFile[]> {
        for (const file of this.s3.values()) this.writeS3(file);
        this.s3.clear();
        for (const file of this.cloudwatch.values()) {
            this.write(file.placement.path, () => cloudwatchDocument(file.placement.path, file.records));
            this.written.push({
                flowLog: file.flowLog,
                path: file.placement.path,
                records: file.records.length,
                gzip: false,
                deliveredAt: file.placement.publish + DELIVERY_DELAY_SECONDS.cloudwatch
            });
        }
        this.cloudwatch.clear();
        if (this.running > 0 || this.pending.length > 0)
            await new Promise<void>(done => {
                this.idle = done;
            });
        if (this.failure) throw this.failure;
        return this.written;
    }
}

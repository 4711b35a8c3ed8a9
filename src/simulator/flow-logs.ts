/**
 * The records AWS's flow logs would write for the probes: per ENI and direction, at every capture
 * level that covers the ENI, filtered by each flow log's traffic setting, in its format.
 */
import { assertNever } from '../model/assert-never.js';
import type { FlowLog, Probe } from '../model/topology.js';
import { formatAddr, type Addr } from './cidr.js';
import { stableHash, type CEni, type Compiled } from './compile.js';
import { DEFAULT_FLOW_LOG_FIELDS, FLOW_LOG_FIELDS } from './flow-log-fields.js';
import type { FlowObservation } from './flow-fields.js';
import { amazonEndpoint, isLinkLocal } from './link-local.js';

/** Without `--start`, the simulated clock starts here (so that runs repeat). */
export const DEFAULT_START = Date.UTC(2026, 0, 1, 0, 0, 0);
/** Probes are spaced this many seconds apart on the simulated clock, in document order. */
export const PROBE_SPACING_SECONDS = 10;
/** Typical delivery delay after an aggregation window closes (AWS: about 10 minutes to S3, 5 to CloudWatch Logs). */
export const DELIVERY_DELAY_SECONDS = { s3: 600, cloudwatch: 300 } as const;

export interface FlowLogRecord {
    flowLog: FlowLog;
    /** The probe whose packets the record describes. */
    probe: Probe;
    flowLogId: string;
    eni: CEni;
    /** Seconds since the epoch. */
    start: number;
    end: number;
    fields: readonly string[];
    /** The record as AWS writes it: the field values, space-separated. */
    record: string;
}

export function hexId(prefix: string, seed: string): string {
    const a = stableHash(seed).toString(16).padStart(8, '0');
    const b = stableHash(`${seed}/2`).toString(16).padStart(8, '0');
    return `${prefix}-0${a}${b}`.slice(0, prefix.length + 18);
}

export function flowLogIdOf(flowLog: FlowLog): string {
    return hexId('fl', flowLog.id);
}

/** The fields of a flow log's records: the custom format's, or the version-2 default. */
export function fieldsOf(flowLog: FlowLog): string[] {
    if (!flowLog.format) return DEFAULT_FLOW_LOG_FIELDS;
    const fields = [...flowLog.format.value.matchAll(/\$\{([^}]*)\}/g)].map(m => m[1]!).filter(f => FLOW_LOG_FIELDS.has(f));
    return fields.length > 0 ? fields : DEFAULT_FLOW_LOG_FIELDS;
}

/** The record version: 2 for the default format, else the highest version of the fields used. */
function versionOf(fields: readonly string[], custom: boolean): number {
    return custom ? Math.max(2, ...fields.map(f => FLOW_LOG_FIELDS.get(f) ?? 2)) : 2;
}

function captures(flowLog: FlowLog, eni: CEni): boolean {
    const capture = flowLog.capture;
    switch (capture.level) {
        case 'vpc':
            return eni.subnet.vpc.model.id === capture.target;
        case 'subnet':
            return eni.subnet.model.id === capture.target;
        case 'eni':
            return eni.owner === capture.target;
        default:
            return assertNever(capture, 'flow-log capture level');
    }
}

/** Traffic AWS never logs: link-local addresses (metadata, Time Sync), the Amazon DNS server. */
function unlogged(observation: FlowObservation): boolean {
    const far = observation.direction === 'egress' ? observation.pktDst : observation.pktSrc;
    return isLinkLocal(far) || amazonEndpoint(far, observation.eni.subnet.vpc) !== undefined;
}

/** Plausible packet and byte counts for one direction of one probe's flow, stable for the same probe. */
function counts(observation: FlowObservation, seed: number): { packets: number; bytes: number } {
    const jitter = seed % 7;
    // A ping sends four echoes whatever becomes of them (AWS's example logs 4 packets, 336 bytes each way).
    if (observation.protocol === 1) return { packets: 4, bytes: 336 };
    if (observation.action === 'REJECT')
        return { packets: 1 + (jitter % 3), bytes: (1 + (jitter % 3)) * (observation.protocol === 6 ? 60 : 28) };
    switch (observation.protocol) {
        case 6:
            return observation.reply
                ? { packets: 8 + jitter, bytes: 4_200 + 380 * jitter }
                : { packets: 10 + jitter, bytes: 840 + 120 * jitter };
        case 17:
            return { packets: 1, bytes: observation.reply ? 120 + 8 * jitter : 60 + 4 * jitter };
        default:
            return { packets: 6 + jitter, bytes: 600 + 60 * jitter };
    }
}

function tcpFlags(observation: FlowObservation): number {
    if (observation.protocol !== 6) return 0;
    if (observation.action === 'REJECT') return 2; // SYN
    return observation.reply ? 19 : 3; // SYN-ACK, ACK, FIN / SYN, FIN (the flags seen in the window, OR-ed)
}

/** The zone id AWS would show (`use1-az1` for us-east-1a): the region's short form and the zone's letter. */
function azId(az: string, region: string): string {
    const [geo = '', direction = '', n = ''] = region.split('-');
    const initials = direction
        .replace('north', 'n')
        .replace('south', 's')
        .replace('east', 'e')
        .replace('west', 'w')
        .replace('central', 'c');
    return `${geo}${initials}${n}-az${az.charCodeAt(az.length - 1) - 96}`;
}

const ids = new Map<string, string>();
function cachedId(prefix: string, seed: string): string {
    const key = `${prefix}/${seed}`;
    let id = ids.get(key);
    if (id === undefined) {
        if (ids.size > 100_000) ids.clear();
        id = hexId(prefix, seed);
        ids.set(key, id);
    }
    return id;
}

const addressText = new Map<Addr, string>();
/** Addresses recur in every record: format each once (ip-num is not fast enough to ask per record). */
function text(addr: Addr): string {
    let found = addressText.get(addr);
    if (found === undefined) {
        if (addressText.size > 100_000) addressText.clear();
        found = formatAddr(addr);
        addressText.set(addr, found);
    }
    return found;
}

function value(field: string, o: FlowObservation, version: number, start: number, end: number, seed: number): string {
    const eni = o.eni;
    const vpc = eni.subnet.vpc.model;
    const { packets, bytes } = counts(o, seed);
    switch (field) {
        case 'version':
            return String(version);
        case 'account-id':
            return vpc.account;
        case 'interface-id':
            return eni.eniId;
        case 'srcaddr':
            return text(o.src);
        case 'dstaddr':
            return text(o.dst);
        case 'srcport':
            return String(o.protocol === 6 || o.protocol === 17 ? o.sport : 0);
        case 'dstport':
            return String(o.protocol === 6 || o.protocol === 17 ? o.dport : 0);
        case 'protocol':
            return String(o.protocol);
        case 'packets':
            return String(packets);
        case 'bytes':
            return String(bytes);
        case 'start':
            return String(start);
        case 'end':
            return String(end);
        case 'action':
            return o.action;
        case 'log-status':
            return 'OK';
        case 'vpc-id':
            return cachedId('vpc', vpc.id);
        case 'subnet-id':
            return cachedId('subnet', eni.subnet.model.id);
        case 'instance-id':
            return eni.kind === 'instance' ? cachedId('i', eni.owner) : '-';
        case 'tcp-flags':
            return String(tcpFlags(o));
        case 'type':
            return typeof o.src === 'bigint' ? 'IPv6' : 'IPv4';
        case 'pkt-srcaddr':
            return text(o.pktSrc);
        case 'pkt-dstaddr':
            return text(o.pktDst);
        case 'region':
            return vpc.region;
        case 'az-id':
            return azId(eni.subnet.model.az, vpc.region);
        case 'pkt-src-aws-service':
            return o.reply && o.awsService ? o.awsService : '-';
        case 'pkt-dst-aws-service':
            return !o.reply && o.awsService ? o.awsService : '-';
        case 'flow-direction':
            return o.direction;
        case 'traffic-path':
            return o.direction === 'egress' && o.trafficPath ? String(o.trafficPath) : '-';
        default:
            return '-';
    }
}

export interface ProbeFlows {
    probe: Probe;
    index: number;
    observations: readonly FlowObservation[];
}

interface PreparedLog {
    flowLog: FlowLog;
    fields: string[];
    version: number;
    id: string;
}

/**
 * Turns observations into records for every flow log that captures them, one probe at a time, so
 * that any number of probes can stream through. Probe k happens at start + k × spacing.
 */
export class FlowLogFormatter {
    private readonly logs: PreparedLog[];
    /** Flow logs by the VPC they are declared in: only those can capture an ENI of that VPC. */
    private readonly byVpc = new Map<string, PreparedLog[]>();

    constructor(
        compiled: Compiled,
        private readonly startMs = DEFAULT_START,
        private readonly spacingSeconds = PROBE_SPACING_SECONDS
    ) {
        this.logs = compiled.topology.flowLogs.map(flowLog => {
            const fields = fieldsOf(flowLog);
            return { flowLog, fields, version: versionOf(fields, flowLog.format !== undefined), id: flowLogIdOf(flowLog) };
        });
        for (const log of this.logs) {
            const list = this.byVpc.get(log.flowLog.vpc);
            if (list) list.push(log);
            else this.byVpc.set(log.flowLog.vpc, [log]);
        }
    }

    format({ probe, index, observations }: ProbeFlows, emit: (record: FlowLogRecord) => void): void {
        const at = Math.floor(this.startMs / 1000) + Math.floor(index * this.spacingSeconds);
        const seed = stableHash(probe.id);
        for (const observation of observations) {
            const logs = this.byVpc.get(observation.eni.subnet.vpc.model.id);
            if (!logs || unlogged(observation)) continue;
            for (const log of logs) {
                if (!captures(log.flowLog, observation.eni)) continue;
                if (log.flowLog.traffic !== 'all' && (log.flowLog.traffic === 'accept') !== (observation.action === 'ACCEPT')) continue;
                const window = log.flowLog.aggregationSeconds;
                const start = Math.floor(at / window) * window;
                const end = start + window;
                const fieldSeed = seed + (observation.reply ? 1 : 0);
                // join() yields one flat string; += would keep a rope of pieces alive per record.
                const record = log.fields.map(f => value(f, observation, log.version, start, end, fieldSeed)).join(' ');
                emit({ flowLog: log.flowLog, probe, flowLogId: log.id, eni: observation.eni, start, end, fields: log.fields, record });
            }
        }
    }
}

/** Every record of every flow log for the probes' observations, in probe order, then path order. */
export function flowLogRecords(compiled: Compiled, probes: readonly ProbeFlows[], startMs = DEFAULT_START): FlowLogRecord[] {
    const records: FlowLogRecord[] = [];
    const formatter = new FlowLogFormatter(compiled, startMs);
    for (const probe of probes) formatter.format(probe, record => records.push(record));
    return records;
}

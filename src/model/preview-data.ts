/**
 * What the preview shows, as plain data: built once from a topology by the simulator (in the
 * language server for VS Code, in the command line for a standalone page) and only drawn by the
 * page, which never parses.
 */
import type { RejectReason } from './reasons.js';
import type { Protocol, SourceLocation, Topology } from './topology.js';
import type { ProbeResult } from './trace.js';

export interface MatrixCell {
    verdict: 'ACCEPT' | 'REJECT';
    reason: RejectReason | null;
}

export interface Matrix {
    protocol: Protocol;
    port: number | null;
    /** Row and column labels of the instances, `vpc.name`. */
    instances: string[];
    /** The extra columns: `internet`, then services. */
    targets: string[];
    /** cells[row][column]: columns are the instances, then the targets. */
    cells: MatrixCell[][];
    classes: number;
}

export interface PreviewProbe extends ProbeResult {
    /** The probe's model id. */
    id: string;
    /** The probe as written, e.g. `web-1 -> db-1 tcp 5432`. */
    text: string;
    loc?: SourceLocation;
    /** Whether the verdict meets the probe's `expect`; null without one. */
    met: boolean | null;
}

export interface PreviewFlowLog {
    id: string;
    name: string;
    vpc: string;
    /** `s3://bucket/prefix`, `cloudwatch:group`, or null when none is set. */
    destination: string | null;
    fields: string[];
}

export interface PreviewFlowRecord {
    /** The flow log's model id. */
    flowLog: string;
    /** The probe's model id. */
    probe: string;
    /** `eni-…` as AWS writes it. */
    eni: string;
    /** The model element that owns the ENI (instance, NAT gateway, interface endpoint). */
    owner: string;
    ownerName: string;
    action: 'ACCEPT' | 'REJECT' | '-';
    record: string;
}

export interface PreviewProblems {
    errors: number;
    warnings: number;
    /** Syntax errors: while there are any, the page keeps showing the last good topology. */
    syntaxErrors: number;
    firstSyntaxError?: { loc: SourceLocation; message: string };
}

export interface PreviewData {
    /** Every resource; security-group and ACL rules and routes are left out (the page does not draw them). */
    topology: Topology;
    probes: PreviewProbe[];
    /** Null when the topology has too many instances to draw a grid (`matrixNote` says why). */
    matrix: Matrix | null;
    matrixNote?: string;
    flowLogs: PreviewFlowLog[];
    records: PreviewFlowRecord[];
    /** Set when the records were cut short to keep the page responsive. */
    recordsOmitted?: number;
    problems: PreviewProblems;
    /** The simulated clock of the first probe, ISO-8601. */
    startTime: string;
}

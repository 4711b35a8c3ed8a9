/** Everything the preview page draws, computed once from a compiled topology. */
import type { PreviewData, PreviewFlowRecord, PreviewProblems } from '../model/preview-data.js';
import type { Topology } from '../model/topology.js';
import type { Compiled } from './compile.js';
import { destinationText } from './flow-log-layout.js';
import { fieldsOf } from './flow-logs.js';
import { computeMatrix } from './matrix.js';
import { expectationMet, simulateWithFlowLogs } from './simulate.js';

export interface PreviewOptions {
    startMs: number;
    problems: PreviewProblems;
    /** Above this many instances the page shows no grid (it would be unreadable and slow to draw). */
    maxMatrixInstances?: number;
    /** The page lists at most this many flow-log records. */
    maxRecords?: number;
}

export const PREVIEW_LIMITS = { matrixInstances: 120, records: 5_000 } as const;

export function previewData(topology: Topology, compiled: Compiled, options: PreviewOptions): PreviewData {
    const maxRecords = options.maxRecords ?? PREVIEW_LIMITS.records;
    const maxInstances = options.maxMatrixInstances ?? PREVIEW_LIMITS.matrixInstances;
    const records: PreviewFlowRecord[] = [];
    let omitted = 0;
    const { results } = simulateWithFlowLogs(
        topology,
        options.startMs,
        record => {
            if (records.length >= maxRecords) {
                omitted++;
                return;
            }
            const action = record.fields.indexOf('action');
            const value = action < 0 ? '-' : record.record.split(' ')[action];
            records.push({
                flowLog: record.flowLog.id,
                probe: record.probe.id,
                eni: record.eni.eniId,
                owner: record.eni.owner,
                ownerName: record.eni.name,
                action: value === 'ACCEPT' || value === 'REJECT' ? value : '-',
                record: record.record
            });
        },
        compiled
    );
    const probes = topology.probes.map((probe, i) => {
        const result = results[i]!;
        return { ...result, id: probe.id, text: probe.text, loc: probe.loc, met: expectationMet(result, probe) };
    });
    const instances = topology.instances.length;
    const matrix = instances <= maxInstances ? computeMatrix(compiled) : null;
    const data: PreviewData = {
        topology: drawable(topology),
        probes,
        matrix,
        flowLogs: topology.flowLogs.map(f => ({
            id: f.id,
            name: f.name,
            vpc: f.vpc,
            destination: destinationText(f.destination),
            fields: fieldsOf(f)
        })),
        records,
        problems: options.problems,
        startTime: new Date(options.startMs).toISOString()
    };
    if (!matrix) data.matrixNote = `${instances} instances are too many for a grid here; run \`vpc-lab matrix\` for the full table`;
    if (omitted > 0) data.recordsOmitted = omitted;
    return data;
}

/**
 * The topology as the page needs it: every resource, without the rules and routes inside groups,
 * ACLs and tables (the page names them; probes carry the ones that decided). On a large workspace
 * rules are most of the model, and every byte crosses to the page on each update.
 */
function drawable(topology: Topology): Topology {
    return {
        ...topology,
        securityGroups: topology.securityGroups.map(g => ({ ...g, rules: [] })),
        networkAcls: topology.networkAcls.map(a => ({ ...a, rules: [] })),
        // Only the default routes to an internet gateway stay: they make a subnet public, which the diagram shows.
        routeTables: topology.routeTables.map(t => ({
            ...t,
            routes: t.routes.filter(
                r =>
                    r.target?.kind === 'internet-gateway' &&
                    r.destination.kind === 'cidr' &&
                    (r.destination.cidr === '0.0.0.0/0' || r.destination.cidr === '::/0')
            )
        }))
    };
}

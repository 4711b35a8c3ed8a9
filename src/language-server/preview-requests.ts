/**
 * The preview's requests, answered from the documents the server has already built: the page
 * never parses, and the extension asks again when `vpc/modelChanged` says a build finished.
 */
import { resolve } from 'node:path';
import { DocumentState } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { CancellationToken, Connection } from 'vscode-languageserver';
import type { PreviewData } from '../model/preview-data.js';
import {
    ExportFlowLogsRequest, ModelChangedNotification, PreviewRequest, ProbesRequest,
    type ExportFlowLogsParams, type ExportFlowLogsResult, type ModelChangedParams, type PreviewParams, type ProbesParams, type ProbesResult
} from '../protocol.js';
import { parseStartTime } from '../simulator/clock.js';
import { problemsOf } from '../language/problems.js';
import { previewData } from '../simulator/build-preview.js';
import { simulateWithFlowLogs } from '../simulator/simulate.js';
import { FlowLogSink } from '../io/flow-log-sink.js';
import type { VpcLspServices } from './vpc-lsp-module.js';

/** The simulated start time a request names, or the default; an unreadable one is an error the client shows. */
export function startOf(startTime: string | undefined): number {
    const parsed = parseStartTime(startTime);
    if ('error' in parsed) throw new Error(`the simulated start time ${parsed.error}`);
    return parsed.ms;
}


export function servePreview(connection: Connection, shared: LangiumSharedServices, services: VpcLspServices): void {
    const builder = shared.workspace.DocumentBuilder;
    const documents = shared.workspace.LangiumDocuments;
    let version = 0;
    builder.onBuildPhase(DocumentState.Validated, () => {
        void connection.sendNotification(ModelChangedNotification, { version: ++version } satisfies ModelChangedParams);
    });

    // One answer per build and start time: the panel and the status bar ask after the same build.
    let cached: { snapshot: object; start: number; data: PreviewData } | undefined;
    const answer = async (params: PreviewParams | undefined, token: CancellationToken): Promise<PreviewData> => {
        const start = startOf(params?.startTime);
        await builder.waitUntil(DocumentState.Validated, token);
        const snapshot = services.workspace.WorkspaceModel.get();
        if (cached?.snapshot === snapshot && cached.start === start) return cached.data;
        const data = previewData(snapshot.topology, snapshot.compiled(), { startMs: start, problems: problemsOf(documents.all.toArray()) });
        cached = { snapshot, start, data };
        return data;
    };
    connection.onRequest(PreviewRequest, (params: PreviewParams | undefined, token) => answer(params, token));
    connection.onRequest(ProbesRequest, async (params: ProbesParams | undefined, token): Promise<ProbesResult> => (await answer(params, token)).probes);

    connection.onRequest(ExportFlowLogsRequest, async (params: ExportFlowLogsParams, token): Promise<ExportFlowLogsResult> => {
        try {
            const start = startOf(params.startTime);
            await builder.waitUntil(DocumentState.Validated, token);
            const { topology, compiled } = services.workspace.WorkspaceModel.get();
            if (topology.flowLogs.length === 0) return { records: 0, files: [], error: 'the workspace declares no flow log' };
            const missing = topology.flowLogs.filter(f => !f.destination);
            if (missing.length > 0) return { records: 0, files: [], error: `flow log ${missing.map(f => f.name).join(', ')} has no destination` };
            const sink = new FlowLogSink(params.folder, new Map(topology.vpcs.map(v => [v.id, v])));
            let records = 0;
            simulateWithFlowLogs(topology, start, record => { records++; sink.add(record); }, compiled());
            const files = await sink.close();
            // Records of a flow log whose destination AWS would refuse are not delivered, so not counted as written.
            for (const count of sink.undelivered.values()) records -= count;
            return { records, files: files.map(f => ({ flowLog: f.flowLog.name, path: resolve(params.folder, f.path), records: f.records })) };
        } catch (error) {
            return { records: 0, files: [], error: error instanceof Error ? error.message : String(error) };
        }
    });
}

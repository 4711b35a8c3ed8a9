/**
 * The preview's requests, answered from the documents the server has already built: the page
 * never parses, and the extension asks again when `vpc/modelChanged` says a build finished.
 */
import { resolve } from 'node:path';
import { DocumentState } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection, type Disposable } from 'vscode-languageserver';
import type { PreviewData, PreviewProblems } from '../model/preview-data.js';
import {
    ExportFlowLogsRequest,
    ModelChangedNotification,
    PreviewRequest,
    ProbesRequest,
    type ExportFlowLogsResult,
    type PreviewParams
} from '../protocol.js';
import { parseStartTime } from '../simulator/clock.js';
import { problemsOf } from '../language/problems.js';
import type { WorkspaceSnapshot } from '../language/workspace-model.js';
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

/**
 * Runs `read` once every build queued so far has finished, the first build of the workspace
 * folders included: a request sent before anything is opened or edited is answered from the
 * files on disk instead of waiting for an edit. A cancelled request is answered as cancelled.
 */
export function whenBuilt<T>(shared: LangiumSharedServices, token: CancellationToken, read: () => T): Promise<T> {
    const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'The request has been cancelled.');
    if (token.isCancellationRequested) return Promise.reject(cancelled());
    let listener: Disposable | undefined;
    const onCancel = new Promise<never>((_, reject) => {
        listener = token.onCancellationRequested(() => reject(cancelled()));
    });
    const built = shared.workspace.WorkspaceManager.ready.then(() =>
        shared.workspace.WorkspaceLock.read(() => {
            if (token.isCancellationRequested) throw cancelled();
            return read();
        })
    );
    // Whichever loses the race settles unobserved.
    onCancel.catch(() => undefined);
    built.catch(() => undefined);
    return Promise.race([built, onCancel]).finally(() => listener?.dispose());
}

export function servePreview(connection: Connection, shared: LangiumSharedServices, services: VpcLspServices): void {
    const builder = shared.workspace.DocumentBuilder;
    let version = 0;
    builder.onBuildPhase(DocumentState.Validated, () => {
        void connection.sendNotification(ModelChangedNotification, { version: ++version });
    });

    // One answer per design, build and start time: the panel and the status bar ask after the same build.
    const cached = new WeakMap<object, { start: number; data: PreviewData }>();
    const dataOf = (snapshot: WorkspaceSnapshot, problems: PreviewProblems, start: number): PreviewData => {
        const kept = cached.get(snapshot);
        if (kept?.start === start) return kept.data;
        const data = previewData(snapshot.topology, snapshot.compiled(), { startMs: start, problems });
        cached.set(snapshot, { start, data });
        return data;
    };
    const model = services.workspace.WorkspaceModel;
    const answer = async (params: PreviewParams | undefined, token: CancellationToken): Promise<PreviewData> => {
        const start = startOf(params?.startTime);
        const { snapshot, problems } = await whenBuilt(shared, token, () => ({
            snapshot: model.get(params?.uri),
            problems: problemsOf(model.documentsOf(params?.uri))
        }));
        return dataOf(snapshot, problems, start);
    };
    connection.onRequest(PreviewRequest, (params, token) => answer(params, token));
    connection.onRequest(ProbesRequest, async (params, token) => {
        if (params?.uri !== undefined) return (await answer(params, token)).probes;
        const start = startOf(params?.startTime);
        const designs = await whenBuilt(shared, token, () =>
            model.all().map(({ documents, snapshot }) => ({ snapshot, problems: problemsOf(documents) }))
        );
        return designs.flatMap(({ snapshot, problems }) => dataOf(snapshot, problems, start).probes);
    });

    connection.onRequest(ExportFlowLogsRequest, async (params, token): Promise<ExportFlowLogsResult> => {
        try {
            const start = startOf(params.startTime);
            const { topology, compiled } = await whenBuilt(shared, token, () => services.workspace.WorkspaceModel.get());
            if (topology.flowLogs.length === 0) return { records: 0, files: [], error: 'the workspace declares no flow log' };
            const missing = topology.flowLogs.filter(f => !f.destination);
            if (missing.length > 0)
                return { records: 0, files: [], error: `flow log ${missing.map(f => f.name).join(', ')} has no destination` };
            const sink = new FlowLogSink(params.folder, new Map(topology.vpcs.map(v => [v.id, v])));
            let records = 0;
            simulateWithFlowLogs(
                topology,
                start,
                record => {
                    records++;
                    sink.add(record);
                },
                compiled()
            );
            const files = await sink.close();
            // Records of a flow log whose destination AWS would refuse are not delivered, so not counted as written.
            for (const count of sink.undelivered.values()) records -= count;
            return {
                records,
                files: files.map(f => ({ flowLog: f.flowLog.name, path: resolve(params.folder, f.path), records: f.records }))
            };
        } catch (error) {
            if (error instanceof ResponseError) throw error;
            return { records: 0, files: [], error: error instanceof Error ? error.message : String(error) };
        }
    });
}

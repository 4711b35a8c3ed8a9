/** The preview's custom requests over a real stdio connection: `vpc/preview`, `vpc/modelChanged`, `vpc/exportFlowLogs`. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportFlowLogsRequest, ModelChangedNotification, PreviewRequest, ProbesRequest } from '../../src/protocol.js';
import { root } from '../cli/run.js';
import { LspClient } from './client.js';

const TOUR = readFileSync(join(root, 'examples/tour.vpc'), 'utf8');
let client: LspClient;
let dir: string;
let uri: string;
const changes: number[] = [];
let onChange: (() => void) | undefined;

beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vpc-lab-preview-'));
    client = new LspClient();
    client.connection.onNotification(ModelChangedNotification, params => {
        changes.push(params.version);
        onChange?.();
    });
    await client.initialize(pathToFileURL(dir).href);
    uri = pathToFileURL(join(dir, 'tour.vpc')).href;
    await client.open(uri, TOUR);
    await client.diagnosticsFor(uri);
});

afterAll(async () => {
    await client.close();
    rmSync(dir, { recursive: true, force: true });
});

describe('the preview requests', () => {
    it('vpc/preview answers every probe with its hops, the matrix and the flow-log records', async () => {
        const data = await client.connection.sendRequest(PreviewRequest, {});
        expect(data.topology.vpcs.map(v => v.name)).toEqual(['app', 'data', 'analytics', 'eu']);
        expect(data.probes).toHaveLength(17);
        const s3Delete = data.probes.find(p => p.name === 's3-delete')!;
        expect([s3Delete.verdict, s3Delete.reason, s3Delete.met]).toEqual(['REJECT', 'ENDPOINT_POLICY', true]);
        expect(s3Delete.loc?.uri).toBe(uri);
        // Every hop the diagram places has a place: route tables and ACLs at a subnet, groups at an ENI.
        for (const hop of data.probes.flatMap(p => p.hops)) {
            if (hop.kind === 'route-table' || hop.kind === 'network-acl') expect(hop.at, hop.detail).toMatch(/^subnet:/);
            if (hop.kind === 'security-group') expect(hop.at, hop.detail).toMatch(/^(instance|nat-gateway|interface-endpoint):/);
        }
        expect(data.matrix?.instances).toHaveLength(5);
        expect(data.records.length).toBeGreaterThan(0);
        expect(data.flowLogs.map(f => [f.name, f.destination])).toEqual([['vpc-all', 's3://app-flow-logs']]);
        expect(data.problems).toEqual({ errors: 0, warnings: 0, syntaxErrors: 0 });
        expect(data.startTime).toBe('2026-01-01T00:00:00.000Z');
    });

    it('vpc/probes answers the same results without the topology', async () => {
        const [data, probes] = await Promise.all([
            client.connection.sendRequest(PreviewRequest, {}),
            client.connection.sendRequest(ProbesRequest, {})
        ]);
        expect(probes).toEqual(data.probes);
        expect(JSON.stringify(probes).length).toBeLessThan(JSON.stringify(data).length / 2);
    });

    it('an edit is followed by vpc/modelChanged, and the next answer has the edit', async () => {
        const before = changes.length;
        const changed = new Promise<void>(resolve => {
            onChange = resolve;
        });
        await client.change(
            uri,
            2,
            TOUR.replace('probe web-in: internet -> web-1 tcp 443 expect accept', 'probe web-in: internet -> web-1 tcp 22 expect accept')
        );
        await client.diagnosticsFor(uri, d => d.some(x => x.code === 'probe-expectation'));
        await changed;
        expect(changes.length).toBeGreaterThan(before);
        expect(changes[changes.length - 1]).toBeGreaterThan(changes[before - 1] ?? 0);
        const data = await client.connection.sendRequest(PreviewRequest, {});
        const webIn = data.probes.find(p => p.name === 'web-in')!;
        expect([webIn.verdict, webIn.reason, webIn.met]).toEqual(['REJECT', 'SG_INGRESS', false]);
        expect(data.problems.errors).toBe(1);
    });

    it('reports syntax errors with the first one, so the page can keep the last good diagram', async () => {
        await client.change(uri, 3, `${TOUR}\nvpc broken {\n  subnet {\n`);
        await client.diagnosticsFor(uri, d => d.some(x => x.code === 'parsing-error' || String(x.message).includes('Expected')));
        const data = await client.connection.sendRequest(PreviewRequest, {});
        expect(data.problems.syntaxErrors).toBeGreaterThan(0);
        expect(data.problems.firstSyntaxError?.loc.uri).toBe(uri);
        expect(data.problems.firstSyntaxError!.loc.range.start.line).toBeGreaterThanOrEqual(TOUR.split('\n').length - 1);
        await client.change(uri, 4, TOUR);
        await client.diagnosticsFor(uri, d => d.length === 0);
    });

    it('a start time moves the flow-log clock; an unreadable one is an error answer, not a crash', async () => {
        const data = await client.connection.sendRequest(PreviewRequest, { startTime: '2026-03-01T12:00:00Z' });
        expect(data.startTime).toBe('2026-03-01T12:00:00.000Z');
        expect(data.records[0]!.record).toContain(String(Date.UTC(2026, 2, 1, 12) / 1000));
        await expect(client.connection.sendRequest(PreviewRequest, { startTime: 'yesterday' })).rejects.toThrow(/ISO-8601/);
        expect(client.alive()).toBe(true);
    });

    it('vpc/exportFlowLogs writes the records as AWS lays them out, and refuses a file in the way', async () => {
        const target = join(dir, 'export');
        const result = await client.connection.sendRequest(ExportFlowLogsRequest, { folder: target });
        expect(result.error).toBeUndefined();
        expect(result.records).toBeGreaterThan(0);
        for (const file of result.files) {
            expect(isAbsolute(file.path)).toBe(true);
            expect(existsSync(file.path)).toBe(true);
            expect(file.path).toMatch(/app-flow-logs\/AWSLogs\/111111111111\/vpcflowlogs\/us-east-1\/2026\/01\/01\//);
        }
        const again = await client.connection.sendRequest(ExportFlowLogsRequest, { folder: target });
        expect(again.error).toMatch(/already exists/);
    });
});

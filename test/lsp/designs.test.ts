/**
 * A file opened from outside the workspace folders — a teaching example opened from the
 * extension, a file opened with no folder open — is a design of its own: its names resolve within
 * it, its probes run on its own model, and the workspace's diagnostics, preview and probes are
 * those of the folders alone. The walkthrough's fix step rests on this: the example's `app-1` and
 * `db-1` are also names of the tour.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver/node';
import { ExportRequest, PreviewRequest, ProbesRequest } from '../../src/protocol.js';
import { root } from '../cli/run.js';
import { LspClient } from './client.js';

const example = (name: string) => readFileSync(join(root, 'examples', name), 'utf8');
const codes = (diagnostics: Diagnostic[]) => diagnostics.map(d => String(d.code)).sort();
const errorCodes = (diagnostics: Diagnostic[]) => codes(diagnostics.filter(d => d.severity === 1));

let dir: string;
let outside: string;
let client: LspClient;

beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vpc-lab-designs-'));
    outside = mkdtempSync(join(tmpdir(), 'vpc-lab-elsewhere-'));
    writeFileSync(join(dir, 'tour.vpc'), example('tour.vpc'));
    for (const name of ['fix-a-probe.vpc', 'ipv6-egress.vpc', 'flow-logs.vpc']) writeFileSync(join(outside, name), example(name));
    client = new LspClient();
});

afterEach(async () => {
    await client.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
});

describe('a file outside the workspace folders', () => {
    it("is checked on its own: the tour's names do not make its probe ambiguous, and its own failing probe is reported", async () => {
        await client.initialize(pathToFileURL(dir).href);
        const tour = pathToFileURL(join(dir, 'tour.vpc')).href;
        const fix = pathToFileURL(join(outside, 'fix-a-probe.vpc')).href;
        await client.open(tour, example('tour.vpc'));
        await client.open(fix, example('fix-a-probe.vpc'));
        // As shipped, the example's one probe fails (db-sg admits nothing on 5432), and nothing else is wrong.
        expect(errorCodes(await client.diagnosticsFor(fix, d => d.length > 0))).toEqual(['probe-expectation']);
        expect(errorCodes(await client.diagnosticsFor(tour))).toEqual([]);

        // Its probes, asked with its URI: only its own. Without a URI: every design's.
        const own = await client.connection.sendRequest(ProbesRequest, { uri: fix });
        expect(own.map(p => [p.name, p.verdict, p.reason, p.met])).toEqual([['query', 'REJECT', 'SG_INGRESS', false]]);
        const every = await client.connection.sendRequest(ProbesRequest, {});
        expect(every.filter(p => p.loc?.uri === fix).map(p => p.name)).toEqual(['query']);
        expect(every.filter(p => p.loc?.uri === tour).length).toBe(17);

        // The preview of it draws its VPC alone; the workspace's preview does not draw it.
        const preview = await client.connection.sendRequest(PreviewRequest, { uri: fix });
        expect(preview.topology.vpcs.map(v => v.name)).toEqual(['shop']);
        const workspace = await client.connection.sendRequest(PreviewRequest, {});
        expect(workspace.topology.vpcs.map(v => v.name)).not.toContain('shop');
        expect(workspace.topology.vpcs.length).toBeGreaterThan(1);

        // The reader's fix makes the probe pass.
        await client.change(
            fix,
            2,
            example('fix-a-probe.vpc').replace('security-group db-sg  {', 'security-group db-sg  { ingress tcp 5432 from sg app-sg')
        );
        expect(errorCodes(await client.diagnosticsFor(fix))).toEqual([]);
        const fixed = await client.connection.sendRequest(ProbesRequest, { uri: fix });
        expect(fixed.map(p => [p.verdict, p.met])).toEqual([['ACCEPT', true]]);
    });

    it('with no folder open, each file opened is a design of its own: two examples with the same VPC names do not clash', async () => {
        await client.initialize(null);
        const flowLogs = pathToFileURL(join(outside, 'flow-logs.vpc')).href;
        const egress = pathToFileURL(join(outside, 'ipv6-egress.vpc')).href;
        await client.open(flowLogs, example('flow-logs.vpc'));
        await client.open(egress, example('ipv6-egress.vpc'));
        // Each example read alone: flow-logs.vpc is clean, ipv6-egress.vpc has its one deliberate mistake.
        expect(errorCodes(await client.diagnosticsFor(egress, d => d.length > 0))).toEqual(['route-target-family']);
        expect(errorCodes(await client.diagnosticsFor(flowLogs))).toEqual([]);
        const probes = await client.connection.sendRequest(ProbesRequest, {});
        expect(probes.filter(p => p.met === false)).toEqual([]);
        expect(new Set(probes.map(p => p.loc?.uri))).toEqual(new Set([flowLogs, egress]));
    });

    it('with no folder open, exporting the one file open exports its own design', async () => {
        await client.initialize(null);
        const fix = pathToFileURL(join(outside, 'fix-a-probe.vpc')).href;
        await client.open(fix, example('fix-a-probe.vpc'));
        await client.diagnosticsFor(fix, d => d.length > 0);
        const target = join(outside, 'terraform');
        const result = await client.connection.sendRequest(ExportRequest, { format: 'terraform', uris: [fix], folder: target });
        expect(result.error).toBeUndefined();
        expect(result.written.length).toBeGreaterThan(0);
        const text = result.written.map(f => readFileSync(f, 'utf8')).join('\n');
        expect(text).toContain('10.30.0.0/16');
        expect(text).toContain('10.30.2.0/24');
    });

    it('files under the workspace folders still make one design: a probe in one names an instance of another', async () => {
        await client.initialize(pathToFileURL(dir).href);
        const probes = pathToFileURL(join(dir, 'probes.vpc')).href;
        await client.open(pathToFileURL(join(dir, 'tour.vpc')).href, example('tour.vpc'));
        await client.open(probes, 'probe across-files: app.web-1 -> internet 8.8.8.8 tcp 443 expect accept\n');
        expect(await client.diagnosticsFor(probes)).toEqual([]);
        const answer = await client.connection.sendRequest(ProbesRequest, { uri: probes });
        expect(answer.find(p => p.name === 'across-files')?.verdict).toBe('ACCEPT');
    });
});

describe('when the person adds or removes workspace folders', () => {
    it('an added folder joins the workspace design, a removed one leaves it, and a file still open stays a design of its own', async () => {
        const second = mkdtempSync(join(tmpdir(), 'vpc-lab-second-'));
        try {
            const probesText = 'probe across-files: app.web-1 -> internet 8.8.8.8 tcp 443 expect accept\n';
            writeFileSync(join(second, 'probes.vpc'), probesText);
            const init = await client.initialize(pathToFileURL(dir).href, { workspace: { workspaceFolders: true } });
            expect(init.capabilities.workspace?.workspaceFolders).toEqual({ supported: true, changeNotifications: true });
            const probes = pathToFileURL(join(second, 'probes.vpc')).href;
            const tour = pathToFileURL(join(dir, 'tour.vpc')).href;
            await client.open(probes, probesText);
            // Outside the folders, the probe names an instance it cannot see.
            const alone = await client.diagnosticsFor(probes, d => d.some(x => x.severity === 1));
            expect(alone.map(d => d.message).join('\n')).toContain('app.web-1');

            // Its folder added: it is read with the tour, and the probe is found and met.
            await client.changeFolders([pathToFileURL(second).href], []);
            expect(await client.diagnosticsFor(probes, d => d.length === 0)).toEqual([]);
            const joined = await client.connection.sendRequest(ProbesRequest, {});
            expect(joined.find(p => p.name === 'across-files')).toMatchObject({ verdict: 'ACCEPT', met: true });
            expect(joined.filter(p => p.loc?.uri === tour).length).toBe(17);

            // The tour's folder removed (the tour is not open): its probes and names are gone.
            await client.changeFolders([], [pathToFileURL(dir).href]);
            const gone = await client.diagnosticsFor(probes, d => d.some(x => x.severity === 1));
            expect(gone.map(d => d.message).join('\n')).toContain('app.web-1');
            const left = await client.connection.sendRequest(ProbesRequest, {});
            expect(left.filter(p => p.loc?.uri === tour)).toEqual([]);

            // The probes' folder removed while the file is open: it stays, checked on its own.
            await client.changeFolders([pathToFileURL(dir).href], [pathToFileURL(second).href]);
            const own = await client.connection.sendRequest(ProbesRequest, { uri: probes });
            expect(own.map(p => p.name)).toEqual(['across-files']);
            expect((await client.diagnosticsFor(probes, d => d.some(x => x.severity === 1))).length).toBeGreaterThan(0);
            const workspace = await client.connection.sendRequest(ProbesRequest, {});
            expect(workspace.filter(p => p.loc?.uri === tour).length).toBe(17);
        } finally {
            rmSync(second, { recursive: true, force: true });
        }
    });
});

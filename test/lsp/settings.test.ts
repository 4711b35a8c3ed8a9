/** Severities in the server: `vpc-lab.json` at the root, then the client's `vpc.severity` setting over it. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DiagnosticSeverity, DidChangeConfigurationNotification } from 'vscode-languageserver';
import { LspClient } from './client.js';

const OVERLAP = `vpc app { cidr 10.0.0.0/16 }
vpc data { cidr 10.0.128.0/17 }
peering app-data requester app accepter data
`;

let client: LspClient | undefined;

afterAll(async () => {
    await client?.close();
});

describe('severity settings in the language server', () => {
    it('reads vpc-lab.json, and lets the client setting override it', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'vpc-lab-settings-'));
        writeFileSync(join(dir, 'vpc-lab.json'), JSON.stringify({ severity: { 'peering-cidr-overlap': 'warning' } }));
        const uri = pathToFileURL(join(dir, 'net.vpc')).href;
        writeFileSync(join(dir, 'net.vpc'), OVERLAP);
        client = new LspClient();
        await client.initialize(pathToFileURL(dir).href);
        await client.open(uri, OVERLAP);
        const fromFile = await client.diagnosticsFor(uri, d => d.length > 0 && d[0]!.severity === DiagnosticSeverity.Warning);
        expect(fromFile.map(d => [d.code, d.severity])).toEqual([['peering-cidr-overlap', DiagnosticSeverity.Warning]]);

        const off = client.diagnosticsFor(uri, d => d.length === 0);
        await client.connection.sendNotification(DidChangeConfigurationNotification.type, {
            settings: { vpc: { severity: { 'peering-cidr-overlap': 'off' } } }
        });
        expect(await off).toEqual([]);

        const back = client.diagnosticsFor(uri, d => d.length > 0 && d[0]!.severity === DiagnosticSeverity.Warning);
        await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { vpc: { severity: {} } } });
        expect((await back).map(d => d.code)).toEqual(['peering-cidr-overlap']);
    });
});

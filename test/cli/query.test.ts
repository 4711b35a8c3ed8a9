import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { vpcLab } from './run.js';

let out: string;
let probes: Array<{ name: string; verdict: string; reason: string | null; port: number | null; protocol: string }>;

beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'vpc-lab-q-'));
    const run = vpcLab(['simulate', 'examples/flow-logs.vpc', '--flow-logs', out, '--format', 'json']);
    expect(run.code).toBe(0);
    probes = JSON.parse(run.stdout).probes;
});

function query(sql: string, format = 'json'): { code: number; rows: Array<Record<string, unknown>>; stdout: string; stderr: string } {
    const run = vpcLab(['query', out, sql, '--format', format]);
    return { ...run, rows: format === 'json' && run.code === 0 ? JSON.parse(run.stdout) : [] };
}

describe('vpc-lab query', () => {
    it('exposes the Athena columns, the partition columns and the flow log id', () => {
        const { rows } = query('SELECT * FROM vpc_flow_logs WHERE bytes IS NOT NULL LIMIT 1');
        expect(Object.keys(rows[0]!)).toEqual(
            expect.arrayContaining([
                'version',
                'account_id',
                'interface_id',
                'srcaddr',
                'dstaddr',
                'srcport',
                'dstport',
                'protocol',
                'packets',
                'bytes',
                'start',
                'end',
                'action',
                'log_status',
                'accid',
                'region',
                'day',
                'flow_log_id'
            ])
        );
        expect(typeof rows[0]!.bytes).toBe('number');
    });

    it('counts REJECT records for port 22 as the simulator rejected SSH probes (the whole-VPC log)', () => {
        const rejectedSsh = probes.filter(p => p.verdict === 'REJECT' && p.port === 22 && p.protocol === 'tcp').length;
        expect(rejectedSsh).toBe(1);
        // version 2 is the default-format (whole-VPC) log; the NAT log uses a custom format (version 5).
        const { rows } = query(
            "SELECT count(*) AS n FROM vpc_flow_logs WHERE action = 'REJECT' AND dstport = 22 AND protocol = 6 AND version = 2"
        );
        expect(rows[0]!.n).toBe(rejectedSsh);
    });

    it('runs the Athena samples: top talkers, rejected SSH, traffic by ENI', () => {
        const talkers = query(
            'SELECT srcaddr, SUM(bytes) AS total_bytes FROM vpc_flow_logs GROUP BY srcaddr ORDER BY total_bytes DESC LIMIT 10'
        );
        expect(talkers.code).toBe(0);
        expect(talkers.rows.length).toBeGreaterThan(2);
        expect(talkers.rows.every((r, i, all) => i === 0 || (all[i - 1]!.total_bytes as number) >= (r.total_bytes as number))).toBe(true);
        const ssh = query(
            "SELECT day, interface_id, srcaddr, action, protocol FROM vpc_flow_logs WHERE action = 'REJECT' AND protocol = 6 AND dstport = 22 LIMIT 100"
        );
        expect(ssh.rows.map(r => r.srcaddr)).toContain('10.10.0.10');
        expect(ssh.rows.every(r => r.day === '2026/01/01')).toBe(true);
        const byEni = query(
            'SELECT interface_id, COUNT(*) AS records, SUM(packets) AS packets FROM vpc_flow_logs GROUP BY interface_id ORDER BY records DESC'
        );
        expect(byEni.rows.length).toBe(3);
    });

    it('prints an aligned table by default, and CSV on request', () => {
        const text = vpcLab(['query', out, 'SELECT action, count(*) AS n FROM vpc_flow_logs GROUP BY action ORDER BY action']);
        expect(text.stdout.split('\n').slice(0, 2)).toEqual(['action   n', '------  --']);
        expect(text.stdout).toContain('(2 rows)');
        const csv = vpcLab([
            'query',
            out,
            'SELECT action, count(*) AS n FROM vpc_flow_logs GROUP BY action ORDER BY action',
            '--format',
            'csv'
        ]);
        expect(csv.stdout.split('\n')[0]).toBe('action,n');
    });

    it('a SQL error is one line and exit 1; a folder without logs is exit 2', () => {
        const bad = vpcLab(['query', out, 'SELEC nothing']);
        expect(bad.code).toBe(1);
        expect(bad.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^vpc-lab: SQL error: Parser Error/)]);
        const empty = mkdtempSync(join(tmpdir(), 'vpc-lab-q-'));
        writeFileSync(join(empty, 'notes.txt'), 'nothing');
        const none = vpcLab(['query', empty, 'SELECT 1']);
        expect(none.code).toBe(2);
        expect(none.stderr).toContain('no flow-log files under');
    });
});

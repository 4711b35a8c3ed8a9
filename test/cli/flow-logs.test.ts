import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { vpcLab } from './run.js';

function files(dir: string): string[] {
    return readdirSync(dir).flatMap(name => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? files(path) : [path];
    });
}

describe('vpc-lab simulate --flow-logs', () => {
    it('writes S3 objects under AWSLogs/ (gzip, header line) and CloudWatch streams per ENI', () => {
        const out = mkdtempSync(join(tmpdir(), 'vpc-lab-fl-'));
        const run = vpcLab(['simulate', 'examples/flow-logs.vpc', '--flow-logs', out, '--start', '2026-03-09T16:17:00Z']);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        const written = files(out)
            .map(f => relative(out, f))
            .sort();
        const s3 = written.filter(f => f.endsWith('.log.gz'));
        expect(s3).toHaveLength(2);
        for (const key of s3) {
            expect(key).toMatch(
                /^shop-flow-logs\/(vpc|nat)\/AWSLogs\/123456789012\/vpcflowlogs\/us-east-1\/2026\/03\/09\/123456789012_vpcflowlogs_us-east-1_fl-[0-9a-f]{17}_20260309T1620Z_[0-9a-f]{8}\.log\.gz$/
            );
            const bytes = readFileSync(join(out, key));
            expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
        }
        const vpcLog = gunzipSync(
            readFileSync(
                join(
                    out,
                    s3.find(k => k.includes('/vpc/'))!
                )
            )
        )
            .toString('utf8')
            .trimEnd()
            .split('\n');
        expect(vpcLog[0]).toBe(
            'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status'
        );
        expect(
            vpcLog
                .slice(1)
                .every(line => /^2 123456789012 eni-[0-9a-f]{17} \S+ \S+ \d+ \d+ (6|17|1) \d+ \d+ \d+ \d+ (ACCEPT|REJECT) OK$/.test(line))
        ).toBe(true);
        const natLog = gunzipSync(
            readFileSync(
                join(
                    out,
                    s3.find(k => k.includes('/nat/'))!
                )
            )
        )
            .toString('utf8')
            .trimEnd()
            .split('\n');
        expect(natLog).toHaveLength(5);
        const cloudwatch = written.filter(f => f.startsWith('cloudwatch/'));
        expect(cloudwatch).toEqual([expect.stringMatching(/^cloudwatch\/shop\/private-rejects\/eni-[0-9a-f]{17}-all\.json$/)]);
        const events = JSON.parse(readFileSync(join(out, cloudwatch[0]!), 'utf8')).events;
        expect(events.map((e: { message: string }) => e.message.split(' ').slice(-2).join(' '))).toEqual(['REJECT OK']);
        expect(run.stdout).toMatch(/AWS would deliver this batch at about 2026-03-09 16:30 UTC/);
    });

    it('never touches what is already in the folder', () => {
        const out = mkdtempSync(join(tmpdir(), 'vpc-lab-fl-'));
        expect(vpcLab(['simulate', 'examples/flow-logs.vpc', '--flow-logs', out]).code).toBe(0);
        const before = files(out).map(f => [f, readFileSync(f).toString('base64')]);
        const again = vpcLab(['simulate', 'examples/flow-logs.vpc', '--flow-logs', out]);
        expect(again.code).toBe(2);
        expect(again.stderr).toMatch(/already exists: vpc-lab never overwrites flow-log files/);
        expect(files(out).map(f => [f, readFileSync(f).toString('base64')])).toEqual(before);
    });

    it('reports an unwritable folder and a flow log without destination in one line, exit 2, no partial file', () => {
        const locked = mkdtempSync(join(tmpdir(), 'vpc-lab-fl-'));
        mkdirSync(join(locked, 'ro'));
        chmodSync(join(locked, 'ro'), 0o500);
        const denied = vpcLab(['simulate', 'examples/flow-logs.vpc', '--flow-logs', join(locked, 'ro', 'sub')]);
        if (process.getuid?.() === 0) {
            // root writes anyway; use a path through a file instead
            writeFileSync(join(locked, 'file'), 'x');
            const blocked = vpcLab(['simulate', 'examples/flow-logs.vpc', '--flow-logs', join(locked, 'file', 'sub')]);
            expect(blocked.code).toBe(2);
            expect(blocked.stderr).toMatch(/^vpc-lab: cannot write flow logs to '.*': /);
            expect(blocked.stderr.trim().split('\n')).toHaveLength(1);
        } else {
            expect(denied.code).toBe(2);
            expect(denied.stderr).toMatch(/permission denied/);
        }
        expect(files(locked).filter(f => f.includes('.tmp'))).toEqual([]);
        const dir = mkdtempSync(join(tmpdir(), 'vpc-lab-fl-'));
        writeFileSync(join(dir, 'nodest.vpc'), 'vpc a { cidr 10.0.0.0/16  flow-log f { capture vpc } }\n');
        const missing = vpcLab(['simulate', join(dir, 'nodest.vpc'), '--flow-logs', join(dir, 'out')]);
        expect(missing.code).toBe(2);
        expect(missing.stderr).toContain('flow log f has no destination');
        expect(existsSync(join(dir, 'out'))).toBe(false);
    });

    it('puts the records in the JSON, and refuses a bad --start', () => {
        const json = JSON.parse(vpcLab(['simulate', 'examples/flow-logs.vpc', '--format', 'json']).stdout);
        expect(json.flowLogs.length).toBe(19);
        expect(Object.keys(json.flowLogs[0])).toEqual(['flowLog', 'destination', 'record']);
        expect(json.flowLogs.map((f: { destination: string }) => f.destination)).toContain('cloudwatch:/shop/private-rejects');
        const bad = vpcLab(['simulate', 'examples/flow-logs.vpc', '--start', 'yesterday-ish']);
        expect(bad.code).toBe(2);
        expect(bad.stderr).toContain('is not an ISO-8601 instant');
    });
});

describe('vpc-lab athena', () => {
    it('prints one table per S3 flow log, or the one named', () => {
        const all = vpcLab(['athena', 'examples/flow-logs.vpc']);
        expect(all.code).toBe(0);
        expect(all.stdout.match(/CREATE EXTERNAL TABLE IF NOT EXISTS/g)).toHaveLength(2);
        const one = vpcLab(['athena', 'examples/flow-logs.vpc', '--flow-log', 'nat-legs']);
        expect(one.stdout).toContain('CREATE EXTERNAL TABLE IF NOT EXISTS vpc_flow_logs_nat_legs (');
        expect(one.stdout).toContain('  pkt_srcaddr string,');
        expect(one.stdout).toContain("LOCATION 's3://shop-flow-logs/nat/AWSLogs/'");
        const cw = vpcLab(['athena', 'examples/flow-logs.vpc', '--flow-log', 'private-rejects']);
        expect(cw.code).toBe(2);
        expect(cw.stderr).toContain('is not delivered to S3');
    });
});

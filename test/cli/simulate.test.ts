import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REJECT_REASONS } from '../../src/model/reasons.js';
import { vpcLab } from './run.js';

describe('vpc-lab simulate', () => {
    it('carries every probe of the tour as it expects, and exits 0', () => {
        const run = vpcLab(['simulate', 'examples/tour.vpc']);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        const last = run.stdout.trimEnd().split('\n').pop();
        expect(last).toMatch(/^17 probes: \d+ accepted, \d+ rejected, 0 expectations failed$/);
        expect(run.stdout).toContain('✗ probe private-in: internet -> app-1 tcp 8080  REJECT NO_PUBLIC_IP  expected reject: met');
        expect(run.stdout).toMatch(/peering +app-eu +app +ACCEPT +app-eu carries it to eu .*stays on the AWS global network, encrypted/);
    });

    it('writes JSON of the documented shape, probes in document order, with every blocker', () => {
        const run = vpcLab(['simulate', 'examples/tour.vpc', '--format', 'json']);
        const json = JSON.parse(run.stdout);
        expect(Object.keys(json)).toEqual(['probes', 'flowLogs']);
        expect(json.probes).toHaveLength(17);
        for (const probe of json.probes) {
            expect(Object.keys(probe)).toEqual([
                'name',
                'from',
                'to',
                'protocol',
                'port',
                'verdict',
                'reason',
                'expected',
                'hops',
                'blockers'
            ]);
            expect(['ACCEPT', 'REJECT']).toContain(probe.verdict);
            expect(probe.reason === null || REJECT_REASONS.includes(probe.reason)).toBe(true);
            for (const hop of probe.hops) expect(Object.keys(hop).slice(0, 5)).toEqual(['kind', 'name', 'vpc', 'action', 'detail']);
        }
        expect(json.probes[0]).toMatchObject({
            from: 'internet',
            to: 'web-1',
            protocol: 'tcp',
            port: 443,
            verdict: 'ACCEPT',
            reason: null,
            expected: 'accept'
        });
        const bucket = json.probes.find((p: { reason: string }) => p.reason === 'BUCKET_POLICY');
        expect(bucket.blockers[0]).toMatchObject({ reason: 'BUCKET_POLICY' });
        expect(bucket.hops[bucket.blockers[0].hop].kind).toBe('bucket');
    });

    it('runs one probe by name or by line', () => {
        const dir = mkdtempSync(join(tmpdir(), 'vpc-lab-sim-'));
        const file = join(dir, 'two.vpc');
        writeFileSync(
            file,
            `vpc a { cidr 10.0.0.0/16  subnet s { cidr 10.0.1.0/24 }  instance x subnet s { ip 10.0.1.10 }  instance y subnet s { ip 10.0.1.11 } }
probe first: x -> y tcp 22
probe second: y -> x tcp 22 expect reject
`
        );
        const byName = JSON.parse(vpcLab(['simulate', file, '--probe', 'second', '--format', 'json']).stdout);
        expect(byName.probes.map((p: { name: string }) => p.name)).toEqual(['second']);
        const byLine = JSON.parse(vpcLab(['simulate', file, '--probe', '2', '--format', 'json']).stdout);
        expect(byLine.probes.map((p: { name: string }) => p.name)).toEqual(['first']);
        const missing = vpcLab(['simulate', file, '--probe', 'third']);
        expect(missing.code).toBe(2);
        expect(missing.stderr).toContain("no probe named or on line 'third'");
    });

    it('exits 1 when an expectation fails, and says which', () => {
        const dir = mkdtempSync(join(tmpdir(), 'vpc-lab-sim-'));
        const file = join(dir, 'fail.vpc');
        writeFileSync(
            file,
            `vpc a { cidr 10.0.0.0/16  subnet s { cidr 10.0.1.0/24 }  instance x subnet s { ip 10.0.1.10 } }
probe x -> internet 8.8.8.8 tcp 443 expect accept
`
        );
        const run = vpcLab(['simulate', file]);
        expect(run.code).toBe(1);
        expect(run.stdout).toContain('✗ probe x -> internet 8.8.8.8 tcp 443  REJECT NO_ROUTE  expected accept: NOT MET');
        expect(run.stdout.trimEnd().split('\n').pop()).toBe('1 probe: 0 accepted, 1 rejected, 1 expectation failed');
    });
});

describe('vpc-lab simulate on bad input', () => {
    it('answers probes that name nothing, loops and topologies without route tables, without crashing', () => {
        const dir = mkdtempSync(join(tmpdir(), 'vpc-lab-sim-'));
        const file = join(dir, 'odd.vpc');
        writeFileSync(
            file,
            `vpc a {
  cidr 10.0.0.0/16
  subnet s { cidr 10.0.1.0/24 route-table loop }
  instance x subnet s { ip 10.0.1.10 }
  instance fw subnet s { ip 10.0.1.20 }
  route-table loop { route 0.0.0.0/0 -> fw }
}
vpc bare { cidr 10.9.0.0/16  subnet t { cidr 10.9.1.0/24 }  instance y subnet t { ip 10.9.1.10 } }
probe nobody -> x tcp 22
probe loop: x -> internet 8.8.8.8 tcp 443
probe bare: y -> internet 8.8.8.8 tcp 443
`
        );
        const run = vpcLab(['simulate', file, '--format', 'json']);
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/the workspace has 1 error/);
        const probes = JSON.parse(run.stdout).probes as Array<{
            name: string;
            verdict: string;
            reason: string;
            blockers: Array<{ detail: string }>;
        }>;
        expect(probes.map(p => `${p.name} ${p.verdict} ${p.reason}`)).toEqual([
            'nobody -> x tcp 22 REJECT NO_ROUTE',
            'loop REJECT NO_ROUTE',
            'bare REJECT NO_ROUTE'
        ]);
        expect(probes[1]!.blockers[0]!.detail).toContain('routing loop');
    });
});

describe('vpc-lab matrix', () => {
    it('prints a grid with a legend for the tour', () => {
        const run = vpcLab(['matrix', 'examples/tour.vpc', '--port', '5432']);
        expect(run.code).toBe(0);
        expect(run.stdout).toContain('Who can reach whom over tcp 5432 (5 instances in 5 classes)');
        expect(run.stdout).toMatch(/2 app\.app-1 +si +✓ +✓ +nr +si/);
        expect(run.stdout).toContain('si SG_INGRESS');
    });

    it('writes CSV and JSON that agree with simulate', () => {
        const csv = vpcLab(['matrix', 'examples/tour.vpc', '--port', '5432', '--format', 'csv']).stdout.trim().split('\n');
        expect(csv[0]).toBe('source,destination,verdict,reason');
        expect(csv).toContain('app.app-1,data.db-1,ACCEPT,');
        expect(csv).toContain('app.web-1,data.db-1,REJECT,NO_ROUTE');
        const json = JSON.parse(vpcLab(['matrix', 'examples/tour.vpc', '--format', 'json', '--protocol', 'icmp']).stdout);
        expect(json.protocol).toBe('icmp');
        expect(json.port).toBeNull();
        expect(json.cells).toHaveLength(json.sources.length);
        expect(json.cells[0]).toHaveLength(json.destinations.length);
    });

    it('refuses a port out of range', () => {
        const run = vpcLab(['matrix', 'examples/tour.vpc', '--port', '70000']);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain('--port takes a port from 0 to 65535');
    });
});

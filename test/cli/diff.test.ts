/**
 * `vpc-lab diff` as a user runs it. Expected verdicts follow AWS's documentation: an instance
 * with a public IPv4 address, in a subnet whose route table sends 0.0.0.0/0 to an internet
 * gateway, is reachable from the internet on exactly what its security groups admit; a subnet
 * with no route for a destination drops its packets.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { vpcLab } from './run.js';

const require = createRequire(import.meta.url);
const Ajv = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

const BEFORE = `vpc app region us-east-1 {
  cidr 10.0.0.0/16
  subnet public az us-east-1a { cidr 10.0.1.0/24  route-table public }
  subnet private az us-east-1a { cidr 10.0.2.0/24  route-table private }
  internet-gateway igw
  route-table public {
    route 0.0.0.0/0 -> igw
  }
  route-table private {
  }
  security-group web-sg {
    ingress tcp 443 from 0.0.0.0/0
    egress all to 0.0.0.0/0
  }
  security-group db-sg {
    ingress tcp 5432 from sg web-sg
  }
  instance web-1 subnet public {
    ip 10.0.1.10
    public-ip 54.0.0.10
    security-groups web-sg
  }
  instance db-1 subnet private {
    ip 10.0.2.10
    security-groups db-sg
  }
}
probe web: internet -> web-1 tcp 443 expect accept
probe admin: internet -> web-1 tcp 22
`;
/** ssh opened to the world on web-1 (line 13), nothing else. */
const AFTER = BEFORE.replace(
    '    ingress tcp 443 from 0.0.0.0/0\n',
    '    ingress tcp 443 from 0.0.0.0/0\n    ingress tcp 22 from 0.0.0.0/0\n'
);
/** db-sg no longer admits web-sg: web-1 loses PostgreSQL to db-1. */
const CLOSED = BEFORE.replace('    ingress tcp 5432 from sg web-sg\n', '');

let dir: string;

beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vpc-lab-diff-'));
    writeFileSync(join(dir, 'before.vpc'), BEFORE);
    writeFileSync(join(dir, 'after.vpc'), AFTER);
    writeFileSync(join(dir, 'closed.vpc'), CLOSED);
    for (const [side, text] of [
        ['old', BEFORE],
        ['new', AFTER]
    ] as const) {
        mkdirSync(join(dir, side, 'net'), { recursive: true });
        writeFileSync(join(dir, side, 'net', 'app.vpc'), text);
        writeFileSync(join(dir, side, 'other.vpc'), 'vpc other region us-east-1 { cidr 10.9.0.0/16 }\n');
    }
});

interface Report {
    summary: Record<string, number>;
    exposure: Array<{ to: string; traffic: string }>;
    flows: Array<{
        change: string;
        traffic: string[];
        from: string[];
        to: string[];
        before: { verdict: string; reason: string | null; hop?: { kind: string } };
        after: { verdict: string };
        causes: Array<{ change: string; text: string; after?: { file: string; line: number } }>;
    }>;
    probes: Array<{ name: string; change: string }>;
    findings: { added: unknown[]; gone: unknown[] };
    elements: unknown[];
}

describe('vpc-lab diff', () => {
    it('reports ssh newly open from the internet, at the line that opened it, in the documented JSON shape', () => {
        const run = vpcLab(['diff', join(dir, 'before.vpc'), join(dir, 'after.vpc'), '--format', 'json']);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        const report = JSON.parse(run.stdout) as Report;
        expect(Object.keys(report)).toEqual([
            'before',
            'after',
            'summary',
            'exposure',
            'traffic',
            'flows',
            'probes',
            'findings',
            'elements'
        ]);
        expect(report.exposure).toEqual([{ to: 'app.web-1', traffic: 'tcp 22' }]);
        const internet = report.flows.find(f => f.from.includes('internet'))!;
        expect(internet).toMatchObject({
            change: 'opened',
            traffic: ['tcp 22'],
            to: ['app.web-1'],
            before: { verdict: 'REJECT', reason: 'SG_INGRESS', hop: { kind: 'security-group' } },
            after: { verdict: 'ACCEPT' }
        });
        expect(internet.causes).toEqual([
            {
                change: 'added',
                text: 'security-group app.web-sg: ingress tcp 22 from 0.0.0.0/0',
                after: { file: expect.stringMatching(/after\.vpc$/), line: 13, column: 5 }
            }
        ]);
        // db-1 keeps AWS's default egress (it names none) and reaches web-1 over the local route.
        expect(report.flows.find(f => f.from.includes('app.db-1'))).toMatchObject({
            change: 'opened',
            traffic: ['tcp 22'],
            to: ['app.web-1']
        });
        expect(report.flows.every(f => f.change === 'opened')).toBe(true);
        expect(report.probes).toEqual([expect.objectContaining({ name: 'admin', change: 'opened' })]);
        expect(report.summary).toMatchObject({ opened: 2, closed: 0, reason: 0, probes: 1, elements: 1 });
    });

    it('exits 1 with --fail-on for a change of that kind, 0 otherwise', () => {
        const args = ['diff', join(dir, 'before.vpc'), join(dir, 'after.vpc')];
        expect(vpcLab([...args, '--fail-on', 'opened']).code).toBe(1);
        expect(vpcLab([...args, '--fail-on', 'any']).code).toBe(1);
        expect(vpcLab([...args, '--fail-on', 'closed']).code).toBe(0);
        const closed = vpcLab(['diff', join(dir, 'before.vpc'), join(dir, 'closed.vpc'), '--fail-on', 'closed']);
        expect(closed.code).toBe(1);
        expect(closed.stdout).toContain('Newly closed');
        expect(closed.stdout).toMatch(/tcp 5432\s+app\.web-1 → app\.db-1/);
        expect(vpcLab(['diff', join(dir, 'before.vpc'), join(dir, 'before.vpc'), '--fail-on', 'any'])).toMatchObject({ code: 0 });
    });

    it('writes text grouped by change, and Markdown with a headline, a table and folded details', () => {
        const text = vpcLab(['diff', join(dir, 'before.vpc'), join(dir, 'after.vpc')]).stdout;
        expect(text).toContain('Newly reachable from the internet');
        expect(text).toContain('Newly open (2)');
        expect(text).toMatch(/caused by added security-group app\.web-sg: ingress tcp 22 from 0\.0\.0\.0\/0 \(.*after\.vpc:13\)/);
        const markdown = vpcLab(['diff', join(dir, 'before.vpc'), join(dir, 'after.vpc'), '--format', 'markdown']).stdout;
        const lines = markdown.split('\n');
        expect(lines[0]).toMatch(/^### .*2 newly open, 0 newly closed/);
        expect(markdown).toContain('| change | traffic | from | to | before | after | caused by |');
        expect(markdown).toContain('| opened | tcp 22 | internet | app.web-1 | REJECT SG_INGRESS | ACCEPT |');
        expect(markdown).toMatch(/<details><summary>Details<\/summary>[\s\S]*<\/details>\s*$/);
    });

    it('writes SARIF 2.1.0 that validates, each newly open flow at the AFTER line that opened it', () => {
        const run = vpcLab(['diff', join(dir, 'before.vpc'), join(dir, 'after.vpc'), '--format', 'sarif']);
        const log = JSON.parse(run.stdout);
        const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
        const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
        addFormats(ajv);
        const validate = ajv.compile(schema);
        expect(validate(log), JSON.stringify(validate.errors, null, 1)).toBe(true);
        const results = log.runs[0].results as Array<{
            ruleId: string;
            level: string;
            locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
        }>;
        expect(results.map(r => r.ruleId).sort()).toEqual(['reachability-exposed', 'reachability-opened']);
        for (const r of results) {
            expect(r.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(/after\.vpc$/);
            expect(r.locations[0]!.physicalLocation.region.startLine).toBe(13);
        }
        expect(results.find(r => r.ruleId === 'reachability-exposed')!.level).toBe('error');
    });

    it('pairs files of folders by their path inside them, and takes several paths per side', () => {
        const folders = JSON.parse(vpcLab(['diff', join(dir, 'old'), join(dir, 'new'), '--format', 'json']).stdout) as Report;
        expect(folders.summary).toMatchObject({ opened: 2, elements: 1 });
        expect(folders.findings).toEqual({ added: [], gone: [] });
        const several = vpcLab([
            'diff',
            '--before',
            join(dir, 'old', 'net'),
            join(dir, 'old', 'other.vpc'),
            '--after',
            join(dir, 'new', 'net'),
            join(dir, 'new', 'other.vpc'),
            '--format',
            'json'
        ]);
        expect(JSON.parse(several.stdout).summary).toMatchObject({ opened: 2, elements: 1 });
    });

    it('reports changed findings: a finding that appears on the AFTER side', () => {
        const broken = AFTER.replace('    route 0.0.0.0/0 -> igw\n', '    route 0.0.0.0/0 -> igw\n    route 0.0.0.0/0 -> igw\n');
        writeFileSync(join(dir, 'dup.vpc'), broken);
        const report = JSON.parse(vpcLab(['diff', join(dir, 'after.vpc'), join(dir, 'dup.vpc'), '--format', 'json']).stdout) as Report;
        expect(report.findings.gone).toEqual([]);
        expect(report.findings.added).toEqual([expect.objectContaining({ code: expect.stringMatching(/route/), line: 8 })]);
    });

    it('finds the same findings as checking each side alone, in files the change did not touch too', () => {
        // b.vpc is unchanged; a.vpc's block moves onto b's, which a peering between them forbids.
        for (const [side, block] of [
            ['pa', '10.0.0.0/16'],
            ['pb', '10.1.0.0/16']
        ] as const) {
            mkdirSync(join(dir, side), { recursive: true });
            writeFileSync(join(dir, side, 'a.vpc'), `vpc a region us-east-1 {\n  cidr ${block}\n}\n`);
            writeFileSync(
                join(dir, side, 'b.vpc'),
                'vpc b region us-east-1 {\n  cidr 10.1.0.0/16\n}\npeering ab requester a accepter b\nvpc c region us-east-1 {\n  cidr 10.1.0.0/16\n}\n'
            );
        }
        const check = (side: string) =>
            (
                JSON.parse(vpcLab(['check', join(dir, side), '--format', 'json']).stdout) as {
                    diagnostics: Array<{ file: string; code: string; message: string }>;
                }
            ).diagnostics.map(d => `${d.file.split(/[\\/]/).pop()} ${d.code} ${d.message}`);
        const minus = (a: string[], b: string[]) => {
            const left = [...b];
            return a.filter(x => {
                const i = left.indexOf(x);
                if (i >= 0) {
                    left.splice(i, 1);
                    return false;
                }
                return true;
            });
        };
        const [before, after] = [check('pa'), check('pb')];
        expect(minus(after, before).length).toBeGreaterThan(0);
        for (const [x, y, a, b] of [
            ['pa', 'pb', before, after],
            ['pb', 'pa', after, before]
        ] as const) {
            const { findings } = JSON.parse(vpcLab(['diff', join(dir, x), join(dir, y), '--format', 'json']).stdout) as {
                findings: {
                    added: Array<{ file: string; code: string; message: string }>;
                    gone: Array<{ file: string; code: string; message: string }>;
                };
            };
            const text = (list: Array<{ file: string; code: string; message: string }>) =>
                list.map(d => `${d.file.split(/[\\/]/).pop()} ${d.code} ${d.message}`).sort();
            expect(text(findings.added)).toEqual(minus(b, a).sort());
            expect(text(findings.gone)).toEqual(minus(a, b).sort());
        }
    });

    it('compares the working tree with a git revision without checking anything out', () => {
        const repo = mkdtempSync(join(tmpdir(), 'vpc-lab-diff-git-'));
        const git = (...args: string[]) =>
            spawnSync('git', args, {
                cwd: repo,
                encoding: 'utf8',
                env: {
                    ...process.env,
                    GIT_AUTHOR_NAME: 't',
                    GIT_AUTHOR_EMAIL: 't@example.com',
                    GIT_COMMITTER_NAME: 't',
                    GIT_COMMITTER_EMAIL: 't@example.com'
                }
            });
        git('init', '-q');
        mkdirSync(join(repo, 'net'));
        writeFileSync(join(repo, 'net', 'app.vpc'), BEFORE);
        git('add', '.');
        git('commit', '-qm', 'first');
        writeFileSync(join(repo, 'net', 'app.vpc'), AFTER);
        const status = git('status', '--porcelain').stdout;
        const run = vpcLab(['diff', '--git', 'HEAD', '--format', 'json'], { cwd: repo });
        expect(run.stderr).toBe('');
        const report = JSON.parse(run.stdout) as Report;
        expect(report.exposure).toEqual([{ to: 'app.web-1', traffic: 'tcp 22' }]);
        expect(report.flows[0]!.causes[0]!.after).toMatchObject({ file: join('net', 'app.vpc'), line: 13 });
        expect(vpcLab(['diff', '--git', 'HEAD', 'net'], { cwd: repo }).stdout).toContain('Newly open (2)');
        // Nothing was checked out or changed.
        expect(readFileSync(join(repo, 'net', 'app.vpc'), 'utf8')).toBe(AFTER);
        expect(git('status', '--porcelain').stdout).toBe(status);
        const unknown = vpcLab(['diff', '--git', 'no-such-rev'], { cwd: repo });
        expect(unknown).toMatchObject({ code: 2, stdout: '' });
        expect(unknown.stderr).toBe("vpc-lab: git knows no revision 'no-such-rev'\n");
        const outside = vpcLab(['diff', '--git', 'HEAD'], { cwd: tmpdir() });
        expect(outside.code).toBe(2);
        expect(outside.stderr.trim().split('\n')).toHaveLength(1);
        expect(outside.stderr).toMatch(/not inside a git repository/);
    });

    it.each([
        ['one side only', () => ['diff', join(dir, 'before.vpc')], /diff with one side takes a Terraform plan .*before\.vpc' is not one/],
        ['--before without --after', () => ['diff', '--before', join(dir, 'before.vpc')], /give both --before/],
        [
            'a side that does not exist',
            () => ['diff', join(dir, 'before.vpc'), join(dir, 'missing.vpc')],
            /cannot read '.*missing\.vpc': no such file or folder/
        ],
        [
            'an unknown --fail-on',
            () => ['diff', join(dir, 'before.vpc'), join(dir, 'after.vpc'), '--fail-on', 'everything'],
            /Allowed choices are opened, closed, any/
        ]
    ])('refuses %s with one line and exit 2', (_name, args, message) => {
        const run = vpcLab(args());
        expect(run.code).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(message);
    });
});

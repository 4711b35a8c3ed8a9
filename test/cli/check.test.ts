import { mkdtempSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { allCodes } from '../../src/model/codes.js';
import { vpcLab } from './run.js';

const require = createRequire(import.meta.url);
const Ajv = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
let dir: string;

const BROKEN = `vpc a {
  cidr 10.0.0.0/16
  subnet s { cidr 10.0.1.1/24 }
}
vpc b { cidr 10.0.0.0/16 }
peering ab requester a accepter b
`;

beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vpc-lab-cli-'));
    writeFileSync(join(dir, 'broken.vpc'), BROKEN);
    writeFileSync(join(dir, 'clean.vpc'), 'vpc ok { cidr 10.9.0.0/16  subnet s az us-east-1a { cidr 10.9.1.0/24 } }\n');
    mkdirSync(join(dir, 'empty'));
    writeFileSync(join(dir, 'empty', 'notes.txt'), 'no topology here');
    mkdirSync(join(dir, 'tree', 'deeper'), { recursive: true });
    writeFileSync(join(dir, 'tree', 'one.vpc'), 'vpc t1 { cidr 10.20.0.0/16 }\n');
    writeFileSync(join(dir, 'tree', 'deeper', 'two.vpc'), 'peering p requester t1 accepter t2\nvpc t2 { cidr 10.21.0.0/16 }\n');
    writeFileSync(join(dir, 'tree', 'deeper', 'ignored.txt'), 'vpc x {');
});

describe('vpc-lab check', () => {
    it('prints compiler-style text with the source line and a caret under the token', () => {
        const run = vpcLab(['check', join(dir, 'broken.vpc')]);
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(/broken\.vpc:3:19 {2}error {2}cidr-host-bits {2}'10\.0\.1\.1\/24' has host bits set/);
        expect(run.stdout).toContain('3 |   subnet s { cidr 10.0.1.1/24 }\n  |                   ^^^^^^^^^^^');
        expect(run.stdout).toContain('peering-cidr-overlap');
        expect(run.stdout.trimEnd().split('\n').pop()).toBe('✗ 2 errors, 0 warnings in 1 file');
        expect(run.stdout).not.toMatch(/\u001b\[/);
    });

    it('colours only when asked on a pipe, and never with NO_COLOR', () => {
        expect(vpcLab(['check', join(dir, 'broken.vpc')], { env: { FORCE_COLOR: '1' } }).stdout).toMatch(/\u001b\[/);
        expect(vpcLab(['check', join(dir, 'broken.vpc')], { env: { NO_COLOR: '1' } }).stdout).not.toMatch(/\u001b\[/);
    });

    it('exits 0 on a clean workspace and says so', () => {
        const run = vpcLab(['check', join(dir, 'clean.vpc')]);
        expect(run.code).toBe(0);
        expect(run.stdout.trim()).toBe('✓ no problems in 1 file');
    });

    it('checks folders recursively, *.vpc only, as one workspace', () => {
        const run = vpcLab(['check', join(dir, 'tree'), '--format', 'json']);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        expect(JSON.parse(run.stdout)).toEqual({ diagnostics: [] });
    });

    it('writes JSON of exactly the documented shape, lines and columns from 1', () => {
        const run = vpcLab(['check', join(dir, 'broken.vpc'), '--format', 'json']);
        expect(run.code).toBe(1);
        const { diagnostics } = JSON.parse(run.stdout) as { diagnostics: Array<Record<string, unknown>> };
        expect(Object.keys(JSON.parse(run.stdout))).toEqual(['diagnostics']);
        for (const d of diagnostics) {
            expect(Object.keys(d)).toEqual(['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message']);
        }
        expect(diagnostics[0]).toMatchObject({ line: 3, column: 19, endLine: 3, endColumn: 30, severity: 'error', code: 'cidr-host-bits' });
    });

    it('writes SARIF 2.1.0 that validates against the SARIF schema, with a rule for every code', () => {
        const run = vpcLab(['check', join(dir, 'broken.vpc'), join(dir, 'clean.vpc'), '--format', 'sarif']);
        expect(run.code).toBe(1);
        const log = JSON.parse(run.stdout);
        const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
        // The published schema has a pattern that is only valid without the `u` flag.
        const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
        addFormats(ajv);
        const validate = ajv.compile(schema);
        expect(validate(log), JSON.stringify(validate.errors, null, 1)).toBe(true);
        const driver = log.runs[0].tool.driver;
        expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(allCodes);
        const result = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'cidr-host-bits');
        expect(driver.rules[result.ruleIndex].id).toBe('cidr-host-bits');
        expect(result.locations[0].physicalLocation.region).toEqual({ startLine: 3, startColumn: 19, endLine: 3, endColumn: 30 });
    });

    it('answers --help and --version', () => {
        const help = vpcLab(['--help']);
        expect(help.code).toBe(0);
        expect(help.stdout).toContain('check');
        const version = vpcLab(['--version']);
        expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version);
        expect(vpcLab(['check', '--help']).stdout).toContain('--format');
    });

    it('takes severities from the nearest vpc-lab.json, and refuses a broken one', () => {
        const project = join(dir, 'project');
        mkdirSync(join(project, 'net'), { recursive: true });
        writeFileSync(
            join(project, 'net', 'overlap.vpc'),
            'vpc a { cidr 10.0.0.0/16 }\nvpc b { cidr 10.0.0.0/16 }\npeering ab requester a accepter b\n'
        );
        expect(vpcLab(['check', join(project, 'net')]).code).toBe(1);
        writeFileSync(join(project, 'vpc-lab.json'), JSON.stringify({ severity: { 'peering-cidr-overlap': 'warning' } }));
        const warned = vpcLab(['check', join(project, 'net')]);
        expect([warned.code, warned.stdout.trimEnd().split('\n').pop()]).toEqual([0, '! 0 errors, 1 warning in 1 file']);
        writeFileSync(join(project, 'vpc-lab.json'), JSON.stringify({ severity: { 'peering-cidr-overlap': 'loud' } }));
        const bad = vpcLab(['check', join(project, 'net')]);
        expect(bad.code).toBe(2);
        expect(bad.stderr).toContain("'loud' for peering-cidr-overlap is not one of error, warning, info, hint, off");
        writeFileSync(join(project, 'vpc-lab.json'), '{ nope');
        expect(vpcLab(['check', join(project, 'net')]).stderr).toMatch(/vpc-lab\.json is not valid JSON/);
    });
});

describe('vpc-lab check on bad input: one line, exit 2, no stack trace', () => {
    const cases: Array<[string, () => string[], RegExp]> = [
        ['a missing file', () => ['check', join(dir, 'missing.vpc')], /cannot read '.*missing\.vpc': no such file or folder/],
        ['a folder with no .vpc files', () => ['check', join(dir, 'empty')], /no \.vpc files in folder/],
        [
            'a binary file',
            () => {
                writeFileSync(join(dir, 'binary.vpc'), Buffer.from([0x76, 0x70, 0x63, 0x00, 0xff, 0x10]));
                return ['check', join(dir, 'binary.vpc')];
            },
            /is not a text file/
        ],
        [
            'a file that is not UTF-8',
            () => {
                writeFileSync(join(dir, 'latin1.vpc'), Buffer.from('vpc caf\xe9 { }', 'latin1'));
                return ['check', join(dir, 'latin1.vpc')];
            },
            /is not valid UTF-8/
        ],
        [
            'a 20 MB file',
            () => {
                writeFileSync(join(dir, 'huge.vpc'), 'vpc a { cidr 10.0.0.0/16 }\n'.repeat((20 * 1024 * 1024) / 27));
                return ['check', join(dir, 'huge.vpc')];
            },
            /is 20\.0 MB; vpc-lab reads files of up to 8 MB/
        ],
        ['an unknown format', () => ['check', join(dir, 'clean.vpc'), '--format', 'xml'], /Allowed choices are text, json, sarif/],
        ['no path at all', () => ['check'], /missing required argument/]
    ];
    for (const [name, args, message] of cases) {
        it(name, () => {
            const argv = args();
            const before = argv[1] && argv[1].startsWith(dir) ? safeStat(argv[1]) : undefined;
            const run = vpcLab(argv);
            expect(run.code).toBe(2);
            expect(run.stderr).toMatch(message);
            expect(run.stderr).not.toMatch(/\n\s+at /);
            if (before) expect(safeStat(argv[1]!)).toEqual(before);
        });
    }

    it('still checks the readable files when one path is bad, and exits 2', () => {
        const run = vpcLab(['check', join(dir, 'missing.vpc'), join(dir, 'broken.vpc'), '--format', 'json']);
        expect(run.code).toBe(2);
        expect(JSON.parse(run.stdout).diagnostics.length).toBeGreaterThan(0);
    });

    it('reports deeply nested and truncated text as diagnostics, quickly', () => {
        writeFileSync(join(dir, 'nested.vpc'), 'vpc a { '.repeat(5000) + '}'.repeat(3000));
        writeFileSync(join(dir, 'truncated.vpc'), 'vpc a {\n  cidr 10.0.0.0/16\n  subnet s az us-east-1a { cidr 10.0.');
        const started = Date.now();
        const run = vpcLab(['check', join(dir, 'nested.vpc'), join(dir, 'truncated.vpc'), '--format', 'json']);
        expect(run.code).toBe(1);
        expect(Date.now() - started).toBeLessThan(30_000);
        const codes = new Set(JSON.parse(run.stdout).diagnostics.map((d: { code: string }) => d.code));
        expect(codes).toContain('syntax');
        expect(run.stderr).toBe('');
    });
});

function safeStat(path: string): { size: number; mtimeMs: number; content: string } | undefined {
    try {
        const info = statSync(path);
        return { size: info.size, mtimeMs: info.mtimeMs, content: info.isFile() ? readFileSync(path).toString('base64') : '' };
    } catch {
        return undefined;
    }
}

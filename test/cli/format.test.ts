import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { vpcLab } from './run.js';

const MESSY =
    'vpc   app {cidr 10.0.0.0/16\n   // the web tier\n subnet web {cidr 10.0.1.0/24   route-table rt}\n route-table rt { route 0.0.0.0/0 -> igw  route ::/0 -> igw }\n internet-gateway igw }\nprobe   web -> internet 8.8.8.8 tcp 443\n';
const TIDY =
    'vpc app {\n  cidr 10.0.0.0/16\n  // the web tier\n  subnet web { cidr 10.0.1.0/24 route-table rt }\n  route-table rt {\n    route 0.0.0.0/0 -> igw\n    route ::/0 -> igw\n  }\n  internet-gateway igw\n}\nprobe web -> internet 8.8.8.8 tcp 443\n';
const BROKEN = 'vpc b { cidr 10.1.0.0/16\n  subnet }\n';
let dir: string;

beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vpc-lab-format-'));
    mkdirSync(join(dir, 'net'));
    writeFileSync(join(dir, 'net', 'messy.vpc'), MESSY);
    writeFileSync(join(dir, 'net', 'tidy.vpc'), TIDY);
});

const read = (name: string) => readFileSync(join(dir, 'net', name), 'utf8');

describe('vpc-lab format', () => {
    it("rewrites files in the editor's layout, keeping comments, and names the files it changed", () => {
        const run = vpcLab(['format', join(dir, 'net')], { cwd: dir });
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        expect(run.stdout).toBe(`${join('net', 'messy.vpc')}\n`);
        expect(read('messy.vpc')).toBe(TIDY);
        expect(read('tidy.vpc')).toBe(TIDY);
        const again = vpcLab(['format', join(dir, 'net')], { cwd: dir });
        expect([again.code, again.stdout]).toEqual([0, '']);
    });

    it('--check writes nothing, lists the files that differ and exits 1; 0 when all are formatted', () => {
        const run = vpcLab(['format', '--check', join(dir, 'net')], { cwd: dir });
        expect(run.code).toBe(1);
        expect(run.stdout).toBe(`${join('net', 'messy.vpc')}\n`);
        expect(read('messy.vpc')).toBe(MESSY);
        expect(vpcLab(['format', '--check', join(dir, 'net', 'tidy.vpc')]).code).toBe(0);
    });

    it('refuses a file with syntax errors, says where, and still formats the others', () => {
        writeFileSync(join(dir, 'net', 'broken.vpc'), BROKEN);
        const run = vpcLab(['format', join(dir, 'net')], { cwd: dir });
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/^vpc-lab: net\/broken\.vpc:2:\d+: .* — not formatted: fix the syntax first\n$/);
        expect(read('broken.vpc')).toBe(BROKEN);
        expect(read('messy.vpc')).toBe(TIDY);
    });

    it('keeps Windows line ends', () => {
        writeFileSync(join(dir, 'net', 'messy.vpc'), MESSY.replace(/\n/g, '\r\n'));
        expect(vpcLab(['format', join(dir, 'net', 'messy.vpc')]).code).toBe(0);
        expect(read('messy.vpc')).toBe(TIDY.replace(/\n/g, '\r\n'));
    });

    it('exits 2 and touches nothing when an input cannot be read', () => {
        const missing = vpcLab(['format', join(dir, 'net'), join(dir, 'nope.vpc')]);
        expect(missing.code).toBe(2);
        expect(missing.stderr).toContain("cannot read '");
        expect(missing.stderr).toContain('no such file or folder');
        expect(missing.stderr).not.toMatch(/ENOENT|at .*\.js/);
        expect(read('messy.vpc')).toBe(MESSY);
        writeFileSync(join(dir, 'net', 'binary.vpc'), Buffer.from([0x76, 0x70, 0x63, 0x00, 0x01]));
        const binary = vpcLab(['format', join(dir, 'net')]);
        expect(binary.code).toBe(2);
        expect(binary.stderr).toContain('is not a text file');
        expect(read('messy.vpc')).toBe(MESSY);
    });

    // Root writes through file permissions: as root, the command runs as nobody.
    it('exits 2 when a file cannot be written, and says so in one line', () => {
        chmodSync(dir, 0o755);
        chmodSync(join(dir, 'net'), 0o755);
        chmodSync(join(dir, 'net', 'messy.vpc'), 0o444);
        const run = vpcLab(['format', join(dir, 'net', 'messy.vpc')], { asUser: true });
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/cannot write '.*messy\.vpc': permission denied\n$/);
    });

    it('needs a path', () => {
        expect(vpcLab(['format']).code).toBe(2);
    });
});

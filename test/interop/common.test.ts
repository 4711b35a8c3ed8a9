import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
    ImportError,
    ImportReport,
    NameTable,
    TopologyDraft,
    importExitCode,
    namespaceOf,
    sanitizeName,
    writeImportFiles
} from '../../src/interop/common/index.js';

describe('import names', () => {
    it('replaces characters outside letters, digits, _ and - by -', () => {
        expect(sanitizeName('Public Subnet (A)')).toBe('Public-Subnet--A');
        expect(sanitizeName('subnet-0a1b2c3d')).toBe('subnet-0a1b2c3d');
        expect(sanitizeName('10.0.0.0/16')).toBe('x-10-0-0-0-16');
    });
    it('gives a name already in the rule back as it is, and any other text as the rule says', () => {
        // The rule as the contract states it, step by step: the quick path for names already valid must agree.
        const byTheRule = (raw: string) => {
            let name = raw
                .trim()
                .replace(/[^A-Za-z0-9_-]/g, '-')
                .replace(/-+$/, '');
            if (name === '') name = 'unnamed';
            return /^[A-Za-z_]/.test(name) ? name : `x-${name}`;
        };
        const pieces = fc.constantFrom('a', 'Z', '_', '-', '0', '9', ' ', '.', '/', 'é', '\t', '');
        fc.assert(
            fc.property(fc.array(pieces, { maxLength: 12 }), parts => {
                const raw = parts.join('');
                expect(sanitizeName(raw)).toBe(byTheRule(raw));
            }),
            { numRuns: 2000 }
        );
        for (const raw of ['V12S0Subnet', '_x', 'a-', '-a', 'a b', 'web-sg', '9lives', '']) expect(sanitizeName(raw)).toBe(byTheRule(raw));
    });
    it('suffixes clashes -2, -3 in claim order, per namespace', () => {
        const names = new NameTable();
        expect(names.name('subnet', 'web', 'app')).toBe('web');
        expect(names.name('subnet', 'web', 'app')).toBe('web-2');
        expect(names.name('subnet', 'web', 'app')).toBe('web-3');
        expect(names.name('route-table', 'web', 'app')).toBe('web');
        expect(names.name('subnet', 'web', 'other')).toBe('web');
        // instances and gateways share the route-target namespace
        expect(names.name('instance', 'edge', 'app')).toBe('edge');
        expect(names.name('internet-gateway', 'edge', 'app')).toBe('edge-2');
        // VPCs and peerings share the workspace
        expect(names.name('vpc', 'main')).toBe('main');
        expect(names.name('peering', 'main')).toBe('main-2');
        expect(namespaceOf('bucket')).toBe('workspace:bucket');
    });
});

describe('import report', () => {
    it('formats lines with file:line or file and JSON path, and decides the exit status', () => {
        const report = new ImportReport();
        report.standIn({ file: 'vpc.yaml', line: 4 }, 'VPC Ipv6CidrBlock', 'AWS assigns it');
        expect(importExitCode(report)).toBe(0);
        report.leftOut({ file: 'pl.json', path: 'PrefixLists[0]' }, 'prefix list pl-1', 'not in the language yet');
        expect(report.lines()).toEqual([
            'vpc.yaml:4: stand-in: VPC Ipv6CidrBlock (AWS assigns it)',
            'pl.json PrefixLists[0]: left out: prefix list pl-1 (not in the language yet)'
        ]);
        expect(importExitCode(report)).toBe(1);
        expect(report.header('Imported')).toContain('  pl.json PrefixLists[0]: left out: prefix list pl-1 (not in the language yet)');
    });
});

describe('import draft', () => {
    it('adds a VPC with its main route table, default NACL and group, and the accounts it names', () => {
        const draft = new TopologyDraft();
        const vpc = draft.addVpc('Main VPC', { region: 'eu-west-1', cidrs: ['10.0.0.0/16'], account: '111111111111' });
        draft.origin(vpc.id, 'vpc-1', { file: 'vpcs.json', path: 'Vpcs[0]' });
        const { topology, comments } = draft.finish();
        expect(vpc.name).toBe('Main-VPC');
        expect(topology.routeTables.map(t => t.id)).toEqual([vpc.mainRouteTable]);
        expect(topology.networkAcls[0]!.rules.length).toBe(2);
        expect(topology.accounts.map(a => a.number)).toEqual(['111111111111']);
        expect(comments.get(vpc.id)).toEqual(['vpc-1 (vpcs.json Vpcs[0])']);
    });
});

describe('writing the output folder', () => {
    it('writes every file, or none when one exists', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'import-out-'));
        await writeImportFiles(join(dir, 'out'), [
            { name: 'a.vpc', text: 'a' },
            { name: 'workspace.vpc', text: 'w' }
        ]);
        expect(readFileSync(join(dir, 'out', 'a.vpc'), 'utf8')).toBe('a');
        writeFileSync(join(dir, 'b.vpc'), 'mine');
        await expect(
            writeImportFiles(dir, [
                { name: 'c.vpc', text: 'c' },
                { name: 'b.vpc', text: 'b' }
            ])
        ).rejects.toBeInstanceOf(ImportError);
        expect(existsSync(join(dir, 'c.vpc'))).toBe(false);
        expect(readFileSync(join(dir, 'b.vpc'), 'utf8')).toBe('mine');
    });
});

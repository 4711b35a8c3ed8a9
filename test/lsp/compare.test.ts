/**
 * `vpc/compare` and `vpc/revisions` over a real stdio connection: the open (unsaved) text against
 * a git revision of the folder. Expected verdicts follow AWS's documentation: an instance with a
 * public IPv4 address, in a subnet whose route table sends 0.0.0.0/0 to an internet gateway, is
 * reachable from the internet on exactly what its security groups admit (security groups deny
 * what no rule allows).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompareRequest, ModelChangedNotification, RevisionsRequest } from '../../src/protocol.js';
import { root } from '../cli/run.js';
import { LspClient } from './client.js';

/** ssh opened to the world on web-1 in AFTER, written on its line 13. */
const BEFORE = readFileSync(join(root, 'test/fixtures/compare/before.vpc'), 'utf8');
const AFTER = readFileSync(join(root, 'test/fixtures/compare/after.vpc'), 'utf8');

let client: LspClient;
let dir: string;
let uri: string;
let onChange: (() => void) | undefined;

function git(...args: string[]): void {
    const run = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], {
        cwd: dir
    });
    if (run.status !== 0) throw new Error(run.stderr.toString());
}

beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vpc-lab-compare-'));
    writeFileSync(join(dir, 'app.vpc'), BEFORE);
    git('init', '-q');
    git('add', 'app.vpc');
    git('commit', '-q', '-m', 'web and db');
    client = new LspClient();
    client.connection.onNotification(ModelChangedNotification, () => onChange?.());
    await client.initialize(pathToFileURL(dir).href);
    uri = pathToFileURL(join(dir, 'app.vpc')).href;
    // Typed, not saved: the file on disk is still HEAD's.
    await client.open(uri, AFTER);
    await client.diagnosticsFor(uri);
});

afterAll(async () => {
    await client.close();
    rmSync(dir, { recursive: true, force: true });
});

describe('comparing with a git revision', () => {
    it('answers what the unsaved text opens compared with HEAD, with both paths and the line that caused it', async () => {
        const result = await client.connection.sendRequest(CompareRequest, { revision: 'HEAD' });
        expect(result.error).toBeUndefined();
        expect(result.commit).toMatch(/^[0-9a-f]{40}$/);
        const admin = result.changes.find(c => c.subject === 'probe')!;
        expect([admin.title, admin.kind, admin.before, admin.after]).toEqual([
            'probe admin: internet -> web-1 tcp 22',
            'opened',
            { verdict: 'REJECT', reason: 'SG_INGRESS' },
            { verdict: 'ACCEPT', reason: null }
        ]);
        expect(admin.hopBefore?.kind).toBe('security-group');
        const flows = result.changes.filter(c => c.subject === 'flow');
        // ssh to web-1 opens from the internet and from db-1, which keeps AWS's default egress (it names none) and reaches web-1 over the local route.
        expect(flows.map(f => [f.kind, f.sources, f.destinations, f.traffic]).sort()).toEqual([
            ['opened', ['app.db-1'], ['app.web-1'], 'tcp 22'],
            ['opened', ['internet'], ['app.web-1'], 'tcp 22']
        ]);
        for (const change of [admin, ...flows]) {
            expect(change.causes.map(c => [c.change, c.after?.uri, c.after?.range.start.line])).toEqual([['added', uri, 12]]);
            // Before: turned away at web-1's security group; after: admitted there.
            const rejected = change.pathBefore.filter(h => h.action === 'REJECT');
            expect(
                rejected.map(h => [h.kind, h.at]),
                JSON.stringify(change.pathBefore)
            ).toEqual([['security-group', expect.stringMatching(/^instance:/)]]);
            expect(change.pathAfter.filter(h => h.action === 'REJECT')).toEqual([]);
            expect(change.pathAfter.some(h => h.kind === 'security-group' && h.at === rejected[0]!.at)).toBe(true);
        }
    });

    it("follows the typing: after an edit back to HEAD's text nothing differs", async () => {
        const changed = new Promise<void>(resolve => {
            onChange = resolve;
        });
        await client.change(uri, 2, BEFORE);
        await changed;
        const result = await client.connection.sendRequest(CompareRequest, { revision: 'HEAD' });
        expect(result.changes).toEqual([]);
        expect(result.elements).toEqual([]);
        onChange = undefined;
    });

    it('a .vpc file open from outside the workspace folders is on neither side', async () => {
        // Its own VPC, with ssh open to the world: counted in the AFTER side it would show as newly reachable.
        const elsewhere = mkdtempSync(join(tmpdir(), 'vpc-lab-elsewhere-'));
        const outside = pathToFileURL(join(elsewhere, 'other.vpc')).href;
        try {
            await client.open(
                outside,
                [
                    'vpc other region us-east-1 {',
                    '  cidr 10.5.0.0/16',
                    '  subnet public az us-east-1a { cidr 10.5.1.0/24  route-table public }',
                    '  internet-gateway igw',
                    '  route-table public {',
                    '    route 0.0.0.0/0 -> igw',
                    '  }',
                    '  security-group open-sg {',
                    '    ingress tcp 22 from 0.0.0.0/0',
                    '  }',
                    '  instance jump subnet public {',
                    '    ip 10.5.1.10',
                    '    public-ip 54.0.0.20',
                    '    security-groups open-sg',
                    '  }',
                    '}',
                    'probe jump: internet -> jump tcp 22',
                    ''
                ].join('\n')
            );
            await client.diagnosticsFor(outside);
            const result = await client.connection.sendRequest(CompareRequest, { revision: 'HEAD' });
            expect(result.error).toBeUndefined();
            expect(result.changes).toEqual([]);
            expect(result.elements).toEqual([]);
        } finally {
            await client.closeDocument(outside);
            rmSync(elsewhere, { recursive: true, force: true });
        }
    });

    it('a revision git does not know is one line in the answer, not a failed request', async () => {
        const result = await client.connection.sendRequest(CompareRequest, { revision: 'no-such-branch' });
        expect(result).toEqual({
            revision: 'no-such-branch',
            commit: '',
            changes: [],
            elements: [],
            error: "git knows no revision 'no-such-branch'"
        });
        const option = await client.connection.sendRequest(CompareRequest, { revision: '--output=/tmp/x' });
        expect(option.error).toBe("'--output=/tmp/x' is not a revision");
    });

    it('a workspace opened through a symbolic link compares the same (git names the repository by its real path)', async () => {
        const link = join(mkdtempSync(join(tmpdir(), 'vpc-lab-link-')), 'repo');
        symlinkSync(dir, link);
        const other = new LspClient();
        try {
            await other.initialize(pathToFileURL(link).href);
            const linked = pathToFileURL(join(link, 'app.vpc')).href;
            await other.open(linked, AFTER);
            await other.diagnosticsFor(linked);
            const result = await other.connection.sendRequest(CompareRequest, { revision: 'HEAD' });
            expect(result.error).toBeUndefined();
            expect(result.changes.filter(c => c.kind === 'opened').map(c => c.traffic)).toContain('tcp 22');
        } finally {
            await other.close();
            rmSync(dirname(link), { recursive: true, force: true });
        }
    });

    it('a folder outside any git repository is said as such', async () => {
        const outside = mkdtempSync(join(tmpdir(), 'vpc-lab-no-git-'));
        const other = new LspClient();
        try {
            await other.initialize(pathToFileURL(outside).href);
            const result = await other.connection.sendRequest(CompareRequest, { revision: 'HEAD' });
            expect(result.changes).toEqual([]);
            expect(result.error).toMatch(/is not inside a git repository$/);
            expect(await other.connection.sendRequest(RevisionsRequest, {})).toEqual([]);
        } finally {
            await other.close();
            rmSync(outside, { recursive: true, force: true });
        }
    });

    it('the revisions offered are HEAD first, then the branch and the commit', async () => {
        const choices = await client.connection.sendRequest(RevisionsRequest, {});
        expect(choices[0]).toEqual({ revision: 'HEAD', description: expect.stringContaining('web and db') });
        expect(choices.map(c => c.revision)).toContain(choices.find(c => /^[0-9a-f]{7,}$/.test(c.revision))?.revision);
        expect(choices.length).toBe(3);
    });
});

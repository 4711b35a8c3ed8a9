/**
 * Hostile input, through the command line and the language server alike: the files under
 * test/fixtures/hostile/ (check, simulate, matrix, format --check, preview) and, generated here,
 * those too large or too odd to keep (a 1 MB line with 300 errors, a link to /dev/zero, a named
 * pipe, a 20 MB file). Every run ends within its time and memory bounds, with the exit code the
 * contract gives, messages of one line in the product's own words, and no library text.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DidChangeWatchedFilesNotification, DocumentSymbolRequest, FileChangeType } from 'vscode-languageserver/node';
import { displayWidth } from '../../src/cli/text-width.js';
import { LspClient } from '../lsp/client.js';
import { bin, root, type Run } from './run.js';

const fixtures = join(root, 'test', 'fixtures', 'hostile');
const posix = process.platform !== 'win32';

/** Text that only a library writes: none of it may reach the user. */
const LIBRARY_TEXT: RegExp[] = [
    /chevrotain/i,
    /unexpected character/i,
    /->.+<- at offset/,
    /skipped \d+ characters/,
    /Expecting (token|end of file|keyword)/,
    /ip4 number/i,
    /service registry/i,
    /Invalid string length/,
    /Maximum call stack/,
    /heap out of memory/,
    /at Object\./,
    /\n\s+at .+:\d+:\d+/,
    /\b(TypeError|RangeError|ReferenceError|SyntaxError):/,
    /\bERR_[A-Z_]+/,
    /Error in native callback/
];

function expectNoLibraryText(text: string): void {
    for (const pattern of LIBRARY_TEXT) expect(text, `library text ${pattern}`).not.toMatch(pattern);
}

/** Every line on stderr is one message of the product's own. */
function expectOneLineMessages(stderr: string): void {
    for (const line of stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^vpc-lab: \S/);
}

interface Measured extends Run {
    ms: number;
    peakMb: number | undefined;
}

const TIME_LIMIT_MS = 30_000;
const MEMORY_LIMIT_MB = 600;
const timeTool = posix && existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

let dir: string;

/** Runs the real binary, timed, with its peak memory when the system can say it. */
function run(args: string[], cwd = root): Measured {
    const rss = join(dir, `rss-${Math.random().toString(36).slice(2)}`);
    const [command, argv] = timeTool
        ? [timeTool, ['-f', '%M', '-o', rss, process.execPath, bin, ...args]]
        : [process.execPath, [bin, ...args]];
    const env: Record<string, string | undefined> = { ...process.env };
    delete env.FORCE_COLOR;
    const started = Date.now();
    const result = spawnSync(command, argv, { cwd, env, encoding: 'utf8', timeout: TIME_LIMIT_MS * 2, maxBuffer: 256 * 1024 * 1024 });
    const ms = Date.now() - started;
    if (result.error) throw result.error;
    const kb = timeTool && existsSync(rss) ? Number(readFileSync(rss, 'utf8').trim().split('\n').pop()) : NaN;
    return {
        code: result.status ?? -1,
        stdout: result.stdout,
        stderr: result.stderr,
        ms,
        peakMb: Number.isFinite(kb) ? kb / 1024 : undefined
    };
}

/** The bounds and the shape every run must keep, whatever the input. */
function expectWellBehaved(result: Measured, codes: number[]): void {
    expect(codes, `exit ${result.code}; stderr: ${result.stderr}`).toContain(result.code);
    expect(result.ms).toBeLessThan(TIME_LIMIT_MS);
    if (result.peakMb !== undefined) expect(result.peakMb).toBeLessThan(MEMORY_LIMIT_MB);
    expectNoLibraryText(result.stdout + result.stderr);
    expectOneLineMessages(result.stderr);
}

beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vpc-lab-hostile-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fixture = (name: string) => join(fixtures, name);
const vpcFixtures = readdirSync(join(root, 'test', 'fixtures', 'hostile')).filter(f => f.endsWith('.vpc'));

/** A line of about 1 MB holding 300 blocks with an invalid prefix length. */
function longLine(): string {
    const parts = Array.from({ length: 300 }, (_, i) => `subnet s${i} az us-east-1a { cidr 10.0.${i % 256}.0/33 }${' '.repeat(3300)}`);
    return `vpc lab region us-east-1 { cidr 10.0.0.0/16 ${parts.join('')}}\n`;
}

describe('every command on every hostile file', () => {
    for (const name of vpcFixtures) {
        for (const command of ['check', 'simulate', 'matrix']) {
            it(`${command} ${name}`, () => expectWellBehaved(run([command, fixture(name)]), [0, 1]));
        }
        it(`format --check ${name} (the file untouched)`, () => {
            const before = readFileSync(fixture(name));
            expectWellBehaved(run(['format', '--check', fixture(name)]), [0, 1]);
            expect(readFileSync(fixture(name)).equals(before)).toBe(true);
        });
        it(`preview ${name}`, () => {
            const result = run(['preview', fixture(name), '-o', join(dir, `${name}.html`)]);
            expectWellBehaved(result, [0, 1]);
            expect(readdirSync(dir).filter(f => f.endsWith('.tmp'))).toEqual([]);
        });
    }
});

describe('vpc-lab check: what each hostile file is told', () => {
    const json = (name: string) =>
        JSON.parse(run(['check', fixture(name), '--format', 'json']).stdout).diagnostics as Array<{
            line: number;
            column: number;
            code: string;
            message: string;
        }>;

    it('an unclosed /* is one error on the /*, and nothing inside the comment is reported', () => {
        const diagnostics = json('unclosed-comment.vpc');
        // The block the comment leaves open follows from it: one error in all.
        expect(diagnostics.map(d => [d.line, d.column, /never closed/.test(d.message)])).toEqual([[3, 3, true]]);
    });

    it('a stray non-ASCII or ASCII character is named, with its code point', () => {
        const messages = json('stray-character.vpc').map(d => d.message);
        expect(messages).toContainEqual(expect.stringMatching(/^`é` \(U\+00E9\) cannot appear outside a quoted string or a comment/));
        expect(messages).toContainEqual(expect.stringMatching(/^`@` \(U\+0040\) has no meaning here/));
    });

    it('an unterminated string says so', () => {
        expect(json('unterminated-string.vpc').map(d => d.message)).toContainEqual(
            expect.stringMatching(/string is not closed on its line/)
        );
    });

    it('CR-only line endings keep the source line and the caret', () => {
        const text = run(['check', fixture('cr-only.vpc')]).stdout.split('\n');
        const at = text.indexOf('3 |   subnet web az us-east-1a { cidr 10.0.1.0/33 }');
        expect(at).toBeGreaterThan(0);
        expect(text[at + 1]).toBe(`  | ${' '.repeat('  subnet web az us-east-1a { cidr '.length)}${'^'.repeat('10.0.1.0/33'.length)}`);
    });

    it('the caret counts a wide character as two columns', () => {
        const text = run(['check', fixture('wide-characters.vpc')]).stdout.split('\n');
        const at = text.indexOf('3 |   subnet 東京 az us-east-1a { cidr 10.0.1.0/24 }');
        expect(at).toBeGreaterThan(0);
        expect(text[at + 1]).toBe(`  | ${' '.repeat('  subnet '.length)}^^^^`);
        expect(displayWidth('東京')).toBe(4);
    });

    it('control characters in the file never reach the terminal', () => {
        const result = run(['check', fixture('control-characters.vpc')]);
        expect(result.code).toBe(1);
        expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    });

    it('a VPC block with host bits is one error: the subnets inside its network are not told the VPC has no block', () => {
        const diagnostics = json('host-bits.vpc');
        expect(diagnostics.map(d => `${d.line}:${d.code}`)).toEqual(['2:cidr-host-bits', '5:subnet-outside-vpc', '8:cidr-invalid']);
        expect(diagnostics.map(d => d.message).join('\n')).not.toMatch(/has none/);
    });

    it('an explicit input that is not a .vpc file is refused in one line, exit 2', () => {
        const result = run(['check', fixture('not-a-topology.html')]);
        expectWellBehaved(result, [2]);
        expect(result.stderr).toMatch(/^vpc-lab: '.*not-a-topology\.html' is not a \.vpc file/);
    });
});

describe('flow-log destinations AWS would refuse', () => {
    it('check reports each on its quoted destination', () => {
        const result = run(['check', fixture('bad-destinations.vpc'), '--format', 'json']);
        expect(result.code).toBe(1);
        const found = JSON.parse(result.stdout).diagnostics.filter((d: { code: string }) => d.code === 'flow-log-destination');
        expect(found.map((d: { line: number }) => d.line)).toEqual([7, 8, 9]);
    });

    it('simulate writes none of their records and says so, with no summary line for files not written', () => {
        const out = join(dir, 'refused-flow-logs');
        const result = run(['simulate', fixture('bad-destinations.vpc'), '--flow-logs', out]);
        expectWellBehaved(result, [1]);
        for (const name of ['short', 'not-an-arn', 'group-arn'])
            expect(result.stdout).toMatch(new RegExp(`${name}: \\d+ records? not delivered`));
        expect(result.stdout).not.toMatch(/→|written under/);
        expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    });

    it('a route whose target does not resolve says so in the hop', () => {
        const result = run(['simulate', fixture('unresolved-target.vpc'), '--format', 'json']);
        const hops = JSON.parse(result.stdout).probes[0].hops as Array<{ detail: string }>;
        expect(hops.at(-1)!.detail).toMatch(/names no resource \(see the unresolved-reference error on it\)/);
        expect(result.stdout).not.toMatch(/does not exist does not exist|a target that does not exist/);
    });
});

describe('generated hostile input', () => {
    it('a 1 MB line with 300 errors: each shown clipped around its token', () => {
        writeFileSync(join(dir, 'long-line.vpc'), longLine());
        const result = run(['check', join(dir, 'long-line.vpc')]);
        expectWellBehaved(result, [1]);
        expect(result.stdout).toMatch(/300 errors/);
        const sourceLines = result.stdout.split('\n').filter(l => l.startsWith('1 | '));
        expect(sourceLines).toHaveLength(300);
        expect(Math.max(...sourceLines.map(l => l.length))).toBeLessThan(140);
    });

    it.skipIf(!posix)('a .vpc link to /dev/zero is refused at once', () => {
        symlinkSync('/dev/zero', join(dir, 'zero.vpc'));
        for (const command of [['check'], ['simulate'], ['matrix'], ['format', '--check']]) {
            const result = run([...command, join(dir, 'zero.vpc')]);
            expectWellBehaved(result, [2]);
            expect(result.stderr).toMatch(/zero\.vpc' is a device, not a \.vpc file/);
            expect(result.ms).toBeLessThan(10_000);
        }
    });

    it.skipIf(!posix)('a named pipe given by name is refused, not waited on', () => {
        expect(spawnSync('mkfifo', [join(dir, 'pipe.vpc')]).status).toBe(0);
        const result = run(['check', join(dir, 'pipe.vpc')]);
        expectWellBehaved(result, [2]);
        expect(result.stderr).toMatch(/pipe\.vpc' is a named pipe/);
    });

    it.skipIf(!posix)('a vpc-lab.json that links to /dev/zero is refused', () => {
        mkdirSync(join(dir, 'settings'));
        writeFileSync(join(dir, 'settings', 'ok.vpc'), 'vpc a region us-east-1 { cidr 10.0.0.0/16 }\n');
        symlinkSync('/dev/zero', join(dir, 'settings', 'vpc-lab.json'));
        const result = run(['check', join(dir, 'settings')]);
        expectWellBehaved(result, [2]);
        expect(result.stderr).toMatch(/vpc-lab\.json' is a device/);
    });

    it('a 20 MB file is refused by its size', () => {
        writeFileSync(join(dir, 'huge.vpc'), 'vpc a { cidr 10.0.0.0/16 }\n'.repeat((20 * 1024 * 1024) / 27));
        const result = run(['check', join(dir, 'huge.vpc')]);
        expectWellBehaved(result, [2]);
        expect(result.stderr).toMatch(/huge\.vpc' is 20\.0 MB; vpc-lab reads files of up to 8 MB/);
    });

    it('preview -o onto a folder named x.html leaves nothing behind', () => {
        const site = join(dir, 'site');
        mkdirSync(join(site, 'x.html'), { recursive: true });
        const result = run(['preview', fixture('host-bits.vpc'), '-o', join(site, 'x.html')]);
        expectWellBehaved(result, [2]);
        expect(result.stderr).toMatch(/x\.html: it is a folder/);
        expect(readdirSync(site)).toEqual(['x.html']);
    });
});

describe('vpc-lab query on hostile folders and SQL', () => {
    let logs: string;
    beforeAll(() => {
        // `logs[1]` as a glob would also match its sibling `logs1`, which holds the same records again.
        logs = join(dir, 'logs[1]');
        for (const folder of [logs, join(dir, 'logs1')])
            expect(run(['simulate', 'examples/flow-logs.vpc', '--flow-logs', folder]).code).toBe(0);
    });
    const count = (folder: string) =>
        JSON.parse(run(['query', folder, 'SELECT count(*) AS n FROM vpc_flow_logs', '--format', 'json']).stdout)[0].n as number;

    it('reads the folder named, literally: glob characters and backslashes included', () => {
        const alone = count(join(dir, 'logs1'));
        expect(alone).toBeGreaterThan(0);
        expect(count(logs)).toBe(alone);
        if (posix) {
            const slashed = join(dir, 'back\\slash');
            expect(run(['simulate', 'examples/flow-logs.vpc', '--flow-logs', slashed]).code).toBe(0);
            expect(count(slashed)).toBe(alone);
        }
    });

    it('prints 130,000 rows as a table', () => {
        const result = run(['query', logs, 'SELECT range AS n FROM range(130000)']);
        expectWellBehaved(result, [0]);
        expect(result.stdout.trimEnd().split('\n').pop()).toBe('(130000 rows)');
    });

    it('prints the result of every statement; a single-result format refuses several', () => {
        const text = run(['query', logs, 'SELECT 1 AS first; SELECT 2 AS second']);
        expectWellBehaved(text, [0]);
        expect(text.stdout).toMatch(/first[\s\S]*\(1 row\)[\s\S]*second[\s\S]*\(1 row\)/);
        const json = run(['query', logs, 'SELECT 1; SELECT 2', '--format', 'json']);
        expectWellBehaved(json, [2]);
        expect(json.stderr).toMatch(/holds 2 statements/);
    });

    it('empty SQL, or SQL of comments only, is bad usage in one line', () => {
        for (const sql of ['', '   ', ';']) {
            const result = run(['query', logs, sql]);
            expectWellBehaved(result, [2]);
            expect(result.stdout).toBe('');
        }
    });
});

describe('the language server on the same input', () => {
    let client: LspClient;
    let workspace: string;

    beforeAll(async () => {
        workspace = join(dir, 'lsp-workspace');
        mkdirSync(workspace);
        writeFileSync(join(workspace, 'ok.vpc'), 'vpc a region us-east-1 { cidr 10.0.0.0/16 }\n');
        writeFileSync(join(workspace, 'huge.vpc'), 'vpc a { cidr 10.0.0.0/16 }\n'.repeat((20 * 1024 * 1024) / 27));
        if (posix) {
            symlinkSync('/dev/zero', join(workspace, 'zero.vpc'));
            symlinkSync('/dev/zero', join(workspace, 'vpc-lab.json'));
            spawnSync('mkfifo', [join(workspace, 'pipe.vpc')]);
        }
        client = new LspClient();
        await client.initialize(pathToFileURL(workspace).href);
    });
    afterAll(async () => {
        if (client.alive()) await client.close();
    });

    /** The server process's peak resident memory, where the system reports it. */
    function peakMb(): number | undefined {
        const pid = (client as unknown as { child: ChildProcess }).child.pid;
        try {
            const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
            return kb ? Number(kb) / 1024 : undefined;
        } catch {
            return undefined;
        }
    }

    const cases: Array<[string, () => string, RegExp]> = [
        ['a 1 MB line with 300 errors', longLine, /prefix length \/33/],
        ['an unclosed comment', () => readFileSync(fixture('unclosed-comment.vpc'), 'utf8'), /never closed/],
        ['a stray character', () => readFileSync(fixture('stray-character.vpc'), 'utf8'), /`é` \(U\+00E9\) cannot appear/],
        ['CR-only line endings', () => readFileSync(fixture('cr-only.vpc'), 'utf8'), /prefix length \/33/],
        ['wide characters', () => readFileSync(fixture('wide-characters.vpc'), 'utf8'), /`東京` cannot appear/],
        ['control characters', () => readFileSync(fixture('control-characters.vpc'), 'utf8'), /<U\+001B>/],
        ['refused flow-log destinations', () => readFileSync(fixture('bad-destinations.vpc'), 'utf8'), /AWS would refuse this destination/]
    ];
    cases.forEach(([name, text, says], i) => {
        it(`publishes diagnostics in the product's words for ${name}`, async () => {
            const uri = pathToFileURL(join(workspace, `open-${i}.vpc`)).href;
            const started = Date.now();
            await client.open(uri, text());
            const diagnostics = await client.diagnosticsFor(uri, d => d.length > 0);
            expect(Date.now() - started).toBeLessThan(TIME_LIMIT_MS);
            const messages = diagnostics.map(d => d.message).join('\n');
            expect(messages).toMatch(says);
            expectNoLibraryText(messages);
        });
    });

    it('stays up and answers after the workspace folder offered a device, a pipe and a 20 MB file', async () => {
        if (posix) {
            await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
                changes: ['zero.vpc', 'pipe.vpc', 'huge.vpc', 'vpc-lab.json'].map(f => ({
                    uri: pathToFileURL(join(workspace, f)).href,
                    type: FileChangeType.Changed as FileChangeType
                }))
            });
        }
        const uri = pathToFileURL(join(workspace, 'after.vpc')).href;
        await client.open(uri, 'vpc b region us-east-1 { cidr 10.1.0.0/16  subnet s az us-east-1a { cidr 10.1.0.0/33 } }\n');
        expect((await client.diagnosticsFor(uri, d => d.length > 0)).map(d => d.code)).toContain('cidr-invalid');
        const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
        expect(symbols?.length).toBeGreaterThan(0);
        expect(client.alive()).toBe(true);
        const peak = peakMb();
        if (peak !== undefined) expect(peak).toBeLessThan(MEMORY_LIMIT_MB);
    });
});

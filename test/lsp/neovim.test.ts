/**
 * The README's set-up for Neovim before 0.11 (`vim.lsp.start_client` + `buf_attach_client`), run
 * as written in a real Neovim (Debian's package, 0.7): a `.vpc` file with a mistake gets its
 * diagnostic. Neovim is installed when missing (apt-get, as root); the test never skips.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../cli/run.js';

const README_CMD = "{ 'npx', 'vpc-lab', 'lsp', '--stdio' }";

/** Neovim's version line, after installing Debian's package if there is none. */
function neovim(): string {
    const version = () => spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    let found = version();
    if (found.status !== 0) {
        const root = process.getuid?.() === 0;
        const apt = spawnSync('apt-get', ['--version']).status === 0;
        if (!root || !apt)
            throw new Error(
                'Neovim is not installed and cannot be installed here (apt-get as root): install the neovim package to run this test'
            );
        const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
        execFileSync('apt-get', ['update', '-qq'], { env, stdio: 'ignore' });
        execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'neovim'], { env, stdio: 'ignore' });
        found = version();
    }
    if (found.status !== 0) throw new Error(`nvim --version failed: ${found.stderr}`);
    return found.stdout.split('\n')[0]!;
}

/** The Lua block of the README's item for Neovim 0.7 to 0.10. */
function readmeSnippet(): string {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const item = readme.indexOf('**Neovim 0.7 to 0.10**');
    expect(item).toBeGreaterThan(0);
    const block = /```lua\n([\s\S]*?)\n\s*```/.exec(readme.slice(item));
    expect(block).not.toBeNull();
    return block![1]!.replace(/^ {2}/gm, '');
}

let dir: string;
let version: string;

beforeAll(() => {
    version = neovim();
    dir = mkdtempSync(join(tmpdir(), 'vpc-lab-neovim-'));
}, 600_000);

afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
});

describe('Neovim before 0.11, set up as the README says', () => {
    it('starts the server for a .vpc file and shows its diagnostic', () => {
        expect(version).toMatch(/^NVIM v0\.\d+/);
        const snippet = readmeSnippet();
        // The README starts the published package with npx; here the server is this repository's.
        expect(snippet).toContain(README_CMD);
        const local = `{ ${[process.execPath, join(root, 'bin', 'vpc-lab.cjs'), 'lsp', '--stdio'].map(s => JSON.stringify(s)).join(', ')} }`;
        // Once Neovim has started, wait (on the diagnostics, up to 30 s) and write what it shows.
        const harness = `
vim.api.nvim_create_autocmd('VimEnter', { callback = function()
  local arrived = vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50)
  local shown = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or vim.NIL
    table.insert(shown, { line = d.lnum, message = d.message, code = code, severity = d.severity })
  end
  local clients = 0
  for _ in pairs(vim.lsp.buf_get_clients(0)) do clients = clients + 1 end
  vim.fn.writefile({ vim.fn.json_encode({ arrived = arrived, filetype = vim.bo.filetype, clients = clients, diagnostics = shown }) }, ${JSON.stringify(join(dir, 'result.json'))})
  vim.cmd('qa!')
end })
`;
        writeFileSync(join(dir, 'init.lua'), snippet.replace(README_CMD, local) + harness);
        // The subnet's block is not inside the VPC's: AWS refuses such a subnet.
        writeFileSync(join(dir, 'net.vpc'), 'vpc app {\n  cidr 10.0.0.0/16\n  subnet web az us-east-1a { cidr 10.1.0.0/24 }\n}\n');

        const run = spawnSync('nvim', ['--headless', '-i', 'NONE', '-u', join(dir, 'init.lua'), 'net.vpc'], {
            cwd: dir,
            encoding: 'utf8',
            timeout: 60_000
        });
        expect(run.error, run.stderr).toBeUndefined();
        const result = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')) as {
            arrived: boolean;
            filetype: string;
            clients: number;
            diagnostics: Array<{ line: number; message: string; code: string; severity: number }>;
        };
        expect(result.filetype).toBe('vpc');
        expect(result.clients).toBe(1);
        expect(result.arrived).toBe(true);
        expect(result.diagnostics).toEqual([expect.objectContaining({ line: 2, code: 'subnet-outside-vpc', severity: 1 })]);
        expect(result.diagnostics[0]!.message).toContain('10.1.0.0/24 is not inside 10.0.0.0/16');
    }, 120_000);
});

/**
 * When HashiCorp's formatter or parser (Go compiled to WebAssembly) fails, the user reads one line
 * in the product's words and nothing is written: never Go's crash report, never a hang. The
 * stand-in (test/fixtures/terraform/crash/go-crash.cjs) fails as Go's runtime does when it runs
 * out of memory: its report written to fd 2, its exit called, its call left unanswered.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HclRuntimeError } from '../../../src/interop/terraform/wasm/guard.js';
import { WasmPool } from '../../../src/interop/terraform/wasm/pool.js';
import { root, vpcLab } from '../../cli/run.js';

const STAND_IN = join(root, 'test/fixtures/terraform/crash/go-crash.cjs');
const PRELOAD = { NODE_OPTIONS: `--require ${join(root, 'test/fixtures/terraform/crash/preload.cjs')}`, VPC_LAB_CACHE_DIR: 'off' };

/** Written otherwise than the export writes (a `//` comment), so that HashiCorp's parser reads it. */
const HAND_WRITTEN = '// by hand\nresource "aws_vpc" "a" {\n  cidr_block = "10.0.0.0/16"\n}\n';

function folder(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'vpc-wasm-failure-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
}

describe("a failure of HashiCorp's WebAssembly runtime", () => {
    it('vpc-lab export --format terraform: one line, exit 2, nothing written', () => {
        const input = folder({
            'app.vpc': 'vpc app region us-east-1 {\n  cidr 10.0.0.0/16\n  subnet a az us-east-1a { cidr 10.0.1.0/24 }\n}\n'
        });
        const out = join(input, 'out');
        const run = vpcLab(['export', input, '--format', 'terraform', '-o', out], { env: PRELOAD });
        expect(run.stderr).toMatch(
            /^vpc-lab: 123456789012-us-east-1\/[a-z-]+\.tf: HashiCorp's HCL formatter \(WebAssembly\) ran out of memory; nothing was written\n$/
        );
        expect(run.code).toBe(2);
        expect(run.stdout).toBe('');
        expect(existsSync(out)).toBe(false);
    });

    it('vpc-lab import terraform: one line, exit 2, nothing written', () => {
        const input = folder({ 'main.tf': HAND_WRITTEN });
        const out = join(input, 'out');
        mkdirSync(out);
        const run = vpcLab(['import', 'terraform', input, '-o', out], { env: PRELOAD });
        expect(run.stderr).toMatch(/^vpc-lab: .*main\.tf: HashiCorp's HCL parser \(WebAssembly\) ran out of memory\n$/);
        expect(run.code).toBe(2);
        expect(existsSync(join(out, 'a.vpc'))).toBe(false);
    });

    it('on a worker thread: the job fails with the same error, and the report stays in the worker', async () => {
        // This thread never answers: the worker takes the job.
        const pool = new WasmPool({ tool: 'formatter', module: STAND_IN, fn: 'format' }, () => new Promise(() => undefined), 1);
        try {
            const job = pool.run('big.tf', ['a = 1\n']);
            await expect(job).rejects.toThrow(HclRuntimeError);
            await expect(job).rejects.toThrow("big.tf: HashiCorp's HCL formatter (WebAssembly) ran out of memory");
        } finally {
            pool.close();
        }
    });
});

/**
 * An installation where a package of HashiCorp's is broken: the bundle beside a node_modules whose
 * @cdktn/hcl2json lacks its WebAssembly, or has no such package. The package's own start-up would
 * fail outside any call (Node's crash text) and leave the parse waiting forever.
 */
describe("an installation without HashiCorp's parser", () => {
    function install(withPackage: boolean): string {
        const dir = mkdtempSync(join(tmpdir(), 'vpc-broken-install-'));
        mkdirSync(join(dir, 'out'));
        cpSync(join(root, 'out', 'cli.mjs'), join(dir, 'out', 'cli.mjs'));
        mkdirSync(join(dir, 'node_modules', '@cdktn'), { recursive: true });
        for (const name of readdirSync(join(root, 'node_modules')))
            if (name !== '@cdktn') symlinkSync(join(root, 'node_modules', name), join(dir, 'node_modules', name));
        if (withPackage) {
            cpSync(join(root, 'node_modules', '@cdktn', 'hcl2json'), join(dir, 'node_modules', '@cdktn', 'hcl2json'), { recursive: true });
            rmSync(join(dir, 'node_modules', '@cdktn', 'hcl2json', 'main.wasm.gz'));
        }
        return dir;
    }

    for (const [withPackage, why] of [
        [true, 'its WebAssembly file is missing'],
        [false, 'the package @cdktn/hcl2json is not installed']
    ] as const) {
        it(`${why}: vpc-lab import terraform says so in one line, exit 2, nothing written`, () => {
            const installed = install(withPackage);
            const input = folder({ 'main.tf': HAND_WRITTEN });
            const out = join(input, 'out');
            const run = spawnSync(process.execPath, [join(installed, 'out', 'cli.mjs'), 'import', 'terraform', input, '-o', out], {
                encoding: 'utf8',
                timeout: 30_000,
                env: { ...process.env, VPC_LAB_CACHE_DIR: 'off' }
            });
            expect(run.error).toBeUndefined();
            expect(run.stderr).toBe(`vpc-lab: HashiCorp's HCL parser cannot be loaded: ${why}; reinstall vpc-lab (npm install)\n`);
            expect(run.status).toBe(2);
            expect(existsSync(out)).toBe(false);
        });
    }
});

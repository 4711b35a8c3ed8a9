// Bundles the benchmark (TypeScript) with esbuild and runs it; arguments pass through (--write).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { cfnReaderSource } from './cfn-reader.mjs';

await build({
    entryPoints: ['bench/main.ts'],
    outfile: 'out/bench.mjs',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    define: { VPC_LAB_CFN_READER: JSON.stringify(await cfnReaderSource()) },
    banner: {
        js: "import { createRequire as __vpcCreateRequire } from 'node:module'; const require = __vpcCreateRequire(import.meta.url);"
    },
    // Playwright and HashiCorp's HCL parser and formatter (WebAssembly) load their own files at run time: they stay in node_modules.
    external: ['playwright-core', '@cdktn/hcl2json', '@cdktn/hcl-tools'],
    logLevel: 'warning'
});
const result = spawnSync(process.execPath, ['--expose-gc', 'out/bench.mjs', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);

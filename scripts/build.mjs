// Bundles the command line (and with it the language server) into one file with esbuild.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');

await build({
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'out',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    sourcemap: !production,
    minify: production,
    define: { VPC_LAB_VERSION: JSON.stringify(pkg.version) },
    // Bundled CommonJS dependencies still call require(); give the ESM bundle one.
    banner: { js: "import { createRequire as __vpcCreateRequire } from 'node:module'; const require = __vpcCreateRequire(import.meta.url);" },
    // DuckDB is a native module, loaded from node_modules by `vpc-lab query` only.
    external: ['@duckdb/node-api'],
    logLevel: 'warning'
});

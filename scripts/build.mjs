// Bundles with esbuild: the command line (with the language server), the server alone and the
// extension for VS Code (CommonJS, as VS Code loads it), and the preview page for the browser.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { oneProtocolStack, pageWithoutProtocol } from './one-protocol-stack.mjs';
import { copyHclWasm, hclWasm } from './hcl-wasm.mjs';
import { cfnReaderSource } from './cfn-reader.mjs';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');
const common = {
    bundle: true,
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    define: { VPC_LAB_VERSION: JSON.stringify(pkg.version) }
};
// Every bundle holds one copy of the JSON-RPC stack (see one-protocol-stack.mjs), and the program of
// the threads that read CloudFormation templates (see cfn-reader.mjs).
const node = {
    ...common,
    platform: 'node',
    target: 'node20',
    plugins: [oneProtocolStack],
    define: { ...common.define, VPC_LAB_CFN_READER: JSON.stringify(await cfnReaderSource()) }
};

await Promise.all([
    build({
        ...node,
        entryPoints: { cli: 'src/main.ts' },
        outdir: 'out',
        format: 'esm',
        outExtension: { '.js': '.mjs' },
        // Bundled CommonJS dependencies still call require(); give the ESM bundle one.
        banner: {
            js: "import { createRequire as __vpcCreateRequire } from 'node:module'; const require = __vpcCreateRequire(import.meta.url);"
        },
        // DuckDB is a native module, loaded from node_modules by `vpc-lab query` only; HashiCorp's
        // HCL parser is WebAssembly its package loads from its own folder (`vpc-lab import terraform`).
        external: ['@duckdb/node-api', '@cdktn/hcl2json', '@cdktn/hcl-tools']
    }),
    build({
        ...node,
        entryPoints: { server: 'src/language-server/start.ts' },
        outdir: 'out',
        format: 'cjs',
        outExtension: { '.js': '.cjs' },
        // The VS Code package has no node_modules: the HCL parser and formatter are bundled, their WebAssembly beside.
        plugins: [...node.plugins, hclWasm]
    }).then(() => copyHclWasm('out')),
    build({
        ...node,
        entryPoints: { extension: 'src/extension/main.ts' },
        outdir: 'out',
        format: 'cjs',
        outExtension: { '.js': '.cjs' },
        external: ['vscode']
    }),
    // The page is inlined into standalone files: minified, no source map.
    build({
        ...common,
        entryPoints: { webview: 'src/webview/main.ts' },
        outdir: 'out',
        platform: 'browser',
        target: 'es2022',
        format: 'iife',
        minify: true,
        sourcemap: false,
        plugins: [pageWithoutProtocol]
    }),
    build({ ...common, entryPoints: { webview: 'src/webview/styles.css' }, outdir: 'out', minify: true, sourcemap: false })
]);

// An esbuild plugin for bundles that ship without node_modules (the language server in the VS Code
// package): HashiCorp's HCL parser and formatter (`@cdktn/hcl2json`, `@cdktn/hcl-tools`) load their
// WebAssembly from `__dirname/../main.wasm.gz`, the same name in both packages. In the bundle each
// loads its own copy beside the bundle instead (`out/hcl2json.wasm.gz`, `out/hcl-tools.wasm.gz`),
// copied there by `copyHclWasm`.
import { copyFile, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const PACKAGES = ['hcl2json', 'hcl-tools'];
const BRIDGE = /[\\/]@cdktn[\\/](hcl2json|hcl-tools)[\\/]build[\\/]bridge\.js$/;
const WASM = '(0, path_1.join)(__dirname, "..", "main.wasm.gz")';

export const hclWasm = {
    name: 'hcl-wasm',
    setup(build) {
        // Node has had a global `performance` since v16; the fallback `require("performance")` names no package.
        build.onResolve({ filter: /^performance$/ }, () => ({ path: 'performance', external: true }));
        build.onLoad({ filter: BRIDGE }, async args => {
            const name = BRIDGE.exec(args.path)[1];
            const text = await readFile(args.path, 'utf8');
            if (!text.includes(WASM)) throw new Error(`@cdktn/${name}: its bridge no longer loads ${WASM}; update scripts/hcl-wasm.mjs`);
            return { contents: text.replace(WASM, `(0, path_1.join)(__dirname, ${JSON.stringify(`${name}.wasm.gz`)})`), loader: 'js' };
        });
    }
};

export async function copyHclWasm(outdir) {
    for (const name of PACKAGES) {
        const dir = dirname(dirname(require.resolve(`@cdktn/${name}`)));
        await copyFile(join(dir, 'main.wasm.gz'), join(outdir, `${name}.wasm.gz`));
    }
}

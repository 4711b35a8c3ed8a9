// Bundles the docs generator (TypeScript) with esbuild and runs it.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';

await build({
    entryPoints: ['src/docs/main.ts'],
    outfile: 'out/docs.mjs',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    banner: {
        js: "import { createRequire as __vpcCreateRequire } from 'node:module'; const require = __vpcCreateRequire(import.meta.url);"
    },
    logLevel: 'warning'
});
const result = spawnSync(process.execPath, ['out/docs.mjs'], { stdio: 'inherit' });
process.exit(result.status ?? 1);

// The program of the threads that read .tf files in the plain style
// (src/interop/terraform/config/fmt-style-entry.ts), bundled on its own and handed to the bundles
// that import Terraform as the text of `VPC_LAB_TF_READER`: they start their threads from it,
// with nothing to find on disk.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export async function tfReaderSource() {
    const result = await build({
        entryPoints: [fileURLToPath(new URL('../src/interop/terraform/config/fmt-style-entry.ts', import.meta.url))],
        bundle: true,
        write: false,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        minify: true,
        logLevel: 'warning'
    });
    return result.outputFiles[0].text;
}

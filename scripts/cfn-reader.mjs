// The program of the CloudFormation template-reading threads (src/interop/cloudformation/reader-entry.ts),
// bundled on its own and handed to the bundles that import templates as the text of
// `VPC_LAB_CFN_READER`: they start their threads from it, with nothing to find on disk.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export async function cfnReaderSource() {
    const result = await build({
        entryPoints: [fileURLToPath(new URL('../src/interop/cloudformation/reader-entry.ts', import.meta.url))],
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

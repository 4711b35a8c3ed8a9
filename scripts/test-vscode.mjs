// `npm run test:vscode`: the same extension suite (test/vscode) in a desktop VS Code downloaded by
// @vscode/test-electron, where the machine can reach Microsoft's update server. (Machines that
// cannot run it inside code-server through `npm test`: test/e2e/vscode.test.ts.)
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = fileURLToPath(new URL('..', import.meta.url));
const folder = join(root, '.vscode-test');
const suite = join(folder, 'suite', 'index.cjs');
await build({
    entryPoints: [join(root, 'test/vscode/index.ts')],
    outfile: suite,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode', 'mocha'],
    logLevel: 'warning'
});
const workspace = join(folder, 'workspaces', 'electron');
rmSync(workspace, { recursive: true, force: true });
mkdirSync(workspace, { recursive: true });
copyFileSync(join(root, 'examples/tour.vpc'), join(workspace, 'tour.vpc'));
copyFileSync(join(root, 'test/fixtures/vscode/mistakes.vpc'), join(workspace, 'mistakes.vpc'));
// A repository of its own, the files committed: what "Compare Reachability with…" compares with.
for (const args of [
    ['init', '-q'],
    ['add', '.'],
    ['commit', '-q', '-m', 'the tour']
]) {
    execFileSync('git', ['-c', 'user.name=vpc-lab', '-c', 'user.email=vpc-lab@example.com', '-c', 'commit.gpgsign=false', ...args], {
        cwd: workspace,
        stdio: 'pipe'
    });
}
const version = process.argv[2] ?? 'stable';
try {
    await runTests({
        version,
        extensionDevelopmentPath: root,
        extensionTestsPath: suite,
        launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust']
    });
} catch (error) {
    console.error(`VS Code ${version}: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
}

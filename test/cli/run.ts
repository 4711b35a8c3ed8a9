/** Runs the real `vpc-lab` binary, as a user would. */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const bin = fileURLToPath(new URL('../../bin/vpc-lab.cjs', import.meta.url));
export const root = fileURLToPath(new URL('../..', import.meta.url));

export interface Run {
    code: number;
    stdout: string;
    stderr: string;
}

/**
 * `asUser`: run as an unprivileged user (nobody) when the tests run as root, where file
 * permissions do not apply and a read-only file could not be made.
 */
export function vpcLab(args: string[], options: { cwd?: string; env?: Record<string, string>; asUser?: boolean } = {}): Run {
    const env: Record<string, string | undefined> = { ...process.env, ...options.env };
    if (!options.env || !('FORCE_COLOR' in options.env)) delete env.FORCE_COLOR;
    const command =
        options.asUser && process.getuid?.() === 0
            ? (['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, unprivilegedCopy(), ...args]] as const)
            : ([process.execPath, [bin, ...args]] as const);
    const result = spawnSync(command[0], [...command[1]], {
        cwd: options.cwd ?? root,
        env,
        encoding: 'utf8',
        timeout: 60_000,
        maxBuffer: 64 * 1024 * 1024
    });
    if (result.error) throw result.error;
    return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

let copy: string | undefined;

/** The executable and its bundle copied where any user may read them (the checkout may sit in root's home). */
function unprivilegedCopy(): string {
    if (copy) return copy;
    const folder = mkdtempSync(join(tmpdir(), 'vpc-lab-bin-'));
    mkdirSync(join(folder, 'bin'));
    mkdirSync(join(folder, 'out'));
    copyFileSync(bin, join(folder, 'bin', 'vpc-lab.cjs'));
    copyFileSync(join(root, 'out', 'cli.mjs'), join(folder, 'out', 'cli.mjs'));
    for (const path of [folder, join(folder, 'bin'), join(folder, 'out')]) chmodSync(path, 0o755);
    copy = join(folder, 'bin', 'vpc-lab.cjs');
    return copy;
}

/** Runs the real `vpc-lab` binary, as a user would. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const bin = fileURLToPath(new URL('../../bin/vpc-lab.cjs', import.meta.url));
export const root = fileURLToPath(new URL('../..', import.meta.url));

export interface Run { code: number; stdout: string; stderr: string }

export function vpcLab(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Run {
    const env: Record<string, string | undefined> = { ...process.env, ...options.env };
    if (!options.env || !('FORCE_COLOR' in options.env)) delete env.FORCE_COLOR;
    const result = spawnSync(process.execPath, [bin, ...args], { cwd: options.cwd ?? root, env, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
    if (result.error) throw result.error;
    return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Every run of the tests writes its temporary files into one folder of its own (TMPDIR for the
 * test processes and what they start), removed when the run ends: tests make folders with
 * mkdtemp for commands to write into, and none is left behind.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
    const folder = mkdtempSync(join(tmpdir(), 'vpc-lab-tests-'));
    // Open to every user as /tmp is: some tests run the command as another user.
    chmodSync(folder, 0o1777);
    const before = process.env.TMPDIR;
    process.env.TMPDIR = folder;
    return () => {
        if (before === undefined) delete process.env.TMPDIR;
        else process.env.TMPDIR = before;
        rmSync(folder, { recursive: true, force: true });
    };
}

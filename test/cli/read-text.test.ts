/** Reading input files: only regular files, and never more than the limit, whatever size they claim. */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBounded, readTextFile, UnreadableFileError } from '../../src/io/read-text.js';

describe('readBounded', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpc-lab-read-'));

    it('reads a file within the limit whole', async () => {
        writeFileSync(join(dir, 'small.vpc'), 'vpc a { }\n');
        expect(await readTextFile(join(dir, 'small.vpc'))).toBe('vpc a { }\n');
    });

    it('refuses a file over the limit by its size', async () => {
        writeFileSync(join(dir, 'big.vpc'), 'x'.repeat(100));
        await expect(readBounded(join(dir, 'big.vpc'), 'big.vpc', 50)).rejects.toThrow(UnreadableFileError);
    });

    // Files under /proc claim a size of 0 and hold more: reading stops one byte past the limit.
    it.skipIf(!existsSync('/proc/self/maps'))('stops at the limit when a file holds more than it claims', async () => {
        await expect(readBounded('/proc/self/maps', 'maps', 64)).rejects.toThrow(/over 0\.0 MB; vpc-lab reads files of up to/);
    });

    it.skipIf(!existsSync('/dev/zero'))('refuses a device before opening it', async () => {
        await expect(readBounded('/dev/zero', 'zero')).rejects.toThrow(/'zero' is a device/);
    });
});

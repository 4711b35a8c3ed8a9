/** The lint rules (eslint.config.js) hold for the whole code base. */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

it('ESLint finds nothing', () => {
    let output = '';
    try {
        execFileSync(
            process.execPath,
            [join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--max-warnings', '0', 'src', 'test', 'bench', 'scripts'],
            { cwd: root, encoding: 'utf8', stdio: 'pipe' }
        );
    } catch (error) {
        output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe('');
}, 180_000);

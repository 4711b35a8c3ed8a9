/**
 * The entry point VS Code's test runner loads in the extension host (`extensionTestsPath`), the
 * same under @vscode/test-electron and under code-server: runs the mocha suites and writes each
 * test's outcome to `VPC_LAB_VSCODE_RESULTS` (when set) for the runner that started VS Code.
 */
import { writeFileSync } from 'node:fs';
import * as mochaModule from 'mocha';

// mocha is CommonJS: the class is the module itself, and also its `Mocha` property (what a bundle sees).
type MochaClass = typeof import('mocha');
const Mocha = ((mochaModule as unknown as { Mocha?: MochaClass }).Mocha ?? mochaModule) as MochaClass;

export interface Outcome {
    title: string;
    state: 'passed' | 'failed';
    error?: string;
    ms: number;
}

export function run(): Promise<void> {
    const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000 });
    mocha.suite.emit('pre-require', globalThis, 'vpc-lab', mocha);
    // The suites register themselves on import (bundled with this file), after mocha's globals exist.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('./extension.suite.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('./interop.suite.js');
    const outcomes: Outcome[] = [];
    return new Promise((resolve, reject) => {
        const runner = mocha.run(failures => {
            const file = process.env.VPC_LAB_VSCODE_RESULTS;
            if (file) writeFileSync(file, JSON.stringify(outcomes, null, 2));
            if (failures > 0) reject(new Error(`${failures} VS Code test${failures === 1 ? '' : 's'} failed`));
            else resolve();
        });
        runner.on('pass', test => outcomes.push({ title: test.fullTitle(), state: 'passed', ms: test.duration ?? 0 }));
        runner.on('fail', (test, error: Error) =>
            outcomes.push({
                title: test.fullTitle(),
                state: 'failed',
                error: `${error.message}\n${error.stack ?? ''}`,
                ms: test.duration ?? 0
            })
        );
    });
}

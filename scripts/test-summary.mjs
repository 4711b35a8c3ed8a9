// Prints the plain closing line `N passed, N failed` from vitest's JSON report.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? '.test-results/vitest.json';
try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    // A suite that failed to load counts as a failure even though none of its tests ran.
    const brokenSuites = (report.testResults ?? []).filter(r => r.status === 'failed' && (r.assertionResults ?? []).length === 0).length;
    const failed = report.numFailedTests + brokenSuites;
    console.log(`${report.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
} catch (error) {
    console.log('0 passed, 1 failed');
    console.error(`no test report at ${file}: ${error.message}`);
}

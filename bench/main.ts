/** `npm run bench`: prints the benchmark tables; exits non-zero when a goal is missed. */
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { writeFileSync } from 'node:fs';
import { benchCheck } from './check.js';

const root = fileURLToPath(new URL('..', import.meta.url));

function table(rows: Array<[string, string]>): string {
    return ['| measure | value |', '| --- | --- |', ...rows.map(([a, b]) => `| ${a} | ${b} |`)].join('\n');
}

const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
const check = await benchCheck(root);
const sections = [
    `Machine: ${machine}`,
    '## Checker (`vpc-lab check`)',
    table(check.rows),
    '',
    'Scaling (parse + link + validate in process, median of 3):',
    '',
    '| VPCs | lines | ms | µs per line |',
    '| --- | --- | --- | --- |',
    ...check.scaling.map(s => `| ${s.vpcs} | ${s.lines.toLocaleString('en-US')} | ${s.ms.toFixed(0)} | ${(s.perLine * 1000).toFixed(2)} |`),
    '',
    '| goal | measured | |',
    '| --- | --- | --- |',
    ...check.goals.map(g => `| ${g.goal} | ${g.measured} | ${g.met ? '✓ met' : '✗ missed'} |`)
];
const failures = [...check.failures];
const report = sections.join('\n') + '\n' + (failures.length ? `\nFailed:\n${failures.map(f => `- ${f}`).join('\n')}\n` : '');
process.stdout.write(report);
if (process.argv.includes('--write')) {
    writeFileSync(new URL('../docs/benchmarks.md', import.meta.url), `# Benchmarks\n\nThe latest \`npm run bench\`, on the machine named below. Goals: the full check under 1.5 s and under 2× the parse-only time, peak memory under 1 GiB, cost per line growing at most 1.5× from 1/8 to full size.\n\n${report}`);
}
process.exitCode = failures.length > 0 ? 1 : 0;

// Runs the vpc-lab command line in this process and reports its peak memory on exit (to stderr).
process.on('exit', () => { process.stderr.write(`maxRSS=${process.resourceUsage().maxRSS}\n`); });
process.argv = [process.argv[0], require.resolve('../bin/vpc-lab.cjs'), ...process.argv.slice(2)];
require('../bin/vpc-lab.cjs');

#!/usr/bin/env node
// Starts the bundled command line; `npm install` builds it (the `prepare` script).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

// Flow-log delivery writes many small files at once; libuv's default pool of 4 threads is the bottleneck.
process.env.UV_THREADPOOL_SIZE = process.env.UV_THREADPOOL_SIZE || '16';

const bundle = join(__dirname, '..', 'out', 'cli.mjs');
if (!existsSync(bundle)) {
    process.stderr.write('vpc-lab: the command line is not built yet; run `npm install` (or `npm run build`) first.\n');
    process.exit(2);
}
import(pathToFileURL(bundle).href).catch(error => {
    process.stderr.write(`vpc-lab: ${error && error.message ? error.message : error}\n`);
    process.exit(2);
});

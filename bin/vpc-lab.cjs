#!/usr/bin/env node
// Starts the bundled command line; `npm install` builds it (the `prepare` script).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const bundle = join(__dirname, '..', 'out', 'cli.mjs');
if (!existsSync(bundle)) {
    process.stderr.write('vpc-lab: the command line is not built yet; run `npm install` (or `npm run build`) first.\n');
    process.exit(2);
}
import(pathToFileURL(bundle).href).catch(error => {
    process.stderr.write(`vpc-lab: ${error && error.message ? error.message : error}\n`);
    process.exit(2);
});

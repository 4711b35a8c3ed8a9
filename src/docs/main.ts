/** `npm run docs`: writes the generated docs. */
import { readFileSync, writeFileSync } from 'node:fs';
import { conceptsDoc, diagnosticsDoc, manifestWithSeverities } from './generate.js';

writeFileSync('docs/concepts.md', conceptsDoc());
writeFileSync('docs/diagnostics.md', diagnosticsDoc());
writeFileSync('package.json', manifestWithSeverities(readFileSync('package.json', 'utf8')));
console.log('wrote docs/concepts.md, docs/diagnostics.md and the severity settings in package.json');

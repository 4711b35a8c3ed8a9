/** `npm run docs`: writes the generated docs. */
import { writeFileSync } from 'node:fs';
import { conceptsDoc, diagnosticsDoc } from './generate.js';

writeFileSync('docs/concepts.md', conceptsDoc());
writeFileSync('docs/diagnostics.md', diagnosticsDoc());
console.log('wrote docs/concepts.md and docs/diagnostics.md');

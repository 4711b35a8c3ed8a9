import { EmptyFileSystem } from 'langium';
import { createVpcServices } from '../src/language/vpc-module.js';
import { generateWorkspace } from './generate.js';
const { Vpc } = createVpcServices(EmptyFileSystem);
const texts = [...generateWorkspace(1000).files.values()];
for (let r = 0; r < 4; r++) { const t = performance.now(); for (const x of texts) Vpc.parser.LangiumParser.parse(x); console.log('parse', (performance.now() - t).toFixed(0)); }

import { EmptyFileSystem, URI } from 'langium';
import { createVpcServices } from '../src/language/vpc-module.js';
import { toModel } from '../src/language/to-model.js';
import { checkTopology } from '../src/simulator/checks/index.js';
import { generateWorkspace } from './generate.js';

const ws = generateWorkspace(1000);
const { shared, Vpc } = createVpcServices(EmptyFileSystem, { batch: true });
const documents = [...ws.files].map(([name, text]) => {
    const d = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///b/${name}`));
    shared.workspace.LangiumDocuments.addDocument(d);
    return d;
});
await shared.workspace.DocumentBuilder.build(documents, { validation: false });
for (let i = 0; i < 3; i++) {
    let t = performance.now();
    const build = toModel(documents);
    const a = performance.now() - t; t = performance.now();
    checkTopology(build.topology);
    const b = performance.now() - t; t = performance.now();
    for (const d of documents) await Vpc.validation.DocumentValidator.validateDocument(d, { categories: ['built-in'] });
    const c = performance.now() - t; t = performance.now();
    for (const d of documents) await Vpc.validation.DocumentValidator.validateDocument(d);
    const e = performance.now() - t;
    console.log(`toModel ${a.toFixed(0)} checks ${b.toFixed(0)} builtin-validate ${c.toFixed(0)} full-validate ${e.toFixed(0)}`);
}

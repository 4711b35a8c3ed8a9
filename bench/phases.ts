import { DocumentState, EmptyFileSystem, URI } from 'langium';
import { createVpcServices } from '../src/language/vpc-module.js';
import { generateWorkspace } from './generate.js';

const t0 = performance.now();
const { shared } = createVpcServices(EmptyFileSystem);
const t1 = performance.now();
console.log('services', (t1 - t0).toFixed(0));
const ws = generateWorkspace(1000);
for (let round = 0; round < Number(process.env.ROUNDS ?? 1); round++) {
    const { shared } = createVpcServices(EmptyFileSystem, { batch: true });
    let last = performance.now();
    const start = last;
    const documents = [...ws.files].map(([name, text]) => {
        const d = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///b${round}/${name}`));
        shared.workspace.LangiumDocuments.addDocument(d);
        return d;
    });
    console.log('parse', (performance.now() - last).toFixed(0)); last = performance.now();
    for (const state of [DocumentState.IndexedContent, DocumentState.ComputedScopes, DocumentState.Linked, DocumentState.IndexedReferences, DocumentState.Validated]) {
        shared.workspace.DocumentBuilder.onBuildPhase(state, () => { console.log(DocumentState[state], (performance.now() - last).toFixed(0)); last = performance.now(); });
    }
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    console.log('total', (performance.now() - start).toFixed(0));
}

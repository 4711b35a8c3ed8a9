/**
 * A topology built from texts held in memory (a git revision's files): parsed, linked and
 * checked in a workspace of its own, so that nothing of the editor's workspace is touched.
 */
import { EmptyFileSystem, URI } from 'langium';
import { createVpcServices } from './vpc-module.js';
import type { WorkspaceSnapshot } from './workspace-model.js';

export interface TextFile {
    uri: string;
    text: string;
}

export async function buildTexts(files: readonly TextFile[]): Promise<WorkspaceSnapshot> {
    const { shared, Vpc } = createVpcServices(EmptyFileSystem, { batch: true });
    const documents = files.map(file => {
        const document = shared.workspace.LangiumDocumentFactory.fromString(file.text, URI.parse(file.uri));
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return Vpc.workspace.WorkspaceModel.get();
}

/**
 * A topology built from texts held in memory (a git revision's files): parsed, linked and
 * checked in a workspace of its own, so that nothing of the editor's workspace is touched.
 */
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { createVpcServices } from './vpc-module.js';
import type { WorkspaceSnapshot } from './workspace-model.js';

export interface TextFile {
    uri: string;
    text: string;
}

export async function buildTexts(files: readonly TextFile[]): Promise<WorkspaceSnapshot> {
    return (await buildTextDocuments(files)).snapshot;
}

/** The same, with the built documents: their diagnostics say whether the texts hold errors. */
export async function buildTextDocuments(
    files: readonly TextFile[]
): Promise<{ snapshot: WorkspaceSnapshot; documents: LangiumDocument[] }> {
    const { shared, Vpc } = createVpcServices(EmptyFileSystem, { batch: true });
    const documents = files.map(file => {
        const document = shared.workspace.LangiumDocumentFactory.fromString(file.text, URI.parse(file.uri));
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return { snapshot: Vpc.workspace.WorkspaceModel.get(), documents };
}

/**
 * Which design a document belongs to. The documents of one design see each other's names and make
 * one model (checks, probes, preview); a document of another design is invisible to them. The
 * command line reads the files it is given as one design; the language server makes the files
 * under the workspace folders one design and every other file a design of its own, so that a
 * teaching example opened beside a workspace (or beside another example) is not merged with it.
 */
import { AstUtils, URI, type AstNode, type LangiumDocument } from 'langium';

/** The design of the workspace: every document, unless a subclass says otherwise. */
export const WORKSPACE_DESIGN = '';

export type DesignSubject = AstNode | LangiumDocument | URI | string | undefined;

export class Designs {
    /** One design for everything: what the command line and the tests of the language want. */
    get single(): boolean {
        return true;
    }

    designOfUri(_uri: URI): string {
        return WORKSPACE_DESIGN;
    }

    /** The design of a node's document, a document, a URI (or its text); nothing names the workspace's. */
    designOf(subject: DesignSubject): string {
        if (subject === undefined || this.single) return WORKSPACE_DESIGN;
        if (typeof subject === 'string') return this.designOfUri(URI.parse(subject));
        if (URI.isUri(subject)) return this.designOfUri(subject);
        if ('parseResult' in subject && 'textDocument' in subject) return this.designOfUri(subject.uri);
        const document = AstUtils.findRootNode(subject).$document;
        return document ? this.designOfUri(document.uri) : WORKSPACE_DESIGN;
    }
}

/**
 * Rename across files that keeps qualified references (`vpc.name`) qualified, follows a VPC's
 * name into the qualified names of its members, and refuses a name that is not a name or that
 * another element of the same namespace already has.
 */
import { AstUtils, CstUtils, GrammarAST, GrammarUtils, URI, type AstNode, type LangiumDocument, type LangiumDocuments } from 'langium';
import { DefaultRenameProvider, type LangiumServices } from 'langium/lsp';
import { ResponseError, type RenameParams, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { namedElements, namespaceOf } from '../../checker/names.js';
import { isVpc } from '../generated/ast.js';
import type { VpcAddedServices } from '../vpc-module.js';
import type { WorkspaceModel } from '../workspace-model.js';

/** LSP's error code for a request the server cannot carry out as asked. */
const REQUEST_FAILED = -32803;

export class VpcRenameProvider extends DefaultRenameProvider {
    private readonly model: WorkspaceModel;
    private readonly documents: LangiumDocuments;
    /** The grammar's ID terminal, whole: what a new name must be. */
    private readonly name: RegExp;

    constructor(services: LangiumServices & VpcAddedServices) {
        super(services);
        this.model = services.workspace.WorkspaceModel;
        this.documents = services.shared.workspace.LangiumDocuments;
        const id = services.Grammar.rules.find((r): r is GrammarAST.TerminalRule => GrammarAST.isTerminalRule(r) && r.name === 'ID')!;
        this.name = new RegExp(`^(?:${GrammarUtils.terminalRegex(id).source})$`);
    }

    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        const root = document.parseResult.value.$cstNode;
        const leaf =
            root &&
            CstUtils.findDeclarationNodeAtOffset(root, document.textDocument.offsetAt(params.position), this.grammarConfig.nameRegexp);
        const target = leaf && this.references.findDeclarations(leaf)[0];
        if (!target) return undefined;
        const newName = params.newName;
        if (!this.name.test(newName))
            throw new ResponseError(
                REQUEST_FAILED,
                `'${newName}' is not a name: letters, digits, '_' and '-', starting with a letter or '_'.`
            );
        const snapshot = this.model.get(document);
        const id = snapshot.ids.get(target);
        const named = namedElements(snapshot.topology);
        const element = named.find(e => e.id === id);
        const namespace = element && namespaceOf(element);
        if (element && namespace !== undefined) {
            const clash = named.find(e => e.name === newName && e.id !== element.id && namespaceOf(e) === namespace);
            if (clash)
                throw new ResponseError(
                    REQUEST_FAILED,
                    `${clash.kind} ${newName} already exists where ${element.name} is named: renaming would make references ambiguous.`
                );
        }

        const edit = await super.rename(document, params);
        const oldName = element?.name;
        if (!edit?.changes || !oldName) return edit;
        for (const [uri, edits] of Object.entries(edit.changes)) {
            const text = this.documents.getDocument(URI.parse(uri))?.textDocument;
            if (!text) continue;
            // A qualified reference keeps its qualifier: only the last part is the name.
            edit.changes[uri] = edits.map(e => {
                const old = text.getText(e.range);
                return old.includes('.') ? { ...e, newText: `${old.slice(0, old.lastIndexOf('.') + 1)}${newName}` } : e;
            });
        }
        if (isVpc(target)) this.renameQualifiers(target, oldName, newName, edit.changes);
        return edit;
    }

    /** References written `vpc.member` to members of the renamed VPC get the new qualifier. */
    private renameQualifiers(vpc: AstNode, oldName: string, newName: string, changes: Record<string, TextEdit[]>): void {
        for (const document of this.documents.all) {
            for (const reference of document.references) {
                const node = reference.$refNode;
                const resolved = 'ref' in reference ? reference.ref : undefined;
                if (!node || !resolved || !reference.$refText.startsWith(`${oldName}.`)) continue;
                if (AstUtils.getContainerOfType(resolved, isVpc) !== vpc) continue;
                const start = node.range.start;
                (changes[document.uri.toString()] ??= []).push({
                    range: { start, end: { line: start.line, character: start.character + oldName.length } },
                    newText: newName
                });
            }
        }
    }
}

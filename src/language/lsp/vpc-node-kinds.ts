/** What the outline and workspace symbols call each element: its kind from the kinds registry. */
import type { AstNode, AstNodeDescription } from 'langium';
import { DefaultNodeKindProvider } from 'langium/lsp';
import type { SymbolKind } from 'vscode-languageserver';
import { astKind } from '../kinds.js';

export class VpcNodeKindProvider extends DefaultNodeKindProvider {
    override getSymbolKind(node: AstNode | AstNodeDescription): SymbolKind {
        const type = '$type' in node ? node.$type : node.type;
        return astKind(type)?.symbol ?? super.getSymbolKind(node);
    }
}

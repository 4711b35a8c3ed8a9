/**
 * The canonical layout: one space between tokens (none around `.` in names, before `,` and `:`,
 * or around `-` in port ranges), top-level statements and VPC members one per line, and a block
 * of routes, rules, policy statements or flow-log settings one entry per line when it has more
 * than one; short property blocks stay on their line as `{ a b }`. Blank lines and comments stay.
 */
import { AstUtils, CstUtils, isLeafCstNode, type AstNode, type CstNode } from 'langium';
import { AbstractFormatter, Formatting } from 'langium/lsp';
import type { TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import * as ast from '../generated/ast.js';
import { kindInfoOfType } from '../kinds.js';

/** Blocks laid out one entry per line when they hold more than one entry: the registry's `list` kinds, policies and TGW route tables. */
function isListBlock(node: AstNode): boolean {
    return ast.isPolicy(node) || ast.isTgwRouteTable(node) || kindInfoOfType(node.$type)?.layout === 'list';
}

export class VpcFormatter extends AbstractFormatter {
    protected format(node: AstNode): void {
        const formatter = this.getNodeFormatter(node);
        if (ast.isWorkspace(node)) {
            const [first, ...rest] = node.statements.map(firstToken);
            if (first) formatter.cst([first]).prepend(Formatting.noSpace({ priority: 2 }));
            formatter.cst(rest.filter(t => t !== undefined)).prepend(Formatting.newLine({ allowMore: true, priority: 2 }));
            return;
        }
        this.spaceTokens(node);
        const open = formatter.keyword('{');
        const close = formatter.keyword('}');
        if (open.nodes.length === 0 || close.nodes.length === 0) return;
        const entries = AstUtils.streamContents(node)
            .filter(child => child.$cstNode !== undefined && child.$cstNode.offset > open.nodes[0]!.offset)
            .toArray();
        const multiLine =
            kindInfoOfType(node.$type)?.layout === 'members' ||
            (isListBlock(node) && entries.length > 1) ||
            entries.some(e => ast.isPolicy(e) && e.statements.length > 1);
        if (!multiLine) return;
        formatter.interior(open, close).prepend(Formatting.indent({ priority: 1 }));
        // On the entries' first tokens, where their own one-space formatting would otherwise win.
        formatter.cst(entries.map(firstToken).filter(t => t !== undefined)).prepend(Formatting.newLine({ allowMore: true, priority: 1 }));
        close.prepend(Formatting.newLine({ priority: 1 }));
    }

    /**
     * A member and its first token start at one offset and both ask for the text before them;
     * with no whitespace there (`{cidr`) both edits would be inserted, giving a blank line. The
     * later one (the token's) wins, as it does when there is whitespace to replace.
     */
    protected override avoidOverlappingEdits(textDocument: TextDocument, textEdits: TextEdit[]): TextEdit[] {
        const offset = (edit: TextEdit) => `${textDocument.offsetAt(edit.range.start)}:${textDocument.offsetAt(edit.range.end)}`;
        const single = textEdits.filter((edit, i) => {
            const next = textEdits[i + 1];
            return !(
                next &&
                edit.range.start.line === edit.range.end.line &&
                edit.range.start.character === edit.range.end.character &&
                offset(edit) === offset(next)
            );
        });
        return super.avoidOverlappingEdits(textDocument, single);
    }

    /** One space before each token this node owns, with the exceptions of names, lists and ranges. */
    private spaceTokens(node: AstNode): void {
        const cst = node.$cstNode;
        if (!cst) return;
        const formatter = this.getNodeFormatter(node);
        let previous: CstNode | undefined;
        for (const token of CstUtils.streamCst(cst)) {
            if (!isLeafCstNode(token) || token.hidden || token.astNode !== node) continue;
            const glued =
                token.text === '.' ||
                previous?.text === '.' ||
                token.text === ',' ||
                token.text === ':' ||
                (ast.isPortRange(node) && (token.text === '-' || previous?.text === '-'));
            formatter.cst([token]).prepend(glued ? Formatting.noSpace() : Formatting.oneSpace());
            previous = token;
        }
    }
}

function firstToken(node: AstNode): CstNode | undefined {
    return node.$cstNode && CstUtils.streamCst(node.$cstNode).find(t => isLeafCstNode(t) && !t.hidden);
}

/** A `▶ trace` lens above each probe, with the command the VS Code extension binds to the preview. */
import { AstUtils, type LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { isProbe } from '../generated/ast.js';

/** The command id of the lens; its arguments are the document URI and the probe's 1-based line. */
export const TRACE_COMMAND = 'vpc-lab.traceProbe';

export class VpcCodeLensProvider implements CodeLensProvider {
    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): CodeLens[] {
        const lenses: CodeLens[] = [];
        for (const node of AstUtils.streamContents(document.parseResult.value)) {
            if (!isProbe(node) || !node.$cstNode) continue;
            const range = node.$cstNode.range;
            lenses.push({
                range: { start: range.start, end: range.start },
                command: { title: '▶ trace', command: TRACE_COMMAND, arguments: [document.uri.toString(), range.start.line + 1] }
            });
        }
        return lenses;
    }
}

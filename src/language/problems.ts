/** How many errors and warnings the built documents carry, and the first syntax error, for the preview's banner. */
import { DocumentValidator, type LangiumDocument } from 'langium';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { PreviewProblems } from '../model/preview-data.js';

export function problemsOf(documents: readonly LangiumDocument[]): PreviewProblems {
    const problems: PreviewProblems = { errors: 0, warnings: 0, syntaxErrors: 0 };
    for (const document of documents) {
        const { lexerErrors, parserErrors } = document.parseResult;
        problems.syntaxErrors += lexerErrors.length + parserErrors.length;
        for (const diagnostic of document.diagnostics ?? []) {
            if (diagnostic.severity === DiagnosticSeverity.Error) problems.errors++;
            else if (diagnostic.severity === DiagnosticSeverity.Warning) problems.warnings++;
            const code = (diagnostic.data as { code?: string } | undefined)?.code;
            if (!problems.firstSyntaxError && (code === DocumentValidator.ParsingError || code === DocumentValidator.LexingError)) {
                problems.firstSyntaxError = {
                    loc: { uri: document.uri.toString(), range: diagnostic.range },
                    message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value
                };
            }
        }
    }
    return problems;
}

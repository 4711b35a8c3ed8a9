/**
 * `vpc-lab format PATH... [--check]`: the editor's formatter over files, like `terraform fmt`.
 * It rewrites only files that parse (a file with syntax errors is named and left as it is), and
 * nothing at all when an input cannot be read. With `--check` it writes nothing and lists the
 * files whose layout differs, for CI.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { VpcFormatter } from '../language/lsp/vpc-formatter.js';
import { describeFsError } from '../io/errors.js';
import { ExitCode, reportLoadErrors, writeOut } from './output.js';
import { loadWorkspace, type LoadedFile } from './workspace.js';

/** Two spaces, as the examples and the printer write. */
const LAYOUT = { tabSize: 2, insertSpaces: true };

export async function formatCommand(paths: string[], options: { check?: boolean }): Promise<number> {
    const workspace = await loadWorkspace(paths, { validation: false });
    if (workspace.errors.length > 0) {
        reportLoadErrors(workspace.errors);
        process.stderr.write(`vpc-lab: nothing was ${options.check ? 'checked' : 'formatted'}\n`);
        return ExitCode.Usage;
    }
    const formatter = new VpcFormatter();
    let broken = false;
    const differing: Array<{ file: LoadedFile; text: string }> = [];
    for (const [i, document] of workspace.documents.entries()) {
        const file = workspace.files[i]!;
        const error = firstSyntaxError(document);
        if (error) {
            process.stderr.write(`vpc-lab: ${file.display}:${error} — not formatted: fix the syntax first\n`);
            broken = true;
            continue;
        }
        const edits = await formatter.formatDocument(document, { textDocument: { uri: file.uri }, options: LAYOUT });
        const text = sameLineEnds(file.text, TextDocument.applyEdits(TextDocument.create(file.uri, 'vpc', 0, file.text), edits));
        if (text !== file.text) differing.push({ file, text });
    }
    if (!options.check) {
        for (const { file, text } of differing) {
            try {
                await writeFile(fileURLToPath(file.uri), text, 'utf8');
            } catch (error) {
                reportLoadErrors([`cannot write '${file.display}': ${describeFsError(error)}`]);
                return ExitCode.Usage;
            }
        }
    }
    if (differing.length > 0) await writeOut(differing.map(d => `${d.file.display}\n`).join(''));
    return broken || (options.check && differing.length > 0) ? ExitCode.Errors : ExitCode.Ok;
}

/** `LINE:COLUMN: message` of the first lexer or parser error, or undefined when the text parses. */
function firstSyntaxError(document: LangiumDocument): string | undefined {
    const { lexerErrors, parserErrors } = document.parseResult;
    const lexer = lexerErrors[0];
    if (lexer) return `${lexer.line ?? 0}:${lexer.column ?? 0}: ${lexer.message}`;
    const parser = parserErrors[0];
    if (!parser) return undefined;
    const token = parser.token;
    return `${Number.isNaN(token.startLine) || token.startLine === undefined ? '?' : token.startLine}:${Number.isNaN(token.startColumn) || token.startColumn === undefined ? '?' : token.startColumn}: ${parser.message}`;
}

/** The formatter breaks lines with `\n`; a file written with `\r\n` keeps them. */
function sameLineEnds(original: string, formatted: string): string {
    return original.includes('\r\n') ? formatted.replace(/\r?\n/g, '\r\n') : formatted;
}

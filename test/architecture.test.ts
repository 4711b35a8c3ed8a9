/** The layering of the design (imports point down only), and the type check of the whole project. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../src/model/kinds.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');

/** Which layers each layer may import from (besides itself). */
const allowed: Record<string, string[]> = {
    model: [],
    simulator: ['model'],
    checker: ['simulator', 'model'],
    io: ['simulator', 'model'],
    interop: ['simulator', 'printer', 'model'],
    printer: ['simulator', 'model'],
    language: ['checker', 'simulator', 'model', 'node20.ts'],
    'language-server': ['language', 'checker', 'simulator', 'io', 'interop', 'printer', 'model', 'protocol.ts', 'node20.ts'],
    cli: ['language', 'checker', 'simulator', 'io', 'interop', 'printer', 'model', 'protocol.ts', 'node20.ts'],
    docs: ['language', 'checker', 'model'],
    'main.ts': ['cli', 'language-server'],
    'protocol.ts': ['model'],
    extension: ['protocol.ts', 'model'],
    webview: ['protocol.ts', 'model']
};

function files(folder: string): string[] {
    return readdirSync(folder).flatMap(name => {
        const path = join(folder, name);
        return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
    });
}

function layerOf(path: string): string {
    return relative(src, path).split(/[\\/]/)[0]!;
}

describe('architecture', () => {
    it('imports point down the layers only', () => {
        const violations: string[] = [];
        for (const file of files(src)) {
            const layer = layerOf(file);
            if (layer === 'node20.ts') continue;
            const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
            for (const { fileName } of importedFiles) {
                if (!fileName.startsWith('.')) continue;
                const target = layerOf(resolve(dirname(file), fileName)).replace(/\.js$/, '.ts');
                if (target === layer) continue;
                const typeOnly = layer === 'extension' || layer === 'webview';
                if (!(allowed[layer] ?? []).includes(target))
                    violations.push(`${relative(root, file)} imports ${fileName}${typeOnly ? ' (only protocol/model types allowed)' : ''}`);
            }
        }
        expect(violations).toEqual([]);
    });

    it('the model, simulator, checker, file writers, printer and interop know nothing of Langium or VS Code', () => {
        const offenders = ['simulator', 'checker', 'model', 'io', 'printer', 'interop']
            .flatMap(folder => files(join(src, folder)))
            .filter(file =>
                ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.some(i => /^(langium|vscode)/.test(i.fileName))
            );
        expect(offenders.map(f => relative(root, f))).toEqual([]);
    });

    it('the extension and the page take only types from the model, and their messages only from protocol.ts', () => {
        const violations: string[] = [];
        for (const file of ['extension', 'webview'].flatMap(folder => files(join(src, folder)))) {
            const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
            for (const statement of source.statements) {
                if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
                const from = statement.moduleSpecifier.text;
                const clause = statement.importClause;
                const typeOnly =
                    clause !== undefined &&
                    (clause.isTypeOnly ||
                        (!clause.name &&
                            clause.namedBindings !== undefined &&
                            ts.isNamedImports(clause.namedBindings) &&
                            clause.namedBindings.elements.every(e => e.isTypeOnly)));
                // Values only from the model's small pure modules (ids, the exhaustiveness guard): the rest is types.
                const pure = /model\/(ids|assert-never)\.js$/.test(from);
                if (from.startsWith('.') && layerOf(resolve(dirname(file), from)) === 'model' && !typeOnly && !pure)
                    violations.push(`${relative(root, file)} imports values from ${from}`);
                if (/^vscode-(jsonrpc|languageserver)/.test(from))
                    violations.push(`${relative(root, file)} imports ${from}: messages are declared in protocol.ts`);
            }
        }
        expect(violations).toEqual([]);
    });

    it('the protocol is imported through vscode-languageserver only, whose copy of JSON-RPC the connection uses', () => {
        const offenders = ['src', 'test', 'bench']
            .flatMap(folder => files(join(root, folder)))
            .filter(file =>
                ts
                    .preProcessFile(readFileSync(file, 'utf8'), true, true)
                    .importedFiles.some(i => /^vscode-(languageserver-protocol|languageserver-types|jsonrpc)(\/|$)/.test(i.fileName))
            );
        expect(offenders.map(f => relative(root, f))).toEqual([]);
    });

    it('custom messages are sent and handled through the typed declarations of protocol.ts, never by name', () => {
        const methods = new Set(['sendRequest', 'sendNotification', 'onRequest', 'onNotification']);
        const violations: string[] = [];
        const everything = ['src', 'test', 'bench'].flatMap(folder => files(join(root, folder)));
        for (const file of everything) {
            if (file === join(src, 'protocol.ts') || file.includes(`${join('src', 'language', 'generated')}`)) continue;
            const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
            const where = (node: ts.Node) => `${relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
            const visit = (node: ts.Node): void => {
                if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && methods.has(node.expression.name.text)) {
                    const first = node.arguments[0];
                    if (node.typeArguments)
                        violations.push(`${where(node)}: ${node.expression.name.text}<…> asserts the type of a message`);
                    if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)))
                        violations.push(`${where(node)}: ${node.expression.name.text}('${first.text}') names a message by its string`);
                }
                if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && /^vpc\/\w+$/.test(node.text))
                    violations.push(`${where(node)}: '${node.text}' outside protocol.ts`);
                ts.forEachChild(node, visit);
            };
            visit(source);
        }
        expect(violations).toEqual([]);
    });

    it('only model/ids.ts writes or reads the shape of an id', () => {
        const kinds = Object.keys(KINDS).join('|');
        const shapes: Array<[RegExp, string]> = [
            [new RegExp(`[\`'](?:${kinds}):\\$\\{`), 'builds `kind:name` by hand'],
            [/\$\{[^}]*\}[@#]\$\{/, 'builds an ENI-place or duplicate id by hand'],
            [/\$\{[^}]*[iI]d\}\/\$\{/, 'builds a part id by hand'],
            [/indexOf\('[:@#]'\)|lastIndexOf\('#'\)|[iI]d\.split\(/, 'takes an id apart by hand'],
            [/[iI]d\.slice\([^)]*indexOf/, 'takes an id apart by hand']
        ];
        const offenders = files(src)
            .filter(f => !f.includes(`${join('language', 'generated')}`) && !f.endsWith(join('model', 'ids.ts')))
            .flatMap(file =>
                readFileSync(file, 'utf8')
                    .split('\n')
                    .flatMap((line, i) =>
                        shapes.filter(([re]) => re.test(line)).map(([, why]) => `${relative(root, file)}:${i + 1} ${why}`)
                    )
            );
        expect(offenders).toEqual([]);
    });

    it('type-checks in strict mode', () => {
        const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
        let output = '';
        try {
            execFileSync(process.execPath, [tsc, '--noEmit', '-p', root], { encoding: 'utf8', stdio: 'pipe' });
        } catch (error) {
            output = String((error as { stdout?: string }).stdout ?? error);
        }
        expect(output).toBe('');
    }, 120_000);
});

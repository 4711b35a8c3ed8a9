/** The layering of the design (imports point down only), and the type check of the whole project. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

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
    'language-server': ['language', 'checker', 'simulator', 'io', 'model', 'protocol.ts', 'node20.ts'],
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
                if (!(allowed[layer] ?? []).includes(target)) violations.push(`${relative(root, file)} imports ${fileName}${typeOnly ? ' (only protocol/model types allowed)' : ''}`);
            }
        }
        expect(violations).toEqual([]);
    });

    it('the model, simulator, checker, file writers, printer and interop know nothing of Langium or VS Code', () => {
        const offenders = ['simulator', 'checker', 'model', 'io', 'printer', 'interop'].flatMap(folder => files(join(src, folder))).filter(file =>
            ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.some(i => /^(langium|vscode)/.test(i.fileName)));
        expect(offenders.map(f => relative(root, f))).toEqual([]);
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

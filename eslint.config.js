// Lint rules for the whole code base; `npm run lint`, and a test keeps it clean.
import tseslint from 'typescript-eslint';

export default tseslint.config(
    { ignores: ['out/**', 'node_modules/**', 'src/language/generated/**', '.vscode-test/**', 'coverage/**', '**/*.cjs'] },
    ...tseslint.configs.recommended,
    {
        languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
        rules: {
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
            '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
            'no-restricted-syntax': ['error', {
                selector: "CallExpression[callee.property.name='sendRequest'][arguments.0.type='Literal']",
                message: 'Declare the request once in src/protocol.ts and send its RequestType.'
            }],
            eqeqeq: ['error', 'always', { null: 'ignore' }],
            'prefer-const': 'error'
        }
    },
    {
        files: ['src/extension/**/*.ts', 'src/webview/**/*.ts'],
        rules: {
            'no-restricted-imports': ['error', {
                patterns: [{ group: ['../language/*', '../language-server/*', '../simulator/*', '../checker/*', '../cli/*', '../io/*', '../interop/*', 'langium', 'langium/*'], message: 'The extension and the page import only protocol.ts and model types.' }]
            }]
        }
    },
    {
        files: ['scripts/**/*.mjs', 'bin/**/*.js'],
        languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } }
    }
);

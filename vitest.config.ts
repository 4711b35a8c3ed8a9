import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        setupFiles: ['src/node20.ts'],
        // Temporary files of the run in one folder, removed at its end.
        globalSetup: ['test/temporary-folder.ts'],
        // Terraform imports parse afresh in tests; the parse cache has tests of its own.
        env: { VPC_LAB_CACHE_DIR: 'off' },
        testTimeout: 60_000,
        hookTimeout: 120_000,
        reporters: ['default', ['json', { outputFile: '.test-results/vitest.json' }]]
    }
});

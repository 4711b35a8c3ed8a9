import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        setupFiles: ['src/node20.ts'],
        testTimeout: 60_000,
        hookTimeout: 120_000,
        reporters: ['default', ['json', { outputFile: '.test-results/vitest.json' }]]
    }
});

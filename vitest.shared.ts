import { defineConfig } from 'vitest/config';

/**
 * Shared by every package. Tests run on the TypeScript sources of workspace
 * packages (the "source" export condition), and each run leaves a JSON report
 * that scripts/test.mjs sums into one closing line.
 */
export default defineConfig({
  resolve: { conditions: ['source', 'import', 'default'] },
  ssr: { resolve: { conditions: ['source', 'import', 'default'], externalConditions: ['source'] } },
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
  },
});

import { defineConfig } from 'vitest/config';

/** Tests run on the TypeScript sources of workspace packages (the "source" export condition). */
export default defineConfig({
  resolve: { conditions: ['source', 'import', 'default'] },
  ssr: { resolve: { conditions: ['source', 'import', 'default'], externalConditions: ['source'] } },
  test: { include: ['src/**/*.test.ts'], testTimeout: 30_000 },
});

import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Docs examples import the package by name; in tests that name is the source.
    alias: [
      { find: /^ticket-recipients\/testing$/, replacement: resolve(import.meta.dirname, 'src/testing/index.ts') },
      { find: /^ticket-recipients$/, replacement: resolve(import.meta.dirname, 'src/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test-prop.ts'],
    testTimeout: 60_000,
    // The library keeps no module state, so test files can share one module graph per worker:
    // most of the run's time was re-importing the same sources for every file.
    isolate: false,
    hookTimeout: 180_000,
  },
});

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
    hookTimeout: 180_000,
  },
});

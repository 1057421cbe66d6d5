import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // The example runs against the built package, as an application would.
    alias: [{ find: /^ticket-recipients$/, replacement: resolve(import.meta.dirname, 'dist/index.js') }],
  },
  test: {
    include: ['examples/postgres/test/**/*.test.ts'],
    // One server, one database: files would race on it for nothing.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

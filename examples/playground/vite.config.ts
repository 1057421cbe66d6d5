import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The page imports the package as built (dist/), so the browser runs what npm ships.
export default defineConfig({
  root: import.meta.dirname,
  resolve: { alias: { 'ticket-recipients': resolve(import.meta.dirname, '../../dist/index.js') } },
  build: { outDir: resolve(import.meta.dirname, '../../.tmp/playground'), emptyOutDir: true },
  logLevel: 'warn',
});

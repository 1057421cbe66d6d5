import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

// The suite as Stryker runs it (`npm run mutation`): the same tests, minus those that build,
// pack, spawn processes or read the sources as text (an instrumented source is not the
// source), and with property tests on a fixed seed so a mutant's verdict never depends on luck.
const merged = mergeConfig(
  base,
  defineConfig({
    test: {
      // MUTATION_TESTS="test/a.test.ts,test/b.test.ts" runs a folder against the test files that
      // exercise it: minutes instead of hours on two cores, and a score for those files only.
      exclude: [
        'node_modules/**',
        'test/artifact.test.ts',
        'test/api-docs.test.ts',
        'test/links.test.ts',
        'test/purity.test.ts',
        'test/jsdoc-examples.test.ts',
        'test/docs.test.ts',
        // MUTATION_BASELINE=1 measures the score without the tests written to kill survivors.
        ...(process.env['MUTATION_BASELINE'] === '1' ? ['test/mutation-*.test.ts'] : []),
      ],
      setupFiles: ['test/mutation/fixed-seed.ts'],
    },
  }),
);

// mergeConfig joins arrays, so a narrower include replaces the base one here.
const only = process.env['MUTATION_TESTS'];
export default only ? { ...merged, test: { ...merged.test, include: only.split(',') } } : merged;

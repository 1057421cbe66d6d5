// Used only by vitest.mutation.config.ts: one seed for every property during a mutation run,
// so a mutant killed once is killed on every run and incremental reports stay valid.
import fc from 'fast-check';

const seed = Number(process.env['FC_SEED'] ?? 42);
// Tests that name their own numRuns keep it; the rest run fewer cases than fast-check's 100.
fc.configureGlobal({ seed, numRuns: Number(process.env['FC_NUM_RUNS'] ?? 50) });

// Used only by vitest.mutation.config.ts: one seed for every property during a mutation run,
// so the cases a mutant meets are the same on every run and incremental reports stay valid.
import fc from 'fast-check';

const seed = Number(process.env['FC_SEED'] ?? 42);
// Tests that name their own numRuns keep it, but no property runs longer than the time limit:
// a surviving mutant reruns every test that covers it, and the long properties would make a
// folder's run last hours on two cores. Cut short is a pass, never a failure (a mutant that
// only a late case would kill survives and shows in the report).
fc.configureGlobal({
  seed,
  numRuns: Number(process.env['FC_NUM_RUNS'] ?? 50),
  interruptAfterTimeLimit: Number(process.env['FC_TIME_LIMIT_MS'] ?? 1500),
  markInterruptAsFailure: false,
});

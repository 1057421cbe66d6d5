// Bad input: whatever an untyped caller or a stored blob passes to an export, it gets a value back, never a throw.
import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import * as lib from '../src/index.js';

// createSettings throws by design (a typed caller's mistake); evolve and fold take events checked by readEvents.
const BY_DESIGN = new Set(['createSettings', 'evolve', 'fold']);
const exported = Object.entries(lib).filter(([name, value]) => typeof value === 'function' && !BY_DESIGN.has(name)) as [string, (...args: unknown[]) => unknown][];

describe('I9: no export throws for input', () => {
  it('covers every exported function but those named above', () => {
    expect(exported.length).toBeGreaterThan(25);
  });

  it.prop([fc.array(fc.anything({ withNullPrototype: true, withObjectString: true }), { maxLength: 4 })], { numRuns: 1500 })('I9: any arguments to any export', (args) => {
    for (const [name, fn] of exported) {
      try {
        fn(...args);
      } catch (error) {
        throw new Error(`${name} threw ${(error as Error).message}`);
      }
    }
  });
});

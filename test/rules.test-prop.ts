import { it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { assertTicketInvariants } from '../src/testing/invariants.js';
import { rules } from '../src/testing/rules.js';
import { play, settings, steps } from '../src/testing/scenario.js';

describe('G3 with random rule sets (rules that add and remove the same address, trigger each other, break the limit or the denylist)', () => {
  it.prop([settings(), steps(), rules()], { numRuns: 400 })('G3: evaluation terminates, each rule fires at most once per update, and I4–I7 hold with rules in the mix', (config, list, ruleSet) => {
    play(
      list,
      config,
      (tickets, last) => {
        if (last !== null) {
          expect(new Set(last.firedRules).size).toBe(last.firedRules.length);
          for (const id of last.firedRules) expect(ruleSet.find((r) => r.id === id)?.active).toBe(true);
        }
        for (const { ticket, log } of tickets.values()) assertTicketInvariants(ticket, log, config);
      },
      ruleSet,
    );
  });
});

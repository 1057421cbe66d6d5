import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { planDelivery } from '../src/index.js';
import { assertNoBccLeak, assertNoDuplicateDelivery, assertNoFollowerInCustomerHeaders, assertNoNoteToEndUser } from '../src/testing/plan-invariants.js';
import { play, scenarioDirectory, settings, steps } from '../src/testing/scenario.js';

const RUNS = { numRuns: 400 };

describe('I1–I3 over random tickets and random comments', () => {
  it.prop([settings(), steps(), fc.constantFrom('public', 'internal' as const)], RUNS)(
    'I1 I2 I3: no BCC in headers, no note to an end user, no follower in customer headers, nobody twice',
    (config, list, visibility) => {
      const { tickets, trace } = play(list, config);
      const context = { settings: config, directory: scenarioDirectory };
      const inbound = trace.flatMap((t) => (t.result?.ok && t.result.value.email?.comment ? [t.result.value.email.comment] : []));
      for (const { ticket } of tickets.values()) {
        for (const comment of [{ id: 'agent-reply', visibility }, ...inbound]) {
          const plan = planDelivery(ticket, comment, context);
          expect(plan.ok).toBe(true);
          if (!plan.ok) return;
          const identity = { caseSensitiveLocalPart: config.caseSensitiveLocalPart };
          assertNoBccLeak(plan.value, ticket, identity);
          assertNoNoteToEndUser(plan.value, scenarioDirectory);
          assertNoFollowerInCustomerHeaders(plan.value, ticket, identity);
          assertNoDuplicateDelivery(plan.value);
        }
      }
    },
  );

  it.prop([settings(), steps()], RUNS)('B1: every CC and the requester receive an agent\'s public reply exactly once', (config, list) => {
    const { tickets } = play(list, config);
    for (const { ticket } of tickets.values()) {
      const plan = planDelivery(ticket, { id: 'r', visibility: 'public' }, { settings: config, directory: scenarioDirectory });
      if (!plan.ok) throw new Error(JSON.stringify(plan.error));
      const received = plan.value.messages.flatMap((m) => m.envelope.map((e) => e.key));
      for (const who of [...(ticket.requester ? [ticket.requester] : []), ...ticket.ccs, ...ticket.bccs]) {
        expect(received.filter((k) => k === who.key)).toHaveLength(1);
      }
    }
  });
});

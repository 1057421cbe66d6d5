import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { handle, planDelivery } from '../src/index.js';
import { assertTicketInvariants, deepFreeze } from '../src/testing/invariants.js';
import { play, scenarioDirectory, settings, steps, type Step } from '../src/testing/scenario.js';
import { ticketsHolding } from './support/comments.js';

const RUNS = { numRuns: 250 };

describe('I4–I9 under random sequences of emails, edits by random actors and notice resolutions', () => {
  it.prop([settings(), steps()], RUNS)('I4 I5 I6 I7: limit, denylist and support, one role, history folds — after every step, on every ticket', (config, list) => {
    play(list, config, (tickets) => {
      for (const { ticket, log } of tickets.values()) assertTicketInvariants(ticket, log, config);
    });
  });

  it.prop([settings(), steps()], RUNS)('I8: every inbound email ends as exactly one comment on exactly one ticket (after splits too)', (config, list) => {
    const { tickets, trace } = play(list, config);
    const kept = new Set<string>();
    for (const { command, result } of trace) {
      if (command?.type !== 'receive-email' || !result?.ok) continue;
      const outcome = result.value.email?.outcome;
      if (outcome === 'opened' || outcome === 'added') kept.add(command.messageId);
      else expect(['duplicate', 'mail-loop']).toContain(outcome);
    }
    const where = ticketsHolding(tickets);
    for (const messageId of kept) expect(where.get(messageId)).toHaveLength(1);
    const total = [...tickets.values()].reduce((n, { ticket }) => n + ticket.commentCount, 0);
    expect(total).toBe(kept.size);
  });

  it.prop([settings(), steps(), fc.nat()], RUNS)('I9: deterministic, never mutates frozen inputs, never throws', (config, list, pick) => {
    // Play to some point, then replay one more command twice on deep-frozen inputs.
    const { tickets, trace } = play(list, config);
    const entry = trace[pick % Math.max(trace.length, 1)];
    const stored = [...tickets.values()][0];
    if (entry?.command === null || entry === undefined) return;
    const ticket = deepFreeze(structuredClone(stored?.ticket ?? null));
    const command = deepFreeze(structuredClone(entry.command));
    const context = deepFreeze({ settings: structuredClone(config), directory: scenarioDirectory });
    const once = handle(ticket, command, context);
    const twice = handle(ticket, command, context);
    expect(twice).toEqual(once);
  });

  it.prop([fc.anything(), fc.anything()], { numRuns: 500 })('I9: untyped garbage as ticket command gives an error value, never a throw', (junk, other) => {
    const r = handle(null, junk as never, { settings: settingsFor() });
    expect(typeof r.ok).toBe('boolean');
    const t = play([{ kind: 'email', from: 'a@acme.example', to: ['support@desk.example'], cc: [], answersNote: false } as Step]).tickets.get('T-1')!.ticket;
    expect(typeof handle(t, junk as never).ok).toBe('boolean');
    expect(typeof handle(t, { type: 'edit-recipients', changes: [{ op: 'add', field: 'cc', address: other }], by: { kind: 'agent', id: 'k' }, at: 't' } as never).ok).toBe('boolean');
    expect(typeof handle(t, { type: 'receive-email', messageId: 'x', at: 't', from: junk, to: other, cc: junk } as never).ok).toBe('boolean');
    const edit = { type: 'edit-recipients', changes: [{ op: 'add', field: 'cc', address: 'x@acme.example' }], by: { kind: 'agent', id: 'k' }, at: 't' } as const;
    for (const context of [junk, { settings: junk }, { rules: junk }, { directory: junk }, { settings: { denylist: junk, ccLimit: other } }]) {
      expect(typeof handle(t, edit, context as never).ok).toBe('boolean');
      expect(typeof planDelivery(t, { id: 'c', visibility: 'public' }, context as never).ok).toBe('boolean');
    }
  });
});

function settingsFor() {
  return fc.sample(settings(), { numRuns: 1, seed: 1 })[0]!;
}

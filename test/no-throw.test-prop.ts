// Bad input: whatever an untyped caller or a stored blob passes to an export, it gets a value back, never a throw.
import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import * as lib from '../src/index.js';

// createSettings throws by design (a typed caller's mistake); evolve and fold take events checked by readEvents.
const BY_DESIGN = new Set(['createSettings', 'evolve', 'fold']);
const exported = Object.entries(lib).filter(([name, value]) => typeof value === 'function' && !BY_DESIGN.has(name)) as [string, (...args: unknown[]) => unknown][];

describe('I9: no export throws for input', () => {
  it.prop([fc.anything(), fc.anything()], { numRuns: 500 })('C3: the composer reducer takes any state and any action', (state, action) => {
    const { initial, reduce } = lib.createComposer(lib.emptyTicket('T'));
    expect(typeof reduce(state as never, action as never)).toBe('object');
    expect(typeof reduce(initial, action as never)).toBe('object');
  });

  it.prop([fc.anything(), fc.constantFrom<unknown>(
    { type: 'edit-recipients', changes: [{ op: 'add', field: 'cc', address: 'x@acme.example' }], by: { kind: 'agent', id: 'k' }, at: 't' },
    { type: 'receive-email', messageId: '<m@x>', at: 't', from: 'a@acme.example', to: 'support@desk.example' },
    { type: 'write-comment', commentId: 'c', visibility: 'public', by: { kind: 'agent', id: 'k' }, at: 't' },
    { type: 'resolve-notice', noticeId: 'n', resolution: 'split', newTicketId: 'T-2', by: { kind: 'agent', id: 'k' }, at: 't' },
  ), fc.anything()], { numRuns: 500 })('I9: a well-formed command on a ticket that is not one is refused as a value', (ticket, command, more) => {
    for (const t of [ticket, { v: 1, id: 'x', requester: null, ccs: more, bccs: [], followers: [], memory: [], notices: [], recentMessageIds: [], commentCount: 0, revision: 0 }]) {
      const r = lib.handle(t as never, command as never);
      expect(typeof r.ok).toBe('boolean');
      expect(typeof lib.planDelivery(t as never, { id: 'c', visibility: 'public' }).ok).toBe('boolean');
      const valid = lib.emptyTicket('T');
      for (const comment of [more, { id: 'c', visibility: 'public', to: more, cc: more, author: more }]) {
        expect(typeof lib.planDelivery(valid, comment as never).ok).toBe('boolean');
        expect(typeof lib.planNotification(valid, comment as never, 'requester-and-ccs').ok).toBe('boolean');
      }
      expect(Array.isArray(lib.suggest(t as never, 'a'))).toBe(true);
    }
  });

  it('covers every exported function but those named above', () => {
    expect(exported.length).toBeGreaterThan(25);
  });

  it.prop([fc.array(fc.anything({ withNullPrototype: true, withObjectString: true }), { maxLength: 4 })], { numRuns: 800 })('I9: any arguments to any export', (args) => {
    for (const [name, fn] of exported) {
      try {
        fn(...args);
      } catch (error) {
        throw new Error(`${name} threw ${(error as Error).message}`);
      }
    }
  });
});

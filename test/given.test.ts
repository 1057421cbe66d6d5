import { describe, expect, it } from 'vitest';
import { fold } from '../src/index.js';
import { given } from '../src/testing/given.js';
import { contextWith, email, must } from './support/tickets.js';

describe('given/when/then (E2: history is the source of truth)', () => {
  const history = () => must(null, { ...email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example' }), newTicketId: 'T' } as never).events;

  it('E2: given the history, when an agent adds a BCC, then one added event', () => {
    const then = given(history(), contextWith()).when({ type: 'edit-recipients', changes: [{ op: 'add', field: 'bcc', address: 'mia@desk.example' }], by: { kind: 'agent', id: 'kate' }, at: 't' });
    expect(then.events()).toEqual([expect.objectContaining({ type: 'added', field: 'bcc' })]);
    expect(then.ticket().bccs.map((m) => m.address)).toEqual(['mia@desk.example']);
    expect(() => then.refused()).toThrow(/accepted/);
  });

  it('D1: given the history, when a refused edit, then the codes', () => {
    const then = given(history(), contextWith({ ccLimit: 1 })).when({ type: 'edit-recipients', changes: [{ op: 'add', field: 'cc', address: 'x@acme.example' }], by: { kind: 'agent', id: 'kate' }, at: 't' });
    expect(then.refused()).toEqual(['cc-limit-exceeded']);
    expect(() => then.events()).toThrow(/refused: cc-limit-exceeded/);
  });

  it('F0: given nothing, when an email, then the ticket it opens', () => {
    const then = given([], contextWith()).when({ ...email({ from: 'ann@acme.example', to: 'support@desk.example' }), newTicketId: 'T' } as never);
    expect(then.ticket().requester?.address).toBe('ann@acme.example');
  });

  it('D1: given the history, when a refused edit, then the refusal and the unchanged ticket can be asserted', () => {
    const stored = history();
    const then = given(stored, contextWith({ ccLimit: 1 })).when({ type: 'edit-recipients', changes: [{ op: 'add', field: 'cc', address: 'x@acme.example' }], by: { kind: 'agent', id: 'kate' }, at: 't' });
    const issues = then.thenRefused('cc-limit-exceeded');
    expect(issues.map((i) => i.code)).toEqual(['cc-limit-exceeded']);
    expect(issues[0]?.message).toEqual(expect.any(String));
    expect(then.thenRefused()).toBe(issues);
    expect(then.ticket()).toEqual(fold(stored));
    expect(then.ticket().ccs.map((m) => m.address)).toEqual(['bob@acme.example']);
  });

  it('D1: thenRefused fails when the command was accepted, or refused for another reason', () => {
    const addBcc = { type: 'edit-recipients', changes: [{ op: 'add', field: 'bcc', address: 'mia@desk.example' }], by: { kind: 'agent', id: 'kate' }, at: 't' } as const;
    expect(() => given(history(), contextWith()).when(addBcc).thenRefused()).toThrow(/to be refused, it was accepted/);
    const refusedOtherwise = given(history(), contextWith({ bccEnabled: false })).when(addBcc);
    expect(refusedOtherwise.refused()).not.toContain('cc-limit-exceeded');
    expect(() => refusedOtherwise.thenRefused('cc-limit-exceeded')).toThrow(/refused with cc-limit-exceeded, it was refused with: /);
  });
});

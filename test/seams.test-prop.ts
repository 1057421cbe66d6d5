// Validation once, at the boundary: whatever passes a check can never make a later step throw.
import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { checkTicket, fold, handle, planDelivery, readEvents, suggest, type Command, type Ticket } from '../src/index.js';
import { contextWith, email, must } from './support/tickets.js';

const context = contextWith();
const base: Ticket = (() => {
  const t = must(null, { ...email({ from: 'Ann <ann@acme.example>', to: 'support@desk.example', cc: 'bob@acme.example, cleo@acme.example' }), newTicketId: 'T-1' } as never).ticket!;
  return must(t, email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'dan@acme.example' })).ticket!;
})();
const log = (() => {
  const a = must(null, { ...email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example' }), newTicketId: 'T-1' } as never);
  const b = must(a.ticket, email({ from: 'ann@acme.example', to: 'support@desk.example' }));
  return JSON.parse(JSON.stringify([...a.events, ...b.events])) as unknown[];
})();

const commands: Command[] = [
  email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'erin@acme.example' }),
  { type: 'edit-recipients', changes: [{ op: 'add', field: 'cc', address: 'x@acme.example' }, { op: 'remove', field: 'cc', address: 'bob@acme.example' }], by: { kind: 'agent', id: 'kate' }, at: 't' },
  { type: 'write-comment', commentId: 'c-9', visibility: 'public', by: { kind: 'agent', id: 'kate' }, at: 't' },
  { type: 'resolve-notice', noticeId: `${base.notices[0]?.id}`, resolution: 'split', newTicketId: 'T-2', by: { kind: 'agent', id: 'kate' }, at: 't' },
  { type: 'resolve-notice', noticeId: `${base.notices[0]?.id}`, resolution: 'update-recipients', by: { kind: 'agent', id: 'kate' }, at: 't' },
];

/** Replaces the value at a random path of a JSON value by random JSON (or deletes it). */
function damage(value: unknown, path: readonly number[], replacement: unknown, remove: boolean): unknown {
  if (path.length === 0 || typeof value !== 'object' || value === null) return replacement;
  const keys = Object.keys(value);
  if (keys.length === 0) return replacement;
  const key = keys[(path[0] as number) % keys.length] as string;
  const copy: Record<string, unknown> = Array.isArray(value) ? ([...value] as never) : { ...(value as object) };
  if (remove && path.length === 1) delete copy[key];
  else copy[key] = damage((value as Record<string, unknown>)[key], path.slice(1), replacement, remove);
  return copy;
}

const damageArb = fc.tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), fc.jsonValue(), fc.boolean());

describe('validation once: checked input never throws later', () => {
  it.prop([damageArb], { numRuns: 800 })('a damaged ticket is refused as a value, or every step works on it', ([path, replacement, remove]) => {
    const t = damage(base, path, replacement, remove) as Ticket;
    // The plan and the decision run the same ticket schema: one refuses exactly when the other does.
    const checked = checkTicket(t, context);
    if (!checked.ok) expect(planDelivery(t, { id: 'c', visibility: 'public' }, context).ok).toBe(false);
    for (const command of commands) expect(typeof handle(t, command, context).ok).toBe('boolean');
    expect(typeof planDelivery(t, { id: 'c', visibility: 'public' }, context).ok).toBe('boolean');
    expect(Array.isArray(suggest(t, 'a'))).toBe(true);
  });

  it.prop([damageArb], { numRuns: 800 })('E4: a damaged event log is reported, or it folds', ([path, replacement, remove]) => {
    const damaged = damage(log, path, replacement, remove);
    const read = readEvents(damaged, { ticketId: 'T-1' });
    if (read.ok) expect(() => fold(read.value)).not.toThrow();
  });

  it.prop([fc.constantFrom(...commands), damageArb], { numRuns: 800 })('a damaged command is refused as a value, never a throw', (command, [path, replacement, remove]) => {
    const c = damage(command, path, replacement, remove) as Command;
    const r = handle(base, c, context);
    expect(typeof r.ok).toBe('boolean');
    if (!r.ok) for (const i of r.error) expect(Array.isArray(i.path)).toBe(true);
  });
});

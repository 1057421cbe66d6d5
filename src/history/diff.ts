import type { Mailbox } from '../address/types.js';
import type { Actor, Cause, RecipientField, Ticket } from '../ticket/types.js';
import type { RecipientEvent } from '../ticket/events.js';

/** The recipient fields of a ticket. */
export type Recipients = Pick<Ticket, 'requester' | 'ccs' | 'bccs' | 'followers'>;

const isRecipients = (r: unknown): r is Recipients =>
  typeof r === 'object' && r !== null && Array.isArray((r as Recipients).ccs) && Array.isArray((r as Recipients).bccs) && Array.isArray((r as Recipients).followers);

/**
 * The recipient events that turn one state's recipients into another's (E1, E2), e.g.
 * to record a change made outside this library, or to show what an import did. Removals
 * come first, so that a role can move (A4); then the requester; then additions.
 *
 * @example
 * const events = recipientChanges(before, after, { by: { kind: 'system' }, cause: 'agent-edit', at: '2026-01-01T00:00:00Z' });
 */
export function recipientChanges(from: Recipients, to: Recipients, meta: { readonly by: Actor; readonly cause: Cause; readonly at: string }): RecipientEvent[] {
  if (!isRecipients(from) || !isRecipients(to)) return [];
  const base = { v: 1 as const, ...meta };
  const events: RecipientEvent[] = [];
  const fields: readonly [RecipientField, readonly Mailbox[], readonly Mailbox[]][] = [
    ['cc', from.ccs, to.ccs],
    ['bcc', from.bccs, to.bccs],
    ['follower', from.followers, to.followers],
  ];
  for (const [field, before, after] of fields) {
    const keep = new Set(after.map((m) => m.key));
    for (const m of before) if (!keep.has(m.key)) events.push({ ...base, type: 'removed', field, mailbox: m });
  }
  if (to.requester !== null && to.requester.key !== from.requester?.key) {
    events.push({ ...base, type: 'requester-changed', from: from.requester, to: to.requester });
  }
  for (const [field, before, after] of fields) {
    const had = new Set(before.map((m) => m.key));
    for (const m of after) if (!had.has(m.key)) events.push({ ...base, type: 'added', field, mailbox: m });
  }
  return events;
}

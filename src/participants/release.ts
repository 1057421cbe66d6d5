import type { PreparedContext, TicketContext } from '../context/context.js';
import { planDelivery } from '../outbound/plan-delivery.js';
import type { DeliveryPlan, OutboundMessage } from '../outbound/types.js';
import type { Mailbox } from '../address/types.js';
import { checksum } from '../ticket/checksum.js';
import type { TicketEvent } from '../ticket/events.js';
import type { Notice, Ticket } from '../ticket/types.js';

/**
 * B9: records on the notice a reply raised who the reply reached while held: the envelope of
 * the plan the command returned for it (nobody when it could not be planned), each person once. The
 * `notice-raised` event carries it, so a ticket folded from the log knows it too (I7).
 */
export function withTold(events: TicketEvent[], ticket: Ticket, commentId: string, reached: readonly Mailbox[], texts?: WeakMap<object, string>): { events: TicketEvent[]; ticket: Ticket } {
  const i = events.findIndex((e) => e.type === 'notice-raised' && e.notice.comment.id === commentId);
  const raised = events[i];
  if (raised?.type !== 'notice-raised') return { events, ticket };
  // Each person once; frozen through, as `evolve` leaves a ticket, for the memos of the schema check and the checksum (a mailbox the plan made is copied, not frozen there).
  const seen = new Set<string>();
  const once = reached.filter((m) => !seen.has(m.key) && seen.add(m.key) !== undefined);
  const told = Object.freeze(once.map((m) => (Object.isFrozen(m) ? m : Object.freeze({ ...m }))));
  const notice: Notice = { ...raised.notice, told };
  const { sum: _sum, ...content } = { ...raised, notice };
  const next = [...events];
  // Summed before the notice is frozen: it is new, so its text is not worth remembering (its mailboxes are).
  next[i] = { ...content, sum: checksum(content, texts) };
  Object.freeze(notice);
  return { events: next, ticket: Object.freeze({ ...ticket, notices: Object.freeze(ticket.notices.map((n) => (n.id === notice.id ? notice : n))) }) };
}

/**
 * B9: the plan of a reply a notice held, now that the notice is resolved, for those who have
 * not had it: whoever the reply reached while it was held, as the notice recorded then
 * (`told`), whatever followers or CCs changed since. Whoever was on the email, or wrote it, has
 * it too (B7: planDelivery leaves them out). A notice from a log written before `told` was kept
 * falls back to planning the reply again with the notice open.
 */
export function releasedPlans(ticket: Ticket, notice: Notice, events: readonly TicketEvent[], context: TicketContext | PreparedContext): DeliveryPlan[] {
  const change = [...events].reverse().find((e) => e.type === 'comment-visibility-changed' && e.commentId === notice.comment.id);
  const visibility = change?.type === 'comment-visibility-changed' ? change.visibility : notice.comment.visibility;
  // A notice from a log written before `told` was kept: who the reply reaches, planned again with its notice open.
  const again = notice.told === undefined ? planDelivery({ ...ticket, notices: [...ticket.notices.filter((n) => n.id !== notice.id), notice] }, notice.comment, context) : null;
  const told = new Set((notice.told ?? (again?.ok ? again.value.messages.flatMap((m) => m.envelope) : [])).map((m) => m.key));
  const plan = planDelivery(ticket, { ...notice.comment, visibility }, context);
  if (!plan.ok) return [];
  const messages = plan.value.messages.flatMap((m): OutboundMessage[] => {
    const envelope = m.envelope.filter((e) => !told.has(e.key));
    if (envelope.length === 0) return [];
    return [envelope.length === m.envelope.length ? m : { ...m, envelope, recipients: { ...m.recipients, envelope: envelope.map((e) => ({ name: e.name, address: e.address })) } }];
  });
  if (messages.length === 0) return [];
  const sent = new Set(messages.flatMap((m) => m.envelope.map((e) => e.key)));
  return [{ ...plan.value, messages, warnings: plan.value.warnings.filter((w) => sent.has(w.mailbox.key)) }];
}

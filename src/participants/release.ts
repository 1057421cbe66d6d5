import type { PreparedContext, TicketContext } from '../context/context.js';
import { planDelivery } from '../outbound/plan-delivery.js';
import type { DeliveryPlan, OutboundMessage } from '../outbound/types.js';
import type { TicketEvent } from '../ticket/events.js';
import type { Notice, Ticket } from '../ticket/types.js';

/**
 * B9: the plan of a reply a notice held, now that the notice is resolved, for those who have
 * not had it. Who had it is whoever the reply reached while it was held (followers, and agent
 * CCs of a note): planning it again with the notice open says exactly who, so an agent who is
 * both CC and follower, told of it when it arrived, is not sent it a second time. Whoever was
 * on the email, or wrote it, has it too (B7: planDelivery leaves them out).
 */
export function releasedPlans(ticket: Ticket, notice: Notice, events: readonly TicketEvent[], context: TicketContext | PreparedContext): DeliveryPlan[] {
  const change = [...events].reverse().find((e) => e.type === 'comment-visibility-changed' && e.commentId === notice.comment.id);
  const visibility = change?.type === 'comment-visibility-changed' ? change.visibility : notice.comment.visibility;
  const whileHeld = planDelivery({ ...ticket, notices: [...ticket.notices.filter((n) => n.id !== notice.id), notice] }, notice.comment, context);
  const told = new Set(whileHeld.ok ? whileHeld.value.messages.flatMap((m) => m.envelope.map((e) => e.key)) : []);
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

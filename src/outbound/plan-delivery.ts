import { formatAddressList } from '../address/format.js';
import type { Mailbox } from '../address/types.js';
import { issue } from '../issue/issue.js';
import { err, ok, type Result } from '../result.js';
import { resolveContext, type PreparedContext, type TicketContext } from '../context/context.js';
import { isStaff, type Directory } from '../policy/directory.js';
import type { CommentRecord, Ticket } from '../ticket/types.js';
import { checkResolved, type TicketIssue } from '../ticket/check-ticket.js';
import type { DeliveryPlan, OutboundMessage } from './types.js';
import type { ConfigIssue } from '../policy/parse-settings.js';

/**
 * The comment being delivered: one written in the help desk, or an inbound email that
 * became a comment (a `CommentRecord`). Only `id` and `visibility` are required.
 */
export type PlannedComment = Pick<CommentRecord, 'id' | 'visibility'> & Partial<Pick<CommentRecord, 'author' | 'via' | 'to' | 'cc' | 'automatic'>>;

const keysOf = (list: readonly Mailbox[]): Set<string> => new Set(list.map((m) => m.key));

/** Who already has an inbound email: those it was addressed to, and its author (B7). */
function alreadyServed(comment: PlannedComment): Set<string> {
  const list = (value: unknown): Mailbox[] => (Array.isArray(value) ? value.filter((m): m is Mailbox => typeof m?.key === 'string') : []);
  return keysOf([...list(comment.to), ...list(comment.cc), ...list(comment.author ? [comment.author] : [])]);
}

/** Adds mailboxes to an envelope once each, skipping those already served. */
function collect(into: Mailbox[], served: Set<string>, list: readonly Mailbox[]): void {
  for (const m of list) {
    if (served.has(m.key)) continue;
    served.add(m.key);
    into.push(m);
  }
}

function commentIssue(comment: PlannedComment): TicketIssue | null {
  if (typeof comment?.id === 'string' && (comment.visibility === 'public' || comment.visibility === 'internal')) return null;
  return issue('wrong-type', 'A comment needs an `id` and a `visibility` of "public" or "internal".', comment, ['comment']);
}

const staffOnly = (list: readonly Mailbox[], directory: Directory): Mailbox[] => list.filter((m) => isStaff(directory.byKey(m.key)));

/**
 * Who receives what when a comment is delivered (B1–B5, B7). A public reply is one
 * message to the requester and CCs, BCCs in its envelope only; followers get their own
 * notification; an internal note goes to followers and agent CCs, never to an end user.
 * For an inbound email, whoever was on it (and its author) gets no copy (B7), an
 * automatic message (`Auto-Submitted`) is answered by nothing, and a reply with an open
 * notice goes to no customer until an agent resolves the notice.
 *
 * The ticket is checked first (`checkTicket`): one that breaks the model is reported, not planned.
 *
 * @example
 * const plan = planDelivery(ticket, { id: 'c-17', visibility: 'public' }, { settings, directory });
 * if (plan.ok) for (const m of plan.value.messages) send(m.headers, m.envelope.map((r) => r.address));
 */
export function planDelivery(ticket: Ticket, comment: PlannedComment, context: TicketContext | PreparedContext = {}): Result<DeliveryPlan, readonly (TicketIssue | ConfigIssue)[]> {
  const resolved = resolveContext(context);
  if (resolved.issues.length > 0) return err(resolved.issues);
  const { directory } = resolved;
  const valid = checkResolved(ticket, resolved.policy);
  if (!valid.ok) return valid;
  const bad = commentIssue(comment);
  if (bad !== null) return err([bad]);
  if (comment.automatic === true) return ok({ commentId: comment.id, visibility: comment.visibility, messages: [] });

  const served = alreadyServed(comment);
  const messages: OutboundMessage[] = [];
  const carries = (conversation: 'public' | 'none') => ({ commentId: comment.id, conversation });

  // A reply under an open notice (F3, F4, F8) waits for the agent: the people it left out must not get it meanwhile.
  const held = ticket.notices.some((n) => n.comment.id === comment.id);
  if (comment.visibility === 'public') {
    const envelope: Mailbox[] = [];
    if (!held) {
      collect(envelope, served, ticket.requester ? [ticket.requester] : []);
      collect(envelope, served, ticket.ccs);
      collect(envelope, served, ticket.bccs);
    }
    if (envelope.length > 0) {
      messages.push({
        kind: 'customer-reply',
        // B1/B2: everyone sees the requester and the CCs; BCCs only ride in the envelope.
        headers: { to: formatAddressList(ticket.requester ? [ticket.requester] : []), cc: formatAddressList(ticket.ccs) },
        envelope,
        carries: carries('public'),
      });
    }
  } else if (resolved.policy.settings.internalNotesToStaffCcs) {
    // B4: agents in CC get internal notes where the help desk says so (servicecamp), not in Zendesk.
    for (const agent of staffOnly(ticket.ccs, directory)) {
      if (served.has(agent.key)) continue;
      served.add(agent.key);
      messages.push({ kind: 'internal-note', headers: { to: formatAddressList([agent]), cc: '' }, envelope: [agent], carries: carries('none') });
    }
  }
  for (const follower of ticket.followers) {
    if (served.has(follower.key)) continue;
    served.add(follower.key);
    messages.push({ kind: 'follower-notification', headers: { to: formatAddressList([follower]), cc: '' }, envelope: [follower], carries: carries('none') });
  }
  return ok({ commentId: comment.id, visibility: comment.visibility, messages });
}

/**
 * A rule's notification (B6): "notify requester" or "notify requester and CCs". Sends
 * nothing for an internal note, and nothing at all when the ticket has no requester.
 *
 * @example
 * planNotification(ticket, { id: 'c-3', visibility: 'public' }, 'requester-and-ccs', context);
 */
export function planNotification(ticket: Ticket, comment: PlannedComment, audience: 'requester' | 'requester-and-ccs', context: TicketContext | PreparedContext = {}): Result<DeliveryPlan, readonly (TicketIssue | ConfigIssue)[]> {
  const resolved = resolveContext(context);
  if (resolved.issues.length > 0) return err(resolved.issues);
  const valid = checkResolved(ticket, resolved.policy);
  if (!valid.ok) return valid;
  const requester = ticket.requester;
  const bad = commentIssue(comment);
  if (bad !== null) return err([bad]);
  if (requester === null || comment.visibility !== 'public' || comment.automatic === true) return ok({ commentId: comment.id, visibility: comment.visibility, messages: [] });
  const ccs = audience === 'requester-and-ccs' ? ticket.ccs : [];
  const served = alreadyServed(comment);
  const envelope: Mailbox[] = [];
  collect(envelope, served, [requester, ...ccs]);
  const messages: OutboundMessage[] =
    envelope.length === 0 ? [] : [{ kind: 'notification', headers: { to: formatAddressList([requester]), cc: formatAddressList(ccs) }, envelope, carries: { commentId: comment.id, conversation: 'public' } }];
  return ok({ commentId: comment.id, visibility: comment.visibility, messages });
}

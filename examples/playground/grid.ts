// Who received each comment, and why: the delivery plan of every comment in the log, as a grid.
import { explainDecision, planDelivery, reasonInEnglish, type CommentRecord, type DeliveryPlan, type ExplainedReason, type LeftOutReason, type MessageKind, type Reason, type TicketEvent } from 'ticket-recipients';
import { contextAt, eventRange, ticketAfter, ticketBefore, type Session } from './session.js';

export type How = 'to' | 'cc' | 'envelope' | 'none';

export interface Cell {
  readonly how: How;
  readonly reason: string;
}

export interface Column {
  readonly commentId: string;
  readonly visibility: 'public' | 'internal';
  readonly label: string;
  /** Rows by lower-cased address. */
  readonly cells: ReadonlyMap<string, Cell>;
}

export interface Grid {
  readonly people: readonly { readonly key: string; readonly label: string }[];
  readonly columns: readonly Column[];
}

const KIND: Record<MessageKind, string> = {
  'customer-reply': 'the reply to the customers',
  'follower-notification': 'a follower notification',
  'internal-note': 'the internal note to staff CCs',
  notification: "a rule's notification",
};

const LEFT_OUT: Record<LeftOutReason, string> = {
  muted: 'muted on this ticket (H2, B10)',
  undeliverable: 'their mail bounces for good: nothing is sent until they write in or an agent restores them (H1, B10)',
  suppressed: "on the sender's suppression list (H1)",
  'held-reply': 'the reply is held by an open notice until an agent decides (F3, F4, F8, B9)',
  'no-longer-staff': 'a follower the directory no longer lists as staff (B10)',
  'left-out': 'the agent left them out of this one reply (H3)',
};

/**
 * The reasons behind an entry's decision: those stored on its event (the library records them
 * where it decides), else what `explainDecision` finds by deciding the command again.
 */
export function reasonsFor(s: Session, entry: number, event?: TicketEvent): readonly ExplainedReason[] {
  const stored = (event as { reasons?: readonly Reason[] } | undefined)?.reasons;
  if (Array.isArray(stored) && stored.length > 0) return stored.map((r) => ({ ...r, because: reasonInEnglish(r, 'comment') }));
  const e = s.entries[entry];
  if (e === undefined) return [];
  const why = explainDecision(ticketBefore(s, entry), e.command, contextAt(s, entry));
  return [why.classification, why.visibility, ...why.refusals.map((r) => r.reason)].filter((r): r is ExplainedReason => r !== null);
}

/** What each other value of the deciding setting would have done (decided again by `explainDecision`). */
export function alternativesFor(s: Session, entry: number): readonly string[] {
  const e = s.entries[entry];
  if (e === undefined) return [];
  return explainDecision(ticketBefore(s, entry), e.command, contextAt(s, entry)).alternatives.map((a) => a.sentence);
}

export const sentence = (r: ExplainedReason): string => `${r.because} (${r.rule}${r.setting ? `, ${r.setting.name}: ${JSON.stringify(r.setting.value)}` : ''}${r.header ? `, ${r.header.name}: ${r.header.value}` : ''})`;

function cellsOf(plan: DeliveryPlan, comment: CommentRecord, why: string): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  const key = (a: string) => a.toLowerCase();
  for (const m of plan.messages) {
    const to = new Set(m.recipients.to.map((r) => key(r.address)));
    const cc = new Set(m.recipients.cc.map((r) => key(r.address)));
    const once = new Set<string>([...(comment.oneTime?.cc ?? []), ...(comment.oneTime?.bcc ?? [])].map((x) => x.key));
    for (const r of m.recipients.envelope) {
      const k = key(r.address);
      if (cells.has(k)) continue;
      const how: How = to.has(k) ? 'to' : cc.has(k) ? 'cc' : 'envelope';
      const role =
        how === 'to' ? (m.kind === 'customer-reply' ? 'the requester: in To (B1)' : `in To of ${KIND[m.kind]} (B3, B4, B6)`) :
        how === 'cc' ? (m.kind === 'customer-reply' ? 'a CC: in the Cc header (B1)' : `in Cc of ${KIND[m.kind]}`) :
        m.kind === 'customer-reply' ? 'a BCC: the envelope only, never a header (B2)' : `the envelope of ${KIND[m.kind]}`;
      cells.set(k, { how, reason: `${role}${once.has(k) ? ', for this reply only (H3)' : ''}; gets ${KIND[m.kind]}${why}` });
    }
  }
  for (const l of plan.leftOut) {
    const k = key(l.mailbox.address);
    if (!cells.has(k)) cells.set(k, { how: 'none', reason: `left out: ${LEFT_OUT[l.reason]}${why}` });
  }
  return cells;
}

/** Why someone on the ticket got nothing, when the plan does not say (not every absence is a "left out"). */
function absence(comment: CommentRecord, address: string, why: string): string {
  const k = address.toLowerCase();
  if ((comment.author?.key as string | undefined) === k) return `wrote it${why}`;
  if ([...comment.to, ...comment.cc].some((m) => (m.key as string) === k)) return `already had the email: it was addressed to them (B7)${why}`;
  if (comment.automatic) return `an automatic message notifies nobody (B7)${why}`;
  if (comment.visibility === 'internal') return `an internal note goes to no customer (B4)${why}`;
  return `not on the ticket when it was written${why}`;
}

/** The grid of every comment in the log: rows are everyone the ticket ever had, plus whoever a plan reached. */
export function buildGrid(s: Session, phrasesFor: (e: TicketEvent) => string): Grid {
  const columns: Column[] = [];
  const people = new Map<string, string>();
  s.entries.forEach((_, i) => {
    // The plan under the settings in force when the comment was written: a later change does not rewrite who got it.
    const context = contextAt(s, i);
    const [start, end] = eventRange(s, i);
    const ticket = ticketAfter(s, i);
    if (ticket === null) return;
    for (const event of s.log.slice(start, end)) {
      if (event.type !== 'comment-added') continue;
      const comment = event.comment;
      const reasons = reasonsFor(s, i, event);
      const why = reasons.length > 0 ? `. The comment: ${reasons.map(sentence).join('; ')}` : '';
      const plan = planDelivery(ticket, comment, context);
      if (!plan.ok) continue;
      const cells = cellsOf(plan.value, comment, why);
      const all = [...ticket.memory, ...ticket.followers, ...(comment.author ? [comment.author] : [])];
      for (const m of all) if (!people.has(m.key)) people.set(m.key, m.name ? `${m.name} <${m.address}>` : m.address);
      for (const m of plan.value.messages.flatMap((x) => x.recipients.envelope)) if (!people.has(m.address.toLowerCase())) people.set(m.address.toLowerCase(), m.name ? `${m.name} <${m.address}>` : m.address);
      for (const key of people.keys()) if (!cells.has(key)) cells.set(key, { how: 'none', reason: absence(comment, key, why) });
      columns.push({ commentId: comment.id, visibility: comment.visibility, label: phrasesFor(event), cells });
    }
  });
  return { people: [...people].map(([key, label]) => ({ key, label })), columns };
}

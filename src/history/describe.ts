import type { Mailbox } from '../address/types.js';
import type { Actor, RecipientField, Resolution } from '../ticket/types.js';
import type { TicketEvent } from '../ticket/events.js';
import { reasonInEnglish, type Reason } from '../explain/reason.js';

/** The words a timeline needs, so callers can describe history in their own language (E1). */
export interface HistoryPhrases {
  readonly field: (field: RecipientField) => string;
  readonly actor: (actor: Actor) => string;
  readonly opened: (by: string, splitFrom: string | null) => string;
  readonly requesterChanged: (by: string, from: string | null, to: string) => string;
  readonly added: (by: string, field: string, who: string) => string;
  readonly removed: (by: string, field: string, who: string) => string;
  readonly comment: (by: string, visibility: 'public' | 'internal', author: string | null) => string;
  readonly commentMoved: (by: string, ticketId: string) => string;
  readonly madePublic: (by: string) => string;
  readonly noticeRaised: (kind: string, resolutions: readonly Resolution[]) => string;
  readonly noticeResolved: (by: string, resolution: Resolution) => string;
  // Added in 0.2; optional so phrase sets written for 0.1 keep working (English fills the gap).
  readonly madeInternal?: (by: string) => string;
  readonly refused?: (by: string, who: readonly string[]) => string;
  readonly imported?: (by: string, count: number, problems: number) => string;
  readonly erased?: (by: string, pseudonym: string) => string;
  readonly delivery?: (by: string, who: string, status: 'ok' | 'failing' | 'undeliverable', reason: string) => string;
  readonly muted?: (by: string, who: string, muted: boolean) => string;
  readonly merged?: (by: string, into: string) => string;
  /**
   * Added in 0.2: the sentence with why it happened (`reasons` stored on the event, never empty).
   * A phrase set without it describes events without a "because" (English fills no gap here:
   * it would mix languages).
   */
  readonly because?: (sentence: string, reasons: readonly Reason[], event: TicketEvent) => string;
  readonly addressChanged?: (by: string, who: string) => string;
}

/** English, the default. */
export const englishPhrases: HistoryPhrases = {
  field: (field) => (field === 'cc' ? 'CC' : field === 'bcc' ? 'BCC' : 'followers'),
  actor: (actor) =>
    actor.kind === 'end-user' ? actor.address : actor.kind === 'rule' ? `rule ${actor.ruleId}` : actor.kind === 'system' ? 'the system' : `${actor.kind} ${actor.id}`,
  opened: (by, splitFrom) => (splitFrom === null ? `${by} opened the ticket` : `${by} split this ticket off ${splitFrom}`),
  requesterChanged: (by, from, to) => (from === null ? `${by} set the requester to ${to}` : `${by} changed the requester from ${from} to ${to}`),
  added: (by, field, who) => `${by} added ${who} to ${field}`,
  removed: (by, field, who) => `${by} removed ${who} from ${field}`,
  comment: (by, visibility, author) => `${author ?? by} wrote ${visibility === 'public' ? 'a public reply' : 'an internal note'}`,
  commentMoved: (by, ticketId) => `${by} moved a reply to ticket ${ticketId}`,
  madePublic: (by) => `${by} made a reply public`,
  noticeRaised: (kind, resolutions) => `notice: ${kind.replace(/-/g, ' ')}${resolutions.length > 0 ? ` (offers ${resolutions.join(', ')})` : ''}`,
  noticeResolved: (by, resolution) => `${by} resolved a notice: ${resolution}`,
  madeInternal: (by) => `${by} made a reply internal`,
  refused: (by, list) => `${by} could not add ${list.join(', ')}`,
  imported: (by, count, problems) => `${by} imported the ticket with ${count} participant${count === 1 ? '' : 's'}${problems > 0 ? ` (${problems} against today's policy)` : ''}`,
  erased: (by, pseudonym) => `${by} erased an address (now ${pseudonym})`,
  delivery: (by, who, status, reason) => (status === 'ok' ? `${by} restored delivery to ${who}` : `mail to ${who} is ${status}${reason === '' ? '' : `: ${reason}`}`),
  muted: (by, who, muted) => `${by} ${muted ? 'muted' : 'unmuted'} ${who}`,
  merged: (by, into) => `${by} merged this ticket into ${into}`,
  because: (sentence, reasons, event) => {
    const about = event.type === 'comment-added' || event.type === 'comment-visibility-changed' || event.type === 'notice-raised' ? 'comment' : 'person';
    return `${sentence} because ${reasons.map((r) => reasonInEnglish(r, about)).join(', and ')}`;
  },
  addressChanged: (_by, who) => `${who} is now reached at this address`,
};

const en = englishPhrases as Required<HistoryPhrases>;

// For people reading a timeline, not for a header: the name as decoded, unquoted.
const who = (m: Mailbox): string => (m.name ? `${m.name} <${m.address}>` : m.address);

/**
 * A sentence for one history event, for a ticket's timeline. Pass other phrases to
 * describe it in another language. Display names appear as decoded, without header quoting.
 *
 * @example
 * const r = handle(ticket, { type: 'edit-recipients', changes: [{ op: 'add', field: 'cc', address: '"Smith, John" <john@example.com>' }], by: { kind: 'agent', id: 'kate' }, at }, context);
 * r.ok && describeEvent(r.value.events[0]!); // 'agent kate added Smith, John <john@example.com> to CC'
 */
export function describeEvent(event: TicketEvent, phrases: HistoryPhrases = englishPhrases): string {
  if (typeof event !== 'object' || event === null || typeof event.by !== 'object' || event.by === null) return '';
  const sentence = what(event, phrases);
  const reasons = phrases.because === undefined ? [] : reasonsOf(event);
  return reasons.length === 0 || phrases.because === undefined ? sentence : phrases.because(sentence, reasons, event);
}

// Reasons that only say the actor asked (an agent's edit, comment, visibility change, mute) add nothing to "agent kate added …".
const ASKED: ReadonlySet<string> = /* @__PURE__ */ new Set(['C1', 'C4', 'H2']);

/** The reasons worth a "because": the event's, or its refused addresses', each once. */
export function reasonsOf(event: TicketEvent): readonly Reason[] {
  if (typeof event !== 'object' || event === null) return [];
  const list = event.type === 'recipients-refused' && Array.isArray(event.refused) ? event.refused.map((r) => r?.reason) : event.reasons;
  const all: readonly (Reason | undefined)[] = Array.isArray(list) ? list : [];
  const seen = new Set<string>();
  return all.filter((r): r is Reason => {
    if (typeof r !== 'object' || r === null || typeof r.rule !== 'string' || (ASKED.has(r.rule) && r.setting === undefined)) return false;
    const key = reasonInEnglish(r);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

function what(event: TicketEvent, phrases: HistoryPhrases): string {
  const by = phrases.actor(event.by);
  switch (event.type) {
    case 'ticket-opened':
      return phrases.opened(by, event.splitFrom === null ? null : event.splitFrom.ticketId);
    case 'requester-changed':
      return phrases.requesterChanged(by, event.from === null ? null : who(event.from), who(event.to));
    case 'added':
      return phrases.added(by, phrases.field(event.field), who(event.mailbox));
    case 'removed':
      return phrases.removed(by, phrases.field(event.field), who(event.mailbox));
    case 'comment-added':
      return phrases.comment(by, event.comment.visibility, event.comment.author === null ? null : who(event.comment.author));
    case 'comment-moved':
      return phrases.commentMoved(by, event.toTicketId);
    case 'comment-visibility-changed':
      return event.visibility === 'public' ? phrases.madePublic(by) : (phrases.madeInternal ?? en.madeInternal)(by);
    case 'recipients-refused':
      return (phrases.refused ?? en.refused)(by, event.refused.map((r) => (r.mailbox === null ? r.input : who(r.mailbox))));
    case 'ticket-imported': {
      const p = event.participants;
      return (phrases.imported ?? en.imported)(by, (p.requester === null ? 0 : 1) + p.ccs.length + p.bccs.length + p.followers.length, event.problems.length);
    }
    case 'address-erased':
      return (phrases.erased ?? en.erased)(by, event.pseudonym);
    case 'delivery-changed':
      return (phrases.delivery ?? en.delivery)(by, who(event.mailbox), event.status, event.reason);
    case 'mute-changed':
      return (phrases.muted ?? en.muted)(by, who(event.mailbox), event.muted);
    case 'address-changed':
      return (phrases.addressChanged ?? en.addressChanged)(by, who(event.mailbox));
    case 'ticket-merged':
      return (phrases.merged ?? en.merged)(by, event.into);
    case 'notice-raised':
      return phrases.noticeRaised(event.notice.kind, event.notice.resolutions);
    case 'notice-resolved':
      return phrases.noticeResolved(by, event.resolution);
    default: {
      const unknown: never = event;
      return String((unknown as { type?: unknown }).type);
    }
  }
}

/**
 * The former name of {@link describeEvent}.
 *
 * @deprecated Use `describeEvent`: `describe` collides with test runners' `describe`. This alias will be removed in a future major version.
 */
export const describe: typeof describeEvent = describeEvent;

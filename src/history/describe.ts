import type { Mailbox } from '../address/types.js';
import type { Actor, RecipientField, Resolution } from '../ticket/types.js';
import type { TicketEvent } from '../ticket/events.js';

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
};

// For people reading a timeline, not for a header: the name as decoded, unquoted.
const who = (m: Mailbox): string => (m.name ? `${m.name} <${m.address}>` : m.address);

/**
 * A sentence for one history event, for a ticket's timeline. Pass other phrases to
 * describe it in another language. Display names appear as decoded, without header quoting.
 *
 * @example
 * describeEvent(event); // 'agent 7 added Smith, John <john@example.com> to CC'
 */
export function describeEvent(event: TicketEvent, phrases: HistoryPhrases = englishPhrases): string {
  if (typeof event !== 'object' || event === null || typeof event.by !== 'object' || event.by === null) return '';
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
      return phrases.madePublic(by);
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

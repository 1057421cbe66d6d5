import type { Mailbox } from '../address/types.js';
import type { Actor, Cause, CommentRecord, Notice, RecipientField, Resolution, Visibility } from './types.js';

/** The event format this library writes; `readEvents` upgrades older ones (E3). */
export const EVENT_VERSION = 2;

/** What every event carries (E1, E3, E4). */
interface EventBase {
  /** Event format version: stored logs stay readable as the library grows. */
  readonly v: 2;
  /** The ticket whose log holds the event. */
  readonly ticketId: string;
  /**
   * The event's position in its ticket's log, from 1: the ticket's revision after it (E4).
   * Two decisions made from the same revision give the same numbers, so a store keyed by
   * (ticketId, seq) turns the second append into a conflict.
   */
  readonly seq: number;
  /** When it happened, as the caller supplied it (ISO 8601 by convention). */
  readonly at: string;
  readonly by: Actor;
  readonly cause: Cause;
}

export interface TicketOpened extends EventBase {
  readonly type: 'ticket-opened';
  readonly ticketId: string;
  /** Set when the ticket was split off another one (F10). */
  readonly splitFrom: null | { readonly ticketId: string; readonly commentId: string };
}
export interface RequesterChanged extends EventBase {
  readonly type: 'requester-changed';
  readonly from: Mailbox | null;
  readonly to: Mailbox;
}
export interface RecipientAdded extends EventBase {
  readonly type: 'added';
  readonly field: RecipientField;
  readonly mailbox: Mailbox;
}
export interface RecipientRemoved extends EventBase {
  readonly type: 'removed';
  readonly field: RecipientField;
  readonly mailbox: Mailbox;
}
export interface CommentAdded extends EventBase {
  readonly type: 'comment-added';
  readonly comment: CommentRecord;
}
export interface CommentMoved extends EventBase {
  readonly type: 'comment-moved';
  readonly commentId: string;
  readonly toTicketId: string;
}
export interface CommentVisibilityChanged extends EventBase {
  readonly type: 'comment-visibility-changed';
  readonly commentId: string;
  readonly visibility: Visibility;
}
export interface NoticeRaised extends EventBase {
  readonly type: 'notice-raised';
  readonly notice: Notice;
}
export interface NoticeResolved extends EventBase {
  readonly type: 'notice-resolved';
  readonly noticeId: string;
  readonly resolution: Resolution;
}

/** One entry of a ticket's history. Folding a log of these over `emptyTicket` gives the ticket (E2). */
export type TicketEvent =
  | TicketOpened
  | RequesterChanged
  | RecipientAdded
  | RecipientRemoved
  | CommentAdded
  | CommentMoved
  | CommentVisibilityChanged
  | NoticeRaised
  | NoticeResolved;

// `ticket-opened` names its ticket itself; every other event gets the id when it is numbered.
type Unstamp<E> = E extends TicketOpened ? Omit<E, 'v' | 'seq'> : E extends unknown ? Omit<E, 'v' | 'ticketId' | 'seq'> : never;

/** An event as a decision builds it, before the decider numbers it on its ticket. */
export type UnstampedEvent = Unstamp<TicketEvent>;

/** The events that change who is on the ticket (E1). */
export type RecipientEvent = RequesterChanged | RecipientAdded | RecipientRemoved;

/**
 * Whether an event changes who is on the ticket (E1), for a timeline of recipient changes.
 *
 * @example
 * log.filter(isRecipientEvent).map((e) => describe(e));
 */
export const isRecipientEvent = (event: TicketEvent): event is RecipientEvent =>
  event?.type === 'added' || event?.type === 'removed' || event?.type === 'requester-changed';

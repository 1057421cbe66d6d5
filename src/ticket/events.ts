import type { IssueCode } from '../issue/codes.js';
import type { Mailbox } from '../address/types.js';
import type { Actor, Cause, CommentRecord, Notice, RecipientField, Resolution, Visibility } from './types.js';
import type { Reason } from '../explain/reason.js';

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
  /**
   * A checksum of the event's content (FNV-1a over its canonical JSON), so `readEvents` notices
   * a field edited in storage. It detects damage and careless edits, not a forger who
   * recomputes it: sign or restrict writes to the store for that.
   */
  readonly sum: string;
  /** When it happened, as the caller supplied it (ISO 8601 by convention). */
  readonly at: string;
  readonly by: Actor;
  readonly cause: Cause;
  /**
   * Why the change happened (the rule, and the setting, header, directory entry or caller's
   * rule that decided), made at the point of decision; absent from events written before 0.2
   * and from those nothing but the actor explains. Covered by `sum`.
   */
  readonly reasons?: readonly Reason[];
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

/** One address an inbound message, rule or merge brought that policy kept out (E5). */
export interface RefusedRecipient {
  /** The address as given (the mailbox when it parsed). */
  readonly input: string;
  readonly mailbox: Mailbox | null;
  readonly field: 'requester' | 'cc' | 'bcc' | 'follower';
  readonly code: IssueCode;
  /** Why it was kept out: the rule and the setting (absent in events written before 0.2). */
  readonly reason?: Reason;
}
export interface RecipientsRefused extends EventBase {
  readonly type: 'recipients-refused';
  readonly refused: readonly RefusedRecipient[];
}

/** The participants of an imported ticket, as they were elsewhere (E6). */
export interface ImportedParticipants {
  readonly requester: Mailbox | null;
  readonly ccs: readonly Mailbox[];
  readonly bccs: readonly Mailbox[];
  readonly followers: readonly Mailbox[];
}
export interface TicketImported extends EventBase {
  readonly type: 'ticket-imported';
  readonly participants: ImportedParticipants;
  /** What today's policy would refuse in them: reported, nobody dropped. */
  readonly problems: readonly { readonly code: IssueCode; readonly message: string; readonly path: readonly (string | number)[] }[];
}

/** An address replaced everywhere in the log by a pseudonym (E7). The address itself is not named. */
export interface AddressErased extends EventBase {
  readonly type: 'address-erased';
  readonly pseudonym: string;
}

/** A participant's deliverability (H1): failing for a while, or undeliverable until restored. */
export type DeliveryStatus = 'ok' | 'failing' | 'undeliverable';
export interface DeliveryChanged extends EventBase {
  readonly type: 'delivery-changed';
  readonly mailbox: Mailbox;
  readonly status: DeliveryStatus;
  readonly reason: string;
}

/** A participant muted or unmuted on this ticket (H2). */
export interface MuteChanged extends EventBase {
  readonly type: 'mute-changed';
  readonly mailbox: Mailbox;
  readonly muted: boolean;
}

/**
 * H5: a participant wrote from another of their addresses (the directory lists both): the
 * ticket now reaches them there. `mailbox` has the participant's identity and the new address.
 */
export interface AddressChanged extends EventBase {
  readonly type: 'address-changed';
  readonly mailbox: Mailbox;
}

/** This ticket was merged into another (H4): it is closed and points there. */
export interface TicketMerged extends EventBase {
  readonly type: 'ticket-merged';
  readonly into: string;
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
  | NoticeResolved
  | RecipientsRefused
  | TicketImported
  | AddressErased
  | DeliveryChanged
  | MuteChanged
  | AddressChanged
  | TicketMerged;

export type EventType = TicketEvent['type'];

// `ticket-opened` names its ticket itself; every other event gets the id when it is numbered.
type Unstamp<E> = E extends TicketOpened ? Omit<E, 'v' | 'seq' | 'sum'> : E extends unknown ? Omit<E, 'v' | 'ticketId' | 'seq' | 'sum'> : never;

/** An event as a decision builds it, before the decider numbers it on its ticket. */
export type UnstampedEvent = Unstamp<TicketEvent>;

/** The events that change who is on the ticket (E1). */
export type RecipientEvent = RequesterChanged | RecipientAdded | RecipientRemoved;

/**
 * Whether an event changes who is on the ticket (E1), for a timeline of recipient changes.
 *
 * @example
 * const log = fold([]).revision === 0 ? [] : [];
 * log.filter(isRecipientEvent).length; // 0
 */
export const isRecipientEvent = (event: TicketEvent): event is RecipientEvent =>
  event?.type === 'added' || event?.type === 'removed' || event?.type === 'requester-changed';

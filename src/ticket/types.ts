import type { AddressKey, Mailbox } from '../address/types.js';

/** The roles an address can hold by email (A4), and followers (agents, tracked apart). */
export type RecipientField = 'cc' | 'bcc' | 'follower';
export type Visibility = 'public' | 'internal';

export type { Actor, Cause } from '../policy/actor.js';

/** An address the ticket remembers (C2), with when it last held a role. */
export interface RememberedAddress extends Mailbox {
  /** The ticket revision at which the address last got a role: larger is more recent. */
  readonly lastUsed: number;
}

export type Resolution = 'update-recipients' | 'split' | 'add-as-cc' | 'make-public' | 'accept';

/** What every notice holds: the reply it is about, and the addresses that matter for resolving it. */
interface NoticeBase {
  readonly id: string;
  /** The inbound reply the notice is about (a split moves it to the new ticket). */
  readonly comment: CommentRecord;
  /** The reply's sender, when it had a valid one. */
  readonly sender: Mailbox | null;
  /** The addresses the reply reached, less support addresses. */
  readonly present: readonly Mailbox[];
  /** Participants the reply left out. */
  readonly missing: readonly Mailbox[];
  /** Addresses on the reply that are not on the ticket. */
  readonly added: readonly Mailbox[];
  /**
   * B9: who the reply reached while it was held (its plan when it came in: followers, agent
   * CCs of a note), so that releasing it sends it to the others only, whatever changed since.
   * Absent in notices recorded before it was kept.
   */
  readonly told?: readonly Mailbox[];
}

/**
 * A flag on an inbound reply asking an agent to decide something, a union on `kind`;
 * `resolutions` lists what each kind offers.
 */
export type Notice =
  /** F3: the requester's reply left out CCs or brought new addresses. */
  | (NoticeBase & { readonly kind: 'recipients-changed'; readonly resolutions: readonly ('update-recipients' | 'split')[] })
  /** F4: a CC wrote without the requester: only a split is offered, the requester stays. */
  | (NoticeBase & { readonly kind: 'cc-reply-without-requester'; readonly resolutions: readonly 'split'[] })
  /** F8: someone not on the ticket wrote. */
  | (NoticeBase & { readonly kind: 'third-party-reply'; readonly resolutions: readonly ('add-as-cc' | 'split')[] })
  /** The email had no usable From: an agent should look; there is nothing to resolve it with. */
  | (NoticeBase & { readonly kind: 'unknown-sender'; readonly resolutions: readonly never[] })
  /** F12: the desk was not in To or Cc (a BCC copy): kept internal, nobody added; an agent may make it public. */
  | (NoticeBase & { readonly kind: 'desk-not-addressed'; readonly resolutions: readonly 'make-public'[] })
  /** F13: the sender failed authentication: nothing applied until an agent accepts it (or splits it off). */
  | (NoticeBase & { readonly kind: 'unverified-sender'; readonly resolutions: readonly ('accept' | 'split')[] });

export type NoticeKind = Notice['kind'];

/** Who wrote a comment, relative to the ticket at the time. */
export const AUTHOR_ROLES = ['requester', 'cc', 'bcc', 'follower', 'agent', 'third-party', 'support', 'unknown'] as const;
export type AuthorRole = (typeof AUTHOR_ROLES)[number];

/** A comment as the history records it. The body is the caller's; this is who and how. */
export interface CommentRecord {
  readonly id: string;
  /** The email's Message-ID for inbound mail, `null` for comments written in the help desk. */
  readonly messageId: string | null;
  readonly author: Mailbox | null;
  readonly authorRole: AuthorRole;
  readonly visibility: Visibility;
  readonly via: 'email' | 'help-desk';
  /** For an inbound email: the addresses it reached (To and Cc), support addresses included. */
  readonly to: readonly Mailbox[];
  readonly cc: readonly Mailbox[];
  /** An automatic message (`Auto-Submitted` other than `no`, RFC 3834): nobody is notified of it (B7). */
  readonly automatic: boolean;
  /**
   * H3: recipients for this message only, the ticket unchanged: extra CCs (in its Cc header),
   * extra BCCs (envelope only), and participants left out of it.
   */
  readonly oneTime?: { readonly cc: readonly Mailbox[]; readonly bcc: readonly Mailbox[]; readonly leftOut: readonly Mailbox[] };
}

/** A participant who is muted (H2) or whose mail fails (H1): they keep their role and receive nothing (B10). */
export interface HeldBack {
  readonly mailbox: Mailbox;
  readonly reason: 'muted' | 'failing' | 'undeliverable';
  readonly detail: string;
}

/** How many refused recipients and resolved notice ids a ticket keeps (the log keeps them all). */
export const KEPT_REFUSALS = 100;
export const KEPT_RESOLVED_NOTICES = 64;

/**
 * A ticket's current state: plain JSON, bounded by its participants and open notices.
 * The ever-growing parts (history, comments, resolved notices) live in the event log the
 * caller stores, so an update costs the same on a ticket with 100,000 past events as on one with 10.
 */
export interface Ticket {
  readonly v: 2;
  readonly id: string;
  readonly requester: Mailbox | null;
  readonly ccs: readonly Mailbox[];
  readonly bccs: readonly Mailbox[];
  /** Agents notified of public replies and internal notes; never in headers. */
  readonly followers: readonly Mailbox[];
  /** Every address that was ever requester, CC or BCC (C2). */
  readonly memory: readonly RememberedAddress[];
  /** Open notices: the replies they hold are not delivered to the people they left out (B5, B9). */
  readonly notices: readonly Notice[];
  /** Ids of the latest resolved notices, so resolving one twice is told apart from an unknown one. */
  readonly resolvedNotices: readonly string[];
  /** Addresses policy kept out, latest last, until they get a role (E5). */
  readonly refused: readonly RefusedRecipient[];
  /** Participants left out of every envelope, with why (H1, H2, B10). */
  readonly heldBack: readonly HeldBack[];
  /** Comments made internal after they were written (C4): never delivered again to those who may not see notes. */
  readonly internalComments: readonly string[];
  /** Set when the ticket was merged into another (H4): the id of that ticket. */
  readonly mergedInto: string | null;
  /** How many comments the ticket holds. */
  readonly commentCount: number;
  /**
   * Message-IDs of the latest inbound emails, for duplicate detection (F1): 16 buckets by
   * hash, each keeping its latest 16, so recording one costs the same on any ticket.
   */
  readonly recentMessageIds: readonly (readonly string[])[];
  /** Number of events folded into this state: the sequence number of the last one (E4). */
  readonly revision: number;
}

export type { AddressKey, Mailbox };
export type { RefusedRecipient } from './events.js';
import type { RefusedRecipient } from './events.js';

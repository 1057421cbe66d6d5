import type { Reason } from '../explain/reason.js';
import type { Mailbox } from '../address/types.js';

/** What an outbound message is for. */
export type MessageKind =
  /** The public reply to the requester and CCs; BCCs get it through the envelope (B1, B2). */
  | 'customer-reply'
  /** A follower's notification of a public reply or internal note (B3). */
  | 'follower-notification'
  /** An internal note to an agent who is a CC (B4). */
  | 'internal-note'
  /** A rule's "notify requester" / "notify requester and CCs" (B6). */
  | 'notification';

/**
 * A recipient as a mail library takes it (B8): the decoded display name and the address.
 * Hand these to the sender and let it encode the name; the header text is already encoded.
 */
export interface Recipient {
  readonly name: string | null;
  readonly address: string;
}

/** One message to deliver. Headers are what recipients see; the envelope is who gets it. */
export interface OutboundMessage {
  readonly kind: MessageKind;
  /**
   * RFC 5322 header values, names quoted or RFC 2047-encoded as needed, for senders that
   * write raw headers. Never names a BCC to anyone else (I1). Give a mail library
   * `recipients` instead, or it encodes the encoded names again.
   */
  readonly headers: { readonly to: string; readonly cc: string };
  /** The same people as structured recipients, names decoded (B8): per header, and the envelope. */
  readonly recipients: {
    readonly to: readonly Recipient[];
    readonly cc: readonly Recipient[];
    readonly envelope: readonly Recipient[];
  };
  /** Who actually receives it (the SMTP envelope, RCPT TO), each once. */
  readonly envelope: readonly Mailbox[];
  /**
   * The comment it delivers, and whether the whole public conversation comes with it (B5).
   * `exclude` lists comment ids the rendered conversation must leave out: replies held by an
   * open notice and comments that are internal now, whatever they were when written.
   */
  readonly carries: { readonly commentId: string; readonly conversation: 'public' | 'none'; readonly exclude: readonly string[] };
}

/** Why a participant gets no message for a comment (B10). */
export type LeftOutReason =
  /** An agent muted them on this ticket (H2). */
  | 'muted'
  /** Their mail bounces for good (H1): nothing is sent until an agent restores them or they write in. */
  | 'undeliverable'
  /** On the caller's suppression list (global unsubscribes, hard bounces) (H1). */
  | 'suppressed'
  /** The comment is a reply held by an open notice: no customer gets it until an agent decides (F3, F4, F8). */
  | 'held-reply'
  /** A follower the directory no longer lists as staff: no notes, no notifications. */
  | 'no-longer-staff'
  /** The agent left them out of this one reply (H3); they stay on the ticket. */
  | 'left-out';

/** A participant a plan sends nothing to, and why (B10). */
export interface LeftOut {
  readonly mailbox: Mailbox;
  readonly reason: LeftOutReason;
  /** The same as a reason of the behaviour reference, as events carry them (`muted` is H2, `held-reply` B5, …). */
  readonly reasons: readonly Reason[];
  /** The message they would have got. */
  readonly messageKind: MessageKind;
}

/** A participant who does receive the message, but whose mail has been failing for a while (H1). */
export interface DeliveryWarning {
  readonly mailbox: Mailbox;
  readonly reason: 'failing';
  /** What the delivery report said, as recorded. */
  readonly detail: string;
  readonly messageKind: MessageKind;
}

/** Everything to send for one comment. */
export interface DeliveryPlan {
  readonly commentId: string;
  /** The comment's visibility now: a comment made internal after it was written is planned as a note (C4). */
  readonly visibility: 'public' | 'internal';
  readonly messages: readonly OutboundMessage[];
  /** Participants who get nothing for this comment, each once, with why (B10). */
  readonly leftOut: readonly LeftOut[];
  /** Recipients in `messages` whose mail has been failing (H1): sent anyway, worth showing the agent. */
  readonly warnings: readonly DeliveryWarning[];
}

/** What the caller knows beyond the ticket when planning. */
export interface DeliveryOptions {
  /**
   * Addresses nothing is sent to on any ticket: global unsubscribes, hard bounces (H1).
   * Compared by identity (A3), with the help desk's identity settings. Pass the entries that
   * concern the ticket's participants when the list is large: each one is parsed per call.
   */
  readonly suppressed?: readonly string[];
}

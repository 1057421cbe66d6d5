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

/** One message to deliver. Headers are what recipients see; the envelope is who gets it. */
export interface OutboundMessage {
  readonly kind: MessageKind;
  /** RFC 5322 header values, names quoted or encoded as needed. Never names a BCC (I1). */
  readonly headers: { readonly to: string; readonly cc: string };
  /** Who actually receives it (the SMTP envelope, RCPT TO), each once. */
  readonly envelope: readonly Mailbox[];
  /** The comment it delivers, and whether the whole public conversation comes with it (B5). */
  readonly carries: { readonly commentId: string; readonly conversation: 'public' | 'none' };
}

/** Everything to send for one comment. */
export interface DeliveryPlan {
  readonly commentId: string;
  readonly visibility: 'public' | 'internal';
  readonly messages: readonly OutboundMessage[];
}

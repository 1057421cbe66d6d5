import { array, boolean, integer, literal, nullable, object, string, tagged, unknown, type Schema } from '../schema/schema.js';
import type { Mailbox } from '../address/types.js';
import { AUTHOR_ROLES, type Actor, type CommentRecord, type HeldBack, type Notice, type RefusedRecipient, type RememberedAddress, type Ticket } from './types.js';

/**
 * The model's shapes as schemas: the one definition behind `checkTicket`, `validateTicket`,
 * the decider's gate, `readEvents` and `suggest`. Anything that passes can be folded,
 * decided and planned without a later step throwing.
 */
export const mailbox: Schema<Mailbox> = object({ address: string({ nonEmpty: true, header: true }), name: nullable(string({ header: true })), key: string({ nonEmpty: true }) });

const remembered: Schema<RememberedAddress> = object({ address: string({ nonEmpty: true, header: true }), name: nullable(string({ header: true })), key: string({ nonEmpty: true }), lastUsed: integer(0) });

const id = string({ nonEmpty: true });
const staff = (kind: string) => object({ kind: literal(kind), id });

export const actor: Schema<Actor> = tagged('kind', {
  agent: staff('agent'),
  'light-agent': staff('light-agent'),
  admin: staff('admin'),
  'end-user': object({ kind: literal('end-user'), address: string({ header: true }) }),
  rule: object({ kind: literal('rule'), ruleId: id }),
  system: object({ kind: literal('system') }),
});

export const visibility = literal('public', 'internal');

export const commentRecord: Schema<CommentRecord> = object({
  id,
  messageId: nullable(string()),
  author: nullable(mailbox),
  authorRole: literal(...AUTHOR_ROLES),
  visibility,
  via: literal('email', 'help-desk'),
  to: array(mailbox),
  cc: array(mailbox),
  automatic: boolean,
});

const noticeFields = <K extends string>(kind: K, resolutions: Schema<unknown>) =>
  object({
    id,
    kind: literal(kind),
    comment: commentRecord,
    sender: nullable(mailbox),
    present: array(mailbox),
    missing: array(mailbox),
    added: array(mailbox),
    resolutions,
  });

export const notice: Schema<Notice> = tagged('kind', {
  'recipients-changed': noticeFields('recipients-changed', array(literal('update-recipients', 'split'))),
  'cc-reply-without-requester': noticeFields('cc-reply-without-requester', array(literal('split'))),
  'third-party-reply': noticeFields('third-party-reply', array(literal('add-as-cc', 'split'))),
  'unknown-sender': noticeFields('unknown-sender', array(unknown)),
  'desk-not-addressed': noticeFields('desk-not-addressed', array(literal('make-public'))),
  'unverified-sender': noticeFields('unverified-sender', array(literal('accept', 'split'))),
});

const roleField = literal('requester', 'cc', 'bcc', 'follower');

export const refusedRecipient: Schema<RefusedRecipient> = object({ input: string(), mailbox: nullable(mailbox), field: roleField, code: string({ nonEmpty: true }) });

const heldBack: Schema<HeldBack> = object({ mailbox, reason: literal('muted', 'failing', 'undeliverable'), detail: string() });

/** A ticket's shape: every field, every list entry, no text a header cannot carry. */
export const ticket: Schema<Ticket> = object({
  v: literal(2),
  id: string(),
  requester: nullable(mailbox),
  ccs: array(mailbox),
  bccs: array(mailbox),
  followers: array(mailbox),
  memory: array(remembered),
  notices: array(notice),
  resolvedNotices: array(string()),
  refused: array(refusedRecipient),
  heldBack: array(heldBack),
  internalComments: array(string()),
  mergedInto: nullable(string({ nonEmpty: true })),
  commentCount: integer(0),
  recentMessageIds: array(array(string())),
  revision: integer(0),
});

import { report, array, oneOf, boolean, integer, literal, nullable, object, string, tagged, unknown, type Schema } from '../schema/schema.js';
import type { Mailbox } from '../address/types.js';
import type { Reason } from '../explain/reason.js';
import { defaultSettings } from '../policy/settings.js';
import { AUTHOR_ROLES, type Actor, type CommentRecord, type HeldBack, type Notice, type RefusedRecipient, type RememberedAddress, type Ticket } from './types.js';

/**
 * The model's shapes as schemas: the one definition behind `checkTicket`, `validateTicket`,
 * the decider's gate, `readEvents` and `suggest`. Anything that passes can be folded,
 * decided and planned without a later step throwing.
 */
export const mailbox: Schema<Mailbox> = /* @__PURE__ */ object({ address: /* @__PURE__ */ string({ nonEmpty: true, header: true }), name: /* @__PURE__ */ nullable(/* @__PURE__ */ string({ header: true })), key: /* @__PURE__ */ string({ nonEmpty: true }) });

const remembered: Schema<RememberedAddress> = /* @__PURE__ */ object({ address: /* @__PURE__ */ string({ nonEmpty: true, header: true }), name: /* @__PURE__ */ nullable(/* @__PURE__ */ string({ header: true })), key: /* @__PURE__ */ string({ nonEmpty: true }), lastUsed: /* @__PURE__ */ integer(0) });

const id = /* @__PURE__ */ string({ nonEmpty: true });
const staff = (kind: string) => object({ kind: literal(kind), id });

export const actor: Schema<Actor> = /* @__PURE__ */ tagged('kind', {
  agent: /* @__PURE__ */ staff('agent'),
  'light-agent': /* @__PURE__ */ staff('light-agent'),
  admin: /* @__PURE__ */ staff('admin'),
  'end-user': /* @__PURE__ */ object({ kind: /* @__PURE__ */ literal('end-user'), address: /* @__PURE__ */ string({ header: true }) }),
  rule: /* @__PURE__ */ object({ kind: /* @__PURE__ */ literal('rule'), ruleId: id }),
  system: /* @__PURE__ */ object({ kind: /* @__PURE__ */ literal('system') }),
});

export const visibility = /* @__PURE__ */ literal('public', 'internal');

export const commentRecord: Schema<CommentRecord> = /* @__PURE__ */ object({
  id,
  messageId: /* @__PURE__ */ nullable(/* @__PURE__ */ string()),
  author: /* @__PURE__ */ nullable(mailbox),
  authorRole: /* @__PURE__ */ oneOf(AUTHOR_ROLES),
  visibility,
  via: /* @__PURE__ */ literal('email', 'help-desk'),
  to: /* @__PURE__ */ array(mailbox),
  cc: /* @__PURE__ */ array(mailbox),
  automatic: boolean,
  oneTime: /* @__PURE__ */ object({ cc: /* @__PURE__ */ array(mailbox), bcc: /* @__PURE__ */ array(mailbox), leftOut: /* @__PURE__ */ array(mailbox) }),
}, ['oneTime']);

const noticeFields = <K extends string>(kind: K, resolutions: Schema<unknown>) =>
  /* @__PURE__ */ object({
    id,
    kind: /* @__PURE__ */ literal(kind),
    comment: commentRecord,
    sender: /* @__PURE__ */ nullable(mailbox),
    present: /* @__PURE__ */ array(mailbox),
    missing: /* @__PURE__ */ array(mailbox),
    added: /* @__PURE__ */ array(mailbox),
    resolutions,
    told: /* @__PURE__ */ array(mailbox),
  }, ['told']);

export const notice: Schema<Notice> = /* @__PURE__ */ tagged('kind', {
  'recipients-changed': /* @__PURE__ */ noticeFields('recipients-changed', /* @__PURE__ */ array(/* @__PURE__ */ literal('update-recipients', 'split'))),
  'cc-reply-without-requester': /* @__PURE__ */ noticeFields('cc-reply-without-requester', /* @__PURE__ */ array(/* @__PURE__ */ literal('split'))),
  'third-party-reply': /* @__PURE__ */ noticeFields('third-party-reply', /* @__PURE__ */ array(/* @__PURE__ */ literal('add-as-cc', 'split'))),
  'unknown-sender': /* @__PURE__ */ noticeFields('unknown-sender', /* @__PURE__ */ array(unknown)),
  'desk-not-addressed': /* @__PURE__ */ noticeFields('desk-not-addressed', /* @__PURE__ */ array(/* @__PURE__ */ literal('make-public'))),
  'unverified-sender': /* @__PURE__ */ noticeFields('unverified-sender', /* @__PURE__ */ array(/* @__PURE__ */ literal('accept', 'split'))),
});

const roleField = /* @__PURE__ */ literal('requester', 'cc', 'bcc', 'follower');

const text = /* @__PURE__ */ string();
const scalar: Schema = (v, w) => v === null || typeof v === 'number' || typeof v === 'boolean' || text(v, w);

// A stored reason names a rule of the behaviour reference (`F4`, `B10`) and a setting there is: anything else is damage, reported (E4).
const label = /* @__PURE__ */ string({ nonEmpty: true, header: true });
const ruleId: Schema<string> = (v, w) => (typeof v === 'string' && /^[A-I][0-9]{1,2}$/.test(v)) || (label(v, w) && report(w, 'invalid-value', 'must be a rule id of the behaviour reference (F4, B10)', v));
const settingName: Schema<string> = (v, w) => (typeof v === 'string' && Object.hasOwn(defaultSettings, v)) || (label(v, w) && report(w, 'invalid-value', 'must be the name of a setting', v));

/** A decision's reason (stored in events): a rule id, and what decided. */
export const reason: Schema<Reason> = /* @__PURE__ */ object(
  {
    rule: ruleId,
    setting: /* @__PURE__ */ object({ name: settingName, value: scalar }),
    header: /* @__PURE__ */ object({ name: /* @__PURE__ */ string({ nonEmpty: true, header: true }), value: /* @__PURE__ */ string({ header: true }) }),
    directory: /* @__PURE__ */ object({ address: /* @__PURE__ */ string({ header: true }), kind: /* @__PURE__ */ literal('agent', 'light-agent', 'admin', 'end-user') }),
    callerRule: /* @__PURE__ */ string({ nonEmpty: true }),
  },
  ['setting', 'header', 'directory', 'callerRule'],
);

export const refusedRecipient: Schema<RefusedRecipient> = /* @__PURE__ */ object({ input: /* @__PURE__ */ string(), mailbox: /* @__PURE__ */ nullable(mailbox), field: roleField, code: /* @__PURE__ */ string({ nonEmpty: true }), reason }, ['reason']);

const heldBack: Schema<HeldBack> = /* @__PURE__ */ object({ mailbox, reason: /* @__PURE__ */ literal('muted', 'failing', 'undeliverable'), detail: /* @__PURE__ */ string() });

/** A ticket's shape: every field, every list entry, no text a header cannot carry. */
export const ticket: Schema<Ticket> = /* @__PURE__ */ object({
  v: /* @__PURE__ */ literal(2),
  id: /* @__PURE__ */ string(),
  requester: /* @__PURE__ */ nullable(mailbox),
  ccs: /* @__PURE__ */ array(mailbox),
  bccs: /* @__PURE__ */ array(mailbox),
  followers: /* @__PURE__ */ array(mailbox),
  memory: /* @__PURE__ */ array(remembered),
  notices: /* @__PURE__ */ array(notice),
  resolvedNotices: /* @__PURE__ */ array(/* @__PURE__ */ string()),
  refused: /* @__PURE__ */ array(refusedRecipient),
  heldBack: /* @__PURE__ */ array(heldBack),
  internalComments: /* @__PURE__ */ array(/* @__PURE__ */ string()),
  mergedInto: /* @__PURE__ */ nullable(/* @__PURE__ */ string({ nonEmpty: true })),
  commentCount: /* @__PURE__ */ integer(0),
  recentMessageIds: /* @__PURE__ */ array(/* @__PURE__ */ array(/* @__PURE__ */ string())),
  revision: /* @__PURE__ */ integer(0),
});

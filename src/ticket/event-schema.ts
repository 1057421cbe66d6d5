import { array, oneOf, integer, literal, nullable, object, string, tagged, type Schema } from '../schema/schema.js';
import type { EventType, TicketEvent } from './events.js';
import { actor, commentRecord, mailbox, notice, reason, refusedRecipient, visibility } from './schema.js';

const CAUSES = ['agent-edit', 'inbound-email', 'rule', 'notice-resolution', 'split', 'import', 'merge', 'erasure', 'delivery'] as const;
const RESOLUTIONS = ['update-recipients', 'split', 'add-as-cc', 'make-public', 'accept'] as const;
const field = /* @__PURE__ */ literal('cc', 'bcc', 'follower');
const text = /* @__PURE__ */ string({ nonEmpty: true });
const reasons = /* @__PURE__ */ array(reason);
const anyText = /* @__PURE__ */ string();
// A path is keys and list indexes, as an issue's `path` is.
const path = /* @__PURE__ */ array((v, w) => typeof v === 'number' || anyText(v, w));

/** One event schema per type, on the base every event carries (E1, E3, E4). */
const event = (type: EventType, fields: Readonly<Record<string, Schema>>): Schema =>
  /* @__PURE__ */ object({ v: /* @__PURE__ */ literal(2), ticketId: /* @__PURE__ */ string(), seq: /* @__PURE__ */ integer(1), sum: /* @__PURE__ */ string(), at: /* @__PURE__ */ string(), by: actor, cause: /* @__PURE__ */ oneOf(CAUSES), type: /* @__PURE__ */ literal(type), reasons, ...fields }, ['reasons']);

const participants = /* @__PURE__ */ object({ requester: /* @__PURE__ */ nullable(mailbox), ccs: /* @__PURE__ */ array(mailbox), bccs: /* @__PURE__ */ array(mailbox), followers: /* @__PURE__ */ array(mailbox) });

const schemas: { readonly [K in EventType]: Schema } = {
  'ticket-opened': /* @__PURE__ */ event('ticket-opened', { splitFrom: /* @__PURE__ */ nullable(/* @__PURE__ */ object({ ticketId: text, commentId: text })) }),
  'requester-changed': /* @__PURE__ */ event('requester-changed', { from: /* @__PURE__ */ nullable(mailbox), to: mailbox }),
  added: /* @__PURE__ */ event('added', { field, mailbox }),
  removed: /* @__PURE__ */ event('removed', { field, mailbox }),
  'comment-added': /* @__PURE__ */ event('comment-added', { comment: commentRecord }),
  'comment-moved': /* @__PURE__ */ event('comment-moved', { commentId: text, toTicketId: text }),
  'comment-visibility-changed': /* @__PURE__ */ event('comment-visibility-changed', { commentId: text, visibility }),
  'notice-raised': /* @__PURE__ */ event('notice-raised', { notice }),
  'notice-resolved': /* @__PURE__ */ event('notice-resolved', { noticeId: text, resolution: /* @__PURE__ */ oneOf(RESOLUTIONS) }),
  'recipients-refused': /* @__PURE__ */ event('recipients-refused', { refused: /* @__PURE__ */ array(refusedRecipient) }),
  'ticket-imported': /* @__PURE__ */ event('ticket-imported', { participants, problems: /* @__PURE__ */ array(/* @__PURE__ */ object({ code: text, message: /* @__PURE__ */ string(), path })) }),
  'address-erased': /* @__PURE__ */ event('address-erased', { pseudonym: text }),
  'delivery-changed': /* @__PURE__ */ event('delivery-changed', { mailbox, status: /* @__PURE__ */ literal('ok', 'failing', 'undeliverable'), reason: /* @__PURE__ */ string() }),
  'mute-changed': /* @__PURE__ */ event('mute-changed', { mailbox, muted: /* @__PURE__ */ literal(true, false) }),
  'address-changed': /* @__PURE__ */ event('address-changed', { mailbox }),
  'ticket-merged': /* @__PURE__ */ event('ticket-merged', { into: text }),
};

export const EVENT_TYPES = /* @__PURE__ */ Object.keys(schemas) as EventType[];

/** Any event this library writes: whatever passes folds without error. */
export const ticketEvent: Schema<TicketEvent> = /* @__PURE__ */ tagged('type', schemas);

import { array, integer, literal, nullable, object, string, tagged, type Schema } from '../schema/schema.js';
import type { EventType, TicketEvent } from './events.js';
import { actor, commentRecord, mailbox, notice, refusedRecipient, visibility } from './schema.js';

const CAUSES = ['agent-edit', 'inbound-email', 'rule', 'notice-resolution', 'split', 'import', 'merge', 'erasure', 'delivery'] as const;
const RESOLUTIONS = ['update-recipients', 'split', 'add-as-cc', 'make-public', 'accept'] as const;
const field = literal('cc', 'bcc', 'follower');
const text = string({ nonEmpty: true });
const path = array((v, w) => typeof v === 'string' || typeof v === 'number' || string()(v, w));

/** One event schema per type, on the base every event carries (E1, E3, E4). */
const event = (type: EventType, fields: Readonly<Record<string, Schema>>): Schema =>
  object({ v: literal(2), ticketId: string(), seq: integer(1), sum: string(), at: string(), by: actor, cause: literal(...CAUSES), type: literal(type), ...fields });

const participants = object({ requester: nullable(mailbox), ccs: array(mailbox), bccs: array(mailbox), followers: array(mailbox) });

const schemas: { readonly [K in EventType]: Schema } = {
  'ticket-opened': event('ticket-opened', { splitFrom: nullable(object({ ticketId: text, commentId: text })) }),
  'requester-changed': event('requester-changed', { from: nullable(mailbox), to: mailbox }),
  added: event('added', { field, mailbox }),
  removed: event('removed', { field, mailbox }),
  'comment-added': event('comment-added', { comment: commentRecord }),
  'comment-moved': event('comment-moved', { commentId: text, toTicketId: text }),
  'comment-visibility-changed': event('comment-visibility-changed', { commentId: text, visibility }),
  'notice-raised': event('notice-raised', { notice }),
  'notice-resolved': event('notice-resolved', { noticeId: text, resolution: literal(...RESOLUTIONS) }),
  'recipients-refused': event('recipients-refused', { refused: array(refusedRecipient) }),
  'ticket-imported': event('ticket-imported', { participants, problems: array(object({ code: text, message: string(), path })) }),
  'address-erased': event('address-erased', { pseudonym: text }),
  'delivery-changed': event('delivery-changed', { mailbox, status: literal('ok', 'failing', 'undeliverable'), reason: string() }),
  'mute-changed': event('mute-changed', { mailbox, muted: literal(true, false) }),
  'ticket-merged': event('ticket-merged', { into: text }),
};

export const EVENT_TYPES = Object.keys(schemas) as EventType[];

/** Any event this library writes: whatever passes folds without error. */
export const ticketEvent: Schema<TicketEvent> = tagged('type', schemas);

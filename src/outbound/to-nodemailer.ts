import { parseAddress } from '../address/parse-list.js';
import { issue, type Issue } from '../issue/issue.js';
import { err, ok, type Result } from '../result.js';
import { array, check, either, literal, nullable, object, string, type Schema } from '../schema/schema.js';
import { mailbox as mailboxSchema } from '../ticket/schema.js';
import type { OutboundMessage, Recipient } from './types.js';

/** A mailbox as nodemailer takes it: it quotes or encodes `name` itself (RFC 2047). */
export interface NodemailerAddress {
  name: string;
  address: string;
}

/** What the caller adds to a planned message: the sender and the content. */
export interface NodemailerFields {
  /** The From: a desk address, as text (`Desk <support@desk.example>`) or a mailbox. */
  readonly from: string | Recipient;
  readonly replyTo?: string | Recipient;
  readonly subject?: string;
  readonly messageId?: string;
  readonly inReplyTo?: string;
  readonly references?: string | readonly string[];
  readonly text?: string;
  readonly html?: string;
}

/**
 * The options object of nodemailer's `sendMail`, built from plain data: structurally the
 * subset of `Mail.Options` this library fills, so no nodemailer import is needed here.
 */
export interface NodemailerMessage {
  from: string | NodemailerAddress;
  to: NodemailerAddress[];
  cc?: NodemailerAddress[];
  /** Who receives the message: exactly the plan's envelope. It is why a BCC is never a header. */
  envelope: { from: string; to: string[] };
  replyTo?: string | NodemailerAddress;
  subject?: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string | string[];
  text?: string;
  html?: string;
}

/**
 * The shapes toNodemailer accepts. Built per call, not at module level: a bundle that only
 * imports the address functions then carries none of this (a handful of closures per call).
 */
function schemas(): { message: Schema<OutboundMessage>; fields: Schema<NodemailerFields> } {
  const header = string({ header: true });
  const recipient: Schema<Recipient> = object({ name: nullable(header), address: string({ nonEmpty: true, header: true }) });
  const person = either(string({ nonEmpty: true, header: true }), recipient);
  return {
    // A plan may have waited in a queue as JSON: it is checked like anything read from storage.
    message: object({
      kind: literal('customer-reply', 'follower-notification', 'internal-note', 'notification'),
      headers: object({ to: header, cc: header }),
      recipients: object({ to: array(recipient), cc: array(recipient), envelope: array(recipient) }),
      envelope: array(mailboxSchema),
      carries: object({ commentId: string(), conversation: literal('public', 'none'), exclude: array(string()) }),
    }),
    // No `bcc` here: a stray one is reported as an unknown field, never sent as a header.
    fields: object(
      { from: person, replyTo: person, subject: header, messageId: header, inReplyTo: header, references: either(header, array(header)), text: string(), html: string() },
      ['replyTo', 'subject', 'messageId', 'inReplyTo', 'references', 'text', 'html'],
    ),
  };
}

const mailbox = (r: Recipient): NodemailerAddress => ({ name: r.name ?? '', address: r.address });
const person = (value: string | Recipient): string | NodemailerAddress => (typeof value === 'string' ? value : mailbox(value));

/** The bare address for SMTP MAIL FROM: a display name there would be a protocol error. */
function envelopeSender(from: string | Recipient): Result<string, Issue> {
  if (typeof from !== 'string') return ok(from.address);
  const parsed = parseAddress(from);
  return parsed.ok ? ok(parsed.value.address) : err(issue('invalid-address', `from is not one address: ${parsed.error.message}`, from, ['fields', 'from']));
}

/**
 * Turns one planned message into nodemailer's `sendMail` options (B8): To and Cc as
 * structured mailboxes with decoded names, so nodemailer encodes each name once; the
 * envelope set to the plan's, so BCCs get the message without any header naming them
 * (there is no `bcc` field at all). Pure: it sends nothing.
 *
 * @example
 * import nodemailer from 'nodemailer';
 * const transport = nodemailer.createTransport({ streamTransport: true }); // your SMTP settings in production
 * for (const m of plan.messages) {
 *   const mail = toNodemailer(m, { from: 'Acme Support <support@desk.example>', subject: 'Re: your order', text: 'We have shipped it.' });
 *   if (mail.ok) await transport.sendMail(mail.value);
 * }
 */
export function toNodemailer(message: OutboundMessage, fields: NodemailerFields): Result<NodemailerMessage, readonly Issue[]> {
  const schema = schemas();
  const issues = [...check(schema.message, message, ['message']), ...check(schema.fields, fields, ['fields'])];
  if (issues.length > 0) return err(issues);
  const sender = envelopeSender(fields.from);
  if (!sender.ok) return err([sender.error]);
  const { from, replyTo, subject, messageId, inReplyTo, references, text, html } = fields;
  const cc = message.recipients.cc.map(mailbox);
  return ok({
    from: person(from),
    to: message.recipients.to.map(mailbox),
    ...(cc.length > 0 ? { cc } : {}),
    envelope: { from: sender.value, to: message.recipients.envelope.map((r) => r.address) },
    ...(replyTo === undefined ? {} : { replyTo: person(replyTo) }),
    ...(subject === undefined ? {} : { subject }),
    ...(messageId === undefined ? {} : { messageId }),
    ...(inReplyTo === undefined ? {} : { inReplyTo }),
    ...(references === undefined ? {} : { references: typeof references === 'string' ? references : [...references] }),
    ...(text === undefined ? {} : { text }),
    ...(html === undefined ? {} : { html }),
  });
}

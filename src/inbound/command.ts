import { literal, nullable, object, string, unknown, type Schema } from '../schema/schema.js';
import { visibility } from '../ticket/schema.js';
import type { Visibility } from '../ticket/types.js';

/** The caller's reading of the sender's authentication (DMARC, or SPF and DKIM) (F13). */
export type Authentication = 'pass' | 'fail' | 'none';

/**
 * An email that arrived for a ticket (or to open one), with its headers as a mail parser
 * hands them over. Address headers may be header text or the parser's address objects
 * (`{ name, address }`, arrays of them, mailparser's `{ value, text }`).
 */
export interface InboundEmail {
  readonly type: 'receive-email';
  /** The Message-ID. Also the id of the comment it becomes unless `commentId` is given. */
  readonly messageId: string;
  readonly commentId?: string;
  /** When it arrived (ISO 8601 by convention); recorded on every event. */
  readonly at: string;
  /** `Reply-To` never changes who sent a message (F1); a conflict with `From` is reported (F13). */
  readonly from: unknown;
  readonly to?: unknown;
  readonly cc?: unknown;
  readonly replyTo?: unknown;
  /**
   * The message's other headers, as the parser gives them: postal-mime's `headers` array of
   * `{ key, value }`, mailparser's `headerLines` or `headers` Map, or a plain object. F11 reads them.
   */
  readonly headers?: unknown;
  /** The `Auto-Submitted` header (RFC 3834), when not passed in `headers`. */
  readonly autoSubmitted?: unknown;
  /** Default `"none"`: nothing known. With `"fail"` the sender is not trusted with recipients (F13). */
  readonly authentication?: Authentication;
  /** For a bounce: the recipients the report says failed (its `Final-Recipient` fields) (F11, H1). */
  readonly failedRecipients?: unknown;
  /** The comment this email answers, when the caller matched one by `In-Reply-To` (F1). */
  readonly answers?: { readonly commentId: string; readonly visibility: Visibility } | null;
  /** Id for the ticket this email opens, when it opens one. Default: the Message-ID. */
  readonly newTicketId?: string;
}

const OPTIONAL = ['commentId', 'to', 'cc', 'replyTo', 'headers', 'autoSubmitted', 'authentication', 'failedRecipients', 'answers', 'newTicketId'] as const;

export const inboundEmailSchema: Schema<InboundEmail> = /* @__PURE__ */ object(
  {
    type: /* @__PURE__ */ literal('receive-email'),
    messageId: /* @__PURE__ */ string({ nonEmpty: true }),
    commentId: /* @__PURE__ */ string({ nonEmpty: true }),
    at: /* @__PURE__ */ string(),
    from: unknown,
    to: unknown,
    cc: unknown,
    replyTo: unknown,
    headers: unknown,
    autoSubmitted: unknown,
    authentication: /* @__PURE__ */ literal('pass', 'fail', 'none'),
    failedRecipients: unknown,
    answers: /* @__PURE__ */ nullable(/* @__PURE__ */ object({ commentId: /* @__PURE__ */ string(), visibility })),
    newTicketId: /* @__PURE__ */ string({ nonEmpty: true }),
  },
  OPTIONAL,
);

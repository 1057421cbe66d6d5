import { parseAddressList } from '../address/parse-list.js';
import type { AddressIssue, Mailbox } from '../address/types.js';
import { isSupportAddress, type Policy } from '../policy/policy.js';
import type { Visibility } from '../ticket/types.js';

/** An email that arrived for a ticket (or to open one), with its headers as a mail parser hands them over. */
export interface InboundEmail {
  readonly type: 'receive-email';
  /** The Message-ID. Also the id of the comment it becomes unless `commentId` is given. */
  readonly messageId: string;
  readonly commentId?: string;
  /** When it arrived (ISO 8601 by convention); recorded on every event. */
  readonly at: string;
  /** Raw header values. `Reply-To` never changes who sent a message (F1). */
  readonly from: unknown;
  readonly to?: unknown;
  readonly cc?: unknown;
  readonly replyTo?: unknown;
  /** The `Auto-Submitted` header (RFC 3834). */
  readonly autoSubmitted?: unknown;
  /** The comment this email answers, when the caller matched one by `In-Reply-To` (F1). */
  readonly answers?: { readonly commentId: string; readonly visibility: Visibility } | null;
  /** Id for the ticket this email opens, when it opens one. Default: the Message-ID. */
  readonly newTicketId?: string;
}

/** A problem with one header of an inbound email. */
export interface HeaderIssue extends AddressIssue {
  readonly header: 'from' | 'to' | 'cc';
}

/** The parts of an inbound email that decide what happens to the ticket. */
export interface ReadMessage {
  readonly sender: Mailbox | null;
  readonly to: readonly Mailbox[];
  readonly cc: readonly Mailbox[];
  /** Sender, To and Cc less support addresses, each address once, in header order. */
  readonly present: readonly Mailbox[];
  /** Whether a support address is in To or Cc (if not, the help desk was only BCC'd). */
  readonly reachesSupport: boolean;
  readonly automatic: boolean;
  readonly issues: readonly HeaderIssue[];
}

const withHeader = (header: HeaderIssue['header'], issues: readonly AddressIssue[]): HeaderIssue[] =>
  issues.map((issue) => ({ ...issue, header }));

export function readMessage(email: InboundEmail, policy: Policy): ReadMessage {
  const from = parseAddressList(email.from, policy.identity);
  const to = parseAddressList(email.to, policy.identity);
  const cc = parseAddressList(email.cc, policy.identity);
  const sender = from.mailboxes[0] ?? null;
  const present: Mailbox[] = [];
  const seen = new Set<string>();
  let reachesSupport = false;
  const visit = (mailbox: Mailbox, isRecipient: boolean): void => {
    if (isSupportAddress(policy, mailbox.key)) {
      if (isRecipient) reachesSupport = true;
      return;
    }
    if (seen.has(mailbox.key)) return;
    seen.add(mailbox.key);
    present.push(mailbox);
  };
  if (sender) visit(sender, false);
  for (const m of to.mailboxes) visit(m, true);
  for (const m of cc.mailboxes) visit(m, true);
  const auto = typeof email.autoSubmitted === 'string' ? email.autoSubmitted.trim().toLowerCase() : '';
  const issues = [...withHeader('from', from.invalid), ...withHeader('to', to.invalid), ...withHeader('cc', cc.invalid)];
  if (from.mailboxes.length === 0 && from.invalid.length === 0) {
    issues.push({ code: 'invalid-address', message: 'The email has no From address.', input: email.from, header: 'from' });
  }
  return {
    sender,
    to: to.mailboxes,
    cc: cc.mailboxes,
    present,
    reachesSupport,
    automatic: auto !== '' && !/^no(?![a-z0-9-])/.test(auto),
    issues,
  };
}

import type { AddressIssue, Mailbox } from '../address/types.js';
import { issue, under, type Issue } from '../issue/issue.js';
import { isSupportAddress, type Policy } from '../policy/policy.js';
import type { Authentication, InboundEmail } from './command.js';
import { readAddressInput } from './address-input.js';
import { readHeaders, withoutComments } from './headers.js';
import { classifyMail, type MailClassification } from './machine-mail.js';

/** A problem with one address header of an inbound email. */
export type HeaderIssue = Issue<AddressIssue['code']> & { readonly header: 'from' | 'to' | 'cc' | 'reply-to' };

/** The parts of an inbound email that decide what happens to the ticket. */
export interface ReadMessage {
  readonly sender: Mailbox | null;
  readonly to: readonly Mailbox[];
  readonly cc: readonly Mailbox[];
  /** From (every author, the sender first), To and Cc less support addresses, each address once, in header order. */
  readonly present: readonly Mailbox[];
  /** Whether a support address is in To or Cc (if not, the help desk was only BCC'd: F0, F12). */
  readonly reachesSupport: boolean;
  /** Person, automatic, list or bounce, and the header that said so (F11). */
  readonly classification: MailClassification;
  readonly authentication: Authentication;
  /** A `Reply-To` naming someone other than the sender (F13): reported, never followed. */
  readonly replyTo: Mailbox | null;
  /** Every valid mailbox of `Reply-To`, so H5 can read it person by person (`asPeople`). */
  readonly replyToNames: readonly Mailbox[];
  /** For a bounce: the recipients it reports as failed. */
  readonly failedRecipients: readonly Mailbox[];
  readonly issues: readonly Issue[];
}

const withHeader = (header: HeaderIssue['header'], issues: readonly AddressIssue[]): HeaderIssue[] =>
  issues.map((i) => ({ ...i, header }) as HeaderIssue);

// Any other address in Reply-To counts: "Reply-To: <the sender>, <someone else>" redirects answers too.
export const replyToConflict = (sender: Mailbox | null, names: readonly Mailbox[]): Mailbox | null =>
  sender === null ? null : (names.find((m) => m.key !== sender.key) ?? null);

export const replyToDiffers = (conflict: Mailbox, sender: Mailbox | null, input: unknown): Issue =>
  issue('reply-to-differs', `Reply-To names ${conflict.address}, not the sender ${sender?.address}: the sender is still the From address.`, input, [], { header: 'reply-to' });

// F11: some MTAs sign a bounce `MAILER-DAEMON` or `Mail Delivery System <postmaster>`, with no domain.
// That is no address, so it is no sender, but its local part still says who wrote the message.
// Header text and the parsers' objects alike: postal-mime and mailparser hand `From: MAILER-DAEMON`
// over as `{ address: '', name: 'MAILER-DAEMON' }`. A comment is no part of an address, and an
// empty `<>` leaves the name to say who signed (`"MAILER-DAEMON" <>`).
function unparsedSender(entry: AddressIssue | undefined): { readonly address: string } | null {
  const input: unknown = entry?.input;
  let text: unknown = null;
  if (typeof input === 'string') {
    const bare = withoutComments(input).trim();
    const angle = /^(.*)<([^<>]*)>$/.exec(bare);
    text = angle === null ? bare : angle[2]!.trim() || angle[1];
  } else if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    const { address, name } = input as { address?: unknown; name?: unknown };
    text = typeof address === 'string' && address.trim() !== '' ? address : name;
  }
  if (typeof text !== 'string') return null;
  const address = text.trim().replace(/^"(.*)"$/, '$1').trim();
  return address === '' ? null : { address };
}

export function readMessage(email: InboundEmail, policy: Policy): ReadMessage {
  const from = readAddressInput(email.from, policy.identity);
  const to = readAddressInput(email.to, policy.identity);
  const cc = readAddressInput(email.cc, policy.identity);
  const replyTo = email.replyTo === undefined ? null : readAddressInput(email.replyTo, policy.identity);
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
  // F1: the present addresses are From's, To's and Cc's; a From naming several authors (RFC 5322
  // mailbox-list) names each of them, the first being the sender.
  for (const m of from.mailboxes) visit(m, false);
  for (const m of to.mailboxes) visit(m, true);
  for (const m of cc.mailboxes) visit(m, true);
  // A1: every invalid entry is reported with its text, Reply-To's too (it changes no recipient, but the desk should see it).
  const issues: Issue[] = [...withHeader('from', from.invalid), ...withHeader('to', to.invalid), ...withHeader('cc', cc.invalid), ...withHeader('reply-to', replyTo?.invalid ?? [])];
  if (from.mailboxes.length === 0 && from.invalid.length === 0) {
    issues.push(issue('invalid-address', 'The email has no From address.', email.from, [], { header: 'from' }));
  }
  const replyToNames = replyTo?.mailboxes ?? [];
  const conflict = replyToConflict(sender, replyToNames);
  if (conflict !== null) issues.push(replyToDiffers(conflict, sender, email.replyTo));
  let headers = readHeaders(email.headers);
  // The older `autoSubmitted` field still counts when the headers do not carry it.
  if (typeof email.autoSubmitted === 'string' && !Object.hasOwn(headers, 'auto-submitted')) headers = { ...headers, 'auto-submitted': [email.autoSubmitted] };
  const failed = email.failedRecipients === undefined ? null : readAddressInput(email.failedRecipients, policy.identity);
  // A1: a failed recipient that is no address is reported at its place in the command, never dropped unseen.
  if (failed !== null) issues.push(...failed.invalid.map(under(['failedRecipients'])));
  return {
    sender,
    to: to.mailboxes,
    cc: cc.mailboxes,
    present,
    reachesSupport,
    classification: classifyMail(headers, sender ?? unparsedSender(from.invalid[0])),
    authentication: email.authentication ?? 'none',
    replyTo: conflict,
    replyToNames,
    failedRecipients: failed?.mailboxes ?? [],
    issues,
  };
}

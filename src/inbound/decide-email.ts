import { issue, type Issue } from '../issue/issue.js';
import { isStaff } from '../policy/directory.js';
import { isSupportAddress } from '../policy/policy.js';
import type { Actor } from '../policy/actor.js';
import type { UnstampedEvent } from '../ticket/events.js';
import { hasMessageId } from '../ticket/message-ids.js';
import { RecipientSet, changeContext, type Env } from '../ticket/recipient-set.js';
import type { CommentRecord, Notice, Ticket } from '../ticket/types.js';
import type { InboundEmail } from './command.js';
import { finish, type Draft } from './draft.js';
import type { MailClassification } from './machine-mail.js';
import { openTicket } from './open-ticket.js';
import { readMessage, type ReadMessage } from './read-message.js';
import { classifyReply } from './reply-order.js';
import { isUnverified } from './untrusted.js';
import { deliveryChange } from '../participants/report-delivery.js';
import { addressChange, asPeople, reachedAt } from './people.js';

/** What an inbound email did: the events to append, and what a person should know about it. */
export interface EmailDecision {
  /**
   * `opened` a new ticket, `added` a comment to the ticket, or neither: a `duplicate` (F1),
   * a `mail-loop` (F0), or `machine-mail` that may not open a ticket (F11).
   */
  readonly outcome: 'opened' | 'added' | 'duplicate' | 'mail-loop' | 'machine-mail' | 'merged';
  readonly events: readonly UnstampedEvent[];
  readonly comment: CommentRecord | null;
  readonly notice: Notice | null;
  /** Person, automatic, list mail or bounce, and the header that said so (F11). */
  readonly classification: MailClassification;
  /** Everything not applied: invalid addresses, CC limit, denylist, CCs turned off, duplicates, loops. */
  readonly issues: readonly Issue[];
}

const nothing = (outcome: EmailDecision['outcome'], classification: MailClassification, found: readonly Issue[]): EmailDecision => ({ outcome, events: [], comment: null, notice: null, classification, issues: found });

function actorFor(message: ReadMessage, { directory }: Env): Actor {
  const sender = message.sender;
  if (sender === null) return { kind: 'system' };
  const entry = directory.byKey(sender.key);
  if (isStaff(entry)) return { kind: entry.kind, id: entry.id ?? sender.address };
  return { kind: 'end-user', address: sender.address };
}

/**
 * H1 from inbound mail: a bounce's failed recipients become undeliverable (F11), and a
 * participant whose mail failed who writes in again is reachable again.
 */
function deliveryNews(ticket: Ticket, message: ReadMessage, draft: Draft): UnstampedEvent[] {
  const base = { at: draft.email.at, by: draft.ctx.by, cause: 'inbound-email' as const };
  // F13: a forged bounce could silence anyone, and a forged sender is not proof their mail arrives.
  if (isUnverified(draft)) return [];
  if (message.classification.kind === 'bounce') {
    const header = message.classification.reason;
    const why = header === null ? 'a bounce' : `a bounce (${header.header})`;
    const reasons = [header === null ? { rule: 'H1' } : { rule: 'H1', header: { name: header.header, value: header.value } }];
    // H5: a bounce from an address the person no longer gets mail at is old news about them.
    const reached = reachedAt(draft.ctx.directory, draft.ctx.policy.identity, ticket);
    return message.failedRecipients.filter(reached).flatMap((m) => deliveryChange(ticket, m, 'undeliverable', why, { ...base, reasons }));
  }
  const sender = message.sender;
  if (message.classification.kind === 'person' && sender !== null) return deliveryChange(ticket, sender, 'ok', 'wrote in again', base);
  return [];
}

const PERSON: MailClassification = { kind: 'person', reason: null };

/**
 * Decides what an inbound email does to a ticket (F0–F14), or to no ticket when it opens
 * one (`ticket` is `null`). Never refuses the message: what cannot be applied is reported
 * in `issues`, and the message is kept as a comment ("nothing is lost"). The exceptions, each
 * reported: a duplicate, a mail loop, and machine mail that may not open a ticket.
 */
export function decideEmail(ticket: Ticket | null, email: InboundEmail, env: Env): EmailDecision {
  if (ticket !== null && ticket.mergedInto !== null) {
    // H4: the ticket is closed; the caller routes the message to the ticket it was merged into.
    return nothing('merged', PERSON, [issue('merged-ticket', `Ticket ${ticket.id} was merged into ${ticket.mergedInto}: handle the email there.`, email.messageId, [], { mergedInto: ticket.mergedInto })]);
  }
  if (ticket !== null && hasMessageId(ticket.recentMessageIds, email.messageId)) {
    return nothing('duplicate', PERSON, [issue('duplicate-message', `The email ${email.messageId} is already on the ticket.`, email.messageId)]);
  }
  const message = asPeople(readMessage(email, env.policy), env.directory, ticket, env.policy.identity);
  const { sender, classification } = message;
  if (ticket === null) {
    if (sender !== null && isSupportAddress(env.policy, sender.key)) {
      return nothing('mail-loop', classification, [...message.issues, issue('mail-loop', `The email comes from the help desk's own address ${sender.address}; it opens no ticket.`, sender.address)]);
    }
    if (classification.kind !== 'person' && !env.policy.settings.machineMailOpensTickets) {
      const why = classification.reason === null ? '' : ` (${classification.reason.header}: ${classification.reason.value})`;
      return nothing('machine-mail', classification, [
        ...message.issues,
        issue('machine-mail', `The email is ${classification.kind === 'automatic' ? 'an automatic message' : classification.kind === 'list' ? 'list mail' : 'a bounce'}${why}; it opens no ticket.`, email.messageId, [], { kind: classification.kind }),
      ]);
    }
  }
  const draft: Draft = {
    email,
    message,
    set: new RecipientSet(ticket ?? { requester: null, ccs: [], bccs: [], followers: [] }),
    ctx: changeContext(env, actorFor(message, env), 'inbound-email', email.at),
    issues: [...message.issues],
  };
  const { opened, classified } = ticket === null ? openTicket(draft, email.newTicketId ?? email.messageId) : { opened: [], classified: classifyReply(draft) };
  const { events, comment, notice } = finish(draft, classified, opened);
  if (ticket !== null) events.splice(events.length - (notice === null ? 1 : 2), 0, ...addressChange(draft, draft.set));
  if (ticket !== null) events.push(...deliveryNews(ticket, message, draft));
  return { outcome: ticket === null ? 'opened' : 'added', events, comment, notice, classification, issues: draft.issues };
}

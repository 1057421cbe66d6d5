import type { Mailbox } from '../address/types.js';
import type { TicketEvent } from '../ticket/events.js';
import { isSupportAddress } from '../policy/policy.js';
import type { ResolvedContext } from '../context/context.js';
import { isStaff } from '../ticket/directory.js';
import { RecipientSet, type ChangeContext } from '../ticket/recipient-set.js';
import type { Actor, AuthorRole, CommentRecord, Notice, NoticeKind, Resolution, Ticket, Visibility } from '../ticket/types.js';
import type { InboundIssue } from './issues.js';
import { hasMessageId } from '../ticket/message-ids.js';
import { readMessage, type InboundEmail, type ReadMessage } from './message.js';

/** What an inbound email did: the events to append, and what a person should know about it. */
export interface EmailDecision {
  /** `opened` a new ticket, `added` a comment to the ticket, or neither (`duplicate`, `mail-loop`). */
  readonly outcome: 'opened' | 'added' | 'duplicate' | 'mail-loop';
  readonly events: readonly TicketEvent[];
  readonly comment: CommentRecord | null;
  readonly notice: Notice | null;
  /** Everything not applied: invalid addresses, CC limit, denylist, CCs turned off, duplicates, loops. */
  readonly issues: readonly InboundIssue[];
}

interface Draft {
  readonly set: RecipientSet;
  readonly ctx: ChangeContext;
  readonly issues: InboundIssue[];
}

function actorFor(sender: Mailbox | null, { directory }: ResolvedContext): Actor {
  if (sender === null) return { kind: 'system' };
  const entry = directory.byKey(sender.key);
  if (isStaff(entry)) return { kind: entry.kind, id: entry.id ?? sender.address };
  return { kind: 'end-user', address: sender.address };
}

function commentOf(email: InboundEmail, message: ReadMessage, authorRole: AuthorRole, visibility: Visibility): CommentRecord {
  return {
    id: email.commentId ?? email.messageId,
    messageId: email.messageId,
    author: message.sender,
    authorRole,
    visibility,
    via: 'email',
    to: message.to,
    cc: message.cc,
    automatic: message.automatic,
  };
}

function noticeOf(kind: NoticeKind, comment: CommentRecord, message: ReadMessage, missing: readonly Mailbox[], added: readonly Mailbox[], resolutions: readonly Resolution[]): Notice {
  return { id: `${comment.id}#${kind}`, kind, comment, sender: message.sender, present: message.present, missing, added, resolutions, resolved: null };
}

/** The addresses on the message that hold no email role on the ticket (BCCs named openly count as new). */
function newcomers(set: RecipientSet, message: ReadMessage): Mailbox[] {
  return message.present.filter((m) => {
    const role = set.roleOf(m);
    return role === null || role === 'bcc';
  });
}

interface Classified {
  readonly role: AuthorRole;
  readonly visibility: Visibility;
  readonly notice: { kind: NoticeKind; missing: readonly Mailbox[]; added: readonly Mailbox[]; resolutions: readonly Resolution[] } | null;
}

/** F2–F5, F9: the sender is the requester or a CC. Applies recipient changes; returns visibility and notice. */
function reconcile(draft: Draft, message: ReadMessage, role: 'requester' | 'cc'): Classified {
  const { set } = draft;
  const { settings } = draft.ctx.policy;
  const presentKeys = new Set(message.present.map((m) => m.key));
  const requesterPresent = set.requester !== null && presentKeys.has(set.requester.key);
  const missing = set.ccs.filter((m) => !presentKeys.has(m.key));
  const added = newcomers(set, message);
  const notify = settings.onDroppedRecipients === 'notify';

  if (role === 'cc' && !requesterPresent) {
    // F4: a CC's reply that left the requester out never changes the requester.
    const onlySupport = message.present.length === 1;
    const visibility: Visibility =
      settings.ccReplyWithoutRequester === 'public' || (settings.ccReplyWithoutRequester === 'public-if-only-support' && onlySupport) ? 'public' : 'internal';
    if (notify) {
      const requesterMissing = set.requester === null ? [] : [set.requester];
      return { role, visibility, notice: { kind: 'cc-reply-without-requester', missing: [...requesterMissing, ...missing], added, resolutions: ['split'] } };
    }
    addEmailCcs(draft, added);
    return { role, visibility, notice: null };
  }

  if (missing.length > 0) {
    if (notify) {
      // F3: nothing changes until an agent resolves the notice.
      return { role, visibility: 'public', notice: { kind: 'recipients-changed', missing, added, resolutions: ['update-recipients', 'split'] } };
    }
    if (settings.onDroppedRecipients === 'apply') {
      // F9: the sender is the requester or a CC, and the requester is on the message.
      for (const mailbox of missing) {
        const issue = set.remove('cc', mailbox, draft.ctx);
        if (issue !== null) draft.issues.push(issue);
      }
    }
  }
  addEmailCcs(draft, added);
  return { role, visibility: 'public', notice: null };
}

/** F5 with `emailCcsEnabled`: when CCs by email are off, every newcomer is reported instead. */
function addEmailCcs(draft: Draft, added: readonly Mailbox[]): void {
  const enabled = draft.ctx.policy.settings.emailCcsEnabled;
  for (const mailbox of added) {
    const issue = enabled ? draft.set.add('cc', mailbox, draft.ctx) : { code: 'ccs-disabled' as const, message: `${mailbox.address} was not added: CCs by email are turned off.`, input: mailbox.address, field: 'cc' as const };
    if (issue !== null) draft.issues.push(issue);
  }
}

function reachesParticipant(set: RecipientSet, message: ReadMessage, sender: Mailbox): boolean {
  return message.present.some((m) => m.key !== sender.key && (set.requester?.key === m.key || set.has('cc', m)));
}

/** No usable From: the message is kept as a note, and an agent is asked to look (nothing to resolve it with). */
const UNKNOWN_SENDER: Classified = { role: 'unknown', visibility: 'internal', notice: { kind: 'unknown-sender', missing: [], added: [], resolutions: [] } };

/** F1's order, first match deciding. */
function classify(draft: Draft, ticket: Ticket, message: ReadMessage, email: InboundEmail, context: ResolvedContext): Classified {
  const { set } = draft;
  const { settings } = context.policy;
  const sender = message.sender;
  if (sender === null) return UNKNOWN_SENDER;
  const senderRole = set.roleOf(sender);
  const roleName: AuthorRole = senderRole ?? (set.has('follower', sender) ? 'follower' : isStaff(context.directory.byKey(sender.key)) ? 'agent' : 'third-party');
  if (email.answers?.visibility === 'internal') return { role: roleName, visibility: 'internal', notice: null };
  if (isSupportAddress(context.policy, sender.key)) {
    draft.issues.push({ code: 'support-sender', message: `The email was sent from the help desk's own address ${sender.address}; it is kept as an internal note.`, input: sender.address });
    return { role: 'support', visibility: 'internal', notice: null };
  }
  if (set.has('follower', sender)) return { role: 'follower', visibility: 'internal', notice: null }; // F7
  if (senderRole === 'bcc') {
    // F6: public only on a reply-all that reaches the requester.
    const reachesRequester = ticket.requester !== null && message.present.some((m) => m.key === ticket.requester?.key);
    return { role: 'bcc', visibility: reachesRequester ? 'public' : 'internal', notice: null };
  }
  if (senderRole === 'requester' || senderRole === 'cc') return reconcile(draft, message, senderRole);
  if (roleName === 'agent') {
    // F7: another agent's emailed reply.
    const isPublic = settings.agentEmailRepliesPublic && reachesParticipant(set, message, sender);
    if (isPublic) addEmailCcs(draft, newcomers(set, message).filter((m) => m.key !== sender.key));
    return { role: 'agent', visibility: isPublic ? 'public' : 'internal', notice: null };
  }
  // F8: a third party.
  if (settings.thirdPartyReply === 'add-as-cc') {
    const issue = set.add('cc', sender, draft.ctx);
    if (issue === null) return { role: 'third-party', visibility: 'public', notice: null };
    draft.issues.push(issue);
  }
  return { role: 'third-party', visibility: 'internal', notice: { kind: 'third-party-reply', missing: [], added: [sender], resolutions: ['add-as-cc', 'split'] } };
}

function base(email: InboundEmail, by: Actor) {
  return { v: 1 as const, at: email.at, by, cause: 'inbound-email' as const };
}

function finish(draft: Draft, email: InboundEmail, message: ReadMessage, classified: Classified, opened: TicketEvent[]): EmailDecision {
  const comment = commentOf(email, message, classified.role, classified.visibility);
  const notice = classified.notice === null ? null : noticeOf(classified.notice.kind, comment, message, classified.notice.missing, classified.notice.added, classified.notice.resolutions);
  const events: TicketEvent[] = [...opened, ...draft.set.events, { ...base(email, draft.ctx.by), type: 'comment-added', comment }];
  if (notice !== null) events.push({ ...base(email, draft.ctx.by), type: 'notice-raised', notice });
  return { outcome: opened.length > 0 ? 'opened' : 'added', events, comment, notice, issues: [...message.issues, ...draft.issues] };
}

function commandIssue(email: InboundEmail): InboundIssue | null {
  if (typeof email !== 'object' || email === null) return { code: 'invalid-command', message: 'The email must be an object.', input: email };
  if (typeof email.messageId !== 'string' || email.messageId === '') return { code: 'invalid-command', message: '`messageId` must be a non-empty string.', input: email.messageId };
  if (typeof email.at !== 'string') return { code: 'invalid-command', message: '`at` must be the time the email arrived, as a string.', input: email.at };
  for (const key of ['commentId', 'newTicketId'] as const) {
    const value = email[key];
    if (value !== undefined && (typeof value !== 'string' || value === '')) return { code: 'invalid-command', message: `\`${key}\`, when given, must be a non-empty string.`, input: value };
  }
  return null;
}

const nothing = (outcome: EmailDecision['outcome'], issue: InboundIssue): EmailDecision => ({ outcome, events: [], comment: null, notice: null, issues: [issue] });

/**
 * Decides what an inbound email does to a ticket (F0–F9), or to no ticket when it
 * opens one (`ticket` is `null`). Never refuses the message: what cannot be applied
 * is reported in `issues`, and the message is kept as a comment (F1, "nothing is lost").
 * The only exceptions are a duplicate (already on the ticket) and a mail loop (F0).
 */
export function decideEmail(ticket: Ticket | null, email: InboundEmail, context: ResolvedContext): EmailDecision | { readonly outcome: 'invalid'; readonly issues: readonly InboundIssue[] } {
  const shape = commandIssue(email);
  if (shape !== null) return { outcome: 'invalid', issues: [shape] };
  if (ticket !== null && hasMessageId(ticket.recentMessageIds, email.messageId)) {
    return nothing('duplicate', { code: 'duplicate-message', message: `The email ${email.messageId} is already on the ticket.`, input: email.messageId });
  }
  const message = readMessage(email, context.policy);
  const by = actorFor(message.sender, context);
  const ctx: ChangeContext = { ...context, by, cause: 'inbound-email', at: email.at };

  if (ticket === null) return openTicket(email, message, { set: new RecipientSet(emptyRecipients), ctx, issues: [] }, context);
  const draft: Draft = { set: new RecipientSet(ticket), ctx, issues: [] };
  return finish(draft, email, message, classify(draft, ticket, message, email, context), []);
}

const emptyRecipients = { requester: null, ccs: [], bccs: [], followers: [] };

/** F0: the sender becomes the requester, the other addresses present become CCs. */
function openTicket(email: InboundEmail, message: ReadMessage, draft: Draft, context: ResolvedContext): EmailDecision {
  const sender = message.sender;
  if (sender !== null && isSupportAddress(context.policy, sender.key)) {
    return nothing('mail-loop', { code: 'mail-loop', message: `The email comes from the help desk's own address ${sender.address}; it opens no ticket.`, input: sender.address });
  }
  const opened: TicketEvent[] = [{ ...base(email, draft.ctx.by), type: 'ticket-opened', ticketId: email.newTicketId ?? email.messageId, splitFrom: null }];
  if (sender === null) return finish(draft, email, message, UNKNOWN_SENDER, opened);
  const issue = draft.set.setRequester(sender, draft.ctx);
  if (issue !== null) draft.issues.push(issue);
  // Only BCC'd: copying the visible recipients would tell them of a conversation they were not shown.
  if (message.reachesSupport) addEmailCcs(draft, message.present.filter((m) => m.key !== sender.key));
  const role: AuthorRole = isStaff(context.directory.byKey(sender.key)) ? 'agent' : 'requester';
  return finish(draft, email, message, { role, visibility: 'public', notice: null }, opened);
}

import type { Mailbox } from '../address/types.js';
import { issue, type Issue } from '../issue/issue.js';
import type { UnstampedEvent } from '../ticket/events.js';
import { withReason, type ChangeContext, type RecipientSet } from '../ticket/recipient-set.js';
import type { AuthorRole, CommentRecord, Notice, Visibility } from '../ticket/types.js';
import type { InboundEmail } from './command.js';
import type { ReadMessage } from './read-message.js';
import type { Reason } from '../explain/reason.js';

/** An inbound email being decided: the working set of recipients, and what was not applied. */
export interface Draft {
  readonly email: InboundEmail;
  readonly message: ReadMessage;
  readonly set: RecipientSet;
  readonly ctx: ChangeContext;
  readonly issues: Issue[];
}

/** What a decision made of the email: its author's role, its visibility, and the notice it raises. */
export interface Classified {
  readonly role: AuthorRole;
  readonly visibility: Visibility;
  readonly notice: null | Pick<Notice, 'kind' | 'missing' | 'added' | 'resolutions'>;
  /** Why: stored on the comment's event and its notice's. */
  readonly reasons: readonly Reason[];
}

export const note = (role: AuthorRole, reason: Reason, notice: Classified['notice'] = null): Classified => ({ role, visibility: 'internal', notice, reasons: [reason] });

/** The directory entry of the sender, as a reason's `directory` (D4, F7, F14). */
export const senderEntry = (draft: Draft): Reason['directory'] => {
  const sender = draft.message.sender;
  const entry = sender === null ? undefined : draft.ctx.directory.byKey(sender.key);
  return sender === null || entry === undefined ? undefined : { address: sender.address, kind: entry.kind };
};

/** A light agent writes internal notes only (D4), said with the directory entry that makes them one. */
export const lightAgentReason = (draft: Draft): Reason => {
  const directory = senderEntry(draft);
  return directory === undefined ? { rule: 'D4' } : { rule: 'D4', directory };
};

/** The addresses on the message that hold no email role on the ticket (BCCs named openly count as new). */
export function newcomers(set: RecipientSet, message: ReadMessage): Mailbox[] {
  return message.present.filter((m) => {
    const role = set.roleOf(m);
    return role === null || role === 'bcc';
  });
}

/** F5 with `emailCcsEnabled`: when CCs by email are off, every newcomer is reported instead. `reason` goes on each CC added. */
export function addEmailCcs(draft: Draft, added: readonly Mailbox[], reason: Reason): void {
  const enabled = draft.ctx.policy.settings.emailCcsEnabled;
  const ctx = withReason(draft.ctx, reason);
  for (const mailbox of added) {
    const refused = enabled ? draft.set.add('cc', mailbox, ctx) : issue('ccs-disabled', `${mailbox.address} was not added: CCs by email are turned off.`, mailbox.address, [], { field: 'cc' });
    if (refused !== null) draft.issues.push(refused);
  }
}

export function commentOf(draft: Draft, classified: Classified): CommentRecord {
  const { email, message } = draft;
  return {
    id: email.commentId ?? email.messageId,
    messageId: email.messageId,
    author: message.sender,
    authorRole: classified.role,
    visibility: classified.visibility,
    via: 'email',
    to: message.to,
    cc: message.cc,
    automatic: message.classification.kind !== 'person',
  };
}

/** The events of a decided email: the recipient changes, the comment, and its notice. */
export function finish(draft: Draft, classified: Classified, opened: readonly UnstampedEvent[]): { events: UnstampedEvent[]; comment: CommentRecord; notice: Notice | null } {
  const comment = commentOf(draft, classified);
  const { message } = draft;
  const notice =
    classified.notice === null ? null : ({ ...classified.notice, id: `${comment.id}#${classified.notice.kind}`, comment, sender: message.sender, present: message.present } as Notice);
  const base = { at: draft.email.at, by: draft.ctx.by, cause: 'inbound-email' as const };
  const reasons = classified.reasons;
  const events: UnstampedEvent[] = [...opened, ...draft.set.events, { ...base, type: 'comment-added', comment, reasons }];
  if (notice !== null) events.push({ ...base, type: 'notice-raised', notice, reasons });
  return { events, comment, notice };
}

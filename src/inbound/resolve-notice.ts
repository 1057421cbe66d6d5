import { issue, type Issue } from '../issue/issue.js';
import { isSupportAddress } from '../policy/policy.js';
import { literal, object, string, type Schema } from '../schema/schema.js';
import type { UnstampedEvent } from '../ticket/events.js';
import { RecipientSet, changeContext, type ChangeContext, type Env } from '../ticket/recipient-set.js';
import { actor } from '../ticket/schema.js';
import type { Actor, Notice, Resolution, Ticket } from '../ticket/types.js';
import { err, ok, type Result } from '../result.js';
import type { Draft } from './draft.js';
import { classifyTrusted } from './reply-order.js';

/** An agent's answer to a notice (F10, F12, F13). */
export interface ResolveNotice {
  readonly type: 'resolve-notice';
  readonly noticeId: string;
  readonly resolution: Resolution;
  readonly by: Actor;
  readonly at: string;
  /** Required for `split`: the id of the new ticket. */
  readonly newTicketId?: string;
}

export const resolveNoticeSchema: Schema<ResolveNotice> = /* @__PURE__ */ object(
  { type: /* @__PURE__ */ literal('resolve-notice'), noticeId: /* @__PURE__ */ string(), resolution: /* @__PURE__ */ literal('update-recipients', 'split', 'add-as-cc', 'make-public', 'accept'), by: actor, at: /* @__PURE__ */ string(), newTicketId: /* @__PURE__ */ string({ nonEmpty: true }) },
  ['newTicketId'],
);

export type NoticeIssue = Issue<'unknown-notice' | 'notice-already-resolved' | 'resolution-not-offered' | 'not-permitted' | 'invalid-command'>;

/** The events of a resolution: for the ticket, and for the new ticket when it was a split. */
export interface NoticeDecision {
  readonly events: readonly UnstampedEvent[];
  readonly split: null | { readonly ticketId: string; readonly events: readonly UnstampedEvent[] };
  /** Recipient changes of the resolution that policy refused (the rest applied). */
  readonly issues: readonly Issue[];
  /** The notice resolved: its reply is no longer held (B9). */
  readonly notice: Notice;
}

/**
 * Decides the resolution of a notice as a pure step. `update-recipients` makes the CCs what
 * the reply had (F10); `add-as-cc` adds a third party and makes their reply public; `split`
 * moves the reply to a new ticket whose requester is its sender; `make-public` publishes a
 * reply that did not address the desk (F12); `accept` applies what an unverified sender's
 * message would have done (F13).
 */
export function decideResolution(ticket: Ticket, command: ResolveNotice, env: Env): Result<NoticeDecision, readonly Issue[]> {
  if (command.resolution === 'split' && command.newTicketId === undefined) {
    return err([issue('invalid-command', 'A split needs `newTicketId`, the id of the ticket it creates.', command.newTicketId, ['newTicketId'])]);
  }
  const notice = ticket.notices.find((n) => n.id === command.noticeId);
  if (notice === undefined) {
    if (ticket.resolvedNotices.includes(command.noticeId)) return err([issue('notice-already-resolved', `The notice ${command.noticeId} was already resolved.`, command.noticeId, ['noticeId'])]);
    return err([issue('unknown-notice', `The ticket has no open notice ${command.noticeId}.`, command.noticeId, ['noticeId'])]);
  }
  if (!(notice.resolutions as readonly Resolution[]).includes(command.resolution)) {
    return err([issue('resolution-not-offered', `This notice offers ${notice.resolutions.join(', ') || 'no resolution'}, not ${command.resolution}.`, command.resolution, ['resolution'])]);
  }
  if (command.by.kind === 'end-user' || command.by.kind === 'light-agent') {
    return err([issue('not-permitted', 'Only agents resolve notices.', command.by, ['by'])]);
  }
  const ctx = changeContext(env, command.by, 'notice-resolution', command.at, F10);
  const resolved: UnstampedEvent = { at: command.at, by: command.by, cause: 'notice-resolution', type: 'notice-resolved', noticeId: notice.id, resolution: command.resolution };
  const decided = (events: readonly UnstampedEvent[], issues: readonly Issue[] = []): NoticeDecision => ({ events: [...events, resolved], split: null, issues, notice });
  switch (command.resolution) {
    case 'update-recipients':
      return ok(updateRecipients(ticket, notice, ctx, decided));
    case 'add-as-cc':
      return addAsCc(ticket, notice, ctx, decided);
    case 'make-public':
      return ok(decided(publish(notice, ctx)));
    case 'accept':
      return ok(accept(ticket, notice, ctx, decided));
    case 'split':
      return ok(split(ticket, notice, { ...ctx, cause: 'split' }, resolved, command.newTicketId as string));
  }
}

const F10 = { rule: 'F10' } as const;

type Decided = (events: readonly UnstampedEvent[], issues?: readonly Issue[]) => NoticeDecision;

const publish = (notice: Notice, ctx: ChangeContext): UnstampedEvent[] =>
  notice.comment.visibility === 'public' ? [] : [{ at: ctx.at, by: ctx.by, cause: 'notice-resolution', type: 'comment-visibility-changed', commentId: notice.comment.id, visibility: 'public', reasons: [F10] }];

function updateRecipients(ticket: Ticket, notice: Notice, ctx: ChangeContext, decided: Decided): NoticeDecision {
  const set = new RecipientSet(ticket);
  const issues: Issue[] = [];
  const keep = new Set(notice.present.map((m) => m.key));
  for (const cc of ticket.ccs) if (!keep.has(cc.key)) set.remove('cc', cc, ctx);
  for (const mailbox of notice.present) {
    if (set.roleOf(mailbox) === 'requester') continue;
    const refused = set.add('cc', mailbox, ctx);
    if (refused !== null) issues.push(refused);
  }
  return decided(set.events, issues);
}

function addAsCc(ticket: Ticket, notice: Notice, ctx: ChangeContext, decided: Decided): Result<NoticeDecision, readonly Issue[]> {
  const sender = notice.sender;
  if (sender === null) return err([issue('invalid-command', 'The notice has no sender to add.', notice.id, ['noticeId'])]);
  const set = new RecipientSet(ticket);
  const refused = set.add('cc', sender, ctx);
  if (refused !== null) return err([refused]);
  return ok(decided([...set.events, ...publish(notice, ctx)]));
}

/** F13: what F2–F9 would have done with the message, had its sender been verified. */
function accept(ticket: Ticket, notice: Notice, ctx: ChangeContext, decided: Decided): NoticeDecision {
  const { comment } = notice;
  const reachesSupport = [...comment.to, ...comment.cc].some((m) => isSupportAddress(ctx.policy, m.key));
  const draft: Draft = {
    email: { type: 'receive-email', messageId: comment.messageId ?? comment.id, commentId: comment.id, at: ctx.at, from: null },
    message: { sender: notice.sender, to: comment.to, cc: comment.cc, present: notice.present, reachesSupport, classification: { kind: 'person', reason: null }, authentication: 'pass', replyTo: null, replyToNames: [], failedRecipients: [], issues: [] },
    set: new RecipientSet(ticket),
    ctx,
    issues: [],
  };
  const classified = classifyTrusted(draft);
  const events: UnstampedEvent[] = [...draft.set.events];
  if (classified.visibility !== comment.visibility) {
    events.push({ at: ctx.at, by: ctx.by, cause: 'notice-resolution', type: 'comment-visibility-changed', commentId: comment.id, visibility: classified.visibility, reasons: classified.reasons });
  }
  if (classified.notice !== null) {
    const raised = { ...classified.notice, id: `${comment.id}#${classified.notice.kind}`, comment: { ...comment, visibility: classified.visibility }, sender: notice.sender, present: notice.present } as Notice;
    events.push({ at: ctx.at, by: ctx.by, cause: 'notice-resolution', type: 'notice-raised', notice: raised, reasons: classified.reasons });
  }
  return decided(events, draft.issues);
}

function split(ticket: Ticket, notice: Notice, ctx: ChangeContext, resolved: UnstampedEvent, newTicketId: string): NoticeDecision {
  const base = { at: ctx.at, by: ctx.by, cause: 'split' as const };
  const set = new RecipientSet({ requester: null, ccs: [], bccs: [], followers: [] });
  const issues: Issue[] = [];
  const sender = notice.sender ?? notice.present[0];
  if (sender !== undefined) {
    const refused = set.setRequester(sender, ctx);
    if (refused !== null) issues.push(refused);
    for (const mailbox of notice.present) {
      if (mailbox.key === sender.key) continue;
      const added = set.add('cc', mailbox, ctx);
      if (added !== null) issues.push(added);
    }
  }
  // On its own ticket the sender is the requester, so the reply is public there.
  const comment = { ...notice.comment, visibility: 'public' as const, authorRole: 'requester' as const };
  const newEvents: UnstampedEvent[] = [
    { ...base, type: 'ticket-opened', ticketId: newTicketId, splitFrom: { ticketId: ticket.id, commentId: notice.comment.id } },
    ...set.events,
    { ...base, type: 'comment-added', comment, reasons: [F10] },
  ];
  return {
    events: [{ ...base, type: 'comment-moved', commentId: notice.comment.id, toTicketId: newTicketId }, resolved],
    split: { ticketId: newTicketId, events: newEvents },
    issues,
    notice,
  };
}

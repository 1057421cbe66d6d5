import type { TicketEvent } from '../ticket/events.js';
import { err, ok, type Result } from '../result.js';
import { byAndAtIssues } from '../ticket/actor.js';
import type { ResolvedContext } from '../context/context.js';
import type { RecipientIssue } from '../ticket/issues.js';
import { RecipientSet, type ChangeContext } from '../ticket/recipient-set.js';
import type { Actor, Notice, Resolution, Ticket } from '../ticket/types.js';

/** An agent's answer to a notice (F10). */
export interface ResolveNotice {
  readonly type: 'resolve-notice';
  readonly noticeId: string;
  readonly resolution: Resolution;
  readonly by: Actor;
  readonly at: string;
  /** Required for `split`: the id of the new ticket. */
  readonly newTicketId?: string;
}

export interface NoticeIssue {
  readonly code: 'unknown-notice' | 'notice-already-resolved' | 'resolution-not-offered' | 'not-permitted' | 'invalid-command';
  readonly message: string;
  readonly input: unknown;
}

/** The events of a resolution: for the ticket, and for the new ticket when it was a split. */
export interface NoticeDecision {
  readonly events: readonly TicketEvent[];
  readonly split: null | { readonly ticketId: string; readonly events: readonly TicketEvent[] };
  /** Recipient changes of the resolution that policy refused (the rest applied). */
  readonly issues: readonly RecipientIssue[];
}

function shapeIssue(command: ResolveNotice): NoticeIssue | null {
  const bad = (message: string, input: unknown): NoticeIssue => ({ code: 'invalid-command', message, input });
  if (typeof command.noticeId !== 'string') return bad('`noticeId` must be a string.', command.noticeId);
  const [byOrAt] = byAndAtIssues(command);
  if (byOrAt !== undefined) return byOrAt;
  if (command.resolution === 'split' && (typeof command.newTicketId !== 'string' || command.newTicketId === '')) {
    return bad('A split needs `newTicketId`, the id of the ticket it creates.', command.newTicketId);
  }
  return null;
}

/**
 * Decides the resolution of a notice (F10) as a pure step. `update-recipients` makes the
 * CCs what the reply had; `add-as-cc` adds a third party and makes their reply public;
 * `split` moves the reply to a new ticket whose requester is its sender.
 */
export function decideResolution(ticket: Ticket, command: ResolveNotice, context: ResolvedContext): Result<NoticeDecision, readonly (NoticeIssue | RecipientIssue)[]> {
  const shape = shapeIssue(command);
  if (shape !== null) return err([shape]);
  const notice = ticket.notices.find((n) => n.id === command.noticeId);
  if (notice === undefined) return err([{ code: 'unknown-notice', message: `The ticket has no notice ${command.noticeId}.`, input: command.noticeId }]);
  if (notice.resolved !== null) return err([{ code: 'notice-already-resolved', message: `The notice was already resolved with ${notice.resolved.resolution}.`, input: command.noticeId }]);
  if (!notice.resolutions.includes(command.resolution)) {
    return err([{ code: 'resolution-not-offered', message: `This notice offers ${notice.resolutions.join(', ') || 'no resolution'}, not ${String(command.resolution)}.`, input: command.resolution }]);
  }
  if (command.by.kind === 'end-user' || command.by.kind === 'light-agent') {
    return err([{ code: 'not-permitted', message: 'Only agents resolve notices.', input: command.by }]);
  }
  const ctx: ChangeContext = { ...context, by: command.by, cause: 'notice-resolution', at: command.at };
  const resolved: TicketEvent = { v: 1, at: command.at, by: command.by, cause: 'notice-resolution', type: 'notice-resolved', noticeId: notice.id, resolution: command.resolution };
  switch (command.resolution) {
    case 'update-recipients':
      return ok(updateRecipients(ticket, notice, ctx, resolved));
    case 'add-as-cc':
      return addAsCc(ticket, notice, ctx, resolved);
    case 'split':
      return ok(split(ticket, notice, { ...ctx, cause: 'split' }, resolved, command.newTicketId as string));
  }
}

function updateRecipients(ticket: Ticket, notice: Notice, ctx: ChangeContext, resolved: TicketEvent): NoticeDecision {
  const set = new RecipientSet(ticket);
  const issues: RecipientIssue[] = [];
  const keep = new Set(notice.present.map((m) => m.key));
  for (const cc of ticket.ccs) if (!keep.has(cc.key)) set.remove('cc', cc, ctx);
  for (const mailbox of notice.present) {
    if (set.roleOf(mailbox) === 'requester') continue;
    const issue = set.add('cc', mailbox, ctx);
    if (issue !== null) issues.push(issue);
  }
  return { events: [...set.events, resolved], split: null, issues };
}

function addAsCc(ticket: Ticket, notice: Notice, ctx: ChangeContext, resolved: TicketEvent): Result<NoticeDecision, readonly RecipientIssue[]> {
  const sender = notice.sender;
  if (sender === null) return err([{ code: 'invalid-command', message: 'The notice has no sender to add.', input: notice.id }]);
  const set = new RecipientSet(ticket);
  const issue = set.add('cc', sender, ctx);
  if (issue !== null) return err([issue]);
  const events: TicketEvent[] = [...set.events];
  if (notice.comment.visibility !== 'public') {
    events.push({ v: 1, at: ctx.at, by: ctx.by, cause: 'notice-resolution', type: 'comment-visibility-changed', commentId: notice.comment.id, visibility: 'public' });
  }
  return ok({ events: [...events, resolved], split: null, issues: [] });
}

function split(ticket: Ticket, notice: Notice, ctx: ChangeContext, resolved: TicketEvent, newTicketId: string): NoticeDecision {
  const base = { v: 1 as const, at: ctx.at, by: ctx.by, cause: 'split' as const };
  const set = new RecipientSet({ requester: null, ccs: [], bccs: [], followers: [] });
  const issues: RecipientIssue[] = [];
  const sender = notice.sender ?? notice.present[0];
  if (sender !== undefined) {
    const issue = set.setRequester(sender, ctx);
    if (issue !== null) issues.push(issue);
    for (const mailbox of notice.present) {
      if (mailbox.key === sender.key) continue;
      const added = set.add('cc', mailbox, ctx);
      if (added !== null) issues.push(added);
    }
  }
  // On its own ticket the sender is the requester, so the reply is public there.
  const comment = { ...notice.comment, visibility: 'public' as const, authorRole: 'requester' as const };
  const newEvents: TicketEvent[] = [
    { ...base, type: 'ticket-opened', ticketId: newTicketId, splitFrom: { ticketId: ticket.id, commentId: notice.comment.id } },
    ...set.events,
    { ...base, type: 'comment-added', comment },
  ];
  return {
    events: [{ ...base, type: 'comment-moved', commentId: notice.comment.id, toTicketId: newTicketId }, resolved],
    split: { ticketId: newTicketId, events: newEvents },
    issues,
  };
}

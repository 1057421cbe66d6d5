import type { WriteComment } from '../comments/write-comment.js';
import type { EditRecipients } from '../edits/decide-edit.js';
import { recipientChanges } from '../history/diff.js';
import type { Actor, Ticket, Visibility } from '../ticket/types.js';
import type { ComposerField, ComposerIssue, ComposerState } from './types.js';

export interface ComposerSend {
  /** The recipient changes, as one agent edit (`null` when nothing changed). Apply it before the comment. */
  readonly edit: EditRecipients | null;
  readonly comment: WriteComment;
  /** Fields that stop the reply: an empty To, or text that is not a chip. Show them and do not send yet. */
  readonly pending: readonly ComposerField[];
  /** Why each pending field is pending (`no-requester`, `unfinished-address`, or the field's error). */
  readonly issues: readonly ComposerIssue[];
}

/**
 * What the composer holds, as commands (C3): an agent edit for the recipient changes,
 * then the comment to write. Handle the edit, then the comment on the ticket the edit
 * returned (on the old ticket, recipients the agent just added would not get the reply),
 * then plan the delivery.
 *
 * @example
 * const { initial, reduce } = createComposer(ticket, context);
 * const state = reduce(reduce(initial, { type: 'input', field: 'cc', text: 'cleo@acme.example' }), { type: 'key', field: 'cc', key: 'Enter' });
 * const send = composerToCommands(ticket, state, { by: { kind: 'agent', id: 'kate' }, at, commentId: 'c-9', visibility: 'public' });
 * let plan = null;
 * if (send.pending.length === 0) {
 *   const edited = send.edit === null ? null : handle(ticket, send.edit, context);
 *   const current = edited === null ? ticket : edited.ok ? edited.value.ticket : null;
 *   const written = current === null ? null : handle(current, send.comment, context);
 *   if (written !== null && written.ok) plan = planDelivery(written.value.ticket, written.value.comment, context);
 * }
 */
export function composerToCommands(
  ticket: Ticket,
  state: ComposerState,
  options: {
    readonly by: Actor;
    readonly at: string;
    readonly commentId: string;
    readonly visibility: Visibility;
    /**
     * H3: the CCs and BCCs the agent added go to this reply only, and the participants they
     * removed are left out of it, instead of an edit of the ticket. The requester still changes by an edit.
     */
    readonly oneTime?: boolean;
  },
): ComposerSend {
  const { by, at, commentId, visibility } = options ?? ({} as never);
  const comment: WriteComment = { type: 'write-comment', commentId, visibility, by, at };
  if (typeof state?.fields !== 'object' || typeof ticket !== 'object' || ticket === null) {
    const issues = [{ code: 'no-requester', field: 'to', message: 'The composer state is not one createComposer made.', input: '' } as const];
    return { edit: null, comment, pending: ['to', 'cc', 'bcc'], issues };
  }
  const issues: ComposerIssue[] = [];
  const requester = state.fields.to.chips[0];
  // An empty To is not "keep the requester": a reply cannot be sent to nobody, and the field must show who gets it.
  if (requester === undefined) issues.push({ code: 'no-requester', field: 'to', message: 'A reply needs a requester: enter an address in To.', input: '' });
  for (const field of ['to', 'cc', 'bcc'] as const) {
    const f = state.fields[field];
    if (f.text.trim() === '') continue;
    issues.push(f.error ?? { code: 'unfinished-address', field, message: `"${f.text.trim()}" is not an address chip yet: press Enter to add it, or clear it.`, input: f.text });
  }
  const pending = (['to', 'cc', 'bcc'] as const).filter((f) => issues.some((i) => i.field === f));
  const changes = recipientChanges(
    { requester: ticket.requester ?? null, ccs: ticket.ccs ?? [], bccs: ticket.bccs ?? [], followers: [] },
    { requester: requester ?? ticket.requester ?? null, ccs: state.fields.cc.chips, bccs: state.fields.bcc.chips, followers: [] },
  );
  if (options?.oneTime === true) {
    // Only the requester is the ticket's to change; the rest is this reply's own (H3).
    const requesterChanges = changes.filter((c) => c.op === 'set-requester');
    const added = (op: 'add' | 'remove', field: 'cc' | 'bcc') => changes.flatMap((c) => (c.op === op && c.field === field ? [c.address] : []));
    const leaveOut = [...added('remove', 'cc'), ...added('remove', 'bcc')].filter((a) => typeof a !== 'object' || a === null || (a as { key?: unknown }).key !== requester?.key);
    const recipients = { cc: added('add', 'cc'), bcc: added('add', 'bcc'), leaveOut };
    const once = recipients.cc.length + recipients.bcc.length + recipients.leaveOut.length > 0 ? { ...comment, recipients } : comment;
    return { edit: requesterChanges.length === 0 ? null : { type: 'edit-recipients', changes: requesterChanges, by, at }, comment: once, pending, issues };
  }
  return { edit: changes.length === 0 ? null : { type: 'edit-recipients', changes, by, at }, comment, pending, issues };
}

import type { WriteComment } from '../comments/write-comment.js';
import type { EditRecipients } from '../edits/decide-edit.js';
import { recipientChanges } from '../history/diff.js';
import type { Actor, Ticket, Visibility } from '../ticket/types.js';
import type { ComposerField, ComposerState } from './types.js';

export interface ComposerSend {
  /** The recipient changes, as one agent edit (`null` when nothing changed). Apply it before the comment. */
  readonly edit: EditRecipients | null;
  readonly comment: WriteComment;
  /** Fields still holding text that is not a chip: show them and do not send yet. */
  readonly pending: readonly ComposerField[];
}

/**
 * What the composer holds, as commands (C3): an agent edit for the recipient changes,
 * then the comment to write. Run both through `handle`; then plan the delivery.
 *
 * @example
 * const send = composerToCommands(ticket, state, { by: { kind: 'agent', id: 'kate' }, at, commentId: 'c-9', visibility: 'public' });
 * if (send.pending.length === 0) { if (send.edit) handle(ticket, send.edit, context); handle(ticket, send.comment, context); }
 */
export function composerToCommands(ticket: Ticket, state: ComposerState, options: { readonly by: Actor; readonly at: string; readonly commentId: string; readonly visibility: Visibility }): ComposerSend {
  const { by, at, commentId, visibility } = options ?? ({} as never);
  if (typeof state?.fields !== 'object' || typeof ticket !== 'object' || ticket === null) {
    return { edit: null, comment: { type: 'write-comment', commentId, visibility, by, at }, pending: ['to', 'cc', 'bcc'] };
  }
  const requester = state.fields.to.chips[0] ?? ticket.requester ?? null;
  const changes = recipientChanges(
    { requester: ticket.requester ?? null, ccs: ticket.ccs ?? [], bccs: ticket.bccs ?? [], followers: [] },
    { requester, ccs: state.fields.cc.chips, bccs: state.fields.bcc.chips, followers: [] },
  );
  const pending = (['to', 'cc', 'bcc'] as const).filter((f) => state.fields[f].text.trim() !== '');
  return {
    edit: changes.length === 0 ? null : { type: 'edit-recipients', changes, by, at },
    comment: { type: 'write-comment', commentId, visibility, by, at },
    pending,
  };
}

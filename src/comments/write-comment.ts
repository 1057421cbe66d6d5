import { parseAddress } from '../address/parse-list.js';
import type { TicketEvent } from '../ticket/events.js';
import { err, ok, type Result } from '../result.js';
import { byAndAtIssues } from '../ticket/actor.js';
import type { ResolvedContext } from '../context/context.js';
import type { Actor, CommentRecord, Visibility } from '../ticket/types.js';

/** An agent writes a public reply or an internal note in the help desk. */
export interface WriteComment {
  readonly type: 'write-comment';
  readonly commentId: string;
  readonly visibility: Visibility;
  readonly by: Actor;
  readonly at: string;
}

export interface CommentIssue {
  readonly code: 'invalid-command' | 'not-permitted';
  readonly message: string;
  readonly input: unknown;
}

/** Decides a comment written in the help desk: one `comment-added` event. End users write by email. */
export function decideComment(command: WriteComment, context: ResolvedContext): Result<{ events: TicketEvent[]; comment: CommentRecord }, readonly CommentIssue[]> {
  if (typeof command.commentId !== 'string' || command.commentId === '') return err([{ code: 'invalid-command', message: '`commentId` must be a non-empty string.', input: command.commentId }]);
  if (command.visibility !== 'public' && command.visibility !== 'internal') return err([{ code: 'invalid-command', message: '`visibility` must be "public" or "internal".', input: command.visibility }]);
  const byOrAt = byAndAtIssues(command);
  if (byOrAt.length > 0) return err(byOrAt);
  if (command.by.kind === 'end-user') return err([{ code: 'not-permitted', message: 'End users write by email.', input: command.by }]);
  // Light agents write internal notes only.
  if (command.by.kind === 'light-agent' && command.visibility === 'public') return err([{ code: 'not-permitted', message: 'Light agents write internal notes only.', input: command.by }]);
  const entry = 'id' in command.by ? context.directory.byId(command.by.id) : undefined;
  const author = entry === undefined ? null : parseAddress(entry.address, context.policy.identity);
  const comment: CommentRecord = {
    id: command.commentId,
    messageId: null,
    author: author?.ok ? { ...author.value, name: entry?.name ?? author.value.name } : null,
    authorRole: 'agent',
    visibility: command.visibility,
    via: 'help-desk',
    to: [],
    cc: [],
    automatic: false,
  };
  return ok({ events: [{ v: 1, at: command.at, by: command.by, cause: 'agent-edit', type: 'comment-added', comment }], comment });
}

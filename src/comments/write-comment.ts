import { parseAddress } from '../address/parse-list.js';
import { issue, type Issue } from '../issue/issue.js';
import { literal, object, string, type Schema } from '../schema/schema.js';
import type { UnstampedEvent } from '../ticket/events.js';
import type { Env } from '../ticket/recipient-set.js';
import { actor, visibility } from '../ticket/schema.js';
import type { Actor, CommentRecord, Visibility } from '../ticket/types.js';
import { err, ok, type Result } from '../result.js';

/** An agent writes a public reply or an internal note in the help desk. */
export interface WriteComment {
  readonly type: 'write-comment';
  readonly commentId: string;
  readonly visibility: Visibility;
  readonly by: Actor;
  readonly at: string;
}

export const writeCommentSchema: Schema<WriteComment> = /* @__PURE__ */ object({ type: /* @__PURE__ */ literal('write-comment'), commentId: /* @__PURE__ */ string({ nonEmpty: true }), visibility, by: actor, at: /* @__PURE__ */ string() });

export type CommentIssue = Issue<'invalid-command' | 'not-permitted'>;

/** Decides a comment written in the help desk: one `comment-added` event. End users write by email. */
export function decideComment(command: WriteComment, env: Env): Result<{ events: UnstampedEvent[]; comment: CommentRecord }, readonly Issue[]> {
  if (command.by.kind === 'end-user') return err([issue('not-permitted', 'End users write by email.', command.by, ['by'])]);
  // D4: light agents write internal notes only.
  if (command.by.kind === 'light-agent' && command.visibility === 'public') return err([issue('not-permitted', 'Light agents write internal notes only.', command.by, ['by'])]);
  const entry = 'id' in command.by ? env.directory.byId(command.by.id) : undefined;
  const author = entry === undefined ? null : parseAddress(entry.address, env.policy.identity);
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
  return ok({ events: [{ at: command.at, by: command.by, cause: 'agent-edit', type: 'comment-added', comment }], comment });
}

import { issue, type Issue } from '../issue/issue.js';
import type { Actor } from '../policy/actor.js';
import { literal, object, string, type Schema } from '../schema/schema.js';
import type { UnstampedEvent } from '../ticket/events.js';
import { actor, visibility } from '../ticket/schema.js';
import type { Visibility } from '../ticket/types.js';

/**
 * C4: an agent makes a public comment internal (Zendesk advises it for customers' comments
 * that should not be shared) or a note public. A comment made internal never rides along in
 * a conversation again (B5).
 */
export interface ChangeVisibility {
  readonly type: 'change-visibility';
  readonly commentId: string;
  readonly visibility: Visibility;
  readonly by: Actor;
  readonly at: string;
}

export const changeVisibilitySchema: Schema<ChangeVisibility> = /* @__PURE__ */ object({
  type: /* @__PURE__ */ literal('change-visibility'),
  commentId: /* @__PURE__ */ string({ nonEmpty: true }),
  visibility,
  by: actor,
  at: /* @__PURE__ */ string(),
});

export function decideVisibility(command: ChangeVisibility): { events: UnstampedEvent[] } | { refused: readonly Issue[] } {
  const { by } = command;
  // D4: a light agent may hide a comment from customers, never publish one.
  const allowed = by.kind === 'agent' || by.kind === 'admin' || (by.kind === 'light-agent' && command.visibility === 'internal');
  if (!allowed) return { refused: [issue('not-permitted', command.visibility === 'public' ? 'Only agents make comments public.' : 'Only staff make comments internal.', by, ['by'])] };
  return { events: [{ at: command.at, by, cause: 'agent-edit', type: 'comment-visibility-changed', commentId: command.commentId, visibility: command.visibility, reasons: [{ rule: 'C4' }] }] };
}

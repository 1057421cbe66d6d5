import { parseAddress } from '../address/parse-list.js';
import { personFinder } from '../policy/directory.js';
import type { Mailbox } from '../address/types.js';
import { issue, type Issue } from '../issue/issue.js';
import { ccLimitIssue, fieldIssue, forbiddenIssue, permissionIssue } from '../policy/admission.js';
import { array, literal, object, string, unknown, type Schema } from '../schema/schema.js';
import type { UnstampedEvent } from '../ticket/events.js';
import type { Env } from '../ticket/recipient-set.js';
import { actor, visibility } from '../ticket/schema.js';
import type { Actor, CommentRecord, Ticket, Visibility } from '../ticket/types.js';
import { err, ok, type Result } from '../result.js';

/** An agent writes a public reply or an internal note in the help desk. */
export interface WriteComment {
  readonly type: 'write-comment';
  readonly commentId: string;
  readonly visibility: Visibility;
  readonly by: Actor;
  readonly at: string;
  /**
   * H3: recipients for this reply only; the ticket does not change. `cc` and `bcc` are extra
   * recipients (address text or mailboxes), `leaveOut` participants this reply is not sent to.
   */
  readonly recipients?: { readonly cc?: readonly unknown[]; readonly bcc?: readonly unknown[]; readonly leaveOut?: readonly unknown[] };
}

export const writeCommentSchema: Schema<WriteComment> = /* @__PURE__ */ object(
  {
    type: /* @__PURE__ */ literal('write-comment'),
    commentId: /* @__PURE__ */ string({ nonEmpty: true }),
    visibility,
    by: actor,
    at: /* @__PURE__ */ string(),
    recipients: /* @__PURE__ */ object({ cc: /* @__PURE__ */ array(unknown), bcc: /* @__PURE__ */ array(unknown), leaveOut: /* @__PURE__ */ array(unknown) }, 'all-optional'),
  },
  ['recipients'],
);

export type CommentIssue = Issue<'invalid-command' | 'not-permitted'>;

type OneTime = NonNullable<CommentRecord['oneTime']>;

/**
 * H3: the one-time recipients of a reply, under the same policy as an edit (D): support
 * and denylisted addresses refused, the CC limit counting the ticket's CCs plus the added
 * ones, light agents adding nobody. Someone already on the ticket is no extra recipient (D5).
 */
function oneTimeRecipients(command: WriteComment, env: Env, ticket: Ticket | null): Result<OneTime | null, Issue[]> {
  const asked = command.recipients;
  if (asked === undefined || ((asked.cc ?? []).length === 0 && (asked.bcc ?? []).length === 0 && (asked.leaveOut ?? []).length === 0)) return ok(null);
  const issues: Issue[] = [];
  if (command.visibility === 'internal' && ((asked.cc ?? []).length > 0 || (asked.bcc ?? []).length > 0)) {
    return err([issue('invalid-command', 'An internal note goes to staff only: it takes no extra CC or BCC.', asked, ['recipients'])]);
  }
  const onTicket = new Set([ticket?.requester, ...(ticket?.ccs ?? []), ...(ticket?.bccs ?? [])].flatMap((m) => (m ? [m.key] : [])));
  const followers = new Set((ticket?.followers ?? []).map((m) => m.key));
  const taken = new Map<string, 'cc' | 'bcc'>();
  const person = personFinder(env.directory, ticket, env.policy.identity); // H5: one person, one copy, whichever address is typed
  const read = (value: unknown, path: (string | number)[]): Mailbox | null => {
    const parsed = parseAddress(value, env.policy.identity);
    if (parsed.ok) return person(parsed.value);
    issues.push({ ...parsed.error, path });
    return null;
  };
  const extra = (field: 'cc' | 'bcc'): Mailbox[] =>
    (asked[field] ?? []).flatMap((value, i) => {
      const path = ['recipients', field, i];
      const m = read(value, path);
      if (m === null || onTicket.has(m.key)) return [];
      const before = taken.get(m.key);
      if (before !== undefined) {
        if (before !== field) issues.push(issue('role-conflict', `${m.address} is asked for as both CC and BCC of this reply.`, m.address, path, { field }));
        return [];
      }
      const refused = forbiddenIssue(env.policy, m, field) ?? permissionIssue(env.policy, env.directory, command.by, 'agent-edit', 'add', field, m) ?? fieldIssue(env.policy, env.directory, m, field);
      if (refused !== null) {
        issues.push({ ...refused, path });
        return [];
      }
      taken.set(m.key, field);
      return [m];
    });
  const cc = extra('cc');
  const bcc = extra('bcc');
  const count = ticket?.ccs.length ?? 0;
  const overflow = cc.length === 0 ? null : ccLimitIssue(env.policy, count + cc.length - 1, cc[cc.length - 1] as Mailbox);
  if (overflow !== null) {
    const limit = env.policy.settings.ccLimit ?? 0;
    issues.push(issue('cc-limit-exceeded', `This reply would go to ${count + cc.length} CCs (${count} on the ticket, ${cc.length} for this reply); the limit is ${limit}.`, asked.cc, ['recipients', 'cc'], { field: 'cc', limit, count: count + cc.length }));
  }
  const leftOut = (asked.leaveOut ?? []).flatMap((value, i) => {
    const m = read(value, ['recipients', 'leaveOut', i]);
    if (m === null) return [];
    if (!onTicket.has(m.key) && !followers.has(m.key)) {
      issues.push(issue('invalid-command', `${m.address} is not on the ticket, so there is nobody to leave out.`, value, ['recipients', 'leaveOut', i]));
      return [];
    }
    return [m];
  });
  return issues.length > 0 ? err(issues) : ok({ cc, bcc, leftOut });
}

/**
 * Decides a comment written in the help desk: one `comment-added` event. End users write by
 * email. One-time recipients (H3) are checked against the ticket and recorded on the comment.
 */
export function decideComment(command: WriteComment, env: Env, ticket: Ticket | null = null): Result<{ events: UnstampedEvent[]; comment: CommentRecord }, readonly Issue[]> {
  if (command.by.kind === 'end-user') return err([issue('not-permitted', 'End users write by email.', command.by, ['by'])]);
  // D4: light agents write internal notes only.
  if (command.by.kind === 'light-agent' && command.visibility === 'public') return err([issue('not-permitted', 'Light agents write internal notes only.', command.by, ['by'])]);
  const oneTime = oneTimeRecipients(command, env, ticket);
  if (!oneTime.ok) return oneTime;
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
    ...(oneTime.value === null ? {} : { oneTime: oneTime.value }),
  };
  return ok({ events: [{ at: command.at, by: command.by, cause: 'agent-edit', type: 'comment-added', comment, reasons: [{ rule: 'C1' }] }], comment });
}

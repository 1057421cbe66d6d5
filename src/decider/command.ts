import type { EditRecipients } from '../edits/decide-edit.js';
import { editRecipientsSchema } from '../edits/decide-edit.js';
import type { WriteComment } from '../comments/write-comment.js';
import { writeCommentSchema } from '../comments/write-comment.js';
import type { InboundEmail } from '../inbound/command.js';
import { inboundEmailSchema } from '../inbound/command.js';
import type { ResolveNotice } from '../inbound/resolve-notice.js';
import { resolveNoticeSchema } from '../inbound/resolve-notice.js';
import { issue, type Issue } from '../issue/issue.js';
import type { Actor } from '../policy/actor.js';
import type { Directory } from '../policy/directory.js';
import { check, tagged } from '../schema/schema.js';
import { changeVisibilitySchema, type ChangeVisibility } from '../comments/change-visibility.js';
import { importTicketSchema, type ImportTicket } from '../participants/import-ticket.js';
import { mergeTicketsSchema, type MergeTickets } from '../participants/merge.js';
import { reportDeliverySchema, type ReportDelivery } from '../participants/report-delivery.js';

/** Everything that can change a ticket. Each goes through `decide` and then `evolve`; there is no other way. */
export type Command = InboundEmail | EditRecipients | ResolveNotice | WriteComment | ChangeVisibility | ImportTicket | MergeTickets | ReportDelivery;

export type CommandType = Command['type'];

const commandSchema = /* @__PURE__ */ tagged('type', {
  'receive-email': inboundEmailSchema,
  'edit-recipients': editRecipientsSchema,
  'resolve-notice': resolveNoticeSchema,
  'write-comment': writeCommentSchema,
  'change-visibility': changeVisibilitySchema,
  'import-ticket': importTicketSchema,
  'merge-tickets': mergeTicketsSchema,
  'report-delivery': reportDeliverySchema,
} satisfies Record<CommandType, unknown>);

/** The command's shape, checked once here: the decisions below it trust it. */
export function commandIssues(command: unknown): readonly Issue[] {
  return check(commandSchema, command).map((i) => issue('invalid-command', `The command is not well formed: ${i.message}`, i.input, i.path));
}

/**
 * D7: the actor of a command is who the directory says. An id must be in the directory,
 * with the kind the directory gives it; rules act only from inside the rules engine. With
 * no directory in the context there is nobody to check against, and the caller's word stands.
 */
export function actorIssues(by: Actor, directory: Directory, hasDirectory: boolean): readonly Issue[] {
  if (by.kind === 'rule') return [issue('not-permitted', 'A rule acts only when the rules engine runs it (G3), never as the author of a command.', by, ['by'])];
  if (!('id' in by) || !hasDirectory) return [];
  const entry = directory.byId(by.id);
  if (entry === undefined) return [issue('unknown-actor', `Nobody with the id "${by.id}" is in the directory.`, by, ['by', 'id'])];
  if (entry.kind !== by.kind) return [issue('actor-mismatch', `"${by.id}" is ${entry.kind === 'end-user' ? 'an end user' : entry.kind === 'light-agent' ? 'a light-agent' : `an ${entry.kind}`} in the directory, not ${by.kind === 'admin' || by.kind === 'agent' ? 'an' : 'a'} ${by.kind}.`, by, ['by', 'kind'])];
  return [];
}

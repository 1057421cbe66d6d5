import { parseAddress } from '../address/parse-list.js';
import type { TicketEvent } from '../ticket/events.js';
import type { Policy } from '../policy/policy.js';
import { err, ok, type Result } from '../result.js';
import { byAndAtIssues } from '../ticket/actor.js';
import type { Directory } from '../ticket/directory.js';
import type { RecipientIssue } from '../ticket/issues.js';
import { RecipientSet } from '../ticket/recipient-set.js';
import type { Actor, RecipientField, Ticket } from '../ticket/types.js';

/** One change an agent (or a rule, or the system) asks for. `address` is any address text or a mailbox. */
export type RecipientChange =
  | { readonly op: 'set-requester'; readonly address: unknown }
  | { readonly op: 'add'; readonly field: RecipientField; readonly address: unknown }
  | { readonly op: 'remove'; readonly field: RecipientField; readonly address: unknown };

/** Change a ticket's recipients from the help desk (C1): all the changes apply, or none. */
export interface EditRecipients {
  readonly type: 'edit-recipients';
  readonly changes: readonly RecipientChange[];
  readonly by: Actor;
  readonly at: string;
}

const FIELDS = new Set(['cc', 'bcc', 'follower']);

function invalid(message: string, input: unknown): RecipientIssue {
  return { code: 'invalid-command', message, input };
}

/** Checks the shape of a command an untyped caller built, before anything is decided. */
function shapeIssues(command: EditRecipients): RecipientIssue[] {
  const issues: RecipientIssue[] = byAndAtIssues(command);
  if (!Array.isArray(command.changes)) issues.push(invalid('`changes` must be a list.', command.changes));
  else {
    for (const change of command.changes as readonly unknown[]) {
      const c = change as Partial<Record<string, unknown>> | null;
      const op = c?.op;
      if (op !== 'set-requester' && op !== 'add' && op !== 'remove') issues.push(invalid('Each change needs `op`: "set-requester", "add" or "remove".', change));
      else if (op !== 'set-requester' && !FIELDS.has(c?.field as string)) issues.push(invalid('`field` must be "cc", "bcc" or "follower".', change));
    }
  }
  return issues;
}

/**
 * Decides an agent edit (C1, D1–D5): the events it produces, or every reason it is refused.
 * A refused edit changes nothing.
 */
export function decideEdit(ticket: Ticket, command: EditRecipients, policy: Policy, directory: Directory): Result<TicketEvent[], RecipientIssue[]> {
  const shape = shapeIssues(command);
  if (shape.length > 0) return err(shape);
  const set = new RecipientSet(ticket);
  const ctx = { policy, directory, by: command.by, cause: 'agent-edit' as const, at: command.at };
  const issues: RecipientIssue[] = [];
  for (const change of command.changes) {
    const parsed = parseAddress(change.address, policy.identity);
    if (!parsed.ok) {
      issues.push({ ...parsed.error, field: change.op === 'set-requester' ? 'requester' : change.field });
      continue;
    }
    const issue =
      change.op === 'set-requester'
        ? set.setRequester(parsed.value, ctx)
        : change.op === 'add'
          ? set.add(change.field, parsed.value, ctx)
          : set.remove(change.field, parsed.value, ctx);
    if (issue !== null) issues.push(issue);
  }
  return issues.length > 0 ? err(issues) : ok(set.events);
}

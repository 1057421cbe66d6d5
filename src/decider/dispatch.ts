import type { Mailbox } from '../address/types.js';
import { decideComment } from '../comments/write-comment.js';
import type { ResolvedContext } from '../context/context.js';
import { decideEdit } from '../edits/decide-edit.js';
import { decideEmail, type EmailDecision } from '../inbound/decide-email.js';
import { decideResolution } from '../inbound/resolve-notice.js';
import { issue, type Issue } from '../issue/issue.js';
import { parseAddress } from '../address/parse-list.js';
import type { Actor } from '../policy/actor.js';
import { err, ok, type Result } from '../result.js';
import type { RuleUpdate } from '../rules/run-rules.js';
import type { UnstampedEvent } from '../ticket/events.js';
import { isRecipientEvent } from '../ticket/events.js';
import type { CommentRecord, Notice, Ticket } from '../ticket/types.js';
import type { Command } from './command.js';
import { decideVisibility } from '../comments/change-visibility.js';
import { decideImport } from '../participants/import-ticket.js';
import { decideMerge } from '../participants/merge.js';
import { decideDelivery } from '../participants/report-delivery.js';
import { ticketShapeIssues } from '../ticket/check-ticket.js';

/** What one command decided, before the decider numbers its events and runs the rules. */
export interface CommandOutcome {
  readonly events: readonly UnstampedEvent[];
  /** A split (F10) also creates a ticket: its id and its events. */
  readonly split: null | { readonly ticketId: string; readonly events: readonly UnstampedEvent[] };
  /** A merge (H4) closes the source ticket: its id and its events. */
  readonly merged: null | { readonly ticketId: string; readonly events: readonly UnstampedEvent[] };
  readonly issues: readonly Issue[];
  readonly email: EmailDecision | null;
  readonly comment: CommentRecord | null;
  /** A notice this command resolved: its reply is released (B9). */
  readonly resolved: Notice | null;
  /** What the rules look at (G1), or `null` when they must not run (G3: nothing changed, machine mail, untrusted copies). */
  readonly update: Omit<RuleUpdate, 'at'> | null;
}

const none = { split: null, merged: null, issues: [], email: null, comment: null, resolved: null, update: null } as const;

function actorMailbox(by: Actor, context: ResolvedContext): Mailbox | null {
  if (!('id' in by)) return null;
  const entry = context.directory.byId(by.id);
  const parsed = entry === undefined ? null : parseAddress(entry.address, context.policy.identity);
  return parsed?.ok ? parsed.value : null;
}

const changesParticipants = (events: readonly UnstampedEvent[]): boolean => events.some((e) => isRecipientEvent(e as Parameters<typeof isRecipientEvent>[0]));

/** Trust checks that keep rules from running on mail that may change nobody (G3, F11–F13). */
function rulesMayRun(email: EmailDecision): boolean {
  const kind = email.notice?.kind;
  return email.classification.kind === 'person' && kind !== 'desk-not-addressed' && kind !== 'unverified-sender';
}

/** The one dispatch: a command to its decision, checked by the compiler to cover every command. */
export function dispatch(ticket: Ticket | null, command: Command, context: ResolvedContext): Result<CommandOutcome, readonly Issue[]> {
  if (ticket === null && command.type !== 'receive-email' && command.type !== 'import-ticket') return err([issue('invalid-command', 'Only an inbound email or an import opens a ticket.', command, ['type'])]);
  if (ticket !== null && command.type === 'import-ticket') return err([issue('invalid-command', 'An import creates a ticket: pass `null` as the ticket.', command, ['type'])]);
  // H4: a merged ticket is closed; mail to it is reported by the inbound decision so the caller can route it.
  if (ticket !== null && ticket.mergedInto !== null && command.type !== 'receive-email') {
    return err([issue('merged-ticket', `Ticket ${ticket.id} was merged into ${ticket.mergedInto}: act on that ticket.`, ticket.id, [], { mergedInto: ticket.mergedInto })]);
  }
  switch (command.type) {
    case 'receive-email': {
      const email = decideEmail(ticket, command, context);
      const c = email.comment;
      const kinds: RuleUpdate['kinds'] =
        email.outcome === 'opened' ? ['new-ticket'] : changesParticipants(email.events) ? ['inbound-reply', 'recipient-change'] : ['inbound-reply'];
      const update = c === null || !rulesMayRun(email) ? null : { kinds, sender: c.author, senderRole: c.authorRole, comment: c };
      return ok({ ...none, events: email.events, issues: email.issues, email, comment: c, update });
    }
    case 'edit-recipients': {
      const decided = decideEdit(ticket as Ticket, command, context);
      if (!decided.ok) return decided;
      const staff = command.by.kind === 'agent' || command.by.kind === 'admin' || command.by.kind === 'light-agent';
      const update = decided.value.length === 0 ? null : { kinds: ['recipient-change' as const], sender: actorMailbox(command.by, context), senderRole: staff ? ('agent' as const) : null, comment: null };
      return ok({ ...none, events: decided.value, update });
    }
    case 'resolve-notice': {
      const decided = decideResolution(ticket as Ticket, command, context);
      if (!decided.ok) return decided;
      const { events, split, issues, notice } = decided.value;
      const update = changesParticipants(events) ? { kinds: ['recipient-change' as const], sender: actorMailbox(command.by, context), senderRole: 'agent' as const, comment: null } : null;
      return ok({ ...none, events, split, issues, resolved: notice, update });
    }
    case 'write-comment': {
      const decided = decideComment(command, context, ticket);
      if (!decided.ok) return decided;
      const c = decided.value.comment;
      return ok({ ...none, events: decided.value.events, comment: c, update: { kinds: ['agent-reply'], sender: c.author, senderRole: 'agent', comment: c } });
    }
    case 'change-visibility': {
      const decided = decideVisibility(command);
      if ('refused' in decided) return err(decided.refused);
      return ok({ ...none, events: decided.events });
    }
    case 'import-ticket': {
      const decided = decideImport(command, context);
      if (decided.events.length === 0) return err(decided.issues);
      return ok({ ...none, events: decided.events, issues: decided.issues, update: { kinds: ['new-ticket'], sender: null, senderRole: null, comment: null } });
    }
    case 'merge-tickets': {
      const source = ticketShapeIssues(command.source);
      if (source.length > 0) return err(source.map((i) => ({ ...i, path: ['source', ...i.path] })));
      const decided = decideMerge(ticket as Ticket, command, context);
      if ('refused' in decided) return err(decided.refused);
      const update = changesParticipants(decided.events) ? { kinds: ['recipient-change' as const], sender: actorMailbox(command.by, context), senderRole: 'agent' as const, comment: null } : null;
      return ok({ ...none, events: decided.events, merged: decided.source, issues: decided.issues, update });
    }
    case 'report-delivery': {
      const decided = decideDelivery(ticket as Ticket, command, context);
      if ('refused' in decided) return err(decided.refused);
      return ok({ ...none, events: decided.events });
    }
    default: {
      const unhandled: never = command;
      return err([issue('invalid-command', 'Unknown command.', unhandled, ['type'])]);
    }
  }
}

import { decideEdit, type EditRecipients } from '../edits/decide-edit.js';
import type { TicketEvent } from '../history/events.js';
import { evolve, fold } from '../history/evolve.js';
import { decideEmail, type EmailDecision } from '../inbound/decide-email.js';
import type { InboundIssue } from '../inbound/issues.js';
import type { InboundEmail } from '../inbound/message.js';
import { decideResolution, type NoticeIssue, type ResolveNotice } from '../inbound/resolve-notice.js';
import { err, ok, type Result } from '../result.js';
import { resolveContext, type TicketContext } from './context.js';
import type { RecipientIssue } from './issues.js';
import type { Ticket } from './types.js';

/** Everything that can change a ticket. Each goes through `decide` and then `evolve`; there is no other way. */
export type Command = EditRecipients | InboundEmail | ResolveNotice;

/** What `decide` returns for an accepted command: the events, plus what a person should know. */
export interface Decision {
  readonly events: readonly TicketEvent[];
  /** A split (F10) also creates a ticket: its id and its events. */
  readonly split: null | { readonly ticketId: string; readonly events: readonly TicketEvent[] };
  /** Parts of the command that were not applied (an inbound email is never refused whole). */
  readonly issues: readonly (InboundIssue | RecipientIssue)[];
  readonly email: EmailDecision | null;
}

export type CommandIssue = InboundIssue | RecipientIssue | NoticeIssue;

/**
 * The decider: the events a command produces on a ticket (`null` for an email that opens
 * one), or every reason it is refused. Pure: fold the events with `evolve` to get the ticket.
 *
 * @example
 * const d = decide(ticket, { type: 'edit-recipients', changes: [{ op: 'add', field: 'cc', address: 'ann@example.com' }], by: { kind: 'agent', id: '7' }, at: '2026-01-01T10:00:00Z' }, { settings });
 * if (d.ok) ticket = evolve(ticket, d.value.events);
 */
export function decide(ticket: Ticket | null, command: Command, context: TicketContext = {}): Result<Decision, readonly CommandIssue[]> {
  const resolved = resolveContext(context);
  const type = (command as { type?: unknown } | null)?.type;
  if (type === 'receive-email') {
    const email = decideEmail(ticket, command as InboundEmail, resolved);
    if (email.outcome === 'invalid') return err(email.issues);
    return ok({ events: email.events, split: null, issues: email.issues, email });
  }
  if (ticket === null) return err([{ code: 'invalid-command', message: 'Only an inbound email can open a ticket.', input: command }]);
  if (type === 'edit-recipients') {
    const edit = decideEdit(ticket, command as EditRecipients, resolved.policy, resolved.directory);
    return edit.ok ? ok({ events: edit.value, split: null, issues: [], email: null }) : edit;
  }
  if (type === 'resolve-notice') {
    const resolution = decideResolution(ticket, command as ResolveNotice, resolved);
    return resolution.ok ? ok({ ...resolution.value, email: null }) : resolution;
  }
  return err([{ code: 'invalid-command', message: 'Unknown command: `type` must be "edit-recipients", "receive-email" or "resolve-notice".', input: command }]);
}

/** The result of `handle`: the new ticket(s), with the events to append to their logs. */
export interface Handled extends Decision {
  /** The ticket after the command; `null` only when an email opened none (a mail loop). */
  readonly ticket: Ticket | null;
  /** The ticket a split created. */
  readonly splitTicket: Ticket | null;
}

/**
 * `decide` then `evolve`: the new ticket and the events that made it. Append `events`
 * to the ticket's stored log (and `split.events` to the new ticket's) to keep history.
 *
 * @example
 * const r = handle(null, { type: 'receive-email', messageId: '<1@mail>', at: '2026-01-01T10:00:00Z', from: 'Ann <ann@acme.example>', to: 'support@desk.example', cc: 'bob@acme.example' }, { settings });
 * r.ok && r.value.ticket?.ccs.map((m) => m.address); // ['bob@acme.example']
 */
export function handle(ticket: Ticket | null, command: Command, context: TicketContext = {}): Result<Handled, readonly CommandIssue[]> {
  const decided = decide(ticket, command, context);
  if (!decided.ok) return decided;
  const { events, split } = decided.value;
  const next = ticket === null ? (events.length > 0 ? fold(events) : null) : evolve(ticket, events);
  return ok({ ...decided.value, ticket: next, splitTicket: split === null ? null : fold(split.events) });
}

import { resolveContext, withResolved, type PreparedContext, type ResolvedContext, type TicketContext } from '../context/context.js';
import { evolve, fold } from '../history/evolve.js';
import type { EmailDecision } from '../inbound/decide-email.js';
import type { Issue } from '../issue/issue.js';
import { planNotification } from '../outbound/plan-delivery.js';
import type { DeliveryPlan } from '../outbound/types.js';
import { err, ok, type Result } from '../result.js';
import { runRules, type RuleUpdate } from '../rules/run-rules.js';
import { ticketShapeIssues } from '../ticket/check-ticket.js';
import { checksum } from '../ticket/checksum.js';
import { EVENT_VERSION, type TicketEvent, type UnstampedEvent } from '../ticket/events.js';
import type { CommentRecord, Ticket } from '../ticket/types.js';
import { actorIssues, commandIssues, type Command } from './command.js';
import { dispatch } from './dispatch.js';

export type { Command };

/** What `decide` returns for an accepted command: the events, plus what a person should know. */
export interface Decision {
  /** The ticket revision the decision was made from: append `events` expecting the log to be this long (E4). */
  readonly revision: number;
  /** The command's events, then its rules' events (G3), numbered from `revision + 1`. */
  readonly events: readonly TicketEvent[];
  /** A split (F10) also creates a ticket: its id and its events (numbered from 1, with its own rules' events). */
  readonly split: null | { readonly ticketId: string; readonly events: readonly TicketEvent[] };
  /** Parts not applied: an inbound email is never refused whole; a rule's refused action is reported here. */
  readonly issues: readonly Issue[];
  /** For an inbound email: how it was classified, its comment and notice. */
  readonly email: EmailDecision | null;
  /** The comment the command created (inbound email or written in the help desk). */
  readonly comment: CommentRecord | null;
  /** Ids of the rules that fired (G3), in order. */
  readonly firedRules: readonly string[];
  /** Delivery plans of the rules' notify actions (B6). */
  readonly notifications: readonly DeliveryPlan[];
}

/** Every reason a command can be refused. Branch on `code`. */
export type CommandIssue = Issue;

interface Stepped {
  readonly decision: Decision;
  readonly ticket: Ticket | null;
  readonly splitTicket: Ticket | null;
}

/** Numbers events on their ticket (E4): the decider is the one place that knows the revision. */
export function stamp(events: readonly UnstampedEvent[], ticketId: string, revision: number): TicketEvent[] {
  return events.map((e, i) => {
    const numbered = { v: EVENT_VERSION, ticketId, seq: revision + i + 1, ...e };
    return { ...numbered, sum: checksum(numbered) } as TicketEvent;
  });
}

/** The rules over a ticket after an update (G3), their events numbered after the command's. */
function withRules(after: Ticket, events: TicketEvent[], update: Omit<RuleUpdate, 'at'> | null, at: string, context: TicketContext, resolved: ResolvedContext) {
  if (update === null || resolved.rules.length === 0) return { ticket: after, events, fired: [] as string[], issues: [] as Issue[], notifications: [] as DeliveryPlan[] };
  const outcome = runRules(after, { ...update, at }, resolved.rules, resolved);
  const ruleEvents = stamp(outcome.events, after.id, after.revision);
  const final = evolve(after, ruleEvents);
  const notifications: DeliveryPlan[] = [];
  for (const { ruleId, audience } of outcome.notify) {
    const comment = update.comment ?? { id: `${ruleId}@${at}`, visibility: 'public' as const };
    const plan = planNotification(final, comment, audience, withResolved(context, resolved));
    if (plan.ok) notifications.push(plan.value);
  }
  return { ticket: final, events: [...events, ...ruleEvents], fired: [...outcome.fired], issues: [...outcome.issues], notifications };
}

function step(ticket: Ticket | null, command: Command, context: TicketContext | PreparedContext): Result<Stepped, readonly Issue[]> {
  const resolved = resolveContext(context);
  if (resolved.issues.length > 0) return err(resolved.issues);
  const malformed = commandIssues(command);
  if (malformed.length > 0) return err(malformed);
  if ('by' in command) {
    const forged = actorIssues(command.by, resolved.directory, resolved.hasDirectory);
    if (forged.length > 0) return err(forged);
  }
  if (ticket !== null) {
    const shape = ticketShapeIssues(ticket);
    if (shape.length > 0) return err(shape);
  }
  const decided = dispatch(ticket, command, resolved);
  if (!decided.ok) return decided;
  const outcome = decided.value;
  const revision = ticket?.revision ?? 0;
  const opened = outcome.events.find((e) => e.type === 'ticket-opened');
  const ticketId = ticket?.id ?? (opened !== undefined && 'ticketId' in opened ? opened.ticketId : '');
  const events = stamp(outcome.events, ticketId, revision);
  const after = ticket === null ? (events.length > 0 ? fold(events) : null) : evolve(ticket, events);
  const main = after === null ? null : withRules(after, events, outcome.update, command.at, context, resolved);

  let split: Decision['split'] = null;
  let splitTicket: Ticket | null = null;
  let splitRules: ReturnType<typeof withRules> | null = null;
  if (outcome.split !== null) {
    // G3: the ticket a split creates is a new ticket, and its rules run on it.
    const splitEvents = stamp(outcome.split.events, outcome.split.ticketId, 0);
    const comment = [...outcome.split.events].reverse().find((e) => e.type === 'comment-added');
    const c = comment?.type === 'comment-added' ? comment.comment : null;
    splitRules = withRules(fold(splitEvents), splitEvents, { kinds: ['new-ticket'], sender: c?.author ?? null, senderRole: c?.authorRole ?? null, comment: c }, command.at, context, resolved);
    split = { ticketId: outcome.split.ticketId, events: splitRules.events };
    splitTicket = splitRules.ticket;
  }
  return ok({
    decision: {
      revision,
      events: main?.events ?? events,
      split,
      issues: [...outcome.issues, ...(main?.issues ?? []), ...(splitRules?.issues ?? [])],
      email: outcome.email,
      comment: outcome.comment,
      firedRules: [...(main?.fired ?? []), ...(splitRules?.fired ?? [])],
      notifications: [...(main?.notifications ?? []), ...(splitRules?.notifications ?? [])],
    },
    ticket: main?.ticket ?? null,
    splitTicket,
  });
}

/**
 * The decider: the events a command produces on a ticket (`null` for an email that opens
 * one), then the events of the rules it triggers (G3); or every reason it is refused.
 * Pure: fold the events with `evolve` to get the ticket.
 *
 * @example
 * const ticket = fold([]);
 * const d = decide(null, { type: 'receive-email', messageId: '<1@mail>', at: '2026-01-01T10:00:00Z', from: 'ann@acme.example', to: 'support@desk.example' }, { settings: { supportAddresses: ['support@desk.example'] } });
 * d.ok && d.value.events[0]?.seq; // 1
 */
export function decide(ticket: Ticket | null, command: Command, context: TicketContext | PreparedContext = {}): Result<Decision, readonly Issue[]> {
  const r = step(ticket, command, context);
  return r.ok ? ok(r.value.decision) : r;
}

/** The result of `handle`: the new ticket(s), with the events to append to their logs. */
export interface Handled extends Decision {
  /** The ticket after the command and its rules; `null` when an email opened none (a mail loop, machine mail). */
  readonly ticket: Ticket | null;
  /** The ticket a split created. */
  readonly splitTicket: Ticket | null;
}

/**
 * Applies an update (inbound email, agent edit, comment, notice resolution), then the
 * rules: the new ticket and the events that made it. Append `events` to the ticket's
 * stored log (and `split.events` to the new ticket's) to keep history.
 *
 * @example
 * const r = handle(null, { type: 'receive-email', messageId: '<1@mail>', at: '2026-01-01T10:00:00Z', from: 'Ann <ann@acme.example>', to: 'support@desk.example', cc: 'bob@acme.example' }, { settings: { supportAddresses: ['support@desk.example'] } });
 * r.ok && r.value.ticket?.ccs.map((m) => m.address); // ['bob@acme.example']
 */
export function handle(ticket: Ticket | null, command: Command, context: TicketContext | PreparedContext = {}): Result<Handled, readonly Issue[]> {
  const r = step(ticket, command, context);
  return r.ok ? ok({ ...r.value.decision, ticket: r.value.ticket, splitTicket: r.value.splitTicket }) : r;
}

import { parseAddress } from '../address/parse-list.js';
import { asPerson, type Directory } from '../policy/directory.js';
import { resolveContext, withResolved, type PreparedContext, type ResolvedContext, type TicketContext } from '../context/context.js';
import { evolve, fold } from '../history/evolve.js';
import type { EmailDecision } from '../inbound/decide-email.js';
import type { Issue } from '../issue/issue.js';
import { notificationResolved, planResolved } from '../outbound/plan-delivery.js';
import type { DeliveryPlan } from '../outbound/types.js';
import { err, ok, type Result } from '../result.js';
import { runRules, type RuleUpdate } from '../rules/run-rules.js';
import { ticketShapeIssues } from '../ticket/check-ticket.js';
import { checksum } from '../ticket/checksum.js';
import { refusalReason } from '../explain/reason.js';
import { EVENT_VERSION, type RefusedRecipient, type TicketEvent, type UnstampedEvent } from '../ticket/events.js';
import type { CommentRecord, Ticket } from '../ticket/types.js';
import { actorIssues, commandIssues, type Command } from './command.js';
import { releasedPlans, withTold } from '../participants/release.js';
import { dispatch, type CommandOutcome } from './dispatch.js';

export type { Command };

/** What `decide` returns for an accepted command: the events, plus what a person should know. */
export interface Decision {
  /** The ticket revision the decision was made from: append `events` expecting the log to be this long (E4). */
  readonly revision: number;
  /** The command's events, then its rules' events (G3), numbered from `revision + 1`. */
  readonly events: readonly TicketEvent[];
  /** A split (F10) also creates a ticket: its id and its events (numbered from 1, with its own rules' events). */
  readonly split: null | { readonly ticketId: string; readonly events: readonly TicketEvent[] };
  /** A merge (H4) also closes the source ticket: its id and its events (append them to its log). */
  readonly merged: null | { readonly ticketId: string; readonly events: readonly TicketEvent[] };
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
  /**
   * Every plan the command makes necessary (B9): the delivery of the comment it created, the
   * release of a reply a resolved notice held back (to those who have not had it), then the
   * rules' notifications. Send these and nothing is sent twice.
   */
  readonly plans: readonly DeliveryPlan[];
}

/** Every reason a command can be refused. Branch on `code`. */
export type CommandIssue = Issue;

interface Stepped {
  readonly decision: Decision;
  readonly ticket: Ticket | null;
  readonly splitTicket: Ticket | null;
  readonly mergedTicket: Ticket | null;
}

/**
 * Numbers events on their ticket (E4): the decider is the one place that knows the revision.
 * `told`: the comment whose `notice-raised` event `withTold` sums again once its plan is made (B9), so not summed here.
 */
export function stamp(events: readonly UnstampedEvent[], ticketId: string, revision: number, texts?: WeakMap<object, string>, told?: string): TicketEvent[] {
  const skip = told === undefined ? -1 : events.findIndex((e) => e.type === 'notice-raised' && e.notice.comment.id === told);
  return events.map((e, i) => {
    // Summed before `sum` is set (the checksum leaves it out), then set on the object made here: one copy of the event, not two.
    const numbered: Record<string, unknown> = { v: EVENT_VERSION, ticketId, seq: revision + i + 1, ...e };
    numbered.sum = i === skip ? '' : checksum(numbered, texts);
    return numbered as unknown as TicketEvent;
  });
}

/** The rules over a ticket after an update (G3), their events numbered after the command's. */
function withRules(after: Ticket, events: TicketEvent[], update: Omit<RuleUpdate, 'at'> | null, at: string, resolved: ResolvedContext) {
  if (update === null || resolved.rules.length === 0) return { ticket: after, events, fired: [] as string[], issues: [] as Issue[], notifications: [] as DeliveryPlan[] };
  const outcome = runRules(after, { ...update, at }, resolved.rules, resolved);
  const ruleEvents = stamp(outcome.events, after.id, after.revision, resolved.texts);
  const final = evolve(after, ruleEvents);
  const notifications: DeliveryPlan[] = [];
  for (const { ruleId, audience } of outcome.notify) {
    const comment = update.comment ?? { id: `${ruleId}@${at}`, visibility: 'public' as const };
    const plan = notificationResolved(final, comment, audience, resolved, {}, 'model');
    if (plan.ok) notifications.push(plan.value);
  }
  return { ticket: final, events: [...events, ...ruleEvents], fired: [...outcome.fired], issues: [...outcome.issues], notifications };
}

const REFUSAL_CODES: ReadonlySet<string> = /* @__PURE__ */ new Set(['cc-limit-exceeded', 'denylisted', 'ccs-disabled', 'bcc-disabled', 'not-permitted', 'not-an-agent', 'followers-disabled', 'role-conflict', 'invalid-address', 'control-character', 'too-long', 'too-deep', 'too-complex', 'unsafe-character']);

/** The `recipients-refused` event for the refusals among an accepted command's issues (E5). */
function refusals(issues: readonly Issue[], command: Command, { identity, settings }: ResolvedContext['policy'], directory: Directory): UnstampedEvent | null {
  const refused: RefusedRecipient[] = [];
  for (const i of issues) {
    if (i.field === undefined || i.field === 'to' || !REFUSAL_CODES.has(i.code)) continue;
    const input = typeof i.input === 'string' ? i.input.slice(0, 320) : '';
    const parsed = parseAddress(input, identity);
    // H5: recorded as the person, so the entry clears when they get a role under any of their addresses.
    refused.push({ input, mailbox: parsed.ok ? asPerson(directory, parsed.value) : null, field: i.field, code: i.code, reason: refusalReason(i.code, parsed.ok ? parsed.value.address : input, settings, i.ruleId) });
  }
  if (refused.length === 0) return null;
  const cause = command.type === 'receive-email' ? 'inbound-email' : command.type === 'resolve-notice' ? 'notice-resolution' : command.type === 'merge-tickets' ? 'merge' : command.type === 'import-ticket' ? 'import' : 'rule';
  return { type: 'recipients-refused', refused, at: command.at, by: { kind: 'system' }, cause };
}

/** The checks before deciding: the context, the command's shape, its actor (D7), the ticket's shape. */
function gate(ticket: Ticket | null, command: Command, context: TicketContext | PreparedContext): Result<ResolvedContext, readonly Issue[]> {
  const resolved = resolveContext(context);
  if (resolved.issues.length > 0) return err(resolved.issues);
  const malformed = commandIssues(command);
  if (malformed.length > 0) return err(malformed);
  if ('by' in command) {
    const forged = actorIssues(command.by, resolved.directory, resolved.hasDirectory);
    if (forged.length > 0) return err(forged);
  }
  if (ticket !== null && !resolved.made.has(ticket)) {
    const shape = ticketShapeIssues(ticket, resolved.checked);
    if (shape.length > 0) return err(shape);
  }
  return ok(resolved);
}

/** The ticket being decided on, as it grows within one command: its events so far. */
interface Main {
  ticket: Ticket | null;
  events: TicketEvent[];
}

/** The command's own events numbered and applied, its rules run (G3), and what policy refused recorded (E5). */
function applyMain(ticket: Ticket | null, command: Command, outcome: CommandOutcome, resolved: ResolvedContext) {
  const revision = ticket?.revision ?? 0;
  const opened = outcome.events.find((e) => e.type === 'ticket-opened');
  const ticketId = ticket?.id ?? (opened !== undefined && 'ticketId' in opened ? opened.ticketId : '');
  // B9: the plan made next is made for this comment, and withTold sums its notice then.
  const planned = outcome.comment !== null && outcome.email?.outcome !== 'duplicate' ? outcome.comment.id : undefined;
  const events = stamp(outcome.events, ticketId, revision, resolved.texts, planned);
  const after = ticket === null ? (events.length > 0 ? fold(events) : null) : evolve(ticket, events);
  const rules = after === null ? null : withRules(after, events, outcome.update, command.at, resolved);
  const main: Main = { ticket: rules?.ticket ?? null, events: rules?.events ?? events };
  const refusedEvent = refusals([...outcome.issues, ...(rules?.issues ?? [])], command, resolved.policy, resolved.directory);
  if (refusedEvent !== null && main.ticket !== null) {
    const stamped = stamp([refusedEvent], main.ticket.id, main.ticket.revision, resolved.texts);
    main.ticket = evolve(main.ticket, stamped);
    main.events = [...main.events, ...stamped];
  }
  return { revision, commandEvents: events, main, rules };
}

/**
 * B9: the plans the command made necessary on its ticket: its comment's delivery (a reply held
 * by the notice it raised records who it reached), and the release of a reply a resolution freed.
 * The tickets planned here were made in this call from one the gate passed: their shape is known.
 */
function planMain(main: Main, outcome: CommandOutcome, commandEvents: readonly TicketEvent[], resolved: ResolvedContext) {
  const plans: DeliveryPlan[] = [];
  const issues: Issue[] = [];
  if (main.ticket === null) return { plans, issues };
  if (outcome.comment !== null && outcome.email?.outcome !== 'duplicate') {
    const plan = planResolved(main.ticket, outcome.comment, resolved, {}, 'model');
    // A ticket that may not be planned (an import over the CC limit) still takes the comment; say why nothing goes out.
    if (plan.ok) plans.push(plan.value);
    else issues.push(...plan.error);
    Object.assign(main, withTold(main.events, main.ticket, outcome.comment.id, plan.ok ? plan.value.messages.flatMap((m) => m.envelope) : [], resolved.texts));
  }
  if (outcome.resolved !== null && outcome.split === null && main.ticket !== null) {
    const released = releasedPlans(main.ticket, outcome.resolved, commandEvents, withResolved(resolved));
    plans.push(...released);
    // A resolution that holds the reply again (accepting an unverified sender raises the notice the reply deserves) keeps who has had it.
    const { comment, told } = outcome.resolved;
    if (main.ticket.notices.some((n) => n.comment.id === comment.id && n.told === undefined)) {
      const had = [...(told ?? []), ...released.flatMap((p) => p.messages.flatMap((m) => m.envelope))];
      Object.assign(main, withTold(main.events, main.ticket, comment.id, had, resolved.texts));
    }
  }
  return { plans, issues };
}

/** H4: the source ticket of a merge, closed and pointing to the target. */
function closeSource(command: Command, outcome: CommandOutcome, resolved: ResolvedContext): { merged: Decision['merged']; mergedTicket: Ticket | null } {
  if (outcome.merged === null || command.type !== 'merge-tickets') return { merged: null, mergedTicket: null };
  const source = command.source;
  const merged = { ticketId: outcome.merged.ticketId, events: stamp(outcome.merged.events, source.id, source.revision, resolved.texts) };
  return { merged, mergedTicket: evolve(source, merged.events) };
}

/** F10: the ticket a split creates is a new ticket: its rules run on it (G3), and its reply is planned. */
function splitOff(command: Command, outcome: CommandOutcome, resolved: ResolvedContext) {
  if (outcome.split === null) return null;
  const events = stamp(outcome.split.events, outcome.split.ticketId, 0, resolved.texts);
  const added = [...outcome.split.events].reverse().find((e) => e.type === 'comment-added');
  const c = added?.type === 'comment-added' ? added.comment : null;
  const rules = withRules(fold(events), events, { kinds: ['new-ticket'], sender: c?.author ?? null, senderRole: c?.authorRole ?? null, comment: c }, command.at, resolved);
  const plan = c === null ? null : planResolved(rules.ticket, c, resolved, {}, 'model');
  return { split: { ticketId: outcome.split.ticketId, events: rules.events }, ticket: rules.ticket, rules, plans: plan?.ok ? [plan.value] : [] };
}

function step(ticket: Ticket | null, command: Command, context: TicketContext | PreparedContext): Result<Stepped, readonly Issue[]> {
  const gated = gate(ticket, command, context);
  if (!gated.ok) return gated;
  const resolved = gated.value;
  const decided = dispatch(ticket, command, resolved);
  if (!decided.ok) return decided;
  const outcome = decided.value;
  const { revision, commandEvents, main, rules } = applyMain(ticket, command, outcome, resolved);
  const planned = planMain(main, outcome, commandEvents, resolved);
  const { merged, mergedTicket } = closeSource(command, outcome, resolved);
  const split = splitOff(command, outcome, resolved);
  const notifications = [...(rules?.notifications ?? []), ...(split?.rules.notifications ?? [])];
  // Made here (immer froze it deeply) from a ticket the gate passed or from nothing: its shape needs no check when it
  // comes back. The caller's own ticket, returned when nothing changed, is not the library's to vouch for.
  for (const made of [main.ticket, split?.ticket ?? null]) if (made !== null && made !== ticket) resolved.made.add(made);
  return ok({
    decision: {
      revision,
      events: main.events,
      split: split?.split ?? null,
      merged,
      issues: [...outcome.issues, ...(rules?.issues ?? []), ...(split?.rules.issues ?? []), ...planned.issues],
      email: outcome.email,
      comment: outcome.comment,
      firedRules: [...(rules?.fired ?? []), ...(split?.rules.fired ?? [])],
      notifications,
      plans: [...planned.plans, ...(split?.plans ?? []), ...notifications],
    },
    ticket: main.ticket,
    splitTicket: split?.ticket ?? null,
    mergedTicket,
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
  /** The source ticket of a merge, closed and pointing to this one. */
  readonly mergedTicket: Ticket | null;
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
  return r.ok ? ok({ ...r.value.decision, ticket: r.value.ticket, splitTicket: r.value.splitTicket, mergedTicket: r.value.mergedTicket }) : r;
}

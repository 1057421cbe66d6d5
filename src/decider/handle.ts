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
    const numbered = { v: EVENT_VERSION, ticketId, seq: revision + i + 1, ...e };
    return { ...numbered, sum: i === skip ? '' : checksum(numbered, texts) } as TicketEvent;
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
    const shape = ticketShapeIssues(ticket, resolved.checked);
    if (shape.length > 0) return err(shape);
  }
  const decided = dispatch(ticket, command, resolved);
  if (!decided.ok) return decided;
  const outcome = decided.value;
  const revision = ticket?.revision ?? 0;
  const opened = outcome.events.find((e) => e.type === 'ticket-opened');
  const ticketId = ticket?.id ?? (opened !== undefined && 'ticketId' in opened ? opened.ticketId : '');
  // B9: the plan below is made for this comment, and withTold sums its notice then.
  const planned = outcome.comment !== null && outcome.email?.outcome !== 'duplicate' ? outcome.comment.id : undefined;
  const events = stamp(outcome.events, ticketId, revision, resolved.texts, planned);
  const after = ticket === null ? (events.length > 0 ? fold(events) : null) : evolve(ticket, events);
  const main = after === null ? null : withRules(after, events, outcome.update, command.at, resolved);

  let split: Decision['split'] = null;
  let splitTicket: Ticket | null = null;
  let splitRules: ReturnType<typeof withRules> | null = null;
  // E5: what policy kept out of an accepted command is recorded, so a reloaded ticket still shows it.
  const refusedEvent = refusals([...outcome.issues, ...(main?.issues ?? [])], command, resolved.policy, resolved.directory);
  let finalTicket = main?.ticket ?? null;
  let mainEvents = main?.events ?? events;
  if (refusedEvent !== null && finalTicket !== null) {
    const stamped = stamp([refusedEvent], finalTicket.id, finalTicket.revision, resolved.texts);
    finalTicket = evolve(finalTicket, stamped);
    mainEvents = [...mainEvents, ...stamped];
  }
  const plans: DeliveryPlan[] = [];
  const planIssues: Issue[] = [];
  // The tickets planned below were made in this call from one the gate passed: their shape is known.
  if (finalTicket !== null && outcome.comment !== null && outcome.email?.outcome !== 'duplicate') {
    const plan = planResolved(finalTicket, outcome.comment, resolved, {}, 'model');
    // A ticket that may not be planned (an import over the CC limit) still takes the comment; say why nothing goes out.
    if (plan.ok) plans.push(plan.value);
    else planIssues.push(...plan.error);
    // B9: a reply held by the notice it raised records who it reached, for its release.
    ({ events: mainEvents, ticket: finalTicket } = withTold(mainEvents, finalTicket, outcome.comment.id, plan.ok ? plan.value.messages.flatMap((m) => m.envelope) : [], resolved.texts));
  }
  if (outcome.resolved !== null && outcome.split === null && finalTicket !== null) {
    const released = releasedPlans(finalTicket, outcome.resolved, events, withResolved(context, resolved));
    plans.push(...released);
    // B9: a resolution that holds the reply again (accepting an unverified sender raises the notice the reply deserves) keeps who has had it.
    const { comment, told } = outcome.resolved;
    if (finalTicket.notices.some((n) => n.comment.id === comment.id && n.told === undefined)) {
      const had = [...(told ?? []), ...released.flatMap((p) => p.messages.flatMap((m) => m.envelope))];
      ({ events: mainEvents, ticket: finalTicket } = withTold(mainEvents, finalTicket, comment.id, had, resolved.texts));
    }
  }

  let merged: Decision['merged'] = null;
  let mergedTicket: Ticket | null = null;
  if (outcome.merged !== null && command.type === 'merge-tickets') {
    const source = command.source;
    merged = { ticketId: outcome.merged.ticketId, events: stamp(outcome.merged.events, source.id, source.revision, resolved.texts) };
    mergedTicket = evolve(source, merged.events);
  }

  if (outcome.split !== null) {
    // G3: the ticket a split creates is a new ticket, and its rules run on it.
    const splitEvents = stamp(outcome.split.events, outcome.split.ticketId, 0, resolved.texts);
    const comment = [...outcome.split.events].reverse().find((e) => e.type === 'comment-added');
    const c = comment?.type === 'comment-added' ? comment.comment : null;
    splitRules = withRules(fold(splitEvents), splitEvents, { kinds: ['new-ticket'], sender: c?.author ?? null, senderRole: c?.authorRole ?? null, comment: c }, command.at, resolved);
    split = { ticketId: outcome.split.ticketId, events: splitRules.events };
    splitTicket = splitRules.ticket;
    if (c !== null) {
      const plan = planResolved(splitTicket, c, resolved, {}, 'model');
      if (plan.ok) plans.push(plan.value);
    }
  }
  return ok({
    decision: {
      revision,
      events: mainEvents,
      split,
      merged,
      issues: [...outcome.issues, ...(main?.issues ?? []), ...(splitRules?.issues ?? []), ...planIssues],
      email: outcome.email,
      comment: outcome.comment,
      firedRules: [...(main?.fired ?? []), ...(splitRules?.fired ?? [])],
      notifications: [...(main?.notifications ?? []), ...(splitRules?.notifications ?? [])],
      plans: [...plans, ...(main?.notifications ?? []), ...(splitRules?.notifications ?? [])],
    },
    ticket: finalTicket,
    splitTicket,
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

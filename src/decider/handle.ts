import { decideComment, type CommentIssue, type WriteComment } from '../comments/write-comment.js';
import type { Mailbox } from '../address/types.js';
import { decideEdit, type EditRecipients } from '../edits/decide-edit.js';
import type { TicketEvent } from '../ticket/events.js';
import { evolve, fold } from '../history/evolve.js';
import { decideEmail, type EmailDecision } from '../inbound/decide-email.js';
import type { InboundIssue } from '../inbound/issues.js';
import type { InboundEmail } from '../inbound/message.js';
import { decideResolution, type NoticeIssue, type ResolveNotice } from '../inbound/resolve-notice.js';
import { planNotification } from '../outbound/plan-delivery.js';
import type { DeliveryPlan } from '../outbound/types.js';
import { err, ok, type Result } from '../result.js';
import { runRules, type RuleIssue, type RuleUpdate } from '../rules/run-rules.js';
import type { ConfigIssue } from '../policy/parse-settings.js';
import { parseAddress } from '../address/parse-list.js';
import { resolveContext, withResolved, type PreparedContext, type ResolvedContext, type TicketContext } from '../context/context.js';
import type { RecipientIssue } from '../ticket/issues.js';
import { ticketShapeIssue, type TicketIssue } from '../ticket/validate.js';
import type { Actor, CommentRecord, Ticket } from '../ticket/types.js';

/** Everything that can change a ticket. Each goes through `decide` and then `evolve`; there is no other way. */
export type Command = EditRecipients | InboundEmail | ResolveNotice | WriteComment;

/** What `decide` returns for an accepted command: the events, plus what a person should know. */
export interface Decision {
  /** The command's events, then its rules' events (G3), in order. */
  readonly events: readonly TicketEvent[];
  /** A split (F10) also creates a ticket: its id and its events. */
  readonly split: null | { readonly ticketId: string; readonly events: readonly TicketEvent[] };
  /** Parts not applied: an inbound email is never refused whole; a rule's refused action is reported here. */
  readonly issues: readonly (InboundIssue | RecipientIssue | RuleIssue)[];
  /** For an inbound email: how it was classified, its comment and notice. */
  readonly email: EmailDecision | null;
  /** The comment the command created (inbound email or written in the help desk). */
  readonly comment: CommentRecord | null;
  /** Ids of the rules that fired (G3), in order. */
  readonly firedRules: readonly string[];
  /** Delivery plans of the rules' notify actions (B6). */
  readonly notifications: readonly DeliveryPlan[];
}

export type CommandIssue = InboundIssue | RecipientIssue | NoticeIssue | CommentIssue | ConfigIssue | TicketIssue;

interface Stepped {
  readonly decision: Decision;
  readonly ticket: Ticket | null;
  readonly splitTicket: Ticket | null;
}

const invalid = (message: string, input: unknown): CommandIssue => ({ code: 'invalid-command', message, input });

function actorMailbox(by: Actor, context: ResolvedContext): Mailbox | null {
  if (!('id' in by)) return null;
  const entry = context.directory.byId(by.id);
  const parsed = entry === undefined ? null : parseAddress(entry.address, context.policy.identity);
  return parsed?.ok ? parsed.value : null;
}

/** The command's own events, before rules. */
function decideCommand(ticket: Ticket | null, command: Command, context: ResolvedContext): Result<Omit<Decision, 'firedRules' | 'notifications'> & { update: Omit<RuleUpdate, 'at'> | null; at: string }, readonly CommandIssue[]> {
  const type = (command as { type?: unknown } | null)?.type;
  const none = { split: null, issues: [], email: null, comment: null };
  if (type === 'receive-email') {
    const email = decideEmail(ticket, command as InboundEmail, context);
    if (email.outcome === 'invalid') return err(email.issues);
    const c = email.comment;
    const update = c === null ? null : { kind: email.outcome === 'opened' ? ('new-ticket' as const) : ('inbound-reply' as const), sender: c.author, senderRole: c.authorRole, comment: c };
    return ok({ ...none, events: email.events, issues: email.issues, email, comment: c, update, at: (command as InboundEmail).at });
  }
  if (ticket === null) return err([invalid('Only an inbound email can open a ticket.', command)]);
  if (type === 'edit-recipients') {
    const edit = command as EditRecipients;
    const decided = decideEdit(ticket, edit, context.policy, context.directory);
    if (!decided.ok) return decided;
    const staff = edit.by.kind === 'agent' || edit.by.kind === 'admin' || edit.by.kind === 'light-agent';
    return ok({ ...none, events: decided.value, update: { kind: 'recipient-change', sender: actorMailbox(edit.by, context), senderRole: staff ? 'agent' : null, comment: null }, at: edit.at });
  }
  if (type === 'resolve-notice') {
    const resolve = command as ResolveNotice;
    const decided = decideResolution(ticket, resolve, context);
    if (!decided.ok) return decided;
    return ok({ ...none, ...decided.value, update: { kind: 'recipient-change', sender: actorMailbox(resolve.by, context), senderRole: 'agent', comment: null }, at: resolve.at });
  }
  if (type === 'write-comment') {
    const write = command as WriteComment;
    const decided = decideComment(write, context);
    if (!decided.ok) return decided;
    const c = decided.value.comment;
    return ok({ ...none, events: decided.value.events, comment: c, update: { kind: 'agent-reply', sender: c.author, senderRole: 'agent', comment: c }, at: write.at });
  }
  return err([invalid('Unknown command: `type` must be "receive-email", "edit-recipients", "resolve-notice" or "write-comment".', command)]);
}

function step(ticket: Ticket | null, command: Command, context: TicketContext | PreparedContext): Result<Stepped, readonly CommandIssue[]> {
  const resolved = resolveContext(context);
  if (resolved.issues.length > 0) return err(resolved.issues);
  const shape = ticket === null ? null : ticketShapeIssue(ticket);
  if (shape !== null) return err([shape]);
  const decided = decideCommand(ticket, command, resolved);
  if (!decided.ok) return decided;
  const { update, at, ...base } = decided.value;
  const splitTicket = base.split === null ? null : fold(base.split.events);
  const after = ticket === null ? (base.events.length > 0 ? fold(base.events) : null) : evolve(ticket, base.events);
  if (after === null || update === null || resolved.rules.length === 0) {
    return ok({ decision: { ...base, firedRules: [], notifications: [] }, ticket: after, splitTicket });
  }
  const outcome = runRules(after, { ...update, at }, resolved.rules, resolved);
  const final = evolve(after, outcome.events);
  const notifications: DeliveryPlan[] = [];
  for (const { ruleId, audience } of outcome.notify) {
    const comment = update.comment ?? { id: `${ruleId}@${at}`, visibility: 'public' as const };
    const plan = planNotification(final, comment, audience, withResolved(context, resolved));
    if (plan.ok) notifications.push(plan.value);
  }
  return ok({
    decision: { ...base, events: [...base.events, ...outcome.events], issues: [...base.issues, ...outcome.issues], firedRules: outcome.fired, notifications },
    ticket: final,
    splitTicket,
  });
}

/**
 * The decider: the events a command produces on a ticket (`null` for an email that opens
 * one), then the events of the rules it triggers (G3); or every reason it is refused.
 * Pure: fold the events with `evolve` to get the ticket.
 *
 * @example
 * const d = decide(ticket, { type: 'edit-recipients', changes: [{ op: 'add', field: 'cc', address: 'ann@example.com' }], by: { kind: 'agent', id: '7' }, at: '2026-01-01T10:00:00Z' }, { settings });
 * if (d.ok) ticket = evolve(ticket, d.value.events);
 */
export function decide(ticket: Ticket | null, command: Command, context: TicketContext | PreparedContext = {}): Result<Decision, readonly CommandIssue[]> {
  const r = step(ticket, command, context);
  return r.ok ? ok(r.value.decision) : r;
}

/** The result of `handle`: the new ticket(s), with the events to append to their logs. */
export interface Handled extends Decision {
  /** The ticket after the command and its rules; `null` only when an email opened none (a mail loop). */
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
 * const r = handle(null, { type: 'receive-email', messageId: '<1@mail>', at: '2026-01-01T10:00:00Z', from: 'Ann <ann@acme.example>', to: 'support@desk.example', cc: 'bob@acme.example' }, { settings });
 * r.ok && r.value.ticket?.ccs.map((m) => m.address); // ['bob@acme.example']
 */
export function handle(ticket: Ticket | null, command: Command, context: TicketContext | PreparedContext = {}): Result<Handled, readonly CommandIssue[]> {
  const r = step(ticket, command, context);
  return r.ok ? ok({ ...r.value.decision, ticket: r.value.ticket, splitTicket: r.value.splitTicket }) : r;
}

import { formatMailbox } from '../address/format.js';
import type { Mailbox } from '../address/types.js';
import { issue } from '../issue/issue.js';
import { err, ok, type Result } from '../result.js';
import { resolveContext, type PreparedContext, type ResolvedContext, type TicketContext } from '../context/context.js';
import { forbiddenIssue } from '../policy/admission.js';
import { isStaff, type Directory } from '../policy/directory.js';
import type { Policy } from '../policy/policy.js';
import type { CommentRecord, Ticket } from '../ticket/types.js';
import { checkResolved, modelIssues, type TicketIssue } from '../ticket/check-ticket.js';
import { Audience, suppressedKeys } from './audience.js';
import type { DeliveryOptions, DeliveryPlan, MessageKind, OutboundMessage } from './types.js';
import type { ConfigIssue } from '../policy/parse-settings.js';
import { check } from '../schema/schema.js';
import { mailbox as mailboxSchema } from '../ticket/schema.js';

/**
 * The comment being delivered: one written in the help desk, or an inbound email that
 * became a comment (a `CommentRecord`). Only `id` and `visibility` are required.
 */
export type PlannedComment = Pick<CommentRecord, 'id' | 'visibility'> & Partial<Pick<CommentRecord, 'author' | 'via' | 'to' | 'cc' | 'automatic' | 'oneTime'>>;

/** Who already has an inbound email: those it was addressed to, and its author (B7). */
function alreadyServed(comment: PlannedComment): string[] {
  const list = (value: unknown): Mailbox[] => (Array.isArray(value) ? value.filter((m): m is Mailbox => typeof m?.key === 'string') : []);
  return [...list(comment.to), ...list(comment.cc), ...list(comment.author ? [comment.author] : [])].map((m) => m.key);
}

function commentIssue(comment: PlannedComment): TicketIssue | null {
  if (typeof comment?.id === 'string' && (comment.visibility === 'public' || comment.visibility === 'internal')) return null;
  return issue('wrong-type', 'A comment needs an `id` and a `visibility` of "public" or "internal".', comment, ['comment']);
}

/**
 * How much of the ticket a plan checks: all of it (`'all'`), or only the model (`'model'`)
 * for a ticket the decider made in the same call from one its gate passed, whose shape is
 * known good. The model (roles, CC limit, support addresses) is checked either way: the
 * gate leaves policy out. A ticket a decision returned under the same prepared context is
 * planned as `'model'` too (see `ResolvedContext.made`).
 */
export type TicketTrust = 'all' | 'model';

/** The checks every plan starts with: context, ticket, comment, suppression list. */
function prepare(ticket: Ticket, comment: PlannedComment, resolved: ResolvedContext, options: DeliveryOptions, trust: TicketTrust): Result<{ suppressed: ReadonlySet<string> }, readonly (TicketIssue | ConfigIssue)[]> {
  if (resolved.issues.length > 0) return err(resolved.issues);
  if (trust === 'all' && !resolved.made.has(ticket)) {
    const valid = checkResolved(ticket, resolved.policy, resolved.checked, resolved.model);
    if (!valid.ok) return valid;
  } else {
    const model = modelIssues(ticket, resolved.policy, resolved.model);
    if (model.length > 0) return err(model);
  }
  const bad = commentIssue(comment);
  if (bad !== null) return err([bad]);
  const suppressed = suppressedKeys(options ?? {}, resolved.policy.identity);
  if (!suppressed.ok) return suppressed;
  // H5: a suppressed address of a person holds the person back, whichever address they are reached at.
  const person = personOf(resolved.directory);
  return ok({ suppressed: person === undefined ? suppressed.value : new Set([...suppressed.value].map(person)) });
}

const recipient = (m: Mailbox) => ({ name: m.name, address: m.address });

/** H5: the person an identity belongs to, for counting people rather than addresses; none needed when nobody has two addresses. */
const personOf = (directory: Directory): ((key: string) => string) | undefined =>
  directory.hasAliases ? (key) => directory.personKey(key as Mailbox['key']) : undefined;

/** The header text of a frozen mailbox, formatted once per prepared context. */
function remembered(m: Mailbox, formatted: WeakMap<object, string>): string {
  let text = formatted.get(m);
  if (text === undefined) formatted.set(m, (text = formatMailbox(m)));
  return text;
}

/**
 * `formatAddressList`, with each frozen mailbox formatted once per prepared context
 * (`formatted`): the same CCs are in the header of every reply on a ticket.
 */
function formatList(list: readonly Mailbox[], formatted: WeakMap<object, string>): string {
  let out = '';
  for (const m of list) {
    // Only a frozen mailbox is remembered: nothing can change what it formats to.
    const text = Object.isFrozen(m) ? remembered(m, formatted) : formatMailbox(m);
    if (text !== '') out += out === '' ? text : `, ${text}`;
  }
  return out;
}

type Reach = (m: Mailbox) => Mailbox;

/** H5: where a person is sent mail: the preferred address the directory names, else the one the ticket keeps (where they last wrote from). */
function reacher(directory: Directory, policy: Policy, ticket: Ticket): Reach {
  if (!directory.hasAliases) return (m) => m;
  return (m) => {
    const preferred = directory.preferredAddress(m.key);
    if (preferred === undefined || preferred === m.address) return m;
    // D2, A5: a preferred address on the denylist (but for the requester) or the desk's own is not sent to.
    const there = { ...m, address: preferred };
    return forbiddenIssue(policy, there, ticket.requester?.key === m.key ? 'requester' : 'cc') === null ? there : m;
  };
}

function message(kind: MessageKind, to0: readonly Mailbox[], cc0: readonly Mailbox[], envelope0: readonly Mailbox[], carries: OutboundMessage['carries'], reach: Reach, formatted: WeakMap<object, string>): OutboundMessage {
  const [to, cc, envelope] = [to0.map(reach), cc0.map(reach), envelope0.map(reach)];
  return {
    kind,
    headers: { to: formatList(to, formatted), cc: formatList(cc, formatted) },
    recipients: { to: to.map(recipient), cc: cc.map(recipient), envelope: envelope.map(recipient) },
    envelope,
    carries,
  };
}

/**
 * Comments a rendered conversation must leave out (B5): replies held by an open notice,
 * and comments internal now. Riding along with a later reply, a held reply would reach
 * exactly the people its notice protects.
 */
const hiddenComments = (ticket: Ticket): string[] => [...new Set([...ticket.notices.map((n) => n.comment.id), ...ticket.internalComments])];

/** A comment made internal after it was written is delivered as what it is now (C4). */
const visibilityNow = (ticket: Ticket, comment: PlannedComment): 'public' | 'internal' => (ticket.internalComments.includes(comment.id) ? 'internal' : comment.visibility);

const isCustomer = (ticket: Ticket, m: Mailbox): boolean => ticket.requester?.key === m.key || ticket.ccs.some((c) => c.key === m.key) || ticket.bccs.some((c) => c.key === m.key);

/**
 * H3: a comment's recipients for this message only, as recorded on it. Extra CCs and BCCs
 * reach a public reply only (a note never goes to someone outside the ticket, I2), and only
 * those not on the ticket already; a list of the wrong shape counts as empty.
 */
function oneTimeOf(comment: PlannedComment, visibility: 'public' | 'internal'): { cc: Mailbox[]; bcc: Mailbox[]; leftOut: Mailbox[]; left: ReadonlySet<string> } {
  // A stored comment may hold anything: only a mailbox the ticket schema accepts (no CR/LF in a header) is sent to.
  const list = (value: unknown): Mailbox[] => (Array.isArray(value) ? value.filter((m): m is Mailbox => check(mailboxSchema, m, []).length === 0) : []);
  const o: unknown = comment.oneTime;
  const get = (field: string): Mailbox[] => (typeof o === 'object' && o !== null ? list((o as Record<string, unknown>)[field]) : []);
  const leftOut = get('leftOut');
  const left = new Set(leftOut.map((m) => m.key));
  const pub = visibility === 'public';
  return { cc: pub ? get('cc').filter((m) => !left.has(m.key)) : [], bcc: pub ? get('bcc').filter((m) => !left.has(m.key)) : [], leftOut, left };
}

const isHeld = (ticket: Ticket, comment: PlannedComment): boolean => ticket.notices.some((n) => n.comment.id === comment.id);

/**
 * Who receives what when a comment is delivered (B1–B5, B7, B10). A public reply is one
 * message to the requester and CCs, BCCs in its envelope only; followers get their own
 * notification; an internal note goes to followers and agent CCs, never to an end user.
 * For an inbound email, whoever was on it (and its author) gets no copy (B7), an
 * automatic message (`Auto-Submitted`) is answered by nothing, and a reply with an open
 * notice goes to no customer until an agent resolves the notice.
 *
 * Muted, undeliverable and suppressed participants (`options.suppressed`) keep their place
 * in the headers, since they are still on the ticket, but are in no envelope; `leftOut`
 * says who and why. Failing participants still receive, and are listed in `warnings`.
 * When a directory is given, followers it no longer lists as staff get nothing.
 *
 * The ticket is checked first (`checkTicket`): one that breaks the model is reported, not planned.
 *
 * @example
 * import nodemailer from 'nodemailer';
 * const transport = nodemailer.createTransport({ streamTransport: true }); // your SMTP settings in production
 * const plan = planDelivery(ticket, { id: 'c-17', visibility: 'public' }, { settings, directory }, { suppressed: unsubscribed });
 * // Give a mail library the structured recipients (toNodemailer), never the header text: it would encode the names twice.
 * if (plan.ok) for (const m of plan.value.messages) {
 *   const mail = toNodemailer(m, { from: 'support@desk.example', subject: 'Re: your order', text: 'The conversation, rendered by you.' });
 *   if (mail.ok) await transport.sendMail(mail.value);
 * }
 */
export function planDelivery(ticket: Ticket, comment: PlannedComment, context: TicketContext | PreparedContext = {}, options: DeliveryOptions = {}): Result<DeliveryPlan, readonly (TicketIssue | ConfigIssue)[]> {
  return planResolved(ticket, comment, resolveContext(context), options, 'all');
}

/** `planDelivery` with the context resolved, for the decider. */
export function planResolved(ticket: Ticket, comment: PlannedComment, resolved: ResolvedContext, options: DeliveryOptions, trust: TicketTrust): Result<DeliveryPlan, readonly (TicketIssue | ConfigIssue)[]> {
  const prepared = prepare(ticket, comment, resolved, options, trust);
  if (!prepared.ok) return prepared;
  const { suppressed } = prepared.value;
  const visibility = visibilityNow(ticket, comment);
  const nothing: DeliveryPlan = { commentId: comment.id, visibility, messages: [], leftOut: [], warnings: [] };
  if (comment.automatic === true) return ok(nothing);

  const audience = new Audience(ticket, suppressed, alreadyServed(comment), personOf(resolved.directory));
  const reach = reacher(resolved.directory, resolved.policy, ticket);
  // H3: whom the agent left out of this reply get nothing of it, and are not named in its headers.
  const once = oneTimeOf(comment, visibility);
  for (const m of once.leftOut) audience.leaveOut(m, 'left-out', ticket.followers.some((f) => f.key === m.key) && !isCustomer(ticket, m) ? 'follower-notification' : 'customer-reply');
  const named = (list: readonly Mailbox[]) => list.filter((m) => !once.left.has(m.key));
  const messages: OutboundMessage[] = [];
  const exclude = hiddenComments(ticket);
  const carries = (conversation: 'public' | 'none') => ({ commentId: comment.id, conversation, exclude: conversation === 'public' ? exclude : [] });
  const requester = ticket.requester ? [ticket.requester] : [];
  // Customers a held reply would have reached: left out unless they hear of it some other way (as followers).
  const waiting: Mailbox[] = [];

  if (visibility === 'public') {
    const customers = [...requester, ...ticket.ccs, ...once.cc, ...ticket.bccs, ...once.bcc];
    if (isHeld(ticket, comment)) {
      // A reply under an open notice (F3, F4, F8) waits for the agent: the people it left out must not get it meanwhile.
      for (const m of customers) {
        if (audience.has(m)) continue;
        const reason = audience.blockedFor(m);
        if (reason !== null) audience.leaveOut(m, reason, 'customer-reply');
        else waiting.push(m);
      }
    } else {
      const envelope = audience.admitAll(customers, 'customer-reply');
      // B1/B2: everyone sees the requester and the CCs (muted ones too: they are still on the ticket); BCCs only ride in the envelope.
      // H3: one-time CCs are in this reply's Cc header, one-time BCCs in its envelope only.
      if (envelope.length > 0) messages.push(message('customer-reply', named(requester), [...named(ticket.ccs), ...once.cc], envelope, carries('public'), reach, resolved.formatted));
    }
  } else if (resolved.policy.settings.internalNotesToStaffCcs) {
    // B4: agents in CC get internal notes where the help desk says so (servicecamp), not in Zendesk.
    for (const agent of ticket.ccs) {
      if (isStaff(resolved.directory.byKey(agent.key)) && audience.admit(agent, 'internal-note')) messages.push(message('internal-note', [agent], [], [agent], carries('none'), reach, resolved.formatted));
    }
  }
  for (const follower of ticket.followers) {
    if (audience.has(follower)) continue;
    // Staff is whatever the directory says today: someone who left the team hears nothing more, and an end user never gets a note (I2).
    if (resolved.hasDirectory && !isStaff(resolved.directory.byKey(follower.key))) audience.leaveOut(follower, 'no-longer-staff', 'follower-notification');
    else if (audience.admit(follower, 'follower-notification')) messages.push(message('follower-notification', [follower], [], [follower], carries('none'), reach, resolved.formatted));
  }
  for (const m of waiting) audience.leaveOut(m, 'held-reply', 'customer-reply');
  return ok({ ...nothing, messages, leftOut: audience.leftOut, warnings: audience.warnings });
}

/**
 * A rule's notification (B6): "notify requester" or "notify requester and CCs". It is the
 * rule's own message, so whoever wrote the inbound email still gets it (no B7 duplicate
 * check), but machine mail is answered by nothing, an internal note by nothing, a ticket
 * without requester by nothing, and a reply held by an open notice by nothing until an
 * agent decides (`leftOut` says `held-reply`). Muted, undeliverable and suppressed people
 * are left out as in `planDelivery`.
 *
 * @example
 * planNotification(ticket, { id: 'c-3', visibility: 'public' }, 'requester-and-ccs', context);
 */
export function planNotification(
  ticket: Ticket,
  comment: PlannedComment,
  audienceKind: 'requester' | 'requester-and-ccs',
  context: TicketContext | PreparedContext = {},
  options: DeliveryOptions = {},
): Result<DeliveryPlan, readonly (TicketIssue | ConfigIssue)[]> {
  return notificationResolved(ticket, comment, audienceKind, resolveContext(context), options, 'all');
}

/** `planNotification` with the context resolved, for the decider. */
export function notificationResolved(
  ticket: Ticket,
  comment: PlannedComment,
  audienceKind: 'requester' | 'requester-and-ccs',
  resolved: ResolvedContext,
  options: DeliveryOptions,
  trust: TicketTrust,
): Result<DeliveryPlan, readonly (TicketIssue | ConfigIssue)[]> {
  const prepared = prepare(ticket, comment, resolved, options, trust);
  if (!prepared.ok) return prepared;
  const visibility = visibilityNow(ticket, comment);
  const nothing: DeliveryPlan = { commentId: comment.id, visibility, messages: [], leftOut: [], warnings: [] };
  const requester = ticket.requester;
  if (requester === null || visibility !== 'public' || comment.automatic === true) return ok(nothing);
  const ccs = audienceKind === 'requester-and-ccs' ? ticket.ccs : [];
  const audience = new Audience(ticket, prepared.value.suppressed, [], personOf(resolved.directory));
  if (isHeld(ticket, comment)) {
    for (const m of [requester, ...ccs]) audience.leaveOut(m, audience.blockedFor(m) ?? 'held-reply', 'notification');
    return ok({ ...nothing, leftOut: audience.leftOut });
  }
  const envelope = audience.admitAll([requester, ...ccs], 'notification');
  const carries = { commentId: comment.id, conversation: 'public' as const, exclude: hiddenComments(ticket) };
  const messages = envelope.length === 0 ? [] : [message('notification', [requester], ccs, envelope, carries, reacher(resolved.directory, resolved.policy, ticket), resolved.formatted)];
  return ok({ ...nothing, messages, leftOut: audience.leftOut, warnings: audience.warnings });
}

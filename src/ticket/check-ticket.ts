import { parseAddress } from '../address/parse-list.js';
import { issue, under, type Issue } from '../issue/issue.js';
import { parseSettings, type ConfigIssue } from '../policy/parse-settings.js';
import { compilePolicy, isSupportAddress, type Policy } from '../policy/policy.js';
import { defaultSettings, type Settings } from '../policy/settings.js';
import { isRecord } from '../json.js';
import { err, ok, type Result } from '../result.js';
import { check } from '../schema/schema.js';
import { ticket as ticketSchema } from './schema.js';
import type { Mailbox, Ticket } from './types.js';
import type { Directory } from '../policy/directory.js';

/** Why ticket JSON does not describe a ticket this library could have produced. */
export type TicketIssue = Issue<
  'not-a-ticket' | 'wrong-type' | 'missing-field' | 'unknown-field' | 'invalid-value' | 'out-of-range' | 'control-character' | 'invalid-address' | 'stale-identity' | 'two-roles' | 'cc-limit-exceeded' | 'forbidden-participant'
> | ConfigIssue;

/**
 * The gate of every decision: the ticket's shape, all of it (fields, list entries, notices,
 * no text a header cannot carry). No policy here, so a ticket over a lowered CC limit still
 * takes its inbound mail. A ticket that passes cannot make a later step throw.
 */
export function ticketShapeIssues(input: unknown, memo?: WeakMap<object, unknown>): readonly TicketIssue[] {
  const issues = check(ticketSchema, input, [], memo) as readonly TicketIssue[];
  if (issues.length > 0 && (typeof input !== 'object' || input === null || (input as { v?: unknown }).v !== 2)) {
    return [issue('not-a-ticket', 'This is not a ticket this library made: check stored tickets with validateTicket, or fold their events.', input)];
  }
  return issues;
}

/** Whether nothing the model check reads can change any more: the ticket, its participant lists and every mailbox in them frozen. */
function participantsFrozen(ticket: Ticket): boolean {
  if (!Object.isFrozen(ticket) || (ticket.requester !== null && !Object.isFrozen(ticket.requester))) return false;
  for (const list of [ticket.ccs, ticket.bccs, ticket.followers]) {
    if (!Array.isArray(list) || !Object.isFrozen(list)) return false;
    for (const m of list) if (!Object.isFrozen(m)) return false;
  }
  return true;
}

/**
 * The model's rules over a well-shaped ticket: one role per address (A4), the CC limit (I4), no support address in a role (I5).
 * `memo` (the prepared context's, for one policy) remembers tickets that passed whose participants cannot change:
 * a ticket `handle` made and checked is not checked again when its plan is asked for.
 */
export function modelIssues(ticket: Ticket, policy: Policy, memo?: ModelMemo): TicketIssue[] {
  if (memo?.passed.has(ticket) === true) return [];
  const issues = modelWalk(ticket, policy, memo);
  if (issues.length === 0 && memo !== undefined && participantsFrozen(ticket)) memo.passed.add(ticket);
  return issues;
}

/**
 * What the model check remembers for one policy (in the prepared context, never in a module):
 * tickets that passed and cannot change, and whether a frozen mailbox is a support address.
 */
export interface ModelMemo {
  readonly passed: WeakSet<object>;
  readonly support: WeakMap<object, boolean>;
}

export const modelMemo = (): ModelMemo => ({ passed: new WeakSet(), support: new WeakMap() });

function supportMailbox(policy: Policy, m: Mailbox, memo: ModelMemo | undefined): boolean {
  if (memo === undefined || !Object.isFrozen(m)) return isSupportAddress(policy, m.key);
  let known = memo.support.get(m);
  if (known === undefined) memo.support.set(m, (known = isSupportAddress(policy, m.key)));
  return known;
}

function modelWalk(ticket: Ticket, policy: Policy, memo: ModelMemo | undefined): TicketIssue[] {
  const issues: TicketIssue[] = [];
  const roles = new Map<string, string>();
  // Plain loops, and a path only for an issue: this runs on every ticket a plan is made for.
  const visit = (m: Mailbox, field: string, i: number | null, role: string | null): void => {
    // Entries of the wrong shape are the shape check's to report; here they would only mislead.
    if (!isRecord(m) || typeof m.key !== 'string' || typeof m.address !== 'string') return;
    if (role !== null) {
      const before = roles.get(m.key);
      if (before !== undefined) issues.push(issue('two-roles', `${m.address} is both ${before} and ${role}.`, m, i === null ? [field] : [field, i]));
      else roles.set(m.key, role);
    }
    // A denylisted participant is not flagged: adding an entry to the denylist removes no one (D2).
    if (supportMailbox(policy, m, memo)) issues.push(issue('forbidden-participant', `${m.address} may not be ${role ?? 'a follower'}.`, m, i === null ? [field] : [field, i]));
  };
  const each = (value: unknown, field: string, role: string | null): void => {
    if (!Array.isArray(value)) return;
    for (let i = 0; i < value.length; i++) visit(value[i] as Mailbox, field, i, role);
  };
  if (ticket.requester !== null) visit(ticket.requester, 'requester', null, 'requester');
  each(ticket.ccs, 'ccs', 'CC');
  each(ticket.bccs, 'bccs', 'BCC');
  each(ticket.followers, 'followers', null);
  const limit = policy.settings.ccLimit;
  if (limit !== null && Array.isArray(ticket.ccs) && ticket.ccs.length > limit) {
    issues.push(issue('cc-limit-exceeded', `The ticket holds ${ticket.ccs.length} CCs; the limit is now ${limit}. Remove some before sending.`, ticket.ccs.length, ['ccs'], { limit, count: ticket.ccs.length }));
  }
  return issues;
}

/** `checkTicket` for callers that compiled their policy already (and may remember what they checked, see `Walk`). */
export function checkResolved(ticket: Ticket, policy: Policy, memo?: WeakMap<object, unknown>, model?: ModelMemo): Result<Ticket, readonly TicketIssue[]> {
  const shape = ticketShapeIssues(ticket, memo);
  if (shape.some((i) => i.code === 'not-a-ticket')) return err(shape);
  const issues = [...shape, ...modelIssues(ticket, policy, shape.length === 0 ? model : undefined)];
  return issues.length > 0 ? err(issues) : ok(ticket);
}

/**
 * Checks ticket JSON read from storage against the model: everything `checkTicket` checks
 * (shape, one role per address, the CC limit of the current settings, no support address in
 * a role), and every address re-parsed, so an invalid address or a forged identity is caught.
 * Pass the directory when it lists people with several addresses (H5): a participant reached
 * at another of their addresses keeps their person's identity.
 *
 * @example
 * const r = validateTicket(emptyTicket('T-1'), { ccLimit: 10 });
 * r.ok; // true
 */
export function validateTicket(input: unknown, settings: Partial<Settings> = defaultSettings, directory?: Directory): Result<Ticket, readonly TicketIssue[]> {
  const parsed = parseSettings(settings);
  if (!parsed.ok) return err(parsed.error.map(under(['settings'])));
  const policy = compilePolicy(parsed.value);
  const checked = checkResolved(input as Ticket, policy);
  const issues: TicketIssue[] = checked.ok ? [] : [...checked.error];
  const t = input as Ticket;
  const identity = (m: Mailbox, path: (string | number)[]): void => {
    const again = parseAddress(m.address, policy.identity);
    if (!again.ok) issues.push(issue('invalid-address', again.error.message, m.address, [...path, 'address']));
    // H5: a person reached at another of their addresses keeps the identity the directory gives them.
    else if (again.value.key !== m.key && directory?.personKey?.(again.value.key) !== m.key) issues.push(issue('stale-identity', `The key of ${again.value.address} should be ${again.value.key}.`, m.key, [...path, 'key']));
  };
  if (issues.length === 0) {
    if (t.requester !== null) identity(t.requester, ['requester']);
    for (const field of ['ccs', 'bccs', 'followers', 'memory'] as const) t[field].forEach((m, i) => identity(m, [field, i]));
  }
  return issues.length > 0 ? err(issues) : ok(t);
}

import { isRecord } from '../json.js';
import { parseAddress } from '../address/parse-list.js';
import { isSupportAddress } from '../policy/policy.js';
import { defaultSettings, type Settings } from '../policy/settings.js';
import { err, ok, type Result } from '../result.js';
import type { AddressKey, Mailbox, Ticket } from './types.js';
import { resolveContext, type PreparedContext, type ResolvedContext, type TicketContext } from '../context/context.js';

/** Why stored ticket JSON does not describe a ticket this library could have produced. */
export interface TicketIssue {
  readonly code: 'not-a-ticket' | 'invalid-settings' | 'invalid-field' | 'invalid-address' | 'stale-identity' | 'two-roles' | 'cc-limit-exceeded' | 'forbidden-participant';
  /** Where, e.g. `ccs[3].address`. */
  readonly path: string;
  readonly message: string;
  readonly input: unknown;
}

const KNOWN_FIELDS = new Set(['v', 'id', 'requester', 'ccs', 'bccs', 'followers', 'memory', 'notices', 'commentCount', 'recentMessageIds', 'revision']);

/**
 * Checks ticket JSON read from storage against the model: its shape and fields, every
 * address re-parsed (an invalid address or a forged identity is caught), and then what
 * `checkTicket` checks before every plan: one role per address (A4), the CC limit of the
 * current settings (a limit lowered after the fact), no support address in a
 * role (I5; a denylisted one stays, D2), and no CR/LF or other control character in a name or address.
 *
 * @example
 * const r = validateTicket(JSON.parse(stored), settings);
 * if (!r.ok) for (const issue of r.error) console.warn(issue.path, issue.message);
 */
export function validateTicket(input: unknown, settings: Partial<Settings> = defaultSettings): Result<Ticket, readonly TicketIssue[]> {
  if (!isRecord(input) || input.v !== 1) return err([{ code: 'not-a-ticket', path: '', message: 'A ticket is an object with `v: 1`.', input }]);
  const context = resolveContext({ settings });
  if (context.issues.length > 0) return err(context.issues.map((i) => ({ ...i, code: 'invalid-settings' as const })));
  const issues: TicketIssue[] = [];
  const identity = (value: unknown, path: string): void => {
    if (!isRecord(value)) return; // checkTicket reports it
    if (value.name !== null && typeof value.name !== 'string') issues.push({ code: 'invalid-field', path: `${path}.name`, message: 'A name is a string or null.', input: value.name });
    const parsed = parseAddress(value.address, context.policy.identity);
    if (!parsed.ok) issues.push({ code: 'invalid-address', path: `${path}.address`, message: parsed.error.message, input: value.address });
    else if (parsed.value.key !== value.key) issues.push({ code: 'stale-identity', path: `${path}.key`, message: `The key of ${parsed.value.address} should be ${parsed.value.key}.`, input: value.key });
  };
  for (const key of Object.keys(input)) {
    if (!KNOWN_FIELDS.has(key)) issues.push({ code: 'invalid-field', path: key, message: `"${key}" is not part of a ticket (an unknown role?).`, input: input[key] });
  }
  if (typeof input.id !== 'string') issues.push({ code: 'invalid-field', path: 'id', message: 'id must be a string.', input: input.id });
  if (input.requester !== null) identity(input.requester, 'requester');
  for (const field of ['ccs', 'bccs', 'followers', 'memory', 'notices', 'recentMessageIds'] as const) {
    const list = input[field];
    if (!Array.isArray(list)) issues.push({ code: 'invalid-field', path: field, message: `${field} must be a list.`, input: list });
    else if (field === 'ccs' || field === 'bccs' || field === 'followers') list.forEach((m, i) => identity(m, `${field}[${i}]`));
  }
  for (const field of ['commentCount', 'revision'] as const) {
    if (typeof input[field] !== 'number') issues.push({ code: 'invalid-field', path: field, message: `${field} must be a number.`, input: input[field] });
  }
  const checked = checkResolved(input as unknown as Ticket, context);
  if (!checked.ok) issues.push(...checked.error);
  return issues.length > 0 ? err(issues) : ok(input as unknown as Ticket);
}

const CONTROL = /[\x00-\x1f\x7f]/;

/**
 * The checks planning runs on every call, in time linear in the participants and without
 * re-parsing addresses: the lists exist, one email role per address, the CC limit of the
 * current settings, no support address as participant, and no control character in an
 * address or name that a header could carry. `validateTicket` does all of that and more
 * (re-parses every address, checks identities): run it when reading a ticket from storage.
 *
 * @example
 * const checked = checkTicket(ticket, { settings });
 * if (!checked.ok) console.warn(checked.error.map((i) => i.message));
 */
export function checkTicket(ticket: Ticket, context: TicketContext | PreparedContext = {}): Result<Ticket, readonly TicketIssue[]> {
  const resolved = resolveContext(context);
  if (resolved.issues.length > 0) return err(resolved.issues.map((i) => ({ ...i, code: 'invalid-settings' as const })));
  return checkResolved(ticket, resolved);
}

/** `checkTicket` for callers that resolved their context already. */
export function checkResolved(ticket: Ticket, context: ResolvedContext): Result<Ticket, readonly TicketIssue[]> {
  const t = ticket as Partial<Record<keyof Ticket, unknown>> | null;
  if (typeof t !== 'object' || t === null || t.v !== 1 || !Array.isArray(t.ccs) || !Array.isArray(t.bccs) || !Array.isArray(t.followers)) {
    return err([{ code: 'not-a-ticket', path: '', message: 'A ticket is an object with `v: 1` and lists of CCs, BCCs and followers.', input: ticket }]);
  }
  const issues: TicketIssue[] = [];
  const { policy } = context;
  const roles = new Map<string, string>();
  const visit = (m: Mailbox | null, path: string, role: string | null): void => {
    if (m === null && role === 'requester') return;
    if (typeof m !== 'object' || m === null || typeof m.key !== 'string' || typeof m.address !== 'string' || CONTROL.test(m.address) || (m.name !== null && (typeof m.name !== 'string' || CONTROL.test(m.name)))) {
      issues.push({ code: 'invalid-field', path, message: `${path} is not a mailbox a header can carry.`, input: m });
      return;
    }
    if (role !== null) {
      const before = roles.get(m.key);
      if (before !== undefined) issues.push({ code: 'two-roles', path, message: `${m.address} is both ${before} and ${role}.`, input: m });
      else roles.set(m.key, role);
    }
    // A denylisted participant is not flagged: adding an entry to the denylist removes no one (D2).
    if (isSupportAddress(policy, m.key as AddressKey)) {
      issues.push({ code: 'forbidden-participant', path, message: `${m.address} may not be ${role ?? 'a follower'}.`, input: m });
    }
  };
  visit(ticket.requester, 'requester', 'requester');
  ticket.ccs.forEach((m, i) => visit(m, `ccs[${i}]`, 'CC'));
  ticket.bccs.forEach((m, i) => visit(m, `bccs[${i}]`, 'BCC'));
  ticket.followers.forEach((m, i) => visit(m, `followers[${i}]`, null));
  const limit = policy.settings.ccLimit;
  if (limit !== null && ticket.ccs.length > limit) {
    issues.push({ code: 'cc-limit-exceeded', path: 'ccs', message: `The ticket holds ${ticket.ccs.length} CCs; the limit is now ${limit}. Remove some before sending.`, input: ticket.ccs.length });
  }
  return issues.length > 0 ? err(issues) : ok(ticket);
}

const isMailboxLike = (m: unknown): boolean => typeof m === 'object' && m !== null && typeof (m as Mailbox).key === 'string' && typeof (m as Mailbox).address === 'string';

/**
 * The shape every decision needs before it touches a ticket: a wrong shape is refused as a
 * value. Cheaper than `validateTicket`, and with no policy in it, so that a ticket over a
 * lowered CC limit still takes its inbound mail.
 */
export function ticketShapeIssue(ticket: unknown): TicketIssue | null {
  const t = ticket as Record<string, unknown> | null;
  const ok =
    typeof t === 'object' &&
    t !== null &&
    t.v === 1 &&
    typeof t.id === 'string' &&
    (t.requester === null || isMailboxLike(t.requester)) &&
    (['ccs', 'bccs', 'followers', 'memory'] as const).every((f) => Array.isArray(t[f]) && (t[f] as unknown[]).every(isMailboxLike)) &&
    Array.isArray(t.notices) &&
    Array.isArray(t.recentMessageIds) &&
    typeof t.commentCount === 'number' &&
    typeof t.revision === 'number';
  return ok ? null : { code: 'not-a-ticket', path: '', message: 'This is not a ticket this library made: check stored tickets with validateTicket, or fold their events.', input: ticket };
}

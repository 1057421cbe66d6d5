import { fold } from '../history/evolve.js';
import type { TicketEvent } from '../ticket/events.js';
import { compilePolicy, isDenylisted, isSupportAddress } from '../policy/policy.js';
import type { Settings } from '../policy/settings.js';
import type { Ticket } from '../ticket/types.js';

/** Thrown by the `assert…` helpers: a readable sentence naming the invariant. */
export class InvariantViolation extends Error {
  override readonly name = 'InvariantViolation';
  constructor(
    readonly invariant: string,
    message: string,
  ) {
    super(`${invariant}: ${message}`);
  }
}

const fail = (invariant: string, message: string): never => {
  throw new InvariantViolation(invariant, message);
};

/** I4: the CC count never exceeds `ccLimit`. */
export function assertCcLimit(ticket: Ticket, settings: Settings): void {
  if (settings.ccLimit !== null && ticket.ccs.length > settings.ccLimit) fail('I4', `ticket ${ticket.id} has ${ticket.ccs.length} CCs, over the limit of ${settings.ccLimit}`);
}

/** I5: no denylisted or support address is a participant (a denylisted requester is allowed, D2). */
export function assertNoForbiddenParticipant(ticket: Ticket, settings: Settings): void {
  const policy = compilePolicy(settings);
  if (ticket.requester && isSupportAddress(policy, ticket.requester.key)) fail('I5', `the requester ${ticket.requester.address} is a support address`);
  for (const [field, list] of [['CC', ticket.ccs], ['BCC', ticket.bccs], ['follower', ticket.followers]] as const) {
    for (const m of list) {
      if (isSupportAddress(policy, m.key)) fail('I5', `${field} ${m.address} is a support address`);
      if (isDenylisted(policy, m.key)) fail('I5', `${field} ${m.address} is denylisted`);
    }
  }
}

/** I6: an address holds at most one email role (requester, CC, BCC), and each list holds it once. */
export function assertOneRolePerAddress(ticket: Ticket): void {
  const seen = new Map<string, string>();
  const note = (key: string, role: string) => {
    const before = seen.get(key);
    if (before !== undefined) fail('I6', `${key} is both ${before} and ${role}`);
    seen.set(key, role);
  };
  if (ticket.requester) note(ticket.requester.key, 'requester');
  for (const m of ticket.ccs) note(m.key, 'CC');
  for (const m of ticket.bccs) note(m.key, 'BCC');
  const followers = new Set<string>();
  for (const m of ticket.followers) {
    if (followers.has(m.key)) fail('I6', `${m.key} follows twice`);
    followers.add(m.key);
  }
}

/** I7: folding the ticket's history reproduces its recipients. */
export function assertHistoryFolds(ticket: Ticket, history: readonly TicketEvent[]): void {
  const folded = fold(history);
  const view = (t: Ticket) => JSON.stringify([t.requester?.key ?? null, t.ccs.map((m) => m.key), t.bccs.map((m) => m.key), t.followers.map((m) => m.key)]);
  if (view(folded) !== view(ticket)) fail('I7', `history folds to ${view(folded)}, the ticket holds ${view(ticket)}`);
}

/** I4–I7 on one ticket and its log. */
export function assertTicketInvariants(ticket: Ticket, history: readonly TicketEvent[], settings: Settings): void {
  assertCcLimit(ticket, settings);
  assertNoForbiddenParticipant(ticket, settings);
  assertOneRolePerAddress(ticket);
  assertHistoryFolds(ticket, history);
}

/** Freezes a value and everything in it, so any mutation by the code under test throws (I9). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** I9: the same inputs give the same outputs, and frozen inputs are never mutated. */
export function assertDeterministic<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): R {
  for (const arg of args) deepFreeze(arg);
  const first = fn(...args);
  const second = fn(...args);
  if (JSON.stringify(first) !== JSON.stringify(second)) fail('I9', 'two calls with the same inputs gave different outputs');
  return first;
}

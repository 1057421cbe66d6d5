import { parseAddress } from '../address/parse-list.js';
import type { IdentityOptions, Mailbox } from '../address/types.js';
import { issue } from '../issue/issue.js';
import { err, ok, type Result } from '../result.js';
import type { TicketIssue } from '../ticket/check-ticket.js';
import type { Ticket } from '../ticket/types.js';
import type { Reason } from '../explain/reason.js';
import type { DeliveryOptions, DeliveryWarning, LeftOut, LeftOutReason, MessageKind } from './types.js';

type PersonalReason = 'undeliverable' | 'suppressed' | 'muted';

// One reason per person: the one an agent most needs to know (a muted address that bounces is reported as undeliverable).
const RANK: Readonly<Record<PersonalReason, number>> = { undeliverable: 3, suppressed: 2, muted: 1 };

/** Each reason to leave someone out, as the rule of the behaviour reference that says so (B10). */
const LEFT_OUT: Readonly<Record<LeftOutReason, Reason>> = {
  muted: { rule: 'H2' },
  undeliverable: { rule: 'H1' },
  suppressed: { rule: 'B10' },
  'held-reply': { rule: 'B5' },
  'no-longer-staff': { rule: 'B4' },
  'left-out': { rule: 'H3' },
};

/** The suppression list as identities; an entry that is no address is the caller's mistake, reported. */
export function suppressedKeys(options: DeliveryOptions, identity: IdentityOptions): Result<ReadonlySet<string>, TicketIssue[]> {
  const list: unknown = options?.suppressed;
  if (list === undefined) return ok(new Set());
  if (!Array.isArray(list)) return err([issue('wrong-type', 'suppressed must be a list of addresses.', list, ['suppressed'])]);
  const keys = new Set<string>();
  const issues: TicketIssue[] = [];
  list.forEach((entry: unknown, i) => {
    const parsed = parseAddress(entry, identity);
    if (parsed.ok) keys.add(parsed.value.key);
    else issues.push(issue('invalid-address', `suppressed[${i}] is not an address: ${parsed.error.message}`, entry, ['suppressed', i]));
  });
  return issues.length > 0 ? err(issues) : ok(keys);
}

/**
 * Who a plan may send to, decided once per participant (B7, B10): those already served
 * by the inbound email, those held back on the ticket (H1, H2) or suppressed by the
 * caller. Each person is admitted or left out at most once, so nobody gets two copies of
 * a comment and nobody is listed twice.
 */
export class Audience {
  private readonly done: Set<string>;
  private readonly blocked = new Map<string, PersonalReason>();
  private readonly failing = new Map<string, string>();
  readonly leftOut: LeftOut[] = [];
  readonly warnings: DeliveryWarning[] = [];

  /** H5: the person an identity belongs to, so two addresses of one person on a ticket (from before the directory listed both) get one copy. */
  private readonly person: (key: string) => string;

  constructor(ticket: Ticket, suppressed: ReadonlySet<string>, served: Iterable<string>, person: (key: string) => string = (key) => key) {
    this.person = person;
    this.done = new Set([...served].map(person));
    const block = (key: string, reason: PersonalReason) => {
      const before = this.blocked.get(key);
      if (before === undefined || RANK[reason] > RANK[before]) this.blocked.set(key, reason);
    };
    for (const held of ticket.heldBack) {
      if (held.reason === 'failing') this.failing.set(person(held.mailbox.key), held.detail);
      else block(person(held.mailbox.key), held.reason);
    }
    for (const key of suppressed) block(key, 'suppressed');
  }

  /** Whether this person was already served, admitted or left out by this plan. */
  has(mailbox: Mailbox): boolean {
    return this.done.has(this.person(mailbox.key));
  }

  /** Why this person may receive nothing at all (muted, undeliverable, suppressed), or null. */
  blockedFor(mailbox: Mailbox): PersonalReason | null {
    return this.blocked.get(this.person(mailbox.key)) ?? null;
  }

  /** Records that this person gets nothing for `reason`. */
  leaveOut(mailbox: Mailbox, reason: LeftOutReason, messageKind: MessageKind): void {
    if (this.has(mailbox)) return;
    this.done.add(this.person(mailbox.key));
    this.leftOut.push({ mailbox, reason, reasons: [LEFT_OUT[reason]], messageKind });
  }

  /** Admits a person to a message unless served already or held back; a failing one is admitted with a warning. */
  admit(mailbox: Mailbox, messageKind: MessageKind): boolean {
    if (this.has(mailbox)) return false;
    const reason = this.blockedFor(mailbox);
    if (reason !== null) {
      this.leaveOut(mailbox, reason, messageKind);
      return false;
    }
    this.done.add(this.person(mailbox.key));
    const detail = this.failing.get(this.person(mailbox.key));
    if (detail !== undefined) this.warnings.push({ mailbox, reason: 'failing', detail, messageKind });
    return true;
  }

  /** Admits each of `list` not yet handled, in order. */
  admitAll(list: readonly Mailbox[], messageKind: MessageKind): Mailbox[] {
    return list.filter((m) => this.admit(m, messageKind));
  }
}

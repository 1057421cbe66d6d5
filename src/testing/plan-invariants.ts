import { parseAddressList } from '../address/parse-list.js';
import type { IdentityOptions } from '../address/types.js';
import type { DeliveryPlan } from '../outbound/types.js';
import { isStaff, type Directory } from '../policy/directory.js';
import type { Ticket } from '../ticket/types.js';
import { InvariantViolation } from './invariants.js';

const headerKeys = (value: string, identity: IdentityOptions): Set<string> => new Set(parseAddressList(value, identity).mailboxes.map((m) => m.key));

/**
 * I1: no BCC address appears in any header of any message (and headers never carry CR/LF).
 * Pass the help desk's identity options when it compares local parts case-sensitively;
 * the default compares them case-insensitively, as most mail servers do, which is stricter.
 */
export function assertNoBccLeak(plan: DeliveryPlan, ticket: Ticket, identity: IdentityOptions = {}): void {
  for (const message of plan.messages) {
    for (const value of [message.headers.to, message.headers.cc]) {
      if (/[\r\n]/.test(value)) throw new InvariantViolation('I1', `a ${message.kind} header carries CR/LF: ${JSON.stringify(value)}`);
      const keys = headerKeys(value, identity);
      for (const bcc of ticket.bccs) if (keys.has(bcc.key)) throw new InvariantViolation('I1', `BCC ${bcc.address} appears in a ${message.kind} header`);
    }
  }
}

/** I2: no end user (anyone the directory does not list as staff) receives an internal note. */
export function assertNoNoteToEndUser(plan: DeliveryPlan, directory: Directory): void {
  if (plan.visibility !== 'internal') return;
  for (const message of plan.messages) {
    for (const m of message.envelope) {
      if (!isStaff(directory.byKey(m.key))) throw new InvariantViolation('I2', `end user ${m.address} receives an internal note (${message.kind})`);
    }
  }
}

/** I3: no follower appears in the headers of a customer-facing message, unless they are also requester or CC. */
export function assertNoFollowerInCustomerHeaders(plan: DeliveryPlan, ticket: Ticket, identity: IdentityOptions = {}): void {
  const visible = new Set([...(ticket.requester ? [ticket.requester.key] : []), ...ticket.ccs.map((m) => m.key)]);
  for (const message of plan.messages) {
    if (message.kind !== 'customer-reply' && message.kind !== 'notification') continue;
    const keys = new Set([...headerKeys(message.headers.to, identity), ...headerKeys(message.headers.cc, identity)]);
    for (const f of ticket.followers) {
      if (keys.has(f.key) && !visible.has(f.key)) throw new InvariantViolation('I3', `follower ${f.address} appears in a ${message.kind} header`);
    }
  }
}

/** Nobody receives two copies of the same comment. */
export function assertNoDuplicateDelivery(plan: DeliveryPlan): void {
  const seen = new Set<string>();
  for (const message of plan.messages) {
    for (const m of message.envelope) {
      if (seen.has(m.key)) throw new InvariantViolation('B7', `${m.address} receives comment ${plan.commentId} twice`);
      seen.add(m.key);
    }
  }
}

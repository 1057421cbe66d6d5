import { parseAddressList } from '../address/parse-list.js';
import type { IdentityOptions } from '../address/types.js';
import type { DeliveryPlan } from '../outbound/types.js';
import { isStaff, type Directory } from '../policy/directory.js';
import type { Ticket } from '../ticket/types.js';
import { InvariantViolation } from './invariants.js';

/** The identities a header names: each address's own, and (H5, with a directory) the person's it belongs to. */
const headerKeys = (value: string, identity: IdentityOptions, directory?: Directory): Set<string> =>
  new Set(parseAddressList(value, identity).mailboxes.flatMap((m) => (directory === undefined ? [m.key] : [m.key, directory.personKey(m.key)])));

/**
 * I1: no header of any message names a BCC to anyone else (and headers never carry CR/LF).
 * A message to that BCC alone may name them: an agent who is both BCC and follower sees
 * their own address on their own notification, which tells nobody anything. The
 * customer-facing messages never name a BCC at all, since they are the headers everyone sees.
 * Pass the help desk's identity options when it compares local parts case-sensitively;
 * the default compares them case-insensitively, as most mail servers do, which is stricter.
 * Pass the directory when it lists people with several addresses (H5): a BCC named by any of
 * their addresses is then found.
 */
export function assertNoBccLeak(plan: DeliveryPlan, ticket: Ticket, identity: IdentityOptions = {}, directory?: Directory): void {
  for (const message of plan.messages) {
    const customerFacing = message.kind === 'customer-reply' || message.kind === 'notification';
    for (const value of [message.headers.to, message.headers.cc]) {
      if (/[\r\n]/.test(value)) throw new InvariantViolation('I1', `a ${message.kind} header carries CR/LF: ${JSON.stringify(value)}`);
      const keys = headerKeys(value, identity, directory);
      for (const bcc of ticket.bccs) {
        if (!keys.has(bcc.key)) continue;
        const others = message.envelope.filter((m) => m.key !== bcc.key);
        if (customerFacing || others.length > 0) {
          const to = others.length > 0 ? others.map((m) => m.address).join(', ') : 'the customers';
          throw new InvariantViolation('I1', `BCC ${bcc.address} appears in a ${message.kind} header sent to ${to}`);
        }
      }
    }
    for (const list of [message.recipients.to, message.recipients.cc]) {
      for (const r of list) {
        const key = headerKeys(r.address, identity, directory);
        const bcc = ticket.bccs.find((b) => key.has(b.key));
        if (bcc !== undefined && (customerFacing || message.envelope.some((m) => m.key !== bcc.key))) {
          throw new InvariantViolation('I1', `BCC ${bcc.address} is a structured ${message.kind} recipient`);
        }
      }
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

/** I3: no follower appears in the headers of a customer-facing message, unless they are also requester or CC (by any of their addresses, given the directory, H5). */
export function assertNoFollowerInCustomerHeaders(plan: DeliveryPlan, ticket: Ticket, identity: IdentityOptions = {}, directory?: Directory): void {
  const visible = new Set([...(ticket.requester ? [ticket.requester.key] : []), ...ticket.ccs.map((m) => m.key)]);
  for (const message of plan.messages) {
    if (message.kind !== 'customer-reply' && message.kind !== 'notification') continue;
    const keys = new Set([...headerKeys(message.headers.to, identity, directory), ...headerKeys(message.headers.cc, identity, directory)]);
    for (const f of ticket.followers) {
      if (keys.has(f.key) && !visible.has(f.key)) throw new InvariantViolation('I3', `follower ${f.address} appears in a ${message.kind} header`);
    }
  }
}

/**
 * I11: no muted or undeliverable participant (H1, H2), and no address on the caller's
 * suppression list, is in any envelope; each of them the plan would have reached is listed
 * in `leftOut` with its reason (B10). Failing participants may receive (they are warned about).
 */
export function assertNoHeldBackDelivery(plan: DeliveryPlan, ticket: Ticket, suppressed: readonly string[] = [], identity: IdentityOptions = {}): void {
  const barred = new Map<string, string>();
  for (const h of ticket.heldBack) if (h.reason !== 'failing') barred.set(h.mailbox.key, h.reason);
  for (const entry of suppressed) for (const key of headerKeys(entry, identity)) barred.set(key, 'suppressed');
  for (const message of plan.messages) {
    // The structured envelope is what a mail library sends to: it must be the same people.
    if (message.recipients.envelope.map((r) => r.address).join('\n') !== message.envelope.map((m) => m.address).join('\n')) {
      throw new InvariantViolation('I11', `a ${message.kind}'s structured envelope differs from its envelope`);
    }
    for (const m of message.envelope) {
      const reason = barred.get(m.key);
      if (reason !== undefined) throw new InvariantViolation('I11', `${m.address} is ${reason} but in the envelope of a ${message.kind}`);
    }
  }
  const listed = new Set(plan.leftOut.map((l) => l.mailbox.key));
  const held: readonly string[] = ['muted', 'undeliverable', 'suppressed'];
  for (const l of plan.leftOut) {
    if (held.includes(l.reason) && barred.get(l.mailbox.key) === undefined) {
      throw new InvariantViolation('I11', `${l.mailbox.address} is left out as ${l.reason}, which the ticket and suppression list do not say`);
    }
  }
  if (listed.size !== plan.leftOut.length) throw new InvariantViolation('B10', 'someone is listed twice in leftOut');
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

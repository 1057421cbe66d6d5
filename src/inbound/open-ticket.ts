import { withReason } from '../ticket/recipient-set.js';
import type { Mailbox } from '../address/types.js';
import { isStaff } from '../policy/directory.js';
import type { UnstampedEvent } from '../ticket/events.js';
import { addEmailCcs, lightAgentReason, type Classified, type Draft } from './draft.js';
import { bySetting, type Reason } from '../explain/reason.js';
import { UNKNOWN_SENDER } from './reply-order.js';
import { isUnverified, machineMail, unverifiedSender } from './untrusted.js';

/**
 * An email that opens a ticket: who becomes the requester and who the CCs.
 * F0: the sender and the other addresses present (none when the desk was only BCC'd);
 * F11: machine mail keeps its sender only; F13: an unverified sender gets no CCs until
 * accepted; F14: an agent's email opens a ticket for the customer it was written to.
 */
export function openTicket(draft: Draft, ticketId: string): { opened: UnstampedEvent[]; classified: Classified } {
  const { message, set, ctx } = draft;
  const opened: UnstampedEvent[] = [{ at: draft.email.at, by: ctx.by, cause: 'inbound-email', type: 'ticket-opened', ticketId, splitFrom: null }];
  const sender = message.sender;
  if (sender === null) return { opened, classified: UNKNOWN_SENDER };
  const entry = ctx.directory.byKey(sender.key);
  const staff = isStaff(entry);
  const machine = message.classification.kind !== 'person';
  // F11: machine mail opens a ticket for its sender alone; F14 reads a person's intent, not a robot's.
  const customer = staff && !machine && ctx.policy.settings.agentOpensTicketFor === 'customer' ? firstCustomer(draft, sender) : null;
  const requester = customer ?? sender;
  // F0, or F14 when staff wrote it (by the directory): the setting says for whom.
  const reason: Reason = staff && !machine ? bySetting('F14', ctx.policy.settings, 'agentOpensTicketFor', { directory: { address: sender.address, kind: entry.kind } }) : { rule: 'F0' };
  const refused = set.setRequester(requester, withReason(ctx, reason));
  if (refused !== null) draft.issues.push(refused);
  const role = staff ? 'agent' : 'requester';
  if (machine) return { opened, classified: machineMail(draft, role) };
  if (isUnverified(draft)) return { opened, classified: unverifiedSender(role, true, ctx.policy.settings) };
  // Only BCC'd: copying the visible recipients would tell them of a conversation they were not shown.
  if (message.reachesSupport) addEmailCcs(draft, message.present.filter((m) => m.key !== requester.key && m.key !== sender.key), reason);
  const internal = entry?.kind === 'light-agent'; // D4: a light agent's email is a note even when it opens a ticket
  return { opened, classified: { role, visibility: internal ? 'internal' : 'public', notice: null, reasons: [internal ? lightAgentReason(draft) : reason] } };
}

/** F14: the first address in To that is neither staff nor the desk. */
function firstCustomer(draft: Draft, sender: Mailbox): Mailbox | null {
  const present = new Set(draft.message.present.map((m) => m.key));
  for (const m of draft.message.to) {
    if (m.key !== sender.key && present.has(m.key) && !isStaff(draft.ctx.directory.byKey(m.key))) return m;
  }
  return null;
}

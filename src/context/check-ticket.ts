import { err, type Result } from '../result.js';
import { checkResolved, type TicketIssue } from '../ticket/check-ticket.js';
import type { Ticket } from '../ticket/types.js';
import { resolveContext, type PreparedContext, type TicketContext } from './context.js';

/**
 * The checks planning runs on every call, in time linear in the participants and without
 * re-parsing addresses: the ticket's whole shape, one email role per address, the CC limit
 * of the current settings, no support address as participant. `validateTicket` also
 * re-parses every address: run it when reading a ticket from storage.
 *
 * @example
 * const checked = checkTicket(emptyTicket('T-1'), { settings: { ccLimit: 10 } });
 * checked.ok; // true
 */
export function checkTicket(ticket: Ticket, context: TicketContext | PreparedContext = {}): Result<Ticket, readonly TicketIssue[]> {
  const resolved = resolveContext(context);
  if (resolved.issues.length > 0) return err(resolved.issues);
  return checkResolved(ticket, resolved.policy, resolved.checked);
}

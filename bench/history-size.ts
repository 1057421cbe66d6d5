// `npx tsx bench/history-size.ts`: how big a ticket's JSON gets, next to its log, for histories full of notices.
import { ticketWithNotices } from './fixtures.js';

for (const events of [1_000, 10_000, 100_000]) {
  const { ticket, log } = ticketWithNotices(events);
  const state = JSON.stringify(ticket).length;
  const notices = ticket.notices.length;
  const kept = [ticket.ccs.length, ticket.memory.length, ticket.resolvedNotices.length, ticket.recentMessageIds.flat().length];
  console.log(
    `${String(log.length).padStart(7)} events: ticket JSON ${String(state).padStart(9)} bytes, ${String(notices).padStart(5)} open notices (${String(JSON.stringify(ticket.notices).length).padStart(9)} bytes of them),`,
    `without them ${String(state - JSON.stringify(ticket.notices).length).padStart(6)} bytes; ccs/memory/resolved ids/message ids ${kept.join('/')}; log ${JSON.stringify(log).length} bytes`,
  );
}

// `npx tsx bench/history-size.ts`: how big a ticket's JSON gets next to its log, for histories full of notices.
import { readEvents } from '../src/index.js';
import { ticketWithNotices } from './fixtures.js';

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
for (const open of ['half', 'none'] as const) {
  console.log(open === 'half' ? 'One reply in ten leaves a CC out; half of those notices resolved:' : 'The same, every notice resolved:');
  for (const events of [1_000, 100_000]) {
    const { ticket, log } = ticketWithNotices(events, open);
    const read = readEvents(log, { ticketId: 'T-1' });
    if (!read.ok) throw new Error(`the generated log does not read: ${read.error[0]?.message}`);
    const state = JSON.stringify(ticket).length;
    const notices = JSON.stringify(ticket.notices).length;
    console.log(
      `  ${String(log.length).padStart(7)} events: ticket ${kb(state).padStart(10)}, of which ${String(ticket.notices.length).padStart(5)} open notices ${kb(notices).padStart(10)} and the rest ${kb(state - notices).padStart(7)}; log ${kb(JSON.stringify(log).length)}`,
    );
  }
}

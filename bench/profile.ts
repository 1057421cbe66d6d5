// One bench case in a loop, to profile: `node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile.ts e2e-a [seconds] [again]`.
import { handle, planDelivery, prepareContext } from '../src/index.js';
import { day, directory, distinctRuleSet, namedHeader, realisticRules, ruleSet, settings, ticketWithHistory, ticketWithNotices } from './fixtures.js';
import type { Ticket } from '../src/index.js';

const which = process.argv[2] ?? 'e2e-a';
const seconds = Number(process.argv[3] ?? 5);
const again = process.argv[4] === 'again';
const from = 'Ann Lee <ann@acme0.example>';
const to = 'ACME Support <support@desk.example>';
let i = 0;
const cases: Record<string, () => () => unknown> = {
  'e2e-a': () => {
    const ticket = ticketWithHistory(200, 48).ticket;
    const context = prepareContext({ settings, directory, rules: realisticRules(20) });
    const cc = namedHeader(1);
    return () => {
      // handle's own plan (B9) is the plan; `again` adds the caller's second one, as the bench's no-goal line does.
      const r = handle(ticket, { type: 'receive-email', messageId: `<p${i++}@acme.example>`, at: 'now', from, to, cc }, context);
      if (again && r.ok && r.value.ticket && r.value.comment) planDelivery(r.value.ticket, r.value.comment, context);
    };
  },
  'e2e-b': () => {
    const ticket = ticketWithHistory(200, 48).ticket;
    const context = prepareContext({ settings, directory, rules: realisticRules(20) });
    const cc = namedHeader(48);
    return () => {
      // handle's own plan (B9) is the plan; `again` adds the caller's second one, as the bench's no-goal line does.
      const r = handle(ticket, { type: 'receive-email', messageId: `<p${i++}@acme.example>`, at: 'now', from, to, cc }, context);
      if (again && r.ok && r.value.ticket && r.value.comment) planDelivery(r.value.ticket, r.value.comment, context);
    };
  },
  'notices-open': () => {
    const ticket = ticketWithNotices(100_000, 'half').ticket;
    const context = prepareContext({ settings, directory });
    const cc = `Bob Roe <bob@acme.example>, ${namedHeader(2)}`;
    return () => handle(ticket, { type: 'receive-email', messageId: `<p${i++}@acme.example>`, at: 'now', from: 'ann@acme0.example', to: 'support@desk.example', cc }, context);
  },
  day: () => {
    const mail = day(200, 10);
    const context = prepareContext({ settings, directory, rules: realisticRules(20) });
    return () => {
      const tickets = new Map<string, Ticket>();
      for (const { ticketId, command } of mail.commands) {
        const r = handle(tickets.get(ticketId) ?? null, command, context);
        if (r.ok && r.value.ticket !== null) tickets.set(ticketId, r.value.ticket);
      }
    };
  },
  'distinct-100': () => distinct(100),
  'distinct-1000': () => distinct(1000),
  'rules-1000': () => {
    const ticket = ticketWithHistory(200, 48).ticket;
    const context = prepareContext({ settings, directory, rules: ruleSet(1000) });
    const cc = namedHeader(1);
    return () => handle(ticket, { type: 'receive-email', messageId: `<p${i++}@acme.example>`, at: 'now', from, to, cc }, context);
  },
};
function distinct(n: number): () => unknown {
  const ticket = ticketWithHistory(200, 48).ticket;
  const context = prepareContext({ settings, directory, rules: distinctRuleSet(n) });
  const cc = namedHeader(1);
  return () => handle(ticket, { type: 'receive-email', messageId: `<p${i++}@acme.example>`, at: 'now', from, to, cc }, context);
}
const run = (cases[which] ?? cases['e2e-a']!)();
const end = performance.now() + seconds * 1000;
let n = 0;
while (performance.now() < end) {
  run();
  n++;
}
console.log(`${which}: ${n} runs, ${((seconds * 1e6) / n).toFixed(1)} µs per run`);

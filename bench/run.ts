// `npm run bench`: each comparison measured side by side in one process; ratios against the goals of issue 6.
import emailAddresses from 'email-addresses';
import addressparser from 'nodemailer/lib/addressparser/index.js';
import { Bench } from 'tinybench';
import { handle, parseAddressList, planDelivery, prepareContext, type Command } from '../src/index.js';
import { directory, namedHeader, realisticRules, ruleSet, settings, ticketWithHistory, ticketWithNotices } from './fixtures.js';

type Row = { name: string; median: number };
const rows: Row[] = [];

/**
 * Medians of each task, measured in several rounds whose order alternates, so that a task
 * does not pay for the heap or JIT state the previous one left: the result is the median
 * of the rounds' medians.
 */
async function measure(tasks: Record<string, () => unknown>, time = 600, rounds = 3): Promise<Record<string, number>> {
  const samples: Record<string, number[]> = {};
  const names = Object.keys(tasks);
  for (let round = 0; round < rounds; round++) {
    const bench = new Bench({ time: time / rounds, warmupTime: 50 });
    for (const name of round % 2 === 0 ? names : [...names].reverse()) bench.add(name, tasks[name] as () => unknown);
    await bench.run();
    for (const task of bench.tasks) {
      const p50 = task.result && 'latency' in task.result ? (task.result.latency.p50 ?? Number.NaN) : Number.NaN;
      (samples[task.name] ??= []).push(p50);
    }
  }
  const out: Record<string, number> = {};
  for (const name of names) {
    const sorted = [...(samples[name] ?? [])].sort((a, b) => a - b);
    out[name] = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
    rows.push({ name, median: out[name] });
  }
  return out;
}

interface Goal {
  id: string;
  what: string;
  ratio: number;
  limit: number;
  atLeast?: boolean;
}
const goals: Goal[] = [];
const goal = (id: string, what: string, ratio: number, limit: number, atLeast = false) => goals.push({ id, what, ratio, limit, atLeast });

// P-parse: a Cc header of 48 named addresses.
const cc48 = namedHeader(48);
const parse = await measure({
  'parse 48 named: ticket-recipients': () => parseAddressList(cc48),
  'parse 48 named: addressparser': () => addressparser(cc48),
  'parse 48 named: email-addresses': () => emailAddresses.parseAddressList({ input: cc48, rfc6532: true }),
});
goal('P-parse', 'ours / addressparser (48 named)', parse['parse 48 named: ticket-recipients']! / parse['parse 48 named: addressparser']!, 1.5);
goal('P-parse', 'email-addresses / ours (48 named)', parse['parse 48 named: email-addresses']! / parse['parse 48 named: ticket-recipients']!, 15, true);

// P-scale: linear growth, and 10,000 addresses against addressparser.
const h1k = namedHeader(1000);
const h5k = namedHeader(5000);
const h10k = namedHeader(10_000);
const scale = await measure({
  'parse 1,000: ticket-recipients': () => parseAddressList(h1k),
  'parse 5,000: ticket-recipients': () => parseAddressList(h5k),
  'parse 10,000: ticket-recipients': () => parseAddressList(h10k),
  'parse 10,000: addressparser': () => addressparser(h10k),
}, 1500);
goal('P-scale', '5,000 / 1,000 addresses', scale['parse 5,000: ticket-recipients']! / scale['parse 1,000: ticket-recipients']!, 5.5);
goal('P-scale', 'ours / addressparser (10,000)', scale['parse 10,000: ticket-recipients']! / scale['parse 10,000: addressparser']!, 3);

// P-history: one inbound reply on a ticket with 100,000 past events vs 10.
// Only the tickets are kept: the logs are the caller's storage, not part of handling a reply.
const small = { ticket: ticketWithHistory(10, 3).ticket };
const large = { ticket: ticketWithHistory(100_000, 3).ticket };
const reply = (n: { i: number }): Command => ({ type: 'receive-email', messageId: `<bench${n.i++}@acme.example>`, at: 'now', from: 'ann@acme0.example', to: 'support@desk.example', cc: namedHeader(3) });
const counter = { i: 0 };
const prepared = prepareContext({ settings, directory });
const history = await measure(
  {
    'inbound reply, 10 events of history': () => handle(small.ticket, reply(counter), prepared),
    'inbound reply, 100,000 events of history': () => handle(large.ticket, reply(counter), prepared),
  },
  1500,
);
goal('P-history', '100,000 events / 10 events', history['inbound reply, 100,000 events of history']! / history['inbound reply, 10 events of history']!, 1.2);

// P-history with notices: the same reply on tickets whose histories are full of notices and resolutions
// (one reply in ten leaves a CC out). Resolved notices leave the state, so only open ones can cost.
const keepEveryone = (n: { i: number }): Command => ({ type: 'receive-email', messageId: `<benchn${n.i++}@acme.example>`, at: 'now', from: 'ann@acme0.example', to: 'support@desk.example', cc: `Bob Roe <bob@acme.example>, ${namedHeader(2)}` });
const noticesSmall = { ticket: ticketWithNotices(10, 'none').ticket };
const noticesLarge = { ticket: ticketWithNotices(100_000, 'none').ticket };
const halfOpenLarge = { ticket: ticketWithNotices(100_000, 'half').ticket };
const notices = await measure(
  {
    'reply, 10 events with notices': () => handle(noticesSmall.ticket, keepEveryone(counter), prepared),
    'reply, 100,000 events, notices resolved': () => handle(noticesLarge.ticket, keepEveryone(counter), prepared),
    [`reply, 100,000 events, ${halfOpenLarge.ticket.notices.length} notices open`]: () => handle(halfOpenLarge.ticket, keepEveryone(counter), prepared),
  },
  1500,
);
goal('P-history', '100,000 / 10 events, notices resolved', notices['reply, 100,000 events, notices resolved']! / notices['reply, 10 events with notices']!, 1.2);
const notes: string[] = [];
notes.push(`P-history  100,000 / 10 events, half the notices left open (${halfOpenLarge.ticket.notices.length} open): ${(notices[`reply, 100,000 events, ${halfOpenLarge.ticket.notices.length} notices open`]! / notices['reply, 10 events with notices']!).toFixed(2)}× (no goal: open notices are the state)`);

// P-e2e: a realistic reply (3-address headers) on a ticket with 48 CCs, 20 active rules, events and delivery plan.
const e2eTicket = ticketWithHistory(200, 48).ticket;
// A pipeline prepares its configuration once (prepareContext) and handles every email with it.
const prepared20 = prepareContext({ settings, directory, rules: realisticRules(20) });
const from = 'Ann Lee <ann@acme0.example>';
const to = 'ACME Support <support@desk.example>';
const cc = namedHeader(1);
const e2e = await measure({
  'end to end: reply + rules + plan': () => {
    const r = handle(e2eTicket, { type: 'receive-email', messageId: `<e2e${counter.i++}@acme.example>`, at: 'now', from, to, cc }, prepared20);
    if (r.ok && r.value.ticket && r.value.comment) planDelivery(r.value.ticket, r.value.comment, prepared20);
  },
  'end to end: addressparser on the same headers': () => {
    addressparser(from);
    addressparser(to);
    addressparser(cc);
  },
});
goal('P-e2e', 'end to end / addressparser', e2e['end to end: reply + rules + plan']! / e2e['end to end: addressparser on the same headers']!, 5);

// P-rules: 1,000 rules vs 100 rules on a ticket with 48 CCs.
const rulesTicket = e2eTicket;
const r100 = ruleSet(100);
const r1000 = ruleSet(1000);
const ruleCommand = (): Command => ({ type: 'edit-recipients', changes: [{ op: 'add', field: 'bcc', address: 'nobody@desk.example' }], by: { kind: 'agent', id: 'kate' }, at: 'now' });
const replyCommand = (): Command => ({ type: 'receive-email', messageId: `<rules${counter.i++}@acme.example>`, at: 'now', from, to, cc });
const p100 = prepareContext({ settings, directory, rules: r100 });
const p1000 = prepareContext({ settings, directory, rules: r1000 });
const ruleBench = await measure(
  {
    'rules: 100, none fire': () => handle(rulesTicket, ruleCommand(), p100),
    'rules: 1,000, none fire': () => handle(rulesTicket, ruleCommand(), p1000),
    'rules: 100, most fire': () => handle(rulesTicket, replyCommand(), p100),
    'rules: 1,000, most fire': () => handle(rulesTicket, replyCommand(), p1000),
    'rules: 1,000, compiled on every call (no prepareContext)': () => handle(rulesTicket, ruleCommand(), { settings, directory, rules: r1000 }),
  },
  3000,
  5,
);
goal('P-rules', '1,000 / 100 rules, none fire', ruleBench['rules: 1,000, none fire']! / ruleBench['rules: 100, none fire']!, 11);
goal('P-rules', '1,000 / 100 rules, most fire', ruleBench['rules: 1,000, most fire']! / ruleBench['rules: 100, most fire']!, 11);

const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`);
console.log('\nMedians (one run, this machine):');
for (const row of rows) console.log(`  ${row.name.padEnd(48)} ${fmt(row.median).padStart(12)}`);
console.log('\nGoals:');
let missed = 0;
for (const g of goals) {
  const met = g.atLeast ? g.ratio >= g.limit : g.ratio <= g.limit;
  if (!met) missed++;
  console.log(`  ${met ? 'met   ' : 'MISSED'} ${g.id.padEnd(10)} ${g.what.padEnd(40)} ${g.ratio.toFixed(2).padStart(8)}× (goal ${g.atLeast ? '≥' : '≤'} ${g.limit}×)`);
}
if (notes.length > 0) console.log(`\nNot a goal:\n${notes.map((n) => `  ${n}`).join('\n')}`);
console.log(`\nnode ${process.version}, ${process.platform} ${process.arch}`);
process.exitCode = missed > 0 ? 1 : 0;

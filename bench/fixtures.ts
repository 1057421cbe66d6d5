// Inputs for the benchmarks: realistic headers, tickets with long histories, rule sets.
import { createDirectory, fold, handle, presets, type Command, type Rule, type Settings, type Ticket, type TicketEvent } from '../src/index.js';
import { checksum } from '../src/ticket/checksum.js';

export const settings: Settings = { ...presets.omnidesk, ccLimit: 60, supportAddresses: ['support@desk.example', 'reply+*@in.desk.example'], denylist: ['no-reply*@*', 'spam.example'] };
export const directory = createDirectory([
  { address: 'kate@desk.example', kind: 'agent', id: 'kate' },
  { address: 'mia@desk.example', kind: 'admin', id: 'mia' },
]);

const FIRST = ['Ann', 'Bob', 'Cleo', 'Dan', 'Eve', 'Finn', 'Gus', 'Hana'];
const LAST = ['Lee', 'Roe', 'Smith, Jr.', 'Müller', 'Ivanov', "O'Neil"];

/** n named addresses as a Cc header: plain names, quoted names with commas, some encoded. */
export function namedHeader(n: number, offset = 0): string {
  const parts: string[] = [];
  for (let i = offset; i < offset + n; i++) {
    const first = FIRST[i % FIRST.length] as string;
    const last = LAST[i % LAST.length] as string;
    const address = `${first.toLowerCase()}.${i}@acme${i % 7}.example`;
    parts.push(/[,.']/.test(last) ? `"${first} ${last}" <${address}>` : `${first} ${last} <${address}>`);
  }
  return parts.join(', ');
}

/** A ticket whose history holds `events` events, built from real commands: emails, edits. */
export function ticketWithHistory(events: number, ccCount: number): { ticket: Ticket; log: TicketEvent[] } {
  const log: TicketEvent[] = [];
  const first = handle(null, { type: 'receive-email', messageId: '<open@acme.example>', newTicketId: 'T-1', at: 't0', from: 'Ann Lee <ann@acme0.example>', to: 'support@desk.example', cc: namedHeader(ccCount) }, { settings, directory });
  if (!first.ok || first.value.ticket === null) throw new Error('could not open the bench ticket');
  let ticket = first.value.ticket;
  log.push(...first.value.events);
  let i = 0;
  while (log.length < events) {
    i++;
    // Alternate real updates: a BCC added and removed by an agent, and replies that keep everyone.
    const command: Command =
      i % 3 === 0
        ? { type: 'receive-email', messageId: `<r${i}@acme.example>`, at: `t${i}`, from: 'ann@acme0.example', to: 'support@desk.example', cc: namedHeader(ccCount) }
        : { type: 'edit-recipients', changes: [{ op: i % 3 === 1 ? 'add' : 'remove', field: 'bcc', address: 'mia@desk.example' }], by: { kind: 'agent', id: 'kate' }, at: `t${i}` };
    const r = handle(ticket, command, { settings, directory });
    if (!r.ok || r.value.ticket === null) throw new Error('bench history step refused');
    ticket = r.value.ticket;
    log.push(...r.value.events);
  }
  return { ticket: fold(log), log };
}

/** n active rules with two conditions each; a few of them fire. */
export function ruleSet(n: number): Rule[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `r${i}`,
    title: `rule ${i}`,
    active: true,
    conditions: {
      all: [{ type: 'cc-in-domain', domain: `acme${i % 9}.example` }],
      any: [{ type: 'update-is', kind: 'inbound-reply' }, { type: 'cc-contains', address: `nobody${i}@x.example` }],
    },
    actions: [{ type: 'add-bcc', address: `watcher${i % 4}@desk.example` }],
  }));
}

/**
 * n active rules as a help desk might have them: each watches one domain or address, so
 * that on a given reply only a few match (here the ones on acme0 and acme1 domains).
 */
export function realisticRules(n: number): Rule[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `watch-${i}`,
    title: `watch ${i}`,
    active: true,
    conditions: i % 2 === 0 ? { all: [{ type: 'cc-in-domain', domain: `acme${i}.example` }] } : { any: [{ type: 'requester-is', address: `vip${i}@acme${i}.example` }, { type: 'cc-contains', address: `boss${i}@partner.example` }] },
    actions: [{ type: 'add-bcc', address: `watcher${i}@desk.example` }],
  }));
}

/**
 * A ticket whose history holds `events` events full of notices. In every ten commands one
 * reply leaves Bob out (a notice, F3); the rest are replies that keep everyone and BCC edits.
 * With `open: 'none'` every notice is resolved (the reply's recipients applied, then an agent
 * adds Bob back); with `open: 'half'` every other one stays open on the ticket.
 *
 * The first cycles are played with `handle`; the log is then that block of real events
 * repeated with fresh Message-IDs and notice ids, numbered on, so that 100,000 events take
 * seconds to build rather than the hours of handling each command on a growing ticket.
 */
export function ticketWithNotices(events: number, open: 'none' | 'half'): { ticket: Ticket; log: TicketEvent[] } {
  const cc = `Bob Roe <bob@acme.example>, ${namedHeader(2)}`;
  const first = handle(null, { type: 'receive-email', messageId: '<open@acme.example>', newTicketId: 'T-1', at: 't0', from: 'Ann Lee <ann@acme0.example>', to: 'support@desk.example', cc }, { settings, directory });
  if (!first.ok || first.value.ticket === null) throw new Error('could not open the bench ticket');
  let ticket = first.value.ticket;
  const head = [...first.value.events];
  const block: TicketEvent[] = [];
  const kate = { kind: 'agent', id: 'kate' } as const;
  const cycles = open === 'half' ? 2 : 1;
  let notice: string | null = null;
  for (let i = 0; i < 10 * cycles; i++) {
    const j = i % 10;
    const resolving = notice !== null && (open === 'none' || i < 10);
    const id = (kind: string) => `<${kind}${i}.c0@acme.example>`;
    const command: Command =
      j === 0
        ? { type: 'receive-email', messageId: id('d'), at: `t${i}`, from: 'ann@acme0.example', to: 'support@desk.example', cc: namedHeader(2) }
        : j === 1 && resolving
          ? { type: 'resolve-notice', noticeId: notice as string, resolution: 'update-recipients', by: kate, at: `t${i}` }
          : j === 2 && resolving
            ? { type: 'edit-recipients', changes: [{ op: 'add', field: 'cc', address: 'Bob Roe <bob@acme.example>' }], by: kate, at: `t${i}` }
            : j % 2 === 1
              ? { type: 'receive-email', messageId: id('r'), at: `t${i}`, from: 'ann@acme0.example', to: 'support@desk.example', cc }
              : { type: 'edit-recipients', changes: [{ op: j % 4 === 0 ? 'add' : 'remove', field: 'bcc', address: 'mia@desk.example' }], by: kate, at: `t${i}` };
    const r = handle(ticket, command, { settings, directory });
    if (!r.ok || r.value.ticket === null) throw new Error(`bench history step refused: ${JSON.stringify(r.ok ? null : r.error)}`);
    ticket = r.value.ticket;
    block.push(...r.value.events);
    if (j === 0) notice = r.value.email?.notice?.id ?? null;
    if (j === 0 && notice === null) throw new Error('the dropping reply raised no notice');
  }
  const text = JSON.stringify(block);
  const log: TicketEvent[] = [...head];
  for (let c = 0; log.length < events; c++) {
    for (const e of JSON.parse(text.replaceAll('.c0@', `.c${c}@`)) as TicketEvent[]) {
      const { sum: _sum, ...content } = { ...e, seq: log.length + 1 };
      log.push({ ...content, sum: checksum(content) } as TicketEvent);
    }
  }
  log.length = Math.min(log.length, events);
  return { ticket: fold(log), log };
}

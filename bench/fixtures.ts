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

/** n active rules that all fire on an inbound reply, each adding a BCC no other rule adds. */
export function distinctRuleSet(n: number): Rule[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `d${i}`,
    title: `rule ${i}`,
    active: true,
    conditions: { all: [{ type: 'cc-in-domain', domain: `acme${i % 7}.example` }, { type: 'update-is', kind: 'inbound-reply' }] },
    actions: [{ type: 'add-bcc', address: `watcher${i}@desk.example` }],
  }));
}

/**
 * A day of mail across `tickets` tickets, `perTicket` messages each, interleaved as they
 * would arrive: the commands for `handle` and the same messages as raw `.eml` text. Each
 * ticket is opened by a customer with three CCs; then replies to all, a CC replying, an
 * agent answering by email, a reply adding a CC.
 */
export function day(tickets: number, perTicket: number): { tickets: number; commands: { ticketId: string; command: Command }[]; emls: string[] } {
  const commands: { ticketId: string; command: Command }[] = [];
  const emls: string[] = [];
  const extra: string[] = Array.from({ length: tickets }, () => '');
  const body = 'Hello,\r\n\r\nThanks for getting back to us. The export still fails with the same error after the update; the log is below.\r\n\r\n> On Monday the support team wrote:\r\n> Could you try again with the latest version?\r\n\r\nBest regards,\r\nAnn\r\n';
  for (let j = 0; j < perTicket; j++) {
    for (let t = 0; t < tickets; t++) {
      const ticketId = `D-${t}`;
      const customer = `Cust ${t} <cust${t}@client${t % 50}.example>`;
      // Those a reply added stay on the replies after it, as they would in a mail client.
      const ccs = namedHeader(3, t * 3) + extra[t];
      const firstCc = ccs.slice(0, ccs.indexOf('>') + 1);
      const kind = j === 0 ? 'open' : (['all', 'cc', 'agent', 'add'] as const)[j % 4];
      const from = kind === 'cc' ? firstCc : kind === 'agent' ? 'Kate <kate@desk.example>' : customer;
      const toHeader = kind === 'agent' ? customer : 'ACME Support <support@desk.example>';
      if (kind === 'add') extra[t] += `, New Person ${t} <new${t}.${j}@client${t % 50}.example>`;
      const ccHeader = kind === 'add' ? namedHeader(3, t * 3) + extra[t] : kind === 'cc' ? `${customer}, ${ccs.slice(firstCc.length + 2)}` : ccs;
      const messageId = `<m${j}.${t}@client.example>`;
      const at = `2026-03-02T${String(8 + Math.floor((j * tickets + t) / (tickets * perTicket / 10))).padStart(2, '0')}:00:00Z`;
      const command: Command = { type: 'receive-email', messageId, at, from, to: kind === 'agent' ? `${toHeader}, support@desk.example` : toHeader, cc: ccHeader, ...(j === 0 ? { newTicketId: ticketId } : {}) };
      commands.push({ ticketId, command });
      emls.push(
        `From: ${from}\r\nTo: ${command.to as string}\r\nCc: ${ccHeader}\r\nSubject: Re: [#${ticketId}] Export fails\r\nDate: Mon, 2 Mar 2026 10:00:00 +0000\r\nMessage-ID: ${messageId}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${body}`,
      );
    }
  }
  return { tickets, commands, emls };
}

const fill = (unit: string, tail: string) => unit.repeat(Math.floor((998 - tail.length) / unit.length)) + tail;
/** One entry of each hostile shape, each just under the entry cap (also used by bench/hostile.ts). */
export const HOSTILE: Record<string, string> = {
  'spaced words': fill('a ', 'a@b.example'),
  'words and comments': fill('a (x) ', 'a@b.example'),
  'quoted words, named': fill('"a" ', '<a@b.example>'),
  'comment run': fill('(x)', 'a@b.example'),
  'dotted local part': fill('a.', 'a@b.example'),
  'quoted local part': `"${'a '.repeat(490)}"@b.example`,
  'obsolete route': `<${fill('@a,', '@a:a@b.example>')}`,
  'nested comments': `${'('.repeat(16)}${'x'.repeat(900)}${')'.repeat(16)} a@b.example`,
  'at signs in a name': fill('a@b ', '<a@b.example>'),
};
/** Worst shapes for the address parser, each entry just under the longest entry a header may hold. */
export const HOSTILE_SHAPES = Object.keys(HOSTILE);
/** A header of about `size` characters made of one hostile entry repeated. */
export function hostileHeader(shape: string, size: number): string {
  const entry = HOSTILE[shape] as string;
  return Array.from({ length: Math.max(1, Math.floor(size / (entry.length + 2))) }, () => entry).join(', ');
}

// B8: plans go through a real mail library. Each message is rendered by nodemailer's stream
// transport (no network), read back by postal-mime, and compared with the plan.
import { fc, it as prop } from '@fast-check/vitest';
import nodemailer from 'nodemailer';
import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { parseAddress, planDelivery, toNodemailer, type DeliveryPlan, type OutboundMessage, type Ticket } from '../src/index.js';
import { play, scenarioDirectory, settings, steps } from '../src/testing/scenario.js';
import { contextWith, edit, email, must, opened } from './support/tickets.js';

const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: '\r\n' });
const FROM = 'Acme Support <support@desk.example>';

interface Sent {
  readonly raw: string;
  readonly head: string;
  readonly envelope: { from: string; to: string[] };
  readonly to: { name: string; address: string }[];
  readonly cc: { name: string; address: string }[];
  readonly bcc: unknown;
}

async function send(message: OutboundMessage): Promise<Sent> {
  const mail = toNodemailer(message, { from: FROM, subject: 'Re: Заказ №42', text: 'Your order has shipped.' });
  if (!mail.ok) throw new Error(JSON.stringify(mail.error));
  const info = await transport.sendMail(mail.value);
  const raw = (info.message as Buffer).toString('utf8');
  const parsed = await PostalMime.parse(raw);
  const list = (x: typeof parsed.to) => (x ?? []).map((a) => ({ name: a.name, address: 'address' in a ? (a.address ?? '') : '' }));
  return { raw, head: raw.slice(0, raw.indexOf('\r\n\r\n')), envelope: info.envelope as Sent['envelope'], to: list(parsed.to), cc: list(parsed.cc), bcc: parsed.bcc };
}

const key = (address: string): string => {
  const parsed = parseAddress(address);
  return parsed.ok ? parsed.value.key : `!${address}`;
};

/** Every check B8 asks for, on one sent message: names once and right, no BCC in a header, the planned envelope. */
async function checkSent(message: OutboundMessage, ticket: Ticket): Promise<void> {
  const sent = await send(message);
  expect(sent.envelope).toEqual({ from: 'support@desk.example', to: message.envelope.map((m) => m.address) });
  const decoded = (list: Sent['to']) => list.map((a) => [a.name, key(a.address)]);
  const planned = (list: readonly { name: string | null; address: string }[]) => list.map((r) => [r.name ?? '', key(r.address)]);
  expect(decoded(sent.to)).toEqual(planned(message.recipients.to));
  expect(decoded(sent.cc)).toEqual(planned(message.recipients.cc));
  // Encoded once: no encoded word inside a quoted string, which a reader would show as is.
  expect(sent.head).not.toMatch(/"[^"]*=\?[^"]*\?="/);
  expect(sent.head).not.toMatch(/^bcc:/im);
  expect(sent.bcc).toBeUndefined();
  const headKeys = new Set([...sent.to, ...sent.cc].map((a) => key(a.address)));
  const others = message.envelope.filter((m) => !ticket.bccs.some((b) => b.key === m.key));
  for (const bcc of ticket.bccs) {
    // A personal notification may name its one recipient; no message names a BCC to anyone else (I1).
    if (others.length > 0 || message.kind === 'customer-reply' || message.kind === 'notification') {
      expect(headKeys.has(bcc.key)).toBe(false);
      expect(sent.head.toLowerCase()).not.toContain(bcc.address.toLowerCase());
    }
  }
}

/** Ivan's ticket: names in Cyrillic, with commas and quotes; BCCs and a follower. */
function ticket(): Ticket {
  const t = opened('=?UTF-8?B?0JjQstCw0L0g0J/QtdGC0YDQvtCy?= <ivan@acme.example>', ['"Roe, Bob" <bob@acme.example>', '"O\'Brien \\"Bobby\\"" <obrien@acme.example>', 'Ольга Смирнова <olga@acme.example>', 'otto@desk.example']);
  return must(t, edit([
    { op: 'add', field: 'bcc', address: 'Mia <mia@desk.example>' },
    { op: 'add', field: 'bcc', address: '"Хелен, бухгалтерия" <helen@acme.example>' },
    { op: 'add', field: 'follower', address: 'Kate Кузнецова <kate@desk.example>' },
  ])).ticket!;
}

const plan = (t: Ticket, visibility: 'public' | 'internal'): DeliveryPlan => {
  const r = planDelivery(t, { id: 'c', visibility }, contextWith());
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

describe('B8: plans through nodemailer', () => {
  it('B8: the ticket holds the names decoded, which is what a mail library must be given', () => {
    const t = ticket();
    expect([t.requester?.name, ...t.ccs.map((m) => m.name), ...t.bccs.map((m) => m.name)]).toEqual(['Иван Петров', 'Roe, Bob', 'O\'Brien "Bobby"', 'Ольга Смирнова', null, 'Mia', 'Хелен, бухгалтерия']);
  });

  it('B8: a public reply: every name encoded once and decoded back to the original, no BCC in a header, the planned envelope', async () => {
    const t = ticket();
    const p = plan(t, 'public');
    expect(p.messages.map((m) => m.kind)).toEqual(['customer-reply', 'follower-notification']);
    const [reply] = p.messages;
    const sent = await send(reply!);
    expect(sent.to).toEqual([{ name: 'Иван Петров', address: 'ivan@acme.example' }]);
    expect(sent.cc).toEqual([
      { name: 'Roe, Bob', address: 'bob@acme.example' },
      { name: 'O\'Brien "Bobby"', address: 'obrien@acme.example' },
      { name: 'Ольга Смирнова', address: 'olga@acme.example' },
      { name: '', address: 'otto@desk.example' },
    ]);
    expect(sent.envelope.to).toEqual(['ivan@acme.example', 'bob@acme.example', 'obrien@acme.example', 'olga@acme.example', 'otto@desk.example', 'mia@desk.example', 'helen@acme.example']);
    for (const m of p.messages) await checkSent(m, t);
  });

  it('B8: internal notes and follower notifications go the same way', async () => {
    const t = ticket();
    const p = plan(t, 'internal');
    expect(p.messages.map((m) => [m.kind, m.recipients.to])).toEqual([
      ['internal-note', [{ name: null, address: 'otto@desk.example' }]],
      ['follower-notification', [{ name: 'Kate Кузнецова', address: 'kate@desk.example' }]],
    ]);
    for (const m of p.messages) await checkSent(m, t);
    expect((await send(p.messages[1]!)).to).toEqual([{ name: 'Kate Кузнецова', address: 'kate@desk.example' }]);
  });

  it('B8: the header text is not for mail libraries: given to nodemailer, its encoded names end up inside quotes', async () => {
    // Why `recipients` exists: nodemailer quotes the already-encoded word (against RFC 2047 section 5).
    // postal-mime and mailparser are lenient and decode it anyway; a strict reader shows it raw.
    const [reply] = plan(ticket(), 'public').messages;
    const info = await transport.sendMail({ from: FROM, to: reply!.headers.to, cc: reply!.headers.cc, text: 'x' });
    const raw = (info.message as Buffer).toString('utf8');
    expect(raw.slice(0, raw.indexOf('\r\n\r\n'))).toMatch(/"[^"]*=\?[^"]*\?="/);
    // The structured recipients of the same message do not.
    expect((await send(reply!)).head).not.toMatch(/"[^"]*=\?[^"]*\?="/);
  });

  it('B8: a reply-all from the requester: the envelope skips those who were on it, headers still show everyone', async () => {
    const t = ticket();
    const r = must(t, email({ from: 'ivan@acme.example', to: 'support@desk.example', cc: '"Roe, Bob" <bob@acme.example>, obrien@acme.example, olga@acme.example, otto@desk.example' }));
    const p = planDelivery(r.ticket!, r.email!.comment!, contextWith());
    if (!p.ok) throw new Error();
    const [reply] = p.value.messages;
    expect(reply?.kind).toBe('customer-reply');
    const sent = await send(reply!);
    expect(sent.envelope.to).toEqual(['mia@desk.example', 'helen@acme.example']);
    expect(sent.cc.map((a) => a.address)).toEqual(['bob@acme.example', 'obrien@acme.example', 'olga@acme.example', 'otto@desk.example']);
    await checkSent(reply!, r.ticket!);
  });

  it('B8: toNodemailer reports a message or fields of the wrong shape instead of sending them', () => {
    const [reply] = plan(ticket(), 'public').messages;
    const codes = (r: ReturnType<typeof toNodemailer>) => (r.ok ? [] : r.error.map((i) => [i.code, i.path.join('.')]));
    expect(codes(toNodemailer(reply!, { from: 'not an address' }))).toEqual([['invalid-address', 'fields.from']]);
    expect(codes(toNodemailer(reply!, { from: FROM, bcc: 'x@y.example' } as never))).toEqual([['unknown-field', 'fields.bcc']]);
    expect(codes(toNodemailer(reply!, { from: FROM, subject: 'Hi\r\nBcc: x@y.example' }))).toEqual([['control-character', 'fields.subject']]);
    const tampered = { ...reply!, recipients: { ...reply!.recipients, envelope: [{ name: null, address: 'x@y.example\r\nRCPT TO:<z@z.example>' }] } };
    expect(codes(toNodemailer(tampered, { from: FROM }))).toEqual([['control-character', 'message.recipients.envelope.0.address']]);
    const mail = toNodemailer(reply!, { from: { name: 'Acme, Support', address: 'support@desk.example' }, references: ['<a@x>', '<b@x>'], inReplyTo: '<b@x>' });
    expect(mail.ok && [mail.value.from, mail.value.envelope.from, mail.value.references, 'bcc' in mail.value]).toEqual([{ name: 'Acme, Support', address: 'support@desk.example' }, 'support@desk.example', ['<a@x>', '<b@x>'], false]);
  });
});

describe('B8 over random tickets', () => {
  prop.prop([settings(), steps(), fc.constantFrom('public', 'internal' as const)], { numRuns: 60 })(
    'B8 I1: every planned message survives nodemailer and postal-mime: names once, no BCC in a header, the planned envelope',
    async (config, list, visibility) => {
      const { tickets } = play(list, config);
      for (const { ticket: t } of tickets.values()) {
        const p = planDelivery(t, { id: 'agent-reply', visibility }, { settings: config, directory: scenarioDirectory });
        if (!p.ok) throw new Error(JSON.stringify(p.error));
        for (const m of p.value.messages) await checkSent(m, t);
      }
    },
  );
});

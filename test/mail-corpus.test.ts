// Every .eml in test/fixtures/mail, read by both postal-mime and mailparser, through
// emailFromParsed → readHeaders → classifyMail and readAddressInput.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { simpleParser } from 'mailparser';
import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { createDirectory, handle, presets, type Command, type Ticket, type TicketContext } from '../src/index.js';
import { readAddressInput } from '../src/inbound/address-input.js';
import { emailFromParsed, type ParsedEmailCommand } from '../src/inbound/from-parsed-mail.js';
import { readHeaders, type Headers } from '../src/inbound/headers.js';
import { classifyMail, type MailClassification } from '../src/inbound/machine-mail.js';

const DIR = resolve(import.meta.dirname, 'fixtures/mail');
const SUPPORT = ['support@desk.example', 'help@desk.example'];
const AT = '2025-03-03T10:30:00Z';

interface Expected {
  readonly file: string;
  readonly imitates: string;
  readonly kind: MailClassification['kind'];
  /** The header that decides, and a piece of its value. */
  readonly reason: readonly [string, string] | null;
  readonly from: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  /** `Final-Recipient` of the delivery-status part, for bounces that carry one. */
  readonly failed?: readonly string[];
  /**
   * What it does on Ann's ticket (CCs Ben and Li Chen): the comment's visibility and notice, and
   * the CCs after it under Zendesk when they change (they never change under Omnidesk).
   */
  readonly onTicket: { readonly visibility: 'public' | 'internal'; readonly notice: string | null; readonly omnideskNotice?: string; readonly zendeskCcs?: readonly string[] };
}

const MACHINE = { visibility: 'internal', notice: null } as const;

const CORPUS: readonly Expected[] = [
  { file: 'exchange-out-of-office.eml', imitates: 'Exchange out-of-office', kind: 'automatic', reason: ['auto-submitted', 'auto-generated'], from: 'dana.whitfield@contoso.example', to: ['support@desk.example'], cc: [], onTicket: MACHINE },
  { file: 'gmail-vacation.eml', imitates: 'Gmail vacation responder', kind: 'automatic', reason: ['auto-submitted', 'auto-replied'], from: 'marco.rossi.example@gmail.test', to: ['support@desk.example'], cc: [], onTicket: MACHINE },
  { file: 'outlookcom-automatic-reply.eml', imitates: 'Outlook.com automatic reply, empty Return-Path', kind: 'automatic', reason: ['auto-submitted', 'auto-generated'], from: 'priya.nair@outlook.test', to: ['support@desk.example'], cc: [], onTicket: MACHINE },
  { file: 'postfix-dsn.eml', imitates: 'Postfix delivery status notification', kind: 'bounce', reason: ['content-type', 'report-type=delivery-status'], from: 'MAILER-DAEMON@mx.desk.example', to: ['support@desk.example'], cc: [], failed: ['gone@customer.example'], onTicket: MACHINE },
  { file: 'exchange-ndr.eml', imitates: 'Exchange non-delivery report', kind: 'bounce', reason: ['content-type', 'report-type=delivery-status'], from: 'postmaster@contoso.example', to: ['support@desk.example'], cc: [], failed: ['old.colleague@contoso.example'], onTicket: MACHINE },
  { file: 'gmail-dsn.eml', imitates: 'Gmail delivery status notification', kind: 'bounce', reason: ['content-type', 'report-type=delivery-status'], from: 'mailer-daemon@googlemail.test', to: ['support@desk.example'], cc: [], failed: ['typo.address@gmail.test'], onTicket: MACHINE },
  { file: 'qmail-bounce.eml', imitates: 'plain-text bounce from MAILER-DAEMON (no report)', kind: 'bounce', reason: ['from', 'MAILER-DAEMON@'], from: 'MAILER-DAEMON@mail.oldhost.example', to: ['support@desk.example'], cc: [], onTicket: MACHINE },
  { file: 'mailman-list.eml', imitates: 'Mailman list post', kind: 'list', reason: ['list-id', 'users.lists.project.example'], from: 'tomasz@members.example', to: ['users@lists.project.example'], cc: [], onTicket: MACHINE },
  { file: 'google-groups.eml', imitates: 'Google Groups post', kind: 'list', reason: ['list-id', 'partners.groups.example'], from: 'aiko@partner.example', to: ['partners@groups.example'], cc: [], onTicket: MACHINE },
  { file: 'list-auto-reply.eml', imitates: 'auto-reply forwarded by a list', kind: 'automatic', reason: ['auto-submitted', 'auto-replied'], from: 'kofi@members.example', to: ['users@lists.project.example'], cc: [], onTicket: MACHINE },
  { file: 'read-receipt.eml', imitates: 'read receipt (disposition-notification)', kind: 'automatic', reason: ['content-type', 'report-type=disposition-notification'], from: 'ben@customer.example', to: ['support@desk.example'], cc: [], onTicket: MACHINE },
  { file: 'forward.eml', imitates: 'a person forwarding a message', kind: 'person', reason: null, from: 'ann@customer.example', to: ['support@desk.example'], cc: [], onTicket: { visibility: 'public', notice: null, omnideskNotice: 'recipients-changed', zendeskCcs: [] } },
  { file: 'bcc-only.eml', imitates: 'a copy with the desk in BCC only', kind: 'person', reason: null, from: 'ann@customer.example', to: ['sales@vendor.example'], cc: ['ben@customer.example'], onTicket: { visibility: 'internal', notice: 'desk-not-addressed' } },
  { file: 'desk-alias.eml', imitates: "the desk's own alias", kind: 'person', reason: null, from: 'help@desk.example', to: ['ann@customer.example'], cc: [], onTicket: { visibility: 'internal', notice: null } },
  { file: 'spoofed-name.eml', imitates: 'display name spoofing the desk', kind: 'person', reason: null, from: 'evil@attacker.test', to: ['support@desk.example'], cc: ['ann@customer.example'], onTicket: { visibility: 'internal', notice: 'third-party-reply' } },
  { file: 'reply-all.eml', imitates: 'reply-all from a person', kind: 'person', reason: null, from: 'ann@customer.example', to: ['support@desk.example'], cc: ['ben@customer.example', 'li.chen@customer.example'], onTicket: { visibility: 'public', notice: null } },
  { file: 'encoded-names.eml', imitates: 'RFC 2047 names (UTF-8 B, windows-1252 Q)', kind: 'person', reason: null, from: 'bjorn@customer.example', to: ['support@desk.example'], cc: ['renee@customer.example', 'yamada@customer.example'], onTicket: { visibility: 'internal', notice: 'third-party-reply' } },
];

/** The `Final-Recipient` addresses of a `message/delivery-status` body (RFC 3464), as a caller would read them. */
function finalRecipients(report: string): string[] {
  const found: string[] = [];
  for (const line of report.split(/\r?\n/)) {
    const m = /^Final-Recipient:\s*rfc822\s*;\s*(\S+)\s*$/i.exec(line);
    if (m) found.push(m[1]!);
  }
  return found;
}

/**
 * The bodies of the top-level `message/delivery-status` parts. Read from the raw message because
 * the parsers disagree on that part (postal-mime makes it an attachment, mailparser folds it into
 * `text`); the boundary comes from the parsed headers.
 */
function deliveryReports(raw: string, headers: Headers): string[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type']?.[0] ?? '')?.[1];
  if (boundary === undefined) return [];
  return raw
    .split(`--${boundary}`)
    .slice(1)
    .map((part) => part.split(/\r?\n\r?\n/))
    .filter(([head]) => /^content-type:\s*message\/delivery-status/im.test(head ?? ''))
    .map(([, ...body]) => body.join('\n\n'));
}

interface Read {
  readonly command: ParsedEmailCommand;
  readonly classification: MailClassification;
  readonly failed: string[];
}

type Parser = (raw: Buffer) => Promise<unknown>;

const PARSERS: Record<'postal-mime' | 'mailparser', Parser> = {
  'postal-mime': (raw) => PostalMime.parse(raw),
  mailparser: (raw) => simpleParser(raw),
};

async function readWith(parser: Parser, file: string): Promise<Read> {
  const raw = readFileSync(join(DIR, file));
  const first = emailFromParsed(await parser(raw), { at: AT, authentication: 'pass' });
  if (!first.ok) throw new Error(`${file}: ${JSON.stringify(first.error)}`);
  const failed = deliveryReports(raw.toString('utf8'), first.value.headers).flatMap(finalRecipients);
  const result = failed.length === 0 ? first : emailFromParsed(await parser(raw), { at: AT, authentication: 'pass', failedRecipients: failed });
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.error)}`);
  const command = result.value;
  const sender = readAddressInput(command.from).mailboxes[0] ?? null;
  return { command, classification: classifyMail(readHeaders(command.headers), sender), failed };
}

const addresses = (input: unknown): string[] => readAddressInput(input).mailboxes.map((m) => m.address);

describe('mail corpus', () => {
  it('every fixture is in the table, and every row has a fixture', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.eml')).sort();
    expect(CORPUS.map((e) => e.file).sort()).toEqual(files);
  });

  it('the README lists every fixture with its expected classification', () => {
    const readme = readFileSync(join(DIR, 'README.md'), 'utf8');
    for (const e of CORPUS) expect(readme).toMatch(new RegExp(`\\| \`${e.file.replace('.', '\\.')}\` \\|[^\\n]*\\| ${e.kind}`));
  });

  describe.each(Object.keys(PARSERS) as (keyof typeof PARSERS)[])('read by %s', (parserName) => {
    const parser = PARSERS[parserName];

    it.each(CORPUS.map((e) => [e.file, e] as const))('F11: %s is classified as expected, with the deciding header', async (_file, e) => {
      const { classification } = await readWith(parser, e.file);
      expect(classification.kind).toBe(e.kind);
      if (e.reason === null) expect(classification.reason).toBeNull();
      else {
        expect(classification.reason?.header).toBe(e.reason[0]);
        expect(classification.reason?.value).toContain(e.reason[1]);
      }
    });

    it.each(CORPUS.map((e) => [e.file, e] as const))('%s: From, To and Cc are the addresses expected', async (_file, e) => {
      const { command } = await readWith(parser, e.file);
      expect(addresses(command.from)).toEqual([e.from]);
      expect(addresses(command.to)).toEqual(e.to);
      expect(addresses(command.cc)).toEqual(e.cc);
      for (const field of [command.from, command.to, command.cc]) expect(readAddressInput(field).invalid).toEqual([]);
    });

    it.each(CORPUS.filter((e) => e.failed).map((e) => [e.file, e] as const))('F11: the bounce %s names its failed recipients from Final-Recipient', async (_file, e) => {
      const { command, failed } = await readWith(parser, e.file);
      expect(failed).toEqual(e.failed);
      expect(command.failedRecipients).toEqual(e.failed);
    });

    it('F11: a read receipt also carries Final-Recipient, but it is no delivery report and names no failure', async () => {
      const { failed, classification } = await readWith(parser, 'read-receipt.eml');
      expect(failed).toEqual([]);
      expect(classification.kind).toBe('automatic');
    });

    it('F12: in the BCC-only copy no support address is in To or Cc', async () => {
      const { command, classification } = await readWith(parser, 'bcc-only.eml');
      const visible = [...addresses(command.to), ...addresses(command.cc)].map((a) => a.toLowerCase());
      expect(visible.length).toBeGreaterThan(0);
      for (const support of SUPPORT) expect(visible).not.toContain(support);
      // Only the envelope says the desk got it.
      expect(command.headers['delivered-to']).toEqual(['support@desk.example']);
      expect(classification.kind).toBe('person');
    });

    it('F13: a display name that spells the desk address does not make the sender the desk', async () => {
      const { command } = await readWith(parser, 'spoofed-name.eml');
      const sender = readAddressInput(command.from).mailboxes[0];
      expect(sender?.address).toBe('evil@attacker.test');
      expect(sender?.key).toBe('evil@attacker.test');
      expect(sender?.name).toBe('support@desk.example');
      expect(addresses(command.replyTo)).toEqual(['collect@attacker.test']);
    });

    it("the desk's own alias is the sender of desk-alias.eml (the decider reports it as a loop)", async () => {
      const { command } = await readWith(parser, 'desk-alias.eml');
      expect(readAddressInput(command.from).mailboxes[0]?.key).toBe('help@desk.example');
    });

    it('the Message-ID is the message\'s own', async () => {
      const { command } = await readWith(parser, 'reply-all.eml');
      expect(command.messageId).toBe('<reply-all-1042@customer.example>');
      expect(command.at).toBe(AT);
      expect(command.authentication).toBe('pass');
    });

    it('RFC 2047 names arrive decoded and are not decoded again', async () => {
      const { command } = await readWith(parser, 'encoded-names.eml');
      const names = (input: unknown) => readAddressInput(input).mailboxes.map((m) => m.name);
      expect(names(command.from)).toEqual(['Björn Åström']);
      expect(names(command.to)).toEqual(['Help Desk – Support']);
      // windows-1252 0x92 is ’. postal-mime 2.7 decodes it as the C1 control U+0092, and a
      // name with a control character is dropped, the address kept.
      const renee = parserName === 'mailparser' ? 'Renée O’Connor' : null;
      expect(names(command.cc)).toEqual([renee, '山田']);
    });
  });

  it.each(CORPUS.map((e) => [e.file] as const))('F11: postal-mime and mailparser give %s the same classification and addresses', async (file) => {
    const a = await readWith(PARSERS['postal-mime'], file);
    const b = await readWith(PARSERS.mailparser, file);
    expect(a.classification).toEqual(b.classification);
    expect(a.command.messageId).toBe(b.command.messageId);
    for (const field of ['from', 'to', 'cc', 'replyTo'] as const) expect(addresses(a.command[field])).toEqual(addresses(b.command[field]));
  });
});

describe('mail corpus on a ticket: the decision each fixture gets', () => {
  const directory = createDirectory([{ address: 'kate@desk.example', kind: 'agent', id: 'kate' }]);
  const contexts: Record<'omnidesk' | 'zendesk', TicketContext> = {
    omnidesk: { settings: { ...presets.omnidesk, supportAddresses: SUPPORT }, directory },
    zendesk: { settings: { ...presets.zendesk, supportAddresses: SUPPORT }, directory },
  };
  const CCS = ['ben@customer.example', 'li.chen@customer.example'];

  /** Ann's ticket, with Ben and Li Chen in CC: the people the fixtures write among. */
  function annsTicket(context: TicketContext): Ticket {
    const r = handle(null, { type: 'receive-email', messageId: '<open@customer.example>', newTicketId: 'T-1', at: '2025-03-01T09:00:00Z', from: 'Ann <ann@customer.example>', to: 'support@desk.example', cc: CCS.join(', ') }, context);
    if (!r.ok || r.value.ticket === null) throw new Error('the ticket did not open');
    return r.value.ticket;
  }
  const keys = (t: Ticket | null) => (t === null ? null : { requester: t.requester?.key, ccs: t.ccs.map((m) => m.key), bccs: t.bccs.map((m) => m.key), followers: t.followers.map((m) => m.key) });

  describe.each(Object.keys(PARSERS) as (keyof typeof PARSERS)[])('read by %s', (parserName) => {
    describe.each(['omnidesk', 'zendesk'] as const)('under %s', (preset) => {
      it.each(CORPUS.map((e) => [e.file, e] as const))('F11 F12 F13 F2: %s is classified and decided as the table says', async (_file, e) => {
        const context = contexts[preset];
        const ticket = annsTicket(context);
        const { command } = await readWith(PARSERS[parserName], e.file);
        const r = handle(ticket, command as Command, context);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const decision = r.value;
        expect(decision.email?.classification.kind).toBe(e.kind);
        expect(decision.email?.classification.reason?.header ?? null).toBe(e.reason?.[0] ?? null);
        expect(decision.email?.outcome).toBe('added');
        expect(decision.email?.comment?.visibility).toBe(e.onTicket.visibility);
        const notice = preset === 'omnidesk' && e.onTicket.omnideskNotice !== undefined ? e.onTicket.omnideskNotice : e.onTicket.notice;
        expect(decision.email?.notice?.kind ?? null).toBe(notice);
        const expectedCcs = preset === 'zendesk' && e.onTicket.zendeskCcs !== undefined ? e.onTicket.zendeskCcs : CCS;
        expect(keys(decision.ticket)).toEqual({ ...keys(ticket), ccs: expectedCcs });
        if (e.kind !== 'person') {
          // F11: a bounce naming no participant records nothing either; B7: no notification answers it.
          expect(decision.ticket?.heldBack).toEqual([]);
          expect(decision.notifications).toEqual([]);
        }
      });
    });
  });
});

import { simpleParser } from 'mailparser';
import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { emailFromParsed } from '../src/inbound/from-parsed-mail.js';

const AT = '2025-03-03T10:00:00Z';
const RAW = 'From: Ann <ann@customer.example>\r\nTo: support@desk.example\r\nCc: Ben <ben@customer.example>\r\nReply-To: ann.private@home.example\r\nMessage-ID: <m1@customer.example>\r\nAuto-Submitted: no\r\n\r\nhi';
const NO_ID = 'From: ann@customer.example\r\nTo: support@desk.example\r\n\r\nhi';

describe('emailFromParsed', () => {
  it.each([
    ['postal-mime', () => PostalMime.parse(RAW)],
    ['mailparser', () => simpleParser(RAW)],
  ] as const)('builds a receive-email command from %s output, addresses as the parser gave them', async (_name, parse) => {
    const parsed = await parse();
    const r = emailFromParsed(parsed, { at: AT, authentication: 'fail', answers: { commentId: 'c1', visibility: 'internal' }, newTicketId: 't9' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ type: 'receive-email', messageId: '<m1@customer.example>', at: AT, authentication: 'fail', answers: { commentId: 'c1', visibility: 'internal' }, newTicketId: 't9' });
    expect(r.value.from).toBe(parsed.from);
    expect(r.value.to).toBe(parsed.to);
    expect(r.value.cc).toBe(parsed.cc);
    expect(r.value.replyTo).toBe(parsed.replyTo);
    expect(r.value.headers['auto-submitted']).toEqual(['no']);
    expect('failedRecipients' in r.value).toBe(false);
  });

  it('F1: a message without a Message-ID takes options.messageId', async () => {
    const r = emailFromParsed(await PostalMime.parse(NO_ID), { at: AT, messageId: '<fallback@desk.example>' });
    expect(r.ok && r.value.messageId).toBe('<fallback@desk.example>');
  });

  it("F1: the message's own Message-ID wins over options.messageId", async () => {
    const r = emailFromParsed(await simpleParser(RAW), { at: AT, messageId: '<fallback@desk.example>' });
    expect(r.ok && r.value.messageId).toBe('<m1@customer.example>');
  });

  it('F1: without either, it is an issue; no id is invented', async () => {
    for (const parsed of [await PostalMime.parse(NO_ID), await simpleParser(NO_ID)]) {
      const r = emailFromParsed(parsed, { at: AT });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.map((i) => i.code)).toEqual(['missing-message-id']);
    }
  });

  it('reads the Message-ID from the headers when the parser left the field out', () => {
    const r = emailFromParsed({ headers: [{ key: 'message-id', value: ' <h@x.example> ' }] }, { at: AT });
    expect(r.ok && r.value.messageId).toBe('<h@x.example>');
  });

  it('F11: failed recipients from a bounce are kept', async () => {
    const r = emailFromParsed(await PostalMime.parse(RAW), { at: AT, failedRecipients: ['gone@customer.example'] });
    expect(r.ok && r.value.failedRecipients).toEqual(['gone@customer.example']);
  });

  it("postal-mime's returnPath and deliveredTo fill in headers that are missing, never override them", () => {
    const r = emailFromParsed({ messageId: '<a@x.example>', headers: [], returnPath: '', deliveredTo: 'support@desk.example' }, { at: AT });
    expect(r.ok && r.value.headers).toEqual({ 'return-path': ['<>'], 'delivered-to': ['support@desk.example'] });
    const kept = emailFromParsed({ messageId: '<a@x.example>', headers: [{ key: 'return-path', value: '<b@x.example>' }], returnPath: '' }, { at: AT });
    expect(kept.ok && kept.value.headers['return-path']).toEqual(['<b@x.example>']);
  });

  it('every bad option is reported with its path', () => {
    const r = emailFromParsed({ messageId: '<a@x.example>' }, { at: '', authentication: 'maybe', failedRecipients: [1], answers: { commentId: 'c' }, newTicketId: '', messageId: 3 } as never);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['invalid-option', 'options.at'],
      ['invalid-option', 'options.authentication'],
      ['invalid-option', 'options.failedRecipients'],
      ['invalid-option', 'options.answers'],
      ['invalid-option', 'options.newTicketId'],
      ['invalid-option', 'options.messageId'],
    ]);
  });

  it('something that is not a parsed email is refused as a value', () => {
    for (const parsed of [null, 'From: a@x', 42, []]) {
      const r = emailFromParsed(parsed, { at: AT });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error[0]?.code).toBe('invalid-parsed-mail');
    }
  });

  it('the command is plain JSON once the parser values are', async () => {
    const r = emailFromParsed(await PostalMime.parse(RAW), { at: AT, answers: null });
    expect(r.ok && JSON.parse(JSON.stringify(r.value))).toEqual(r.ok && r.value);
  });
});

// Behaviour the issue on mutation testing found unpinned in the mail-reading files of
// src/inbound: how address values, headers and parsed mail are read (A1, D1, D3), how
// machine mail is recognised (F11, H1), and what a reader of the message reports (F12, F13).
import { describe, expect, it } from 'vitest';
import type { Command, InboundEmail, Ticket } from '../src/index.js';
import { at, contextWith, must, opened } from './support/tickets.js';
import { readAddressInput } from '../src/inbound/address-input.js';
import { emailFromParsed } from '../src/inbound/from-parsed-mail.js';
import { classifyMail } from '../src/inbound/machine-mail.js';
import { headerValues, MAX_HEADER_CHARS, MAX_HEADER_FIELDS, readHeaders, readHeadersWithIssues } from '../src/inbound/headers.js';

const codes = (input: unknown, options?: object) => readAddressInput(input, options as never).invalid.map((i) => i.code);
const addressesOf = (input: unknown, options?: object) => readAddressInput(input, options as never).mailboxes.map((m) => m.address);

describe('readAddressInput: what a parser hands over (A1, D1, D3)', () => {
  it('A1: an address field with white space around it is the address', () => {
    expect(addressesOf({ address: '  ann@x.example ' })).toEqual(['ann@x.example']);
    expect(codes({ address: '  ann@x.example ' })).toEqual([]);
  });

  it('A1: a display name that is not text is no name; the address is kept', () => {
    for (const name of [42, null, { text: 'Ann' }, ['Ann']]) {
      const read = readAddressInput({ name, address: 'ann@x.example' });
      expect(read.mailboxes.map((m) => [m.name, m.address])).toEqual([[null, 'ann@x.example']]);
      expect(read.invalid).toEqual([]);
    }
  });

  it('A1: only own fields are read: an address inherited from a prototype is no address', () => {
    const inherited = Object.create({ address: 'evil@attacker.test', name: 'Evil' }) as object;
    expect(addressesOf(inherited)).toEqual([]);
    expect(codes(inherited)).toEqual(['invalid-address']);
    const withName = Object.assign(Object.create({ name: 'Evil' }) as object, { address: 'ann@x.example' });
    expect(readAddressInput(withName).mailboxes.map((m) => m.name)).toEqual([null]);
    expect(addressesOf(Object.create({ value: [{ address: 'evil@attacker.test' }] }))).toEqual([]);
    expect(addressesOf(Object.create({ group: [{ address: 'evil@attacker.test' }] }))).toEqual([]);
  });

  it('D3: an empty address field is not an address at all: refused where the entry is, not at its address', () => {
    const entry = { name: 'Ann', address: '  ' };
    expect(readAddressInput([entry]).invalid).toEqual([expect.objectContaining({ code: 'invalid-address', input: entry, path: [0] })]);
  });

  it('A1: an empty address field next to a parsed list reads the list', () => {
    expect(addressesOf({ address: '', value: [{ address: 'b@x.example' }] })).toEqual(['b@x.example']);
    expect(addressesOf({ address: '', group: [{ address: 'c@x.example' }] })).toEqual(['c@x.example']);
  });

  it('A1: a missing entry in a list is skipped, never reported', () => {
    expect(readAddressInput([undefined, 'a@x.example', null])).toEqual({ mailboxes: [expect.objectContaining({ address: 'a@x.example' })], invalid: [] });
  });

  it("D3: invalid entries of a header string keep their position in the caller's array", () => {
    const read = readAddressInput(['a@x.example', 'bad@@x.example, b@x.example']);
    expect(read.mailboxes.map((m) => m.address)).toEqual(['a@x.example', 'b@x.example']);
    expect(read.invalid.map((i) => [i.code, i.input, i.path])).toEqual([['invalid-address', 'bad@@x.example', [1]]]);
  });

  it("D3: an invalid entry inside mailparser's value or a group is reported at its path", () => {
    const read = readAddressInput([{ value: [{ address: 'ok@x.example' }, { address: 'bad' }] }, { name: 'Team', group: [{ address: 'worse' }] }]);
    expect(read.invalid.map((i) => i.path)).toEqual([
      [0, 'value', 1, 'address'],
      [1, 'group', 0, 'address'],
    ]);
  });

  it('D3: value and group lists count toward the depth like arrays do', () => {
    expect(codes({ value: [{ value: [{ value: [{ address: 'a@x.example' }] }] }] })).toEqual(['invalid-address']);
    expect(codes({ group: [{ group: [{ group: [{ address: 'a@x.example' }] }] }] })).toEqual(['invalid-address']);
    expect(addressesOf({ value: [{ group: [{ address: 'a@x.example' }] }] })).toEqual(['a@x.example']);
  });

  it('D3: shapes as deep as a mail parser writes them are read; one level deeper is refused', () => {
    // [ AddressObject → value [ entry → group [ mailbox ] ] ]: the mailbox is at depth five.
    const deepest = [{ value: [{ name: 'Team', group: [{ address: 'a@x.example' }] }] }];
    expect(addressesOf(deepest)).toEqual(['a@x.example']);
    const nest = (value: unknown, levels: number): unknown => (levels === 0 ? value : nest([value], levels - 1));
    expect(addressesOf(nest({ address: 'a@x.example' }, 5))).toEqual(['a@x.example']);
    const tooDeep = nest({ address: 'a@x.example' }, 6);
    expect(addressesOf(tooDeep)).toEqual([]);
    expect(readAddressInput(tooDeep).invalid.map((i) => [i.code, i.path])).toEqual([['invalid-address', [0, 0, 0, 0, 0, 0]]]);
    // A header string is text: read even where an object would be too deep.
    expect(addressesOf(nest('a@x.example', 6))).toEqual(['a@x.example']);
  });

  it('D1: refused entries count against the cap, and the cap is reported once, where it was reached', () => {
    const read = readAddressInput([1, 2, 3, 4, 5], { maxAddresses: 2 });
    expect(read.invalid.map((i) => [i.code, i.input, i.path])).toEqual([
      ['invalid-address', 1, [0]],
      ['invalid-address', 2, [1]],
      ['too-many-addresses', 3, [2]],
    ]);
    const objects = readAddressInput([{ address: 'a@x.example' }, { address: 'b@x.example' }, { address: 'c@x.example' }], { maxAddresses: 2 });
    expect(objects.mailboxes.map((m) => m.address)).toEqual(['a@x.example', 'b@x.example']);
    expect(objects.invalid.map((i) => [i.code, i.path])).toEqual([['too-many-addresses', [2]]]);
  });

  it('D1: a header string past the cap is reported whole, as the text that was not read', () => {
    expect(readAddressInput(['a@x.example', 'b@x.example, c@x.example'], { maxAddresses: 1 }).invalid.map((i) => [i.code, i.input, i.path])).toEqual([['too-many-addresses', 'b@x.example, c@x.example', [1]]]);
  });

  it('D1: exactly maxAddresses entries are all read, with nothing reported', () => {
    const read = readAddressInput([{ address: 'a@x.example' }, 'b@x.example', { address: 'c@x.example' }], { maxAddresses: 3 });
    expect(read.mailboxes).toHaveLength(3);
    expect(read.invalid).toEqual([]);
    expect(readAddressInput('a@x.example, b@x.example', { maxAddresses: 2 }).invalid).toEqual([]);
    expect(readAddressInput(['bad@@x.example', 'worse@@x.example'], { maxAddresses: 2 }).invalid.map((i) => i.code)).toEqual(['invalid-address', 'invalid-address']);
  });

  it("D1: a header string's invalid entries count against the cap of the entries after it", () => {
    const read = readAddressInput(['bad@@x.example, a@x.example', 'b@x.example, c@x.example'], { maxAddresses: 3 });
    expect(read.mailboxes.map((m) => m.address)).toEqual(['a@x.example', 'b@x.example']);
    expect(read.invalid.map((i) => i.code)).toEqual(['invalid-address', 'too-many-addresses']);
  });

  it('D1: once a header string reaches the cap, nothing after it is read or reported again', () => {
    const read = readAddressInput(['a@x.example, b@x.example', 'c@x.example, d@x.example', { address: 'e@x.example' }, 'f@x.example', 7], { maxAddresses: 3 });
    expect(read.mailboxes.map((m) => m.address)).toEqual(['a@x.example', 'b@x.example', 'c@x.example']);
    expect(read.invalid.map((i) => i.code)).toEqual(['too-many-addresses']);
  });

  it('D1: with a cap of zero nothing is read and the first entry is reported', () => {
    expect(readAddressInput([{ address: 'a@x.example' }, 'b@x.example'], { maxAddresses: 0 }).invalid.map((i) => [i.code, i.path])).toEqual([['too-many-addresses', [0]]]);
    expect(readAddressInput('a@x.example', { maxAddresses: 0 }).mailboxes).toEqual([]);
  });

  it('D1: a cap that is not a number of addresses falls back to the default', () => {
    const many = Array.from({ length: 120 }, (_, i) => `u${i}@x.example`).join(', ');
    const normal = readAddressInput(many);
    for (const maxAddresses of [-1, '3', Number.NaN]) {
      const read = readAddressInput(many, { maxAddresses } as never);
      expect(read.mailboxes.length).toBe(normal.mailboxes.length);
      expect(read.invalid.map((i) => i.code)).toEqual(normal.invalid.map((i) => i.code));
    }
  });

  it('options that are not an object are no options', () => {
    for (const options of [null, 'strict', 7]) {
      expect(addressesOf('Ann@x.example', options as never)).toEqual(['Ann@x.example']);
      expect(readAddressInput('Ann@x.example', options as never).mailboxes[0]?.key).toBe('ann@x.example');
    }
  });
});

const AT = '2025-03-03T10:00:00Z';
const bad = (parsed: unknown, options: unknown) => {
  const r = emailFromParsed(parsed, options as never);
  if (r.ok) throw new Error('expected issues');
  return r.error.map((i) => [i.code, i.path.join('.'), i.input]);
};
const command = (parsed: unknown, options: object = { at: AT }) => {
  const r = emailFromParsed(parsed, options as never);
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r.value;
};

describe('emailFromParsed: a parser\'s output as a command (F1, F11, H1)', () => {
  it('F1: options that are not an object are reported at `at`, after a parsed mail that is no object', () => {
    expect(bad({ messageId: '<a@x.example>' }, null)).toEqual([['invalid-option', 'options.at', null]]);
    expect(bad(undefined, 'now')).toEqual([
      ['invalid-parsed-mail', '', undefined],
      ['invalid-option', 'options.at', 'now'],
    ]);
  });

  it('F1: options in a list, or inherited from a prototype, are no options', () => {
    expect(bad({ messageId: '<a@x.example>' }, [{ at: AT }])).toEqual([['invalid-option', 'options.at', [{ at: AT }]]]);
    expect(bad({ messageId: '<a@x.example>' }, Object.create({ at: AT }))).toEqual([['invalid-option', 'options.at', undefined]]);
    expect(command({ messageId: '<a@x.example>' }, Object.assign(Object.create({ authentication: 'fail', newTicketId: 'T-0' }) as object, { at: AT }))).toEqual({ type: 'receive-email', messageId: '<a@x.example>', at: AT, from: null, headers: {} });
  });

  it("F1: only the parsed mail's own fields are read", () => {
    const parsed = Object.assign(Object.create({ messageId: '<inherited@x.example>', from: 'evil@attacker.test', to: 'evil@attacker.test' }) as object, { headers: [] });
    expect(bad(parsed, { at: AT })).toEqual([['missing-message-id', 'messageId', undefined]]);
    expect(command(parsed, { at: AT, messageId: '<o@x.example>' })).toEqual({ type: 'receive-email', messageId: '<o@x.example>', at: AT, from: null, headers: {} });
  });

  it('F1: each bad option is reported with the value given', () => {
    const answers = { commentId: 7, visibility: 'public' };
    expect(bad({ messageId: '<a@x.example>' }, { at: '  ', authentication: 3, failedRecipients: 'gone@x.example', answers, newTicketId: '  ', messageId: ' ' })).toEqual([
      ['invalid-option', 'options.at', '  '],
      ['invalid-option', 'options.authentication', 3],
      ['invalid-option', 'options.failedRecipients', 'gone@x.example'],
      ['invalid-option', 'options.answers', answers],
      ['invalid-option', 'options.newTicketId', '  '],
      ['invalid-option', 'options.messageId', ' '],
    ]);
    expect(bad({ messageId: '<a@x.example>' }, { at: AT, failedRecipients: ['a@x.example', 2] })).toEqual([['invalid-option', 'options.failedRecipients', ['a@x.example', 2]]]);
    expect(bad({ messageId: '<a@x.example>' }, { at: AT, answers: 'c1' })).toEqual([['invalid-option', 'options.answers', 'c1']]);
    expect(bad({ messageId: '<a@x.example>' }, { at: AT, answers: { commentId: 'c1', visibility: 'private' } }).map((i) => i[1])).toEqual(['options.answers']);
    expect(bad({ messageId: '<a@x.example>' }, { at: AT, authentication: 'toString' }).map((i) => i[1])).toEqual(['options.authentication']);
  });

  it('F1: a missing Message-ID is reported next to bad options, at messageId', () => {
    expect(bad({ messageId: '  ' }, { at: 5 })).toEqual([
      ['invalid-option', 'options.at', 5],
      ['missing-message-id', 'messageId', '  '],
    ]);
  });

  it('F1, F13: the verdicts given are passed on as given; those not given are left out', () => {
    const failed = ['gone@x.example'];
    const c = command({ messageId: '<a@x.example>' }, { at: ` ${AT} `, authentication: 'none', failedRecipients: failed, answers: { commentId: 'c1', visibility: 'public' }, newTicketId: 'T-9' });
    expect(c).toEqual({ type: 'receive-email', messageId: '<a@x.example>', at: AT, from: null, headers: {}, authentication: 'none', failedRecipients: ['gone@x.example'], answers: { commentId: 'c1', visibility: 'public' }, newTicketId: 'T-9' });
    expect(c.failedRecipients).not.toBe(failed);
    expect(command({ messageId: '<a@x.example>' }, { at: AT, answers: null })).toEqual({ type: 'receive-email', messageId: '<a@x.example>', at: AT, from: null, headers: {}, answers: null });
    expect(command({ messageId: '<a@x.example>' }, { at: AT, authentication: 'pass' }).authentication).toBe('pass');
  });

  it('F1: the Message-ID is the message\'s own (trimmed), else its header, else the option (trimmed)', () => {
    expect(command({ messageId: ' <own@x.example> ', headers: [{ key: 'message-id', value: '<h@x.example>' }] }, { at: AT, messageId: '<o@x.example>' }).messageId).toBe('<own@x.example>');
    expect(command({ messageId: ' ', headers: [{ key: 'message-id', value: '<h@x.example>' }] }, { at: AT, messageId: '<o@x.example>' }).messageId).toBe('<h@x.example>');
    expect(command({ headers: [{ key: 'message-id', value: '  ' }] }, { at: AT, messageId: ' <o@x.example> ' }).messageId).toBe('<o@x.example>');
    expect(command({ messageId: 42 }, { at: AT, messageId: '<o@x.example>' }).messageId).toBe('<o@x.example>');
  });

  it('F0: newTicketId is trimmed, as `at` and `messageId` are, and the ticket the command opens has that id', () => {
    const c = command({ messageId: '<a@x.example>', from: 'ann@acme.example', to: DESK }, { at: AT, newTicketId: ' T-9\t' });
    expect(c.newTicketId).toBe('T-9');
    expect(must(null, c as Command).ticket?.id).toBe('T-9');
    expect(bad({ messageId: '<a@x.example>' }, { at: AT, newTicketId: ' \t ' })).toEqual([['invalid-option', 'options.newTicketId', ' \t ']]);
  });

  it('F1: address fields the parser left empty are not in the command; From is null when missing', () => {
    const c = command({ messageId: '<a@x.example>', from: undefined, to: null, cc: undefined, replyTo: 'r@x.example' });
    expect(c).toEqual({ type: 'receive-email', messageId: '<a@x.example>', at: AT, from: null, replyTo: 'r@x.example', headers: {} });
    expect('to' in c || 'cc' in c).toBe(false);
    expect(command({ messageId: '<a@x.example>', to: 't@x.example', cc: ['c@x.example'] })).toMatchObject({ to: 't@x.example', cc: ['c@x.example'] });
  });

  it('F11: raw header lines are read when the parser kept them; an empty list falls back to its headers', () => {
    const lines = [{ key: 'auto-submitted', line: 'Auto-Submitted: auto-replied' }];
    const headers = new Map<string, unknown>([['precedence', 'bulk']]);
    expect(command({ messageId: '<a@x.example>', headerLines: lines, headers }).headers).toEqual({ 'auto-submitted': ['auto-replied'] });
    expect(command({ messageId: '<a@x.example>', headerLines: [], headers }).headers).toEqual({ precedence: ['bulk'] });
    expect(command({ messageId: '<a@x.example>', headerLines: 'Auto-Submitted: yes', headers }).headers).toEqual({ precedence: ['bulk'] });
  });

  it("F11, H1: postal-mime's returnPath becomes a Return-Path header, trimmed and bracketed", () => {
    expect(command({ messageId: '<a@x.example>', returnPath: ' bounce@x.example ' }).headers).toEqual({ 'return-path': ['<bounce@x.example>'] });
    expect(command({ messageId: '<a@x.example>', returnPath: 7, deliveredTo: ' ' }).headers).toEqual({});
    expect(command({ messageId: '<a@x.example>', deliveredTo: ' support@desk.example ' }).headers).toEqual({ 'delivered-to': ['support@desk.example'] });
    const kept = command({ messageId: '<a@x.example>', headers: [{ key: 'delivered-to', value: 'a@desk.example' }], deliveredTo: 'b@desk.example', returnPath: 'r@x.example' });
    expect(kept.headers).toEqual({ 'delivered-to': ['a@desk.example'], 'return-path': ['<r@x.example>'] });
  });
});

const headersOf = (input: unknown) => readHeadersWithIssues(input);
const issuesOf = (input: unknown) => readHeadersWithIssues(input).issues.map((i) => [i.code, i.path, i.input]);

describe('readHeaders: the fields F11 reads, as parsers hand them over', () => {
  it('F11: headerValues reads one field in any case, keeps only text, and is safe on anything', () => {
    const h = { received: ['a', 7, 'b'], subject: 'hi', 'x-n': 3 };
    expect(headerValues(h, 'RECEIVED')).toEqual(['a', 'b']);
    expect(headerValues(h, 'Subject')).toEqual(['hi']);
    expect(headerValues(h, 'x-n')).toEqual([]);
    for (const input of [null, 'received: a', [['received', 'a']], 7]) expect(headerValues(input, 'received')).toEqual([]);
    expect(headerValues(Object.create({ received: ['a'] }), 'received')).toEqual([]);
  });

  it("F11: mailparser's { value, params } keeps every text parameter, quoted and escaped", () => {
    const map = new Map<string, unknown>([
      ['content-type', { value: 'multipart/report', params: { 'report-type': 'delivery-status', boundary: 'a"b\\c', n: 7 } }],
      ['x-plain', { value: 'text/plain', params: 'charset=utf-8' }],
      ['x-none', { value: 'text/plain' }],
    ]);
    expect(headersOf(map)).toEqual({
      headers: {
        'content-type': ['multipart/report; report-type="delivery-status"; boundary="a\\"b\\\\c"'],
        'x-plain': ['text/plain'],
        'x-none': ['text/plain'],
      },
      issues: [],
    });
    expect(issuesOf(new Map([['content-type', { params: { a: 'b' } }]]))).toEqual([['invalid-header', ['content-type'], { params: { a: 'b' } }]]);
  });

  it("F11: mailparser's `list` entry becomes each List-* field again", () => {
    const list = {
      id: { id: 'users.lists.example', name: 'Users' },
      Unsubscribe: [{ url: 'https://lists.example/leave' }, { mail: 'leave@lists.example' }, 'junk', { other: 1 }],
      post: { id: 'post.lists.example', name: '' },
      help: { mail: 'help@lists.example', name: 'Help' },
    };
    expect(headersOf(new Map([['list', list]])).headers).toEqual({
      'list-id': ['Users <users.lists.example>'],
      'list-unsubscribe': ['<https://lists.example/leave>', '<mailto:leave@lists.example>'],
      'list-post': ['<post.lists.example>'],
      'list-help': ['<mailto:help@lists.example>'],
    });
    expect(headersOf([[' List ', { id: { id: 'a.example', name: 7 } }]]).headers).toEqual({ 'list-id': ['<a.example>'] });
    expect(headersOf(new Map([['list', { id: { id: 'a.example', url: 'https://x.example', mail: 'm@x.example' }, help: { url: 'https://x.example', mail: 'm@x.example' } }]])).headers).toEqual({
      'list-id': ['<a.example>'],
      'list-help': ['<https://x.example>'],
    });
  });

  it('F11: a field named `list` that holds an address object is read as one', () => {
    expect(headersOf({ list: { value: [{ address: 'l@x.example' }], text: 'l@x.example' } }).headers).toEqual({ list: ['l@x.example'] });
    expect(headersOf({ list: 'users <l.x.example>' }).headers).toEqual({ list: ['users <l.x.example>'] });
  });

  it("F11, H1: mailparser's dates and address objects as header text; only Return-Path's empty text is <>", () => {
    const when = new Date(Date.UTC(2025, 2, 3, 10));
    const empty = { value: [], text: ' ', html: '' };
    expect(headersOf(new Map<string, unknown>([['date', when], ['return-path', empty], ['reply-to', empty], ['to', { value: [{ address: 'a@x.example' }], text: 'a@x.example' }]])).headers).toEqual({
      date: ['2025-03-03T10:00:00.000Z'],
      'return-path': ['<>'],
      'reply-to': [''],
      to: ['a@x.example'],
    });
    const invalid = new Date(Number.NaN);
    expect(issuesOf(new Map([['date', invalid]]))).toEqual([['invalid-header', ['date'], invalid]]);
    // A `text` without the `value` list is no address object.
    expect(issuesOf(new Map([['to', { text: 'a@x.example' }]]))).toEqual([['invalid-header', ['to'], { text: 'a@x.example' }]]);
  });

  it('H1: a Return-Path address object with an address keeps it; an address list without text is not read', () => {
    expect(readHeaders(new Map([['return-path', { value: [{ address: 'b@x.example' }], text: '<b@x.example>' }]]))).toEqual({ 'return-path': ['<b@x.example>'] });
    expect(issuesOf(new Map([['to', { value: [] }]]))).toEqual([['invalid-header', ['to'], { value: [] }]]);
  });

  it('F11: every value of a repeated field is read; one that is not text is reported at its index', () => {
    expect(headersOf(new Map([['received', ['hop 1', 7, 'hop 2']]]))).toEqual({
      headers: { received: ['hop 1', 'hop 2'] },
      issues: [expect.objectContaining({ code: 'invalid-header', path: ['received', 1], input: 7 })],
    });
    expect(issuesOf({ 'x-n': null })).toEqual([['invalid-header', ['x-n'], null]]);
  });

  it('F11: a field name is trimmed and lower-cased; one with a space or colon, or none, is refused with its entry', () => {
    expect(headersOf([{ key: ' Auto-Submitted ', value: 'auto-replied' }]).headers).toEqual({ 'auto-submitted': ['auto-replied'] });
    const spaced = { key: 'x y', value: 'v' };
    const colon = ['a:b', 'v'];
    const empty = { key: '  ', value: 'v' };
    expect(issuesOf([spaced, colon, empty])).toEqual([
      ['invalid-header', [0], spaced],
      ['invalid-header', [1], colon],
      ['invalid-header', [2], empty],
    ]);
  });

  it('F11: a raw line is split at its first colon; a line starting with a colon, or no line and no value, is refused', () => {
    expect(headersOf([{ key: 'x', line: 'Subject: a: b' }]).headers).toEqual({ subject: ['a: b'] });
    const entries = [{ key: 'x', line: ': v' }, { key: 'subject', line: 'no colon', value: 'v' }, { key: 'subject' }, { key: 7, value: 'v' }, ['subject', 'a', 'b'], [7, 'v'], []];
    expect(headersOf(entries)).toEqual({ headers: {}, issues: entries.map((input, i) => ({ code: 'invalid-header', message: expect.any(String), input, path: [i] })) });
    expect(headersOf([{ key: 'subject', line: 7, value: 'v' }]).issues.map((i) => i.code)).toEqual(['invalid-header']);
  });

  it('F11: a null or a string in a header list is refused, never read', () => {
    expect(issuesOf([null, 'Subject: hi', { 0: 'subject', 1: 'hi' }])).toEqual([
      ['invalid-header', [0], null],
      ['invalid-header', [1], 'Subject: hi'],
      ['invalid-header', [2], { 0: 'subject', 1: 'hi' }],
    ]);
    expect(headersOf(new Map([['list', { id: null, help: [null, { mail: 'h@x.example' }] }]])).headers).toEqual({ 'list-help': ['<mailto:h@x.example>'] });
  });

  it('F11: a raw line without a colon is refused whole; its name is trimmed; a bad name is refused at its index', () => {
    const entries = [{ line: 'nocolon' }, { line: 'Subject : hi' }, { line: 'bad name: v' }];
    expect(headersOf(entries)).toEqual({ headers: { subject: ['hi'] }, issues: [expect.objectContaining({ code: 'invalid-header', path: [0] }), expect.objectContaining({ code: 'invalid-header', path: [2], input: entries[2] })] });
  });

  it("F11: mailparser's params in a list are no params", () => {
    expect(readHeaders(new Map([['content-type', { value: 'text/plain', params: ['a'] }]]))).toEqual({ 'content-type': ['text/plain'] });
  });

  it('F11: the list fields of the entry that reaches the cap are not read past it, and the cap is reported once', () => {
    const filler = Array.from({ length: MAX_HEADER_FIELDS - 1 }, (_, i) => [`x-${i}`, 'v'] as const);
    const map = new Map<string, unknown>([...filler, ['list', { id: { id: 'l.example' }, help: { mail: 'h@x.example' }, post: { mail: 'p@x.example' } }]]);
    const { headers, issues } = readHeadersWithIssues(map);
    expect(headers['list-id']).toEqual(['<l.example>']);
    expect(headers['list-help']).toBeUndefined();
    expect(headers['list-post']).toBeUndefined();
    expect(issues.map((i) => i.code)).toEqual(['headers-too-large']);
  });

  it('F11: in a Map, a name that is not text is refused at its position', () => {
    const map = new Map<unknown, unknown>([[1, 'a'], ['precedence', 'bulk'], [Symbol.for('s'), 'b']]);
    expect(issuesOf(map)).toEqual([
      ['invalid-header', [0], 1],
      ['invalid-header', [2], Symbol.for('s')],
    ]);
    expect(readHeaders(map)).toEqual({ precedence: ['bulk'] });
  });

  it('F11: only own fields of a plain object are read', () => {
    const h = Object.assign(Object.create({ precedence: 'bulk' }) as object, { 'auto-submitted': 'no' });
    expect(headersOf(h)).toEqual({ headers: { 'auto-submitted': ['no'] }, issues: [] });
  });

  it('anything else is reported once, with the input, and nothing is read', () => {
    expect(issuesOf(42)).toEqual([['invalid-header', [], 42]]);
    expect(headersOf(null)).toEqual({ headers: {}, issues: [] });
  });

  it(`exactly ${MAX_HEADER_FIELDS} fields are all read; the cap applies to every shape of input`, () => {
    const exact = Array.from({ length: MAX_HEADER_FIELDS }, (_, i) => ({ key: 'received', value: `hop ${i}` }));
    expect(headersOf(exact).issues).toEqual([]);
    expect(headersOf(exact).headers['received']).toHaveLength(MAX_HEADER_FIELDS);
    const one = [...exact, { key: 'precedence', value: 'bulk' }];
    expect(headersOf(one).issues.map((i) => [i.code, i.path, i.input])).toEqual([['headers-too-large', [MAX_HEADER_FIELDS], null]]);
    expect(headersOf(one).headers['precedence']).toBeUndefined();
    const map = new Map(Array.from({ length: MAX_HEADER_FIELDS + 5 }, (_, i) => [`x-${i}`, 'v'] as const));
    expect(Object.keys(headersOf(map).headers)).toHaveLength(MAX_HEADER_FIELDS);
    expect(headersOf(map).issues.map((i) => [i.code, i.path])).toEqual([['headers-too-large', [`x-${MAX_HEADER_FIELDS}`]]]);
    const object = Object.fromEntries(Array.from({ length: MAX_HEADER_FIELDS + 5 }, (_, i) => [`x-${i}`, 'v']));
    expect(Object.keys(headersOf(object).headers)).toHaveLength(MAX_HEADER_FIELDS);
    expect(headersOf(object).issues.map((i) => i.code)).toEqual(['headers-too-large']);
    const values = new Map([['received', Array.from({ length: MAX_HEADER_FIELDS + 5 }, (_, i) => `hop ${i}`)]]);
    expect(headersOf(values).headers['received']).toHaveLength(MAX_HEADER_FIELDS);
    expect(headersOf(values).issues.map((i) => i.code)).toEqual(['headers-too-large']);
    const garbageMap = new Map(Array.from({ length: MAX_HEADER_FIELDS + 5 }, (_, i) => [i, 'v'] as const));
    expect(headersOf(garbageMap).issues).toHaveLength(MAX_HEADER_FIELDS + 1);
  });

  it(`exactly ${MAX_HEADER_CHARS} characters of names and values are all read`, () => {
    const name = 'x-big';
    const value = 'v'.repeat(MAX_HEADER_CHARS / 4 - name.length);
    const four = Array.from({ length: 4 }, () => ({ key: name, value }));
    expect(headersOf(four).issues).toEqual([]);
    expect(headersOf([...four, { key: 'x', value: '' }]).issues.map((i) => i.code)).toEqual(['headers-too-large']);
    expect(headersOf([...four, [name, 7]]).issues.map((i) => i.code)).toEqual(['invalid-header']);
    // A refused line costs no characters either.
    expect(headersOf([...four, { line: ': x' }]).issues.map((i) => i.code)).toEqual(['invalid-header']);
  });
});

const nested = (levels: number): string => '('.repeat(levels) + 'x' + ')'.repeat(levels);

describe('classifyMail: reading the deciding headers (F11, H1)', () => {
  it('F11: comments nest up to eight levels and are read as comments; deeper, the value is not `no` (the safe side)', () => {
    expect(classifyMail({ 'auto-submitted': [`no ${nested(8)}`] }, null)).toEqual({ kind: 'person', reason: null });
    expect(classifyMail({ 'auto-submitted': [`no ${nested(9)}`] }, null).kind).toBe('automatic');
    expect(classifyMail({ 'auto-submitted': ['no (a \\) b)'] }, null).kind).toBe('person');
  });

  it('F11: a comment separates words, it never joins them', () => {
    expect(classifyMail({ 'auto-submitted': ['n(comment)o'] }, null).kind).toBe('automatic');
    expect(classifyMail({ 'auto-submitted': ['no(comment)'] }, null).kind).toBe('person');
  });

  it('F11: a quoted report-type may escape any character', () => {
    expect(classifyMail({ 'content-type': ['multipart/report; report-type="delivery\\-status"'] }, null).kind).toBe('bounce');
  });

  it('F11: only the first token of Auto-Submitted or Precedence decides', () => {
    expect(classifyMail({ 'auto-submitted': ['no; auto-replied'] }, null).kind).toBe('person');
    expect(classifyMail({ precedence: ['normal; junk'] }, null).kind).toBe('person');
    expect(classifyMail({ precedence: ['JUNK ; x=1'] }, null)).toEqual({ kind: 'automatic', reason: { header: 'precedence', value: 'JUNK ; x=1' } });
  });

  it('F11: a quoted parameter may hold an escaped quote and a semicolon; the report-type after it is what counts', () => {
    expect(classifyMail({ 'content-type': ['multipart/report; boundary="a\\"; report-type=delivery-status"'] }, null).kind).toBe('automatic');
    expect(classifyMail({ 'content-type': ['multipart/report; boundary="a\\\\"; report-type=delivery-status'] }, null).kind).toBe('bounce');
    expect(classifyMail({ 'content-type': ['multipart/report; REPORT-TYPE = "Delivery-Status" '] }, null).kind).toBe('bounce');
    expect(classifyMail({ 'content-type': ['multipart/report; report-type=delivery-status-x'] }, null).kind).toBe('automatic');
  });

  it('F11: the first report among several Content-Type values is the reason; a DSN among them is a bounce', () => {
    const receipt = 'multipart/report; report-type=disposition-notification';
    const dsn = 'multipart/report; report-type=delivery-status';
    expect(classifyMail({ 'content-type': ['text/plain', receipt, 'multipart/report; report-type=feedback-report'] }, null)).toEqual({ kind: 'automatic', reason: { header: 'content-type', value: receipt } });
    expect(classifyMail({ 'content-type': [receipt, dsn] }, null)).toEqual({ kind: 'bounce', reason: { header: 'content-type', value: dsn } });
  });

  it('F11: a bounce sender is recognised by its local part only, unquoted', () => {
    expect(classifyMail({}, { address: 'MAILER-DAEMON' })).toEqual({ kind: 'bounce', reason: { header: 'from', value: 'MAILER-DAEMON' } });
    expect(classifyMail({}, { address: ' postmaster @mx.example' }).kind).toBe('bounce');
    expect(classifyMail({}, { address: 'mailer-daemon@postmaster@mx.example' }).kind).toBe('person');
    for (const address of ['xmailer-daemon"@mx.example', '"mailer-daemonx@mx.example', '"@mx.example', 'ann@mailer-daemon']) {
      expect(classifyMail({}, { address }).kind).toBe('person');
    }
  });

  it('F11: a sender without a text address is no sender', () => {
    expect(classifyMail({}, { address: 42 } as never)).toEqual({ kind: 'person', reason: null });
    expect(classifyMail({}, 'mailer-daemon@mx.example' as never)).toEqual({ kind: 'person', reason: null });
  });

  it('F11: the first automatic sign of a field decides, with that value as the reason', () => {
    expect(classifyMail({ precedence: ['normal', 'bulk', 'junk'] }, null)).toEqual({ kind: 'automatic', reason: { header: 'precedence', value: 'bulk' } });
    expect(classifyMail({ 'x-autorespond': ['1'], 'x-autogenerated': ['2'] }, null)).toEqual({ kind: 'automatic', reason: { header: 'x-autorespond', value: '1' } });
    expect(classifyMail({ 'x-autogenerated': ['2'] }, null)).toEqual({ kind: 'automatic', reason: { header: 'x-autogenerated', value: '2' } });
    expect(classifyMail({ 'return-path': ['<a@x.example>', '<>'] }, null)).toEqual({ kind: 'bounce', reason: { header: 'return-path', value: '<>' } });
    expect(classifyMail({ 'list-unsubscribe': ['<u>'], 'list-id': ['<l>'] }, null)).toEqual({ kind: 'list', reason: { header: 'list-id', value: '<l>' } });
  });

  it('F11: a field present without any value is no sign; with an empty value it is', () => {
    expect(classifyMail({ 'x-autoreply': [], 'list-id': [] }, null)).toEqual({ kind: 'person', reason: null });
    expect(classifyMail({ 'list-id': [''] }, null)).toEqual({ kind: 'list', reason: { header: 'list-id', value: '' } });
    expect(classifyMail({ 'list-id': [], precedence: ['bulk'] }, null).kind).toBe('automatic');
  });
});

const DESK = 'support@desk.example';
let seq = 0;
const inbound = (fields: Partial<InboundEmail>): Command => ({ type: 'receive-email', messageId: `<mail-${++seq}@x.example>`, at: at(), from: 'ann@acme.example', to: DESK, ...fields }) as Command;
const people = (t: Ticket | null | undefined) => (t ? { requester: t.requester?.address ?? null, ccs: t.ccs.map((m) => m.address) } : null);

describe('readMessage, as handle shows it (F0, F1, F11–F13, H1)', () => {
  it('F0: the sender is the first From address; the others present (From\'s other authors too) become CCs once each, in header order, less support addresses', () => {
    const r = must(null, inbound({ from: 'Ann <ann@acme.example>, bob@acme.example', to: `${DESK}, cleo@acme.example, ANN@acme.example`, cc: 'dan@acme.example, cleo@acme.example, reply+7@in.desk.example' }));
    expect(people(r.ticket)).toEqual({ requester: 'ann@acme.example', ccs: ['bob@acme.example', 'cleo@acme.example', 'dan@acme.example'] });
    expect(r.email?.comment?.author?.address).toBe('ann@acme.example');
  });

  it('F0, A5: a support address in To alone addresses the desk', () => {
    const r = must(null, inbound({ to: DESK, cc: 'cleo@acme.example' }));
    expect(people(r.ticket)).toEqual({ requester: 'ann@acme.example', ccs: ['cleo@acme.example'] });
  });

  it('F0, A5: a support address in Cc alone addresses the desk', () => {
    const r = must(null, inbound({ to: 'cleo@acme.example', cc: 'reply+12@in.desk.example' }));
    expect(people(r.ticket)).toEqual({ requester: 'ann@acme.example', ccs: ['cleo@acme.example'] });
  });

  it('F8, F10: the addresses present on a notice start with the sender and hold each address once', () => {
    const t = opened('ann@acme.example', ['bob@acme.example']);
    const r = must(t, inbound({ from: 'zed@other.example', to: `${DESK}, ann@acme.example`, cc: 'ANN@acme.example, zed@other.example, dan@acme.example' }));
    expect(r.email?.notice?.kind).toBe('third-party-reply');
    expect(r.email?.notice?.present.map((m) => m.key)).toEqual(['zed@other.example', 'ann@acme.example', 'dan@acme.example']);
  });

  it('D3: invalid addresses are reported with the header they were in; the rest applies', () => {
    const r = must(null, inbound({ from: 'ann@acme.example', to: `${DESK}, bad@@to.example`, cc: 'cleo@acme.example, worse@@cc.example', replyTo: 'ann@acme.example' }));
    expect(r.issues.filter((i) => i.code === 'invalid-address').map((i) => [(i as { header?: string }).header, i.input])).toEqual([
      ['to', 'bad@@to.example'],
      ['cc', 'worse@@cc.example'],
    ]);
    expect(people(r.ticket)).toEqual({ requester: 'ann@acme.example', ccs: ['cleo@acme.example'] });
  });

  it('D3, F1: an unreadable From is reported once, as what it was; a missing From is reported as missing', () => {
    const bad = must(null, inbound({ from: 'bad@@from.example' }));
    expect(bad.issues.filter((i) => i.code === 'invalid-address').map((i) => [(i as { header?: string }).header, i.input, i.path])).toEqual([['from', 'bad@@from.example', []]]);
    expect(bad.email?.comment?.author).toBeNull();
    const missing = must(null, inbound({ from: null }));
    expect(missing.issues.filter((i) => i.code === 'invalid-address').map((i) => [(i as { header?: string }).header, i.input, i.path])).toEqual([['from', null, []]]);
  });

  it('F13: a Reply-To is reported only against a sender, naming the other address', () => {
    const none = must(null, inbound({ from: 'bad@@from.example', replyTo: 'collect@attacker.test' }));
    expect(none.issues.map((i) => i.code)).not.toContain('reply-to-differs');
    const other = must(null, inbound({ replyTo: [{ address: 'ann@acme.example' }, { address: 'collect@attacker.test' }] }));
    const reported = other.issues.filter((i) => i.code === 'reply-to-differs');
    expect(reported.map((i) => [(i as { header?: string }).header, i.input, i.path])).toEqual([['reply-to', [{ address: 'ann@acme.example' }, { address: 'collect@attacker.test' }], []]]);
    expect(reported[0]?.message).toContain('collect@attacker.test');
    expect(people(other.ticket)?.requester).toBe('ann@acme.example');
  });

  it('F11: the older autoSubmitted field counts only when the headers do not say Auto-Submitted', () => {
    const context = contextWith({ machineMailOpensTickets: true });
    expect(must(null, inbound({ autoSubmitted: 'auto-replied' }), context).email?.classification).toEqual({ kind: 'automatic', reason: { header: 'auto-submitted', value: 'auto-replied' } });
    expect(must(null, inbound({ autoSubmitted: 'auto-replied', headers: { 'Auto-Submitted': 'no' } }), context).email?.classification.kind).toBe('person');
    expect(must(null, inbound({ autoSubmitted: true, headers: { Precedence: 'bulk' } }), context).email?.classification).toEqual({ kind: 'automatic', reason: { header: 'precedence', value: 'bulk' } });
    expect(must(null, inbound({ autoSubmitted: 7 }), context).email?.classification.kind).toBe('person');
  });

  it('F11: a bounce is recognised by its sender as the From address reads it', () => {
    const r = must(null, inbound({ from: [{ name: 'Mail Delivery System', address: 'MAILER-DAEMON@mx.acme.example' }] }), contextWith({ machineMailOpensTickets: true }));
    expect(r.email?.classification).toEqual({ kind: 'bounce', reason: { header: 'from', value: 'MAILER-DAEMON@mx.acme.example' } });
  });

  it('H1: a bounce without failed recipients marks nobody; with them, those on the ticket', () => {
    const t = opened('ann@acme.example', ['bob@acme.example']);
    const bounce = (extra: Partial<InboundEmail>) => must(t, inbound({ from: 'MAILER-DAEMON@mx.acme.example', authentication: 'pass', ...extra }));
    expect(bounce({}).events.filter((e) => e.type === 'delivery-changed')).toEqual([]);
    const marked = bounce({ failedRecipients: 'Bob <BOB@acme.example>' }).events.filter((e) => e.type === 'delivery-changed');
    expect(marked.map((e) => (e as { mailbox: { address: string } }).mailbox.address)).toEqual(['BOB@acme.example']);
  });

  it('F13: without a verdict the sender is unverified ("none"), and a failed one is held', () => {
    const t = opened('ann@acme.example', ['bob@acme.example']);
    const none = must(t, inbound({ cc: 'bob@acme.example, cleo@acme.example' }));
    expect(people(none.ticket)?.ccs).toEqual(['bob@acme.example', 'cleo@acme.example']);
    const fail = must(t, inbound({ cc: 'bob@acme.example, cleo@acme.example', authentication: 'fail' }));
    expect(fail.email?.notice?.kind).toBe('unverified-sender');
    expect(people(fail.ticket)?.ccs).toEqual(['bob@acme.example']);
  });
});

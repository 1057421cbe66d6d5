import { describe, expect, it } from 'vitest';
import {
  compilePattern,
  decodeEncodedWords,
  formatAddressList,
  formatMailbox,
  matchesPattern,
  parseAddress,
  parseAddressList,
  sameAddress,
} from '../src/index.js';
import { keyOf } from './support/keys.js';
import headers from './fixtures/headers.json' with { type: 'json' };
import isemail from './fixtures/isemail-tests.json' with { type: 'json' };
import { parseEntry } from '../src/address/parse-mailbox.js';
import { reference, verdict } from './support/reference-parser.js';


describe('A1: address-list headers', () => {
  it.each(headers.cases)('A1: corpus case $id keeps every valid entry and reports each invalid one', (c) => {
    const { mailboxes, invalid } = parseAddressList(c.value);
    expect(mailboxes.map((m) => m.address)).toEqual(c.entries);
    expect(invalid).toHaveLength(c.invalid);
    if ('name' in c) expect(mailboxes[0]?.name).toBe(c.name);
    if ('identity' in c) expect(mailboxes[0]?.key).toBe(c.identity);
  });

  it('A1: one bad entry in the middle does not lose the others, and is reported with its text', () => {
    const { mailboxes, invalid } = parseAddressList('good@example.com, bad@@example, "Doe, Jane" <jane@example.com>');
    expect(mailboxes.map((m) => [m.address, m.name])).toEqual([
      ['good@example.com', null],
      ['jane@example.com', 'Doe, Jane'],
    ]);
    expect(invalid).toEqual([expect.objectContaining({ code: 'invalid-address', input: 'bad@@example' })]);
  });

  it('A1: groups contribute their members, and the empty undisclosed-recipients group nothing', () => {
    expect(parseAddressList('Team: a@x.example, b@x.example;, undisclosed-recipients:;, c@y.example').mailboxes.map((m) => m.address)).toEqual([
      'a@x.example',
      'b@x.example',
      'c@y.example',
    ]);
  });

  it('A1: bad input of every type is an issue value, never a throw', () => {
    for (const input of [42, {}, [], true, Symbol.iterator]) {
      const r = parseAddressList(input);
      expect(r.mailboxes).toEqual([]);
      expect(r.invalid[0]?.code).toBe('not-a-string');
    }
    expect(parseAddressList(null)).toEqual({ mailboxes: [], invalid: [] });
  });

  it('A1: CR/LF inside a name is refused, so it can never reach a header', () => {
    const r = parseAddressList('"Evil\r\nBcc: victim@example.com" <evil@example.com>, ok@example.com');
    expect(r.mailboxes.map((m) => m.address)).toEqual(['ok@example.com']);
    expect(r.invalid[0]?.code).toBe('control-character');
  });

  it('A1: a 10,000-address header is read whole; past the limit the rest is reported in one issue', () => {
    const header = Array.from({ length: 10_005 }, (_, i) => `user${i}@example.com`).join(', ');
    const r = parseAddressList(header);
    expect(r.mailboxes).toHaveLength(10_000);
    expect(r.invalid).toEqual([expect.objectContaining({ code: 'too-many-addresses' })]);
    expect((r.invalid[0]?.input as string[]).length).toBe(5);
  });

  it('A1: parseAddress wants exactly one address', () => {
    expect(parseAddress('a@x.example, b@x.example')).toMatchObject({ ok: false, error: { code: 'expected-one-address' } });
    expect(parseAddress('')).toMatchObject({ ok: false, error: { code: 'expected-one-address' } });
    expect(parseAddress(null)).toMatchObject({ ok: false, error: { code: 'not-a-string' } });
  });
});

describe('A1: the same verdict as email-addresses on every entry', () => {
  // isemail's 164 cases, each as one entry: valid for us exactly when email-addresses (RFC 6532 on) says so,
  // with the same address. Control characters are refused before parsing (header injection), so those cases differ by design.
  it.each(isemail.filter((c) => !/[\x00-\x08\x0a-\x1f\x7f]/.test(c.address)))('A1: isemail case $id', (c) => {
    expect(verdict(parseEntry(c.address))).toEqual(reference(c.address));
  });
});

describe('A2: encoded-word names', () => {
  it('A2: decodes UTF-8 base64 and KOI8-R, joins adjacent words, keeps unknown charsets raw', () => {
    expect(decodeEncodedWords('=?UTF-8?B?0JjQstCw0L0=?=')).toBe('Иван');
    expect(decodeEncodedWords('=?KOI8-R?B?8NLJ18XU?=')).toBe('Привет');
    expect(decodeEncodedWords('=?ISO-8859-1?Q?Andr=E9?= =?ISO-8859-1?Q?_Pirard?=')).toBe('André Pirard');
    expect(decodeEncodedWords('=?X-UNKNOWN?B?AAAA?=')).toBe('=?X-UNKNOWN?B?AAAA?=');
    expect(decodeEncodedWords('=?UTF-8?B?not base64!?=')).toBe('=?UTF-8?B?not base64!?=');
  });

  it('A2: a decoded name loses the CR/LF it smuggled in', () => {
    const encoded = `=?UTF-8?B?${btoa('Evil\r\nBcc: x@y.example')}?=`;
    const [box] = parseAddressList(`${encoded} <evil@example.com>`).mailboxes;
    expect(box?.name).toBe('Evil Bcc: x@y.example');
  });
});

describe('A3: identity', () => {
  it('A3: domain lower-cased and in punycode, local part case-insensitive by default', () => {
    expect(keyOf('John.Smith@Example.COM')).toBe('john.smith@example.com');
    expect(keyOf('kunde@Bücher.example')).toBe('kunde@xn--bcher-kva.example');
    expect(sameAddress('kunde@bücher.example', 'KUNDE@xn--bcher-kva.example')).toBe(true);
    expect(sameAddress('alice+billing@example.com', 'alice@example.com')).toBe(false);
  });

  it('A3: caseSensitiveLocalPart keeps the local part as written', () => {
    expect(keyOf('John@Example.COM', true)).toBe('John@example.com');
    expect(sameAddress('John@x.example', 'john@x.example', { caseSensitiveLocalPart: true })).toBe(false);
  });

  it('A3: the display name never takes part in identity, and a needlessly quoted local part is the same mailbox', () => {
    expect(keyOf('Ann <ann@x.example>')).toBe(keyOf('"Someone else" <ann@x.example>'));
    expect(keyOf('"ann"@x.example')).toBe('ann@x.example');
    expect(keyOf('"john smith"@x.example')).toBe('"john smith"@x.example');
  });
});

describe('A5: support addresses and patterns', () => {
  const matches = (pattern: string, address: string) => {
    const p = compilePattern(pattern);
    if (p === null) throw new Error(pattern);
    return matchesPattern(p, keyOf(address));
  };

  it('A5: exact addresses, whole domains, subdomains and wildcards', () => {
    expect(matches('support@desk.example', 'Support@Desk.example')).toBe(true);
    expect(matches('desk.example', 'anyone@desk.example')).toBe(true);
    expect(matches('@desk.example', 'anyone@desk.example')).toBe(true);
    expect(matches('desk.example', 'anyone@eu.desk.example')).toBe(false);
    expect(matches('*.desk.example', 'anyone@eu.desk.example')).toBe(true);
    expect(matches('*.desk.example', 'anyone@notdesk.example')).toBe(false);
    expect(matches('reply+*@in.desk.example', 'reply+a1b2@in.desk.example')).toBe(true);
    expect(matches('reply+*@in.desk.example', 'reply@in.desk.example')).toBe(false);
    expect(matches('no-reply*@*', 'no-reply-billing@bank.example')).toBe(true);
  });

  it('A5: patterns from settings never become regular expressions, so a pathological one cannot backtrack', () => {
    const p = compilePattern('*a*a*a*a*a*a*a*a*b@*');
    // Only literal pieces: matching is a left-to-right scan for each piece.
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
    expect(p?.local).toEqual(['', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'b']);
    // As a backtracking regular expression this would take 900^8 steps; here it is one scan.
    expect(matchesPattern(p!, keyOf(`${'a'.repeat(900)}@x.example`))).toBe(false);
    expect(matchesPattern(p!, keyOf(`${'a'.repeat(900)}b@x.example`))).toBe(true);
  });

  it('A5: what is not a pattern is refused', () => {
    for (const bad of ['', ' ', 'a b@x', 'a@', 'a@b@c', 'x..y']) expect(compilePattern(bad)).toBeNull();
  });
});

describe('A1: formatting back into a header', () => {
  it('A1: quotes names that need it and encodes non-ASCII names', () => {
    const [john, ivan, plain] = parseAddressList('"Smith, John" <john@x.example>, =?UTF-8?B?0JjQstCw0L0=?= <ivan@x.example>, Ann Lee <ann@x.example>').mailboxes;
    expect(formatMailbox(john!)).toBe('"Smith, John" <john@x.example>');
    expect(formatMailbox(ivan!)).toBe('=?UTF-8?B?0JjQstCw0L0=?= <ivan@x.example>');
    expect(formatMailbox(plain!)).toBe('Ann Lee <ann@x.example>');
    expect(formatAddressList([john!, plain!])).toBe('"Smith, John" <john@x.example>, Ann Lee <ann@x.example>');
  });

  it('A1: a name carrying CR/LF from stored JSON is flattened, never written into the header', () => {
    const header = formatMailbox({ address: 'a@x.example', name: 'Evil\r\nBcc: v@x.example' });
    expect(header).not.toMatch(/[\r\n]/);
    expect(parseAddressList(header).mailboxes.map((m) => m.address)).toEqual(['a@x.example']);
  });
});

import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { cleanName, parseEntry } from '../src/address/parse-mailbox.js';
import { splitAddressList } from '../src/address/split-list.js';
import { formatAddressList, formatMailbox, normalizeAddress, parseAddressList } from '../src/index.js';
import { address, addressHeader, garbage, mailboxText } from '../src/testing/arbitraries.js';
import { reference, verdict } from './support/reference-parser.js';

const RUNS = { numRuns: 300 };

describe('A1 differential: every entry gets the verdict email-addresses gives it', () => {
  it.prop([addressHeader()], RUNS)('A1: over generated headers', (header) => {
    for (const entry of splitAddressList(header)) {
      if (entry.flaw) continue;
      expect(verdict(parseEntry(entry.text))).toEqual(reference(entry.text));
    }
  });

  it.prop([fc.oneof(mailboxText(), garbage(), fc.string({ unit: 'binary-ascii', maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 }), fc.tuple(fc.string({ unit: 'grapheme', maxLength: 8 }), address()).map(([n, a]) => `${n} <${a}>`))], { numRuns: 1500 })('A1: over single entries and raw strings', (entry) => {
    fc.pre(!/[\x00-\x08\x0a-\x1f\x7f]/.test(entry));
    expect(verdict(parseEntry(entry.trim()))).toEqual(reference(entry.trim()));
  });

  // Words, quoted strings, comments and white space side by side: where our linear pre-check refuses
  // before email-addresses is asked, its verdict must still be the one email-addresses gives.
  const wordy = fc.array(fc.constantFrom('a', 'b', ' ', '.', '"x"', '"a b"', '(c)', '@', 'x.example', '<', '>', '[1.2.3.4]', ':'), { minLength: 1, maxLength: 10 }).map((p) => p.join('').trim());
  it.prop([wordy], { numRuns: 1500 })('A1: over words and white space side by side', (entry) => {
    fc.pre(entry !== '');
    expect(verdict(parseEntry(entry))).toEqual(reference(entry));
  });
});

describe('A1: headers', () => {
  it.prop([addressHeader()], RUNS)('A1: nothing throws, and every entry is kept or reported', (header) => {
    const { mailboxes, invalid } = parseAddressList(header);
    // Each entry yields at least one mailbox or exactly one issue.
    expect(mailboxes.length + invalid.length).toBeGreaterThanOrEqual(splitAddressList(header).length);
  });

  it.prop([fc.array(mailboxText(), { maxLength: 6 })], RUNS)('A1: format then parse gives back the same addresses and names', (texts) => {
    const parsed = parseAddressList(texts.join(', ')).mailboxes;
    const again = parseAddressList(formatAddressList(parsed)).mailboxes;
    expect(again.map((m) => [m.key, m.name])).toEqual(parsed.map((m) => [m.key, m.name]));
  });
});

// A stored name is decoded text: what looks like an encoded word in it is text, and reads back as text.
const INERT = '\u{E000}';
const asStored = (name: string) => cleanName(name.replaceAll('=?', INERT))?.replaceAll(INERT, '=?') ?? null;
const encodedLooking = fc
  .tuple(fc.string({ unit: 'grapheme-ascii', maxLength: 10 }), fc.constantFrom('=?UTF-8?B?QQ==?=', '=?UTF-8?Q?a_b?=', '=?X-UNKNOWN?B?AAAA?='))
  .map(([text, word]) => `${text}${word}`);

describe('A1/A2: any name survives formatting', () => {
  it.prop([address(), fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ unit: 'grapheme-ascii', maxLength: 30 }), encodedLooking)], { numRuns: 1000 })(
    'A2: format then parse gives back the name as stored (without control characters, encoded-word text kept as text), and no header carries CR/LF',
    (addr, name) => {
      const header = formatMailbox({ address: addr, name });
      expect(header).not.toMatch(/[\r\n]/);
      const { mailboxes, invalid } = parseAddressList(header);
      expect(invalid).toEqual([]);
      expect(mailboxes.map((m) => m.name)).toEqual([asStored(name)]);
    },
  );
});

describe('A3: identity', () => {
  const key = (text: string) => {
    const r = normalizeAddress(text);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };

  it.prop([address()], RUNS)('A3: normalising is idempotent', (text) => {
    expect(key(key(text))).toBe(key(text));
  });

  it.prop([address(), address(), address()], RUNS)('A3: identity is an equivalence (reflexive, symmetric, transitive)', (a, b, c) => {
    expect(key(a) === key(a)).toBe(true);
    expect(key(a) === key(b)).toBe(key(b) === key(a));
    if (key(a) === key(b) && key(b) === key(c)) expect(key(a)).toBe(key(c));
  });

  it.prop([address()], RUNS)('A3: case and IDN variants of one address share one identity', (text) => {
    const [local, domain] = text.split('@') as [string, string];
    expect(key(`${local.toUpperCase()}@${domain.toUpperCase()}`)).toBe(key(text));
  });
});

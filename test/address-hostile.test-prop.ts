// Generated hostile headers: nothing throws, the work stays linear, nothing unsafe comes out.
import { fc, it } from '@fast-check/vitest';
import emailAddresses from 'email-addresses';
import { afterAll, beforeAll, describe, expect, vi } from 'vitest';
import { MAX_ENTRY_LENGTH, MAX_NESTING, MAX_PATTERN_LENGTH, MAX_SLOW_PARSE_LENGTH, compilePattern, formatAddressList, normalizeAddress, parseAddress, parseAddressList } from '../src/index.js';
import { encodeWords } from '../src/address/encoded-words.js';
import { splitAddressList } from '../src/address/split-list.js';
import { mailboxText } from '../src/testing/arbitraries.js';

const PIECES = ['(', ')', '"', '\\', ' ', '\t', '.', '@', '<', '>', ':', ';', ',', '[', ']', '\r\n', '\r\n ', '\n', '\r', '\u2028', '\u2029', '\u200b', '\ufeff', '\u202e', '\ud800', '\udc00', '\x00', '\x85', 'a', 'é', 'b.example', '=?utf-8?q?x?=', '(c)', '"q"', 'ann@acme.example'];

/** A run of one piece, short or long: nesting, spaces, dots, quotes, comments. */
const run = fc.tuple(fc.constantFrom(...PIECES), fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 100, max: 2000 }))).map(([p, n]) => p.repeat(n));

/** A hostile header: valid mailboxes between runs of syntax, invisible characters and line breaks. */
const hostile = fc
  .array(fc.oneof({ weight: 3, arbitrary: run }, { weight: 1, arbitrary: mailboxText() }, { weight: 1, arbitrary: fc.constantFrom(', ', ': ', ';') }), { maxLength: 12 })
  .map((parts) => parts.join(''));

const UNSAFE_OUT = /[\r\n\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function depthOf(text: string): number {
  let depth = 0;
  let deepest = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (quoted) quoted = c !== '"';
    else if (c === '"' && depth === 0) quoted = true;
    else if (c === '(') deepest = Math.max(deepest, ++depth);
    else if (c === ')' && depth > 0) depth--;
  }
  return deepest;
}

describe('A1: hostile headers', () => {
  // Every call that reaches email-addresses, the one part whose cost grows faster than its input.
  const inputs: string[] = [];
  beforeAll(() => {
    const real = emailAddresses.parseOneAddress;
    vi.spyOn(emailAddresses, 'parseOneAddress').mockImplementation(((opts: { input: string }) => {
      inputs.push(opts.input);
      return real(opts as never);
    }) as never);
  });
  afterAll(() => vi.restoreAllMocks());

  it.prop([hostile], { numRuns: 300 })('A1: nothing throws, and the slow path only ever sees short, shallow entries, at most the header once over', (header) => {
    // Stored data may hold the hostile text itself, as address or name.
    expect(formatAddressList([{ address: header, name: header }, { address: 'a@x.example', name: header }])).not.toMatch(/[\r\n]/);
    for (const call of [() => formatAddressList(parseAddressList(header).mailboxes), () => parseAddress(header), () => normalizeAddress(header)]) {
      inputs.length = 0;
      expect(call).not.toThrow();
      // Linear work: each slow-path call is bounded by the caps, and together they read the text at most once.
      for (const input of inputs) {
        expect(input.length).toBeLessThanOrEqual(MAX_ENTRY_LENGTH);
        expect(depthOf(input)).toBeLessThanOrEqual(MAX_NESTING);
      }
      const total = inputs.reduce((n, s) => n + s.length, 0);
      expect(total).toBeLessThanOrEqual(header.length);
      expect(total).toBeLessThanOrEqual(MAX_SLOW_PARSE_LENGTH);
    }
  });

  it.prop([hostile], { numRuns: 300 })('A1: every entry is kept or reported: an issue for each piece that is not a mailbox', (header) => {
    const r = parseAddressList(header);
    // An entry with no mailbox and no issue would be a silent loss; entries are non-empty text between separators.
    const reported = r.invalid.map((i) => i.input).filter((x): x is string => typeof x === 'string');
    const unfolded = header.replace(/\r?\n(?=[ \t])/g, '');
    for (const text of reported) expect(unfolded.includes(text)).toBe(true);
    for (const m of r.mailboxes) expect(m.key).not.toBe('');
    // Each entry the splitter finds yields at least one mailbox or exactly one issue.
    expect(r.mailboxes.length + r.invalid.length).toBeGreaterThanOrEqual(splitAddressList(unfolded).length);
  });

  it.prop([hostile], { numRuns: 300 })('D2: pattern compilation never throws, refuses what is past the cap, and keeps only literal pieces', (text) => {
    const p = compilePattern(text);
    if (text.length > MAX_PATTERN_LENGTH) expect(p).toBeNull();
    if (p !== null) {
      expect(JSON.parse(JSON.stringify(p))).toEqual(p);
      expect([...(p.local ?? []), ...p.domain].every((piece) => typeof piece === 'string')).toBe(true);
    }
  });
});

describe('A1/A3: nothing unsafe comes out', () => {
  const name = fc.string({ unit: fc.constantFrom('a', ' ', '\r', '\n', '\u2028', '\u2029', '\ud800', '\udc00', '\x85', '\x00', 'é', '"', '\\'), maxLength: 12 });
  const entry = fc.oneof(
    hostile,
    fc.tuple(name, mailboxText()).map(([n, m]) => `${encodeWords(n)} <${m.replace(/^.*<|>$/g, '')}>`),
    fc.tuple(name, mailboxText()).map(([n, m]) => `"${n.replace(/["\\]/g, '')}" ${m}`),
  );

  it.prop([fc.array(entry, { maxLength: 5 })], { numRuns: 500 })('A1: no key, address or name produced holds CR, LF, U+2028/2029 or a lone surrogate', (entries) => {
    const header = entries.join(', ');
    for (const r of [parseAddressList(header), parseAddressList(header, { unfold: false })]) {
      for (const m of r.mailboxes) {
        expect(m.key).not.toMatch(UNSAFE_OUT);
        expect(m.address).not.toMatch(UNSAFE_OUT);
        if (m.name !== null) expect(m.name).not.toMatch(UNSAFE_OUT);
      }
      expect(formatAddressList(r.mailboxes)).not.toMatch(/[\r\n]/);
    }
  });
});

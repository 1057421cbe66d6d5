// Hostile headers: caps, group names, CR/LF, identity from RFC meaning, unsafe characters, charsets, patterns.
import emailAddresses from 'email-addresses';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  MAX_ENTRY_LENGTH,
  MAX_HEADER_LENGTH,
  MAX_NESTING,
  MAX_PATTERN_LENGTH,
  MAX_SLOW_PARSE_LENGTH,
  compilePattern,
  decodeEncodedWords,
  formatAddressList,
  handle,
  matchesAny,
  parseAddress,
  parseAddressList,
} from '../src/index.js';
import { keyOf } from './support/keys.js';
import { compilePolicy, isDenylisted, isSupportAddress } from '../src/policy/policy.js';
import { defaultSettings } from '../src/policy/settings.js';
import { addresses, contextWith, edit, opened } from './support/tickets.js';

const codes = (header: string) => parseAddressList(header).invalid.map((i) => i.code);
const kept = (header: string) => parseAddressList(header).mailboxes.map((m) => m.address);

/** Counts what reaches email-addresses: the only part whose cost grows faster than its input. */
function slowPathCalls(): string[] {
  const inputs: string[] = [];
  const real = emailAddresses.parseOneAddress;
  vi.spyOn(emailAddresses, 'parseOneAddress').mockImplementation(((opts: { input: string }) => {
    inputs.push(opts.input);
    return real(opts as never);
  }) as never);
  return inputs;
}
afterEach(() => vi.restoreAllMocks());

describe('A1: caps on hostile headers', () => {
  it('A1: 1,500 nested comment parentheses in a Cc are reported, not a stack overflow, and the neighbours stay', () => {
    const nested = `${'('.repeat(1500)}x${')'.repeat(1500)} evil@x.example`;
    const header = `ann@acme.example, ${nested}, bob@acme.example`;
    expect(() => parseAddressList(header)).not.toThrow();
    expect(kept(header)).toEqual(['ann@acme.example', 'bob@acme.example']);
    expect(codes(header)).toEqual(['too-deep']);
    expect(parseAddress(nested)).toMatchObject({ ok: false, error: { code: 'too-deep' } });
  });

  it(`A1: comments nested deeper than MAX_NESTING (${MAX_NESTING}) are too-deep; at the limit they are still comments`, () => {
    const deep = (n: number) => `${'('.repeat(n)}c${')'.repeat(n)} ann@acme.example`;
    expect(parseAddress(deep(MAX_NESTING + 1))).toMatchObject({ ok: false, error: { code: 'too-deep', input: deep(MAX_NESTING + 1) } });
    expect(parseAddress(deep(MAX_NESTING))).toMatchObject({ ok: true, value: { key: 'ann@acme.example' } });
  });

  it('A1: an entry longer than MAX_ENTRY_LENGTH is too-long and never handed to email-addresses', () => {
    const calls = slowPathCalls();
    const long = `${'a '.repeat(32_000)}a@b.example`;
    const r = parseAddressList(`${long}, ann@acme.example`);
    expect(r.invalid.map((i) => [i.code, i.input])).toEqual([['too-long', long]]);
    expect(r.mailboxes.map((m) => m.address)).toEqual(['ann@acme.example']);
    expect(calls).toEqual([]);
  });

  it('A1: words side by side without angle brackets are refused before email-addresses (its slowest input)', () => {
    const calls = slowPathCalls();
    const spaced = `${'a '.repeat(450)}a@b.example`;
    expect(spaced.length).toBeLessThanOrEqual(MAX_ENTRY_LENGTH);
    expect(parseAddress(spaced)).toMatchObject({ ok: false, error: { code: 'invalid-address' } });
    expect(calls).toEqual([]);
  });

  it('A1: a header past MAX_HEADER_LENGTH keeps the entries that end within it and reports the rest in one issue', () => {
    const entry = 'someone.with.a.rather.long.name.for.one.header.entry@acme.example';
    const n = Math.ceil(MAX_HEADER_LENGTH / (entry.length + 2)) + 10;
    const header = Array.from({ length: n }, () => entry).join(', ');
    const r = parseAddressList(header);
    const issue = r.invalid.at(-1);
    expect(issue?.code).toBe('too-long');
    // Nothing lost silently: every entry is either kept or inside the reported rest, and none is cut in two.
    const rest = issue?.input as string;
    expect(r.mailboxes.every((m) => m.address === entry)).toBe(true);
    expect(r.mailboxes.length + rest.split(',').length).toBe(n);
    expect(header.length - rest.length).toBeLessThanOrEqual(MAX_HEADER_LENGTH);
  });

  it(`A1: past MAX_SLOW_PARSE_LENGTH (${MAX_SLOW_PARSE_LENGTH}) characters of unusual syntax, entries are too-complex; common forms are always read`, () => {
    const calls = slowPathCalls();
    const unusual = (i: number) => `${'(x)'.repeat(300)} u${i}@acme.example`;
    const entries = Array.from({ length: 40 }, (_, i) => `${unusual(i)}, Plain ${i} <p${i}@acme.example>`);
    const r = parseAddressList(entries.join(', '));
    const fitting = Math.floor(MAX_SLOW_PARSE_LENGTH / unusual(10).length);
    expect(r.mailboxes.filter((m) => m.address.startsWith('p'))).toHaveLength(40);
    expect(r.mailboxes.filter((m) => m.address.startsWith('u'))).toHaveLength(fitting);
    expect(r.invalid.map((i) => i.code)).toEqual(Array.from({ length: 40 - fitting }, () => 'too-complex'));
    expect(calls.reduce((n, s) => n + s.length, 0)).toBeLessThanOrEqual(MAX_SLOW_PARSE_LENGTH);
    // One address typed alone is never refused for the header's budget.
    expect(parseAddress(unusual(1))).toMatchObject({ ok: true, value: { key: 'u1@acme.example' } });
  });

  it('A1: what email-addresses would throw on is an issue value, never an exception', () => {
    vi.spyOn(emailAddresses, 'parseOneAddress').mockImplementation(() => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    expect(parseAddressList('Ann (x) <ann@acme.example>, bob@acme.example')).toEqual({
      mailboxes: [expect.objectContaining({ address: 'bob@acme.example' })],
      invalid: [expect.objectContaining({ code: 'invalid-address', input: 'Ann (x) <ann@acme.example>' })],
    });
  });
});

describe('A1: group names and CR/LF', () => {
  it('A1: a CR/LF smuggling a Cc into a BCC is refused whole: the boss is not lost silently, evil is not added', () => {
    const typed = 'boss@acme.example\r\nCc: evil@x.com';
    expect(parseAddress(typed)).toMatchObject({ ok: false, error: { code: 'control-character', input: typed } });
    const r = parseAddressList(typed);
    expect(r.mailboxes).toEqual([]);
    expect(r.invalid.map((i) => [i.code, i.input])).toEqual([['control-character', typed]]);
  });

  it('A1: a CR/LF that is not folding, even right after a comma, makes its entry a control-character issue', () => {
    expect(kept('a@acme.example,\r\nCc: evil@x.com')).toEqual(['a@acme.example']);
    expect(codes('a@acme.example,\r\nCc: evil@x.com')).toEqual(['control-character']);
    expect(kept('a@acme.example,\nBcc: evil@x.com')).toEqual(['a@acme.example']);
  });

  it('A1: a folded header (CRLF then white space) is unfolded first; typed text is never unfolded', () => {
    expect(kept('a@acme.example,\r\n b@acme.example,\r\n\tTeam:\r\n c@acme.example;')).toEqual(['a@acme.example', 'b@acme.example', 'c@acme.example']);
    expect(parseAddress('Ann\r\n <a@acme.example>')).toMatchObject({ ok: false, error: { code: 'control-character' } });
  });

  it('A1: text before a colon that is not a group name is reported, never dropped as one', () => {
    const r = parseAddressList('ann@x.example, bob@x.example: evil@y.example');
    expect(r.mailboxes.map((m) => m.address)).toEqual(['ann@x.example']);
    expect(r.invalid.map((i) => [i.code, i.input])).toEqual([['invalid-address', 'bob@x.example: evil@y.example']]);
    for (const header of ['<a@x.example>: evil@y.example', 'a@x.example: evil@y.example', '[x]: evil@y.example', 'Team: Sub: evil@y.example;']) {
      expect(kept(header)).not.toContain('evil@y.example');
      expect(codes(header)).toEqual(['invalid-address']);
    }
  });

  it('A1: real group names still open groups: atoms, quoted strings, comments, dots, encoded words', () => {
    expect(kept('"Sales, EU" (team): a@x.example, b@x.example;, c@x.example')).toEqual(['a@x.example', 'b@x.example', 'c@x.example']);
    expect(kept('Team.EU: a@x.example;')).toEqual(['a@x.example']);
    expect(kept('=?UTF-8?B?0JrQvtC80LDQvdC00LA=?=: a@x.example;')).toEqual(['a@x.example']);
    expect(parseAddressList('undisclosed-recipients:;')).toEqual({ mailboxes: [], invalid: [] });
  });
});

describe('A3: identity follows RFC meaning', () => {
  it('A3: white space and comments around the address mean nothing', () => {
    expect(keyOf('x@y < no-reply@shop.example>')).toBe('no-reply@shop.example');
    expect(parseAddress('x@y < no-reply@shop.example >')).toMatchObject({ ok: true, value: { address: 'no-reply@shop.example', name: 'x@y' } });
    expect(keyOf('Desk@Help < support@desk.example>')).toBe('support@desk.example');
    expect(keyOf('ann@(work)acme.example')).toBe('ann@acme.example');
  });

  it('A3: white space and comments between the words of a local part mean nothing', () => {
    expect(keyOf('bob . smith@x.example')).toBe('bob.smith@x.example');
    expect(keyOf('bob.(c)smith@x.example')).toBe('bob.smith@x.example');
    expect(parseAddress('bob . smith@x.example')).toMatchObject({ ok: true, value: { address: 'bob.smith@x.example' } });
    expect(sameAddresses(['bob . smith@x.example', 'bob.(c)smith@x.example', 'Bob.Smith@X.example', '"bob".smith@x.example'])).toBe(true);
  });

  it('A3: a quoted local part is unquoted when it needs no quotes; real quoted content is kept', () => {
    expect(keyOf('"bob"@x.example')).toBe('bob@x.example');
    expect(keyOf('"bob.smith"@x.example')).toBe('bob.smith@x.example');
    expect(keyOf('" no-reply"@shop.example')).toBe('" no-reply"@shop.example');
    expect(keyOf('"john smith"@x.example')).toBe('"john smith"@x.example');
  });

  it('A3: invisible or malformed characters in an address are reported, not kept', () => {
    for (const bad of ['ann\u200b@acme.example', '\ufeffann@acme.example', 'an\u00adn@acme.example', 'ann\u202e@acme.example', 'ann\ud800@acme.example', 'ann@acme\u200d.example']) {
      expect(parseAddress(bad)).toMatchObject({ ok: false, error: { code: 'unsafe-character', input: bad } });
      expect(kept(`${bad}, bob@acme.example`)).toEqual(['bob@acme.example']);
    }
    for (const line of ['ann\u2028@acme.example', 'Ann\u2029Lee <ann@acme.example>']) {
      expect(parseAddress(line)).toMatchObject({ ok: false, error: { code: 'control-character' } });
    }
  });

  it('A3: display names lose control characters, line separators and lone surrogates, whatever the encoding', () => {
    const sneaky = `=?UTF-8?B?${btoa(String.fromCharCode(...new TextEncoder().encode('Ann\u2028Lee\u0085')))}?= <ann@acme.example>`;
    expect(parseAddress(sneaky)).toMatchObject({ ok: true, value: { name: 'Ann Lee' } });
    expect(parseAddress('"Ann\ud800 Lee" <ann@acme.example>')).toMatchObject({ ok: true, value: { name: 'Ann\ufffd Lee' } });
    expect(formatAddressList([{ address: 'ann@acme.example', name: 'Ann\r\nBcc: evil@x.com' }])).not.toMatch(/[\r\n]/);
  });
});

function sameAddresses(texts: string[]): boolean {
  return new Set(texts.map((t) => keyOf(t))).size === 1;
}

describe('A5/D2: patterns always match case-insensitively', () => {
  const policy = compilePolicy({ ...defaultSettings, caseSensitiveLocalPart: true, supportAddresses: ['support@desk.example', 'Reply+*@In.Desk.example'], denylist: ['no-reply*@*'] });

  it('A5: with caseSensitiveLocalPart, Support@desk.example is still the desk', () => {
    expect(isSupportAddress(policy, keyOf('Support@desk.example', true))).toBe(true);
    expect(isSupportAddress(policy, keyOf('REPLY+8f3a@in.desk.example', true))).toBe(true);
    expect(isSupportAddress(policy, keyOf('Desk@Help < support@desk.example>', true))).toBe(true);
  });

  it('D2: with caseSensitiveLocalPart, No-Reply@x is still denylisted, and so is the CFWS-padded form', () => {
    expect(isDenylisted(policy, keyOf('No-Reply@shop.example', true))).toBe(true);
    expect(isDenylisted(policy, keyOf('x@y < no-reply@shop.example>', true))).toBe(true);
    expect(matchesAny([compilePattern('NO-REPLY*@*')!], keyOf('no-reply@x.example'))).toBe(true);
  });

  it('D2: an edit cannot add the CFWS-padded no-reply or a case variant as a CC', () => {
    const context = contextWith({ denylist: ['no-reply*@*'], caseSensitiveLocalPart: true });
    const r = handle(opened('ann@acme.example', [], context), edit([
      { op: 'add', field: 'cc', address: 'x@y < no-reply@shop.example>' },
      { op: 'add', field: 'cc', address: 'No-Reply@shop.example' },
    ]), context);
    expect(r.ok).toBe(false);
    if (!r.ok) expect((r.error as readonly { code: string }[]).map((i) => i.code)).toEqual(['denylisted', 'denylisted']);
  });

  it('D2: pattern compilation is capped and linear: a 40,000-character entry is not a pattern', () => {
    expect(compilePattern(`${'a'.repeat(40_000)} `)).toBeNull();
    expect(compilePattern(`${'a'.repeat(40_000)}@x.example`)).toBeNull();
    const longest = `${'a*'.repeat((MAX_PATTERN_LENGTH - 12) / 2)}@x.example`.slice(0, MAX_PATTERN_LENGTH);
    expect(compilePattern(longest)).not.toBeNull();
  });
});

describe('D3: invalid addresses never become participants', () => {
  it('D3: the BCC `boss\\r\\nCc: evil` adds nobody and says why', () => {
    const t = opened('ann@acme.example');
    const r = handle(t, edit([{ op: 'add', field: 'bcc', address: 'boss@acme.example\r\nCc: evil@x.com' }]), contextWith());
    expect(r.ok).toBe(false);
    if (!r.ok) expect((r.error as readonly { code: string }[]).map((i) => i.code)).toEqual(['control-character']);
  });

  it('D3: an inbound Cc with a fake group name or hostile nesting keeps only the real participants', () => {
    const context = contextWith();
    const t = opened('ann@acme.example', [], context);
    const r = handle(t, {
      type: 'receive-email', messageId: '<h1@acme.example>', at: '2026-01-02T00:00:00.000Z', from: 'ann@acme.example', to: 'support@desk.example',
      cc: `cleo@acme.example, bob@x.example: evil@y.example, ${'('.repeat(1500)}x${')'.repeat(1500)} evil2@y.example`,
    }, context);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const ccs = addresses(r.value.ticket?.ccs ?? []);
    expect(ccs).toContain('cleo@acme.example');
    expect(ccs).not.toContain('evil@y.example');
    expect(ccs).not.toContain('evil2@y.example');
  });
});

describe('A2: single-byte charsets that the runtime gets wrong', () => {
  it('A2: windows-1252 (and ISO-8859-1, which means it in mail) keep the characters at 0x80-0x9F', () => {
    expect(decodeEncodedWords('=?windows-1252?Q?Chlo=E9_=93QA=94?=')).toBe('Chloé “QA”');
    expect(decodeEncodedWords('=?windows-1252?Q?=80_5?=')).toBe('€ 5');
    expect(decodeEncodedWords('=?ISO-8859-1?Q?=80uro_=85?=')).toBe('€uro …');
    expect(decodeEncodedWords('=?cp1252?B?nw==?=')).toBe('Ÿ');
  });

  it('A2: ISO-8859-15 and KOI8-R decode as their own tables; an unknown charset stays raw', () => {
    expect(decodeEncodedWords('=?ISO-8859-15?Q?=A4_=A6?=')).toBe('€ Š');
    expect(decodeEncodedWords('=?KOI8-R?Q?=F0=D2=C9=D7=C5=D4?=')).toBe('Привет');
    expect(decodeEncodedWords('=?ISO-8859-16?Q?=A4?=')).toBe('=?ISO-8859-16?Q?=A4?=');
  });
});

// Behaviour pinned after mutation testing of src/address: the separators that are not
// separators (in comments, quotes, domain literals, angle brackets), escapes, and what an
// address means once its comments and quotes are gone.
import { describe, expect, it } from 'vitest';
import { formatMailbox, normalizeAddress, parseAddress, parseAddressList } from '../src/index.js';
import { splitAddressList, trimBlanks } from '../src/address/split-list.js';
import { meaning } from '../src/address/parse-mailbox.js';

const list = (header: string) => {
  const r = parseAddressList(header);
  return { ok: r.mailboxes.map((m) => [m.address, m.name]), bad: r.invalid.map((i) => [i.code, i.input]) };
};

describe('A1: separators inside comments, quotes, domain literals and angle brackets', () => {
  it('A1: a comma inside a comment does not split the entry', () => {
    expect(list('ann@x.example (Ann, the boss), bob@x.example')).toEqual({ ok: [['ann@x.example', null], ['bob@x.example', null]], bad: [] });
  });

  it('A1: an escaped parenthesis does not close a comment, so the comma after it is still inside', () => {
    expect(list('ann@x.example (Ann \\) still, inside), bob@x.example').ok).toEqual([['ann@x.example', null], ['bob@x.example', null]]);
  });

  it('A1: a nested comment closes only at its own parenthesis', () => {
    expect(list('ann@x.example (a (b) c, d), bob@x.example').ok).toEqual([['ann@x.example', null], ['bob@x.example', null]]);
  });

  it('A1: an escaped quote inside a quoted name does not end it; the comma after it is in the name', () => {
    expect(list('"Lee \\", Ann" <ann@x.example>, bob@x.example')).toEqual({ ok: [['ann@x.example', 'Lee ", Ann'], ['bob@x.example', null]], bad: [] });
  });

  it('A1: a comma or semicolon inside angle brackets does not split, and the entry is invalid', () => {
    expect(list('<a@x.example, b@x.example>').bad).toEqual([['invalid-address', '<a@x.example, b@x.example>']]);
    expect(list('<a@x.example; b@x.example>').bad).toEqual([['invalid-address', '<a@x.example; b@x.example>']]);
  });

  it('A1: a domain literal is an address; a comma inside it does not split', () => {
    expect(list('ann@[192.168.0.1], bob@x.example').ok).toEqual([['ann@[192.168.0.1]', null], ['bob@x.example', null]]);
    expect(splitAddressList('ann@[1.2, 3], bob@x.example').map((e) => e.text)).toEqual(['ann@[1.2, 3]', 'bob@x.example']);
    expect(normalizeAddress('ann@[IPv6:::1]')).toEqual({ ok: true, value: 'ann@[ipv6:::1]' });
  });

  it('A1: an escaped bracket inside a domain literal does not end it', () => {
    expect(splitAddressList('ann@[1.2\\], 3], bob@x.example').map((e) => e.text)).toEqual(['ann@[1.2\\], 3]', 'bob@x.example']);
  });

  // Was a bug: `meaning` unescaped the quoted pair, so `ann@[1.2.3.4\], x]` was stored as
  // `ann@[1.2.3.4],x]`, which written back into a header is `ann@[1.2.3.4]` plus an invalid
  // entry: another recipient. A quoted pair that is not dtext now stays escaped.
  it('A1: an address with an escape in its domain literal is written back as the same recipient', () => {
    const [m] = parseAddressList('ann@[1.2.3.4\\], x]').mailboxes;
    expect(m).toBeDefined();
    const back = parseAddressList(formatMailbox(m!));
    expect(back.invalid).toEqual([]);
    expect(back.mailboxes.map((b) => b.key)).toEqual([m!.key]);
  });

  it('A1: inside a domain literal, parentheses and quotes are text and blanks fold away; a pair that is not text stays escaped', () => {
    expect(meaning('[1(2)3]')).toBe('[1(2)3]');
    expect(meaning('[1"2]')).toBe('[1"2]');
    expect(meaning('[ 1.2.3.4 ]')).toBe('[1.2.3.4]');
    expect(meaning('[a\\b]')).toBe('[ab]');
    expect(meaning('[a\\ b\\\\c\\[d]')).toBe('[a\\ b\\\\c\\[d]');
    // After the literal closes, blanks and comments mean nothing again.
    expect(meaning('[1.2.3.4] (c)')).toBe('[1.2.3.4]');
    for (const text of ['ann@[1(2)3]', 'ann@[a\\ b]', 'ann@[a\\\\b]']) {
      const [m] = parseAddressList(text).mailboxes;
      expect(m?.address).toBe(text);
      expect(parseAddressList(formatMailbox(m!)).mailboxes.map((b) => b.key)).toEqual([m!.key]);
    }
  });

  it('A1: an unbalanced quote, comment, angle bracket or domain literal makes its entry invalid, not the next', () => {
    for (const bad of ['"unclosed <ann@x.example>', 'ann@x.example (unclosed', '<ann@x.example', 'ann@[1.2.3.4']) {
      expect(splitAddressList(bad)).toEqual([{ text: bad, flaw: 'unbalanced' }]);
      expect(list(bad).ok).toEqual([]);
    }
    expect(splitAddressList('ann@x.example, bob@x.example')).toEqual([{ text: 'ann@x.example' }, { text: 'bob@x.example' }]);
  });

  it('A1: blanks around entries and empty entries are dropped; semicolons separate like commas', () => {
    expect(list('  ann@x.example ,, bob@x.example;\tcy@x.example,  ').ok.map(([a]) => a)).toEqual(['ann@x.example', 'bob@x.example', 'cy@x.example']);
    expect(trimBlanks(' \t a b\t ')).toBe('a b');
    expect(trimBlanks('\r\na')).toBe('\r\na');
    expect(trimBlanks('   ')).toBe('');
  });

  it('A1: a group name ends at its colon and the group at its semicolon; after it a colon is no group', () => {
    expect(list('Team: a@x.example, b@x.example; c@x.example').ok.map(([a]) => a)).toEqual(['a@x.example', 'b@x.example', 'c@x.example']);
    expect(list('Team: a@x.example; c@x.example: d@x.example').bad).toEqual([['invalid-address', 'c@x.example: d@x.example']]);
    expect(list('Team: a@x.example, b@x.example: d@x.example').bad).toEqual([['invalid-address', 'b@x.example: d@x.example']]);
  });

  it('A1: group names are phrases: dots, quotes, comments and non-ASCII letters, but no specials', () => {
    for (const name of ['Ann.Lee', '"quoted"', '(c) Team', 'Anné', 'a.b']) expect(list(`${name}: c@x.example;`).ok).toEqual([['c@x.example', null]]);
    for (const name of ['Ann <b@x>', 'a@b', 'x[y]', 'a\\b']) expect(list(`${name}: c@x.example`).ok).toEqual([]);
    expect(list(': c@x.example').ok).toEqual([]);
  });

  it('A1: a colon inside angle brackets ends an obsolete route, not a group name', () => {
    expect(splitAddressList('Ann <@relay.example:ann@x.example>, bob@x.example').map((e) => e.text)).toEqual(['Ann <@relay.example:ann@x.example>', 'bob@x.example']);
  });

  it('A1: comments nested deeper than the limit are too-deep', () => {
    const deep = `ann@x.example ${'('.repeat(17)}x${')'.repeat(17)}`;
    expect(splitAddressList(deep)).toEqual([{ text: deep, flaw: 'too-deep' }]);
    const ok = `ann@x.example ${'('.repeat(16)}x${')'.repeat(16)}`;
    expect(splitAddressList(ok)).toEqual([{ text: ok }]);
  });

  it('A1: reading stops at the limit and the rest is one cut entry', () => {
    expect(splitAddressList('ann@x.example, bob@x.example', 15)).toEqual([{ text: 'ann@x.example' }, { text: ' bob@x.example', flaw: 'cut' }]);
    expect(splitAddressList('ann@x.example,', 14)).toEqual([{ text: 'ann@x.example' }]);
  });
});

describe('A3: what an address means', () => {
  it('A3: escapes in a quoted local part stand for the character; the quotes go when not needed', () => {
    expect(parseAddress('"a\\b"@x.example')).toMatchObject({ ok: true, value: { address: 'ab@x.example' } });
    expect(parseAddress('"john.doe"@x.example')).toMatchObject({ ok: true, value: { address: 'john.doe@x.example' } });
    expect(parseAddress('"A.B"@X.example')).toMatchObject({ ok: true, value: { key: 'a.b@x.example' } });
  });

  it('A3: a quoted local part that needs its quotes keeps them, with its escaped quote', () => {
    expect(parseAddress('"a\\"b"@x.example')).toMatchObject({ ok: true, value: { address: '"a\\"b"@x.example' } });
    expect(parseAddress('"a b"@x.example')).toMatchObject({ ok: true, value: { address: '"a b"@x.example' } });
    expect(parseAddress('"a\\,b"@x.example')).toMatchObject({ ok: true, value: { address: '"a,b"@x.example' } });
  });

  it('A3: meaning drops comments (nested, with escapes) and blanks, keeps quoted content', () => {
    expect(meaning('bob . smith')).toBe('bob.smith');
    expect(meaning('bob.(c (d) \\) e)smith')).toBe('bob.smith');
    expect(meaning('"bob\\"s" .smith')).toBe('bob"s.smith');
    expect(meaning('"a b"\t')).toBe('a b');
    expect(meaning('x\\')).toBe('x');
    expect(meaning('a(b\\(c)d')).toBe('ad');
  });

  it('A3: a comment inside an address changes nothing of who it is', () => {
    expect(parseAddress('ann(c)@x.example')).toMatchObject({ ok: true, value: { address: 'ann@x.example' } });
    expect(parseAddress('Ann Lee (x) <ann@x.example>')).toMatchObject({ ok: true, value: { name: 'Ann Lee', address: 'ann@x.example' } });
  });
});

// The composer's list splitting (C3), built by construction from mailboxes as people write them.
import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { createComposer, parseAddress, type ComposerState } from '../src/index.js';
import { mailboxText } from '../src/testing/arbitraries.js';
import { opened } from './support/tickets.js';

const ticket = opened('zed@requester.example');
const { initial, reduce } = createComposer(ticket);
const SEPARATORS = [', ', ',', ';', ' ; ', '\n', '\r\n', ' ', '  ', '\t', ',\n'];
const list = fc.array(fc.tuple(mailboxText(), fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 8 });
const join = (entries: readonly (readonly [string, string])[]) => entries.map(([m, sep], i) => (i === 0 ? m : sep + m)).join('');

/** The chips a list should give: each mailbox once, in order, with its display name. */
function expected(entries: readonly (readonly [string, string])[]) {
  const seen = new Set<string>();
  const out: [string, string | null][] = [];
  for (const [text] of entries) {
    const parsed = parseAddress(text);
    if (!parsed.ok) throw new Error(`the arbitrary made an invalid mailbox: ${text}`);
    if (!seen.has(parsed.value.key)) {
      seen.add(parsed.value.key);
      out.push([parsed.value.key, parsed.value.name]);
    }
  }
  return out;
}
const chips = (state: ComposerState) => state.fields.cc.chips.map((m) => [m.key, m.name]);

describe('C3: lists in the composer', () => {
  it.prop([list], { numRuns: 300 })('C3: a pasted list, whatever its separators, becomes one chip per mailbox, display names with commas intact', (entries) => {
    const state = reduce(initial, { type: 'paste', field: 'cc', text: join(entries) });
    expect(chips(state)).toEqual(expected(entries));
    expect([state.fields.cc.text, state.fields.cc.error]).toEqual(['', null]);
  });

  it.prop([list.filter((entries) => entries.every(([m]) => !m.endsWith(')')))], { numRuns: 100 })(
    'C3: typing the same list one character at a time, then Enter, gives the same chips as pasting it',
    (entries) => {
      let state = initial;
      // As a browser does: each input event carries the field's whole value, the shown text plus the new character.
      for (const ch of join(entries)) state = reduce(state, { type: 'input', field: 'cc', text: state.fields.cc.text + ch });
      state = reduce(state, { type: 'key', field: 'cc', key: 'Enter' });
      expect(chips(state)).toEqual(expected(entries));
      expect([state.fields.cc.text, state.fields.cc.error]).toEqual(['', null]);
    },
  );

  it.prop([list, fc.array(fc.constantFrom('nope', 'bob@@x', '<a@b', 'a b c'), { minLength: 1, maxLength: 3 })], { numRuns: 300 })(
    'C3: what does not parse stays as text with its error, and nothing valid beside it is lost',
    (entries, bad) => {
      const text = [...bad.map((b) => `${b}\n`), join(entries)].join('');
      const state = reduce(initial, { type: 'paste', field: 'cc', text });
      expect(chips(state)).toEqual(expected(entries));
      expect(state.fields.cc.error?.code).toBe('invalid-address');
      expect(state.fields.cc.text).not.toBe('');
    },
  );
});

describe('C3: pastes from Outlook', () => {
  const words = fc.stringMatching(/^[A-Za-zÀ-ÿ'.-][A-Za-zÀ-ÿ'. -]{0,10}[A-Za-zÀ-ÿ'.-]$/).filter((w) => !/ {2}/.test(w));
  const word = fc.stringMatching(/^[A-Za-zÀ-ÿ'.-]{1,12}$/);
  const address = fc.stringMatching(/^[a-z][a-z0-9.]{0,8}[a-z0-9]@[a-z]{1,8}\.example$/).filter((a) => !a.includes('..'));
  // A last name of several words is joined only in a list that shows Outlook's semicolons: two people at least.
  const people = (last: fc.Arbitrary<string>, minLength: number) => fc.uniqueArray(fc.record({ last, first: words, address }), { minLength, maxLength: 6, selector: (p) => p.address });
  it.prop([fc.oneof(fc.tuple(people(words, 2), fc.constantFrom('; ', ';', ';\n')), fc.tuple(people(word, 1), fc.constantFrom('; ', ';', ';\n', '\n')))], { numRuns: 200 })('C3: `Last, First <address>` entries, as Outlook copies them, give one chip per person named `Last, First`', ([list, sep]) => {
    const text = list.map((p) => `${p.last}, ${p.first} <${p.address}>`).join(sep);
    const state = reduce(initial, { type: 'paste', field: 'cc', text });
    expect(state.fields.cc.chips.map((m) => [m.address, m.name])).toEqual(list.map((p) => [p.address, `${p.last}, ${p.first}`]));
    expect([state.fields.cc.text, state.fields.cc.error]).toEqual(['', null]);
  });
});

import fc from 'fast-check';
import { encodeWords } from '../address/encoded-words.js';
import { formatMailbox } from '../address/format.js';

// Small pools, so that collisions (the same address, in another case or IDN form) are frequent.
const LOCALS = ['ann', 'bob', 'cleo', 'dan', 'j.smith', 'no-reply', 'reply+7', 'user+tag'] as const;
const DOMAINS = [
  ['acme.example', 'ACME.Example'],
  ['bücher.example', 'xn--bcher-kva.example'],
  ['vip.example', 'VIP.EXAMPLE'],
  ['eu.vip.example', 'EU.vip.example'],
] as const;
const NAMES = ['Ann Lee', 'Bob', 'Smith, John', 'Иван Петров', 'Zoë', 'O\'Brien', 'A "Nick" B', 'R&D team'] as const;

/** Flips the case of some characters: the same identity written differently. */
const caseVariant = (text: string): fc.Arbitrary<string> =>
  fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length }).map((flips) =>
    [...text].map((ch, i) => (flips[i] ? ch.toUpperCase() : ch)).join(''),
  );

/** An address from a small pool, in a random case and (for IDN domains) Unicode or punycode form. */
export const address = (): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom(...LOCALS), fc.constantFrom(...DOMAINS), fc.boolean())
    .chain(([local, forms, ascii]) => caseVariant(`${local}@${ascii ? forms[1] : forms[0]}`));

/** A display name, or none: plain, with commas or quotes, non-ASCII. */
export const displayName = (): fc.Arbitrary<string | null> => fc.option(fc.constantFrom(...NAMES), { nil: null });

/** One mailbox as a header would carry it: bare, in angle brackets, named, quoted, encoded, with comments. */
export const mailboxText = (): fc.Arbitrary<string> =>
  fc.tuple(address(), displayName(), fc.integer({ min: 0, max: 4 })).map(([addr, name, form]) => {
    if (name === null) return form % 2 === 0 ? addr : `<${addr}>`;
    switch (form) {
      case 0:
        return formatMailbox({ address: addr, name });
      case 1:
        return `${encodeWords(name)} <${addr}>`;
      case 2:
        return `${addr} (${name.replace(/[()\\]/g, '')})`;
      case 3:
        return `"${name.replace(/(["\\])/g, '\\$1')}" (work) <${addr}>`;
      default:
        return `${formatMailbox({ address: addr, name })}`;
    }
  });

const GARBAGE = ['a', 'b', '@', '.', '"', '<', '>', '(', ')', '\\', ',', ';', ':', '[', ']', ' ', '\t', 'é', '=?', '?=', '-', '+', 'x.example'];

/** Text that is mostly not an address: the parser must report it, never throw or lose neighbours. */
export const garbage = (): fc.Arbitrary<string> => fc.array(fc.constantFrom(...GARBAGE), { maxLength: 12 }).map((parts) => parts.join(''));

/** An address-list header value: valid mailboxes mixed with garbage, empty entries and groups. */
export const addressHeader = (): fc.Arbitrary<string> =>
  fc
    .array(fc.oneof({ weight: 4, arbitrary: mailboxText() }, { weight: 1, arbitrary: garbage() }, { weight: 1, arbitrary: fc.constant('') }), { maxLength: 8 })
    .chain((entries) =>
      fc.boolean().map((group) => (group && entries.length > 1 ? `Team: ${entries.slice(0, 2).join(', ')};, ${entries.slice(2).join(', ')}` : entries.join(', '))),
    );

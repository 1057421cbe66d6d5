import { encodeWords } from './encoded-words.js';
import { ATEXT } from './grammar.js';
import type { Mailbox } from './types.js';

const ATOM_PHRASE = /* @__PURE__ */ new RegExp(`^[${ATEXT}]+(?: [${ATEXT}]+)*$`);
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const CONTROL = /[\x00-\x1f\x7f-\x9f\u2028\u2029]+/g;

function formatName(name: string): string {
  const safe = name.replace(CONTROL, ' ').trim();
  // A blank name is no name: `"" <a@x>` would show an empty one.
  if (safe === '') return '';
  // Text that looks like an encoded word is encoded itself, or the next reader would decode it.
  if (safe.includes('=?')) return encodeWords(safe);
  if (ATOM_PHRASE.test(safe)) return safe;
  if (PRINTABLE_ASCII.test(safe)) return `"${safe.replace(/(["\\])/g, '\\$1')}"`;
  return encodeWords(safe);
}

/**
 * Formats one mailbox for a header: `Name <address>`, quoting or RFC 2047-encoding the
 * name when it needs it. A name never carries CR or LF into the header.
 *
 * @example
 * formatMailbox({ address: 'john@example.com', name: 'Smith, John' }); // '"Smith, John" <john@example.com>'
 */
export function formatMailbox(mailbox: Pick<Mailbox, 'address' | 'name'>): string {
  // Stored data may hold anything: what is not an address becomes nothing, never header text.
  if (typeof mailbox?.address !== 'string' || /[\x00-\x1f\x7f]/.test(mailbox.address)) return '';
  const name = typeof mailbox.name === 'string' ? formatName(mailbox.name) : '';
  return name === '' ? mailbox.address : `${name} <${mailbox.address}>`;
}

/**
 * Formats mailboxes as one address-list header value, separated by `, `.
 *
 * @example
 * formatAddressList([{ address: 'bob@acme.example', name: 'Roe, Bob' }, { address: 'cleo@acme.example', name: null }]); // '"Roe, Bob" <bob@acme.example>, cleo@acme.example'
 */
export function formatAddressList(mailboxes: readonly Pick<Mailbox, 'address' | 'name'>[]): string {
  return Array.isArray(mailboxes) ? mailboxes.map(formatMailbox).filter((m) => m !== '').join(', ') : '';
}

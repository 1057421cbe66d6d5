import emailAddresses from 'email-addresses';
import { decodeEncodedWords } from './encoded-words.js';
import { ATOM, DOT_ATOM } from './grammar.js';
import { identityOf, quoteLocalPart } from './normalize.js';
import type { AddressIssue, IdentityOptions, Mailbox } from './types.js';
import { err, ok, type Result } from '../result.js';

// Header injection: after unfolding, no CR, LF or other control character may remain.
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/;
const CONTROL_GLOBAL = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]+/g;

// The forms almost all real mail uses, recognised without the full RFC 5322 grammar:
// `addr`, `<addr>`, `Some Name <addr>`, `"Quoted, Name" <addr>`, all ASCII and dot-atom.
// Anything else goes to email-addresses, so the verdict is always its verdict.
// RFC 6532: UTF-8 beyond ASCII is atext too (email-addresses runs with rfc6532 on).
const ADDR = `(${DOT_ATOM}@${DOT_ATOM})`;
const BARE = new RegExp(`^${ADDR}$`);
const NAMED = new RegExp(
  `^(?:(${ATOM}(?:[ \\t]+${ATOM})*)|"([\\x20\\x21\\x23-\\x5b\\x5d-\\x7e\\t\\u0080-\\uffff]*)")?[ \\t]*<[ \\t]*${ADDR}[ \\t]*>$`,
);
const WHITESPACE_RUN = /[ \t]+/g;

interface Parsed {
  readonly address: string;
  readonly name: string | null;
}

function fastPath(entry: string): Parsed | null {
  const bare = BARE.exec(entry);
  if (bare !== null) return { address: bare[1] as string, name: null };
  const named = NAMED.exec(entry);
  if (named === null) return null;
  const raw = named[1] ?? named[2];
  const name = raw === undefined ? null : raw.replace(WHITESPACE_RUN, ' ').trim();
  return { address: named[3] as string, name };
}

function slowPath(entry: string): Parsed[] | null {
  const parsed = emailAddresses.parseOneAddress({ input: entry, rfc6532: true, atInDisplayName: true });
  if (parsed === null) return null;
  const boxes = parsed.type === 'group' ? parsed.addresses : [parsed];
  return boxes.map((box) => ({ address: `${quoteLocalPart(box.local)}@${box.domain}`, name: box.name }));
}

/** A display name as stored: encoded words decoded, control characters and runs of white space collapsed. */
export function cleanName(name: string | null): string | null {
  if (name === null) return null;
  // A decoded encoded word may carry CR/LF: names never reach a header with them.
  const decoded = decodeEncodedWords(name).replace(CONTROL_GLOBAL, ' ').replace(WHITESPACE_RUN, ' ').trim();
  return decoded === '' ? null : decoded;
}

function toMailbox(parsed: Parsed, options: IdentityOptions): Mailbox {
  return { address: parsed.address, name: cleanName(parsed.name), key: identityOf(parsed.address, options) };
}

/**
 * Parses one entry of an address list (no top-level commas). A group entry yields its
 * members. Returns the issue when the entry is not a valid RFC 5322 address.
 */
export function parseEntry(entry: string, options: IdentityOptions = {}): Result<Mailbox[], AddressIssue> {
  if (CONTROL.test(entry)) {
    return err({ code: 'control-character', message: `${printable(entry)} holds a control character (CR, LF or similar), which no header may carry.`, input: entry });
  }
  const fast = fastPath(entry);
  if (fast !== null) return ok([toMailbox(fast, options)]);
  const slow = slowPath(entry);
  if (slow === null) {
    return err({ code: 'invalid-address', message: `${printable(entry)} is not a valid email address.`, input: entry });
  }
  return ok(slow.map((p) => toMailbox(p, options)));
}

/** The text of an input made safe to quote in an error message: control characters shown escaped, long text cut. */
export function printable(text: string): string {
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
}

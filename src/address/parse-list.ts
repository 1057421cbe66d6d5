import { MAX_SLOW_PARSE_LENGTH, cleanName, parseEntry, printable } from './parse-mailbox.js';
import { splitAddressList, trimBlanks } from './split-list.js';
import type { AddressIssue, IdentityOptions, Mailbox } from './types.js';
import { err, ok, type Result } from '../result.js';

/** The most entries one header may hold; the rest are reported, not parsed. */
export const MAX_ADDRESSES_PER_HEADER = 10_000;
/**
 * The most characters of one header we read (512 KiB: 10,000 named addresses fit). Entries that end
 * within it are parsed; the rest is reported as one `too-long` issue.
 */
export const MAX_HEADER_LENGTH = 524_288;

export interface AddressListOptions extends IdentityOptions {
  /** Entries beyond this many are reported as one `too-many-addresses` issue. Default 10,000. */
  readonly maxAddresses?: number;
  /**
   * Treat CRLF + white space as folding white space, as in a header (default): it is removed before
   * parsing. Off for typed text. Any other CR or LF makes its entry a `control-character` issue.
   */
  readonly unfold?: boolean;
}

/** What an address-list header held: the valid mailboxes, and every entry that was not. */
export interface ParsedAddressList {
  readonly mailboxes: readonly Mailbox[];
  readonly invalid: readonly AddressIssue[];
}

// RFC 5322 unfolding: a CRLF followed by white space is white space.
// Characters that can split a list or open a group or quote; without them, text is one entry.
const SPLITTING = /[,;:"(\[]/;
const FOLD = /\r?\n(?=[ \t])/g;
const FLAWS = {
  unbalanced: ['invalid-address', 'is unbalanced'],
  'too-deep': ['too-deep', 'nests comments too deep'],
  cut: ['too-long', 'is past the header limit'],
} as const;

/**
 * Parses an address-list header value (To, Cc, Bcc, From, Reply-To) (A1).
 * Every valid entry is kept even when others are invalid; each invalid entry is
 * reported with its text. Empty entries (`a@x, , b@y`, a trailing comma) are skipped.
 *
 * @example
 * const { mailboxes, invalid } = parseAddressList('"Smith, John" <john@example.com>, bad@@x, ann@example.org');
 * mailboxes.map((m) => m.address); // ['john@example.com', 'ann@example.org']
 * invalid[0]?.code; // 'invalid-address'
 */
export function parseAddressList(header: unknown, options: AddressListOptions = {}): ParsedAddressList {
  options ??= {};
  if (header === undefined || header === null) return { mailboxes: [], invalid: [] };
  if (typeof header !== 'string') {
    return { mailboxes: [], invalid: [{ code: 'not-a-string', message: 'An address header must be a string.', input: header, path: [] }] };
  }
  const unfold = options.unfold !== false && header.includes('\n');
  const entries = splitAddressList(unfold ? header.replace(FOLD, '') : header, MAX_HEADER_LENGTH);
  const max = options.maxAddresses ?? MAX_ADDRESSES_PER_HEADER;
  const mailboxes: Mailbox[] = [];
  const invalid: AddressIssue[] = [];
  const count = Math.min(entries.length, max);
  const budget = { left: MAX_SLOW_PARSE_LENGTH };
  for (let i = 0; i < count; i++) {
    const { text, flaw } = entries[i] as (typeof entries)[number];
    const parsed = flaw
      ? err<AddressIssue>({ code: FLAWS[flaw][0], message: `${printable(text)} ${FLAWS[flaw][1]}.`, input: text, path: [] })
      : parseEntry(text, options, budget);
    if (parsed.ok) mailboxes.push(...parsed.value);
    else invalid.push(parsed.error);
  }
  if (entries.length > max) {
    invalid.push({
      code: 'too-many-addresses',
      message: `${entries.length} addresses: only the first ${max} were read.`,
      input: entries.slice(max).map((e) => e.text),
      path: [],
    });
  }
  return { mailboxes, invalid };
}

/**
 * Parses exactly one address, bare or with a display name.
 *
 * @example
 * const r = parseAddress('Ann <Ann@Example.COM>');
 * if (r.ok) r.value.key; // 'ann@example.com'
 */
export function parseAddress(input: unknown, options: IdentityOptions = {}): Result<Mailbox, AddressIssue> {
  options ??= {};
  if (typeof input === 'object' && input !== null && 'address' in input) {
    // A Mailbox (or mailbox-like JSON) is re-parsed: stored data is not trusted.
    const { address, name } = input as { address: unknown; name?: unknown };
    const parsed = parseAddress(address, options);
    if (!parsed.ok) return parsed;
    return ok({ ...parsed.value, name: typeof name === 'string' ? cleanName(name) : null });
  }
  if (typeof input !== 'string') return err({ code: 'not-a-string', message: 'An address must be a string.', input, path: [] });
  // The common case, one entry with no list or group syntax, skips the list machinery.
  if (!SPLITTING.test(input)) {
    const text = trimBlanks(input);
    const parsed = text === '' ? null : parseEntry(text, options);
    if (parsed?.ok === false) return parsed;
    if (parsed?.value.length === 1) return ok(parsed.value[0] as Mailbox);
  }
  // Typed text is not a header: a CR/LF in it is never folding, always suspicious.
  const { mailboxes, invalid } = parseAddressList(input, { ...options, unfold: false });
  if (invalid.length > 0) return err(invalid[0] as AddressIssue);
  if (mailboxes.length !== 1) {
    return err({ code: 'expected-one-address', message: `Expected one address, found ${mailboxes.length}.`, input, path: [] });
  }
  return ok(mailboxes[0] as Mailbox);
}
